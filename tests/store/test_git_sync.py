"""Autocommit in a real temporary repository: only the written day file is committed, the
person's staged work stays staged, and a missing git is a message, never an exception."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from taper_tui.core.model import Day, Dose, Event, EventType
from taper_tui.store import git_sync
from taper_tui.store.day_writer import DayPatch, save_day
from taper_tui.store.init_journal import init_journal

TODAY = dt.date(2026, 11, 27)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the machine's git configuration (identity, hooks, signing) out of the tests."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_INDEX_FILE", raising=False)
    git_sync._said_once.clear()


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def make_journal(tmp_path: Path, *, repo: bool = True) -> Path:
    root = tmp_path / "journal"
    init_journal(root, TODAY, git=repo)
    return root


def test_commit_holds_only_the_written_day_and_staged_work_stays_staged(tmp_path: Path) -> None:
    root = make_journal(tmp_path)
    (root / "todo.txt").write_text("ask about liquid\n")
    git(root, "add", "todo.txt")
    (root / "taper.yaml").write_text((root / "taper.yaml").read_text() + "# unstaged edit\n")

    result = save_day(root, DayPatch(date=TODAY,
                                     doses={"sertraline": (Dose("sertraline", Decimal("37.5")),)},
                                     symptoms={"brain_zaps": 3}))
    commit = git_sync.autocommit_day(root, result.rel, result.day, TODAY)

    assert commit.committed
    assert commit.message.endswith("2026-11-27: sertraline 37.5 mg; brain_zaps 3")
    assert git(root, "log", "-1", "--format=%s") == "2026-11-27: sertraline 37.5 mg; brain_zaps 3\n"
    files = git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert files == ["days/2026/2026-11-27.yaml"]
    status = git(root, "status", "--porcelain").splitlines()
    assert "A  todo.txt" in status
    assert " M taper.yaml" in status
    assert not any("2026-11-27" in line for line in status)


def test_no_identity_falls_back_and_second_unchanged_commit_is_skipped(tmp_path: Path) -> None:
    root = make_journal(tmp_path)
    result = save_day(root, DayPatch(date=TODAY, append_note="first"))
    first = git_sync.autocommit_day(root, result.rel, result.day, TODAY)
    again = git_sync.autocommit_day(root, result.rel, result.day, TODAY)

    assert first.committed and first.message.endswith("2026-11-27: note")
    assert git(root, "log", "-1", "--format=%an") == "taper-tui\n"
    assert not again.committed and again.message == "git: nothing new to commit"


def test_not_a_repository_says_so_once(tmp_path: Path) -> None:
    root = make_journal(tmp_path, repo=False)
    result = save_day(root, DayPatch(date=TODAY, symptoms={"anxiety": 2}))

    first = git_sync.autocommit_day(root, result.rel, result.day, TODAY)
    second = git_sync.autocommit_day(root, result.rel, result.day, TODAY)

    assert not first.committed
    assert "not a git repository" in first.message
    assert second == git_sync.CommitResult(False, "")


def test_missing_git_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_journal(tmp_path, repo=False)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

    commit = git_sync.autocommit(root, ["days/2026/2026-11-27.yaml"], "x")
    history = git_sync.history_of(root, "days/2026/2026-11-27.yaml")

    assert not commit.committed and "git is not installed" in commit.message
    assert history.revisions == () and history.message == "no history: git is not installed"


def test_history_lists_each_change_with_its_diff(tmp_path: Path) -> None:
    root = make_journal(tmp_path)
    for score in (3, 5):
        result = save_day(root, DayPatch(date=TODAY, symptoms={"brain_zaps": score}))
        git_sync.autocommit_day(root, result.rel, result.day, TODAY)
    save_day(root, DayPatch(date=TODAY, symptoms={"anxiety": 1}))

    history = git_sync.history_of(root, "days/2026/2026-11-27.yaml")

    assert [r.subject for r in history.revisions] == [
        "2026-11-27: brain_zaps 5", "2026-11-27: brain_zaps 3"]
    assert "-  brain_zaps: 3\n+  brain_zaps: 5" in history.revisions[0].diff
    assert history.uncommitted


def test_commit_message_summarises_the_day() -> None:
    day = Day(date=TODAY, path="days/2026/2026-11-27.yaml",
              doses=(Dose("sertraline", Decimal("25")), Dose("sertraline", Decimal("12.50"))),
              symptoms={"brain_zaps": 3, "anxiety": 4},
              events=(Event(EventType.HOLD, "sertraline"),))
    assert git_sync.commit_message(day, TODAY) == (
        "2026-11-27: sertraline 37.5 mg; brain_zaps 3, anxiety 4; hold sertraline")

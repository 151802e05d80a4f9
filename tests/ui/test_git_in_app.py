"""Autocommit after a save in the app, and the History screen's git pane, in real repositories."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from taper_tui.ui.screens.log import LogScreen
from tests.ui.conftest import make_app, settle, type_fast

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
DAY = "days/2026/2026-11-27.yaml"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def make_repo(root: Path, autocommit: bool = True) -> None:
    settings = root / "taper.yaml"
    text = settings.read_text(encoding="utf-8")
    if autocommit:
        settings.write_text(text.replace("autocommit: false", "autocommit: true"),
                            encoding="utf-8")
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.org")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "journal")


async def test_a_value_logged_in_the_app_is_committed_alone(journal_dir: Path) -> None:
    make_repo(journal_dir)
    (journal_dir / "unrelated.txt").write_text("mine\n", encoding="utf-8")
    git(journal_dir, "add", "unrelated.txt")  # staged by the person: never ours to commit
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        type_fast(app, "l", "enter", "3", "2")
        await settle(app, pilot)
        await settle(app, pilot)
        log = app.screen
        assert isinstance(log, LogScreen)
        head = str(log.query_one("#log-head").render())
        assert "✓ saved" in head and "committed" in head
    subjects = git(journal_dir, "log", "--format=%s").splitlines()
    assert subjects[0].startswith("2026-11-27: sertraline ")
    assert subjects[0].endswith("brain_zaps 3, dizziness 2")
    assert subjects[-1] == "journal"
    for sha in git(journal_dir, "log", "--format=%H", "HEAD~1..HEAD").split():
        files = git(journal_dir, "show", "--name-only", "--format=", sha).split()
        assert files == [DAY]
    assert git(journal_dir, "diff", "--cached", "--name-only").split() == ["unrelated.txt"]
    assert git(journal_dir, "status", "--porcelain", "--", DAY) == ""


async def test_no_repository_is_said_once_and_the_save_still_happens(journal_dir: Path) -> None:
    settings = journal_dir / "taper.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "autocommit: false", "autocommit: true"), encoding="utf-8")
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        type_fast(app, "l", "enter")
        await settle(app, pilot)
        type_fast(app, "4")
        await settle(app, pilot)
        said = [n.message for n in app._notifications if n.title == "git"]
    assert len(said) == 1 and "not a git repository" in said[0]
    assert "brain_zaps: 4" in (journal_dir / DAY).read_text(encoding="utf-8")


def pane_text(app: object) -> str:
    from taper_tui.ui.widgets.git_pane import GitPane

    pane = app.screen.query_one(GitPane)  # type: ignore[attr-defined]
    return str(pane.query_one("#git-text").render())


async def test_g_in_history_shows_the_selected_days_commits_and_diffs(journal_dir: Path) -> None:
    make_repo(journal_dir, autocommit=False)
    day26 = journal_dir / "days/2026/2026-11-26.yaml"
    day26.write_text(day26.read_text(encoding="utf-8").replace("anxiety: 2", "anxiety: 7"),
                     encoding="utf-8")
    git(journal_dir, "commit", "-q", "-am", "anxiety was worse")
    app = make_app(journal_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("h", "g")
        await settle(app, pilot)
        text = pane_text(app)
        assert "git history of days/2026/2026-11-26.yaml" in text
        assert "anxiety was worse" in text and "+  anxiety: 7" in text
        assert text.index("anxiety was worse") < text.index("journal")  # newest first
        await pilot.press("down")
        await settle(app, pilot)
        assert "days/2026/2026-11-25.yaml" in pane_text(app)
        await pilot.press("g")
        assert not app.screen.query_one("#git-pane").display


async def test_g_outside_a_repository_says_so(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("h", "g")
        await settle(app, pilot)
        assert "not a git repository" in pane_text(app)

"""init / check / log through the real entry points: exit codes, output, files on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from taper_tui.cli.main import COMMAND_MODULES, build_parser, main

DAY = "days/2026/2026-11-27.yaml"


def run(*args: str, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a person runs it."""
    exe = shutil.which("taper-tui", path=str(Path(sys.executable).parent))
    assert exe, "the taper-tui console script is not installed"
    return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd, timeout=60,
                          env={**os.environ, **(env or {})}, check=False)


def test_init_creates_a_commented_owner_only_journal(tmp_path: Path) -> None:
    proc = run("init", str(tmp_path / "j"))
    assert proc.returncode == 0, proc.stderr
    root = tmp_path / "j"
    text = (root / "taper.yaml").read_text()
    assert text.startswith("# taper.yaml") and "cut_percent: 10" in text
    assert (root / "days").is_dir()
    assert ".taper-cache/" in (root / ".gitignore").read_text()
    assert root.stat().st_mode & 0o777 == 0o700
    # The new journal is clean.
    assert run("check", str(root)).returncode == 0
    # And init never overwrites it.
    again = run("init", str(root))
    assert again.returncode == 2
    assert "already holds a journal" in again.stderr and "Traceback" not in again.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_git_makes_a_first_commit(tmp_path: Path) -> None:
    proc = run("init", str(tmp_path / "j"), "--git")
    assert proc.returncode == 0, proc.stderr
    log = subprocess.run(["git", "log", "--name-only", "--format=%s"], cwd=tmp_path / "j",
                         capture_output=True, text=True, check=True).stdout
    assert "Start the taper journal" in log and "taper.yaml" in log


def test_log_writes_through_the_store_and_repeats_are_byte_identical(
        make_journal: Callable[..., Path]) -> None:
    root = make_journal()
    args = ["log", str(root), "--dose", "sertraline=45@08:10", "--symptom", "anxiety=4",
            "--exposure", "caffeine=1 cup@09:30", "--event", "cut:sertraline", "--note", "ok"]
    assert main(args) == 0
    first = (root / DAY).read_bytes()
    assert b'time: "08:10"' in first and b"anxiety: 4" in first and b"type: cut" in first
    assert main(args) == 0
    assert (root / DAY).read_bytes() == first
    assert main(["log", str(root), "--date", "yesterday", "--symptom", "anxiety=2"]) == 0
    assert (root / "days/2026/2026-11-26.yaml").read_text() == (
        "date: 2026-11-26\nsymptoms:\n  anxiety: 2\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dose", "sertraline=abc"], "not a number"),
        (["--dose", "sertraline=-5"], "0 mg or more"),
        (["--dose", "sertraline"], "DRUG=MG"),
        (["--dose", "paroxetine=10"], "not a drug in taper.yaml"),
        (["--dose", "sertraline=5@25:00"], "HH:MM"),
        (["--symptom", "anxiety=11"], "0-10"),
        (["--symptom", "anxiety=lots"], "whole number"),
        (["--event", "vanished"], "must be one of"),
        (["--date", "2027-01-01", "--symptom", "anxiety=1"], "in the future"),
        (["--date", "someday", "--symptom", "anxiety=1"], "not a date"),
        ([], "nothing to log"),
    ],
)
def test_log_bad_arguments_exit_2_with_one_line(
        make_journal: Callable[..., Path], capsys: pytest.CaptureFixture[str],
        args: list[str], message: str) -> None:
    root = make_journal()
    assert main(["log", str(root), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (root / "days/2026").exists()


def test_check_exit_codes_and_json(make_journal: Callable[..., Path]) -> None:
    clean = make_journal({"days/2026/2026-11-20.yaml": "date: 2026-11-20\n"}, name="clean")
    proc = run("check", str(clean))
    assert proc.returncode == 0 and "0 errors, 0 warnings" in proc.stdout
    day = "days/2026/2026-11-20.yaml"
    warn = make_journal({day: "date: 2026-11-20\nsymptoms:\n  tinnitus: 1\n"}, name="warn")
    assert run("check", str(warn)).returncode == 0
    bad = make_journal({day: "date: 2026-11-20\nsymptoms:\n  anxiety: 12\n"}, name="bad")
    proc = run("check", str(bad))
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith(
        "days/2026/2026-11-20.yaml:3:3: error: score of anxiety must be 0-10, not 12")
    proc = run("check", str(bad), "--json")
    assert proc.returncode == 1
    [problem] = json.loads(proc.stdout)
    assert {k: problem[k] for k in ("path", "line", "column", "severity", "code")} == {
        "path": "days/2026/2026-11-20.yaml", "line": 3, "column": 3, "severity": "error",
        "code": "out-of-range"}
    assert "message" in problem
    assert run("check", str(bad / "nowhere")).returncode == 2
    assert run("check", "--no-such-flag").returncode == 2


def test_journal_discovery_order(make_journal: Callable[..., Path], tmp_path: Path) -> None:
    env_journal = make_journal(name="from-env")
    cwd_journal = make_journal(name="from-cwd")
    # $TAPER_JOURNAL beats the current folder.
    proc = run("check", cwd=cwd_journal, env={"TAPER_JOURNAL": str(env_journal)})
    assert str(env_journal) in proc.stdout
    proc = run("check", cwd=cwd_journal)
    assert str(cwd_journal) in proc.stdout
    # The per-user default comes last.
    default = tmp_path / "xdg" / "taper_tui" / "journal"
    default.parent.mkdir(parents=True)
    shutil.copytree(env_journal, default)
    proc = run("check", cwd=tmp_path, env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert str(default) in proc.stdout
    # With none, the message says where it looked.
    proc = run("check", cwd=tmp_path, env={"XDG_DATA_HOME": str(tmp_path / "none")})
    assert proc.returncode == 2
    assert "looked in" in proc.stderr and str(tmp_path) in proc.stderr


def test_every_command_has_help_and_there_is_a_version() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"init", "check", "log"} <= set(commands)
    for name in commands:
        proc = run(name, "--help")
        assert proc.returncode == 0 and "usage:" in proc.stdout, name
    assert run("--version").stdout.startswith("taper-tui ")
    assert len(COMMAND_MODULES) >= 2


def test_python_dash_m_and_the_short_alias(make_journal: Callable[..., Path]) -> None:
    root = make_journal()
    proc = subprocess.run([sys.executable, "-m", "taper_tui", "check", str(root)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    short = shutil.which("taper", path=str(Path(sys.executable).parent))
    assert short is not None
    assert subprocess.run([short, "--version"], capture_output=True, text=True,
                          check=False).returncode == 0


def test_a_journal_folder_in_place_of_a_command_opens_the_app(
        monkeypatch: pytest.MonkeyPatch, make_journal: Callable[..., Path]) -> None:
    from taper_tui.cli import app_commands

    opened: list[Path] = []
    monkeypatch.setattr(app_commands, "_run_app", lambda root, **_: opened.append(root) or 0)
    root = make_journal()
    assert main([str(root)]) == 0
    assert main(["open", str(root)]) == 0
    assert opened == [root, root]


@pytest.mark.parametrize(
    "command",
    [["status"], ["plan"], ["due"], ["export", "--format", "csv", "-o", "{tmp}/x.csv"],
     ["report", "-o", "{tmp}/r.md"], ["calendar", "-o", "{tmp}/c.ics"]],
)
def test_every_reading_command_reports_problems_as_check_does(
        make_journal: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        command: list[str]) -> None:
    root = make_journal({
        "days/2026/2026-11-20.yaml": "date: 2026-11-20\nsymptoms:\n  anxiety: 12\n  insomnia: 3\n",
        "days/2026/2026-11-21.yaml": "date: 2026-11-21\nsymptoms:\n  anxiety: 2\n",
    })
    expected = ("days/2026/2026-11-20.yaml:3:3: error: score of anxiety must be 0-10, not 12 "
                "(hint: 0 = none, 10 = worst)")
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    code = main([args[0], str(root), *args[1:]])
    assert code in (0, 1)  # `due` says 1 when something is due
    assert expected in capsys.readouterr().err.splitlines()


def test_demo_opens_a_copy_as_on_the_samples_day(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    import datetime as dt

    from taper_tui.cli import app_commands

    seen: list[tuple[Path, dt.date | None]] = []
    monkeypatch.setattr(app_commands, "_run_app",
                        lambda root, date=None, **_: seen.append((root, date)) or 0)
    monkeypatch.delenv("TAPER_TODAY")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))  # the copy goes under tmp_path
    assert main(["demo"]) == 0
    [(root, date)] = seen
    assert date == app_commands.DEMO_TODAY
    assert (root / "taper.yaml").is_file() and root != app_commands.sample_journal_dir()

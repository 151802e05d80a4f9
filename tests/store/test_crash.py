"""kill -9 at random moments while day files and taper.yaml are written: no file is ever torn."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

from synth_journal import TODAY, write_journal

from taper_tui.store import load_journal

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import crash_writer  # noqa: E402

KILLS = 120


def test_a_hundred_and_twenty_kills_leave_every_file_whole(tmp_path: Path) -> None:
    root = tmp_path / "j"
    write_journal(root, 20)
    report = crash_writer.kill_loop(root, KILLS, seed=7, max_delay=0.04)
    assert report.kills == KILLS
    assert report.torn == []
    assert report.unparseable == []
    assert report.writes_logged >= 20  # The writers did get to write, many times.
    result = load_journal(root, TODAY)
    assert len(result.journal.days) == 20
    assert not [p for p in result.problems if p.severity.value == "error"]


def test_a_separate_writer_process_killed_with_sigkill(tmp_path: Path) -> None:
    """The same through the command line entry point, as `kill -9` from a shell would do it."""
    root = tmp_path / "j"
    write_journal(root, 5)
    log = tmp_path / "hashes"
    originals = {hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*.yaml")}
    for delay in (0.3, 0.45):
        proc = subprocess.Popen([sys.executable, str(BENCHMARKS / "crash_writer.py"), str(root),
                                 str(log), "--seed", str(int(delay * 100))])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    known = originals | crash_writer.known_hashes(root, log)
    for path in root.rglob("*.yaml"):
        assert hashlib.sha256(path.read_bytes()).hexdigest() in known, path
    result = load_journal(root, TODAY, use_cache=False)
    assert not [p for p in result.problems if p.severity.value == "error"]

#!/usr/bin/env python3
"""A process that keeps writing day files and taper.yaml, to be killed with SIGKILL at any moment.

    python benchmarks/crash_writer.py JOURNAL LOG [--seed S]        # writes until killed

It writes through the real store (`save_day`, `save_settings`: round-trip YAML, atomic replace,
fsync). Before each replace it appends the SHA-256 of the bytes it is about to put in place to LOG,
so a checker can tell a complete file (its hash is the original's or one in LOG) from a torn one.
`kill_loop` runs the whole experiment in one process: it forks a writer, kills it with SIGKILL after
a random delay, checks every file, and repeats (a fork costs about a millisecond, a fresh
interpreter 0.1-0.2 s, so thousands of kills fit in minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import select
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SYMPTOMS = ("anxiety", "insomnia", "brain_zaps", "dizziness")


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _install_logging(log: Path) -> None:
    """Record every hash about to be written, in the writer's own process."""
    from taper_tui.store import atomic, day_writer, settings_writer

    real = atomic.atomic_write
    handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def logged(path: Path, data: bytes) -> None:
        os.write(handle, f"{path.name} {_hash(data)}\n".encode())
        real(path, data)

    day_writer.atomic_write = logged  # type: ignore[attr-defined]
    settings_writer.atomic_write = logged  # type: ignore[attr-defined]


def write_forever(root: Path, log: Path, seed: int, days: list[dt.date]) -> None:
    """Write random changes to random days (and now and then taper.yaml) until killed."""
    from taper_tui.store.day_writer import DayPatch, save_day
    from taper_tui.store.settings_writer import save_settings

    _install_logging(log)
    rng = random.Random(seed)
    n = 0
    while True:
        n += 1
        if rng.random() < 0.2:
            save_settings(root, {("rules", "baseline_days"): rng.randrange(7, 30)}, None)
            continue
        date = rng.choice(days)
        patch = DayPatch(
            date=date,
            symptoms={rng.choice(SYMPTOMS): rng.randrange(11)},
            append_note=f"crash test write {seed}-{n}: " + "x" * rng.randrange(0, 600),
            notes="" if rng.random() < 0.05 else None,
        )
        save_day(root, patch)


@dataclass
class KillReport:
    kills: int = 0
    torn: list[str] = field(default_factory=list)
    unparseable: list[str] = field(default_factory=list)
    leftover_tmp: int = 0
    writes_logged: int = 0


def known_hashes(root: Path, log: Path) -> set[str]:
    hashes = set()
    if log.exists():
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 2:
                hashes.add(parts[1])
    return hashes


def check_files(root: Path, log: Path, originals: set[str], report: KillReport) -> None:
    """Every file must be complete (a hash we know) and load without a problem."""
    from taper_tui.store import load_journal

    known = originals | known_hashes(root, log)
    for path in [root / "taper.yaml", *sorted((root / "days").rglob("*.yaml"))]:
        if _hash(path.read_bytes()) not in known:
            report.torn.append(str(path.relative_to(root)))
    result = load_journal(root, dt.date(2026, 11, 27), use_cache=False)
    bad = {p.path for p in result.problems if p.severity.value == "error"}
    report.unparseable.extend(sorted(bad))
    report.leftover_tmp = sum(1 for p in root.rglob(".*.tmp"))


def kill_loop(root: Path, kills: int, seed: int = 1, max_delay: float = 0.1,
              progress: Callable[[int], Any] | None = None) -> KillReport:
    """Fork a writer, SIGKILL it after a random delay, check the journal; `kills` times."""
    root = Path(root)
    log = root.parent / f"{root.name}.hashes"
    log.unlink(missing_ok=True)
    originals = {_hash(p.read_bytes()) for p in root.rglob("*.yaml")}
    days = sorted(dt.date.fromisoformat(p.stem) for p in (root / "days").rglob("*.yaml"))[-20:]
    rng = random.Random(seed)
    report = KillReport()
    # Import and warm the writers before forking, so children start writing at once.
    import taper_tui.store.settings_writer  # noqa: F401
    from taper_tui.store.yaml_io import dump_rt, load_rt

    dump_rt(*load_rt((root / "taper.yaml").read_text(encoding="utf-8")))

    for i in range(kills):
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # The writer: never returns into the caller's code.
            try:
                os.close(ready_r)
                os.write(ready_w, b"r")
                write_forever(root, log, seed * 100_003 + i, days)
            finally:
                os._exit(0)
        os.close(ready_w)
        # The delay counts from the writer running: on a busy machine a child may get no CPU
        # for longer than the delay, and a kill before it ran would test nothing.
        select.select([ready_r], [], [], 5.0)
        os.close(ready_r)
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            report.unparseable.append(f"writer {i} exited by itself: status {status}")
        report.kills += 1
        # Check after every kill: a torn file must not be hidden by the next writer's save.
        check_files(root, log, originals, report)
        if report.torn or report.unparseable:
            break
        if progress is not None:
            progress(i + 1)
    report.writes_logged = len(known_hashes(root, log))
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("journal", type=Path)
    ap.add_argument("log", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    days = sorted(dt.date.fromisoformat(p.stem) for p in (args.journal / "days").rglob("*.yaml"))
    write_forever(args.journal, args.log, args.seed, days[-20:] or [dt.date(2026, 11, 26)])
    return 0


__all__ = ["KillReport", "kill_loop", "write_forever"]

if __name__ == "__main__":
    sys.exit(main())

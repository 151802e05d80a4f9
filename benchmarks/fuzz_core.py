"""Fuzzing the journal reader: a byte-level mutator and the checks every mutated file must pass.

Used by `tests/store/test_fuzz.py` (a few hundred cases) and `benchmarks/faults.py` (10,000+).
For each case a mutated day file or `taper.yaml` is put in a small journal and loaded; the load must

- never raise (no traceback), and take under `SLOW_S` seconds;
- report an error naming the file whenever the file yields no day (nothing dropped silently);
- agree with ruamel's own safe loader: the fast loader gives the same data or hands over.
"""

from __future__ import annotations

import datetime as dt
import random
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from taper_tui.store import load_journal

TODAY = dt.date(2026, 11, 27)
SLOW_S = 1.0
DAY_REL = "days/2026/2026-11-20.yaml"

INTERESTING = [
    b":", b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!binary ", b"!!python/object ",
    b"|", b">", b'"', b"'", b"\t", b"\n", b"\r\n", b"#", b"%YAML 1.1\n", b"---\n", b"...\n",
    b"\x00", b"\xff", b"\xc3", b"\xe2\x80\xa8", b"\xef\xbb\xbf", b"? ", b"<<: ", b"~", b"null",
    b"1e9999", b"-0", b"0x", b"0o7", b"9" * 40, b".inf", b".nan", b"2026-02-30", b"25:61",
    b"\xf0\x9f\x92\x8a", b"\x1b[31m", b"\\", b"\\u0000", b"=", b"<<<<<<< HEAD\n", b"=======\n",
]


def mutate(data: bytes, rng: random.Random, other: bytes = b"") -> bytes:
    """One to four random byte-level edits of `data`."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(9)
        pos = rng.randrange(len(out) + 1)
        if op == 0 and out:  # flip a byte
            out[min(pos, len(out) - 1)] = rng.randrange(256)
        elif op == 1:  # insert something YAML cares about
            out[pos:pos] = rng.choice(INTERESTING)
        elif op == 2:  # delete a run
            del out[pos:pos + rng.randint(1, 40)]
        elif op == 3:  # duplicate a run
            out[pos:pos] = out[pos:pos + rng.randint(1, 80)]
        elif op == 4:  # truncate
            del out[pos:]
        elif op == 5:  # shift indentation of a line
            start = out.rfind(b"\n", 0, pos) + 1
            out[start:start] = b" " * rng.choice((1, 2, 3, 4, 8))
        elif op == 6:  # swap two lines
            lines = bytes(out).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            out = bytearray(b"\n".join(lines))
        elif op == 7 and other:  # splice in a piece of another file
            start = rng.randrange(len(other))
            out[pos:pos] = other[start:start + rng.randint(1, 120)]
        else:  # insert random bytes
            out[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(out)


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


@dataclass
class FuzzReport:
    cases: int = 0
    bad_files: int = 0
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    unreported: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    slowest_s: float = 0.0


def _reference(text: str) -> tuple[str, Any]:
    from ruamel.yaml import YAML

    try:
        return "ok", YAML(typ="safe", pure=False).load(text)
    except Exception as exc:  # Any failure: the fast loader must then not claim success.
        return "error", type(exc).__name__


def _differential(data: bytes, report: FuzzReport, label: str) -> None:
    from taper_tui.store.fast_yaml import Fallback, fast_load

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        fast: tuple[str, Any] = ("ok", fast_load(text))
    except Fallback:
        return
    except Exception as exc:
        report.disagreements.append(f"{label}: fast loader raised {type(exc).__name__}")
        return
    ref = _reference(text)
    if ref != fast and repr(ref) != repr(fast):
        report.disagreements.append(f"{label}: fast {fast!r:.80} != ruamel {ref!r:.80}")


def run_case(root: Path, rel: str, data: bytes, report: FuzzReport, label: str) -> None:
    """Put `data` at `rel` in the journal at `root`, load it, check the rules above."""
    path = root / rel
    path.write_bytes(data)
    report.cases += 1
    start = time.perf_counter()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, 10 * SLOW_S)
    try:
        result = load_journal(root, TODAY, use_cache=False)
    except Hang:
        report.hangs.append(f"{label}: over {10 * SLOW_S:.0f} s")
        return
    except Exception as exc:
        report.tracebacks.append(f"{label}: {type(exc).__name__}: {exc}"[:300])
        return
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    took = time.perf_counter() - start
    report.slowest_s = max(report.slowest_s, took)
    if took > SLOW_S:
        report.hangs.append(f"{label}: {took:.2f} s")
    errors = {p.path for p in result.problems if p.severity.value == "error"}
    if rel == DAY_REL:
        has_day = any(d.path == rel for d in result.journal.days)
        if not has_day:
            report.bad_files += 1
            if rel not in errors:
                report.unreported.append(f"{label}: no day and no error")
    elif rel in errors:
        report.bad_files += 1
    _differential(data, report, label)


def cases(seeds: range, corpus: list[bytes]) -> Iterator[tuple[int, bytes]]:
    for seed in seeds:
        rng = random.Random(seed)
        base = rng.choice(corpus)
        yield seed, mutate(base, rng, rng.choice(corpus))


def fuzz(root: Path, day_corpus: list[bytes], settings_corpus: list[bytes], n: int,
         first_seed: int = 0) -> FuzzReport:
    """`n` mutated files, about four day files for each taper.yaml."""
    report = FuzzReport()
    settings_path = root / "taper.yaml"
    original_settings = settings_path.read_bytes()
    day_path = root / DAY_REL
    original_day = day_path.read_bytes()
    n_settings = n // 5
    for seed, data in cases(range(first_seed, first_seed + n - n_settings), day_corpus):
        run_case(root, DAY_REL, data, report, f"day seed {seed}")
    day_path.write_bytes(original_day)
    for seed, data in cases(range(first_seed, first_seed + n_settings), settings_corpus):
        run_case(root, "taper.yaml", data, report, f"taper.yaml seed {seed}")
    settings_path.write_bytes(original_settings)
    return report

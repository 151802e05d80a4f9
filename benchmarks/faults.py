#!/usr/bin/env python3
"""The full fault run: 1,000+ kill -9s of a writer and 10,000+ fuzzed files, with counts.

    python benchmarks/faults.py [--kills 1000] [--fuzz 10000] [--work DIR]

The test suite runs smaller samples of the same code (`tests/store/test_crash.py`,
`tests/store/test_fuzz.py`). Exit status 0 only when every file stayed whole and parseable, no
fuzz case raised, hung or went unreported, and the fast loader never disagreed with ruamel.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "store")]

import crash_writer  # noqa: E402
import fuzz_core  # noqa: E402
from synth_journal import SETTINGS, day_text, write_journal  # noqa: E402


def corpus(sample: Path) -> tuple[list[bytes], list[bytes]]:
    import datetime as dt
    import random

    rng = random.Random(5)
    days = [day_text(dt.date(2026, 11, 20), i, rng).encode() for i in (0, 1, 27, 28, 401, 402)]
    settings = [SETTINGS.encode()]
    if (sample / "taper.yaml").exists():
        days += [p.read_bytes() for p in sorted(sample.rglob("days/**/*.yaml"))[::10]]
        settings.append((sample / "taper.yaml").read_bytes())
    gen = HERE / "gen_journal.py"
    if gen.exists():
        import subprocess

        out = Path(tempfile.mkdtemp(prefix="faults-gen-")) / "j"
        subprocess.run([sys.executable, str(gen), str(out), "--years", "1"], check=True,
                       capture_output=True)
        days += [p.read_bytes() for p in sorted(out.rglob("days/**/*.yaml"))[::15]]
        settings.append((out / "taper.yaml").read_bytes())
    return days, settings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=1000)
    ap.add_argument("--fuzz", type=int, default=10000)
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="taper-faults-"))
    shutil.rmtree(work / "crash", ignore_errors=True)
    shutil.rmtree(work / "fuzz", ignore_errors=True)
    ok = True

    start = time.perf_counter()
    root = work / "crash" / "j"
    write_journal(root, 20)
    kill = crash_writer.kill_loop(root, args.kills, seed=11, max_delay=0.15)
    took = time.perf_counter() - start
    print(f"kill -9: {kill.kills} kills in {took:.0f} s; {kill.writes_logged} distinct complete "
          f"writes logged; torn files: {len(kill.torn)}; unparseable: {len(kill.unparseable)}; "
          f"temporary files left by killed writers (ignored by the store, removed by a later "
          f"write once stale): {kill.leftover_tmp}")
    for line in kill.torn + kill.unparseable:
        print("  ", line)
    ok &= kill.kills >= args.kills and not kill.torn and not kill.unparseable

    start = time.perf_counter()
    froot = work / "fuzz" / "j"
    write_journal(froot, 10)
    days, settings = corpus(HERE.parent / "sample_journal")
    report = fuzz_core.fuzz(froot, days, settings, n=args.fuzz, first_seed=0)
    took = time.perf_counter() - start
    print(f"fuzz: {report.cases} cases ({len(days)} day files and {len(settings)} taper.yaml as "
          f"seeds) in {took:.0f} s; bad files reported: {report.bad_files}; tracebacks: "
          f"{len(report.tracebacks)}; over {fuzz_core.SLOW_S:.0f} s: {len(report.hangs)} "
          f"(slowest {report.slowest_s * 1000:.0f} ms); bad files not reported: "
          f"{len(report.unreported)}; fast loader disagreeing with ruamel: "
          f"{len(report.disagreements)}")
    for line in (report.tracebacks + report.hangs + report.unreported
                 + report.disagreements)[:40]:
        print("  ", line)
    ok &= report.cases >= args.fuzz and not (report.tracebacks or report.hangs
                                             or report.unreported or report.disagreements)
    print("all fault checks passed" if ok else "FAULT CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The one benchmark: every goal of issue 7 measured as whole processes, against same-run baselines.

    python benchmarks/bench.py [--years 1,3,10,30] [--runs 5] [--work DIR] [--out FILE]

Each measurement starts a fresh process N times after one warm-up run that is not counted, and
takes the wall time from spawn to reap and the peak RSS of that one child (`os.wait4`). It prints
medians, min-max and the ratio of medians against the baselines measured in this same run:

- `baseline_textual.py`: a minimal Textual app painting one Static (for `taper-tui screenshot`);
- `baseline_read.py`: a process that only reads the bytes of the journal's files;
- `baseline_parse.py`: a process that only parses them with ruamel's safe C loader.

Journals come from `benchmarks/gen_journal.py` (1, 3, 10 and 30 years). The output is a Markdown
table with the date, machine and Python version, ready for the README (see RESULTS.md).

The key-press rows (issue 5: a key in Log on screen and saved within 50 ms) come from
`keypress.py`, run as one process per journal (1 and 10 years): per key press, not per process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
TODAY = "2026-11-27"
KEY_PRESSES = 50
TAPER = [PY, "-m", "taper_tui"]
if (Path(PY).parent / "taper-tui").exists():
    TAPER = [str(Path(PY).parent / "taper-tui")]


@dataclass(frozen=True)
class Sample:
    """Medians and ranges of N whole-process runs."""

    wall: tuple[float, ...]
    rss_mib: tuple[float, ...]
    ok: bool
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")

    def cell(self) -> str:
        if not self.ok:
            return f"failed: {self.note}"
        return f"{self.median:.3f} s ({min(self.wall):.3f}–{max(self.wall):.3f})"

    def rss(self) -> str:
        return f"{statistics.median(self.rss_mib):.0f} MiB" if self.rss_mib else "–"


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS MiB, exit status and stderr tail of one process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return wall, usage.ru_maxrss / 1024, proc.returncode, tail[0]


def measure(cmd: list[str] | Callable[[int], list[str]], runs: int,
            setup: Callable[[], None] | None = None, ok_codes: tuple[int, ...] = (0, 1)) -> Sample:
    """One warm-up run, then `runs` timed runs (`setup` runs before each, untimed)."""
    env = {**os.environ, "TAPER_TODAY": TODAY, "PYTHONDONTWRITEBYTECODE": "1"}
    walls: list[float] = []
    rss: list[float] = []
    for i in range(runs + 1):
        if setup is not None:
            setup()
        argv = cmd(i) if callable(cmd) else cmd
        wall, peak, code, tail = run_once(argv, env)
        if code not in ok_codes:
            return Sample((), (), False, f"exit {code}: {tail[:120]}")
        if i:
            walls.append(wall)
            rss.append(peak)
    return Sample(tuple(walls), tuple(rss), True)


def generate(work: Path, years: int) -> Path:
    root = work / f"journal-{years}y"
    if (root / "taper.yaml").exists():
        return root
    gen = HERE / "gen_journal.py"
    subprocess.run([PY, str(gen), str(root), "--years", str(years)], check=True,
                   stdout=subprocess.DEVNULL)
    return root


def drop_cache(root: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(root / ".taper-cache", ignore_errors=True)


def drop_memo(root: Path, name: str) -> Callable[[], None]:
    """Remove one memoised result (`store.result_memo`): the run then loads from the cache."""
    return lambda: (root / ".taper-cache" / f"memo-{name}.json").unlink(missing_ok=True)


def touch_one(root: Path) -> Callable[[], None]:
    """Change one day file the way an editor would (a new comment line, new mtime)."""
    last = sorted((root / "days").rglob("*.yaml"))[-2]
    counter = [0]

    def setup() -> None:
        counter[0] += 1
        with last.open("a", encoding="utf-8") as handle:
            handle.write(f"# edited {counter[0]}\n")
    return setup


def parsed_after_one_change(root: Path) -> str:
    """In a fresh process: load (cache warm), change one file, load again, count parsed files."""
    code = (
        "import datetime, pathlib, sys, time\n"
        "from taper_tui.store import load_journal\n"
        f"root = pathlib.Path({str(root)!r}); today = datetime.date.fromisoformat({TODAY!r})\n"
        "load_journal(root, today)\n"
        "p = sorted((root / 'days').rglob('*.yaml'))[-3]\n"
        "p.write_text(p.read_text() + '# one more comment\\n')\n"
        "r = load_journal(root, today)\n"
        "print(len(r.parsed), r.parsed[:3])\n"
    )
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=REPO,
                         env={**os.environ, "TAPER_TODAY": TODAY})
    return (out.stdout.strip() or out.stderr.strip().splitlines()[-1])[:120]


def keypress(root: Path, presses: int) -> dict[str, Any] | str:
    """`keypress.py --json` on `root`: per-press milliseconds, or why it failed."""
    out = subprocess.run([PY, str(HERE / "keypress.py"), "--journal", str(root), "--presses",
                          str(presses), "--json"], capture_output=True, text=True, cwd=REPO,
                         env={**os.environ, "TAPER_TODAY": TODAY})
    if out.returncode != 0:
        return f"failed: {(out.stderr.strip().splitlines() or ['?'])[-1][:120]}"
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def ms_cell(s: dict[str, float]) -> str:
    return f"{s['median']:.1f} ms ({s['min']:.1f}–{s['max']:.1f})"


def has_command(name: str) -> bool:
    out = subprocess.run([*TAPER, name, "--help"], capture_output=True, cwd=REPO)
    return out.returncode == 0


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores (`nproc` {len(os.sched_getaffinity(0))}), {cpu}, "
            f"Python {platform.python_version()} ({platform.python_implementation()}), "
            f"{platform.system()} {platform.release()}")


def ratio(a: Sample, b: Sample) -> str:
    if not (a.ok and b.ok):
        return "–"
    return f"{a.median / b.median:.2f}×"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--years", default="1,3,10,30")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=None, help="keep journals here (reused)")
    ap.add_argument("--out", type=Path, default=None, help="also write the table here")
    args = ap.parse_args(argv)
    years = [int(y) for y in args.years.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="taper-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    n = args.runs
    rows: list[tuple[str, str, str, str, str, str]] = []
    log = print if sys.stderr.isatty() else (lambda *a: print(*a, file=sys.stderr))

    def row(what: str, years_: str, s: Sample, vs: str, goal: str) -> None:
        rows.append((what, years_, s.cell(), s.rss(), vs, goal))
        log(f"  {what} [{years_}]: {s.cell()} {vs}")

    roots = {y: generate(work, y) for y in years}
    textual = measure([PY, str(HERE / "baseline_textual.py")], n)
    row("baseline: minimal Textual app, first frame", "–", textual, "", "")
    status_ok = has_command("status")
    screenshot_ok = has_command("screenshot")
    by_year: dict[int, dict[str, Sample]] = {}
    for y in years:
        root = roots[y]
        runs = n if y <= 10 else max(3, n // 2)
        r: dict[str, Sample] = {}
        r["read"] = measure([PY, str(HERE / "baseline_read.py"), str(root)], runs)
        r["parse"] = measure([PY, str(HERE / "baseline_parse.py"), str(root)], runs)
        row("baseline: read the bytes of every file", f"{y} y", r["read"], "", "")
        row("baseline: parse every file (ruamel safe C)", f"{y} y", r["parse"], "", "")
        if status_ok:
            status = [*TAPER, "status", "--json", str(root)]
            r["first"] = measure(status, runs, setup=drop_cache(root))
            row("`status --json`, first run (no cache)", f"{y} y", r["first"],
                f"{ratio(r['first'], r['parse'])} parse-only", "≤ 1.0× parse-only")
            r["warm"] = measure(status, runs)
            row("`status --json`, unchanged journal", f"{y} y", r["warm"],
                f"{ratio(r['warm'], r['read'])} read-only", "≤ 3× read-only")
            r["nomemo"] = measure(status, runs, setup=drop_memo(root, "status"))
            row("`status --json`, unchanged, its memo removed (cache only)", f"{y} y",
                r["nomemo"], f"{ratio(r['nomemo'], r['read'])} read-only", "")
        r["check"] = measure([*TAPER, "check", str(root)], runs)
        row("`check`, unchanged journal", f"{y} y", r["check"],
            f"{ratio(r['check'], r['read'])} read-only", "")
        if screenshot_ok:
            out_svg = work / f"shot-{y}.svg"
            r["shot"] = measure([*TAPER, "screenshot", str(root), "--output", str(out_svg)], runs)
            row("app: `screenshot` (first painted Today screen)", f"{y} y", r["shot"],
                f"{ratio(r['shot'], textual)} minimal app", "≤ 1.3× minimal app, ≤ 80 MiB")
            shot_nomemo = measure([*TAPER, "screenshot", str(root), "--output", str(out_svg)],
                                  runs, setup=drop_memo(root, "glance"))
            row("app: `screenshot`, Today's memo removed (cache only)", f"{y} y", shot_nomemo,
                f"{ratio(shot_nomemo, textual)} minimal app", "")
        # Last: this changes a file (and the next few seconds are within the racy window,
        # where no result may be memoised).
        if status_ok:
            r["one"] = measure(status, runs, setup=touch_one(root))
            row("`status --json`, one day file changed", f"{y} y", r["one"],
                f"{ratio(r['one'], r['read'])} read-only", "")
        by_year[y] = r
    if 10 in roots or years:
        y = 10 if 10 in roots else years[-1]
        copy = work / "log-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(roots[y], copy)
        os.sync()  # the copy's writeback must not land in the timed runs' fsyncs
        log_sample = measure(lambda i: [*TAPER, "log", str(copy), "--symptom",
                                        f"anxiety={i % 2 + 3}"], n)
        row("`log --symptom anxiety=N` (one value, written)", f"{y} y", log_sample, "",
            "≤ 0.150 s")
        parsed = parsed_after_one_change(copy)
        rows.append(("one day file changed → files parsed on next load", f"{y} y", parsed, "",
                     "", "exactly 1"))
    for y in (1, 10):
        if y not in roots:
            continue
        pressed = keypress(roots[y], KEY_PRESSES)
        for what, label in (("reflected_ms", "key press in Log → row on screen"),
                            ("saved_ms", "key press in Log → day file written")):
            if isinstance(pressed, str):
                rows.append((f"app: {label}", f"{y} y", pressed, "", "", "≤ 50 ms"))
                continue
            ms = pressed[what]
            rows.append((f"app: {label} ({KEY_PRESSES} presses)", f"{y} y", ms_cell(ms), "–",
                         f"p90 {ms['p90']:.1f} ms", "≤ 50 ms"))
            log(f"  {label} [{y} y]: {ms_cell(ms)}")
    if 10 in by_year and 30 in by_year:
        for key, label in (("read", "read-only"), ("parse", "parse-only"),
                           ("first", "`status` first run"), ("warm", "`status` unchanged"),
                           ("check", "`check` unchanged"), ("shot", "`screenshot`")):
            a, b = by_year[30].get(key), by_year[10].get(key)
            if a is not None and b is not None:
                rows.append((f"growth 30 y ÷ 10 y: {label}", "30/10", ratio(a, b), "", "",
                             "≤ 3.3×"))
    header = (f"Measured {dt.date.today().isoformat()} on {machine()}; {n} runs per row after "
              "one warm-up (30-year rows: fewer), medians with min–max, whole processes, warm "
              "page cache. Ratios are of medians against baselines from the same run.")
    table = ["| measurement | journal | wall median (min–max) | peak RSS | ratio | goal |",
             "| --- | --- | --- | --- | --- | --- |"]
    table += ["| " + " | ".join(cells) + " |" for cells in rows]
    text = header + "\n\n" + "\n".join(table) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

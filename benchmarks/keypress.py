#!/usr/bin/env python3
"""Key-press latency in the Log screen: from a key to the row on screen, and to the day on disk.

    python benchmarks/keypress.py [--journal DIR] [--years N] [--presses N] [--gap S] [--json]

The goal (issue 5): on a 10-year journal, a key press in the Log screen is reflected on screen
and saved within 50 ms. This opens `TaperApp` headless (`App.run_test`, 100x32) on a copy of the
journal (default: the 10-year journal of `gen_journal.py`, generated once and reused), warms the
journal cache as any earlier run would have, waits until the journal has loaded, opens Log with
`l`, then scores symptom rows with digits: each press sets a symptom to a value other than the one
it has (3 and 4 by turns), so every press changes the day file. The cursor moves down after a
score (as when logging a day); j/k bring it back to the first symptom, untimed.

Per press, with `time.perf_counter`:

- start: just before the `Key` event is posted to the app, as the terminal driver's input thread
  does (`App.post_message`; not `Pilot.press`, which then waits for the app to go idle);
- reflected: the end of the first screen update whose terminal output shows the row with the new
  value. `App._display` is wrapped: it renders the compositor's update to the escape sequences a
  real terminal would be sent (headless Textual skips this step, so the wrapper does it, and its
  cost is counted), takes the time, then looks for the row's text in it;
- saved: the return of `store.day_writer.save_day` in the app's writer thread (the file renamed
  into place and fsynced, the folder fsynced). The wrapper reads the file's bytes at that moment;
  they are parsed after the press (untimed) and must hold the new value.

Presses are by default one at a time with the app idle in between (the save done, no reload
running, the screen painted): the latency of a key on its own. `--gap S` instead
presses every S seconds whatever the app is doing (a person pausing between keys; the app puts
the reload that follows a save off until the Log screen is left, so none runs meanwhile).

Prints medians, p90 and min-max of both, and a verdict against 50 ms; `--json` prints one JSON
object instead (what `bench.py` reads).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

TODAY = dt.date(2026, 11, 27)
SIZE = (100, 32)
GOAL_MS = 50.0
VALUES = (3, 4)
"""Scores set by turns: each press changes the row's value (and so the file)."""
TIMEOUT = 10.0
"""Seconds to wait for one press's frame and save before calling it lost."""
ANSI = re.compile(r"\x1b\[[0-9;:?<=>]*[ -/]*[@-~]"  # CSI: cursor moves, colours
                  r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]")  # OSC, charset


@dataclass
class Probe:
    """What the wrappers saw: screen updates (time, visible text) and saves (time, rel, bytes)."""

    frames: list[tuple[float, str]] = field(default_factory=list)
    saves: list[tuple[float, str, bytes]] = field(default_factory=list)


@dataclass(frozen=True)
class Press:
    row: str
    value: int
    reflected_ms: float
    saved_ms: float


@dataclass(frozen=True)
class Result:
    journal: str
    days: int
    presses: tuple[Press, ...]
    load_s: float

    def summary(self, what: str) -> dict[str, float]:
        values = sorted(getattr(p, what) for p in self.presses)
        return {"median": statistics.median(values), "p90": percentile(values, 90),
                "min": values[0], "max": values[-1]}

    def to_json(self) -> dict[str, Any]:
        return {"journal": self.journal, "days": self.days, "presses": len(self.presses),
                "load_s": round(self.load_s, 3), "goal_ms": GOAL_MS,
                "reflected_ms": self.summary("reflected_ms"),
                "saved_ms": self.summary("saved_ms"),
                "per_press": [[round(p.reflected_ms, 2), round(p.saved_ms, 2)]
                              for p in self.presses]}


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    rank = max(1, round(q / 100 * len(sorted_values) + 0.4999))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def default_journal(years: int) -> Path:
    """The `gen_journal.py` journal of `years` years in the temp folder (made once, reused)."""
    root = Path(tempfile.gettempdir()) / "taper-bench" / f"journal-{years}y"
    if not (root / "taper.yaml").exists():
        import subprocess

        shutil.rmtree(root, ignore_errors=True)
        root.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "gen_journal.py"), str(root), "--years",
                        str(years)], check=True, stdout=subprocess.DEVNULL)
    return root


def install_probe(app: Any, probe: Probe) -> Callable[[], None]:
    """Wrap the app's `_display` and the store's `save_day`; returns the undo."""
    from textual._compositor import CompositorUpdate

    import taper_tui.store.day_writer as day_writer

    display = app._display
    save_day = day_writer.save_day

    def timed_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if isinstance(renderable, CompositorUpdate) and not app._batch_count:
            sequence = renderable.render_segments(app.console)  # what a terminal would be sent
            probe.frames.append((time.perf_counter(), ANSI.sub("", sequence)))

    def timed_save(root: Path, patch: Any, *args: Any, **kwargs: Any) -> Any:
        saved = save_day(root, patch, *args, **kwargs)
        done = time.perf_counter()
        probe.saves.append((done, saved.rel, saved.path.read_bytes()))
        return saved

    app._display = timed_display
    day_writer.save_day = timed_save

    def undo() -> None:
        day_writer.save_day = save_day
        del app._display

    return undo


def row_text(journal: Any, name: str, value: int) -> str:
    """The row of symptom `name` scored `value`, as plain text (what the terminal shows)."""
    from textual.content import Content

    from taper_tui.ui.log_form import LogForm
    from taper_tui.ui.widgets.log_rows import score_prompt

    form = LogForm(TODAY, None)
    form.symptoms[name] = value
    return Content.from_markup(score_prompt(form, journal, name)).plain


def saved_value(rel: str, data: bytes, name: str) -> object:
    from taper_tui.store.journal_store import parse_file

    doc, _, _ = parse_file(rel, data)
    symptoms = doc.get("symptoms") if isinstance(doc, dict) else None
    return symptoms.get(name) if isinstance(symptoms, dict) else None


def send_key(app: Any, key: str) -> float:
    """Post one key as the driver does; returns the time just before posting."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    start = time.perf_counter()
    app.post_message(event)
    return start


async def wait_until(test: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    end = time.perf_counter() + timeout
    while not test():
        if time.perf_counter() > end:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


async def settle(app: Any, pilot: Any, loads: int | None = None) -> None:
    """Until the app is idle: the reload that follows a save applied (when `loads` is the count
    of loads applied before the save), no worker running, the screen painted."""
    if loads is not None:
        # A save is followed by a reload of the journal, except while the Log screen is open
        # (the app puts it off until the Log is left: `JournalApp._reload_later`).
        await wait_until(lambda: (app._applied_seq > loads or app.current_mode == "log")
                         and not app._loading, 30.0)
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()
    await asyncio.sleep(0.05)  # a frame or two: the screen's update timer has fired


async def drive(root: Path, presses: int, gap: float | None) -> tuple[list[Press], float]:
    from taper_tui.ui.app import TaperApp
    from taper_tui.ui.screens.log import LogScreen

    app = TaperApp(root, TODAY)  # polling the folder every second, as when run for real
    probe = Probe()
    undo = install_probe(app, probe)
    results: list[Press] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            started = time.perf_counter()
            await wait_until(app.loaded.is_set, 120.0)
            load_s = time.perf_counter() - started
            await settle(app, pilot)
            await pilot.press("l")
            await wait_until(lambda: isinstance(app.screen, LogScreen)
                             and app.screen.form is not None)
            await settle(app, pilot)
            log = app.screen
            assert isinstance(log, LogScreen)
            assert app.result is not None
            journal = app.result.journal
            ids = [o.id or "" for o in log.rows.options]
            targets = [i for i, row in enumerate(ids) if row.startswith("sym:")
                       and not journal.settings.is_red_flag(row[4:])]
            if not targets:
                raise SystemExit("the journal tracks no symptom to score")
            for n in range(presses):
                target = targets[n % len(targets)]
                while log.rows.highlighted != target:  # untimed: back to the row
                    send_key(app, "j" if (log.rows.highlighted or 0) < target else "k")
                    await settle(app, pilot)
                row = ids[target]
                name = row[4:]
                assert log.form is not None
                value = VALUES[1] if log.form.score(name) == VALUES[0] else VALUES[0]
                text = row_text(journal, name, value)
                frames, saves, loads = len(probe.frames), len(probe.saves), app._applied_seq
                start = send_key(app, str(value))
                shown, written = 0.0, 0.0
                rel = ""
                while not (shown and written):  # the hooks took the times; this only looks
                    if time.perf_counter() - start > TIMEOUT:
                        raise SystemExit(f"press {n}: no frame showing {text!r} or no save")
                    await asyncio.sleep(0.002)
                    if not shown:
                        shown = next((t for t, s in probe.frames[frames:] if text in s), 0.0)
                    for t, rel, data in probe.saves[saves:]:
                        if not written and saved_value(rel, data, name) == value:
                            written = t
                    saves = len(probe.saves)
                results.append(Press(row, value, (shown - start) * 1000, (written - start) * 1000))
                if gap is None:
                    await settle(app, pilot, loads)
                else:
                    await asyncio.sleep(max(0.0, start + gap - time.perf_counter()))
            await settle(app, pilot)
    finally:
        undo()
    return results, load_s


def run(journal: Path, presses: int = 50, gap: float | None = None,
        work: Path | None = None) -> Result:
    """Copy `journal`, warm its cache, and time `presses` key presses in Log (see the module
    docstring)."""
    from taper_tui.store import load_journal

    work = work or Path(tempfile.mkdtemp(prefix="taper-keypress-"))
    copy = work / "journal"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(journal, copy)
    try:
        days = len(load_journal(copy, TODAY).journal.days)  # the cache, as after earlier runs
        pressed, load_s = asyncio.run(drive(copy, presses, gap))
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return Result(str(journal), days, tuple(pressed), load_s)


def report(result: Result, gap: float | None) -> str:
    pace = "app idle between presses" if gap is None else f"one press every {gap:g} s"
    lines = [f"{result.journal}: {result.days} days; {len(result.presses)} presses "
             f"({pace}); first load {result.load_s:.2f} s"]
    verdict = []
    for what, label in (("reflected_ms", "key -> row on screen"), ("saved_ms", "key -> on disk")):
        s = result.summary(what)
        lines.append(f"  {label:21} median {s['median']:6.1f} ms  p90 {s['p90']:6.1f} ms  "
                     f"min-max {s['min']:.1f}-{s['max']:.1f} ms")
        verdict.append(s["median"] <= GOAL_MS)
    met = "met" if all(verdict) else "NOT met"
    lines.append(f"  goal: both within {GOAL_MS:g} ms (medians): {met}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import os

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--journal", type=Path, default=None,
                    help="journal folder (copied first; default: a generated --years journal)")
    ap.add_argument("--years", type=int, default=10, help="years of the generated journal")
    ap.add_argument("--presses", type=int, default=50)
    ap.add_argument("--gap", type=float, default=None,
                    help="press every S seconds instead of waiting for the app to be idle")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    os.environ.setdefault("TAPER_TODAY", TODAY.isoformat())
    journal = args.journal or default_journal(args.years)
    result = run(journal, args.presses, args.gap)
    if args.json:
        print(json.dumps({**result.to_json(), "gap_s": args.gap}))
    else:
        print(report(result, args.gap))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`open` (the default), `demo` and `screenshot`: the commands that start the Textual app.

Textual is imported only inside these functions, so every other command stays light.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from taper_tui.cli.common import (
    EXIT_OK,
    TODAY_ENV,
    UsageError,
    add_journal_argument,
    default_journal_dir,
    find_journal,
    today,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("open", help="open the app on a journal (the default command)")
    add_journal_argument(p)
    p.set_defaults(run=run_open)
    p = sub.add_parser(
        "demo", help="open the app on a writable temporary copy of the sample journal"
    )
    p.set_defaults(run=run_demo)
    p = sub.add_parser(
        "screenshot", help="render the Today screen headless and write it as SVG or text",
        description="Render the Today screen without a terminal and write it to a file: .svg "
        "for a picture (to share with a prescriber), anything else for plain text. "
        "Writes to stdout as text without -o.")
    add_journal_argument(p)
    p.add_argument("--size", default="100x40", metavar="WxH", help="terminal size (default 100x40)")
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.svg or FILE.txt")
    p.add_argument("--screen", default="today",
                   choices=("today", "log", "charts", "history", "plan", "problems"),
                   help=argparse.SUPPRESS)
    p.set_defaults(run=run_screenshot)


def sample_journal_dir() -> Path:
    """The bundled sample journal: next to the package in a checkout, inside it when installed."""
    from importlib import resources

    here = Path(__file__).resolve().parents[2] / "sample_journal"
    if (here / "taper.yaml").is_file():
        return here
    packaged = Path(str(resources.files("taper_tui"))) / "sample_journal"
    if (packaged / "taper.yaml").is_file():
        return packaged
    raise UsageError("the sample journal is not installed with this copy of taper-tui")


def copy_sample(dest_parent: Path | None = None) -> Path:
    """A writable copy of the sample journal in a new temporary folder (never the shipped files)."""
    import shutil
    import tempfile

    parent = Path(tempfile.mkdtemp(prefix="taper-demo-", dir=dest_parent))
    dest = parent / "journal"
    shutil.copytree(sample_journal_dir(), dest, ignore=shutil.ignore_patterns(".taper-cache"))
    return dest


def run_open(args: argparse.Namespace) -> int:
    try:
        root = find_journal(args)
    except UsageError:
        target = _first_run_target(args)
        if target is None:
            raise
        return _run_app(target, first_run=True)
    return _run_app(root)


def _first_run_target(args: argparse.Namespace) -> Path | None:
    """Where the first-run form creates a journal: the folder named (when empty or missing), or
    the per-user default when none was named. None: a named folder holds other things."""
    explicit = getattr(args, "journal_pos", None) or getattr(args, "journal_opt", None)
    target = Path(explicit).expanduser() if explicit else default_journal_dir()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        return None
    return target


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError as exc:
        raise UsageError(f"--size must be WIDTHxHEIGHT, e.g. 100x40, not {text!r}") from exc
    if not (20 <= w <= 500 and 10 <= h <= 300):
        raise UsageError("--size must be between 20x10 and 500x300")
    return w, h


def pause_gc() -> None:
    """Pause the cyclic garbage collector until the app has painted its first screen (the app
    resumes it: `TaperApp.start_up_done`): start-up makes many objects and frees few, and the
    collections it triggers cost about a twentieth of the time to the first paint."""
    import gc

    gc.disable()


def run_screenshot(args: argparse.Namespace) -> int:
    from taper_tui.ui import preload

    root = find_journal(args)
    size = parse_size(args.size)
    fmt = "svg" if args.output and args.output.lower().endswith(".svg") else "text"
    date = today()
    # Before Textual is imported: the journal is read in a child process meanwhile.
    early = preload.start(root, date, full=args.screen != "today")
    pause_gc()
    import asyncio

    from taper_tui.ui.screenshot import render_screen

    data = asyncio.run(render_screen(root, date, size, fmt, args.screen, early))
    if args.output:
        Path(args.output).write_text(data, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        print(data, end="")
    return EXIT_OK


#: The sample journal's story ends the day before this date; the demo is shown as on this day so
#: that it reads the same whenever it is opened (no weeks of "missed doses" after the story).
DEMO_TODAY = dt.date(2026, 11, 27)


def run_demo(args: argparse.Namespace) -> int:
    root = copy_sample()
    date = today() if os.environ.get(TODAY_ENV) else DEMO_TODAY
    print(f"Opening a temporary copy of the sample journal at {root}, as on {date}")
    return _run_app(root, date=date)


def _run_app(root: Path, *, first_run: bool = False, date: dt.date | None = None) -> int:
    from taper_tui.ui import preload

    date = date or today()
    # Before Textual is imported: the journal is read in a child process meanwhile.
    early = None if first_run else preload.start(root, date)
    pause_gc()
    from taper_tui.ui.app import TaperApp

    TaperApp(root, today=date, first_run=first_run, preload=early).run()
    return EXIT_OK

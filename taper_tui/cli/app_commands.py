"""`open` (the default), `demo` and `screenshot`: the commands that start the Textual app.

Textual is imported only inside these functions, so every other command stays light.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from taper_tui.cli.common import EXIT_OK, UsageError, add_journal_argument, find_journal, today


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("open", help="open the app on a journal (the default command)")
    add_journal_argument(p)
    p.set_defaults(run=run_open)
    p = sub.add_parser(
        "demo", help="open the app on a writable temporary copy of the sample journal"
    )
    p.set_defaults(run=run_demo)


def sample_journal_dir() -> Path:
    """The bundled sample journal: next to the package in a checkout, inside it when installed."""
    here = Path(__file__).resolve().parents[2] / "sample_journal"
    if (here / "taper.yaml").is_file():
        return here
    packaged = Path(str(resources.files("taper_tui"))) / "sample_journal"
    if (packaged / "taper.yaml").is_file():
        return packaged
    raise UsageError("the sample journal is not installed with this copy of taper-tui")


def copy_sample(dest_parent: Path | None = None) -> Path:
    """A writable copy of the sample journal in a new temporary folder (never the shipped files)."""
    parent = Path(tempfile.mkdtemp(prefix="taper-demo-", dir=dest_parent))
    dest = parent / "journal"
    shutil.copytree(sample_journal_dir(), dest, ignore=shutil.ignore_patterns(".taper-cache"))
    return dest


def run_open(args: argparse.Namespace) -> int:
    root = find_journal(args)
    return _run_app(root)


def run_demo(args: argparse.Namespace) -> int:
    root = copy_sample()
    print(f"Opening a temporary copy of the sample journal at {root}")
    return _run_app(root)


def _run_app(root: Path) -> int:
    from taper_tui.ui.app import TaperApp

    TaperApp(root, today=today()).run()
    return EXIT_OK

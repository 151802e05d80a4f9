"""What every CLI command shares: finding the journal, today's date, printing problems, exit codes.

Nothing here imports Textual, plotext or ruamel: `taper-tui log` must start in well under 0.15 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a few ms)

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TextIO

    from taper_tui.core.problems import Problem
    from taper_tui.store.journal_store import LoadResult

EXIT_OK = 0
EXIT_FOUND = 1
"""`check`: errors found; `due`: something is due."""
EXIT_USAGE = 2

JOURNAL_ENV = "TAPER_JOURNAL"
TODAY_ENV = "TAPER_TODAY"
"""Fixes 'today' (ISO date) for reproducible output in tests and screenshots."""


class UsageError(Exception):
    """A mistake in the command line: printed as one line, exit 2."""


def today() -> dt.date:
    fixed = os.environ.get(TODAY_ENV)
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError as exc:
            raise UsageError(f"${TODAY_ENV} is not an ISO date (YYYY-MM-DD): {fixed!r}") from exc
    return dt.date.today()


def parse_date(text: str, now: dt.date | None = None) -> dt.date:
    """ISO date, `today` or `yesterday`."""
    now = now or today()
    word = text.strip().lower()
    if word == "today":
        return now
    if word == "yesterday":
        return now - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise UsageError(
            f"not a date: {text!r} (use YYYY-MM-DD, 'today' or 'yesterday')"
        ) from exc


def default_journal_dir() -> Path:
    """The per-user default: $XDG_DATA_HOME/taper_tui/journal (~/.local/share/...)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "taper_tui" / "journal"


def add_journal_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "journal_pos",
        nargs="?",
        metavar="JOURNAL",
        help="journal folder (default: --journal, $TAPER_JOURNAL, the current folder, "
        "then ~/.local/share/taper_tui/journal)",
    )
    parser.add_argument("--journal", dest="journal_opt", metavar="DIR", help=argparse.SUPPRESS)


def find_journal(args: argparse.Namespace) -> Path:
    """The journal folder, looked for in the documented order; a UsageError says where it looked."""
    looked: list[str] = []
    explicit = getattr(args, "journal_pos", None) or getattr(args, "journal_opt", None)
    if explicit:
        path = Path(explicit).expanduser()
        if (path / "taper.yaml").is_file():
            return path
        raise UsageError(f"no journal at {path} (it has no taper.yaml); create one with "
                         f"'taper-tui init {path}'")
    env = os.environ.get(JOURNAL_ENV)
    if env:
        path = Path(env).expanduser()
        if (path / "taper.yaml").is_file():
            return path
        looked.append(f"${JOURNAL_ENV}={env}")
    cwd = Path.cwd()
    if (cwd / "taper.yaml").is_file():
        return cwd
    looked.append(f"the current folder {cwd}")
    default = default_journal_dir()
    if (default / "taper.yaml").is_file():
        return default
    looked.append(str(default))
    raise UsageError(
        "no journal found; looked in " + ", ".join(looked)
        + ". Create one with 'taper-tui init DIR' or try 'taper-tui demo'"
    )


def load(root: Path, now: dt.date) -> LoadResult:
    """`store.load_journal`, with a journal that cannot be read (no readable taper.yaml) as a
    one-line usage error rather than a traceback."""
    from taper_tui.store import NotAJournal, load_journal

    try:
        return load_journal(root, now)
    except NotAJournal as exc:
        raise UsageError(str(exc)) from exc


def print_problems(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stderr
    for p in problems:
        print(p.render(), file=out)


def dump_json(data: object, stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stdout
    json.dump(data, out, indent=2, ensure_ascii=False, default=str)
    out.write("\n")


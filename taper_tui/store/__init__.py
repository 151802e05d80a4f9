"""The journal store: the only package that reads or writes journal files.

Public API:
- `load_journal(root, today) -> LoadResult` (journal, problems, fingerprints, parsed files)
- `save_day(root, DayPatch, expected_sha) -> SaveResult` (atomic, comment-keeping, conflict-checked)
- `init_journal(folder, ...)` creates a new journal with a commented taper.yaml

The names below are imported on first use, not with the package: `store.result_memo` (a
`status` memo hit, the app's start-up) must not pay for the loader and the core's dataclasses.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing

if TYPE_CHECKING:
    from taper_tui.store.atomic import WriteError
    from taper_tui.store.journal_store import (
        LoadResult,
        NotAJournal,
        day_relpath,
        load_journal,
    )
    from taper_tui.store.layout import DAYS_DIR, SETTINGS_FILE

_WHERE = {
    "WriteError": "taper_tui.store.atomic",
    "DAYS_DIR": "taper_tui.store.layout",
    "SETTINGS_FILE": "taper_tui.store.layout",
    "LoadResult": "taper_tui.store.journal_store",
    "NotAJournal": "taper_tui.store.journal_store",
    "day_relpath": "taper_tui.store.journal_store",
    "load_journal": "taper_tui.store.journal_store",
}

__all__ = [
    "DAYS_DIR",
    "SETTINGS_FILE",
    "LoadResult",
    "NotAJournal",
    "WriteError",
    "day_relpath",
    "load_journal",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

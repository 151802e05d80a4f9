"""The journal store: the only package that reads or writes journal files.

Public API:
- `load_journal(root, today) -> LoadResult` (journal, problems, fingerprints, parsed files)
- `save_day(root, DayPatch, expected_sha) -> SaveResult` (atomic, comment-keeping, conflict-checked)
- `init_journal(folder, ...)` creates a new journal with a commented taper.yaml
"""

from taper_tui.store.atomic import WriteError
from taper_tui.store.journal_store import (
    DAYS_DIR,
    SETTINGS_FILE,
    LoadResult,
    NotAJournal,
    day_relpath,
    load_journal,
)

__all__ = [
    "DAYS_DIR",
    "SETTINGS_FILE",
    "LoadResult",
    "NotAJournal",
    "WriteError",
    "day_relpath",
    "load_journal",
]

"""What each screen looks like at 80x24 and 160x48, on the sample journal with today fixed.

Update with `pytest tests/ui/test_snapshots.py --snapshot-update` only after looking at the
report: the SVGs under __snapshots__/ are the reviewed pictures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import make_app, settle, type_fast

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
SCREENS = {
    "today": [],
    "log": ["l"],
    "log-typed": ["l", "enter", "3", "2"],
    "history": ["h"],
    "charts": ["c"],
    "plan": ["p"],
    "problems": ["exclamation_mark"],
    "help": ["question_mark"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(screen: str, size: str, journal_dir: Path, snap_compare: Any) -> None:
    app = make_app(journal_dir)

    async def run_before(pilot: Any) -> None:
        await settle(app, pilot)
        if SCREENS[screen]:
            type_fast(app, *SCREENS[screen])
            await settle(app, pilot)
            await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)

"""Start-up: the garbage collector paused for it runs again once Today is up."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tests.ui.conftest import make_app, settle


async def test_the_collector_paused_for_start_up_runs_again_once_today_is_painted(
        journal_dir: Path) -> None:
    app = make_app(journal_dir)
    gc.disable()  # as `cli.app_commands` does before Textual is imported
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert app.today_painted.is_set()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


async def test_the_collector_runs_again_even_when_today_never_paints(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from taper_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "GC_PAUSE_LIMIT", 0.01)
    app = app_module.TaperApp(tmp_path, first_run=True, poll_seconds=None)
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.1)
            assert not app.today_painted.is_set()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()

"""Saves from the Log screen re-read the journal when the Log is left, not while keys come in."""

from __future__ import annotations

from pathlib import Path

import pytest

from taper_tui.ui.screens.today import TodayScreen
from tests.ui.conftest import make_app, settle, type_fast


async def test_log_saves_put_the_reload_off_until_the_log_is_left(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.glance is not None and not app.glance.logged_today
        await pilot.press("l")
        await settle(app, pilot)
        loads = app._load_seq
        type_fast(app, "enter", "3")
        await settle(app, pilot)
        await pilot.pause(0.5)  # longer than RELOAD_AFTER_SAVE
        await settle(app, pilot)
        assert (journal_dir / "days" / "2026" / "2026-11-27.yaml").is_file()
        assert app._load_seq == loads  # saved, and nothing re-read while logging
        await pilot.press("t")
        await settle(app, pilot)
        assert app._load_seq == loads + 1
        assert isinstance(app.screen, TodayScreen)
        assert app.glance is not None and app.glance.logged_today


async def test_a_hidden_screen_refreshes_when_shown_not_at_every_reload(
        journal_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from taper_tui.ui.screens.history import HistoryScreen

    refreshed: list[int] = []
    real = HistoryScreen.refresh_view

    def counted(self: HistoryScreen, view: object) -> None:
        refreshed.append(len(self.query_one("#days").rows) if self.is_mounted else 0)
        real(self, view)  # type: ignore[arg-type]

    monkeypatch.setattr(HistoryScreen, "refresh_view", counted)
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        shown = len(refreshed)
        rows = len(app.screen.query_one("#days").rows)  # type: ignore[attr-defined]
        await pilot.press("t")
        await settle(app, pilot)
        day = journal_dir / "days" / "2026" / "2026-11-27.yaml"
        day.write_text("date: 2026-11-27\nsymptoms:\n  brain_zaps: 4\n", encoding="utf-8")
        app.reload((str(day.relative_to(journal_dir)),))
        await settle(app, pilot)
        assert len(refreshed) == shown  # hidden: not rebuilt
        await pilot.press("h")
        await settle(app, pilot)
        assert len(refreshed) == shown + 1
        assert len(app.screen.query_one("#days").rows) == rows + 1  # type: ignore[attr-defined]

"""Logging a day with the keyboard, as a person would, and reading what landed on disk."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from taper_tui.store import load_journal
from taper_tui.ui.screens.log import LogScreen
from taper_tui.ui.screens.today import TodayScreen
from tests.ui.conftest import TODAY, make_app, settle, type_fast

DAY = "days/2026/2026-11-27.yaml"


async def test_typical_day_in_at_most_15_keys(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    keys = ["l", "enter", "1", "2", "0", "3", "2", "1", "0", "space"]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
        await settle(app, pilot)
        assert isinstance(app.screen, LogScreen)
        assert "✓ saved" in str(app.screen.query_one("#log-head").render())
    assert len(keys) <= 15
    day = load_journal(journal_dir, TODAY).journal.day(TODAY)
    assert day is not None
    assert day.taken_mg("sertraline") == Decimal("59.5") or day.taken_mg("sertraline") is not None
    assert dict(day.symptoms) == {"brain_zaps": 1, "dizziness": 2, "insomnia": 0, "anxiety": 3,
                                  "low_mood": 2, "irritability": 1, "suicidal_thoughts": 0}
    assert [e.what for e in day.exposures] == ["caffeine"]


async def test_planned_dose_is_the_plans_and_ten_is_reachable(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        view = app.state
        assert view is not None
        planned = view.drugs[0].planned_mg
        await pilot.press("l", "enter", "9", "k", "plus")  # 9 then + on the same row: 10
        await settle(app, pilot)
    day = load_journal(journal_dir, TODAY).journal.day(TODAY)
    assert day is not None
    assert day.taken_mg("sertraline") == planned
    assert day.symptoms["brain_zaps"] == 10


async def test_previous_day_edit_touches_only_what_changed(journal_dir: Path) -> None:
    rel = "days/2026/2026-11-26.yaml"
    before = (journal_dir / rel).read_text(encoding="utf-8")
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "left_square_bracket")
        await settle(app, pilot)
        assert isinstance(app.screen, LogScreen) and app.screen.form is not None
        assert app.screen.form.date.isoformat() == "2026-11-26"
        await pilot.press("down", "4")  # first symptom row is below the dose row
        await settle(app, pilot)
    after = (journal_dir / rel).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert changed == [("  brain_zaps: 0", "  brain_zaps: 4")]


async def test_note_is_saved_after_typing_stops(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, LogScreen)
        screen.note_delay = 0.01
        await pilot.press("n", *"calm day", "escape")
        await settle(app, pilot)
        assert app.screen is screen  # typing t, l, c or a in the note did not switch screens
    text = (journal_dir / DAY).read_text(encoding="utf-8")
    assert "notes: calm day" in text
    assert "doses" not in text  # the dose was never confirmed, so it is not written


async def test_nothing_is_written_when_nothing_is_changed(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        type_fast(app, "l", "down", "down", "left_square_bracket", "right_square_bracket",
                  "h", "c", "p", "t")
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)  # every key landed, none wrote
        await settle(app, pilot)
    assert not (journal_dir / DAY).exists()

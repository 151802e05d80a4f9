"""Every key counts, whatever the timing: keys typed with no pause, and a reload mid-typing."""

from __future__ import annotations

from pathlib import Path

from taper_tui.store import load_journal
from taper_tui.ui.screens.log import LogScreen
from tests.ui.conftest import TODAY, make_app, settle, type_fast

TYPICAL_DAY = ("l", "enter", "1", "2", "0", "3", "2", "1", "0", "space")
"""Open Log, confirm the planned dose, score seven symptoms, tick the first exposure: 10 keys."""
EXPECTED = {"brain_zaps": 1, "dizziness": 2, "insomnia": 0, "anxiety": 3, "low_mood": 2,
            "irritability": 1, "suicidal_thoughts": 0}


async def test_a_typical_day_typed_with_no_pause_lands_whole_on_disk(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        planned = app.state.drugs[0].planned_mg  # type: ignore[union-attr]
        type_fast(app, *TYPICAL_DAY)
        await settle(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, LogScreen)
        assert "✓ saved" in str(app.screen.query_one("#log-head").render())
    day = load_journal(journal_dir, TODAY).journal.day(TODAY)
    assert day is not None
    assert day.taken_mg("sertraline") == planned
    assert dict(day.symptoms) == EXPECTED
    assert [e.what for e in day.exposures] == ["caffeine"]


async def test_a_reload_landing_mid_typing_loses_no_key(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        type_fast(app, *TYPICAL_DAY[:4])
        app.reload()  # read the journal again while keys are still arriving
        type_fast(app, *TYPICAL_DAY[4:7])
        app.reload()
        type_fast(app, *TYPICAL_DAY[7:])
        await settle(app, pilot)
        await settle(app, pilot)
    day = load_journal(journal_dir, TODAY).journal.day(TODAY)
    assert day is not None
    assert dict(day.symptoms) == EXPECTED
    assert [e.what for e in day.exposures] == ["caffeine"]


async def test_a_load_older_than_the_last_save_keeps_the_input_on_screen(
        journal_dir: Path) -> None:
    """A reload that read the day file before the app's own save arrives after it: the score
    stays on screen, so `+` steps 9 to 10 (not an empty score to 1)."""
    from taper_tui.ui.messages import JournalLoaded

    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        old_result, old_view = app.result, app.state
        assert old_result is not None and old_view is not None
        type_fast(app, "l", "enter", "9")
        await settle(app, pilot)
        app.post_message(JournalLoaded(old_result, old_view, (), app._applied_seq, 0))
        await pilot.pause()
        log = app.screen
        assert isinstance(log, LogScreen) and log.form is not None
        assert log.form.score("brain_zaps") == 9
        type_fast(app, "k", "plus")
        await settle(app, pilot)
    day = load_journal(journal_dir, TODAY).journal.day(TODAY)
    assert day is not None and day.symptoms["brain_zaps"] == 10


async def test_keys_typed_before_the_journal_has_loaded_wait_for_it(journal_dir: Path) -> None:
    """`l Enter 3` typed while the app is still reading the journal (a newline typed before the
    app took the terminal arrives as ctrl+j and confirms too)."""
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        type_fast(app, "l", "ctrl+j", "3", "2")
        await settle(app, pilot)
        await settle(app, pilot)
    day = load_journal(journal_dir, TODAY).journal.day(TODAY)
    assert day is not None and day.taken_mg("sertraline") is not None
    assert dict(day.symptoms) == {"brain_zaps": 3, "dizziness": 2}


async def test_row_keys_typed_in_the_note_stay_in_the_note(journal_dir: Path) -> None:
    """Keys typed with no pause after `n` are the note's (n and Escape are priority bindings), an
    `n` in the note types itself, and the keys after Escape are the rows' again."""
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        type_fast(app, "n", "3", "space", "j", "n", "enter", "c", "+", "escape", "j", "2",
                  "ctrl+s")
        await settle(app, pilot)
        await settle(app, pilot)
    day = load_journal(journal_dir, TODAY).journal.day(TODAY)
    assert day is not None and day.notes is not None
    assert day.notes.rstrip("\n") == "3 jn\nc+"  # a block note ends with a newline
    assert not day.doses  # no key typed in the note reached the rows
    assert dict(day.symptoms) == {"brain_zaps": 2}  # `j 2` after Escape: the rows' again


async def test_quitting_straight_after_typing_a_note_keeps_it(journal_dir: Path) -> None:
    """ctrl+q right after the last key in the note (within the note's save delay, before the
    note has even handled the keys): the note is on disk when the app has gone."""
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        type_fast(app, "n", "o", "k", "space", "t", "o", "d", "a", "y", "ctrl+q")
        for _ in range(400):
            if app._exit_renderables is not None or not app.is_running:
                break
            await pilot.pause(0.005)
    assert not app.is_running
    day = load_journal(journal_dir, TODAY).journal.day(TODAY)
    assert day is not None and day.notes is not None
    assert day.notes.rstrip("\n") == "ok today"

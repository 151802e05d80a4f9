"""Files changed outside the app: reload and refresh, never overwrite unsaved input."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from taper_tui.store import load_journal
from taper_tui.ui.screens.dialogs import OutsideEdit
from taper_tui.ui.screens.history import HistoryScreen
from taper_tui.ui.screens.log import LogScreen
from taper_tui.ui.screens.problems import ProblemsScreen
from tests.ui.conftest import TODAY, make_app, settle

DAY = "days/2026/2026-11-26.yaml"


def _set(text: str, symptom: str, score: int) -> str:
    new, n = re.subn(rf"(?m)^(  {symptom}: )\d+", rf"\g<1>{score}", text)
    assert n == 1
    return new


async def test_outside_edit_reloads_and_keeps_the_selection(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("h", "down", "down")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        selected = screen.selected_date()
        path = journal_dir / DAY
        path.write_text(_set(path.read_text(encoding="utf-8"), "anxiety", 9),
                        encoding="utf-8")
        app.poll_journal()
        await settle(app, pilot)
        await settle(app, pilot)
        assert screen.selected_date() == selected
        assert app.result is not None
        day = app.result.journal.day(TODAY.replace(day=26))
        assert day is not None and day.symptoms["anxiety"] == 9


async def test_outside_edit_racing_unsaved_input_is_never_overwritten(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "left_square_bracket")
        await settle(app, pilot)
        log = app.screen
        assert isinstance(log, LogScreen)
        log.note_delay = 60  # the note stays unsaved while the file changes outside
        await pilot.press("n", *"my note")
        path = journal_dir / DAY
        outside = _set(path.read_text(encoding="utf-8"), "insomnia", 5)
        path.write_text(outside, encoding="utf-8")
        app.poll_journal()
        await settle(app, pilot)
        assert isinstance(app.screen, OutsideEdit)
        assert path.read_text(encoding="utf-8") == outside  # nothing written over it
        await pilot.press("k")  # keep my input
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.screen is log
        assert path.read_text(encoding="utf-8") == outside  # still only on request
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    day = load_journal(journal_dir, TODAY).journal.day(TODAY.replace(day=26))
    assert day is not None
    assert day.symptoms["insomnia"] == 5  # the outside edit survived
    assert day.notes is not None and day.notes.rstrip().endswith("my note")  # kept input too
    assert "Three weeks" in day.notes


async def test_reload_drops_unsaved_input_when_asked(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "left_square_bracket")
        await settle(app, pilot)
        log = app.screen
        assert isinstance(log, LogScreen)
        log.note_delay = 60
        await pilot.press("n", *"draft")
        path = journal_dir / DAY
        outside = path.read_text(encoding="utf-8") + "# edited elsewhere\n"
        path.write_text(outside, encoding="utf-8")
        app.poll_journal()
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        await settle(app, pilot)
        assert log.form is not None and not log.form.dirty
    assert path.read_text(encoding="utf-8") == outside


async def test_invalid_file_shows_on_problems_and_the_rest_keeps_working(
        journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        (journal_dir / DAY).write_text("date: 2026-11-26\nsymptoms: [oops\n", encoding="utf-8")
        app.poll_journal()
        await settle(app, pilot)
        await settle(app, pilot)
        await pilot.press("exclamation_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, ProblemsScreen)
        table = app.screen.query_one("#problems")
        cells = [str(c) for c in table.get_row_at(0)]  # type: ignore[attr-defined]
        assert cells[0].startswith(f"{DAY}:")
        assert app.result is not None
        assert len(app.result.journal.days) == 182  # the other 182 days are still there
        assert app.state is not None and app.state.drugs


async def test_e_opens_the_problem_at_its_line_and_reloads(journal_dir: Path,
                                                           fake_editor: Path) -> None:
    (journal_dir / DAY).write_text("date: 2026-11-26\nsymptoms:\n  anxiety: eleven\n",
                                   encoding="utf-8")
    app = make_app(journal_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("exclamation_mark")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
    args = fake_editor.read_text(encoding="utf-8").split()
    assert args == ["+3", str(journal_dir / DAY)]
    assert "edited in the editor" in (journal_dir / DAY).read_text(encoding="utf-8")


async def test_e_in_history_opens_the_day_and_reloads_after(journal_dir: Path,
                                                            fake_editor: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("h", "e")
        await settle(app, pilot)
        await settle(app, pilot)
        data = (journal_dir / DAY).read_bytes()
        assert data.endswith(b"# edited in the editor\n")
        assert app.fingerprints[DAY] == hashlib.sha256(data).hexdigest()  # reloaded after
    assert fake_editor.read_text(encoding="utf-8").split() == [str(journal_dir / DAY)]

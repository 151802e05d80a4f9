"""The command palette writes the prescriber report and the calendar (in a worker)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from textual.widgets import Input

from taper_tui.ui.screens.dialogs import AskText
from tests.ui.conftest import TODAY, make_app, settle, type_fast


async def run_palette(app: object, pilot: object, query: str) -> None:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    type_fast(app, *query)  # type: ignore[arg-type]
    await settle(app, pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize(("query", "name", "check"), [
    ("report (HTML)", "report.html", "<h2"),
    ("report (Markdown)", "report.md", "## "),
    ("calendar (.ics)", "steps.ics", "BEGIN:VEVENT"),
])
async def test_palette_writes_reports_and_calendar(journal_dir: Path, tmp_path: Path, query: str,
                                                   name: str, check: str) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, query)
        assert isinstance(app.screen, AskText)
        answer = app.screen.query_one("#answer", Input)
        suffix = name.rsplit(".", 1)[1]
        default = journal_dir.parent / f"taper-{'steps' if suffix == 'ics' else 'report'}-{TODAY}"
        assert answer.value == f"{default}.{suffix}"  # beside the journal folder
        answer.value = "out/" + name  # relative: from the journal folder's parent
        await pilot.press("enter")
        await settle(app, pilot)
        await settle(app, pilot)
        written = journal_dir.parent / "out" / name
        assert any(str(written) in str(n.message) for n in app._notifications)
    text = written.read_text(encoding="utf-8")
    assert check in text and "sertraline" in text
    if suffix == "html":
        HTMLParser().feed(text)  # parses
        assert text.lstrip().lower().startswith("<!doctype html")


async def test_escape_in_the_path_dialog_writes_nothing(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, "report (HTML)")
        await pilot.press("escape")
        await settle(app, pilot)
    assert not list(journal_dir.parent.glob("taper-report-*"))

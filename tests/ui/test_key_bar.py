"""The key bar (one widget in place of Textual's Footer) and the title bar."""

from __future__ import annotations

from pathlib import Path

from taper_tui.ui.screens.log import LogScreen
from taper_tui.ui.screens.plan import PlanScreen
from taper_tui.ui.widgets.key_bar import KeyBar, KeyItem, layout
from taper_tui.ui.widgets.title_bar import TitleBar
from tests.ui.conftest import make_app, settle

ITEMS = [KeyItem("t", "t", "Today", True), KeyItem("l", "l", "Log", True),
         KeyItem("q", "q", "Quit", False)]
PALETTE = KeyItem("ctrl+p", "^p", "palette", True)


def text(pieces: list[tuple[str, str]]) -> str:
    return "".join(piece for piece, _ in pieces)


def test_roomy_bar_pads_keys_and_puts_the_palette_at_the_right_edge() -> None:
    spans, pieces = layout(ITEMS, PALETTE, 60)
    line = text(pieces)
    assert len(line) == 60
    assert line.startswith(" t Today  l Log  q Quit ")
    assert line.endswith("▏^p palette")
    assert [item.key for _, _, item in spans] == ["t", "l", "q", "ctrl+p"]
    start, end, _ = spans[1]
    assert line[start:end] == " l Log "


def test_narrow_bar_drops_padding_then_descriptions_from_the_right_but_keeps_every_key() -> None:
    _, pieces = layout(ITEMS, PALETTE, 32)
    assert text(pieces) == "t Today l Log q Quit ▏^p palette"
    _, pieces = layout(ITEMS, PALETTE, 27)
    line = text(pieces)
    assert line == "t Today l Log q ▏^p palette"
    _, pieces = layout(ITEMS, PALETTE, 26)
    assert text(pieces) == "t Today l q    ▏^p palette"


def test_disabled_keys_are_dim_and_no_bar_is_wider_than_its_room() -> None:
    _, pieces = layout(ITEMS, PALETTE, 60)
    assert any(text_ == " q " and "dim" in style for text_, style in pieces)
    for width in range(0, 70):
        spans, pieces = layout(ITEMS, PALETTE, width)
        assert len(text(pieces)) <= max(width, len("▏^p palette"))
        assert all(start < end for start, end, _ in spans)


async def test_the_bar_shows_the_screen_keys_and_a_click_presses_one(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        line = app.screen.get_widget_at(2, 23)[0]
        assert line is bar
        shown = "".join(seg.text for seg in bar.render_line(0))
        for words in ("t Today", "l Log", "p Plan", "? Help", "q Quit", "^p palette"):
            assert words in shown
        start = next(s for s, _, item in bar._spans if item.key == "p")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        assert "^s Write taper.yaml" in "".join(seg.text for seg in
                                               app.screen.query_one(KeyBar).render_line(0))
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, LogScreen)
        assert "c Dose" in "".join(seg.text for seg in app.screen.query_one(KeyBar).render_line(0))


async def test_title_bar_shows_the_folder_and_its_icon_opens_the_palette(
        journal_dir: Path) -> None:
    from textual.command import CommandPalette

    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        title = "".join(seg.text for seg in app.screen.query_one(TitleBar).render_line(0))
        assert f"taper-tui — {journal_dir.name}" in title
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)

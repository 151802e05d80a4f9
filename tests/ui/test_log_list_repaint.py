"""The Log rows repaint only what a key changed (`widgets.log_list`): what a terminal shows after
the app's incremental updates is what a full repaint shows, cell for cell, styles included."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.segment import ControlType
from rich.style import Style
from textual._compositor import CompositorUpdate
from textual.widget import Widget

from taper_tui.ui.app import TaperApp
from taper_tui.ui.screens.log import LogScreen
from tests.ui.conftest import make_app, settle

SIZE = (100, 32)
Cell = tuple[str, Style | None]


class Terminal:
    """Applies the app's screen updates as a terminal would: cursor moves, then cells."""

    def __init__(self, app: TaperApp) -> None:
        self.console = Console(width=SIZE[0], height=SIZE[1], force_terminal=True)
        self.cells: list[list[Cell]] = [[(" ", None)] * SIZE[0] for _ in range(SIZE[1])]
        display = app._display

        def shown(screen: Any, update: Any) -> None:
            display(screen, update)
            if isinstance(update, CompositorUpdate) and not app._batch_count:
                self.apply(update)

        app._display = shown  # type: ignore[method-assign,assignment]

    def apply(self, update: CompositorUpdate) -> None:
        x = y = 0
        render = getattr(update, "__rich_console__")  # noqa: B009 - not on the base class
        for segment in render(self.console, self.console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if segment.text == "\n":
                continue
            for char in segment.text:
                if 0 <= y < SIZE[1] and 0 <= x < SIZE[0]:
                    self.cells[y][x] = (char, segment.style)
                x += 1


def fresh_render(app: TaperApp) -> list[list[Cell]]:
    """The screen rendered from nothing: every widget's cached lines dropped first."""
    screen = app.screen
    for widget in screen.walk_children(Widget, with_self=True):
        widget._styles_cache.clear()
    rows = screen.query_one("#rows")
    rows._option_render_cache.clear()  # type: ignore[attr-defined]
    full = Terminal.__new__(Terminal)
    full.console = Console(width=SIZE[0], height=SIZE[1], force_terminal=True)
    full.cells = [[(" ", None)] * SIZE[0] for _ in range(SIZE[1])]
    update = screen._compositor.render_update(full=True)
    assert isinstance(update, CompositorUpdate)
    full.apply(update)
    return full.cells


async def painted(app: TaperApp) -> None:
    """Until the screen has been refreshed after what is queued now."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def refreshed() -> None:
        if not done.done():
            done.set_result(None)

    app.call_after_refresh(refreshed)
    await done


async def test_what_the_terminal_shows_after_each_row_key_is_a_full_repaint(
        journal_dir: Path) -> None:
    app = make_app(journal_dir)
    terminal = Terminal(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, LogScreen)
        # Confirm the dose, score, step, clear, move both ways, tick an exposure.
        for key in ("enter", "3", "4", "k", "plus", "j", "j", "7", "backspace", "k", "k",
                    "minus", "1", "j", "j", "j", "j", "j", "space", "k", "k"):
            await pilot.press(key)
            await painted(app)
            lines = ["".join(c for c, _ in row) for row in terminal.cells]
            for y, (seen, expected) in enumerate(
                    zip(terminal.cells, fresh_render(app), strict=True)):
                assert seen == expected, f"after {key!r}, line {y}: {lines[y]!r}"
        assert any("■■■" in line for line in lines)  # the scores are on screen

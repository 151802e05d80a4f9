"""Rendering a screen headless, for `taper-tui screenshot` and the start-up benchmark."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from pathlib import Path

from rich.console import Console

from taper_tui.ui.app import TaperApp

LOAD_TIMEOUT = 60.0


def screen_text(app: TaperApp) -> str:
    """The current screen as plain text, one line per terminal row."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system="truecolor", legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True,
                                                       screen_stack=app._background_screens))
    return console.export_text()


async def render_screen(root: Path, today: dt.date, size: tuple[int, int], fmt: str = "svg",
                        mode: str = "today") -> str:
    """Run the app headless at `size`, wait for the journal, and return the screen (svg|text)."""
    app = TaperApp(root, today, poll_seconds=None)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(app, pilot)
        if mode != "today":
            await app.switch_mode(mode)
            await pilot.pause()
        await pilot.pause()
        title = f"taper-tui · {today.isoformat()}"
        return app.export_screenshot(title=title) if fmt == "svg" else screen_text(app)


async def wait_loaded(app: TaperApp, pilot: object) -> None:
    """Until the first load has been applied and painted."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOAD_TIMEOUT
    while not app.loaded.is_set():
        if loop.time() > deadline:
            raise TimeoutError("the journal did not load")
        await asyncio.sleep(0.005)
    pause = getattr(pilot, "pause", None)
    if pause is not None:
        await pause()

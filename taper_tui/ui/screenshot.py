"""Rendering a screen headless, for `taper-tui screenshot` and the start-up benchmark."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import threading
from pathlib import Path

from rich.console import Console

from taper_tui.ui.app import TaperApp
from taper_tui.ui.preload import Preload

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
                        mode: str = "today", preload: Preload | None = None) -> str:
    """Run the app headless at `size`, wait for the journal (for Today: until Today has painted
    what it shows), and return the screen (svg|text). `preload`: `ui.preload.start(...)`."""
    app = TaperApp(root, today, poll_seconds=None, preload=preload)
    async with app.run_test(size=size) as pilot:
        if mode == "today":
            # Set after the refresh that painted the glance: the screen is complete.
            await wait_for(app.today_painted, "the journal did not load")
        else:
            await wait_loaded(app, pilot)
            await app.switch_mode(mode)
            await pilot.pause()
            await pilot.pause()
        title = f"taper-tui · {today.isoformat()}"
        return app.export_screenshot(title=title) if fmt == "svg" else screen_text(app)


async def wait_for(event: threading.Event, failure: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOAD_TIMEOUT
    while not event.is_set():
        if loop.time() > deadline:
            raise TimeoutError(failure)
        await asyncio.sleep(0.005)


async def wait_loaded(app: TaperApp, pilot: object) -> None:
    """Until the first load has been applied and painted."""
    await wait_for(app.loaded, "the journal did not load")
    pause = getattr(pilot, "pause", None)
    if pause is not None:
        await pause()

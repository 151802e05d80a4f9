"""The title line at the top of every screen: the app's title and sub-title, as Textual's Header
shows them, drawn by one widget (the Header is three, and start-up pays for each).

A click on the icon at the left opens the command palette, as on the Header.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8
"""As the Header's icon: one cell of padding, the icon, room to click."""


class TitleBar(Widget, can_focus=False):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._retitle, init=False)
        self.watch(self.app, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> Content:
        app = self.app
        title = app.title + (f" — {app.sub_title}" if app.sub_title else "")
        width = self.size.width
        room = max(width - ICON_WIDTH, 0)
        if len(title) > room:
            title = title[: max(room - 1, 0)] + "…"
        return Content(f" {ICON}".ljust(ICON_WIDTH) + title.center(room))

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            event.stop()
            await self.run_action("app.command_palette")

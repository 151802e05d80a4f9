"""What every journal screen shares: the typed app, and a refresh when the journal reloads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.screen import Screen

from taper_tui.ui.assessment import TodayView

if TYPE_CHECKING:
    from taper_tui.ui.app import TaperApp


class TaperScreen(Screen[None]):
    """A screen of `TaperApp`, with the app typed."""

    @property
    def taper_app(self) -> TaperApp:
        from taper_tui.ui.app import TaperApp

        assert isinstance(self.app, TaperApp)
        return self.app


class JournalScreen(TaperScreen):
    """Calls `refresh_view(view)` on mount and after every (re)load of the journal."""

    _view_stale = False
    """A reload came while another screen was shown: refresh when this one is shown again."""

    def on_mount(self) -> None:
        self.watch(self.app, "state", self._state_changed)

    def _state_changed(self, view: TodayView | None) -> None:
        if view is None or self.taper_app.result is None:
            return
        if not self.is_current:
            # Screens opened once stay mounted: rebuilding a hidden History's table took 0.4 s
            # of the event loop at every reload of a ten-year journal.
            self._view_stale = True
            return
        self.refresh_view(view)

    def on_screen_resume(self) -> None:
        if self._view_stale:
            self._view_stale = False
            self._state_changed(self.taper_app.state)

    def refresh_view(self, view: TodayView) -> None:
        raise NotImplementedError

    def styled(self, text: str, variable: str, bold: bool = False) -> Text:
        """`text` in a theme colour (DataTable cells take Rich text, not Textual markup)."""
        color = self.app.theme_variables.get(variable, "")
        return Text(text, style=f"{'bold ' if bold else ''}{color}".strip())

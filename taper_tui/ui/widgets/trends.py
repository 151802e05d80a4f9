"""Today's last 30 days: one strip per symptom, the total burden and each drug's dose.

One widget draws every strip (a widget per strip made start-up slower). Narrow: one line per
strip, one cell per day. Wide: as tall (up to 4 lines, 32 levels) and as wide (up to 3 cells a
day) as the room allows, so a 200x60 terminal shows the trends large beside the cards.
"""

from __future__ import annotations

from textual.geometry import Size

from taper_tui.ui.glance import WINDOW_DAYS, Glance, escape, strip_rows
from taper_tui.ui.widgets.wrapped import WrappedText

LABEL = 17
LAST = 6
"""Room for the last value after the strip ("0.055", "60")."""
WIDE = 120
"""From this terminal width on, the strips sit beside the cards (the screen's `-wide`)."""


def shape(width: int, height: int, strips: int, wide: bool) -> tuple[int, int]:
    """(lines per strip, cells per day) for a content `width` and a room `height` rows tall."""
    if not wide or strips == 0:
        return 1, 1
    cell = max(1, min(3, (width - LABEL - 1 - LAST) // WINDOW_DAYS))
    lines = max(1, min(4, (height - 2) // strips - 1))  # a blank line between tall strips
    return lines, cell


def trends_markup(glance: Glance, width: int, height: int, wide: bool) -> str:
    today = glance.today
    out = [f"[b]Last {WINDOW_DAYS} days[/b] {glance.first.strftime('%d %b')} – "
           f"{today.strftime('%d %b')}   [dim](· = not logged)[/]"]
    lines, cell = shape(width, height, len(glance.strips), wide)
    for s in glance.strips:
        if lines > 1:
            out.append("")
        drawn = strip_rows(s.values, s.top, lines, cell)
        for i, row in enumerate(drawn):
            bottom = i == len(drawn) - 1  # the label and the last value sit on the baseline
            label = escape(s.label[:LABEL].ljust(LABEL)) if bottom else " " * LABEL
            last = f" {escape(s.last)}" if bottom else ""
            out.append(f"{label} [{s.style}]{row}[/]{last}")
    return "\n".join(out)


class Trends(WrappedText):
    """`show(glance)`; its width is the strips' own (`width: auto`)."""

    glance: Glance | None = None

    def show(self, glance: Glance) -> None:
        old = self.glance
        self.glance = glance
        if old is None or (old.first, old.today, old.strips) != (
                glance.first, glance.today, glance.strips):
            self.changed()

    @property
    def wide(self) -> bool:
        return self.app.size.width >= WIDE

    def get_content_width(self, container: Size, viewport: Size) -> int:
        cell = 2 if viewport.width >= 180 and self.wide else 1
        return LABEL + 1 + WINDOW_DAYS * cell + LAST

    def markup(self, width: int, height: int) -> str:
        if self.glance is None:
            return ""
        return trends_markup(self.glance, width, height, self.wide)

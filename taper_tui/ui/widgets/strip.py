"""Day strips: one character per day on a fixed scale, with unlogged days shown as a gap.

Lighter than a chart and honest about missing days: a day without a score is `·`, never a zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from textual.markup import escape
from textual.widgets import Static

from taper_tui.core.model import Day

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"


def strip_text(values: Sequence[float | None], top: float) -> str:
    """One block per value scaled to 0..`top`; 0 is the lowest block, None is a gap."""
    out = []
    for value in values:
        if value is None:
            out.append(GAP)
        elif top <= 0:
            out.append(BLOCKS[0])
        else:
            index = round(min(max(value / top, 0.0), 1.0) * (len(BLOCKS) - 1))
            out.append(BLOCKS[index])
    return "".join(out)


def series(days: Sequence[Day], first: dt.date, last: dt.date,
           value: Callable[[Day], float | None]) -> list[float | None]:
    """Per calendar day from first to last: `value(day)`, or None when there is no day file."""
    by_date = {d.date: d for d in days}
    count = (last - first).days + 1
    out: list[float | None] = []
    for i in range(count):
        day = by_date.get(first + dt.timedelta(days=i))
        out.append(None if day is None else value(day))
    return out


class DayStrip(Static):
    """`label  ▁▂▅█·▃  last` on one line."""

    DEFAULT_CSS = """
    DayStrip { height: 1; width: auto; }
    """

    def show(self, label: str, values: Sequence[float | None], top: float,
             unit: str = "", label_width: int = 17, style: str = "$accent") -> None:
        logged = [v for v in values if v is not None]
        last = "–" if not logged else _fmt(logged[-1]) + unit
        name = escape(label[:label_width].ljust(label_width))
        self.update(f"{name} [{style}]{strip_text(values, top)}[/] {escape(last)}")


def _fmt(value: float) -> str:
    d = Decimal(str(value)).normalize()
    return format(d, "f")

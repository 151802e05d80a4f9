"""Time-series plots on textual-plotext, downsampled to the plot's width in cells.

Imports plotext (through textual_plotext): only the Charts screen imports this module, when it
first opens, so start-up never pays for it (performance.md §4). plotext's build time grows with
the number of points (8 ms for 80, 90 ms for 3,650), so every series is cut to one point per
column before it is handed over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from textual_plotext import PlotextPlot


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    points: tuple[tuple[dt.date, float], ...]
    color: str = "cyan"


def downsample(points: Sequence[tuple[dt.date, float]], first: dt.date, last: dt.date,
               buckets: int) -> list[tuple[float, float]]:
    """Mean value per bucket of equal calendar span: (x in days from `first`, mean)."""
    span = max((last - first).days + 1, 1)
    buckets = max(1, min(buckets, span))
    sums = [0.0] * buckets
    counts = [0] * buckets
    for date, value in points:
        offset = (date - first).days
        if 0 <= offset < span:
            b = offset * buckets // span
            sums[b] += value
            counts[b] += 1
    width = span / buckets
    return [((b + 0.5) * width, sums[b] / counts[b]) for b in range(buckets) if counts[b]]


class TimePlot(PlotextPlot):
    """Lines over a date range, with optional vertical markers (steps, waves)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.first = dt.date.today()
        self.last = self.first
        self.series: tuple[Series, ...] = ()
        self.markers: tuple[tuple[dt.date, str], ...] = ()
        self.spans: tuple[tuple[dt.date, dt.date], ...] = ()
        self.title = ""

    def set_data(self, first: dt.date, last: dt.date, series: tuple[Series, ...], *,
                 title: str,
                 markers: tuple[tuple[dt.date, str], ...] = (),
                 spans: tuple[tuple[dt.date, dt.date], ...] = ()) -> None:
        self.first, self.last, self.series = first, last, series
        self.markers, self.spans, self.title = markers, spans, title
        self.refresh()

    def render(self):  # type: ignore[no-untyped-def]
        self._build()
        return super().render()

    def _build(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        columns = max(10, self.size.width - 12)
        span = max((self.last - self.first).days, 1)
        top = 0.0
        for s in self.series:
            pts = downsample(s.points, self.first, self.last, columns)
            if pts:
                xs, ys = zip(*pts, strict=True)
                plt.plot(list(xs), list(ys), label=s.label, color=s.color, marker="braille")
                top = max(top, *ys)
        for a, b in self.spans:
            x0, x1 = (a - self.first).days, (b - self.first).days
            wave_x = [float(x) for x in range(x0, x1 + 1)]
            plt.scatter(wave_x, [top * 1.05 or 1] * len(wave_x), color="red", marker="█",
                     label="wave" if (a, b) == self.spans[0] else None)
        for date, _label in self.markers:
            x = (date - self.first).days
            if 0 <= x <= span:
                plt.vline(x, "gray")
        ticks = [float(round(span * i / 4)) for i in range(5)]
        labels = [(self.first + dt.timedelta(days=int(t))).strftime("%d %b %y") for t in ticks]
        plt.xticks(ticks, labels)
        plt.xlim(0, span)
        plt.ylim(0, (top * 1.12) or 1)
        plt.title(self.title)

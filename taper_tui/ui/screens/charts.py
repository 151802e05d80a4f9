"""Charts: dose over time with the steps marked, and symptom burden on the same time axis with
waves marked; ranges 30 days, 90 days, a year or everything. plotext is imported on first open."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from taper_tui.ui.assessment import TodayView
from taper_tui.ui.screens.base import JournalScreen
from taper_tui.ui.widgets.key_bar import KeyBar
from taper_tui.ui.widgets.title_bar import TitleBar

RANGES = {"30d": 30, "90d": 90, "1y": 365, "all": 0}
COLORS = ("cyan", "magenta", "yellow", "green", "blue", "orange", "white")


class ChartsScreen(JournalScreen):
    CSS_PATH = "charts.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "range('30d')", "30 d", id="range-30d"),
        Binding("2", "range('90d')", "90 d", id="range-90d"),
        Binding("3", "range('1y')", "1 y", id="range-1y"),
        Binding("4", "range('all')", "All", id="range-all"),
        Binding("s", "toggle_symptoms", "Symptoms/total", id="toggle-symptoms"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.range = "90d"
        self.per_symptom = False

    def compose(self) -> ComposeResult:
        from taper_tui.ui.widgets.chart import TimePlot

        yield TitleBar()
        yield Static(id="charts-head")
        yield TimePlot(id="dose-plot")
        yield TimePlot(id="burden-plot")
        yield KeyBar()

    def action_range(self, name: str) -> None:
        self.range = name
        self._state_changed(self.taper_app.state)

    def action_toggle_symptoms(self) -> None:
        self.per_symptom = not self.per_symptom
        self._state_changed(self.taper_app.state)

    def refresh_view(self, view: TodayView) -> None:
        from taper_tui.ui.widgets.chart import Series, TimePlot

        journal = self.taper_app.result.journal  # type: ignore[union-attr]
        last = view.today
        days = RANGES[self.range]
        first = last - dt.timedelta(days=days - 1) if days else (
            journal.days[0].date if journal.days else last)
        shown = journal.days_between(first, last)
        doses = []
        markers: list[tuple[dt.date, str]] = []
        for i, name in enumerate(journal.settings.drugs):
            pts = tuple((d.date, float(d.taken_mg(name) or 0)) for d in shown
                        if d.taken_mg(name) is not None)
            doses.append(Series(f"{name} mg", pts, COLORS[i % len(COLORS)]))
        for dv in view.drugs:
            markers += [(c.date, "step") for c in dv.progress.changes if first <= c.date <= last]
        self.query_one("#dose-plot", TimePlot).set_data(
            first, last, tuple(doses), title="Daily dose (mg); grey lines: dose changes",
            markers=tuple(markers))
        scored = [d for d in shown if d.symptoms]
        if self.per_symptom:
            names = sorted({n for d in scored for n in d.symptoms})
            burden = tuple(Series(n.replace("_", " "), tuple((d.date, float(d.symptoms[n]))
                                                            for d in scored if n in d.symptoms),
                                  COLORS[i % len(COLORS)]) for i, n in enumerate(names))
        else:
            burden = (Series("total burden", tuple((d.date, float(d.burden)) for d in scored),
                             "orange"),)
        spans = tuple((max(a, first), min(b, last)) for a, b in view.wave_periods
                      if b >= first and a <= last)
        self.query_one("#burden-plot", TimePlot).set_data(
            first, last, burden, title="Symptom burden (red bar on top: waves)", spans=spans)
        self.query_one("#charts-head", Static).update(
            f"[b]{first.isoformat()} – {last.isoformat()}[/b]  ({len(shown)} days logged) · "
            + ("each symptom" if self.per_symptom else "total burden"))

"""Today: where each drug stands, the reading with its reasons, and the last 30 days at a glance."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from taper_tui.core.model import Day, Journal
from taper_tui.ui.assessment import TodayView
from taper_tui.ui.widgets.drug_card import Bullets, DrugCard
from taper_tui.ui.widgets.strip import DayStrip, series
from taper_tui.ui.widgets.urgent import UrgentBanner

if TYPE_CHECKING:
    from taper_tui.ui.app import TaperApp

WINDOW_DAYS = 30


def _score(day: Day, name: str) -> float | None:
    return float(day.symptoms[name]) if name in day.symptoms else None


def _dose(day: Day, drug: str) -> float | None:
    mg = day.taken_mg(drug)
    return None if mg is None else float(mg)


class TodayScreen(Screen[None]):
    CSS_PATH = "today.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,ctrl+j", "app.go('log')", "Log today", show=False),
        Binding("j", "scroll_body(1)", "Scroll down", show=False),
        Binding("k", "scroll_body(-1)", "Scroll up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield UrgentBanner(id="urgent")
        yield Static(id="banner")
        # One scroll for the cards and the strips: at 80x24 a card shows all its reasons and the
        # strips follow below (arrows, j/k, PgDn); the urgent banner stays above, never scrolled.
        with VerticalScroll(id="body"):
            with Vertical(id="cards"):
                yield Static("Reading the journal…", id="loading")
            with Vertical(id="trends"):
                yield Static(id="trends-title")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#body", VerticalScroll).focus()
        self.watch(self.app, "state", self._refresh_view)

    def action_scroll_body(self, lines: int) -> None:
        # At once, not after the next repaint: keys faster than a repaint all count.
        body = self.query_one("#body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False, immediate=True)

    @property
    def taper_app(self) -> TaperApp:
        from taper_tui.ui.app import TaperApp

        assert isinstance(self.app, TaperApp)
        return self.app

    def _refresh_view(self, view: TodayView | None) -> None:
        app = self.taper_app
        if view is None or app.result is None:
            return
        journal = app.result.journal
        self._show_urgent(view)
        banner = self.query_one("#banner", Static)
        notes = []
        if not app.result.writable:
            notes.append("[b]Read-only[/b]: this journal folder cannot be written; nothing will "
                         "be saved.")
        errors = sum(p.severity.value == "error" for p in app.result.problems)
        if errors:
            notes.append(f"{errors} problem{'s' * (errors != 1)} in the journal files: press "
                         f"[b]![/b] to see {'them' if errors != 1 else 'it'}.")
        if journal.day(view.today) is None:
            notes.append("Today is not logged yet: press [b]l[/b] to log it.")
        banner.update("\n".join(notes))
        banner.display = bool(notes)
        self._show_cards(view)
        self._show_trends(journal, view.today)

    def _show_urgent(self, view: TodayView) -> None:
        messages = [f.message for f in view.urgent]
        if messages and not any(view.crisis_text in m for m in messages):
            messages.append(view.crisis_text)
        self.query_one("#urgent", UrgentBanner).show(tuple(messages))

    def _show_cards(self, view: TodayView) -> None:
        cards = self.query_one("#cards", Vertical)
        for loading in cards.query("#loading"):
            loading.remove()
        existing = list(cards.query(DrugCard))
        if [c.id for c in existing] != [f"drug-{d.name}" for d in view.drugs]:
            for card in existing:
                card.remove()
            existing = [DrugCard(id=f"drug-{d.name}") for d in view.drugs]
            cards.mount_all(existing, before=0)
        for card, drug in zip(existing, view.drugs, strict=True):
            card.show(drug, view.today)
        if not view.drugs and not cards.query("#no-drugs"):
            cards.mount(Static("No drugs in taper.yaml yet: press [b]p[/b] for the plan.",
                               id="no-drugs"), before=0)
        general = tuple(f.message for f in view.findings if f not in view.urgent)
        bullets = list(cards.query(Bullets))
        if general and not bullets:
            bullets = [Bullets(classes="general")]
            cards.mount(bullets[0])
        for b in bullets:
            b.display = bool(general)
            b.show(general)

    def _show_trends(self, journal: Journal, today: dt.date) -> None:
        box = self.query_one("#trends", Vertical)
        first = today - dt.timedelta(days=WINDOW_DAYS - 1)
        days = journal.days_between(first, today)
        names = [s.name for s in journal.settings.symptoms]
        scored = {n for d in days for n in d.symptoms}
        names += sorted(scored - set(names))
        rows: list[tuple[str, list[float | None], float, str, str]] = []
        for name in names:
            if name not in scored and journal.settings.is_red_flag(name):
                continue  # A red flag never scored stays out of the way; any score shows.
            values = series(days, first, today, partial(_score, name=name))
            style = "$error" if journal.settings.is_red_flag(name) else "$accent"
            rows.append((name.replace("_", " "), values, 10.0, "", style))
        burden = series(days, first, today, lambda d: float(d.burden) if d.symptoms else None)
        top = max([v for v in burden if v is not None] or [1.0])
        rows.append(("total burden", burden, top, "", "$warning"))
        for drug in journal.settings.drugs:
            dose = series(days, first, today, partial(_dose, drug=drug))
            dtop = max([v for v in dose if v is not None] or [1.0])
            rows.append((f"{drug} mg", dose, dtop, "", "$success"))
        strips = list(box.query(DayStrip))
        if len(strips) != len(rows):
            for s in strips:
                s.remove()
            strips = [DayStrip() for _ in rows]
            box.mount_all(strips)
        for strip, (label, values, top, unit, style) in zip(strips, rows, strict=True):
            strip.show(label, values, top, unit, style=style)
        self.query_one("#trends-title", Static).update(
            f"[b]Last {WINDOW_DAYS} days[/b] {first.strftime('%d %b')} – {today.strftime('%d %b')}"
            "   [dim](· = not logged)[/]")

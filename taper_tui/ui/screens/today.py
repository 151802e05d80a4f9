"""Today: where each drug stands, the reading with its reasons, and the last 30 days at a glance.

Paints from the app's `glance` alone (`ui.glance`), which arrives before the whole journal at
start-up. A handful of widgets: the cards, the general findings and one widget for every strip.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from taper_tui.ui.glance import Glance
from taper_tui.ui.widgets.drug_card import Bullets, DrugCard
from taper_tui.ui.widgets.key_bar import KeyBar
from taper_tui.ui.widgets.title_bar import TitleBar
from taper_tui.ui.widgets.trends import Trends
from taper_tui.ui.widgets.urgent import UrgentBanner


def notes_markup(glance: Glance) -> str:
    notes = []
    if not glance.writable:
        notes.append("[b]Read-only[/b]: this journal folder cannot be written; nothing will "
                     "be saved.")
    errors = glance.errors
    if errors:
        notes.append(f"{errors} problem{'s' * (errors != 1)} in the journal files: press "
                     f"[b]![/b] to see {'them' if errors != 1 else 'it'}.")
    if not glance.logged_today:
        notes.append("Today is not logged yet: press [b]l[/b] to log it.")
    return "\n".join(notes)


class TodayScreen(Screen[None]):
    # Styles: today.tcss, read with the app's stylesheet (`TaperApp.CSS_PATH`).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,ctrl+j", "app.go('log')", "Log today", show=False),
        Binding("j", "scroll_body(1)", "Scroll down", show=False),
        Binding("k", "scroll_body(-1)", "Scroll up", show=False),
    ]

    def compose(self) -> ComposeResult:
        # Composed complete when the glance is already there (at start-up it usually is: see
        # `JournalApp.take_ready_glance`): one layout, no placeholder laid out first.
        glance = getattr(self.app, "glance", None)
        urgent, banner = UrgentBanner(id="urgent"), Static(id="banner")
        bullets, trends = Bullets(classes="general"), Trends(id="trends")
        if isinstance(glance, Glance):
            self._show_top(glance, urgent, banner, bullets, trends)
        yield TitleBar()
        yield urgent
        yield banner
        # One scroll for the cards and the strips: at 80x24 a card shows all its reasons and the
        # strips follow below (arrows, j/k, PgDn); the urgent banner stays above, never scrolled.
        with VerticalScroll(id="body"):
            with Vertical(id="cards"):
                if not isinstance(glance, Glance):
                    yield Static("Reading the journal…", id="loading")
                else:
                    yield from self._new_cards(glance)
                yield bullets
            yield trends
        yield KeyBar()

    @staticmethod
    def _show_top(glance: Glance, urgent: UrgentBanner, banner: Static, bullets: Bullets,
                  trends: Trends) -> None:
        """The urgent banner, the notes, the general findings and the strips (not the cards)."""
        urgent.show(glance.urgent)
        notes = notes_markup(glance)
        banner.update(notes)
        banner.display = bool(notes)
        bullets.display = bool(glance.general)
        bullets.show(glance.general)
        trends.show(glance)

    @staticmethod
    def _new_cards(glance: Glance) -> list[Static | DrugCard]:
        if not glance.cards:
            return [Static("No drugs in taper.yaml yet: press [b]p[/b] for the plan.",
                           id="no-drugs")]
        cards: list[Static | DrugCard] = []
        for i, card in enumerate(glance.cards):
            widget = DrugCard(id=f"drug-{i}")
            widget.show(card)
            cards.append(widget)
        return cards

    def on_mount(self) -> None:
        self.query_one("#body", VerticalScroll).focus()
        self.watch(self.app, "glance", self._show)  # at once too, when the glance is there

    def action_scroll_body(self, lines: int) -> None:
        # At once, not after the next repaint: keys faster than a repaint all count.
        body = self.query_one("#body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False, immediate=True)

    def _show(self, glance: Glance | None) -> None:
        if glance is None:
            return
        self._show_top(glance, self.query_one("#urgent", UrgentBanner),
                       self.query_one("#banner", Static), self.query_one(Bullets),
                       self.query_one("#trends", Trends))
        self._show_cards(glance)
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        from taper_tui.ui.journal_app import JournalApp

        if isinstance(self.app, JournalApp):
            self.app.today_painted.set()
        start_up_done = getattr(self.app, "start_up_done", None)
        if start_up_done is not None:
            start_up_done()

    def _show_cards(self, glance: Glance) -> None:
        cards = self.query_one("#cards", Vertical)
        existing = list(cards.query(DrugCard))
        if len(existing) == len(glance.cards) and existing:
            for widget, card in zip(existing, glance.cards, strict=True):
                widget.show(card)
            return
        for old in [*existing, *cards.query("#loading"), *cards.query("#no-drugs")]:
            old.remove()
        cards.mount_all(self._new_cards(glance), before=0)

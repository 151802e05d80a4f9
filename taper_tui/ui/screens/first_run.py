"""First run: no journal yet. A short form (drug, current dose, forms, method) creates one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from taper_tui.core.model import Method
from taper_tui.ui.screens.base import TaperScreen
from taper_tui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    pass


@dataclass
class Created(Message):
    error: str | None


class FirstRunScreen(TaperScreen):
    CSS_PATH = "first_run.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(id="first-run"):
            yield Static("[b]Welcome.[/b] There is no journal yet. A few answers create one at "
                         f"[b]{escape(str(self.taper_app.root))}[/b]; everything can be changed "
                         "later in taper.yaml.", id="intro")
            yield Label("Drug (as you will write it, e.g. sertraline)")
            yield Input(id="drug", placeholder="sertraline")
            yield Label("Current daily dose in mg")
            yield Input(id="dose", type="number", placeholder="50")
            yield Label("Tablet strength in mg (the tablets you have)")
            yield Input(id="tablet", type="number", placeholder="50")
            yield Label("May the tablet be split?")
            yield Select([("no", 1), ("in halves", 2), ("in quarters", 4)], value=2,
                         allow_blank=False, id="split")
            yield Label("Plan method")
            yield Select([(m.value, m.value) for m in Method if m is not Method.CUSTOM],
                         value="percent", allow_blank=False, id="method")
            yield Button("Create the journal", id="create", variant="primary")
            yield Static(id="error")
        yield KeyBar()

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        drug = self.query_one("#drug", Input).value.strip() or "sertraline"
        try:
            dose = Decimal(self.query_one("#dose", Input).value.strip() or "50")
            tablet = Decimal(self.query_one("#tablet", Input).value.strip() or "50")
        except InvalidOperation:
            self.query_one("#error", Static).update("Doses are numbers in mg, e.g. 37.5")
            return
        if dose <= 0 or tablet <= 0 or not drug.replace("_", "").replace("-", "").isalnum():
            self.query_one("#error", Static).update(
                "The drug is one word (letters, digits, - or _) and doses are more than 0 mg.")
            return
        split = int(str(self.query_one("#split", Select).value))
        method = str(self.query_one("#method", Select).value)
        self._init(drug, dose, tablet, split, method)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _init(self, drug: str, dose: Decimal, tablet: Decimal, split: int, method: str) -> None:
        from taper_tui.store.atomic import WriteError
        from taper_tui.store.init_journal import InitOptions, JournalExists, init_journal

        strength = format(tablet.normalize(), "f")
        options = InitOptions(drug=drug, start_mg=dose, method=method, form_lines=(
            f"      - tablet: {strength}      # mg per tablet",
            f"        split: {split}        # 1 = do not split, 2 = halves, 4 = quarters"))
        try:
            init_journal(self.taper_app.root, self.taper_app.today, options)
        except (JournalExists, WriteError, OSError) as exc:
            self.post_message(Created(str(exc)))
            return
        self.post_message(Created(None))

    @on(Created)
    def _created(self, message: Created) -> None:
        if message.error:
            self.query_one("#error", Static).update(escape(message.error))
            return
        self.dismiss()
        self.taper_app.start_journal()

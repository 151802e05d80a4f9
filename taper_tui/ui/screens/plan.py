"""Plan: the planned steps against what happened, and a form to change the plan's numbers.

A change is previewed first (the lines of taper.yaml that would change, and the new schedule),
and written only on request, through the store: comments kept, atomic, refused when taper.yaml
changed on disk since it was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal
from textual.markup import escape
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from taper_tui.core import wording
from taper_tui.core.model import Method
from taper_tui.ui.assessment import DrugView, TodayView
from taper_tui.ui.screens.base import JournalScreen
from taper_tui.ui.widgets.key_bar import KeyBar
from taper_tui.ui.widgets.title_bar import TitleBar

NARROW_BELOW = 120
"""Below this terminal width, long columns are cut to fit and read whole in a detail line."""
FIELDS = (("cut_percent", "Cut % of current dose"), ("step_days", "Days per step"),
          ("max_cut_percent", "Max cut % (rate guard)"))


@dataclass
class PlanPreview(Message):
    text: str
    updates: dict[tuple[str, ...], Decimal | int | str | None]
    ok: bool


@dataclass
class PlanWritten(Message):
    text: str
    ok: bool


class PlanScreen(JournalScreen):
    CSS_PATH = "plan.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "preview", "Preview", id="plan-preview"),
        Binding("ctrl+s", "write", "Write taper.yaml", id="plan-write"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.drug: str | None = None
        self._narrow = False
        self._details: dict[str, str] = {}
        """Per step (row key): the detail line shown while it is selected."""
        self.previewed: dict[tuple[str, ...], Decimal | int | str | None] | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="plan-head")
        yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
        yield Static(id="step-detail")
        with Grid(id="plan-form"):
            yield Label("Method", classes="field-label")
            yield Select([(m.value, m.value) for m in Method], id="method", allow_blank=False,
                         compact=True)
            for key, label in FIELDS:
                yield Label(label, classes="field-label")
                yield Input(id=key, type="number", compact=True)
        with Horizontal(id="plan-buttons"):
            yield Button("Preview (ctrl+r)", id="preview", compact=True)
            yield Button("Write taper.yaml (ctrl+s)", id="write", variant="warning",
                         disabled=True, compact=True)
        yield Static(id="preview-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self._add_columns()
        super().on_mount()

    def _add_columns(self) -> None:
        """Narrow: "How to measure" fits the width left (cut short with …; the selected step's
        whole text is in the detail line below); wide: as long as it is."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        self._narrow = self.app.size.width < NARROW_BELOW
        for label, width in (("#", 4), ("From", 10), ("mg", 6), ("Cut", 5), ("Reached", 10)):
            table.add_column(label, width=width if self._narrow else None)
        # Each column takes 2 cells of padding; the vertical scrollbar 2 more.
        rest = self.app.size.width - 2 - sum(w + 2 for w in (4, 10, 6, 5, 10)) - 2
        table.add_column("How to measure", width=max(rest, 12) if self._narrow else None)

    def on_resize(self) -> None:
        if (self.app.size.width < NARROW_BELOW) != self._narrow:
            self._add_columns()
            self._state_changed(self.taper_app.state)

    @on(DataTable.RowHighlighted, "#steps")
    def _step_highlighted(self, event: DataTable.RowHighlighted) -> None:
        detail = self.query_one("#step-detail", Static)
        text = self._details.get(str(event.row_key.value), "")
        detail.update(text)
        detail.display = bool(text)

    def _drug_view(self, view: TodayView) -> DrugView | None:
        if not view.drugs:
            return None
        return next((d for d in view.drugs if d.name == self.drug), view.drugs[0])

    def refresh_view(self, view: TodayView) -> None:
        dv = self._drug_view(view)
        head = self.query_one("#plan-head", Static)
        table = self.query_one(DataTable)
        table.clear()
        if dv is None:
            head.update("No drug in taper.yaml.")
            return
        first_show = self.drug is None
        self.drug = dv.name
        settings = self.taper_app.result.journal.settings  # type: ignore[union-attr]
        plan = settings.drugs[dv.name].plan
        reached = {c.to_mg: c.date for c in dv.progress.changes}
        self._details = {}
        for step in dv.progress.steps:
            mark = "▶ " if step.index == dv.progress.step_index else ""
            when = reached.get(step.mg)
            table.add_row(f"{mark}{step.index}", step.start.isoformat(),
                          wording.mg(step.mg), f"{wording.pct(step.cut_percent)}%",
                          when.isoformat() if when else "",
                          Text(step.measure or "", no_wrap=True, overflow="ellipsis"),
                          key=str(step.index))
            if step.measure and self._narrow:
                self._details[str(step.index)] = (
                    f"Step {step.index}, {wording.mg(step.mg)} mg from "
                    f"{step.start.isoformat()}: {escape(step.measure)}")
        if dv.progress.step_index is not None:
            table.move_cursor(row=dv.progress.step_index)
        if plan is None:
            head.update(wording.NO_PLAN(drug=dv.name))
            return
        head.update(f"[b]{escape(dv.name)}[/b]: {plan.method.value} plan from "
                    f"{wording.mg(plan.start_mg)} mg on {plan.start.isoformat()}; "
                    f"{len(dv.progress.steps) - 1} steps after the starting dose (step 0). "
                    "▶ marks the current one; 'Reached' is the date the journal shows the "
                    "dose was reached.")
        if first_show:
            self.query_one("#method", Select).value = plan.method.value
            values = {"cut_percent": wording.pct(plan.cut_percent),
                      "step_days": str(plan.step_days),
                      "max_cut_percent": wording.pct(plan.max_cut_percent)}
            for key, value in values.items():
                self.query_one(f"#{key}", Input).value = value

    def _updates(self) -> dict[tuple[str, ...], Decimal | int | str | None] | str:
        assert self.drug is not None
        base = ("drugs", self.drug, "plan")
        out: dict[tuple[str, ...], Decimal | int | str | None] = {
            (*base, "method"): str(self.query_one("#method", Select).value)}
        for key, label in FIELDS:
            text = self.query_one(f"#{key}", Input).value.strip()
            try:
                value = Decimal(text)
            except InvalidOperation:
                return f"{label}: not a number ({text!r})"
            if value <= 0:
                return f"{label}: must be more than 0"
            out[(*base, key)] = int(value) if key == "step_days" else value
        return out

    @on(Button.Pressed, "#preview")
    def action_preview(self) -> None:
        if self.drug is None:
            return
        updates = self._updates()
        if isinstance(updates, str):
            self.post_message(PlanPreview(updates, {}, False))
            return
        self._preview(updates)

    @work(thread=True, exclusive=True, group="plan-preview", exit_on_error=False)
    def _preview(self, updates: dict[tuple[str, ...], Decimal | int | str | None]) -> None:
        from taper_tui.core.taper import schedule
        from taper_tui.store.day_writer import UnsafeEditError
        from taper_tui.store.drug_data import all_drug_facts
        from taper_tui.store.settings_writer import preview_settings

        try:
            text, new_text, settings = preview_settings(self.taper_app.root, updates)
            drug = settings.drugs[self.drug or ""]
            assert drug.plan is not None
            sched = schedule(drug.plan, all_drug_facts(settings).get(drug.name), drug.forms,
                             drug.name)
        except (OSError, UnsafeEditError, ValueError, KeyError, AssertionError) as exc:
            self.post_message(PlanPreview(f"Cannot preview: {exc}", {}, False))
            return
        diff = [f"[$error]- {escape(a)}[/]\n[$success]+ {escape(b)}[/]"
                for a, b in zip(text.splitlines(), new_text.splitlines(), strict=False) if a != b]
        steps = ", ".join(f"{wording.mg(s.mg)}" for s in sched.steps[:12])
        more = f" … ({len(sched.steps)} steps)" if len(sched.steps) > 12 else ""
        head = (["[b]taper.yaml would change:[/b]", *diff] if diff else
                ["[b]Nothing to write:[/b] taper.yaml already has these values."])
        tail = (["Press [b]ctrl+s[/b] (or Write) to write it. Discuss any change with your "
                 "prescriber."] if diff else [])
        lines = [*head, f"[b]{'New' if diff else 'The'} schedule (mg):[/b] {steps}{more}",
                 *(f"[$warning]▲ {escape(w)}[/]" for w in sched.warnings), *tail]
        self.post_message(PlanPreview("\n".join(lines), updates, bool(diff)))

    @on(PlanPreview)
    def _previewed(self, message: PlanPreview) -> None:
        preview = self.query_one("#preview-text", Static)
        preview.update(message.text)
        preview.set_class(bool(message.text), "-shown")
        self.previewed = message.updates if message.ok else None
        self.query_one("#write", Button).disabled = not message.ok

    @on(Input.Changed)
    @on(Select.Changed)
    def _form_changed(self) -> None:
        self.previewed = None
        self.query_one("#write", Button).disabled = True

    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        if self.previewed is None:
            self.notify("Preview the change first (ctrl+r).")
            return
        if not self.taper_app.writable:
            self.notify("The journal is read-only.", severity="error")
            return
        self._write(self.previewed)

    @work(thread=True, exclusive=True, group="plan-write", exit_on_error=False)
    def _write(self, updates: dict[tuple[str, ...], Decimal | int | str | None]) -> None:
        from taper_tui.store.atomic import WriteError
        from taper_tui.store.layout import SETTINGS_FILE
        from taper_tui.store.settings_writer import ConflictError, UnsafeEditError, save_settings

        app = self.taper_app
        try:
            saved = save_settings(app.root, updates, app.fingerprints.get(SETTINGS_FILE))
        except (ConflictError, UnsafeEditError, WriteError) as exc:
            self.post_message(PlanWritten(str(exc), False))
            return
        app.fingerprints[SETTINGS_FILE] = saved.sha
        self.post_message(PlanWritten("taper.yaml written (comments kept)." if saved.changed
                                      else "taper.yaml already had these values.", True))

    @on(PlanWritten)
    def _written(self, message: PlanWritten) -> None:
        self.notify(message.text, severity="information" if message.ok else "error")
        if message.ok:
            self.previewed = None
            self.query_one("#write", Button).disabled = True
            self.taper_app.reload(("taper.yaml",))

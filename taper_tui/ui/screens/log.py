"""Log: one day's entry, keyboard-first, saved through the store as you go.

The planned dose is prefilled (Enter confirms it), digits score the symptoms and move on,
exposures toggle from the recent ones, and the note is a text area saved a moment after typing
stops. `[` and `]` move between days. Every change is written at once (only the touched fields);
a file changed outside while input is unsaved is never overwritten (see `dialogs.OutsideEdit`).

Every key counts, whatever the timing: row keys are applied synchronously in the order typed
(`action_row`), keys typed before the day is loaded wait for it, and a reload that read the file
before the app's own latest save never takes the person's input off the screen.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.widgets import Label, OptionList, Static, TextArea

from taper_tui.core import wording
from taper_tui.core.model import Dose, Journal
from taper_tui.store.journal_store import day_relpath
from taper_tui.ui.assessment import TodayView
from taper_tui.ui.log_form import LogForm, last_logged_mg
from taper_tui.ui.log_keys import apply_row_key, parse_dose
from taper_tui.ui.screens.log_entry import DayEntryScreen
from taper_tui.ui.widgets.key_bar import KeyBar
from taper_tui.ui.widgets.log_list import LogList, row_bindings
from taper_tui.ui.widgets.log_rows import Plans, row_ids, row_options, row_prompt
from taper_tui.ui.widgets.title_bar import TitleBar

__all__ = ["LogScreen"]


class LogScreen(DayEntryScreen):
    CSS_PATH = "log.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *row_bindings(""),  # the same keys before the list has focus (just after `l`)
        Binding("left_square_bracket", "day(-1)", "Prev day", id="prev-day"),
        Binding("right_square_bracket", "day(1)", "Next day", id="next-day"),
        # Priority: run when the key arrives, before the keys typed after it are routed, so that
        # `n 3` puts the 3 in the note (a plain binding runs only once the rows have handled `n`,
        # and the 3 has already gone to the rows). In the note, `n` types itself (`action_note`).
        Binding("n", "note", "Note", id="note", priority=True),
        Binding("ctrl+s", "save", "Save", id="save", show=False),  # saving is automatic
        Binding("e", "edit", "Editor", id="edit-day"),
        Binding("escape", "back", "Back", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="log-head")
        yield Static(id="redflag")
        with Container(id="log-body"):  # the rows above the note; side by side when wide
            yield LogList(id="rows")
            with Vertical(id="note-box"):
                yield Label("Note [dim](n to write, Escape to leave)[/]", id="note-label")
                yield TextArea(id="note-text", soft_wrap=True, show_line_numbers=False)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one("#note-text", TextArea).cursor_blink = False  # stable screenshots
        self.set_focus(self.rows)
        self.watch(self.app, "state", self._state_changed)

    # --- showing ---------------------------------------------------------------------------

    def show_date(self, date: dt.date) -> None:
        if self.form is not None and self.form.date == date:
            return
        self._flush_note()
        self.form = None
        self._load_form(date)

    def _state_changed(self, view: TodayView | None) -> None:
        if view is None or self.taper_app.result is None:
            return
        self._load_form(self.form.date if self.form else self.taper_app.log_date)

    def _load_form(self, date: dt.date) -> None:
        app = self.taper_app
        if app.result is None:
            return
        journal = app.result.journal
        base = journal.day(date)
        if self.form is None or self.form.date != date:
            self.form = LogForm(date, base)
            self.rows.highlighted = None
        elif not app.is_stale(day_relpath(date)):
            self.form.base = base
            if not self.form.dirty and not self.form.kept:
                self.form.clear()
        # else: that load began before our latest save of this day and read an older file; the
        # form keeps its newer base and input until a load that has them (one follows each save).
        self.plans = self._plans(journal, date)
        self._show_note(self.form)
        self._render_rows()
        self._run_waiting()

    def _plans(self, journal: Journal, date: dt.date) -> Plans:
        from taper_tui.core.progress import planned_mg
        from taper_tui.ui.assessment import measure_for

        view = self.taper_app.state
        plans: Plans = {}
        for name in journal.settings.drugs:
            dv = next((d for d in view.drugs if d.name == name), None) if view else None
            mg: Decimal | None = None
            how: str | None = None
            if dv is not None and date == view.today:  # type: ignore[union-attr]
                mg, how = dv.planned_mg, dv.measure
            elif dv is not None:
                mg = planned_mg(dv.progress, date)
                how = measure_for(dv.progress.steps, mg)
            if mg is None:
                mg = last_logged_mg(journal, name, date)
            plans[name] = (mg, how)
        return plans

    def _render_rows(self) -> None:
        """Redraw the rows in place (the cursor stays); rebuild only when the rows changed."""
        form, result = self.form, self.taper_app.result
        if form is None or result is None:
            return
        journal = result.journal
        rows = self.rows
        ids = row_ids(form, journal)
        if [o.id for o in rows.options] == ids:
            for i, row in enumerate(ids):
                prompt = row_prompt(row, form, journal, self.plans)
                if rows.get_option_at_index(i).prompt != prompt:
                    rows.replace_option_prompt_at_index(i, prompt)
        else:
            keep = rows.highlighted
            rows.set_options(row_options(form, journal, self.plans))
            rows.highlighted = min(keep or 0, len(ids) - 1)
        if rows.highlighted is None:
            rows.highlighted = 0
        self.render_head()

    # --- row keys ------------------------------------------------------------------------------

    def action_row(self, what: str, arg: int = 0) -> None:
        """Every key of the rows comes here (see `widgets.log_list`)."""
        self._when_ready(partial(self._row_key, what, arg))

    def _row_key(self, what: str, arg: int) -> None:
        rows = self.rows
        if what in ("down", "up"):
            if what == "down":
                rows.action_cursor_down()
            else:
                rows.action_cursor_up()
            return
        option = rows.highlighted_option
        if self.form is None or option is None or option.id is None:
            return
        outcome = apply_row_key(self.form, option.id, what, arg, self.plans, self._dose)
        if outcome.changed:
            self._changed()
        if outcome.advance:
            rows.action_cursor_down()
        if outcome.ask == "change_dose":
            self._ask_dose(option.id.removeprefix("dose:"))
        elif outcome.ask == "add_exposure":
            self._ask_exposure()

    @on(OptionList.OptionSelected, "#rows")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        # Only a mouse click gets here: Enter and Space are bound to `row('choose')`.
        self.action_row("choose")

    def action_change_dose(self) -> None:
        self.action_row("change_dose")

    def action_add_exposure(self) -> None:
        self.action_row("add_exposure")

    def _changed(self) -> None:
        self._render_rows()
        self._save()

    def _dose(self, drug: str, mg: Decimal, how: str | None) -> Dose:
        assert self.form is not None
        time = None
        if self.form.date == self.taper_app.today and not self.app.is_headless:
            time = dt.datetime.now().strftime("%H:%M")
        return Dose(drug, mg, time, how)

    def _ask_dose(self, drug: str) -> None:
        from taper_tui.ui.screens.dialogs import AskText

        assert self.form is not None
        mg, how = self.plans.get(drug, (None, None))
        current = self.form.doses_of(drug)
        shown = current[0].mg if current else mg

        def done(answer: str | None) -> None:
            if answer is None or self.form is None:
                return
            value = parse_dose(answer)
            if isinstance(value, str):
                self.notify(value, severity="error")
                return
            self.form.set_doses(drug, (self._dose(drug, value, how if value == mg else None),))
            self._changed()

        self.app.push_screen(AskText(f"{drug}: mg taken on {self.form.date.isoformat()}",
                                     "" if shown is None else wording.mg(shown)), done)

    def _ask_exposure(self) -> None:
        from taper_tui.ui.screens.dialogs import AskText

        def done(answer: str | None) -> None:
            if answer and self.form is not None:
                if not self.form.has_exposure(answer):
                    self.form.toggle_exposure(answer)
                self._changed()

        self.app.push_screen(AskText("Exposure (caffeine, alcohol, a new medicine…)", ""), done)

    # --- navigation --------------------------------------------------------------------------

    def action_day(self, step: int) -> None:
        self._when_ready(partial(self._move_day, step))

    def _move_day(self, step: int) -> None:
        assert self.form is not None
        if self.form.kept:
            self.notify("This day has input kept after an outside edit: ctrl+s saves it.",
                        severity="warning")
            return
        target = self.form.date + dt.timedelta(days=step)
        if target > self.taper_app.today:
            self.notify("That day has not come yet.")
            return
        self.taper_app.log_date = target
        self.show_date(target)

    def action_edit(self) -> None:
        if self.rel is None:
            return
        self._flush_note()
        self.taper_app.open_in_editor(self.rel)

"""Log: one day's entry, keyboard-first, saved through the store as you go.

The planned dose is prefilled (Enter confirms it), digits score the symptoms and move on,
exposures toggle from the recent ones, and the note is a text area saved a moment after typing
stops. `[` and `]` move between days. Every change is written at once (only the touched fields);
a file changed outside while input is unsaved is never overwritten (see `dialogs.OutsideEdit`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from taper_tui.core import wording
from taper_tui.core.model import Dose, Journal
from taper_tui.store.journal_store import day_relpath
from taper_tui.ui.assessment import TodayView
from taper_tui.ui.log_form import LogForm, last_logged_mg, recent_exposures
from taper_tui.ui.messages import DaySaved, SaveFailed
from taper_tui.ui.widgets.log_list import LogList

if TYPE_CHECKING:
    from taper_tui.ui.app import TaperApp

NOTE_SAVE_DELAY = 1.0
"""Seconds after the last keystroke in the note before it is saved."""


class LogScreen(Screen[None]):
    CSS_PATH = "log.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "day(-1)", "Prev day", id="prev-day"),
        Binding("right_square_bracket", "day(1)", "Next day", id="next-day"),
        Binding("n", "note", "Note", id="note"),
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("e", "edit", "Editor", id="edit-day"),
        Binding("escape", "back", "Back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.form: LogForm | None = None
        self.plans: dict[str, tuple[Decimal | None, str | None]] = {}
        self._note_timer: Timer | None = None
        self._asking = False
        self.note_delay = NOTE_SAVE_DELAY

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="log-head")
        yield Static(id="redflag")
        yield LogList(id="rows")
        yield Label("Note [dim](n to write, Escape to leave)[/]", id="note-label")
        yield TextArea(id="note-text", soft_wrap=True, show_line_numbers=False)
        yield Footer()

    @property
    def taper_app(self) -> TaperApp:
        from taper_tui.ui.app import TaperApp

        assert isinstance(self.app, TaperApp)
        return self.app

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one("#note-text", TextArea).cursor_blink = False  # stable screenshots
        self.watch(self.app, "state", self._state_changed)
        self.query_one(LogList).focus()

    @property
    def rel(self) -> str | None:
        return day_relpath(self.form.date) if self.form else None

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
            self.query_one("#rows", LogList).highlighted = None
        else:
            self.form.base = base
            if not self.form.dirty and not self.form.kept:
                self.form.clear()
        self.plans = self._plans(journal, date)
        note = self.query_one("#note-text", TextArea)
        if note.text != self.form.note_text() and not (self.form.notes is not None):
            note.load_text(self.form.note_text())
        self._render_rows()

    def _plans(self, journal: Journal,
               date: dt.date) -> dict[str, tuple[Decimal | None, str | None]]:
        from taper_tui.core.progress import planned_mg
        from taper_tui.ui.assessment import measure_for

        view = self.taper_app.state
        plans: dict[str, tuple[Decimal | None, str | None]] = {}
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
        form = self.form
        app = self.taper_app
        if form is None or app.result is None:
            return
        journal = app.result.journal
        rows = self.query_one("#rows", LogList)
        keep = rows.highlighted
        options: list[Option] = []
        for drug in journal.settings.drugs:
            options.append(Option(self._dose_prompt(drug), id=f"dose:{drug}"))
        names = [s.name for s in journal.settings.symptoms]
        names += sorted(n for n in (form.base.symptoms if form.base else {}) if n not in names)
        names += sorted(n for n in form.symptoms if n not in names)
        for name in names:
            options.append(Option(self._score_prompt(journal, name), id=f"sym:{name}"))
        shown = list(recent_exposures(journal, form.date))
        shown += [e.what for e in (form.base.exposures if form.base else ()) if e.what not in shown]
        shown += [w for w in form.exposures if w not in shown]
        for what in shown:
            mark = "[b $success]✓[/]" if form.has_exposure(what) else " "
            options.append(Option(f"\\[{mark}] {escape(what)}", id=f"exp:{what}"))
        options.append(Option("[dim]+ add an exposure (a)[/]", id="exp+"))
        rows.set_options(options)
        rows.highlighted = min(keep or 0, len(options) - 1)
        self._render_head(journal)

    def _dose_prompt(self, drug: str) -> str:
        assert self.form is not None
        doses = self.form.doses_of(drug)
        name = escape(drug.ljust(14))
        if doses:
            total = sum((d.mg for d in doses), Decimal(0))
            return f"{name} [b]{wording.mg(total)} mg[/b] [$success]✓ logged[/]"
        mg, how = self.plans.get(drug, (None, None))
        if mg is None:
            return f"{name} [dim]no dose logged · c to enter one[/]"
        extra = f" — {escape(how)}" if how else ""
        return (f"{name} planned [b]{wording.mg(mg)} mg[/b]{extra}\n"
                f"{' ' * 15}[dim]Enter: taken as planned · c: another amount[/]")

    def _score_prompt(self, journal: Journal, name: str) -> str:
        assert self.form is not None
        score = self.form.score(name)
        flag = journal.settings.is_red_flag(name)
        label = escape(name.replace("_", " ").ljust(18))
        bar = "–" if score is None else "■" * score + "[dim]" + "□" * (10 - score) + "[/]"
        value = "  " if score is None else f"{score:>2}"
        style = "$error" if flag and score else ""
        text = f"{label} {bar} {value}"
        if flag:
            text += " [dim](red flag)[/]"
        return f"[{style}]{text}[/]" if style else text

    def _render_head(self, journal: Journal) -> None:
        form = self.form
        assert form is not None
        app = self.taper_app
        when = form.date.strftime("%A %d %B %Y")
        rel = " (today)" if form.date == app.today else ""
        if not app.writable:
            status = "[b $error]read-only: not saved[/]"
        elif form.kept:
            status = "[b $warning]● unsaved: kept after an outside edit · ctrl+s saves[/]"
        elif form.dirty:
            status = "[$warning]… saving[/]"
        elif form.touched or form.saved_any:
            status = "[b $success]✓ saved[/]"
        elif form.base is None:
            status = "[dim]not logged yet[/]"
        else:
            status = "[dim]no changes[/]"
        self.query_one("#log-head", Static).update(
            f"[b]{when}[/b]{rel}   {status}\n[dim][ previous day · ] next day · "
            f"{escape(day_relpath(form.date))}[/]")
        flags = [n for n in journal.settings.red_flags if (form.score(n) or 0) > 0]
        flags += [s.name for s in journal.settings.symptoms
                  if s.red_flag and (form.score(s.name) or 0) > 0 and s.name not in flags]
        banner = self.query_one("#redflag", Static)
        banner.display = bool(flags)
        if flags:
            crisis = journal.settings.crisis_text or wording.DEFAULT_CRISIS_TEXT
            banner.update(f"[b]{escape(', '.join(f.replace('_', ' ') for f in flags))}[/b]: "
                          f"{escape(crisis)}")

    # --- row actions -------------------------------------------------------------------------

    def _current(self) -> str | None:
        option = self.query_one("#rows", LogList).highlighted_option
        return option.id if option else None

    def _advance(self) -> None:
        self.query_one("#rows", LogList).action_cursor_down()

    def _changed(self) -> None:
        self._render_rows()
        self._save()

    @on(OptionList.OptionSelected, "#rows")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        row = event.option.id or ""
        form = self.form
        if form is None:
            return
        if row.startswith("dose:"):
            drug = row[5:]
            if not form.doses_of(drug):
                mg, how = self.plans.get(drug, (None, None))
                if mg is None:
                    self.action_change_dose()
                    return
                form.set_doses(drug, (self._dose(drug, mg, how),))
                self._changed()
            self._advance()
        elif row.startswith("exp:"):
            form.toggle_exposure(row[4:])
            self._changed()
        elif row == "exp+":
            self.action_add_exposure()
        else:
            self._advance()

    def _dose(self, drug: str, mg: Decimal, how: str | None) -> Dose:
        assert self.form is not None
        time = None
        if self.form.date == self.taper_app.today and not self.app.is_headless:
            time = dt.datetime.now().strftime("%H:%M")
        return Dose(drug, mg, time, how)

    def action_score(self, value: int) -> None:
        row = self._current() or ""
        if self.form is None or not row.startswith("sym:"):
            return
        self.form.set_score(row[4:], value)
        self._changed()
        self._advance()

    def action_bump(self, step: int) -> None:
        row = self._current() or ""
        if self.form is None or not row.startswith("sym:"):
            return
        current = self.form.score(row[4:])
        self.form.set_score(row[4:], (current or 0) + step if current is not None else max(step, 0))
        self._changed()

    def action_clear_row(self) -> None:
        row = self._current() or ""
        if self.form is None:
            return
        if row.startswith("sym:") and self.form.score(row[4:]) is not None:
            self.form.set_score(row[4:], None)
            self._changed()
        elif row.startswith("dose:") and self.form.doses_of(row[5:]):
            self.form.set_doses(row[5:], ())
            self._changed()

    def action_change_dose(self) -> None:
        row = self._current() or ""
        if self.form is None or not row.startswith("dose:"):
            return
        drug = row[5:]
        mg, how = self.plans.get(drug, (None, None))
        current = self.form.doses_of(drug)
        shown = current[0].mg if current else mg

        def done(answer: str | None) -> None:
            if answer is None or self.form is None:
                return
            try:
                value = Decimal(answer.lower().removesuffix("mg").strip())
            except InvalidOperation:
                self.notify(f"not a dose in mg: {answer!r}", severity="error")
                return
            if value < 0 or not value.is_finite():
                self.notify("a dose is 0 mg or more", severity="error")
                return
            keep_how = how if value == mg else None
            self.form.set_doses(drug, (self._dose(drug, value, keep_how),))
            self._changed()

        self.app.push_screen(AskTextFactory(f"{drug}: mg taken on {self.form.date.isoformat()}",
                                            "" if shown is None else wording.mg(shown)), done)

    def action_add_exposure(self) -> None:
        def done(answer: str | None) -> None:
            if answer and self.form is not None:
                if not self.form.has_exposure(answer):
                    self.form.toggle_exposure(answer)
                self._changed()

        self.app.push_screen(AskTextFactory("Exposure (caffeine, alcohol, a new medicine…)", ""),
                             done)

    # --- note --------------------------------------------------------------------------------

    def action_note(self) -> None:
        note = self.query_one("#note-text", TextArea)
        note.focus()
        note.move_cursor(note.document.end)  # add to the note, not in front of it

    def action_back(self) -> None:
        note = self.query_one("#note-text", TextArea)
        if note.has_focus:
            self._flush_note()
            self.query_one("#rows", LogList).focus()
        else:
            self.taper_app.action_go("today")

    @on(TextArea.Changed, "#note-text")
    def _note_changed(self, event: TextArea.Changed) -> None:
        if self.form is None or event.text_area.text == self.form.note_text():
            return
        self.form.set_notes(event.text_area.text)
        self._render_head(self.taper_app.result.journal)  # type: ignore[union-attr]
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(self.note_delay, self._save)

    def _flush_note(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
            self._save()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "note-text":
            self._flush_note()

    # --- saving and outside edits ------------------------------------------------------------

    def _save(self, force: bool = False) -> None:
        form = self.form
        if form is None or not form.dirty or (form.kept and not force):
            return
        if not self.taper_app.writable:
            self._render_head(self.taper_app.result.journal)  # type: ignore[union-attr]
            return
        form.kept = False
        self.taper_app.save_day(form.patch(), form.edits)

    def action_save(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        self._save(force=True)

    def save_result(self, message: DaySaved) -> None:
        if self.form is not None and message.rel == self.rel:
            self.form.saved = max(self.form.saved, message.token)
            self.form.saved_any = self.form.saved_any or message.changed
            if self.taper_app.result is not None:
                self._render_head(self.taper_app.result.journal)

    def save_failed(self, message: SaveFailed) -> None:
        if self.form is None or message.rel != self.rel:
            return
        if message.conflict:
            self._ask_outside_edit()
        else:
            self.notify(message.error, title="Not saved", severity="error", timeout=10)

    def files_changed(self, paths: tuple[str, ...]) -> None:
        form = self.form
        if form is None or self.rel not in paths:
            return
        if form.dirty or form.kept:
            self._ask_outside_edit()

    def _ask_outside_edit(self) -> None:
        from taper_tui.ui.screens.dialogs import OutsideEdit

        if self._asking or self.form is None or self.rel is None:
            return
        self._asking = True
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        form = self.form
        form.kept = True  # Until the person answers, nothing is saved over the outside edit.

        def answered(choice: str | None) -> None:
            self._asking = False
            if choice == "reload":
                form.clear()
                note = self.query_one("#note-text", TextArea)
                note.load_text(form.note_text())
            self.taper_app.reload()

        self.app.push_screen(OutsideEdit(self.rel), answered)
        if self.taper_app.result is not None:
            self._render_head(self.taper_app.result.journal)

    # --- navigation --------------------------------------------------------------------------

    def action_day(self, step: int) -> None:
        if self.form is None:
            return
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


def AskTextFactory(question: str, value: str) -> Screen[str | None]:
    from taper_tui.ui.screens.dialogs import AskText

    return AskText(question, value)

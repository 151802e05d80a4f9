"""History: every logged day, newest first, coloured by symptom burden; open one to read or edit;
`g` shows the selected day's git history (commits and diffs) beside or below the list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.markup import escape
from textual.message import Message
from textual.widgets import DataTable, Static

from taper_tui.core import wording
from taper_tui.core.model import Day, Journal
from taper_tui.store.git_sync import FileHistory
from taper_tui.store.journal_store import day_relpath
from taper_tui.ui.assessment import TodayView
from taper_tui.ui.screens.base import JournalScreen
from taper_tui.ui.widgets.git_pane import GitPane, history_text
from taper_tui.ui.widgets.key_bar import KeyBar
from taper_tui.ui.widgets.title_bar import TitleBar


@dataclass
class GitHistoryRead(Message):
    date: dt.date
    history: FileHistory


def burden_style(burden: int, low: float, high: float) -> str:
    """Green at or below the journal's median burden, red above its top sixth, amber between."""
    if burden <= low:
        return "success"
    return "error" if burden > high else "warning"


def _quantile(values: list[int], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(q * len(ordered)))])


def _summary(day: Day, journal: Journal) -> tuple[str, str, str]:
    doses = ", ".join(wording.mg(day.taken_mg(d) or Decimal(0)) for d in journal.settings.drugs
                      if day.taken_mg(d) is not None) or "–"
    top = sorted(((s, n) for n, s in day.symptoms.items() if s), reverse=True)[:3]
    symptoms = ", ".join(f"{n.replace('_', ' ')} {s}" for s, n in top)
    extra = [e.what for e in day.exposures] + [e.type.value for e in day.events]
    note = (day.notes or "").strip().splitlines()[0] if day.notes else ""
    tail = " · ".join(x for x in (", ".join(extra), note) if x)
    return doses, symptoms, tail


NARROW_BELOW = 120
"""Below this terminal width, the last column moves to a detail line for the selected day."""


class HistoryScreen(JournalScreen):
    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_day", "Open day", id="open-day"),
        Binding("e", "edit", "Open in editor", id="edit-history-day"),
        Binding("g", "toggle_git", "Git history", id="git-history"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="history-head")
        with Container(id="history-body"):
            with Vertical(id="days-box"):
                yield DataTable(id="days", cursor_type="row")
                yield Static(id="day-detail")
            yield GitPane(id="git-pane")
        yield KeyBar()

    def __init__(self) -> None:
        super().__init__()
        self._narrow = False
        self._details: dict[str, str] = {}
        """Per day (row key): the detail line shown while it is selected."""

    def on_mount(self) -> None:
        self._add_columns()
        super().on_mount()

    def _add_columns(self) -> None:
        """Narrow: no "Exposures, events, note" column (the selected day's are in the detail
        line below) and the symptoms cut to the width left; wide: every column in full."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        self._narrow = self.app.size.width < NARROW_BELOW
        if self._narrow:
            for label, width in (("Date", 14), ("Burden", 16), ("mg", 6)):
                table.add_column(label, width=width)
            # Each column takes 2 cells of padding; the vertical scrollbar 2 more.
            rest = self.app.size.width - 2 - sum(w + 2 for w in (14, 16, 6)) - 2
            table.add_column("Top symptoms", width=max(rest, 12))
        else:
            table.add_columns("Date", "Burden", "mg", "Top symptoms", "Exposures, events, note")

    def on_resize(self) -> None:
        if (self.app.size.width < NARROW_BELOW) != self._narrow:
            self._add_columns()
            self._state_changed(self.taper_app.state)

    def refresh_view(self, view: TodayView) -> None:
        journal = self.taper_app.result.journal  # type: ignore[union-attr]
        table = self.query_one(DataTable)
        keep = self.selected_date()
        burdens = [d.burden for d in journal.days if d.symptoms]
        low, high = _quantile(burdens, 0.5), _quantile(burdens, 0.85)
        table.clear()
        self._details = {}
        for day in reversed(journal.days):
            doses, symptoms, tail = _summary(day, journal)
            if day.symptoms:
                style = burden_style(day.burden, low, high)
                bar = self.styled(f"{'█' * min(day.burden, 12):<12} {day.burden:>3}", style)
            else:
                bar = self.styled("no scores", "text-muted")
            cells = [day.date.strftime("%a %Y-%m-%d"), bar, Text(doses, no_wrap=True,
                     overflow="ellipsis"), Text(symptoms, no_wrap=True, overflow="ellipsis")]
            if not self._narrow:
                cells.append(Text(tail[:80]))
            table.add_row(*cells, key=day.date.isoformat())
            if self._narrow and (symptoms or tail):
                self._details[day.date.isoformat()] = escape(" · ".join(
                    x for x in (day.date.isoformat(), symptoms, tail) if x))
        self.query_one("#history-head", Static).update(
            f"{len(journal.days)} days logged. Burden = sum of the day's scores; "
            f"[$success]green[/] ≤ {low:g} (median), [$error]red[/] > {high:g}. "
            "Enter opens a day in Log, [b]e[/b] in your editor.")
        if keep is not None and journal.day(keep) is not None:
            table.move_cursor(row=table.get_row_index(keep.isoformat()))

    def selected_date(self) -> dt.date | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return dt.date.fromisoformat(key) if key else None

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open_day()

    def action_open_day(self) -> None:
        date = self.selected_date()
        if date is not None:
            self.taper_app.open_log(date)

    def action_edit(self) -> None:
        date = self.selected_date()
        if date is not None:
            self.taper_app.open_in_editor(day_relpath(date))

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    # --- git history of the selected day -------------------------------------------------------

    @property
    def git_shown(self) -> bool:
        return self.has_class("-git")

    def action_toggle_git(self) -> None:
        self.toggle_class("-git")
        if self.git_shown:
            self._read_git()
        elif self.query_one(GitPane).has_focus:
            self.query_one(DataTable).focus()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        detail = self.query_one("#day-detail", Static)
        text = self._details.get(str(event.row_key.value), "")
        detail.update(text)
        detail.display = bool(text)
        if self.git_shown:
            self._read_git()

    def _read_git(self) -> None:
        date = self.selected_date()
        if date is None:
            self.query_one(GitPane).show("No day is selected.")
            return
        self._git_history(date)

    @work(thread=True, exclusive=True, group="git-history", exit_on_error=False)
    def _git_history(self, date: dt.date) -> None:
        from taper_tui.store.git_sync import history_of

        self.post_message(GitHistoryRead(date, history_of(self.taper_app.root, day_relpath(date))))

    @on(GitHistoryRead)
    def _git_read(self, message: GitHistoryRead) -> None:
        if message.date != self.selected_date() or not self.git_shown:
            return  # the selection moved on; its own read is on the way
        colors = self.app.theme_variables
        self.query_one(GitPane).show(history_text(
            message.history, colors.get("success", ""), colors.get("error", ""), "dim"))

"""Problems: what `taper-tui check` reports, with `file:line`; Enter or e opens the file there."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.widgets import DataTable, Static

from taper_tui.core.problems import Severity
from taper_tui.ui.assessment import TodayView
from taper_tui.ui.screens.base import JournalScreen
from taper_tui.ui.widgets.key_bar import KeyBar
from taper_tui.ui.widgets.title_bar import TitleBar


class ProblemsScreen(JournalScreen):
    CSS_PATH = "problems.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Open in editor", id="edit-problem"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="problems-head")
        yield DataTable(id="problems", cursor_type="row", zebra_stripes=True)
        yield Static(id="problem-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Where", "", "Problem")
        super().on_mount()

    def refresh_view(self, view: TodayView) -> None:
        result = self.taper_app.result
        assert result is not None
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for i, p in enumerate(result.problems):
            mark = (self.styled("error", "error", bold=True) if p.severity is Severity.ERROR
                    else self.styled("warning", "warning"))
            table.add_row(Text(p.location()), mark, Text(p.message), key=str(i))
        errors = sum(p.severity is Severity.ERROR for p in result.problems)
        head = self.query_one("#problems-head", Static)
        if not result.problems:
            head.update("No problems: every journal file reads cleanly.")
        else:
            warnings = len(result.problems) - errors
            counts = [f"{n} {word}{'s' * (n != 1)}" for n, word in
                      ((errors, "error"), (warnings, "warning")) if n]
            head.update(f"{' and '.join(counts)}. The rest of the journal still works; a file "
                        "with an error is left out until it is fixed. [b]e[/b] or Enter opens "
                        "the file at that line.")
        table.display = bool(result.problems)
        if result.problems:
            table.move_cursor(row=min(keep, len(result.problems) - 1))
        self._show_hint()

    @on(DataTable.RowHighlighted)
    def _show_hint(self) -> None:
        result = self.taper_app.result
        table = self.query_one(DataTable)
        hint = self.query_one("#problem-hint", Static)
        hint.display = bool(result and result.problems)
        if result is None or not result.problems:
            return
        p = result.problems[min(table.cursor_row, len(result.problems) - 1)]
        # The table cuts long messages at 80 columns: the selected one is shown whole here.
        text = f"[b]{escape(p.location())}[/b]  {escape(p.message)}"
        hint.update(text + (f"\nhint: {escape(p.hint)}" if p.hint else ""))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        result = self.taper_app.result
        if result is None or not result.problems:
            return
        p = result.problems[min(self.query_one(DataTable).cursor_row, len(result.problems) - 1)]
        self.taper_app.open_in_editor(p.path, p.line)

"""Help on `?`: the keys of every screen as a two-column table (key, what it does), and what the
app is (and is not). `SECTIONS` must match the bindings: tests/ui compare them."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from taper_tui.core import wording

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Anywhere", (
        ("t", "Today: where each drug stands, and the last 30 days"),
        ("l", "Log: today's dose, symptoms, exposures and note"),
        ("c", "Charts of the dose and the symptoms"),
        ("h", "History: every logged day"),
        ("p", "Plan: the steps, and changing the plan"),
        ("!", "Problems found in the journal files"),
        ("?", "this help (Escape closes it)"),
        ("ctrl+p", "command palette: every action by name, including the prescriber report "
                   "and the calendar export"),
        ("ctrl+t", "light or dark theme"),
        ("q", "quit"),
    )),
    ("Today", (
        ("Enter", "log today"),
        ("↑ ↓  j k", "scroll the cards and the 30-day strips (PgUp, PgDn too)"),
    )),
    ("Log (saved as you type; \"✓ saved\" shows it is on disk)", (
        ("↑ ↓  j k", "move between the rows"),
        ("Enter, Space", "confirm the planned dose; tick or untick an exposure"),
        ("0-9", "score the symptom and move to the next one"),
        ("+  -", "step the score up or down (9 then + is 10)"),
        ("Backspace", "clear a score or a dose"),
        ("c", "enter another dose amount"),
        ("a", "add an exposure"),
        ("n", "write a note (Escape leaves the note)"),
        ("[  ]", "the day before / the day after"),
        ("ctrl+s", "save now (saving is automatic)"),
        ("e", "open the day's file in your editor"),
        ("Escape", "back to Today"),
    )),
    ("History", (
        ("↑ ↓  j k", "choose a day"),
        ("Enter", "open the day in Log"),
        ("e", "open the day's file in your editor ($VISUAL or $EDITOR)"),
        ("g", "show or hide the day's git history (Tab to scroll it)"),
    )),
    ("Charts", (
        ("1 2 3 4", "30 days, 90 days, a year, everything"),
        ("s", "per symptom, or the total burden"),
    )),
    ("Plan", (
        ("Tab", "move between the fields"),
        ("ctrl+r", "preview the new schedule"),
        ("ctrl+s", "write it to taper.yaml (after a preview)"),
    )),
    ("Problems", (
        ("Enter, e", "open the file at the line of the problem"),
    )),
)

NOTES = ("The mouse works too: click rows, buttons and the keys in the footer. Files changed "
         "outside the app (an editor, git pull) are picked up within a second; if you had unsaved "
         "input for that file, nothing is overwritten: you choose to reload or keep your input.")


def help_table() -> Group:
    """Every section as a bold title over a key / action table that wraps within its column."""
    parts: list[Text | Table] = []
    for title, rows in SECTIONS:
        parts.append(Text(title, style="bold"))
        table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False, expand=True)
        table.add_column("key", style="bold", no_wrap=True, min_width=12)
        table.add_column("action", ratio=1)
        for key, action in rows:
            table.add_row(key, action[:1].upper() + action[1:])
        parts.append(table)
        parts.append(Text(""))
    parts.append(Text(NOTES))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 96; max-width: 100%; height: auto; max-height: 100%;
                                  border: thick $primary; background: $surface; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(help_table(), id="help-keys")
            app = self.app
            root = getattr(app, "root", None)
            if root is not None and not app.is_headless:  # tmp paths would vary in snapshots
                yield Static(f"Journal folder: [b]{escape(str(root))}[/b]", id="help-root")
            yield Static(f"[dim]{wording.DISCLAIMER}[/]")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()  # arrows and PgDn scroll the help

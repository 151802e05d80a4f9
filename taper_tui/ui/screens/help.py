"""Help on `?`: the keys of every screen, and what the app is (and is not)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from taper_tui.core import wording

HELP = """\
[b]Anywhere[/b]
  t Today   l Log   c Charts   h History   p Plan   ! Problems
  ? this help   ctrl+p command palette (every action)   ctrl+t light/dark   q quit
  The mouse works too: click rows, buttons and the keys in the footer.

[b]Log[/b] (today's entry; saved as you type, "✓ saved" shows it is on disk)
  ↑ ↓ or j k   move between rows
  Enter        confirm the planned dose (or toggle an exposure)
  c            another dose amount        Backspace  clear a score or a dose
  0-9          set a symptom's score and move on; + and - step it (9 then + is 10)
  a            add an exposure             n  write a note (Escape leaves it)
  [ ]          previous / next day         ctrl+s  save now    e  open the day in your editor

[b]History[/b]   Enter opens a day in Log; e opens its file in $VISUAL / $EDITOR
[b]Charts[/b]    1 30 days · 2 90 days · 3 a year · 4 everything · s per symptom / total
[b]Plan[/b]      change the plan's numbers, see the new schedule, then write taper.yaml
[b]Problems[/b]  Enter or e opens the file at the line of the problem

Files changed outside the app (an editor, git pull) are picked up within a second. If you had
unsaved input for that file, nothing is overwritten: you choose to reload or keep your input.
"""


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
            yield Static(HELP)
            app = self.app
            root = getattr(app, "root", None)
            if root is not None and not app.is_headless:  # tmp paths would vary in snapshots
                yield Static(f"Journal folder: [b]{escape(str(root))}[/b]", id="help-root")
            yield Static(f"[dim]{wording.DISCLAIMER}[/]")

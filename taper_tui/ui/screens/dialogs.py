"""Small modal dialogs: ask for one line of text; choose what to do after an outside edit."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class AskText(ModalScreen[str | None]):
    """One line of input; Enter returns it, Escape returns None."""

    DEFAULT_CSS = """
    AskText { align: center middle; }
    AskText > Vertical { width: 60; max-width: 95%; height: auto; border: thick $primary;
                         background: $surface; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Static("[dim]Enter: OK · Escape: cancel[/]")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OutsideEdit(ModalScreen[str]):
    """A file with unsaved input changed outside the app: "reload" or "keep" (never overwrite)."""

    DEFAULT_CSS = """
    OutsideEdit { align: center middle; }
    OutsideEdit > Vertical { width: 70; max-width: 95%; height: auto; border: thick $warning;
                             background: $surface; padding: 0 1; }
    OutsideEdit Horizontal { height: auto; margin-top: 1; }
    OutsideEdit Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('reload')", "Reload from disk"),
        Binding("k,escape", "choose('keep')", "Keep my input"),
    ]

    def __init__(self, rel: str) -> None:
        super().__init__()
        self.rel = rel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"[b]{self.rel}[/b] changed outside the app while you had unsaved input.")
            yield Static("Nothing has been overwritten. [b]r[/b] reloads the file and drops your "
                         "unsaved input; [b]k[/b] keeps your input on screen: it is written on top "
                         "of the new version only when you save (ctrl+s).")
            with Horizontal():
                yield Button("Reload from disk", id="reload", variant="warning")
                yield Button("Keep my input", id="keep", variant="primary")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "keep")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

"""The Log screen's keyboard-first list: doses, symptom scores and exposures, one row each.

j/k or the arrows move; digits set a score; + and - step it (9 then + is 10); Enter or Space
confirms a planned dose or toggles an exposure; Backspace clears a score; c changes a dose; a adds
an exposure.

Every one of these keys calls the Log screen's `row` action, which applies keys strictly in the
order they were typed (and holds them until the day is loaded). None of them goes through an
OptionList message: a message is handled later than the next key's binding, so `Enter 3 2` typed
quickly used to score the dose row (ignored) before the dose was confirmed and the cursor moved.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


def row_bindings(namespace: str = "screen.") -> list[BindingType]:
    """The row keys, calling `<namespace>row(...)`; the screen binds them too (namespace "")
    so that keys typed before the list has focus are not lost."""
    r = f"{namespace}row"
    return [
        Binding("down,j", f"{r}('down')", "Down", show=False),
        Binding("up,k", f"{r}('up')", "Up", show=False),
        Binding("enter,space,ctrl+j", f"{r}('choose')", "Confirm / toggle", show=False),
        Binding("plus,equals_sign", f"{r}('bump', 1)", "+1", show=False),
        Binding("minus", f"{r}('bump', -1)", "-1", show=False),
        Binding("backspace,delete", f"{r}('clear')", "Clear", show=False),
        Binding("c", f"{r}('change_dose')", "Dose", show=namespace != ""),
        Binding("a", f"{r}('add_exposure')", "Exposure", show=namespace != ""),
        *(Binding(str(n), f"{r}('score', {n})", show=False) for n in range(10)),
    ]


class LogList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = row_bindings()

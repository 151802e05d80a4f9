"""The Log screen's keyboard-first list: doses, symptom scores and exposures, one row each.

j/k or the arrows move; digits set a score; + and - step it (9 then + is 10); Enter confirms a
planned dose or toggles an exposure; Backspace clears a score; c changes a dose; a adds an exposure.
The keys call actions on the Log screen, which owns the form.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

_DIGITS: list[BindingType] = [
    Binding(str(n), f"screen.score({n})", show=False) for n in range(10)
]


class LogList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("space", "select", "Toggle", show=False),
        Binding("plus,equals_sign", "screen.bump(1)", "+1", show=False),
        Binding("minus", "screen.bump(-1)", "-1", show=False),
        Binding("backspace,delete", "screen.clear_row", "Clear", show=False),
        Binding("c", "screen.change_dose", "Other dose"),
        Binding("a", "screen.add_exposure", "Add exposure"),
        *_DIGITS,
    ]

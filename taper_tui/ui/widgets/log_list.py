"""The Log screen's keyboard-first list: doses, symptom scores and exposures, one row each.

j/k or the arrows move; digits set a score; + and - step it (9 then + is 10); Enter or Space
confirms a planned dose or toggles an exposure; Backspace clears a score; c changes a dose; a adds
an exposure.

Every one of these keys calls the Log screen's `row` action, which applies keys strictly in the
order they were typed (and holds them until the day is loaded). None of them goes through an
OptionList message: a message is handled later than the next key's binding, so `Enter 3 2` typed
quickly used to score the dose row (ignored) before the dose was confirmed and the cursor moved.

A key repaints only the rows it changed (the one scored, the two the cursor left and reached):
Textual's `OptionList` re-renders every row on each of these, which on a key press took most of
the time from the key to the frame (see `benchmarks/keypress.py`).
"""

from __future__ import annotations

from typing import ClassVar, cast

from textual.binding import Binding, BindingType
from textual.css.styles import RulesMap
from textual.reactive import reactive
from textual.visual import VisualType
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

    # As OptionList's, but a move repaints the two rows involved, not the whole list.
    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def _watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            self._refresh_option(index)

    def _replace_option_prompt(self, index: int, prompt: VisualType) -> None:
        """As OptionList's, but when the row keeps its height only that row is re-rendered and
        repainted (OptionList forgets the rendering of every row and repaints the list)."""
        option = self.get_option_at_index(index)
        height = self._heights.get(index)
        option._set_prompt(prompt)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        rules = cast(RulesMap, self.styles)
        if height is None or height != (self._get_visual(option).get_height(
                rules, width - padding.width) + option._divider):
            self._clear_caches()
            return
        cache = self._option_render_cache
        keys = cache.keys()
        for key in [key for key in keys if key[0] is option]:
            cache.discard(key)
        self._refresh_option(index)

    def _refresh_option(self, index: int | None) -> None:
        if index is None or not self.is_mounted:
            return
        line = self._index_to_line.get(index)
        if line is not None:
            self.refresh_lines(line, self._heights.get(index, 1))

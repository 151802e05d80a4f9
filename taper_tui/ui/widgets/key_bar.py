"""The key bar at the foot of every screen: the screen's active bindings, as Textual's Footer shows
them, drawn by one widget.

Textual's `Footer` is a container of one `FooterKey` widget per binding, recomposed whenever the
bindings change; at start-up that was 9 of Today's 23 widgets and several recompositions, about a
quarter of the time to the first painted screen. `KeyBar` reads the same `screen.active_bindings`
(one entry per action, hidden bindings left out, the command palette key on the right), uses the
Footer's theme variables, and is redrawn, not recomposed, when the bindings change. A click on a
key presses it, as on the Footer. When the keys do not fit, the padding goes first, then the
descriptions from the right (the key stays, so every key remains visible and clickable).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content, Span
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

KEY = "b $footer-key-foreground on $footer-key-background"
DESCRIPTION = "$footer-description-foreground on $footer-description-background"
HOVER = "on $block-hover-background"
DISABLED = "dim"


@dataclass(frozen=True, slots=True)
class KeyItem:
    key: str
    """The key as Textual names it (what a click simulates)."""
    display: str
    description: str
    enabled: bool


def layout(items: list[KeyItem], palette: KeyItem | None,
           width: int) -> tuple[list[tuple[int, int, KeyItem]], list[tuple[str, str]]]:
    """(spans, pieces) for a bar `width` cells wide: pieces are (text, style) in order; spans are
    (start, end, item) of each clickable item. The palette key sits at the right edge."""
    tail = [] if palette is None else [("▏", "$foreground 20%"),
                                       (palette.display, KEY), (f" {palette.description}",
                                                                DESCRIPTION)]
    tail_width = sum(len(text) for text, _ in tail)
    room = max(width - tail_width, 0)
    shown = [(item, f" {item.display} ", f"{item.description} ") for item in items]
    if _width(shown) > room:  # compact: no padding around the keys
        shown = [(item, item.display, f" {item.description} ") for item in items]
    cut = len(shown)
    while _width(shown) > room and cut > 0:  # descriptions go, from the right
        cut -= 1
        item, key, _ = shown[cut]
        shown[cut] = (item, key, " ")
    pieces: list[tuple[str, str]] = []
    spans: list[tuple[int, int, KeyItem]] = []
    x = 0
    for item, key, description in shown:
        if x + len(key) + len(description) > room:
            break
        style = "" if item.enabled else DISABLED
        pieces += [(key, f"{KEY} {style}".strip()), (description, f"{DESCRIPTION} {style}".strip())]
        spans.append((x, x + len(key) + len(description), item))
        x += len(key) + len(description)
    if tail and palette is not None:
        pieces.append((" " * max(width - x - tail_width, 0), ""))
        start = max(width - tail_width, x)
        pieces += tail
        spans.append((start + 1, start + tail_width, palette))
    return spans, pieces


def _width(shown: list[tuple[KeyItem, str, str]]) -> int:
    return sum(len(key) + len(description) for _, key, description in shown)


class KeyBar(Widget, can_focus=False):
    """One line docked at the bottom: the keys of the screen it is on."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    hover: reactive[int | None] = reactive(None)
    """The index of the span under the mouse pointer."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._spans: list[tuple[int, int, KeyItem]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # The active bindings follow the focus; redrawn after the refresh in which the focus
        # moved (as the Footer recomposes), so the bar never keeps a moment's bindings.
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def _focus_moved(self) -> None:
        self.call_after_refresh(self.refresh)

    def on_resize(self) -> None:
        self.refresh()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()
            self.call_after_refresh(self.refresh)

    def items(self) -> tuple[list[KeyItem], KeyItem | None]:
        """The shown bindings, one per action in the screen's order, and the palette key."""
        app = self.app
        active = self.screen.active_bindings
        items: list[KeyItem] = []
        actions: set[str] = set()
        palette: KeyItem | None = None
        for key, (_, binding, enabled, _) in active.items():
            item = KeyItem(key, app.get_key_display(binding), binding.description, enabled)
            if app.ENABLE_COMMAND_PALETTE and key == app.COMMAND_PALETTE_BINDING:
                palette = item
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                items.append(item)
        return items, palette

    def render(self) -> Content:
        items, palette = self.items()
        spans, pieces = layout(items, palette, self.size.width)
        self._spans = spans
        text = "".join(piece for piece, _ in pieces)
        marks: list[Span] = []
        x = 0
        for piece, style in pieces:
            if style:
                marks.append(Span(x, x + len(piece), style))
            x += len(piece)
        if self.hover is not None and self.hover < len(spans):
            start, end, _ = spans[self.hover]
            marks.append(Span(start, end, HOVER))
        return Content(text, marks)

    def _span_at(self, x: int) -> int | None:
        return next((i for i, (start, end, _) in enumerate(self._spans) if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self._span_at(event.x)

    def on_leave(self, event: events.Leave) -> None:
        self.hover = None

    def on_click(self, event: events.Click) -> None:
        index = self._span_at(event.x)
        if index is not None:
            event.stop()
            item = self._spans[index][2]
            if item.enabled:
                self.app.simulate_key(item.key)
            else:
                self.app.bell()

"""Text laid out for the width it is given, in the same layout pass (no repaint on resize).

A Static that rewraps its text in `on_resize` is laid out twice: once with the text unwrapped,
then again with the text wrapped for the width it got. `WrappedText` asks its subclass for the
markup of a given content width when Textual measures its height, and renders the same markup.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget


class WrappedText(Widget):
    """Subclasses implement `markup(width)` and call `changed()` when their data changes."""

    DEFAULT_CSS = """
    WrappedText { height: auto; }
    """

    _laid: tuple[int, int, Content] | None = None
    """(width, height, content) as last laid out."""

    def markup(self, width: int, height: int) -> str:
        """The text for a content `width`, in a container `height` rows tall (Textual markup)."""
        raise NotImplementedError

    def changed(self) -> None:
        self._laid = None
        self.refresh(layout=True)

    def content_for(self, width: int, height: int) -> Content:
        if self._laid is None or self._laid[:2] != (width, height):
            self._laid = (width, height, Content.from_markup(self.markup(width, height)))
        return self._laid[2]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.content_for(width, container.height).plain.count("\n") + 1

    def render(self) -> Content:
        width = self.content_size.width
        if self._laid is not None and self._laid[0] == width:
            return self._laid[2]  # as measured for the layout
        return self.content_for(width, self.app.size.height)

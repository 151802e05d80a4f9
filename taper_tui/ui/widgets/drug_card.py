"""One drug on the Today screen: step, today's dose and how to make it, next step, the reading.

The text comes ready from the `Glance` (`ui.glance.CardText`); the card wraps its bullets to its
width with a hanging indent, in the layout pass itself (`WrappedText`).
"""

from __future__ import annotations

import textwrap

from taper_tui.ui.glance import CardText, escape
from taper_tui.ui.widgets.wrapped import WrappedText


def _hanging(mark: str, text: str, width: int | None) -> list[str]:
    """`mark text` wrapped to `width` with the lines after the first under the text, escaped;
    `mark` is markup and counts as two cells. Unwrapped (one line) when `width` is None."""
    if width is None:
        return [f"{mark} {escape(text)}"]
    lines = textwrap.wrap(text, max(width - 2, 10)) or [""]
    return [f"{mark} {escape(lines[0])}", *(f"  {escape(line)}" for line in lines[1:])]


def card_markup(card: CardText, width: int | None = None) -> str:
    """The card's text; bullets wrap with a hanging indent when the content `width` is known."""
    lines = list(card.head)
    if card.reasons:
        lines.append("")
        for reason in card.reasons:
            lines += _hanging("•", reason, width)
    if card.warnings:
        lines += ["", "[b]Warnings[/b]"]
        for style, text in card.warnings:
            lines += _hanging(f"[{style}]▲[/]", text, width)
    for text in card.info:
        lines += [f"[dim]{line}[/]" for line in _hanging("•", text, width)]
    return "\n".join(lines)


class DrugCard(WrappedText):
    """A bordered card; its border colour follows the reading (class `-hold`, `-urgent`, ...)."""

    card: CardText | None = None

    def show(self, card: CardText) -> None:
        if card == self.card:
            return
        self.border_title = escape(card.name)
        self.set_classes(f"-{card.kind}")
        self.card = card
        self.changed()

    def markup(self, width: int, height: int) -> str:
        return "" if self.card is None else card_markup(self.card, width if width > 10 else None)


class Bullets(WrappedText):
    """Plain-text bullet points that wrap with a hanging indent (`show` the texts)."""

    texts: tuple[str, ...] = ()

    def show(self, texts: tuple[str, ...]) -> None:
        if texts != self.texts:
            self.texts = texts
            self.changed()

    def markup(self, width: int, height: int) -> str:
        return "\n".join(line for text in self.texts
                         for line in _hanging("•", text, width if width > 10 else None))

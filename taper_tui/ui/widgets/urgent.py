"""The urgent banner at the top of Today: never scrolled away, its text reflowed to the width.

The crisis text comes from taper.yaml, where a person wraps long lines to fit their editor; a
line too long for the banner is joined with the next one (so it does not break mid-sentence),
while short lines (a list of phone numbers) keep their own line.
"""

from __future__ import annotations

from taper_tui.ui.glance import escape
from taper_tui.ui.widgets.wrapped import WrappedText


def reflow(text: str, width: int | None) -> str:
    """Join each line longer than `width` with the line after it (blank lines end a paragraph)."""
    if width is None:
        return text
    out: list[str] = []
    joining = False
    for line in text.splitlines():
        if joining and line.strip():
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
        joining = len(out[-1]) > width
    return "\n".join(out)


class UrgentBanner(WrappedText):
    """`show` the urgent messages (plain text); each starts with a bold URGENT."""

    messages: tuple[str, ...] = ()

    def show(self, messages: tuple[str, ...]) -> None:
        self.display = bool(messages)
        if messages != self.messages:
            self.messages = messages
            self.changed()

    def markup(self, width: int, height: int) -> str:
        return "\n".join(f"[b]URGENT[/b]  {escape(reflow(m, width - 8 if width > 20 else None))}"
                         if i == 0 else escape(reflow(m, width if width > 20 else None))
                         for i, m in enumerate(self.messages))

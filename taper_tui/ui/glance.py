"""What the Today screen shows, as plain display data (`Glance`), and how strips are drawn.

A `Glance` holds text and numbers only (no journal, no core types), so the preload child
(`ui.preload`) sends it small, and the app unpickles it without importing the core: Today paints
from it alone. It is built from a load (`ui.glance_build.glance`) in the child or a load worker.
This module imports nothing of the core or of Textual.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

WINDOW_DAYS = 30
BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"


@dataclass(frozen=True, slots=True)
class Series:
    """One strip: a value per calendar day (None: no day file), on the scale 0..`top`."""

    label: str
    values: tuple[float | None, ...]
    top: float
    style: str
    """A theme variable: "$accent", "$error" (red flags), "$warning", "$success"."""
    last: str
    """The last logged value as shown, or "–"."""


@dataclass(frozen=True, slots=True)
class CardText:
    """One drug's card: `head` is markup (step, today's dose and how to measure it, the next
    step); the rest is plain text that the card wraps to its width."""

    name: str
    kind: str
    """The recommendation ("advance", "hold", "consult", "urgent") or "none"."""
    head: tuple[str, ...]
    reasons: tuple[str, ...]
    warnings: tuple[tuple[str, str], ...]
    """(theme variable, text): "$error" for urgent findings, "$warning" for the others."""
    info: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Glance:
    today: dt.date
    writable: bool
    errors: int
    """Problems of severity error in the journal files."""
    logged_today: bool
    urgent: tuple[str, ...]
    """The urgent findings' messages, then the crisis text (plain text)."""
    cards: tuple[CardText, ...]
    general: tuple[str, ...]
    """Journal-wide findings that are not urgent (plain text)."""
    first: dt.date
    """The first day of the strips (the last is `today`)."""
    strips: tuple[Series, ...]


GLANCE_FORMAT = 1
"""Layout of `glance_to_json`; bump when `Glance`, `CardText` or `Series` change."""


def glance_to_json(g: Glance) -> dict[str, object]:
    """The glance as JSON data (for the start-up memo, `ui.preload`)."""
    return {
        "today": g.today.isoformat(), "writable": g.writable, "errors": g.errors,
        "logged_today": g.logged_today, "urgent": list(g.urgent),
        "cards": [[c.name, c.kind, list(c.head), list(c.reasons),
                   [list(w) for w in c.warnings], list(c.info)] for c in g.cards],
        "general": list(g.general), "first": g.first.isoformat(),
        "strips": [[s.label, list(s.values), s.top, s.style, s.last] for s in g.strips],
    }


def glance_from_json(data: object) -> Glance | None:
    """The glance `glance_to_json` made, equal to the original; None for anything else."""
    try:
        assert isinstance(data, dict)
        glance = Glance(
            today=dt.date.fromisoformat(data["today"]), writable=data["writable"],
            errors=data["errors"], logged_today=data["logged_today"],
            urgent=tuple(data["urgent"]),
            cards=tuple(CardText(name, kind, tuple(head), tuple(reasons),
                                 tuple((style, text) for style, text in warnings), tuple(info))
                        for name, kind, head, reasons, warnings, info in data["cards"]),
            general=tuple(data["general"]), first=dt.date.fromisoformat(data["first"]),
            strips=tuple(Series(label, tuple(values), top, style, last)
                         for label, values, top, style, last in data["strips"]),
        )
    except (AssertionError, KeyError, TypeError, ValueError):
        return None
    return glance if glance_to_json(glance) == data else None


def strip_rows(values: Sequence[float | None], top: float, rows: int = 1,
               width: int = 1) -> list[str]:
    """The strip drawn `rows` lines tall (top line first), each day `width` cells wide.

    A value fills 0..`top` over 8 levels per line; 0 is the lowest block (so a logged zero is
    never mistaken for a gap); None is a `·` gap on the bottom line."""
    levels = 8 * rows
    lines: list[list[str]] = [[] for _ in range(rows)]
    for value in values:
        if value is None:
            for r, line in enumerate(lines):
                line.append((GAP if r == rows - 1 else " ") * width)
            continue
        ratio = 0.0 if top <= 0 else min(max(value / top, 0.0), 1.0)
        level = round(ratio * (levels - 1)) + 1  # 1..levels
        for r, line in enumerate(lines):
            fill = min(max(level - 8 * (rows - 1 - r), 0), 8)
            line.append((BLOCKS[fill - 1] if fill else " ") * width)
    return ["".join(line) for line in lines]


_MARKUP = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def escape(text: str) -> str:
    """`text` safe inside Textual markup (as `textual.markup.escape`, without importing it)."""
    text = _MARKUP.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        return text + "\\"
    return text

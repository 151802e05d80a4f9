"""One drug on the Today screen: step, today's dose and how to make it, next step, the reading."""

from __future__ import annotations

import datetime as dt
import textwrap

from textual.markup import escape
from textual.widgets import Static

from taper_tui.core import wording
from taper_tui.core.findings import RecommendationKind, Severity, by_severity
from taper_tui.ui.assessment import DrugView

KIND_STYLE = {
    RecommendationKind.ADVANCE: "$success",
    RecommendationKind.HOLD: "$warning",
    RecommendationKind.CONSULT: "$warning",
    RecommendationKind.URGENT: "$error",
}
KIND_LABEL = {
    RecommendationKind.ADVANCE: "ready to advance",
    RecommendationKind.HOLD: "hold",
    RecommendationKind.CONSULT: "consult your prescriber",
    RecommendationKind.URGENT: "URGENT",
}


def _hanging(mark: str, text: str, width: int | None) -> list[str]:
    """`mark text` wrapped to `width` with the lines after the first under the text, escaped;
    `mark` is markup and counts as two cells. Unwrapped (one line) when `width` is None."""
    if width is None:
        return [f"{mark} {escape(text)}"]
    lines = textwrap.wrap(text, max(width - 2, 10)) or [""]
    return [f"{mark} {escape(lines[0])}", *(f"  {escape(line)}" for line in lines[1:])]


def card_markup(view: DrugView, today: dt.date, width: int | None = None) -> str:
    """The card's text; bullets wrap with a hanging indent when the content `width` is known."""
    p = view.progress
    lines: list[str] = []
    kind = view.recommendation.kind if view.recommendation else None
    if kind is not None:
        lines.append(f"[reverse {KIND_STYLE[kind]}] {KIND_LABEL[kind].upper()} [/]")
    if p.current_mg is None:
        lines.append(escape(wording.NO_DOSE(drug=view.name, date=today.isoformat())))
    else:
        step = ""
        if p.step_index is not None and p.steps:
            step = f"Step {p.step_index + 1} of {len(p.steps)}: "
        since = f" since {p.since.isoformat()}" if p.since else ""
        of = f" of {p.step_days}" if p.step_days else ""
        lines.append(f"{step}[b]{wording.mg(p.current_mg)} mg[/b]{since} "
                     f"(day {p.days_on_step}{of})")
    if view.planned_mg is not None:
        how = f" — {escape(view.measure)}" if view.measure else ""
        lines.append(f"Today: [b]{wording.mg(view.planned_mg)} mg[/b]{how}")
    if p.on_hold:
        lines.append("Next step: [b $warning]on hold[/]")
    elif p.next_date is not None and p.next_mg is not None:
        lines.append(f"Next step: {wording.mg(p.next_mg)} mg from {p.next_date.isoformat()}")
    elif p.steps:
        lines.append("Next step: none planned")
    if view.recommendation is not None:
        lines.append("")
        for reason in view.recommendation.reasons:
            lines += _hanging("•", reason, width)
    warnings = [f for f in by_severity(view.findings) if f.severity is not Severity.INFO]
    if warnings:
        lines.append("")
        lines.append("[b]Warnings[/b]")
        for f in warnings:
            style = "$error" if f.severity is Severity.URGENT else "$warning"
            lines += _hanging(f"[{style}]▲[/]", f.message, width)
    info = [f for f in view.findings if f.severity is Severity.INFO]
    for f in info:
        lines += [f"[dim]{line}[/]" for line in _hanging("•", f.message, width)]
    return "\n".join(lines)


class DrugCard(Static):
    """A bordered card; its border colour follows the reading (class `-hold`, `-urgent`, ...)."""

    shown: tuple[DrugView, dt.date] | None = None

    def show(self, view: DrugView, today: dt.date) -> None:
        self.border_title = view.name
        kind = view.recommendation.kind.value if view.recommendation else "none"
        self.set_classes(f"-{kind}")
        self.shown = (view, today)
        self._paint()

    def on_resize(self) -> None:
        self._paint()

    def _paint(self) -> None:
        if self.shown is not None:
            width = self.content_region.width
            self.update(card_markup(*self.shown, width if width > 10 else None))


class Bullets(Static):
    """Plain-text bullet points that wrap with a hanging indent (`show` the texts)."""

    texts: tuple[str, ...] = ()

    def show(self, texts: tuple[str, ...]) -> None:
        self.texts = texts
        self._paint()

    def on_resize(self) -> None:
        self._paint()

    def _paint(self) -> None:
        width = self.content_region.width
        lines = [line for text in self.texts
                 for line in _hanging("•", text, width if width > 10 else None)]
        self.update("\n".join(lines))

"""Building Today's `Glance` from a load: runs where the journal is (a load worker, or the
preload child), never on the app's event loop at start-up. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from taper_tui.core import wording
from taper_tui.core.findings import RecommendationKind, Severity, by_severity
from taper_tui.core.model import Day, Journal
from taper_tui.ui.assessment import DrugView, TodayView
from taper_tui.ui.glance import WINDOW_DAYS, CardText, Glance, Series, escape

if TYPE_CHECKING:
    from taper_tui.store.journal_store import LoadResult

KIND_LABEL = {
    RecommendationKind.ADVANCE: "ready to advance",
    RecommendationKind.HOLD: "hold",
    RecommendationKind.CONSULT: "consult your prescriber",
    RecommendationKind.URGENT: "URGENT",
}
KIND_STYLE = {
    RecommendationKind.ADVANCE: "$success",
    RecommendationKind.HOLD: "$warning",
    RecommendationKind.CONSULT: "$warning",
    RecommendationKind.URGENT: "$error",
}


def glance(result: LoadResult, view: TodayView) -> Glance:
    journal = result.journal
    errors = sum(p.severity.value == "error" for p in result.problems)
    first = view.today - dt.timedelta(days=WINDOW_DAYS - 1)
    urgent = [f.message for f in view.urgent]
    if urgent and not any(view.crisis_text in m for m in urgent):
        urgent.append(view.crisis_text)
    general = tuple(f.message for f in view.findings if f not in view.urgent)
    return Glance(view.today, result.writable, errors, journal.day(view.today) is not None,
                  tuple(urgent), tuple(card_text(d, view.today) for d in view.drugs), general,
                  first, strips(journal, first, view.today))


def card_text(view: DrugView, today: dt.date) -> CardText:
    p = view.progress
    head: list[str] = []
    kind = view.recommendation.kind if view.recommendation else None
    if kind is not None:
        head.append(f"[reverse {KIND_STYLE[kind]}] {KIND_LABEL[kind].upper()} [/]")
    if p.current_mg is None:
        head.append(escape(wording.NO_DOSE(drug=view.name, date=today.isoformat())))
    else:
        step = ""
        if p.step_index is not None and p.steps:
            step = f"Step {p.step_index} of {len(p.steps) - 1}: "  # as `plan` and `status`
        since = f" since {p.since.isoformat()}" if p.since else ""
        of = f" of {p.step_days}" if p.step_days else ""
        head.append(f"{step}[b]{wording.mg(p.current_mg)} mg[/b]{since} "
                    f"(day {p.days_on_step}{of})")
    if view.planned_mg is not None:
        how = f" — {escape(view.measure)}" if view.measure else ""
        head.append(f"Today: [b]{wording.mg(view.planned_mg)} mg[/b]{how}")
    if p.on_hold:
        head.append("Next step: [b $warning]on hold[/]")
    elif p.next_date is not None and p.next_mg is not None:
        head.append(f"Next step: {wording.mg(p.next_mg)} mg from {p.next_date.isoformat()}")
    elif p.steps:
        head.append("Next step: none planned")
    reasons = tuple(view.recommendation.reasons) if view.recommendation else ()
    warnings = tuple(("$error" if f.severity is Severity.URGENT else "$warning", f.message)
                     for f in by_severity(view.findings) if f.severity is not Severity.INFO)
    info = tuple(f.message for f in view.findings if f.severity is Severity.INFO)
    return CardText(view.name, kind.value if kind else "none", tuple(head), reasons, warnings,
                    info)


def strips(journal: Journal, first: dt.date, last: dt.date) -> tuple[Series, ...]:
    """Each tracked symptom (a red flag only once scored), the total burden, each drug's dose."""
    days = journal.days_between(first, last)
    names = [s.name for s in journal.settings.symptoms]
    scored = {n for d in days for n in d.symptoms}
    names += sorted(scored - set(names))
    out: list[Series] = []
    for name in names:
        red = journal.settings.is_red_flag(name)
        if name not in scored and red:
            continue  # A red flag never scored stays out of the way; any score shows.
        values = series(days, first, last, partial(_score, name=name))
        out.append(_series(name.replace("_", " "), values, 10.0, "$error" if red else "$accent"))
    burden = series(days, first, last, _burden)
    out.append(_series("total burden", burden, _top(burden), "$warning"))
    for drug in journal.settings.drugs:
        dose = series(days, first, last, partial(_dose, drug=drug))
        out.append(_series(f"{drug} mg", dose, _top(dose), "$success"))
    return tuple(out)


def series(days: Sequence[Day], first: dt.date, last: dt.date,
           value: Callable[[Day], float | None]) -> tuple[float | None, ...]:
    """Per calendar day from first to last: `value(day)`, or None when there is no day file."""
    by_date = {d.date: d for d in days}
    count = (last - first).days + 1
    out: list[float | None] = []
    for i in range(count):
        day = by_date.get(first + dt.timedelta(days=i))
        out.append(None if day is None else value(day))
    return tuple(out)


def _series(label: str, values: tuple[float | None, ...], top: float, style: str) -> Series:
    logged = [v for v in values if v is not None]
    last = "–" if not logged else format(Decimal(str(logged[-1])).normalize(), "f")
    return Series(label, values, top, style, last)


def _score(day: Day, name: str) -> float | None:
    return float(day.symptoms[name]) if name in day.symptoms else None


def _burden(day: Day) -> float | None:
    return float(day.burden) if day.symptoms else None


def _dose(day: Day, drug: str) -> float | None:
    mg = day.taken_mg(drug)
    return None if mg is None else float(mg)


def _top(values: Sequence[float | None]) -> float:
    return max([v for v in values if v is not None] or [1.0])

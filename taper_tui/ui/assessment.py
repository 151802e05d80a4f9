"""The one place where the app asks the core what to show: per drug, progress and the reading.

`assess(journal, today, facts)` returns a `TodayView` built from `taper_tui.core.rules.evaluate`.
Views read only this, so a change in the rules' output is adapted here once. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from taper_tui.core import wording
from taper_tui.core.drugs import DrugFacts
from taper_tui.core.findings import DayValue, Finding, FindingKind, Recommendation, Severity
from taper_tui.core.model import DrugSettings, Journal
from taper_tui.core.progress import DrugProgress, Step


@dataclass(frozen=True, slots=True)
class DrugView:
    """What the Today card of one drug shows."""

    name: str
    progress: DrugProgress
    recommendation: Recommendation | None
    findings: tuple[Finding, ...]
    planned_mg: Decimal | None
    """Today's planned dose (the plan given the actual progression), or the current dose."""
    measure: str | None
    """How to make `planned_mg` with the person's forms, when the engine knows."""
    kindling_episodes: int = 0


@dataclass(frozen=True, slots=True)
class TodayView:
    today: dt.date
    drugs: tuple[DrugView, ...]
    findings: tuple[Finding, ...]
    """Journal-wide findings (exposures, red flags)."""
    urgent: tuple[Finding, ...]
    crisis_text: str
    wave_periods: tuple[tuple[dt.date, dt.date], ...]
    engine: str
    """Which engine produced this: "rules", "progress" or "minimal" (shown in Help)."""


def assess(journal: Journal, today: dt.date,
           facts: Mapping[str, DrugFacts] | None = None) -> TodayView:
    """The Today reading. Falls back to the logged doses alone (engine "minimal") when the rules
    raise, so a bug in one rule never takes the whole app down; the fallback still shows red
    flags."""
    crisis = journal.settings.crisis_text or wording.DEFAULT_CRISIS_TEXT
    try:
        from taper_tui.core.rules import evaluate

        return _from_assessment(evaluate(journal, today, facts), crisis)
    except Exception as exc:  # a rules bug must not take the whole app down
        failure = f"{type(exc).__name__}: {exc}"
    drugs = []
    for drug in journal.settings.drugs.values():
        progress = minimal_progress(drug, journal, today)
        drugs.append(DrugView(drug.name, progress, None, (), progress.current_mg, None))
    urgent = _red_flags(journal, today, crisis)
    return TodayView(today, tuple(drugs), urgent, urgent, crisis, (), f"minimal ({failure})")


def _from_assessment(result: Any, crisis: str) -> TodayView:
    drugs = []
    for r in result.drugs:
        planned, measure = _planned(r.progress, result.today)
        drugs.append(DrugView(r.drug, r.progress, r.recommendation, tuple(r.findings), planned,
                              measure, getattr(r.kindling, "episodes", 0)))
    waves = tuple((w.first, w.last) for w in result.waves)
    return TodayView(result.today, tuple(drugs), tuple(result.findings), tuple(result.urgent),
                     result.crisis_text or crisis, waves, "rules")


def _planned(progress: DrugProgress, today: dt.date) -> tuple[Decimal | None, str | None]:
    from taper_tui.core.progress import planned_mg

    mg = planned_mg(progress, today)
    if mg is None:
        mg = progress.current_mg
    return mg, measure_for(progress.steps, mg)


def measure_for(steps: tuple[Step, ...], mg: Decimal | None) -> str | None:
    for step in steps:
        if mg is not None and step.mg == mg and step.measure:
            return step.measure
    return None


def minimal_progress(drug: DrugSettings, journal: Journal, today: dt.date) -> DrugProgress:
    """The current dose level and since when, read from the logged doses only (no plan)."""
    current: Decimal | None = None
    since: dt.date | None = None
    for day in reversed(journal.days):
        if day.date > today:
            continue
        mg = day.taken_mg(drug.name)
        if mg is None:
            continue
        if current is None:
            current, since = mg, day.date
        elif mg == current:
            since = day.date
        else:
            break
    step_days = drug.plan.step_days if drug.plan else 0
    days_on = (today - since).days + 1 if since else 0
    return DrugProgress(drug.name, (), current, None, since, days_on, step_days, (), None, None,
                        False)


def _red_flags(journal: Journal, today: dt.date, crisis: str) -> tuple[Finding, ...]:
    """Red-flag scores in the recent window; shown even before the rules engine is installed."""
    window = journal.settings.thresholds.red_flag_days
    first = today - dt.timedelta(days=window - 1)
    found: list[Finding] = []
    for day in journal.days_between(first, today):
        for name, score in sorted(day.symptoms.items()):
            if score > 0 and journal.settings.is_red_flag(name):
                message = wording.RED_FLAG(symptom=name.replace("_", " "), score=score,
                                           date=day.date.isoformat(), crisis=crisis)
                found.append(Finding(FindingKind.RED_FLAG, Severity.URGENT, None, message,
                                     (DayValue(name, day.date, Decimal(score)),)))
    return tuple(found)

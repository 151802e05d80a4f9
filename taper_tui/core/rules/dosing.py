"""Irregular dosing in the recent window: missed doses, skip patterns, off-plan and double doses,
and dose timing for short half-life drugs.

Only days with a day file count: a day without one says nothing about whether a dose was taken.
Skipping doses to taper ("every other day") is named as such because the sources in clinical.md §8
discourage it strongly (International Antidepressant Withdrawal Project; the AJP case report).
The timing check needs a half-life from the drug data (`taper_tui/data/drugs.yaml`); where the
data has none, the check is skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from taper_tui.core import wording
from taper_tui.core.drugs import DrugFacts
from taper_tui.core.findings import (
    Count,
    DayValue,
    Evidence,
    Finding,
    FindingKind,
    Severity,
    Threshold,
)
from taper_tui.core.model import Day, DrugSettings, EventType
from taper_tui.core.progress import planned_mg
from taper_tui.core.rules.context import RuleContext

#: A dose at or below this share of the planned dose counts as a "lower" day in a skip pattern.
#: App choice (no source): well below rounding differences, well above a half-dose alternation.
LOW_SHARE = Decimal("0.75")
MAX_EVIDENCE_DAYS = 7


@dataclass(frozen=True, slots=True)
class DoseDay:
    date: dt.date
    planned: Decimal
    taken: Decimal | None
    skipped: bool
    level: Decimal | None
    """The dose level in force that day (from the dose-level changes)."""

    @property
    def usual(self) -> Decimal:
        """The dose this day is measured against: the level in force, else the plan's."""
        return self.level if self.level else self.planned

    @property
    def off_plan(self) -> bool:
        """A dose other than the plan's, except staying at a level above the plan (a hold)."""
        if not self.taken or self.taken == self.planned:
            return False
        return not (self.taken == self.level and self.level >= self.planned)

    @property
    def low(self) -> bool:
        return self.skipped or self.taken is None or self.taken <= self.usual * LOW_SHARE

    @property
    def missed(self) -> bool:
        return self.skipped or not self.taken


def dose_days(ctx: RuleContext, drug: str) -> list[DoseDay]:
    """Recent days with a file on which the plan expects a dose of `drug`."""
    p = ctx.progress[drug]
    out: list[DoseDay] = []
    changes = list(p.changes)
    level = changes[0].from_mg if changes else p.current_mg
    for day in ctx.journal.days_between(ctx.recent_first, ctx.today):
        while changes and changes[0].date <= day.date:
            level = changes.pop(0).to_mg
        planned = planned_mg(p, day.date)
        if planned is None:
            continue
        skipped = any(e.type is EventType.SKIPPED and e.drug == drug for e in day.events)
        out.append(DoseDay(day.date, planned, day.taken_mg(drug), skipped, level))
    return out


def skip_pattern(days: Sequence[DoseDay], min_days: int) -> tuple[list[DoseDay], int] | None:
    """The latest run of >= `min_days` low days, each 2 or 3 days after the previous one with
    full doses logged on every day between; with its most common spacing."""
    best: tuple[list[DoseDay], int] | None = None
    run: list[DoseDay] = []
    gaps: list[int] = []
    prev_index = -1
    for i, d in enumerate(days):
        if not (d.planned > 0 and d.low):
            continue
        gap = (d.date - run[-1].date).days if run else 0
        between = days[prev_index + 1:i]
        regular = (bool(run) and gap in (2, 3) and len(between) == gap - 1
                   and all(not b.low for b in between))
        if regular:
            run.append(d)
            gaps.append(gap)
        else:
            run, gaps = [d], []
        prev_index = i
        if len(run) >= min_days:
            best = (list(run), Counter(gaps).most_common(1)[0][0])
    return best


def dosing_findings(ctx: RuleContext, drug: DrugSettings,
                    facts: DrugFacts | None) -> tuple[Finding, ...]:
    days = dose_days(ctx, drug.name)
    out: list[Finding] = []
    window = wording.days(ctx.t.recent_days)
    pattern = skip_pattern(days, ctx.t.skip_pattern_min_days)
    in_pattern: set[dt.date] = set()
    if pattern is not None:
        run, period = pattern
        in_pattern = {d.date for d in run}
        out.append(Finding(
            FindingKind.ALTERNATE_DAY, Severity.WARNING, drug.name,
            wording.ALTERNATE_DAY(drug=drug.name, n=len(run), period=period, first=run[0].date),
            (*_day_values("dose logged (mg)", run),
             Count("lower-or-no-dose days", len(run), run[-1].date),
             Threshold("skip_pattern_min_days", Decimal(ctx.t.skip_pattern_min_days)))))
    missed = [d for d in days if d.planned > 0 and d.missed and d.date not in in_pattern]
    if missed:
        out.append(Finding(
            FindingKind.MISSED_DOSE, Severity.WARNING, drug.name,
            wording.MISSED_DOSE(drug=drug.name, count=wording.days(len(missed)), window=window,
                                latest=missed[-1].date, planned=wording.mg(missed[-1].planned)),
            (*(DayValue("planned mg, none logged", d.date, d.planned)
               for d in missed[-MAX_EVIDENCE_DAYS:]),
             Count("days with no dose logged", len(missed)))))
    double = [d for d in days if d.taken and d.usual > 0 and d.taken >= 2 * d.usual]
    for d in double[-1:]:
        assert d.taken is not None
        out.append(Finding(
            FindingKind.DOUBLE_DOSE, Severity.WARNING, drug.name,
            wording.DOUBLE_DOSE(taken=wording.mg(d.taken), drug=drug.name, date=d.date,
                                times=wording.pct(d.taken / d.usual),
                                usual=wording.mg(d.usual)),
            (DayValue("dose logged (mg)", d.date, d.taken),
             DayValue("usual mg", d.date, d.usual),
             Count("days with a double dose", len(double)))))
    skip = in_pattern | {d.date for d in double}
    off = [d for d in days if d.off_plan and d.date not in skip]
    if off:
        last = off[-1]
        assert last.taken is not None
        out.append(Finding(
            FindingKind.OFF_PLAN_DOSE, Severity.INFO, drug.name,
            wording.OFF_PLAN_DOSE(drug=drug.name, count=wording.days(len(off)), window=window,
                                  latest=last.date, taken=wording.mg(last.taken),
                                  planned=wording.mg(last.planned)),
            (*_day_values("dose logged (mg)", off[-MAX_EVIDENCE_DAYS:]),
             DayValue("planned mg", last.date, last.planned),
             Count("days off plan", len(off)))))
    out += timing_findings(ctx, drug, facts)
    return tuple(out)


def _day_values(label: str, days: Sequence[DoseDay]) -> tuple[Evidence, ...]:
    return tuple(DayValue(label, d.date, d.taken or Decimal(0)) for d in days)


def timing_findings(ctx: RuleContext, drug: DrugSettings,
                    facts: DrugFacts | None) -> tuple[Finding, ...]:
    """Doses logged more than `dose_time_tolerance_hours` from the usual time, for once-daily
    drugs whose half-life (upper bound in the data) is below `short_half_life_hours`."""
    half = facts.half_life if facts is not None else None
    usual = _minutes(drug.dose_time)
    if half is None or usual is None or drug.doses_per_day != 1:
        return ()
    if half.high_h >= ctx.t.short_half_life_hours:
        return ()
    tolerance = ctx.t.dose_time_tolerance_hours * 60
    late: list[tuple[Day, str]] = []
    for day in ctx.journal.days_between(ctx.recent_first, ctx.today):
        for dose in day.doses:
            minutes = _minutes(dose.time) if dose.drug == drug.name else None
            if minutes is not None:
                diff = abs(minutes - usual)
                if min(diff, 24 * 60 - diff) > tolerance:
                    late.append((day, dose.time or ""))
    if not late:
        return ()
    day, time = late[-1]
    hours = f"{wording.mg(half.low_h)}-{wording.mg(half.high_h)}"
    return (Finding(
        FindingKind.DOSE_TIMING, Severity.INFO, drug.name,
        wording.DOSE_TIMING(drug=drug.name, tolerance=ctx.t.dose_time_tolerance_hours,
                            usual=drug.dose_time, count=wording.days(len(late)),
                            window=wording.days(ctx.t.recent_days), latest=day.date, time=time,
                            half_life=f"{hours} ({half.source.short()})"),
        (Count("doses far from the usual time", len(late), day.date),
         Threshold("dose_time_tolerance_hours", Decimal(ctx.t.dose_time_tolerance_hours)),
         Threshold("half-life upper bound, hours", half.high_h))),)


def _minutes(text: str | None) -> int | None:
    if not text:
        return None
    try:
        hours, minutes = text.strip().split(":")
        return int(hours) * 60 + int(minutes)
    except ValueError:
        return None

"""Kindling history: earlier withdrawal episodes per drug and per drug class.

Repeated withdrawals can make later ones worse (kindling, clinical.md §7: Becker 1998; Ballenger &
Post 1978; more previous discontinuation attempts predicted lower tapering-strip success, §5.4).
No source gives a risk per episode (§7 NOT FOUND), so the rules count episodes and say so; they
never put a number on the risk.

An episode is: a stop followed by a restart (a `started`/`reinstated` entry, or doses in the
journal after a stop in `history:`), a reinstatement, a cut larger than the plan's maximum, or a
cut made while symptoms were up (a run of elevated days or a severe score before it). `history:`
entries are read in the order written, before the journal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from taper_tui.core import wording
from taper_tui.core.findings import (
    Count,
    DayValue,
    Finding,
    FindingKind,
    Severity,
    Threshold,
    Window,
)
from taper_tui.core.model import DrugSettings, EventType
from taper_tui.core.progress import DoseChange
from taper_tui.core.rules.context import KindlingEvent, KindlingHistory, RuleContext
from taper_tui.core.rules.step import SymptomReading, cut_percent, read_symptoms

STOP_RESTART = "stop_restart"
REINSTATEMENT = "reinstatement"
LARGE_CUT = "large_cut"
CUT_DURING_HOLD = "cut_during_hold"

_DEDUPE_DAYS = 2
"""An event and a dose-level change of the same kind this close are one thing, recorded twice."""


def kindling_histories(ctx: RuleContext,
                       classes: Mapping[str, str | None]) -> dict[str, KindlingHistory]:
    """Histories for every drug in taper.yaml; class counts include drugs only in `history:`."""
    first_dose = _first_doses(ctx)
    names = list(ctx.journal.settings.drugs)
    names += sorted({h.drug for h in ctx.journal.settings.history} - set(names))
    own = {name: _events(ctx, name, first_dose.get(name)) for name in names}
    out: dict[str, KindlingHistory] = {}
    for name in ctx.journal.settings.drugs:
        cls = classes.get(name)
        class_events = tuple(e for other, events in own.items()
                             if cls is not None and classes.get(other) == cls for e in events)
        out[name] = KindlingHistory(name, own[name], cls, class_events or own[name])
    return out


def _first_doses(ctx: RuleContext) -> dict[str, dt.date]:
    out: dict[str, dt.date] = {}
    for day in ctx.journal.days:
        for dose in day.doses:
            if dose.drug not in out and dose.mg > 0:
                out[dose.drug] = day.date
    return out


def _events(ctx: RuleContext, drug: str, first_dose: dt.date | None) -> tuple[KindlingEvent, ...]:
    events: list[KindlingEvent] = []
    pending: tuple[dt.date | None, str] | None = None

    def step(date: dt.date | None, kind: str, source: str) -> None:
        nonlocal pending
        if kind == "stop":
            pending = pending or (date, source)
        elif kind in ("start", "reinstate") and pending is not None:
            events.append(KindlingEvent(STOP_RESTART, drug, pending[0], pending[1],
                                        f"stopped {pending[0] or '(date unknown)'}, taken again "
                                        f"{date or '(date unknown)'}"))
            pending = None
        elif kind == "reinstate":
            events.append(KindlingEvent(REINSTATEMENT, drug, date, source, f"reinstated {date}"))

    kinds = {EventType.STOPPED: "stop", EventType.STARTED: "start",
             EventType.REINSTATED: "reinstate"}
    for h in ctx.journal.settings.history:
        if h.drug == drug and h.event in kinds:
            step(h.date, kinds[h.event], "history")
    if pending is not None and first_dose is not None and (pending[0] is None
                                                           or first_dose > pending[0]):
        step(first_dose, "start", "journal")
    for date, kind in _journal_sequence(ctx, drug, kinds):
        step(date, kind, "journal")
    if drug in ctx.progress and drug in ctx.journal.settings.drugs:
        events += _cut_events(ctx, ctx.journal.settings.drugs[drug], events)
    return tuple(sorted(events, key=lambda e: (e.date or dt.date.min, e.kind)))


def _journal_sequence(ctx: RuleContext, drug: str,
                      kinds: Mapping[EventType, str]) -> list[tuple[dt.date, str]]:
    """Stops, starts and reinstatements from events and dose levels, same-kind duplicates merged."""
    raw = [(day.date, kinds[e.type]) for day in ctx.journal.days for e in day.events
           if e.drug == drug and e.type in kinds]
    p = ctx.progress.get(drug)
    for c in p.changes if p is not None else ():
        if c.to_mg == 0 and c.from_mg > 0:
            raw.append((c.date, "stop"))
        elif c.from_mg == 0 and c.to_mg > 0:
            raw.append((c.date, "start"))
        elif c.to_mg > c.from_mg:
            raw.append((c.date, "reinstate"))
    kept: list[tuple[dt.date, str]] = []
    last: dict[str, dt.date] = {}
    for date, kind in sorted(raw):
        if kind in last and (date - last[kind]).days <= _DEDUPE_DAYS:
            continue
        last[kind] = date
        kept.append((date, kind))
    return kept


def _cut_events(ctx: RuleContext, drug: DrugSettings,
                earlier: list[KindlingEvent]) -> list[KindlingEvent]:
    plan = drug.plan
    p = ctx.progress[drug.name]
    stops = {e.date for e in earlier if e.kind == STOP_RESTART}
    smallest = min((s.mg for s in p.steps if s.mg > 0), default=None)
    out: list[KindlingEvent] = []
    previous: DoseChange | None = None
    for c in p.changes:
        if not c.is_cut:
            continue
        planned_stop = c.to_mg == 0 and smallest is not None and c.from_mg <= smallest
        if (plan is not None and c.percent > plan.max_cut_percent and not planned_stop
                and c.date not in stops):
            out.append(KindlingEvent(LARGE_CUT, drug.name, c.date, "journal",
                                     f"{wording.mg(c.from_mg)} to {wording.mg(c.to_mg)} mg "
                                     f"({wording.pct(c.percent)}%)"))
        r = reading_before(ctx, c, previous)
        if r.up or r.severe:
            out.append(KindlingEvent(CUT_DURING_HOLD, drug.name, c.date, "journal",
                                     f"cut while symptoms were up: {_why(r)}"))
        previous = c
    return out


def reading_before(ctx: RuleContext, cut: DoseChange,
                   previous: DoseChange | None) -> SymptomReading:
    """The step rule's symptom reading on the day before `cut`. Whether a wave reached the
    days before the cut needs no long look back (its start date is not reported in full)."""
    day_before = cut.date - dt.timedelta(days=1)
    return read_symptoms(ctx.series, previous.date if previous else None, day_before, ctx.t,
                         lookback_days=2 * ctx.t.wave_min_days)


def _why(r: SymptomReading) -> str:
    if r.severe:
        date, name, score = r.severe[-1]
        return f"{name.replace('_', ' ')} {score} on {date}"
    base = r.baseline.mean if r.baseline is not None else None
    wave = f"a wave from {r.wave.first}, " if r.wave is not None else ""
    return (f"{wave}mean burden {wording.mean(r.current.mean)} in the {r.current.days} days "
            f"before vs {wording.mean(base)}")


def kindling_findings(ctx: RuleContext, drug: DrugSettings,
                      k: KindlingHistory) -> tuple[Finding, ...]:
    """Recent large cuts and cuts during a hold; repeated reinstatements while still tapering."""
    out: list[Finding] = []
    p = ctx.progress[drug.name]
    prev: DoseChange | None = None
    for c in p.changes:
        if not c.is_cut:
            continue
        recent = c.date >= ctx.recent_first
        kinds = {e.kind for e in k.events if e.date == c.date and e.source == "journal"}
        if recent and LARGE_CUT in kinds and drug.plan is not None:
            out.append(Finding(
                FindingKind.LARGE_CUT, Severity.WARNING, drug.name,
                wording.LARGE_CUT(drug=drug.name, date=c.date, from_mg=wording.mg(c.from_mg),
                                  to_mg=wording.mg(c.to_mg), pct=wording.pct(c.percent),
                                  max=wording.pct(drug.plan.max_cut_percent)),
                (DayValue("dose before", c.date, c.from_mg),
                 DayValue("dose after", c.date, c.to_mg),
                 Threshold("max_cut_percent", drug.plan.max_cut_percent))))
        if recent and CUT_DURING_HOLD in kinds:
            r = reading_before(ctx, c, prev)
            base = r.baseline
            evidence: list[Window | DayValue | Threshold | Count] = [
                Window("current burden", r.current.first, r.current.last, r.current.n,
                       r.current.mean)]
            if base is not None:
                evidence.append(Window("baseline burden", base.first, base.last, base.n, base.mean))
            evidence += [DayValue(n, d, Decimal(s)) for d, n, s in r.severe]
            evidence.append(Count("elevated days", r.elevated_current))
            out.append(Finding(FindingKind.CUT_DURING_HOLD, Severity.WARNING, drug.name,
                               wording.CUT_DURING_HOLD(drug=drug.name, date=c.date, why=_why(r)),
                               tuple(evidence)))
        prev = c
    restarts = [e for e in k.events if e.kind in (REINSTATEMENT, STOP_RESTART)]
    if len(restarts) >= 2 and p.current_mg:
        latest = max((e.date for e in restarts if e.date is not None), default=None)
        out.append(Finding(
            FindingKind.REINSTATEMENT_CYCLE, Severity.WARNING, drug.name,
            wording.REINSTATEMENT_CYCLE(n=len(restarts), drug=drug.name,
                                        latest=latest or "date unknown"),
            (Count("reinstatements and restarts", len(restarts), latest),)))
    return tuple(out)


def benzo_pace_findings(ctx: RuleContext, drug: DrugSettings,
                        max_percent: Decimal) -> tuple[Finding, ...]:
    """Cuts adding up to more than `max_percent` within 14 days (ASAM 2025, clinical.md §4.2:
    "should typically not exceed 25% every 2 weeks"); reported for the recent window."""
    window = dt.timedelta(days=13)
    cuts = [c for c in ctx.progress[drug.name].changes if c.is_cut]
    out: list[Finding] = []
    start = 0
    for c in cuts:
        while cuts[start].date < c.date - window:
            start += 1
        if c.date < ctx.recent_first:
            continue
        total = cut_percent(cuts[start].from_mg, c.to_mg)
        if total > max_percent:  # the latest breach is the one reported
            out = [Finding(
                FindingKind.LARGE_CUT, Severity.WARNING, drug.name,
                wording.LARGE_CUT_BENZO(drug=drug.name, pct=wording.pct(total),
                                        window=wording.days(14), date=c.date,
                                        max=wording.pct(max_percent)),
                (DayValue("dose 14 days before", cuts[start].date, cuts[start].from_mg),
                 DayValue("dose after", c.date, c.to_mg),
                 Threshold("benzo_max_cut_percent_14d", max_percent)))]
    return tuple(out)

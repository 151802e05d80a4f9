"""The prescriber report's content: the period's facts, assembled from the journal and the rules.

Pure: the journal, the rules' `Assessment` and `today` go in, a `Report` comes out, and the
renderers (`cli/report_render.py`) only lay it out. Every section is always present, saying so when
it has nothing, so a reader knows it was looked at.

Notes for the prescriber: a line of a day's notes that starts with `prescriber:` or `!` (after any
spaces) is flagged; the marker is left out of the report. Other notes stay private to the journal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from taper_tui.core import wording
from taper_tui.core.drugs import DrugFacts
from taper_tui.core.findings import Finding, FindingKind, Severity
from taper_tui.core.model import Day, EventType, Journal
from taper_tui.core.progress import DoseChange
from taper_tui.core.rules import Assessment, KindlingEvent
from taper_tui.core.rules.context import RuleContext, build_context, cut_at
from taper_tui.core.rules.dosing import dose_days
from taper_tui.core.rules.timeline import FlareLabel, read_flare

DEFAULT_DAYS = 90
"""The period when no --from is given: about one appointment interval. App choice, no source."""
NOTE_MARKERS = ("prescriber:", "!")
IRREGULAR_KINDS = frozenset({FindingKind.MISSED_DOSE, FindingKind.ALTERNATE_DAY,
                             FindingKind.OFF_PLAN_DOSE, FindingKind.DOUBLE_DOSE,
                             FindingKind.DOSE_TIMING})
LABELS = {FlareLabel.WITHDRAWAL: "consistent with withdrawal",
          FlareLabel.RELAPSE: "may be relapse", FlareLabel.UNCLEAR: "unclear"}

#: Section ids and titles, in report order (the HTML ids and the tests use the ids).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("attention", "Needs attention"),
    ("drugs", "Drugs and doses"),
    ("steps", "Steps taken and held"),
    ("symptoms", "Symptom trends"),
    ("waves", "Waves"),
    ("timeline", "Withdrawal or relapse: timeline"),
    ("kindling", "Kindling history"),
    ("dosing", "Irregular dosing"),
    ("exposures", "Exposures"),
    ("notes", "Notes for the prescriber"),
)


@dataclass(frozen=True, slots=True)
class DrugLine:
    drug: str
    drug_class: str | None
    current_mg: Decimal | None
    since: dt.date | None
    next_date: dt.date | None
    next_mg: Decimal | None
    on_hold: bool
    reading: str
    """The rules' step reading: advance, hold, consult or urgent."""
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StepRow:
    date: dt.date
    drug: str
    what: str
    """cut, increase, stop or hold."""
    detail: str


@dataclass(frozen=True, slots=True)
class SymptomTrend:
    name: str
    kind: str
    days: int
    """Days in the period with this symptom scored."""
    first_mean: Decimal | None
    """Mean over the period's first 14 days with scores (or fewer)."""
    last_mean: Decimal | None
    peak: int
    peak_date: dt.date | None
    points: tuple[tuple[dt.date, int], ...]


@dataclass(frozen=True, slots=True)
class WaveRow:
    first: dt.date
    last: dt.date
    peak_date: dt.date
    peak_burden: int
    baseline_mean: Decimal | None
    reading: str
    trigger: str
    """What came before it, e.g. 'cut of sertraline on 2026-09-01, 3 days before'."""
    raised: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    date: dt.date
    what: str


@dataclass(frozen=True, slots=True)
class ExposureRow:
    what: str
    days: int
    last: dt.date


@dataclass(frozen=True, slots=True)
class FlaggedNote:
    date: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Report:
    first: dt.date
    last: dt.date
    today: dt.date
    crisis_text: str
    attention: tuple[Finding, ...]
    drugs: tuple[DrugLine, ...]
    steps: tuple[StepRow, ...]
    burden: tuple[tuple[dt.date, int], ...]
    doses: Mapping[str, tuple[tuple[dt.date, Decimal], ...]]
    """Per drug, the mg taken on each day of the period that records a dose."""
    symptoms: tuple[SymptomTrend, ...]
    waves: tuple[WaveRow, ...]
    timeline: tuple[TimelineRow, ...]
    kindling: Mapping[str, tuple[KindlingEvent, ...]]
    dosing: tuple[str, ...]
    """One line per drug with the period's counts, then the rules' recent dosing findings."""
    exposures: tuple[ExposureRow, ...]
    exposure_findings: tuple[str, ...]
    notes: tuple[FlaggedNote, ...]
    logged_days: int


def flagged_lines(notes: str | None) -> tuple[str, ...]:
    """The lines of `notes` marked for the prescriber, markers removed."""
    out: list[str] = []
    for line in (notes or "").splitlines():
        text = line.strip()
        for marker in NOTE_MARKERS:
            if text.lower().startswith(marker):
                rest = text[len(marker):].strip()
                if rest:
                    out.append(rest)
                break
    return tuple(out)


def _mean(values: list[int]) -> Decimal | None:
    return Decimal(sum(values)) / len(values) if values else None


def _trend(name: str, kind: str, days: tuple[Day, ...]) -> SymptomTrend:
    points = tuple((d.date, d.symptoms[name]) for d in days if name in d.symptoms)
    scores = [s for _, s in points]
    peak = max(points, key=lambda p: (p[1], p[0]), default=None)
    return SymptomTrend(name, kind, len(points), _mean(scores[:14]), _mean(scores[-14:]),
                        peak[1] if peak else 0, peak[0] if peak else None, points)


def _change_row(c: DoseChange) -> StepRow:
    what = "stop" if c.to_mg == 0 else "cut" if c.is_cut else "increase"
    pct = f" ({wording.pct(c.percent)}%)" if c.is_cut and c.to_mg else ""
    return StepRow(c.date, c.drug, what, f"{_mg(c.from_mg)} → {_mg(c.to_mg)} mg{pct}")


def _mg(value: Decimal) -> str:
    return format(value.normalize(), "f")


def build_report(journal: Journal, assessment: Assessment, today: dt.date,
                 first: dt.date | None = None, last: dt.date | None = None,
                 facts: Mapping[str, DrugFacts] | None = None) -> Report:
    """The report for first..last (default: the `DEFAULT_DAYS` days up to `today`)."""
    last = min(last or today, today)
    first = first or max(last - dt.timedelta(days=DEFAULT_DAYS - 1),
                         journal.days[0].date if journal.days else last)
    cut = cut_at(journal, last)
    days = cut.days_between(first, last)

    def in_period(date: dt.date) -> bool:
        return first <= date <= last

    progress = {d.drug: d.progress for d in assessment.drugs}
    drugs = tuple(DrugLine(d.drug, d.kindling.drug_class, d.progress.current_mg,
                           d.progress.since, d.progress.next_date, d.progress.next_mg,
                           d.progress.on_hold, d.recommendation.kind.value,
                           d.recommendation.reasons) for d in assessment.drugs)
    steps = [_change_row(c) for p in progress.values() for c in p.changes if in_period(c.date)]
    steps += [StepRow(day.date, e.drug or "all", "hold", e.note or "hold recorded")
              for day in days for e in day.events if e.type is EventType.HOLD]
    doses = {name: tuple((d.date, mg) for d in days if (mg := d.taken_mg(name)) is not None)
             for name in journal.settings.drugs}
    names = [s.name for s in journal.settings.symptoms]
    names += sorted({n for d in days for n in d.symptoms} - set(names))
    trends = tuple(_trend(n, (s.kind.value if (s := journal.settings.symptom(n)) else "other"),
                          days) for n in names)
    ctx = build_context(cut, last, progress, facts)
    # The period as the rules' "recent" window, so the dosing checks cover all of it.
    ctx = replace(ctx, t=replace(ctx.t, recent_days=(last - first).days + 1))
    waves: list[WaveRow] = []
    timeline: list[TimelineRow] = []
    for wave in ctx.waves:
        if not (wave.last >= first and wave.first <= last):
            continue
        r = read_flare(ctx, wave)
        trigger = (f"{r.trigger.word} of {r.trigger.drug} on {r.trigger.date}, "
                   f"{r.days_after} days before" if r.trigger else "no dose change before it")
        waves.append(WaveRow(wave.first, wave.last, wave.peak_date, wave.peak_burden,
                             wave.baseline.mean, LABELS[r.label], trigger, r.raised))
        timeline.append(TimelineRow(wave.first, f"wave {wave.first}–{wave.last} starts: "
                                    f"{LABELS[r.label]} ({trigger})"))
    for change in (*ctx.triggers, *ctx.reinstatements):
        if in_period(change.date):
            timeline.append(TimelineRow(change.date, f"{change.word}: {change.drug}"))
    dosing = [_dosing_line(ctx, name) for name in journal.settings.drugs if name in progress]
    dosing += [f.message for d in assessment.drugs for f in d.findings
               if f.kind in IRREGULAR_KINDS]
    exposure_days: Counter[str] = Counter()
    exposure_last: dict[str, dt.date] = {}
    for day in days:
        for what in {e.what.strip().lower() for e in day.exposures}:
            exposure_days[what] += 1
            exposure_last[what] = day.date
    all_findings = [*assessment.findings, *(f for d in assessment.drugs for f in d.findings)]
    return Report(
        first=first, last=last, today=today, crisis_text=assessment.crisis_text,
        attention=tuple(f for f in all_findings if f.severity is not Severity.INFO
                        and f.kind not in IRREGULAR_KINDS),
        drugs=drugs, steps=tuple(sorted(steps, key=lambda s: (s.date, s.drug))),
        burden=tuple((d.date, d.burden) for d in days if d.symptoms), doses=doses,
        symptoms=trends, waves=tuple(waves),
        timeline=tuple(sorted(timeline, key=lambda t: (t.date, t.what))),
        kindling={d.drug: d.kindling.events for d in assessment.drugs},
        dosing=tuple(dosing),
        exposures=tuple(ExposureRow(w, n, exposure_last[w])
                        for w, n in sorted(exposure_days.items(), key=lambda i: (-i[1], i[0]))),
        exposure_findings=tuple(f.message for f in all_findings
                                if f.kind is FindingKind.EXPOSURE),
        notes=tuple(FlaggedNote(d.date, line) for d in days for line in flagged_lines(d.notes)),
        logged_days=len(days),
    )


def _dosing_line(ctx: RuleContext, drug: str) -> str:
    planned = dose_days(ctx, drug)
    missed = sum(1 for d in planned if d.missed)
    off = sum(1 for d in planned if not d.missed and d.off_plan)
    return (f"{drug}: {len(planned)} days with a planned dose and a day file; "
            f"{missed} missed or skipped, {off} off the plan's dose")

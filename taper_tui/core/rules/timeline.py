"""Withdrawal vs relapse: a reading of each wave's timing and symptoms, never a diagnosis.

Features from clinical.md §6: onset within 1–7 days of a discontinuation or reduction (Black et al.
2000; `Thresholds.withdrawal_onset_days`), physical symptoms alongside mood ones, and prompt
response to reinstatement (Horowitz & Taylor, BJPsych Advances 2022); where the drug was restarted,
symptoms resolved within 72 hours (Black et al. 2000 case series). Relapse is a gradual return of
the original (mood) symptoms, typically weeks after a taper (Chouinard 2015; Carlat).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from taper_tui.core import wording
from taper_tui.core.findings import (
    Count,
    DayValue,
    Evidence,
    Finding,
    FindingKind,
    Period,
    Severity,
    Threshold,
)
from taper_tui.core.model import SymptomKind
from taper_tui.core.rules.context import Change, RuleContext
from taper_tui.core.symptoms import Wave, raised_symptoms

#: Days within which symptoms resolved after the SSRI was restarted: "symptoms resolved within 72
#: hours" (Black, Shea, Dursun, Kutcher 2000, case series; clinical.md §6).
REINSTATEMENT_RESOLVE_DAYS = 3


class FlareLabel(StrEnum):
    WITHDRAWAL = "consistent_with_withdrawal"
    RELAPSE = "may_be_relapse"
    UNCLEAR = "unclear"


@dataclass(frozen=True, slots=True)
class FlareReading:
    """What the journal shows around one wave."""

    wave: Wave
    trigger: Change | None
    """The latest cut, stop or skipped dose on or before the wave's first day."""
    days_after: int | None
    raised: tuple[str, ...]
    physical: tuple[str, ...]
    mood: tuple[str, ...]
    quick_relief: Change | None
    """A reinstatement during the wave after which it ended within 72 hours."""
    label: FlareLabel

    @property
    def drug(self) -> str | None:
        return self.trigger.drug if self.trigger is not None else None


def read_flare(ctx: RuleContext, wave: Wave) -> FlareReading:
    trigger = _last_before(ctx.triggers, wave.first)
    days_after = (wave.first - trigger.date).days if trigger is not None else None
    baseline_days = ctx.series.days_in(wave.baseline.first, wave.baseline.last)
    raised = raised_symptoms(ctx.series.days_in(wave.first, wave.last), baseline_days)
    settings = ctx.journal.settings

    def kind(name: str) -> SymptomKind:
        s = settings.symptom(name)
        return s.kind if s is not None else SymptomKind.OTHER

    physical = tuple(n for n in raised if kind(n) is SymptomKind.PHYSICAL)
    mood = tuple(n for n in raised if kind(n) is SymptomKind.MOOD)
    relief = next((r for r in ctx.reinstatements if wave.first <= r.date <= wave.last
                   and (wave.last - r.date).days <= REINSTATEMENT_RESOLVE_DAYS), None)
    fits_onset = days_after is not None and days_after <= ctx.t.withdrawal_onset_days
    if fits_onset or relief is not None:
        label = FlareLabel.WITHDRAWAL
    elif mood and not physical:
        label = FlareLabel.RELAPSE
    else:
        label = FlareLabel.UNCLEAR
    return FlareReading(wave, trigger, days_after, raised, physical, mood, relief, label)


def _change_date(c: Change) -> dt.date:
    return c.date


def _last_before(changes: tuple[Change, ...], date: dt.date) -> Change | None:
    i = bisect.bisect_right(changes, date, key=_change_date)
    return changes[i - 1] if i else None


def reading_finding(ctx: RuleContext, r: FlareReading) -> Finding | None:
    """The withdrawal or possible-relapse finding for a reading (None when unclear)."""
    wave = r.wave
    base: tuple[Evidence, ...] = (Period("wave", wave.first, wave.last),)
    if r.label is FlareLabel.WITHDRAWAL and r.trigger is not None:
        ev = (*base, DayValue(r.trigger.word, r.trigger.date, Decimal(r.days_after or 0)),
              Threshold("withdrawal_onset_days", Decimal(ctx.t.withdrawal_onset_days)))
        if r.quick_relief is not None:
            ev = (*ev, DayValue("reinstatement, days before the wave ended", r.quick_relief.date,
                                Decimal((wave.last - r.quick_relief.date).days)))
        symptoms = f", with {_names(r.physical + r.mood)}" if r.physical or r.mood else ""
        return Finding(FindingKind.WITHDRAWAL_PATTERN, Severity.INFO, r.drug,
                       wording.WITHDRAWAL_PATTERN(first=wave.first,
                                                  after=wording.days(r.days_after or 0),
                                                  change=r.trigger.word, drug=r.trigger.drug,
                                                  date=r.trigger.date, symptoms=symptoms), ev)
    if r.label is FlareLabel.RELAPSE:
        if r.trigger is not None:
            timing = f"{wording.days(r.days_after or 0)} after the last change ({r.trigger.date})"
            ev = (*base, DayValue(r.trigger.word, r.trigger.date, Decimal(r.days_after or 0)),
                  Threshold("withdrawal_onset_days", Decimal(ctx.t.withdrawal_onset_days)))
        else:
            timing = "with no dose change before it"
            ev = (*base, Count("dose changes before the wave", 0))
        return Finding(FindingKind.POSSIBLE_RELAPSE, Severity.WARNING, r.drug,
                       wording.POSSIBLE_RELAPSE(first=wave.first, timing=timing,
                                                symptoms=_names(r.mood)), ev)
    return None


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(n.replace("_", " ") for n in names)

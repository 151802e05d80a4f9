"""Waves and severe days: runs of elevated burden (clinical.md §3.3) and single severe scores.

One bad day is never a wave (`Thresholds.wave_min_days`); it only shows up here when a symptom
reaches `severe_score` within the last `severe_lookback_days`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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
    Window,
)
from taper_tui.core.rules.context import RuleContext
from taper_tui.core.rules.timeline import read_flare, reading_finding
from taper_tui.core.symptoms import Wave, severe_scores


def wave_evidence(wave: Wave) -> tuple[Evidence, ...]:
    b = wave.baseline
    return (Period("wave", wave.first, wave.last),
            Count("elevated days", wave.elevated_days),
            DayValue("peak burden", wave.peak_date, Decimal(wave.peak_burden)),
            Window("baseline burden", b.first, b.last, b.n, b.mean))


def wave_findings(ctx: RuleContext) -> tuple[Finding, ...]:
    """A `wave` warning for each wave reaching into the recent window, with its reading."""
    out: list[Finding] = []
    for wave in ctx.waves:
        if wave.last < ctx.recent_first:
            continue
        reading = read_flare(ctx, wave)
        evidence = (*wave_evidence(wave),
                    Threshold("wave_min_days", Decimal(ctx.t.wave_min_days)),
                    Threshold("elevated_margin", ctx.t.elevated_margin),
                    Threshold("elevated_ratio", ctx.t.elevated_ratio))
        out.append(Finding(
            FindingKind.WAVE, Severity.WARNING, reading.drug,
            wording.WAVE(n=wave.elevated_days, first=wave.first, last=wave.last,
                         peak=wave.peak_burden, peak_date=wave.peak_date,
                         baseline=wording.mean(wave.baseline.mean)),
            evidence))
        extra = reading_finding(ctx, reading)
        if extra is not None:
            out.append(extra)
    return tuple(out)


def severe_findings(ctx: RuleContext) -> tuple[Finding, ...]:
    """A `severe_symptom` warning for each score >= severe_score in the last lookback days
    (red flags are left to the red-flag rule)."""
    first = ctx.today - dt.timedelta(days=ctx.t.severe_lookback_days - 1)
    settings = ctx.journal.settings
    return tuple(
        Finding(FindingKind.SEVERE_SYMPTOM, Severity.WARNING, None,
                wording.SEVERE_SYMPTOM(symptom=name.replace("_", " "), score=score, date=date,
                                       severe=ctx.t.severe_score),
                (DayValue(name, date, Decimal(score)),
                 Threshold("severe_score", Decimal(ctx.t.severe_score))))
        for date, name, score in severe_scores(ctx.series.days_in(first, ctx.today), ctx.t)
        if not settings.is_red_flag(name))

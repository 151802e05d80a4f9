"""Red flags: suicidal thoughts, akathisia, a seizure (and any symptom taper.yaml marks as one).

Any score above 0 within the last `red_flag_days` is urgent, whatever else the journal shows, and
carries the crisis text the person set (`crisis:` in taper.yaml) or the generic default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from taper_tui.core import wording
from taper_tui.core.findings import DayValue, Finding, FindingKind, Severity, Threshold
from taper_tui.core.model import Settings
from taper_tui.core.rules.context import RuleContext


@dataclass(frozen=True, slots=True)
class RedFlag:
    date: dt.date
    symptom: str
    score: int


def crisis_text(settings: Settings) -> str:
    text = (settings.crisis_text or "").strip()
    return text or wording.DEFAULT_CRISIS_TEXT


def find_red_flags(ctx: RuleContext) -> tuple[RedFlag, ...]:
    """Red-flag scores above 0 in the last `red_flag_days`, newest first."""
    first = ctx.today - dt.timedelta(days=ctx.t.red_flag_days - 1)
    settings = ctx.journal.settings
    flags = [RedFlag(d.date, name, score)
             for d in ctx.series.days_in(first, ctx.today)
             for name, score in sorted(d.symptoms.items())
             if score > 0 and settings.is_red_flag(name)]
    return tuple(sorted(flags, key=lambda f: (f.date, f.symptom), reverse=True))


def red_flag_findings(ctx: RuleContext) -> tuple[Finding, ...]:
    crisis = crisis_text(ctx.journal.settings)
    return tuple(
        Finding(FindingKind.RED_FLAG, Severity.URGENT, None,
                wording.RED_FLAG(symptom=f.symptom.replace("_", " "), score=f.score, date=f.date,
                                 crisis=crisis),
                (DayValue(f.symptom, f.date, Decimal(f.score)),
                 Threshold("red_flag_days", Decimal(ctx.t.red_flag_days))))
        for f in find_red_flags(ctx))

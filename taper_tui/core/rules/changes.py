"""Several drugs: two drugs' doses changed within `simultaneous_change_days` of each other.

With one change at a time it is possible to tell which change causes which symptoms (the issue's
"one change at a time"); no clinical.md source gives a number of days, so it is a setting.
"""

from __future__ import annotations

from decimal import Decimal

from taper_tui.core import wording
from taper_tui.core.findings import DayValue, Finding, FindingKind, Severity, Threshold
from taper_tui.core.progress import DoseChange
from taper_tui.core.rules.context import RuleContext


def simultaneous_findings(ctx: RuleContext) -> tuple[Finding, ...]:
    """For each drug, its latest recent change that has another drug's change close to it."""
    limit = ctx.t.simultaneous_change_days
    changes = sorted((c for p in ctx.progress.values() for c in p.changes),
                     key=lambda c: (c.date, c.drug))
    latest: dict[str, tuple[DoseChange, DoseChange]] = {}
    start = 0
    for i, c in enumerate(changes):
        while (c.date - changes[start].date).days >= limit:
            start += 1
        for other in changes[start:i]:
            if other.drug != c.drug and c.date >= ctx.recent_first:
                latest[c.drug] = (c, other)
                latest[other.drug] = (other, c)
    out: list[Finding] = []
    for drug in sorted(latest):
        mine, other = latest[drug]
        apart = abs((mine.date - other.date).days)
        out.append(Finding(
            FindingKind.SIMULTANEOUS_CHANGE, Severity.WARNING, drug,
            wording.SIMULTANEOUS_CHANGE(drug=drug, date=mine.date, other=other.drug,
                                        other_date=other.date, apart=wording.days(apart)),
            (_value(mine), _value(other),
             Threshold("simultaneous_change_days", Decimal(limit)))))
    return tuple(out)


def _value(c: DoseChange) -> DayValue:
    return DayValue(f"{c.drug} dose after change (mg)", c.date, c.to_mg)

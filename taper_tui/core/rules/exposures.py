"""Exposures: symptom burden on days with an exposure (and the day after) vs days without.

Silent when either side has fewer than `exposure_min_days` scored days, and when the difference is
smaller than `exposure_margin`: too few days cannot tell anything. Counting the day after follows
the issue; the comparison is a plain difference of means, not a statistical test, and says so by
giving the number of days behind it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from taper_tui.core import wording
from taper_tui.core.findings import Finding, FindingKind, Severity, Threshold, Window
from taper_tui.core.rules.context import RuleContext


def exposure_findings(ctx: RuleContext) -> tuple[Finding, ...]:
    t = ctx.t
    first = ctx.today - dt.timedelta(days=t.exposure_window_days - 1)
    exposed: dict[str, set[dt.date]] = {}
    for day in ctx.journal.days_between(first, ctx.today):
        for e in day.exposures:
            name = " ".join(e.what.lower().split())
            if name:
                exposed.setdefault(name, set()).update((day.date, day.date + dt.timedelta(days=1)))
    scored = ctx.series.days_in(first, ctx.today)
    out: list[Finding] = []
    for what in sorted(exposed):
        dates = exposed[what]
        with_ = [d.burden for d in scored if d.date in dates]
        without = [d.burden for d in scored if d.date not in dates]
        if len(with_) < t.exposure_min_days or len(without) < t.exposure_min_days:
            continue
        mean_with = Decimal(sum(with_)) / len(with_)
        mean_without = Decimal(sum(without)) / len(without)
        diff = mean_with - mean_without
        if abs(diff) < t.exposure_margin:
            continue
        out.append(Finding(
            FindingKind.EXPOSURE, Severity.INFO, None,
            wording.EXPOSURE(what=what, with_mean=wording.mean(mean_with), n_with=len(with_),
                             without_mean=wording.mean(mean_without), n_without=len(without),
                             window=wording.days(t.exposure_window_days),
                             diff=wording.mean(abs(diff)),
                             direction="higher" if diff > 0 else "lower"),
            (Window(f"burden with {what} or the day after", first, ctx.today, len(with_),
                    mean_with),
             Window("burden on other days", first, ctx.today, len(without), mean_without),
             Threshold("exposure_min_days", Decimal(t.exposure_min_days)),
             Threshold("exposure_margin", t.exposure_margin))))
    return tuple(out)

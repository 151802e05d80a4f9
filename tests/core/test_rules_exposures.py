"""Exposures: burden with an exposure (and the day after) vs without, with n; silent when few."""

from __future__ import annotations

from rules_support import TODAY, date, daterange, day, drug, journal

from taper_tui.core.findings import FindingKind, Window
from taper_tui.core.rules import evaluate


def days_with(caffeine_dates, worse: int = 5):
    out = []
    after = {d.fromordinal(d.toordinal() + 1) for d in caffeine_dates}
    for d in daterange(date("2026-09-01"), TODAY):
        hit = d in caffeine_dates or d in after
        out.append(day(d, {"sertraline": "50"}, {"anxiety": worse if hit else 1},
                       exposures=["Caffeine"] if d in caffeine_dates else []))
    return out


def exposure_findings(days):
    a = evaluate(journal(days, [drug()]), TODAY)
    return [f for f in a.findings if f.kind is FindingKind.EXPOSURE]


def test_caffeine_days_worse_gives_finding_with_n():
    caffeine = {date("2026-10-01") + (date("2026-10-08") - date("2026-10-01")) * i
                for i in range(8)}
    (f,) = exposure_findings(days_with(caffeine))
    assert "On days with caffeine and the day after, mean burden was 5.0 (n=16)" in f.message
    assert "vs 1.0 on other days (n=" in f.message and "4.0 points higher" in f.message
    windows = [e for e in f.evidence if isinstance(e, Window)]
    assert [w.n for w in windows] == [16, len(days_with(caffeine)) - 16]


def test_too_few_exposure_days_say_nothing():
    caffeine = {date("2026-11-01"), date("2026-11-10")}
    assert exposure_findings(days_with(caffeine)) == []


def test_no_difference_says_nothing():
    caffeine = {date("2026-10-01") + (date("2026-10-08") - date("2026-10-01")) * i
                for i in range(8)}
    assert exposure_findings(days_with(caffeine, worse=1)) == []

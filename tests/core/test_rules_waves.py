"""Burden series, baselines, elevated days and waves; the withdrawal-vs-relapse reading."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rules_support import TODAY, D, date, daterange, day, drug, journal, plan_levels, taper_days

from taper_tui.core.findings import FindingKind
from taper_tui.core.model import Event, EventType, Thresholds
from taper_tui.core.rules import evaluate
from taper_tui.core.symptoms import BurdenSeries, find_waves, is_elevated, reference_baseline

T = Thresholds()
LEVELS = plan_levels(drug(), 7)  # cuts on ... 2026-10-19 and 2026-11-16


def series(burdens: dict[dt.date, int]) -> BurdenSeries:
    return BurdenSeries(day(d, None, {"anxiety": b}) for d, b in burdens.items())


def test_days_without_scores_are_missing_not_zero():
    days = [day(date("2026-11-01"), {"x": "1"}), day(date("2026-11-02"), None, {"anxiety": 4}),
            day(date("2026-11-03"), None, {"anxiety": 2, "insomnia": 2})]
    s = BurdenSeries(days)
    w = s.window(date("2026-11-01"), date("2026-11-03"))
    assert (w.n, w.total, w.mean) == (2, 8, Decimal(4))
    assert s.window(date("2026-12-01"), date("2026-12-31")).mean is None


def test_elevated_needs_both_margin_and_ratio():
    assert is_elevated(D(3.6), D(2), T)           # +1.6 and x1.8
    assert not is_elevated(D(3.4), D(2), T)       # +1.4: under the margin
    assert not is_elevated(D("13"), D(11), T)     # +2 but x1.18: under the ratio
    assert is_elevated(D(2), D(0), T)


def test_baseline_falls_back_to_opening_scores():
    burdens = {d: 1 for d in daterange(date("2026-10-01"), date("2026-10-31"))}
    s = series(burdens)
    before = reference_baseline(s, date("2026-10-20"), T)
    assert before is not None and before.first == date("2026-10-06")
    # A cut before any scores: the journal's first 14 days of scores are the reference.
    opening = reference_baseline(s, date("2026-09-01"), T)
    assert opening is not None and opening.first == date("2026-10-01")
    assert reference_baseline(series({}), None, T) is None


def test_one_bad_day_is_not_a_wave_three_are():
    base = {d: 1 for d in daterange(date("2026-10-01"), date("2026-11-27"))}
    one = {**base, date("2026-11-10"): 8}
    assert find_waves(series(one), [], T) == ()
    three = {**base, **{d: 6 for d in daterange(date("2026-11-10"), date("2026-11-12"))}}
    (wave,) = find_waves(series(three), [], T)
    assert (wave.first, wave.last, wave.elevated_days) == (date("2026-11-10"),
                                                           date("2026-11-12"), 3)
    assert wave.baseline.mean == 1


def test_one_unlogged_day_does_not_break_a_wave_two_do():
    base = {d: 1 for d in daterange(date("2026-10-01"), date("2026-11-27"))}
    bad = {date("2026-11-10"): 6, date("2026-11-12"): 6, date("2026-11-13"): 6}
    one_gap = {**base, **bad}
    del one_gap[date("2026-11-11")]
    (wave,) = find_waves(series(one_gap), [], T)
    assert wave.elevated_days == 3
    two_gap = {**base, date("2026-11-10"): 6, date("2026-11-13"): 6, date("2026-11-14"): 6}
    del two_gap[date("2026-11-11")], two_gap[date("2026-11-12")]
    assert find_waves(series(two_gap), [], T) == ()


def test_waves_are_measured_against_the_baseline_before_the_latest_cut():
    before = {d: 1 for d in daterange(date("2026-09-01"), date("2026-09-30"))}
    after = {d: 3 for d in daterange(date("2026-10-01"), date("2026-11-27"))}
    waves = find_waves(series({**before, **after}), [date("2026-10-01")], T)
    assert len(waves) == 1 and waves[0].first == date("2026-10-01")
    assert waves[0].reference == date("2026-10-01")


def test_withdrawal_pattern_after_cut():
    flare = {d: {"anxiety": 3, "brain_zaps": 4} for d in daterange(date("2026-11-19"),
                                                                  date("2026-11-24"))}
    a = evaluate(journal(taper_days(date("2026-06-01"), TODAY, LEVELS, flare), [drug()]), TODAY)
    (f,) = [f for f in a.drugs[0].findings if f.kind is FindingKind.WITHDRAWAL_PATTERN]
    assert f.message.startswith("The wave from 2026-11-19 began 3 days after the cut of "
                                "sertraline on 2026-11-16, with brain zaps, anxiety")
    assert "consistent with withdrawal" in f.message and "not a diagnosis" in f.message
    assert len(a.waves) == 1


def test_quick_relief_after_reinstatement_reads_as_withdrawal():
    levels = plan_levels(drug(), 6)
    flare = {d: {"anxiety": 3, "brain_zaps": 4} for d in daterange(date("2026-11-10"),
                                                                  date("2026-11-20"))}
    days = taper_days(date("2026-06-01"), TODAY, levels, flare)
    days = [d if d.date != date("2026-11-18") else
            day(d.date, {"sertraline": "40"}, d.symptoms, [Event(EventType.REINSTATED,
                                                                 "sertraline")])
            for d in days]
    a = evaluate(journal(days, [drug()]), TODAY)
    reading = [f for f in a.drugs[0].findings if f.kind is FindingKind.WITHDRAWAL_PATTERN]
    assert reading and any(getattr(e, "label", "").startswith("reinstatement")
                           for e in reading[0].evidence)


def test_physical_wave_long_after_cut_is_left_unlabelled():
    levels = plan_levels(drug(), 6)
    flare = {d: {"anxiety": 1, "dizziness": 5} for d in daterange(date("2026-11-18"), TODAY)}
    a = evaluate(journal(taper_days(date("2026-06-01"), TODAY, levels, flare), [drug()]), TODAY)
    kinds = {f.kind for f in a.drugs[0].findings}
    assert FindingKind.WAVE in kinds
    assert not kinds & {FindingKind.WITHDRAWAL_PATTERN, FindingKind.POSSIBLE_RELAPSE}


def test_old_waves_are_on_the_timeline_but_not_warned_about():
    flare = {d: {"anxiety": 5} for d in daterange(date("2026-07-01"), date("2026-07-05"))}
    a = evaluate(journal(taper_days(date("2026-06-01"), TODAY, LEVELS, flare), [drug()]), TODAY)
    assert [w.first for w in a.waves] == [date("2026-07-01")]
    (reading,) = a.flares
    assert reading.wave == a.waves[0] and reading.trigger is not None
    assert reading.trigger.date == date("2026-06-29") and reading.days_after == 2
    assert reading.label.value == "consistent_with_withdrawal"
    assert not any(f.kind is FindingKind.WAVE for r in a.drugs for f in r.findings)


def test_severe_symptom_is_reported():
    sev = {TODAY: {"anxiety": 1, "insomnia": 9}}
    a = evaluate(journal(taper_days(date("2026-06-01"), TODAY, LEVELS, sev), [drug()]), TODAY)
    (f,) = [f for f in a.findings if f.kind is FindingKind.SEVERE_SYMPTOM]
    assert "insomnia was scored 9 on 2026-11-27" in f.message

"""Step recommendation scenarios: advance, hold, consult, with the numbers in the reasons."""

from __future__ import annotations

import datetime as dt

from rules_support import TODAY, D, date, daterange, drug, journal, plan_levels, taper_days

from taper_tui.core.findings import FindingKind, RecommendationKind
from taper_tui.core.model import Method, Thresholds
from taper_tui.core.progress import DrugProgress, Step
from taper_tui.core.rules import evaluate
from taper_tui.core.rules.step import next_cut_too_large
from taper_tui.core.wording import mg

# The percent plan of `drug()`, every 28 days from 50 mg on 2026-06-01.
LEVELS = plan_levels(drug(), 6)  # the last cut is on 2026-10-19
STEP_MG = D(LEVELS[date("2026-10-19")])
RECENT_CUT = plan_levels(drug(), 7)  # ... and the next on 2026-11-16


def result(days, drugs=None, **kw):
    a = evaluate(journal(days, drugs or [drug()], **kw), TODAY)
    return a.drugs[0]


def test_stable_after_cut_advances_with_numbers():
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS))
    assert r.recommendation.kind is RecommendationKind.ADVANCE
    text = " ".join(r.recommendation.reasons)
    assert "7-day mean burden 1.0 vs 1.0 in the 14 days before the cut on 2026-10-19" in text
    assert r.progress.next_mg is not None and r.progress.next_mg < STEP_MG
    assert f"The plan's next dose is {mg(r.progress.next_mg)} mg" in text
    assert "discuss it with your prescriber" in text
    assert r.progress.current_mg == STEP_MG


def test_flare_four_days_after_cut_holds():
    flare = {d: {"anxiety": 4, "brain_zaps": 3} for d in daterange(date("2026-11-20"), TODAY)}
    r = result(taper_days(date("2026-06-01"), TODAY, RECENT_CUT, flare))
    assert r.recommendation.kind is RecommendationKind.HOLD
    text = " ".join(r.recommendation.reasons)
    assert "7-day mean burden 7.0 vs 1.0 in the 14 days before the cut on 2026-11-16" in text
    assert ("Symptoms are up against that baseline: a run of elevated days reaches into the "
            "last 7 days (7 of them elevated" in text)
    assert "A wave of 8 elevated days has run from 2026-11-20" in text
    kinds = {f.kind for f in r.findings}
    assert FindingKind.WAVE in kinds and FindingKind.WITHDRAWAL_PATTERN in kinds


def test_flare_after_finished_step_still_holds():
    # The step is long finished, but symptoms are up: hold, not advance.
    flare = {d: {"anxiety": 3, "brain_zaps": 3} for d in daterange(date("2026-11-22"), TODAY)}
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS, flare))
    assert r.recommendation.kind is RecommendationKind.HOLD
    assert any("Symptoms are up" in x for x in r.recommendation.reasons)


def test_one_bad_day_after_stable_stretch_does_not_flip():
    bad = {date("2026-11-24"): {"anxiety": 6, "brain_zaps": 0}}
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS, bad))
    assert r.recommendation.kind is RecommendationKind.ADVANCE
    assert not [f for f in r.findings if f.kind is FindingKind.WAVE]


def test_three_bad_days_make_a_wave_and_hold():
    bad = {d: {"anxiety": 6} for d in daterange(date("2026-11-16"), date("2026-11-18"))}
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS, bad))
    # The wave has ended (the last 9 days are back to baseline) but lies in the stable period.
    assert r.recommendation.kind is RecommendationKind.HOLD
    assert ("Symptoms have not yet been near that baseline for 14 days: a wave ran from "
            "2026-11-16 to 2026-11-18.") in r.recommendation.reasons


def test_settled_mood_wave_is_not_consult():
    bad = {d: {"anxiety": 6} for d in daterange(date("2026-11-20"), date("2026-11-22"))}
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS, bad))
    assert r.recommendation.kind is RecommendationKind.HOLD


def test_step_not_finished_holds():
    r = result(taper_days(date("2026-06-01"), TODAY, RECENT_CUT))
    assert r.recommendation.kind is RecommendationKind.HOLD
    assert "The step has lasted 11 days of its planned 28 days." in r.recommendation.reasons
    assert r.recommendation.reasons[-1].startswith("The plan's next step is ")


def test_severe_score_in_last_days_holds():
    severe = {TODAY: {"anxiety": 1, "insomnia": 8}}
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS, severe))
    assert r.recommendation.kind is RecommendationKind.HOLD
    assert any("insomnia was scored 8 on 2026-11-27; 7 or more counts as severe" in x
               for x in r.recommendation.reasons)


def test_severe_and_rising_after_cut_is_consult():
    scores = {}
    for i, d in enumerate(daterange(date("2026-11-19"), TODAY)):
        scores[d] = {"anxiety": 2 + i // 2, "brain_zaps": min(2 + i, 9)}
    r = result(taper_days(date("2026-06-01"), TODAY, RECENT_CUT, scores))
    assert r.recommendation.kind is RecommendationKind.CONSULT
    text = " ".join(r.recommendation.reasons)
    assert "severe and rising 11 days after the cut on 2026-11-16" in text
    assert "part of the previous dose as one option" in text


def test_mood_only_wave_weeks_after_cut_may_be_relapse():
    mood = {d: {"anxiety": 3, "low_mood": 4, "brain_zaps": 0}
            for d in daterange(date("2026-11-18"), TODAY)}
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS, mood))
    assert r.recommendation.kind is RecommendationKind.CONSULT
    assert any("may be relapse" in x for x in r.recommendation.reasons)
    relapse = [f for f in r.findings if f.kind is FindingKind.POSSIBLE_RELAPSE]
    assert relapse and "30 days after the last change (2026-10-19)" in relapse[0].message


def test_too_few_scores_holds():
    days = [d if d.date < date("2026-11-10") else d.__class__(d.date, d.path, d.doses)
            for d in taper_days(date("2026-06-01"), TODAY, LEVELS)]
    r = result(days)
    assert r.recommendation.kind is RecommendationKind.HOLD
    assert any("Only 0 of the last 14 days have symptom scores" in x
               for x in r.recommendation.reasons)


def test_no_plan_and_no_dose_hold():
    no_plan = drug()
    no_plan = no_plan.__class__(no_plan.name, forms=no_plan.forms)
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS), [no_plan])
    assert r.recommendation.kind is RecommendationKind.HOLD
    assert r.recommendation.reasons == ("No plan is set for sertraline in taper.yaml.",)
    r = result([], [drug()])
    assert r.recommendation.kind is RecommendationKind.HOLD
    assert "No dose of sertraline is logged" in r.recommendation.reasons[0]


def test_next_cut_over_rate_guard_is_never_advance():
    custom = drug(start="2026-06-01", method_kwargs={"method": Method.CUSTOM,
                                                     "doses": (D(30), D(27))})
    days = taper_days(date("2026-06-01"), TODAY, {date("2026-06-01"): "50"})
    r = result(days, [custom])
    assert r.progress.next_mg == D(30)
    assert r.recommendation.kind is RecommendationKind.HOLD
    assert any("50 to 30 mg, is a 40% cut: more than the maximum of 10% per step" in x
               for x in r.recommendation.reasons)


def _progress(current: str, next_mg: str | None, steps: tuple[str, ...]) -> DrugProgress:
    start = dt.date(2026, 1, 1)
    return DrugProgress(
        drug="x", steps=tuple(Step(i, start, D(mg), D(0), D(0)) for i, mg in enumerate(steps)),
        current_mg=D(current), step_index=steps.index(current), since=start, days_on_step=40,
        step_days=28, changes=(), next_date=start, next_mg=None if next_mg is None else D(next_mg),
        on_hold=False)


def test_next_cut_too_large_unit():
    assert not next_cut_too_large(_progress("10", "9", ("10", "9")), D(10))
    assert next_cut_too_large(_progress("10", "8.9", ("10", "8.9")), D(10))
    # Stopping from the plan's small final dose is the plan's last step, not a breach...
    assert not next_cut_too_large(_progress("1", "0", ("10", "1", "0")), D(10))
    # ...but stopping from a larger dose is.
    assert next_cut_too_large(_progress("10", "0", ("10", "1", "0")), D(10))
    assert not next_cut_too_large(_progress("10", None, ("10",)), D(10))


def test_thresholds_come_from_settings():
    # With a wider stable period the three bad days 5 days ago still count; with a shorter one
    # that ends after them, the step advances.
    bad = {d: {"anxiety": 6} for d in daterange(date("2026-11-16"), date("2026-11-18"))}
    days = taper_days(date("2026-06-01"), TODAY, LEVELS, bad)
    assert result(days).recommendation.kind is RecommendationKind.HOLD
    short = Thresholds(stable_days=5, current_days=5)
    r = result(days, thresholds=short)
    assert r.recommendation.kind is RecommendationKind.ADVANCE
    assert any("5-day mean burden" in x for x in r.recommendation.reasons)


def test_scattered_bad_days_are_not_a_run():
    bad = {d: {"anxiety": 6} for d in (date("2026-11-21"), date("2026-11-23"), date("2026-11-25"))}
    r = result(taper_days(date("2026-06-01"), TODAY, LEVELS, bad))
    assert r.recommendation.kind is RecommendationKind.ADVANCE

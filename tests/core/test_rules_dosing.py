"""Irregular dosing: skip patterns, missed, double and off-plan doses, timing by half-life."""

from __future__ import annotations

from rules_support import TODAY, D, date, daterange, day, drug, journal, plan_levels, taper_days

from taper_tui.core.drugs import Citation, DrugFacts, HalfLife
from taper_tui.core.findings import FindingKind
from taper_tui.core.rules import evaluate

LEVELS = plan_levels(drug(), 6)  # the last cut is on 2026-10-19
STEP_MG = D(LEVELS[date("2026-10-19")])


def findings(days, drugs=None, facts=None):
    a = evaluate(journal(days, drugs or [drug()]), TODAY, facts)
    return {f.kind: f for f in a.drugs[0].findings}, a


def replaced(days, changes):
    by_date = {d.date: d for d in days}
    by_date.update({d.date: d for d in changes})
    return list(by_date.values())


def test_alternate_day_pattern_is_named():
    base = taper_days(date("2026-06-01"), TODAY, LEVELS)
    skips = [day(d, None if i % 2 else {"sertraline": str(STEP_MG)}, {"anxiety": 1})
             for i, d in enumerate(daterange(date("2026-11-17"), TODAY))]
    got, _ = findings(replaced(base, skips))
    f = got[FindingKind.ALTERNATE_DAY]
    assert "every 2 days" in f.message and "strongly discouraged" in f.message
    assert "lower or no dose on 5 days" in f.message
    # The skipped days are the pattern, not separate missed doses.
    assert FindingKind.MISSED_DOSE not in got


def test_alternating_full_and_half_dose_is_a_skip_pattern_too():
    base = taper_days(date("2026-06-01"), TODAY, LEVELS)
    swings = [day(d, {"sertraline": str(STEP_MG / 2 if i % 2 else STEP_MG)}, {"anxiety": 1})
              for i, d in enumerate(daterange(date("2026-11-15"), TODAY))]
    got, _ = findings(replaced(base, swings))
    assert FindingKind.ALTERNATE_DAY in got


def test_single_missed_dose():
    base = taper_days(date("2026-06-01"), TODAY, LEVELS)
    got, _ = findings(replaced(base, [day(date("2026-11-25"), None, {"anxiety": 1})]))
    f = got[FindingKind.MISSED_DOSE]
    assert "on 1 day in the last 28 days" in f.message and "latest 2026-11-25" in f.message
    assert FindingKind.ALTERNATE_DAY not in got


def test_a_day_without_a_file_is_not_a_missed_dose():
    base = [d for d in taper_days(date("2026-06-01"), TODAY, LEVELS) if d.date != TODAY]
    got, _ = findings(base)
    assert FindingKind.MISSED_DOSE not in got


def test_double_and_off_plan_doses():
    base = taper_days(date("2026-06-01"), TODAY, LEVELS)
    double, lower = STEP_MG * 2, STEP_MG - 5
    got, _ = findings(replaced(base, [
        day(date("2026-11-20"), {"sertraline": str(double)}, {"anxiety": 1}),
        day(date("2026-11-22"), {"sertraline": str(lower)}, {"anxiety": 1})]))
    assert (f"{double} mg of sertraline is logged on 2026-11-20, 2 times the usual "
            f"{STEP_MG} mg") in got[FindingKind.DOUBLE_DOSE].message
    off = got[FindingKind.OFF_PLAN_DOSE]
    assert "on 1 day" in off.message and f"{lower} mg logged" in off.message


def test_holding_above_the_plan_is_not_off_plan():
    got, _ = findings(taper_days(date("2026-06-01"), TODAY, LEVELS))
    assert FindingKind.OFF_PLAN_DOSE not in got


LORAZEPAM = DrugFacts("lorazepam", drug_class="benzodiazepine",
                      half_life=HalfLife(D(10), D(20), Citation("nhs-scotland-equiv", "NHS")))


def test_timing_for_short_half_life_drug():
    loraz = drug("lorazepam", start_mg="2", dose_time="08:00")
    days = [day(d, {"lorazepam": "2"}, {"anxiety": 1},
                times={"lorazepam": "14:30" if d.day % 5 == 0 else "08:15"})
            for d in daterange(date("2026-10-01"), TODAY)]
    got, _ = findings(days, [loraz], {"lorazepam": LORAZEPAM})
    f = got[FindingKind.DOSE_TIMING]
    assert "more than 3 hours from the usual 08:00" in f.message
    assert "latest 2026-11-25 at 14:30" in f.message and "10-20" in f.message


def test_timing_check_skipped_without_half_life():
    ser = drug(dose_time="08:00")
    days = [day(d, {"sertraline": "50"}, {"anxiety": 1}, times={"sertraline": "20:00"})
            for d in daterange(date("2026-10-01"), TODAY)]
    got, _ = findings(days, [ser], {"sertraline": DrugFacts("sertraline", "ssri")})
    assert FindingKind.DOSE_TIMING not in got
    got, _ = findings(days, [ser])  # no drug data at all
    assert FindingKind.DOSE_TIMING not in got

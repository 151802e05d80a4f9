"""Taper schedules: worked examples from clinical.md and the safety properties."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taper_tui.core.forms import parse_forms
from taper_tui.core.model import Method, PlanSpec
from taper_tui.core.taper import schedule
from taper_tui.store.drug_data import builtin_drugs

D = builtin_drugs()
START = dt.date(2026, 12, 1)


def plan(start_mg: str, **kw: object) -> PlanSpec:
    return PlanSpec(start=START, start_mg=Decimal(start_mg), **kw)  # type: ignore[arg-type]


def test_percent_follows_the_published_10_percent_series() -> None:
    # clinical.md §3.1 (Reverse Psychiatry): 10 * 0.9^n, 10 -> 1.0942 over 22 levels. With the
    # guard a little above the cut, rounding to 0.01 mg may go either way.
    s = schedule(plan("10", max_cut_percent=Decimal(11)), D["citalopram"])
    published = [10 * 0.9 ** n for n in range(22)]
    for step, value in zip(s.steps, published, strict=False):
        assert abs(float(step.mg) - value) <= 0.02, (step.index, step.mg, value)
    assert [str(x.mg) for x in s.steps[:4]] == ["10", "9", "8.1", "7.29"]


def test_percent_with_an_exact_guard_rounds_towards_the_smaller_cut() -> None:
    s = schedule(plan("10"), D["citalopram"])
    assert all(x.cut_percent <= 10 for x in s.steps)
    assert s.steps[4].mg == Decimal("6.57")  # 6.561 rounded up: a 9.88% cut, never 10.01%


def test_iawp_series_from_20_mg_within_a_tenth() -> None:
    # clinical.md §3.1 (IAWP): 20-18-16,2-14,5-13,1-11,8-10,6-9,5-8,6-7,7-6,9 (0.1 mg steps).
    s = schedule(plan("20", max_cut_percent=Decimal(11)), D["citalopram"],
                 parse_forms(["liquid:2mg/ml:step=0.05"]))
    published = ["20", "18", "16.2", "14.5", "13.1", "11.8", "10.6", "9.5", "8.6", "7.7", "6.9"]
    for step, value in zip(s.steps, published, strict=False):
        assert abs(step.mg - Decimal(value)) <= Decimal("0.15"), (step.index, step.mg)


@pytest.mark.parametrize(("drug", "ladder"), [
    ("citalopram", ["11.67", "5.83", "3.43", "2.12", "1.29", "0.73", "0.31"]),
    ("sertraline", ["24.55", "14.47", "9.19", "5.94", "3.73", "2.14", "0.94"]),
    ("fluoxetine", ["8.21", "4.34", "2.62", "1.64", "1.01", "0.57", "0.25"]),
])
def test_occupancy_reproduces_the_derived_ladders(drug: str, ladder: list[str]) -> None:
    # clinical.md §1.5: doses for 80, 70, ... 10 % occupancy; start at the 80% rung.
    fit = D[drug].occupancy
    assert fit is not None
    start = Decimal(str(round(fit.dose_for(80.0) or 0, 2)))
    s = schedule(plan(str(start), method=Method.OCCUPANCY, max_cut_percent=Decimal(100)), D[drug])
    assert [str(x.mg) for x in s.steps[1:8]] == ladder
    assert s.steps[-1].mg == 0 and s.steps[-2].mg == Decimal(ladder[-1])
    assert s.complete


def test_occupancy_sanity_checks_from_1_4() -> None:
    # clinical.md §1.4 (DERIVED): citalopram 20 -> 75.2%, paroxetine 20 -> 75.9%,
    # sertraline 50 -> 79.7%, venlafaxine XR 75 -> 83.6%.
    for drug, mg, occ in (("citalopram", 20, 75.2), ("paroxetine", 20, 75.9),
                          ("sertraline", 50, 79.7), ("venlafaxine", 75, 83.6)):
        fit = D[drug].occupancy
        assert fit is not None and round(fit.occupancy(mg), 1) == occ


def test_occupancy_guard_where_emax_is_above_100() -> None:
    fit = D["desvenlafaxine"].occupancy
    assert fit is not None and fit.emax > 100
    assert fit.occupancy(10_000) == 100.0
    assert fit.dose_for(float(fit.emax)) is None and fit.dose_for(101) is None


def test_no_occupancy_data_falls_back_to_percent() -> None:
    s = schedule(plan("30", method=Method.OCCUPANCY), D["mirtazapine"])
    assert s.method is Method.PERCENT and "percent method" in s.warnings[0]


def test_linear_warns_and_flags_and_never_jumps_to_zero_from_above_final() -> None:
    s = schedule(plan("20", method=Method.LINEAR, cut_mg=Decimal(5)), D["citalopram"])
    assert [x.mg for x in s.steps] == [20, 15, 10, 5]
    assert all(x.over_limit for x in s.steps[1:])
    assert any("growing share" in w for w in s.warnings)
    assert any("straight to 0" in w for w in s.warnings) and not s.complete
    done = schedule(plan("20", method=Method.LINEAR, cut_mg=Decimal(5), final_mg=Decimal(5)),
                    D["citalopram"])
    assert done.steps[-1].mg == 0 and done.complete


def test_custom_doses_rounded_and_flagged() -> None:
    s = schedule(plan("50", method=Method.CUSTOM, doses=(Decimal(45), Decimal(30))),
                 D["sertraline"], parse_forms(["tablet:50:split=2", "liquid:20mg/ml:step=0.05"]))
    assert [x.mg for x in s.steps] == [50, 45, 30]
    assert not s.steps[1].over_limit and s.steps[2].over_limit
    with pytest.raises(ValueError, match="must not increase"):
        schedule(plan("50", method=Method.CUSTOM, doses=(Decimal(45), Decimal(48))))


def test_slide_cuts_weekly_then_holds() -> None:
    s = schedule(plan("100", method=Method.SLIDE), D["sertraline"])
    gaps = [(b.start - a.start).days for a, b in zip(s.steps[:6], s.steps[1:6], strict=False)]
    assert gaps == [7, 7, 7, 7, 21]
    assert s.steps[1].cut_percent == Decimal("2.5")


def test_forms_too_coarse_for_the_guard_stop_with_a_warning() -> None:
    s = schedule(plan("100"), D["sertraline"], parse_forms(["tablet:50:split=4"]))
    assert len(s.steps) == 1 and "cannot make a cut within the rate guard" in s.warnings[0]


def test_benzodiazepines_never_more_than_25_percent_in_14_days() -> None:
    s = schedule(plan("10", max_cut_percent=Decimal(20), cut_percent=Decimal(20), step_days=7),
                 D["diazepam"])
    for step in s.steps[1:]:
        before = [x for x in s.steps if x.start <= step.start - dt.timedelta(days=14)]
        ref = before[-1].mg if before else s.steps[0].mg
        if step.mg:
            assert step.mg >= ref * Decimal("0.75")


def test_bad_specs_raise() -> None:
    with pytest.raises(ValueError, match="starting dose"):
        schedule(plan("0"))
    with pytest.raises(ValueError, match="target"):
        schedule(plan("10", target_mg=Decimal(20)))
    with pytest.raises(ValueError, match="linear plan needs"):
        schedule(plan("10", method=Method.LINEAR))


FORMS = ["liquid:20mg/ml:step=0.01", "liquid:2mg/ml:step=0.05", "tablet:50:split=2",
         "capsule:20:beads=220", "scale:0.001g"]


@settings(max_examples=60, deadline=None)
@given(start=st.decimals(min_value=Decimal(2), max_value=Decimal(150), places=1),
       cut=st.integers(min_value=2, max_value=10),
       method=st.sampled_from([Method.PERCENT, Method.OCCUPANCY, Method.SLIDE]),
       drug=st.sampled_from(["sertraline", "citalopram", "clonazepam"]),
       specs=st.lists(st.sampled_from(FORMS), max_size=2, unique=True))
def test_properties_of_computed_plans(start: Decimal, cut: int, method: Method, drug: str,
                                      specs: list[str]) -> None:
    spec = plan(str(start), method=method, cut_percent=Decimal(cut), final_mg=Decimal("0.5"))
    s = schedule(spec, D[drug], parse_forms(specs))
    steps = s.steps
    for prev, step in itertools.pairwise(steps):
        assert step.mg < prev.mg  # never increasing
        if step.mg > 0:
            assert step.cut_percent <= spec.max_cut_percent  # the rate guard
        else:
            assert prev.mg <= Decimal("0.5")  # zero only from the small final dose
    if method is not Method.SLIDE and not specs:
        # mg cuts shrink as the dose falls (0.01 mg rounding on each side)
        cuts = [x.cut_mg for x in steps[1:] if x.mg > 0]
        for a, b in itertools.pairwise(cuts):
            assert b <= a + Decimal("0.02")


@settings(max_examples=150, deadline=None)
@given(drug=st.sampled_from(["citalopram", "sertraline", "paroxetine", "desvenlafaxine",
                             "vortioxetine", "escitalopram"]),
       mg=st.floats(min_value=0.01, max_value=300))
def test_occupancy_and_its_inverse_agree(drug: str, mg: float) -> None:
    fit = D[drug].occupancy
    assert fit is not None
    occ = fit.occupancy(mg)
    back = fit.dose_for(occ)
    if occ < 100:
        assert back is not None and abs(back - mg) <= 1e-6 * max(1.0, mg)

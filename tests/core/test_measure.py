"""Making a dose with the forms a person has, and the error of each way."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taper_tui.core.forms import parse_forms
from taper_tui.core.measure import BEAD_WARNING, MeasureError, measure
from taper_tui.store.drug_data import builtin_drugs

D = builtin_drugs()


def m(target: str, *specs: str, drug: str = "sertraline"):  # type: ignore[no-untyped-def]
    return measure(Decimal(target), parse_forms(list(specs)), D[drug])


def test_split_tablets() -> None:
    r = m("37.5", "tablet:50:split=4")
    assert (r.actual_mg, r.method, r.how, r.error_mg) == (Decimal("37.5"), "tablet", "¾ tablet", 0)


def test_liquid_rounds_to_syringe_marks_and_gives_the_real_dose() -> None:
    r = m("33.3", "liquid:20mg/ml:step=0.05")
    assert r.how == "1.65 mL of 20 mg/mL" and r.actual_mg == 33
    assert r.error_mg == Decimal("-0.3") and r.resolution_mg == 1
    assert any("diluted" in w for w in r.warnings)  # sertraline concentrate, clinical.md §5.1


def test_tablet_plus_liquid() -> None:
    r = m("61", "tablet:50", "liquid:20mg/ml:step=0.05")
    assert r.how == "1 × 50 mg tablet + 0.55 mL of 20 mg/mL" and r.actual_mg == 61


def test_home_made_suspension_from_ir_tablet_only() -> None:
    r = m("3.3", "tablet:10", "syringe:0.05ml", drug="citalopram")
    assert r.method == "suspension" and r.actual_mg == Decimal("3.3")
    assert "one 10 mg tablet in 10 mL of water gives 1 mg/mL; draw 3.3 mL" in r.how
    with pytest.raises(MeasureError, match="extended-release"):
        m("3.3", "tablet:10:release=xr", "syringe:0.05ml", drug="citalopram")
    # The data knows desvenlafaxine tablets only as extended-release.
    with pytest.raises(MeasureError, match="must not be crushed"):
        m("3.3", "tablet:50", "syringe:0.05ml", drug="desvenlafaxine")


def test_beads_with_the_uniformity_warning() -> None:
    r = m("3.3", "capsule:20:beads=220", drug="duloxetine")
    assert r.method == "beads" and "36 beads" in r.how
    assert r.actual_mg == Decimal("3.2727") and BEAD_WARNING in r.warnings
    r2 = m("23.3", "capsule:20:beads=220", drug="duloxetine")
    assert r2.how.startswith("1 × 20 mg capsule + 36 beads")


def test_citalopram_drops_are_not_converted_one_to_one() -> None:
    # clinical.md §5.1: tablet 10 mg = drops 8 mg = 4 drops; 1 drop = 2 mg.
    for tablet, drops in ((10, 4), (20, 8), (30, 12), (40, 16)):
        r = m(str(tablet), "drops:2mg", drug="citalopram")
        assert r.actual_mg == tablet and r.how.startswith(f"{drops} drops")
    with pytest.raises(MeasureError, match="no usable form"):
        m("10", "drops:2mg", drug="sertraline")


def test_scale_gives_share_of_powder_and_error_in_grams() -> None:
    r = m("3.3", "tablet:10", "scale:0.001g", drug="citalopram")
    assert r.method == "scale" and "33% of W" in r.how
    assert any("0.001 g" in w for w in r.warnings)


def test_below_what_the_forms_can_measure_and_negative() -> None:
    with pytest.raises(MeasureError, match="below what these forms can measure"):
        m("5", "tablet:50:split=2")
    with pytest.raises(MeasureError, match="negative"):
        m("-1", "tablet:50")
    assert m("0", "tablet:50").how == "no dose"


SPECS = ["tablet:50:split=2", "tablet:25:split=4", "liquid:20mg/ml:step=0.05",
         "liquid:2mg/ml:step=0.01", "capsule:30:beads=180"]


@settings(max_examples=150, deadline=None)
@given(target=st.decimals(min_value=Decimal(1), max_value=Decimal(200), places=3),
       specs=st.lists(st.sampled_from(SPECS), min_size=1, max_size=3, unique=True))
def test_rounding_error_stays_within_half_the_resolution(target: Decimal, specs: list[str]) -> None:
    forms = parse_forms(specs)
    try:
        r = measure(target, forms, D["duloxetine"])
    except MeasureError:
        return
    assert abs(r.error_mg) <= r.resolution_mg / 2 + Decimal("0.0001")

"""Form specs from the command line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taper_tui.core.forms import describe, fmt, parse_form
from taper_tui.core.model import FormKind, Release


def test_tablet_with_split_and_release() -> None:
    f = parse_form("tablet:50:split=4")
    assert (f.kind, f.mg, f.split) == (FormKind.TABLET, Decimal(50), 4)
    assert f.release is Release.IMMEDIATE
    assert parse_form("tablet:75mg:release=xr").release is Release.EXTENDED
    assert describe(f) == "50 mg tablet (quarters)"


def test_liquid_concentrations_and_syringe_step() -> None:
    f = parse_form("liquid:20mg/ml:step=0.05")
    assert (f.mg_per_ml, f.step_ml) == (Decimal(20), Decimal("0.05"))
    assert parse_form("liquid:10mg/5ml:step=0.1").mg_per_ml == Decimal(2)
    assert parse_form("liquid:4").mg_per_ml == Decimal(4)
    syringe = parse_form("syringe:0.01ml")
    assert syringe.kind is FormKind.LIQUID and syringe.mg_per_ml is None
    assert syringe.step_ml == Decimal("0.01")


def test_capsule_drops_scale() -> None:
    cap = parse_form("capsule:20:beads=220")
    assert (cap.mg, cap.beads) == (Decimal(20), 220)
    assert parse_form("drops:2mg").mg_per_drop == Decimal(2)
    assert parse_form("scale:0.001g").resolution_g == Decimal("0.001")


@pytest.mark.parametrize(("spec", "words"), [
    ("pill:5", "unknown kind"),
    ("tablet", "missing the amount"),
    ("tablet:-5", "not a positive number"),
    ("tablet:0", "greater than zero"),
    ("tablet:50:split=3", "split must be 1, 2 or 4"),
    ("tablet:50:beads=3", "takes no 'beads'"),
    ("tablet:50:split", "expected key=value"),
    ("capsule:20:beads=0", "at least 1"),
    ("capsule:20:beads=2.5", "whole number"),
    ("liquid:abc", "concentration"),
    ("tablet:50:release=slow", "release must be"),
])
def test_bad_specs_say_what_is_wrong(spec: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_form(spec)


def test_fmt_never_uses_exponents() -> None:
    assert fmt(Decimal("1E+1")) == "10"
    assert fmt(Decimal("12.50")) == "12.5"

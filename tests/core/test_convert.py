"""Benzodiazepine equivalence and the stepwise crossover to diazepam."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from taper_tui.core.convert import ConversionError, convert, crossover
from taper_tui.core.forms import parse_forms
from taper_tui.store.drug_data import builtin_drugs

D = builtin_drugs()


def test_who_worked_examples_match_the_ashton_table() -> None:
    # clinical.md §4.1 (WHO 2009): lorazepam 4 mg = diazepam 40 mg; temazepam 60 mg = diazepam 30.
    assert convert(D["lorazepam"], Decimal(4), D["diazepam"], "ashton").to_mg == 40
    assert convert(D["temazepam"], Decimal(60), D["diazepam"], "ashton").to_mg == 30


def test_tables_differ_and_every_result_is_approximate() -> None:
    c = convert(D["alprazolam"], Decimal(1), D["diazepam"], "ashton")
    assert c.to_mg == 20 and c.approximate and "approximate" in c.note
    assert c.other_tables["vadod"] == 10
    assert convert(D["clonazepam"], Decimal(1), D["lorazepam"], "vadod").to_mg == 2


def test_missing_equivalents_are_refused_not_guessed() -> None:
    with pytest.raises(ConversionError, match="no sourced ashton equivalent for zolpidem"):
        convert(D["zolpidem"], Decimal(10), D["diazepam"], "ashton")
    assert convert(D["zolpidem"], Decimal(10), D["diazepam"], "nhs_scotland").to_mg == 5
    with pytest.raises(ConversionError, match="not a benzodiazepine"):
        convert(D["sertraline"], Decimal(50), D["diazepam"], "ashton")


def test_crossover_is_stepwise_over_one_to_two_weeks() -> None:
    start = dt.date(2026, 12, 1)
    conv, stages = crossover(D["lorazepam"], Decimal(2), D["diazepam"], "ashton", start)
    assert conv.to_mg == 20
    assert [s.from_mg for s in stages] == [Decimal("1.5"), 1, Decimal("0.5"), 0]
    assert [s.diazepam_mg for s in stages] == [5, 10, 15, 20]
    assert stages[0].start == start and stages[-1].start - start <= dt.timedelta(days=14)
    assert len({s.start for s in stages}) == len(stages)
    with pytest.raises(ConversionError, match="1-2 weeks"):
        crossover(D["lorazepam"], Decimal(2), D["diazepam"], "ashton", start, days=1)


def test_crossover_rounds_diazepam_to_forms() -> None:
    _, stages = crossover(D["clonazepam"], Decimal("0.5"), D["diazepam"], "ashton",
                          dt.date(2026, 12, 1), forms=parse_forms(["tablet:2:split=2"]))
    assert [s.diazepam_mg for s in stages] == [3, 5, 8, 10]
    assert all(s.measure for s in stages)

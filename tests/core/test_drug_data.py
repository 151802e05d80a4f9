"""The packaged drug data: every number cited, every listed drug present."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taper_tui.core.model import DrugSettings, Form, FormKind
from taper_tui.store.drug_data import (
    DrugDataError,
    builtin_drugs,
    default_equivalence_table,
    drug_facts,
    parse_drug_data,
)

REQUIRED = (
    "citalopram", "escitalopram", "sertraline", "paroxetine", "fluoxetine", "venlafaxine",
    "desvenlafaxine", "duloxetine", "vortioxetine", "mirtazapine", "alprazolam", "clonazepam",
    "lorazepam", "diazepam", "oxazepam", "temazepam", "chlordiazepoxide", "zopiclone", "zolpidem",
)


def test_every_issue_drug_is_present() -> None:
    assert set(REQUIRED) <= set(builtin_drugs())


def test_occupancy_fits_match_clinical_md_table_1_3() -> None:
    d = builtin_drugs()
    expected = {"citalopram": ("83.98", "2.33"), "sertraline": ("92.01", "7.72"),
                "paroxetine": ("97.14", "5.60"), "fluoxetine": ("86.12", "1.89"),
                "venlafaxine": ("90.07", "5.80"), "duloxetine": ("90.75", "6.27"),
                "escitalopram": ("78.67", "2.10"), "vortioxetine": ("102.24", "4.68"),
                "desvenlafaxine": ("100.22", "16.11")}
    for name, (emax, ed50) in expected.items():
        fit = d[name].occupancy
        assert fit is not None and (fit.emax, fit.ed50) == (Decimal(emax), Decimal(ed50)), name
        assert fit.source.key == "sert-fits"
    assert d["mirtazapine"].occupancy is None
    assert "no SERT occupancy fit" in (d["mirtazapine"].missing_reason("occupancy") or "")


def test_equivalents_from_both_tables_disagree_by_two_where_clinical_md_says() -> None:
    d = builtin_drugs()
    for name in ("alprazolam", "clonazepam", "lorazepam"):
        eq = d[name].equivalents
        assert eq["vadod"].mg == 2 * eq["ashton"].mg
        assert eq["ashton"].source.key == "asam-table7"
    assert d["oxazepam"].equivalents["vadod"].mg == 30
    assert d["temazepam"].equivalents["ashton"].mg == 20
    assert "ashton" not in d["zopiclone"].equivalents
    assert d["zopiclone"].equivalents["nhs_scotland"].mg == Decimal("7.5")
    assert default_equivalence_table() == "ashton"


def test_citalopram_drops_are_not_mg_for_mg() -> None:
    assert builtin_drugs()["citalopram"].drops_equivalent() == (Decimal(10), Decimal(8))


def test_extended_release_forms_cannot_be_liquid() -> None:
    venla = builtin_drugs()["venlafaxine"]
    xr = next(f for f in venla.forms if f.kind is FormKind.CAPSULE)
    assert not xr.can_be_liquid and xr.strengths_mg == (Decimal("37.5"), Decimal(75),
                                                          Decimal(150))
    dulox = builtin_drugs()["duloxetine"].forms[0]
    assert not dulox.can_be_liquid


BASE = """
sources:
  s1: a source
drugs:
  x:
    class: ssri
    occupancy:
      fits:
        - {region: r, emax: 80, ed50: 2%s}
"""


def test_a_number_without_a_source_is_an_error() -> None:
    assert parse_drug_data(BASE % ", source: s1")["x"].occupancy is not None
    with pytest.raises(DrugDataError, match="without a source"):
        parse_drug_data(BASE % "")
    with pytest.raises(DrugDataError, match="unknown source"):
        parse_drug_data(BASE % ", source: nope")
    bare = "sources: {}\ndrugs:\n  x:\n    forms:\n      - kind: liquid\n        mg_per_ml: 5\n"
    with pytest.raises(DrugDataError, match="no source"):
        parse_drug_data(bare)


def test_user_overrides_merge() -> None:
    tablet = Form(FormKind.TABLET, mg=Decimal(50))
    settings = DrugSettings(name="sertraline", occupancy_emax=Decimal(90),
                            occupancy_ed50=Decimal(8), forms=(tablet,))
    facts = drug_facts("sertraline", settings)
    assert facts is not None and facts.occupancy is not None
    assert facts.occupancy.emax == 90 and facts.occupancy.source.key == "taper.yaml"
    assert facts.user_forms == settings.forms
    mine = drug_facts("mydrug", DrugSettings(name="mydrug", drug_class="benzodiazepine"))
    assert mine is not None and mine.is_benzo and mine.occupancy is None

"""Benzodiazepine / z-drug equivalence (approximate, by table) and the crossover to diazepam.

Tables: `ashton` (Ashton Manual 2002) and `vadod` (VA/DoD 2021), both from ASAM 2025 Table 7,
plus `nhs_scotland` where neither lists the drug. They disagree by a factor of 2 for alprazolam,
clonazepam and lorazepam (clinical.md §4.1), so every result says which table it used, what the
others give, and that it is approximate. A switch to diazepam is a stepwise substitution over
1-2 weeks (ASAM 2025, clinical.md §4.1), never an overnight swap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from taper_tui.core.drugs import Citation, DrugFacts, Equivalent
from taper_tui.core.forms import fmt
from taper_tui.core.measure import MeasureError, measure, q
from taper_tui.core.model import Form

TABLES: tuple[str, ...] = ("ashton", "vadod", "nhs_scotland")
APPROXIMATE = ("approximate: equivalence tables disagree (by a factor of 2 for alprazolam, "
               "clonazepam and lorazepam) and people differ; discuss any switch with your "
               "prescriber")
CROSSOVER_DAYS = (7, 14)
"""A switch spread over 1-2 weeks (ASAM 2025 via clinical.md §4.1)."""


class ConversionError(ValueError):
    """No sourced equivalent for this drug in this table (one line for the CLI)."""


@dataclass(frozen=True, slots=True)
class Conversion:
    from_drug: str
    from_mg: Decimal
    to_drug: str
    to_mg: Decimal
    table: str
    diazepam_mg: Decimal
    sources: tuple[Citation, ...]
    other_tables: Mapping[str, Decimal]
    """The same conversion in the other tables that list both drugs."""
    approximate: bool = True
    note: str = APPROXIMATE


@dataclass(frozen=True, slots=True)
class CrossoverStage:
    start: dt.date
    from_mg: Decimal
    diazepam_mg: Decimal
    measure: str | None = None


def convert(source: DrugFacts, mg: Decimal, target: DrugFacts, table: str) -> Conversion:
    """`mg` of `source` in mg of `target` by `table`; ConversionError when a value is missing."""
    if mg < 0:
        raise ConversionError(f"dose must not be negative: {fmt(mg)} mg")
    if table not in TABLES:
        raise ConversionError(f"unknown table {table!r} (use {', '.join(TABLES)})")
    to_mg, dz, cites = _convert(source, mg, target, table)
    others = {}
    for other in TABLES:
        if other != table:
            try:
                others[other] = _convert(source, mg, target, other)[0]
            except ConversionError:
                continue
    return Conversion(source.name, mg, target.name, to_mg, table, dz, cites, others)


def _convert(source: DrugFacts, mg: Decimal, target: DrugFacts,
             table: str) -> tuple[Decimal, Decimal, tuple[Citation, ...]]:
    eq_from = _equivalent(source, table)
    eq_to = _equivalent(target, table)
    dz = eq_from.to_diazepam(mg)
    return q(eq_to.from_diazepam(dz)), q(dz), tuple(dict.fromkeys((eq_from.source, eq_to.source)))


def _equivalent(facts: DrugFacts, table: str) -> Equivalent:
    eq = facts.equivalents.get(table)
    if eq is not None:
        return eq
    why = facts.missing_reason(f"equivalents.{table}")
    has = ", ".join(sorted(facts.equivalents)) or "none"
    if not facts.equivalents:
        raise ConversionError(f"{facts.name} has no diazepam equivalent in the drug data "
                              "(it is not a benzodiazepine or z-drug there)")
    raise ConversionError(f"no sourced {table} equivalent for {facts.name}"
                          f"{': ' + why if why else ''} (tables with a value: {has})")


def crossover(source: DrugFacts, mg: Decimal, diazepam: DrugFacts, table: str, start: dt.date,
              days: int = 14, stages: int = 4,
              forms: Sequence[Form] = ()) -> tuple[Conversion, tuple[CrossoverStage, ...]]:
    """Replace `mg` of `source` by diazepam in `stages` equal parts spread over `days` days.

    Each stage swaps one more part of the original dose for its diazepam equivalent; the last
    stage is all diazepam. Diazepam amounts are rounded to `forms` when given (else to 0.01 mg).
    """
    if not CROSSOVER_DAYS[0] <= days <= CROSSOVER_DAYS[1]:
        raise ConversionError(f"a crossover is spread over {CROSSOVER_DAYS[0]}-"
                              f"{CROSSOVER_DAYS[1]} days (1-2 weeks, ASAM 2025), got {days}")
    if not 2 <= stages <= days:
        raise ConversionError(f"stages must be between 2 and {days}, got {stages}")
    conv = convert(source, mg, diazepam, table)
    interval = days // stages
    out = []
    for k in range(1, stages + 1):
        share = Decimal(k) / Decimal(stages)
        dz = conv.to_mg * share
        how = None
        if forms:
            try:
                m = measure(dz, forms, diazepam)
                dz, how = m.actual_mg, m.how
            except MeasureError as exc:
                how = str(exc)
        else:
            dz = dz.quantize(Decimal("0.01"))
        out.append(CrossoverStage(start + relativedelta(days=(k - 1) * interval),
                                  q(mg * (1 - share)), q(dz), how))
    return conv, tuple(out)

"""What is known about a drug, each number with the source it came from.

Plain frozen values built by `taper_tui.store.drug_data` from the packaged `drugs.yaml` and the
person's `taper.yaml`. Nothing here reads files. A value the data has no source for is absent
(None) and `missing` says why, so the engine can fall back (occupancy -> the percent method).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from taper_tui.core.model import DrugSettings, Form, FormKind, Release

#: Drug classes the benzodiazepine rules (25% per 14 days, diazepam equivalents) apply to.
BENZO_CLASSES: frozenset[str] = frozenset({"benzodiazepine", "z-drug"})

USER_SOURCE = "your taper.yaml"


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a number came from: a key of `drugs.yaml`'s `sources:` and its full text."""

    key: str
    text: str

    def short(self) -> str:
        return self.key


USER_CITATION = Citation("taper.yaml", USER_SOURCE)


@dataclass(frozen=True, slots=True)
class OccupancyFit:
    """SERT occupancy fit occ(D) = Emax*D/(ED50+D); Emax in %, ED50 in mg/day."""

    emax: Decimal
    ed50: Decimal
    region: str
    source: Citation

    def occupancy(self, mg: Decimal | float) -> float:
        """Occupancy in % at `mg` per day, clamped to 0..100 (some fitted Emax exceed 100%)."""
        d = float(mg)
        if d <= 0:
            return 0.0
        occ = float(self.emax) * d / (float(self.ed50) + d)
        return min(occ, 100.0)

    def dose_for(self, occupancy: float) -> float | None:
        """The mg/day giving `occupancy` %, or None where occupancy >= Emax (no dose reaches it)."""
        emax = float(self.emax)
        if occupancy <= 0:
            return 0.0
        if occupancy >= emax:
            return None
        return float(self.ed50) * occupancy / (emax - occupancy)


@dataclass(frozen=True, slots=True)
class Equivalent:
    """`mg` of the drug is about `diazepam_mg` of oral diazepam in one table (approximate)."""

    table: str
    mg: Decimal
    diazepam_mg: Decimal
    source: Citation

    def to_diazepam(self, mg: Decimal) -> Decimal:
        return mg * self.diazepam_mg / self.mg

    def from_diazepam(self, diazepam_mg: Decimal) -> Decimal:
        return diazepam_mg * self.mg / self.diazepam_mg


@dataclass(frozen=True, slots=True)
class FormFacts:
    """A product form of the drug, as the data (or the person) describes it."""

    kind: FormKind
    source: Citation | None = None
    strengths_mg: tuple[Decimal, ...] = ()
    mg_per_ml: Decimal | None = None
    mg_per_drop: Decimal | None = None
    release: Release = Release.IMMEDIATE
    may_split: bool | None = None
    may_open: bool | None = None
    may_crush: bool | None = None
    may_make_liquid: bool | None = None
    tablet_equivalent: tuple[Decimal, Decimal] | None = None
    """(tablet mg, mg of this form) that give the same effect; None means mg-for-mg is unknown."""
    label: str | None = None
    notes: tuple[str, ...] = ()
    missing: tuple[tuple[str, str], ...] = ()
    """(field, why) for values with no source."""

    @property
    def can_be_liquid(self) -> bool:
        """False for extended-release / enteric-coated forms or where the data says so."""
        if self.release is not Release.IMMEDIATE:
            return False
        return self.may_make_liquid is not False


@dataclass(frozen=True, slots=True)
class HalfLife:
    low_h: Decimal
    high_h: Decimal
    source: Citation
    metabolite_low_h: Decimal | None = None
    metabolite_high_h: Decimal | None = None


@dataclass(frozen=True, slots=True)
class DrugFacts:
    """Everything known about one drug."""

    name: str
    drug_class: str | None = None
    forms: tuple[FormFacts, ...] = ()
    occupancy_fits: tuple[OccupancyFit, ...] = ()
    default_region: str | None = None
    equivalents: Mapping[str, Equivalent] = field(default_factory=dict)
    half_life: HalfLife | None = None
    max_cut_percent_14d: Decimal | None = None
    max_cut_14d_source: Citation | None = None
    missing: tuple[tuple[str, str], ...] = ()
    """(what, why) for every value the data could not source."""
    user_forms: tuple[Form, ...] = ()
    """The forms the person has at home (from taper.yaml)."""

    @property
    def occupancy(self) -> OccupancyFit | None:
        """The fit the engine uses (the default region's), or None: then plans use percent."""
        for fit in self.occupancy_fits:
            if fit.region == self.default_region:
                return fit
        return self.occupancy_fits[0] if self.occupancy_fits else None

    @property
    def is_benzo(self) -> bool:
        return self.drug_class in BENZO_CLASSES

    def form(self, kind: FormKind) -> FormFacts | None:
        for f in self.forms:
            if f.kind is kind:
                return f
        return None

    def drops_equivalent(self) -> tuple[Decimal, Decimal] | None:
        """(tablet mg, drops mg) of equal effect from the data, or None when not known."""
        drops = self.form(FormKind.DROPS)
        return drops.tablet_equivalent if drops else None

    def missing_reason(self, what: str) -> str | None:
        for key, why in self.missing:
            if key == what:
                return why
        return None


def merge_settings(facts: DrugFacts | None, settings: DrugSettings) -> DrugFacts:
    """The built-in facts (or none, for a drug the data does not know) with the person's overrides.

    The person's class, occupancy fit and forms win; their values are cited as `taper.yaml`.
    """
    base = facts if facts is not None else DrugFacts(
        name=settings.name,
        missing=(("drug", f"{settings.name} is not in the built-in drug data"),),
    )
    changes: dict[str, object] = {"user_forms": settings.forms}
    if settings.drug_class:
        changes["drug_class"] = settings.drug_class
    if settings.occupancy_emax is not None and settings.occupancy_ed50 is not None:
        fit = OccupancyFit(
            emax=settings.occupancy_emax,
            ed50=settings.occupancy_ed50,
            region=base.default_region or "as set in taper.yaml",
            source=USER_CITATION,
        )
        others = tuple(f for f in base.occupancy_fits if f.region != fit.region)
        changes["occupancy_fits"] = (fit, *others)
        changes["default_region"] = fit.region
    return replace(base, **changes)  # type: ignore[arg-type]

"""How to make a dose with the forms a person has, and how far off that way of measuring is.

Each form gives one or more *ways* (whole or split tablets, a liquid drawn to the syringe's
marks, tablets plus liquid, a home-made suspension of an immediate-release tablet, beads counted
from a capsule, drops, a scale). A way can make amounts on a lattice (its resolution); `options`
lists the nearest amounts each way can make, `measure` picks the closest to the target.
All amounts are tablet-equivalent mg: citalopram drops are converted with the data's equivalence
(10 mg tablet = 8 mg drops), never mg-for-mg.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from taper_tui.core.drugs import DrugFacts
from taper_tui.core.forms import describe, fmt
from taper_tui.core.model import Form, FormKind, Release

#: Amounts are kept to 0.0001 mg: bead fractions (20 mg / 220 beads) do not end in decimals.
PLACES = Decimal("0.0001")
#: A scale's resolution in mg depends on the powder's weight, which the spec does not give; a
#: weighed dose is shown to 0.01 mg and its real error stated in grams.
SCALE_DISPLAY = Decimal("0.01")
#: Water volumes (mL) offered for a home-made suspension: the smallest giving <= 1% rounding.
SUSPENSION_ML = (Decimal(5), Decimal(10), Decimal(20), Decimal(50), Decimal(100))

BEAD_WARNING = ("beads are not all the same size: count several capsules of the same brand and "
                "strength and use the average, or weigh the beads (capsules are filled by weight: "
                "cymbalta-withdrawal.com tapering handbook; SurvivingAntidepressants)")
SUSPENSION_WARNING = ("a home-made suspension is a lay method, not pharmacy-validated; many of "
                      "these drugs do not dissolve, so shake well and take it at once "
                      "(Inner Compass Withdrawal Project, making a liquid mixture); discuss it "
                      "with your pharmacist")
XR_REFUSAL = ("extended-release and enteric-coated forms must not be crushed, split or made into "
              "a liquid (product labels; SurvivingAntidepressants)")


class MeasureError(ValueError):
    """The target cannot be made with these forms (one line, for the CLI)."""


@dataclass(frozen=True, slots=True)
class Option:
    """One amount one way can make."""

    method: str
    amount: Decimal
    resolution: Decimal
    """The way's smallest step in mg: rounding to it errs by at most half of it."""
    how: str
    rank: int
    warnings: tuple[str, ...] = ()
    prep: str = ""
    """Names the preparation (a suspension's tablet and water); the same text is the same way."""
    dilution: int = 0
    """For a suspension: how many volumes of SUSPENSION_ML above (+) or below (-) the usual one
    (the least water that rounds within 1% of the dose) its water is; 0 for other ways."""


@dataclass(frozen=True, slots=True)
class Measurement:
    """How to make `target_mg`: the way, the dose it really gives and the error."""

    target_mg: Decimal
    actual_mg: Decimal
    method: str
    how: str
    resolution_mg: Decimal
    warnings: tuple[str, ...] = ()
    alternatives: tuple[Option, ...] = ()
    prep: str = ""
    """The chosen way's preparation (see `Option.prep`)."""

    @property
    def error_mg(self) -> Decimal:
        return self.actual_mg - self.target_mg

    @property
    def error_percent(self) -> Decimal:
        if self.target_mg == 0:
            return Decimal(0)
        return (self.error_mg / self.target_mg * 100).quantize(Decimal("0.01"))


def q(value: Decimal) -> Decimal:
    """`value` to 0.0001 mg without trailing zeros (and never in exponent form: 10, not 1E+1)."""
    v = value.quantize(PLACES, rounding=ROUND_HALF_EVEN).normalize()
    exponent = v.as_tuple().exponent
    return v.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else v


def _lattice(x: Decimal, step: Decimal) -> tuple[int, int]:
    """Multiples of `step` just below and just above `x`."""
    ratio = x / step
    lo = int(ratio.to_integral_value(rounding=ROUND_FLOOR))
    hi = int(ratio.to_integral_value(rounding=ROUND_CEILING))
    return max(lo, 0), max(hi, 0)


def _units(n: int, unit_mg: Decimal, parts: int, noun: str) -> str:
    whole, part = divmod(n, parts)
    bits = []
    if whole:
        bits.append(f"{whole} × {fmt(unit_mg * parts)} mg {noun}{'s' if whole > 1 else ''}")
    if part:
        frac = {(1, 2): "½", (1, 4): "¼", (2, 4): "½", (3, 4): "¾"}.get((part, parts))
        bits.append(f"{frac or f'{part}/{parts}'} {noun}")
    return " + ".join(bits) or "nothing"


def options(target: Decimal, forms: Sequence[Form], facts: DrugFacts | None = None,
            every_volume: bool = False) -> tuple[tuple[Option, ...], tuple[str, ...]]:
    """Amounts just below and above `target` that each way can make, and notes on refused ways.

    A suspension is offered in the least water that rounds to within 1% of the dose; with
    `every_volume` also in every other volume of SUSPENSION_ML (see `Option.dilution`).
    """
    out: list[Option] = []
    notes: list[str] = []
    tablets = [f for f in forms if f.kind is FormKind.TABLET and f.mg]
    syringes = [f for f in forms if f.kind is FormKind.LIQUID and f.step_ml]
    for f in forms:
        if f.kind is FormKind.TABLET and f.mg:
            out += _tablet(target, f, notes)
        elif f.kind is FormKind.CAPSULE and f.mg:
            out += _capsule(target, f)
        elif f.kind is FormKind.LIQUID and f.mg_per_ml:
            if not f.step_ml:
                notes.append(f"{describe(f)}: give the syringe's smallest mark (step=) to use it")
                continue
            out += _liquid(target, f, tablets, facts)
        elif f.kind is FormKind.DROPS and f.mg_per_drop:
            out += _drops(target, f, facts, notes)
        elif f.kind is FormKind.SCALE and f.resolution_g:
            out += _scale(target, f, tablets, facts, notes)
    if syringes:
        for t in tablets:
            out += _suspension(target, t, syringes[0], facts, notes, every_volume)
    return tuple(out), tuple(dict.fromkeys(notes))


def measure(target: Decimal, forms: Sequence[Form], facts: DrugFacts | None = None) -> Measurement:
    """The closest way to make `target` mg; MeasureError if the forms cannot make it at all."""
    if target < 0:
        raise MeasureError(f"dose must not be negative: {fmt(target)} mg")
    if target == 0:
        return Measurement(target, Decimal(0), "none", "no dose", Decimal(0))
    opts, notes = options(target, forms, facts)
    if not opts:
        raise MeasureError("no usable form given: " + ("; ".join(notes) or "add one with --form"))
    best = min(opts, key=lambda o: (abs(o.amount - target), o.rank, -o.amount))
    if best.amount == 0:
        smallest = min((o.resolution for o in opts), default=Decimal(0))
        why = "; ".join(notes)
        raise MeasureError(f"{fmt(target)} mg is below what these forms can measure "
                           f"(smallest step {fmt(q(smallest))} mg)" + (f"; {why}" if why else ""))
    others = tuple(sorted((o for o in opts if o is not best and o.amount > 0),
                          key=lambda o: (abs(o.amount - target), o.rank)))
    return Measurement(target, best.amount, best.method, best.how, q(best.resolution),
                       tuple(dict.fromkeys((*best.warnings, *notes))), others, best.prep)


def ways_near(target: Decimal, forms: Sequence[Form],
              facts: DrugFacts | None = None) -> tuple[Option, ...]:
    """Every way to make an amount just below or above `target` (no zero), suspensions in every
    volume of water: what a schedule chooses its next dose from."""
    return tuple(o for o in options(target, forms, facts, every_volume=True)[0] if o.amount > 0)


def measurable_near(target: Decimal, forms: Sequence[Form],
                    facts: DrugFacts | None = None) -> dict[Decimal, int]:
    """Amounts the forms can make just below or above `target` (no zero), each with the rank of
    the simplest way to make it (0 = whole or split tablets ... 6 = weighing)."""
    opts, _ = options(target, forms, facts)
    out: dict[Decimal, int] = {}
    for o in opts:
        if o.amount > 0:
            out[o.amount] = min(o.rank, out.get(o.amount, o.rank))
    return out


def only_modified_release(facts: DrugFacts | None) -> bool:
    """True when the data knows the drug's tablets only as forms that must not be made liquid."""
    known = [f for f in facts.forms if f.kind is FormKind.TABLET] if facts else []
    return bool(known) and not any(f.can_be_liquid for f in known)


def _tablet(x: Decimal, f: Form, notes: list[str]) -> list[Option]:
    assert f.mg is not None
    parts = f.split
    warn: tuple[str, ...] = ()
    if f.release is not Release.IMMEDIATE and parts > 1:
        notes.append(f"{describe(f)}: not split; " + XR_REFUSAL)
        parts = 1
    unit = f.mg / parts
    return [Option("tablet", q(n * unit), unit, _units(n, unit, parts, "tablet"), 0, warn)
            for n in set(_lattice(x, unit))]


def _capsule(x: Decimal, f: Form) -> list[Option]:
    assert f.mg is not None
    out = [Option("capsule", q(n * f.mg), f.mg, _units(n, f.mg, 1, "capsule"), 1)
           for n in set(_lattice(x, f.mg))]
    if f.beads:
        bead = f.mg / f.beads
        for n in set(_lattice(x, bead)):
            whole, beads = divmod(n, f.beads)
            how = (f"{whole} × {fmt(f.mg)} mg capsule + " if whole else "") + (
                f"{beads} beads from an opened {fmt(f.mg)} mg capsule of {f.beads} beads")
            if not beads:
                how = _units(whole, f.mg, 1, "capsule")
            out.append(Option("beads", q(n * bead), bead, how, 4,
                              (BEAD_WARNING, "do not crush or chew the beads")))
    return out


def _liquid(x: Decimal, f: Form, tablets: list[Form], facts: DrugFacts | None) -> list[Option]:
    assert f.mg_per_ml is not None and f.step_ml is not None
    step_mg = f.mg_per_ml * f.step_ml
    warn = _liquid_notes(facts)
    out = []
    for n in set(_lattice(x, step_mg)):
        amount = n * step_mg
        how = f"{fmt(n * f.step_ml)} mL of {fmt(f.mg_per_ml)} mg/mL"
        out.append(Option("liquid", q(amount), step_mg, how, 2, warn))
        for t in tablets:
            # Whole tablets for the bulk, liquid for the rest, when that lands on the same amount.
            if t.mg is None or t.mg > amount:
                continue
            count = int((amount / t.mg).to_integral_value(rounding=ROUND_FLOOR))
            rest_ml = (amount - count * t.mg) / f.mg_per_ml
            if count and (rest_ml / f.step_ml) == (rest_ml / f.step_ml).to_integral_value():
                how_t = f"{_units(count, t.mg, 1, 'tablet')} + {fmt(rest_ml)} mL of " \
                        f"{fmt(f.mg_per_ml)} mg/mL" if rest_ml else _units(count, t.mg, 1, "tablet")
                out.append(Option("tablet+liquid", q(amount), step_mg, how_t, 1, warn))
    return out


def _liquid_notes(facts: DrugFacts | None) -> tuple[str, ...]:
    liquid = facts.form(FormKind.LIQUID) if facts else None
    return liquid.notes if liquid else ()


def _drops(x: Decimal, f: Form, facts: DrugFacts | None, notes: list[str]) -> list[Option]:
    assert f.mg_per_drop is not None
    equiv = facts.drops_equivalent() if facts else None
    if equiv is None:
        name = facts.name if facts else "this drug"
        notes.append(f"drops not used: no source says how drops of {name} compare with tablets "
                     "mg for mg; ask your pharmacist")
        return []
    tablet_mg, drops_mg = equiv
    per_drop = f.mg_per_drop * tablet_mg / drops_mg  # tablet-equivalent mg in one drop
    warn = (f"drops are not mg-for-mg with tablets: {fmt(tablet_mg)} mg as tablets = "
            f"{fmt(drops_mg)} mg as drops (Hertfordshire Partnership NHS FT memo, 2012)",)
    return [Option("drops", q(n * per_drop), per_drop,
                   f"{n} drops ({fmt(n * f.mg_per_drop)} mg of drops ≈ "
                   f"{fmt(q(n * per_drop))} mg as tablets)", 3, warn)
            for n in set(_lattice(x, per_drop))]


def _suspension(x: Decimal, t: Form, syringe: Form, facts: DrugFacts | None,
                notes: list[str], every_volume: bool = False) -> list[Option]:
    assert t.mg is not None and syringe.step_ml is not None
    if t.release is not Release.IMMEDIATE or only_modified_release(facts):
        notes.append(f"no home-made suspension from the {describe(t)}: {XR_REFUSAL}")
        return []
    whole = int((x / t.mg).to_integral_value(rounding=ROUND_FLOOR))
    rest = x - whole * t.mg
    if rest <= 0:
        return []
    usual = next((w for w in SUSPENSION_ML if t.mg * syringe.step_ml / w / 2 <= rest / 100),
                 SUSPENSION_ML[-1])
    out = []
    for water in SUSPENSION_ML if every_volume else (usual,):
        conc = t.mg / water
        step_mg = conc * syringe.step_ml
        prep = f"one {fmt(t.mg)} mg tablet in {fmt(water)} mL"
        for n in set(_lattice(rest, step_mg)):
            ml = n * syringe.step_ml
            if ml > water:
                continue
            head = f"{_units(whole, t.mg, 1, 'tablet')} + " if whole else ""
            how = (f"{head}suspension: {prep} of water gives {fmt(q(conc))} mg/mL; "
                   f"draw {fmt(ml)} mL")
            out.append(Option("suspension", q(whole * t.mg + n * step_mg), step_mg, how, 5,
                              (SUSPENSION_WARNING,), f"suspension of {prep}",
                              SUSPENSION_ML.index(water) - SUSPENSION_ML.index(usual)))
    return out


def _scale(x: Decimal, f: Form, tablets: list[Form], facts: DrugFacts | None,
           notes: list[str]) -> list[Option]:
    assert f.resolution_g is not None
    usable = [t for t in tablets if t.release is Release.IMMEDIATE and t.mg]
    if not usable or only_modified_release(facts):
        notes.append("scale not used: it needs an immediate-release tablet to crush and weigh")
        return []
    t = usable[0]
    assert t.mg is not None
    out = []
    for n in set(_lattice(x, SCALE_DISPLAY)):
        amount = n * SCALE_DISPLAY
        whole = int((amount / t.mg).to_integral_value(rounding=ROUND_FLOOR))
        share = (amount - whole * t.mg) / t.mg
        head = f"{_units(whole, t.mg, 1, 'tablet')} + " if whole else ""
        how = (f"{head}crush one {fmt(t.mg)} mg tablet, weigh all the powder (W g) and take "
               f"{fmt(q(share * 100))}% of W")
        err = (f"the scale reads to ±{fmt(f.resolution_g)} g, which is "
               f"±{fmt(t.mg)} mg × {fmt(f.resolution_g)} g / W of this drug",)
        out.append(Option("scale", q(amount), SCALE_DISPLAY, how, 6, err,
                          f"weighed powder of a {fmt(t.mg)} mg tablet"))
    return out

"""Which measurable amount a computed taper step takes, and by which way of measuring.

The plan gives a *target* for the next dose (for `percent`, current × (1 − cut%)); the *intended
cut* is current − target (where the rate guard is tighter than the plan, the guard's cut). Only
amounts below the current dose, within the guard and not below the plan's target are candidates.
A candidate is *on target* when its cut is within 1 − ON_TARGET_SHARE of the intended cut either
way: at least 75% of it, and at most 125% (where the guard allows more than the plan's cut; a
slide's 2.5% a week must not become 8% because the liquid's marks are 1 mg apart). Then:

1. An everyday way (tablets, capsules, beads, drops, the liquid with its syringe) on target wins,
   the amount closest to the target; except right after a suspension or scale step, where it wins
   only if it can make the step after on target too. A 1% step with the liquid between two 9%
   steps with a suspension is four weeks for almost nothing, and going back to the liquid for one
   step and then to a suspension again is two changes of method (and of concentration in the same
   syringe) for no gain.
2. Else a suspension or a scale on target: the preparation used last (the same tablet in the same
   water) while it can make the step on target in at most one volume of water above the usual
   one (the least that rounds within 1%: more would only make the volume to draw large); else a
   new one in the usual water, closest to the target; else in the least more water that can.
   So the schedule does not alternate between a 50 mg and a 25 mg tablet in 100 mL from one step
   to the next when either would do.
3. Else an everyday way on target, even for one step.
4. Else (no way can make a cut on target within the guard) the amount closest to the target, and
   the step's note says the cut differs from the plan's because the forms cannot do better.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from taper_tui.core.measure import Option

#: A cut of at least this share of the intended cut counts as on target (0.75: a planned 10% cut
#: may come out at 7.5-10% once rounded to what the forms can measure). Below it the step is too
#: small to be worth a step of its own, so a suspension or scale making it on target is used.
ON_TARGET_SHARE = Decimal("0.75")
#: Ways of measuring from this rank on (home-made suspension 5, scale 6) are not everyday ways.
SPECIAL_RANK = 5


@dataclass(frozen=True, slots=True)
class Choice:
    option: Option
    on_target: bool


def is_special(option: Option) -> bool:
    return option.rank >= SPECIAL_RANK


def choose(candidates: Sequence[Option], current: Decimal, target: Decimal, floor: Decimal,
           last_prep: str | None, after_special: bool,
           everyday_lasts: Callable[[Option], bool]) -> Choice | None:
    """The step after `current` by the rule in the module docstring; None when no candidate lies
    in [floor, current). `floor` is the guard's lowest dose (or the plan's target, if higher),
    `last_prep` the last suspension or scale preparation used, `after_special` whether the
    previous step was made that way, `everyday_lasts(o)` whether the everyday way can make the
    step after `o` on target."""
    ok = [o for o in candidates if floor <= o.amount < current]
    if not ok:
        return None
    good = [o for o in ok if on_target(o.amount, current, target)]
    everyday = [o for o in good if not is_special(o)]
    lasting = [o for o in everyday if everyday_lasts(o)] if after_special else everyday
    if lasting:
        return Choice(_closest(lasting, target), True)
    special = [o for o in good if is_special(o)]
    same = [o for o in special if o.prep == last_prep and o.dilution <= 1]
    usual = [o for o in special if o.dilution == 0]
    more = [o for o in special if o.dilution > 0]
    if more:
        least = min(o.dilution for o in more)
        more = [o for o in more if o.dilution == least]
    for pool in (same, usual, more):
        if pool:
            return Choice(_closest(pool, target), True)
    if everyday:
        return Choice(_closest(everyday, target), True)
    best = _closest(ok, target)
    same = [o for o in ok if o.amount == best.amount and o.prep == last_prep]
    return Choice(same[0] if same else best, False)


def on_target(amount: Decimal, current: Decimal, target: Decimal) -> bool:
    """Whether the cut from `current` to `amount` is within the tolerance of the intended cut
    from `current` to `target`."""
    intended = current - target
    return abs(current - amount - intended) <= intended * (1 - ON_TARGET_SHARE)


def _closest(options: Sequence[Option], target: Decimal) -> Option:
    """Closest to `target`; then the simplest way; then the first listed (forms order)."""
    return min(options, key=lambda o: (abs(o.amount - target), o.rank, abs(o.dilution), -o.amount))

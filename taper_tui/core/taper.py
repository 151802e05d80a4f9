"""Taper plans: a PlanSpec and the person's forms in, dated measurable steps out.

Methods: `percent` (a fixed % of the current dose), `occupancy` (equal falls in SERT occupancy),
`slide` (small weekly cuts, then a hold), `linear` (a fixed mg; its % cut grows as the dose
falls) and `custom` (the person's list). Every dose is rounded to an amount the forms can make and
`cut_percent` is the cut after rounding.

The rate guard: computed methods (percent, occupancy, slide) never cut more than
`max_cut_percent` of the current dose, nor for benzodiazepines more than 25% in 14 days (ASAM
2025, clinical.md §4.2); where the forms cannot make a cut that small the schedule stops there with
a warning instead. Person-chosen steps (linear, custom) are kept but flagged `over_limit`.
No plan jumps to zero from a dose above its small final dose.

Computed steps choose their amount and way of measuring by the rule in `step_choice`: within
the guard, a cut of at least 75% of the intended one, everyday ways before a home-made
suspension or a scale, and one preparation kept while it can make the steps.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from dateutil.relativedelta import relativedelta

from taper_tui.core.drugs import DrugFacts, OccupancyFit
from taper_tui.core.forms import fmt
from taper_tui.core.measure import MeasureError, Option, measurable_near, measure, q, ways_near
from taper_tui.core.model import Form, Method, PlanSpec, Thresholds
from taper_tui.core.progress import Step
from taper_tui.core.step_choice import choose, is_special, on_target
from taper_tui.core.taper_checks import validate

#: With no forms, doses are shown to 0.01 mg (and a warning says they are not rounded to forms).
NO_FORM_STEP = Decimal("0.01")
#: Occupancy percentage points per step when the plan does not say (the 10-point ladders of
#: clinical.md §1.5); the rate guard still limits each cut.
DEFAULT_OCCUPANCY_STEP = Decimal(10)
MAX_STEPS = 250
BENZO_WINDOW_DAYS = 14


@dataclass(frozen=True, slots=True)
class Schedule:
    drug: str
    method: Method
    steps: tuple[Step, ...]
    warnings: tuple[str, ...]
    complete: bool
    """True when the steps reach the plan's target (0 or `target_mg`)."""


def schedule(spec: PlanSpec, facts: DrugFacts | None = None,
             forms: Sequence[Form] | None = None, drug: str | None = None) -> Schedule:
    """The dated steps of `spec` for a drug described by `facts`, rounded to `forms`.

    `forms` defaults to the person's forms in `facts`. Raises ValueError on an impossible spec
    (negative or increasing doses, a start below the target).
    """
    validate(spec)
    forms = tuple(forms if forms is not None else (facts.user_forms if facts else ()))
    name = drug or (facts.name if facts else "drug")
    b = _Builder(spec, facts, forms, name)
    method = spec.method
    if method is Method.OCCUPANCY and (facts is None or facts.occupancy is None):
        why = (facts.missing_reason("occupancy") if facts else None) or "no occupancy fit"
        b.warn(f"no occupancy data for {name} ({why}): using the percent method instead")
        method = Method.PERCENT
    if method is Method.CUSTOM:
        b.custom()
    elif method is Method.LINEAR:
        b.linear()
    else:
        b.computed(method)
    if b.over:
        b.warn(f"step{'s' if len(b.over) > 1 else ''} {', '.join(map(str, b.over))} cut more "
               f"than the rate guard allows{b._guard_text()}; discuss with your prescriber")
    if not forms:
        b.warn("no forms given: doses are shown to 0.01 mg, not rounded to what you can measure "
               "(add --form, e.g. tablet:50:split=2 or liquid:20mg/ml:step=0.05)")
    last = b.steps[-1].mg
    return Schedule(name, method, tuple(b.steps), tuple(dict.fromkeys(b.warnings)),
                    last <= spec.target_mg)


class _Builder:
    def __init__(self, spec: PlanSpec, facts: DrugFacts | None, forms: tuple[Form, ...],
                 name: str) -> None:
        self.spec, self.facts, self.forms, self.name = spec, facts, forms, name
        self.fit: OccupancyFit | None = facts.occupancy if facts else None
        self.warnings: list[str] = []
        self.over: list[int] = []
        self.benzo_limit: Decimal | None = None
        if facts is not None and facts.is_benzo:
            self.benzo_limit = facts.max_cut_percent_14d or Thresholds().benzo_max_cut_percent_14d
        self.steps: list[Step] = [self._step(spec.start, spec.start_mg)]
        #: The last suspension or scale preparation used, and whether the last step used one.
        self.prep: str | None = None
        self.special = False
        if forms and spec.start_mg > 0:
            with contextlib.suppress(MeasureError):
                start = measure(spec.start_mg, forms, facts)
                self.special = start.method in ("suspension", "scale")
                self.prep = start.prep if self.special else None
        self.final = spec.final_mg if spec.final_mg is not None else self._default_final()

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    # -- the methods -------------------------------------------------------------------------

    def computed(self, method: Method) -> None:
        spec = self.spec
        while len(self.steps) < MAX_STEPS:
            current = self.steps[-1].mg
            if current <= spec.target_mg:
                return
            date = self._next_date(method)
            if current <= self.final and spec.target_mg == 0:
                self.steps.append(self._step(date, Decimal(0), prev=current,
                                             note="stop from the small final dose"))
                return
            ideal = self._ideal(current, method)
            lower = self._lower_bound(current, date)
            target = max(ideal, lower)
            choice = choose(
                [*self._ways(ideal), *self._ways(lower)], current, target,
                max(lower, spec.target_mg), self.prep, self.special,
                lambda o: self._everyday_lasts(o.amount, method))
            if choice is None:
                self._refuse(current, lower)
                return
            chosen = choice.option
            notes = ["limited by the rate guard"] if ideal < lower else []
            if not choice.on_target:
                want = q((current - target) / current * 100).quantize(Decimal("0.1"))
                size = "smaller" if chosen.amount > target else "larger"
                notes.append(f"a {size} cut than the plan's {fmt(want)}%: these forms cannot "
                             "measure an amount nearer the plan within the rate guard")
            if is_special(chosen):
                self.prep = chosen.prep
            self.special = is_special(chosen)
            self.steps.append(self._step(date, chosen.amount, prev=current,
                                         note="; ".join(notes) or None,
                                         how=chosen.how or None))
        self.warn(f"schedule cut off at {MAX_STEPS} steps")

    def _ideal(self, current: Decimal, method: Method) -> Decimal:
        """The plan's next dose after `current` before rounding (not below target or final)."""
        spec = self.spec
        if method is Method.OCCUPANCY and self.fit is not None:
            ideal = self._occupancy_next(current, spec.occupancy_step or DEFAULT_OCCUPANCY_STEP)
        else:
            pct = spec.cut_percent / max(spec.slide_weeks, 1) if method is Method.SLIDE \
                else spec.cut_percent
            ideal = current * (1 - pct / 100)
        return max(ideal, spec.target_mg, self.final if spec.target_mg == 0 else ideal)

    def _everyday_lasts(self, mg: Decimal, method: Method) -> bool:
        """Whether an everyday way can make the step after `mg` on target (the per-step guard
        only: a look ahead for the choice of method, not a schedule)."""
        spec = self.spec
        if mg <= spec.target_mg or (mg <= self.final and spec.target_mg == 0):
            return True
        lower = mg * (1 - spec.max_cut_percent / 100)
        target = max(self._ideal(mg, method), lower)
        return any(max(lower, spec.target_mg) <= o.amount < mg and on_target(o.amount, mg, target)
                   and not is_special(o) for o in (*self._ways(target), *self._ways(lower)))

    def linear(self) -> None:
        spec = self.spec
        assert spec.cut_mg is not None
        while len(self.steps) < MAX_STEPS:
            current = self.steps[-1].mg
            if current <= spec.target_mg:
                break
            date = self._next_date(Method.LINEAR)
            ideal = max(current - spec.cut_mg, spec.target_mg)
            if not self._append_flagged(date, ideal, current):
                break
        pcts = [s.cut_percent for s in self.steps[1:] if s.mg > 0]
        if pcts:
            self.warn(f"linear taper: the same {fmt(spec.cut_mg)} mg cut is a growing share of a "
                      f"falling dose ({fmt(pcts[0])}% at first, {fmt(pcts[-1])}% at the last "
                      "step before stopping); the last steps are the largest in percentage")

    def custom(self) -> None:
        for dose in self.spec.doses:
            date = self._next_date(Method.CUSTOM)
            if not self._append_flagged(date, dose, self.steps[-1].mg):
                break

    # -- helpers -----------------------------------------------------------------------------

    def _append_flagged(self, date: dt.date, wanted: Decimal, current: Decimal) -> bool:
        """Append a person-chosen step, flagged when it breaks the guard; False to stop."""
        if wanted == 0 and current > self.final:
            final = (f"a small final dose (≤ {fmt(self.final)} mg)" if self.spec.final_mg
                     is not None else "a small final dose (set one with --final or final_mg)")
            self.warn(f"the plan would jump from {fmt(current)} mg straight to 0; it stops at "
                      f"{fmt(current)} mg instead. Smaller steps down to {final} are gentler; "
                      "discuss with your prescriber")
            return False
        mg = wanted if wanted == 0 else self._nearest(wanted)
        if mg >= current:
            self.warn(f"stops at {fmt(current)} mg: the next dose {fmt(wanted)} mg cannot be "
                      "measured below it with these forms")
            return False
        lower = self._lower_bound(current, date)
        over = mg < lower and not (mg == 0 and current <= self.final)
        step = self._step(date, mg, prev=current, over=over)
        if over:
            self.over.append(step.index)
        self.steps.append(step)
        return True

    def _guard_text(self) -> str:
        text = f" ({fmt(self.spec.max_cut_percent)}% of the current dose"
        if self.benzo_limit is not None:
            text += f", {fmt(self.benzo_limit)}% in {BENZO_WINDOW_DAYS} days for this drug"
        return text + ")"

    def _lower_bound(self, current: Decimal, date: dt.date) -> Decimal:
        lower = current * (1 - self.spec.max_cut_percent / 100)
        if self.benzo_limit is not None:
            ref = self._dose_on(date - dt.timedelta(days=BENZO_WINDOW_DAYS))
            lower = max(lower, ref * (1 - self.benzo_limit / 100))
        return lower

    def _dose_on(self, date: dt.date) -> Decimal:
        dose = self.steps[0].mg
        for s in self.steps:
            if s.start <= date:
                dose = s.mg
        return dose

    def _occupancy_next(self, current: Decimal, step: Decimal) -> Decimal:
        """The dose at the next rung of the ladder occ0, occ0 - step, occ0 - 2*step, ...

        Rungs count from the starting dose's occupancy, so rounding never drifts the ladder.
        """
        assert self.fit is not None
        occ0 = self.fit.occupancy(self.steps[0].mg)
        now = self.fit.occupancy(current)
        size = float(step)
        k = math.ceil((occ0 - now + size) / size - 0.05)
        occ = occ0 - k * size
        dose = self.fit.dose_for(occ) if occ > 0 else 0.0
        return Decimal(str(round(dose, 6))) if dose is not None else current

    def _ways(self, x: Decimal) -> list[Option]:
        """Ways to make amounts just below and above `x` (0.01 mg steps with no forms)."""
        if x <= 0:
            return []
        if not self.forms:
            lo = (x / NO_FORM_STEP).to_integral_value(rounding=ROUND_FLOOR) * NO_FORM_STEP
            hi = (x / NO_FORM_STEP).to_integral_value(rounding=ROUND_CEILING) * NO_FORM_STEP
            return [Option("exact", q(v), NO_FORM_STEP, "", 0) for v in (lo, hi) if v > 0]
        return list(ways_near(x, self.forms, self.facts))

    def _near(self, x: Decimal) -> tuple[Decimal, ...]:
        if x > 0 and self.forms:
            return tuple(sorted(measurable_near(x, self.forms, self.facts)))
        return tuple(sorted({o.amount for o in self._ways(x)}))

    def _nearest(self, x: Decimal) -> Decimal:
        near = self._near(x)
        return min(near, key=lambda a: (abs(a - x), -a)) if near else x

    def _default_final(self) -> Decimal:
        if self.spec.method is Method.OCCUPANCY and self.fit is not None:
            step = self.spec.occupancy_step or DEFAULT_OCCUPANCY_STEP
            dose = self.fit.dose_for(float(step))
            if dose is not None:
                return self._nearest(Decimal(str(round(dose, 6))))
        near = self._near(PLACES_MIN)
        return min(near) if near else NO_FORM_STEP

    def _refuse(self, current: Decimal, lower: Decimal) -> None:
        below = [a for a in self._near(current * Decimal("0.999")) if a < current]
        smallest = ""
        if below:
            cut = (current - max(below)) / current * 100
            smallest = f" (the smallest cut they allow is {fmt(cut.quantize(Decimal('0.1')))}%)"
        what = "these forms" if self.forms else "steps of 0.01 mg"
        self.warn(f"stops at {fmt(current)} mg: {what} cannot make a cut within the rate "
                  f"guard{self._guard_text()}{smallest}. A finer measure (a liquid with a "
                  "smaller syringe, a scale) would allow smaller steps; where and how to stop is "
                  "for you and your prescriber to decide (a final dose can be set with --final "
                  "or final_mg)")

    def _next_date(self, method: Method) -> dt.date:
        prev = self.steps[-1].start
        if method is Method.SLIDE:
            weeks = max(self.spec.slide_weeks, 1)
            cut_no = len(self.steps) - 1  # cuts made so far
            hold = self.spec.slide_hold_days if cut_no and cut_no % weeks == 0 else 0
            return prev + relativedelta(weeks=1, days=hold)
        return prev + relativedelta(days=self.spec.step_days)

    def _step(self, date: dt.date, mg: Decimal, prev: Decimal | None = None,
              note: str | None = None, over: bool = False, how: str | None = None) -> Step:
        """A step to `mg`; `how` is the chosen way of measuring (else the closest is found)."""
        mg = q(mg)
        cut = q(prev - mg) if prev is not None else Decimal(0)
        pct = (cut / prev * 100).quantize(Decimal("0.01")) if prev else Decimal(0)
        occ = None
        if self.fit is not None:
            occ = Decimal(str(round(self.fit.occupancy(mg), 1)))
        if how is not None:
            pass
        elif mg == 0:
            how = "no dose"
        elif self.forms:
            try:
                how = measure(mg, self.forms, self.facts).how
            except MeasureError as exc:
                how = f"cannot be measured with these forms: {exc}"
        return Step(index=len(self.steps) if hasattr(self, "steps") else 0, start=date, mg=mg,
                    cut_mg=cut, cut_percent=pct, occupancy_percent=occ, measure=how,
                    over_limit=over, note=note)


PLACES_MIN = Decimal("0.0001")

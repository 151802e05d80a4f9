"""Checks on a taper plan before its steps are computed (one-line ValueError messages)."""

from __future__ import annotations

import itertools

from taper_tui.core.forms import fmt
from taper_tui.core.model import Method, PlanSpec


def validate(spec: PlanSpec) -> None:
    """Raise ValueError naming the first impossible value of `spec`."""
    if spec.start_mg <= 0:
        raise ValueError(f"starting dose must be greater than 0 mg, got {fmt(spec.start_mg)}")
    if spec.target_mg < 0 or spec.target_mg >= spec.start_mg:
        raise ValueError(f"target dose must be at least 0 and below the starting dose "
                         f"{fmt(spec.start_mg)} mg, got {fmt(spec.target_mg)}")
    if spec.step_days < 1:
        raise ValueError(f"step days must be at least 1, got {spec.step_days}")
    if not 0 < spec.max_cut_percent <= 100:
        raise ValueError("maximum cut must be above 0 and at most 100 percent")
    if spec.method in (Method.PERCENT, Method.SLIDE) and not 0 < spec.cut_percent < 100:
        raise ValueError(f"cut must be above 0 and below 100 percent, got {fmt(spec.cut_percent)}")
    if spec.method is Method.LINEAR and (spec.cut_mg is None or spec.cut_mg <= 0):
        raise ValueError("a linear plan needs a cut in mg greater than 0 (cut_mg / --cut-mg)")
    if spec.method is Method.CUSTOM:
        if not spec.doses:
            raise ValueError("a custom plan needs its list of doses")
        if any(d < 0 for d in spec.doses):
            raise ValueError("custom doses must not be negative")
        seq = (spec.start_mg, *spec.doses)
        if any(b > a for a, b in itertools.pairwise(seq)):
            raise ValueError("custom doses must not increase (a taper only goes down)")
    if spec.occupancy_step is not None and not 0 < spec.occupancy_step < 100:
        raise ValueError("occupancy step must be between 0 and 100 percentage points")
    if spec.final_mg is not None and spec.final_mg < 0:
        raise ValueError("final dose must not be negative")

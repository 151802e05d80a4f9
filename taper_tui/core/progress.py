"""Plan against actual: where each drug stands, read from the journal's recorded doses.

The interface below is the contract the rules, the CLI and the app use. `track` is pure: the
journal and `today` go in, a `DrugProgress` comes out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from taper_tui.core.model import DrugSettings, EventType, Journal

if TYPE_CHECKING:
    from taper_tui.core.drugs import DrugFacts

#: Events that make a new dose level count from its first day (no need to wait for a second day).
_MARKS = frozenset({EventType.CUT, EventType.REINSTATED, EventType.STOPPED, EventType.STARTED,
                    EventType.SWITCHED})


@dataclass(frozen=True, slots=True)
class Step:
    """One planned step of a taper."""

    index: int
    """0 is the starting dose."""
    start: dt.date
    mg: Decimal
    cut_mg: Decimal
    cut_percent: Decimal
    """Percentage of the previous step's dose, after rounding to a measurable amount."""
    occupancy_percent: Decimal | None = None
    measure: str | None = None
    """How to make this dose with the person's forms, one line."""
    over_limit: bool = False
    """The cut is larger than the plan's rate guard allows (kept because the person chose it)."""
    note: str | None = None
    """Why the step is as it is ("limited by the rate guard", "stop from the small final dose")."""


@dataclass(frozen=True, slots=True)
class DoseChange:
    """A change of the daily dose level seen in the journal (a cut, or an increase)."""

    date: dt.date
    drug: str
    from_mg: Decimal
    to_mg: Decimal

    @property
    def percent(self) -> Decimal:
        """Size of the change as a percentage of the dose before it (positive for a cut)."""
        if self.from_mg == 0:
            return Decimal(0)
        return (self.from_mg - self.to_mg) / self.from_mg * 100

    @property
    def is_cut(self) -> bool:
        return self.to_mg < self.from_mg


@dataclass(frozen=True, slots=True)
class DrugProgress:
    """Where one drug stands on `today`."""

    drug: str
    steps: tuple[Step, ...]
    """The plan's steps, re-dated from the last actual cut (holds shift the plan)."""
    current_mg: Decimal | None
    """The dose level being taken now (from recent days), or None with no doses logged."""
    step_index: int | None
    """Index in `steps` of the step nearest the current dose."""
    since: dt.date | None
    """First day at the current dose level."""
    days_on_step: int
    step_days: int
    changes: tuple[DoseChange, ...]
    """Every dose-level change found in the journal, oldest first."""
    next_date: dt.date | None
    next_mg: Decimal | None
    on_hold: bool
    """A `hold` event since the last cut."""

    @property
    def last_cut(self) -> DoseChange | None:
        cuts = [c for c in self.changes if c.is_cut]
        return cuts[-1] if cuts else None


def track(drug: DrugSettings, journal: Journal, today: dt.date,
          facts: DrugFacts | None = None) -> DrugProgress:
    """Where `drug` stands on `today`, from the days logged up to and including `today`.

    A new dose level counts once it holds on two logged days in a row, or from its first day
    when that day has a `cut`, `reinstated`, `stopped`, `started` or `switched` event; a single
    different day is an off-plan or missed dose and is not a level change. `facts` (the built-in
    drug data merged with the settings) gives the class and occupancy fit the plan needs.
    """
    changes, level, since = _levels(drug.name, journal, today)
    steps = _plan_steps(drug, facts)
    step_days = drug.plan.step_days if drug.plan else 28
    index = _nearest_step(steps, level)
    cuts = [c for c in changes if c.is_cut]
    last_cut = cuts[-1].date if cuts else None
    on_hold = _held_since(drug.name, journal, today, last_cut)
    if changes and index is not None and since is not None:
        steps = _redate(steps, index, since)
    next_date = next_mg = None
    if index is not None and index + 1 < len(steps):
        next_mg = steps[index + 1].mg
        next_date = None if on_hold else steps[index + 1].start
    return DrugProgress(
        drug=drug.name, steps=steps, current_mg=level, step_index=index, since=since,
        days_on_step=(today - since).days if since else 0, step_days=step_days,
        changes=tuple(changes), next_date=next_date, next_mg=next_mg, on_hold=on_hold)


def planned_mg(progress: DrugProgress, date: dt.date) -> Decimal | None:
    """The dose the plan expects on `date` given the actual progression (None before a plan).

    While on hold the plan stays at the current step.
    """
    steps = progress.steps
    if not steps or date < steps[0].start:
        return None
    idx = progress.step_index
    if progress.on_hold and idx is not None and date >= steps[idx].start:
        return steps[idx].mg
    mg = steps[0].mg
    for s in steps:
        if s.start <= date:
            mg = s.mg
    return mg


def _levels(name: str, journal: Journal, today: dt.date,
            ) -> tuple[list[DoseChange], Decimal | None, dt.date | None]:
    changes: list[DoseChange] = []
    level: Decimal | None = None
    since: dt.date | None = None
    pending: tuple[dt.date, Decimal] | None = None
    for day in journal.days:
        if day.date > today:
            break
        mg = day.taken_mg(name)
        kinds = {e.type for e in day.events_of(name)}
        if mg is None and EventType.STOPPED in kinds:
            mg = Decimal(0)
        if mg is None:
            continue
        if level is None:
            level, since = mg, day.date
        elif mg == level:
            pending = None
        elif kinds & _MARKS or (pending is not None and pending[1] == mg):
            start = day.date if kinds & _MARKS or pending is None else pending[0]
            changes.append(DoseChange(start, name, level, mg))
            level, since, pending = mg, start, None
        else:
            pending = (day.date, mg)
    return changes, level, since


def _plan_steps(drug: DrugSettings, facts: DrugFacts | None) -> tuple[Step, ...]:
    if drug.plan is None:
        return ()
    from taper_tui.core.drugs import merge_settings
    from taper_tui.core.taper import schedule

    merged = facts if facts is not None else merge_settings(None, drug)
    try:
        return schedule(drug.plan, merged, drug.forms, drug.name).steps
    except ValueError:
        return ()


def _nearest_step(steps: tuple[Step, ...], mg: Decimal | None) -> int | None:
    if mg is None or not steps:
        return None
    return min(range(len(steps)), key=lambda i: (abs(steps[i].mg - mg), i))


def _held_since(name: str, journal: Journal, today: dt.date, last_cut: dt.date | None) -> bool:
    for day in journal.days:
        if day.date > today:
            break
        if last_cut is not None and day.date < last_cut:
            continue
        if any(e.type is EventType.HOLD for e in day.events_of(name)):
            return True
    return False


def _redate(steps: tuple[Step, ...], index: int, since: dt.date) -> tuple[Step, ...]:
    """Steps after `index` keep their planned intervals but count from `since` (holds shift)."""
    from dataclasses import replace

    out = list(steps[: index])
    date = since
    for i in range(index, len(steps)):
        if i > index:
            date = date + (steps[i].start - steps[i - 1].start)
        out.append(replace(steps[i], start=date))
    return tuple(out)

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
_NO_KINDS: frozenset[EventType] = frozenset()


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
class TakenStep:
    """A step of the plan the journal shows was reached."""

    index: int
    start: dt.date
    """First day of the level that reached the step (the latest such level, after a return);
    the plan's start for the starting step."""
    mg: Decimal
    """The level actually taken; it can differ from the step's dose."""


@dataclass(frozen=True, slots=True)
class DrugProgress:
    """Where one drug stands on `today`."""

    drug: str
    steps: tuple[Step, ...]
    """The plan's steps re-dated by what was taken: a reached step starts on the day it was
    reached (a skipped one on the day of the next reached step), the current step on `since`, and
    later steps keep the plan's intervals from there (holds and late cuts shift the plan)."""
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
    planned: tuple[Step, ...] = ()
    """The plan's steps on its own calendar, as computed from the plan's start."""
    taken: tuple[TakenStep, ...] = ()
    """The steps up to the current one that the journal shows were reached, by index; the last
    is the current step."""

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
    changes, first, level, since = _levels(drug.name, journal, today)
    planned = _plan_steps(drug, facts)
    step_days = drug.plan.step_days if drug.plan else 28
    index = _nearest_step(planned, level)
    cuts = [c for c in changes if c.is_cut]
    last_cut = cuts[-1].date if cuts else None
    on_hold = _held_since(drug.name, journal, today, last_cut)
    taken: tuple[TakenStep, ...] = ()
    steps = planned
    if first is not None and index is not None:
        taken = _taken(planned, first, changes)
        steps = _redate(planned, taken)
    next_date = next_mg = None
    if index is not None and index + 1 < len(steps):
        next_mg = steps[index + 1].mg
        next_date = None if on_hold else steps[index + 1].start
    return DrugProgress(
        drug=drug.name, steps=steps, current_mg=level, step_index=index, since=since,
        days_on_step=(today - since).days if since else 0, step_days=step_days,
        changes=tuple(changes), next_date=next_date, next_mg=next_mg, on_hold=on_hold,
        planned=planned, taken=taken)


def planned_mg(progress: DrugProgress, date: dt.date) -> Decimal | None:
    """The dose the plan expects on `date` given the actual progression (None before a plan).

    While on hold the plan stays at the current step. None before the plan's start.
    """
    steps = progress.steps
    begin = progress.planned[0].start if progress.planned else steps[0].start if steps else None
    if not steps or begin is None or date < begin:
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
            ) -> tuple[list[DoseChange], tuple[dt.date, Decimal] | None, Decimal | None,
                       dt.date | None]:
    """Level changes, the first level and its first day, the current level and its first day."""
    changes: list[DoseChange] = []
    first: tuple[dt.date, Decimal] | None = None
    level: Decimal | None = None
    since: dt.date | None = None
    pending: tuple[dt.date, Decimal] | None = None
    zero = Decimal(0)
    for day in journal.days:
        if day.date > today:
            break
        # Day.taken_mg and Day.events_of inlined (the same sums): this runs for every day.
        mg: Decimal | None = None
        for dose in day.doses:
            if dose.drug == name:
                mg = (zero if mg is None else mg) + dose.mg
        kinds = {e.type for e in day.events if e.drug is None or e.drug == name} \
            if day.events else _NO_KINDS
        if mg is None and EventType.STOPPED in kinds:
            mg = Decimal(0)
        if mg is None:
            continue
        if level is None:
            level, since, first = mg, day.date, (day.date, mg)
        elif mg == level:
            pending = None
        elif kinds & _MARKS or (pending is not None and pending[1] == mg):
            start = day.date if kinds & _MARKS or pending is None else pending[0]
            changes.append(DoseChange(start, name, level, mg))
            level, since, pending = mg, start, None
        else:
            pending = (day.date, mg)
    return changes, first, level, since


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
    best, gap = 0, abs(steps[0].mg - mg)
    for i in range(1, len(steps)):
        d = abs(steps[i].mg - mg)
        if d < gap:  # strictly: the first of equally near steps wins
            best, gap = i, d
    return best


def _held_since(name: str, journal: Journal, today: dt.date, last_cut: dt.date | None) -> bool:
    for day in journal.days:
        if day.date > today:
            break
        if not day.events or (last_cut is not None and day.date < last_cut):
            continue
        if any(e.type is EventType.HOLD for e in day.events_of(name)):
            return True
    return False


def _taken(steps: tuple[Step, ...], first: tuple[dt.date, Decimal],
           changes: list[DoseChange]) -> tuple[TakenStep, ...]:
    """Each level mapped to its nearest step; a return to an earlier step (a reinstatement)
    forgets the later steps reached before it. A first level at the starting step counts from
    the plan's start (the journal may begin later); at a later step, from its first logged day."""
    reached: dict[int, TakenStep] = {}
    for n, (date, mg) in enumerate((first, *((c.date, c.to_mg) for c in changes))):
        index = _nearest_step(steps, mg)
        assert index is not None
        if n == 0 and index == 0:
            date = steps[0].start
        reached = {i: t for i, t in reached.items() if i < index}
        reached[index] = TakenStep(index, date, mg)
    return tuple(reached[i] for i in sorted(reached))


def _redate(steps: tuple[Step, ...], taken: tuple[TakenStep, ...]) -> tuple[Step, ...]:
    """Reached steps start when they were reached, steps skipped on the way when the next
    reached one did (steps before the first logged level keep their dates, never later than
    it); steps after the current one keep the plan's intervals from its start."""
    from dataclasses import replace

    when = {t.index: t.start for t in taken}
    current = taken[-1].index
    dates = [s.start for s in steps]
    for i in range(current, -1, -1):
        if i in when:
            dates[i] = when[i]
        elif i < taken[0].index:
            dates[i] = min(dates[i], dates[i + 1])
        else:
            dates[i] = dates[i + 1]
    for i in range(current + 1, len(steps)):
        dates[i] = dates[i - 1] + (steps[i].start - steps[i - 1].start)
    return tuple(replace(s, start=d) for s, d in zip(steps, dates, strict=True))

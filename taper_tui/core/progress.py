"""Plan against actual: where each drug stands, read from the journal's recorded doses.

The interface below is the contract the rules, the CLI and the app use. `track` is pure: the
journal and `today` go in, a `DrugProgress` comes out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from taper_tui.core.model import DrugSettings, Journal


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


def track(drug: DrugSettings, journal: Journal, today: dt.date) -> DrugProgress:
    """Where `drug` stands on `today`. Implemented by the taper engine (issue 3)."""
    raise NotImplementedError


def planned_mg(progress: DrugProgress, date: dt.date) -> Decimal | None:
    """The dose the plan expects on `date` given the actual progression (None before a plan)."""
    raise NotImplementedError

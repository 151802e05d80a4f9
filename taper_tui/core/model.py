"""The journal as frozen domain values.

Everything here is plain data read from the journal folder: no I/O, no clock, no YAML. The store
builds these values from files (`taper_tui.store`); rules and views only read them. Doses are
`Decimal` so that 0.1 + 0.2 mg is 0.3 mg and a liquid step of 0.05 mL stays exact.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class EventType(StrEnum):
    """What a person can record as having happened to a drug on a day."""

    REINSTATED = "reinstated"
    STOPPED = "stopped"
    STARTED = "started"
    SWITCHED = "switched"
    SKIPPED = "skipped"
    CUT = "cut"
    HOLD = "hold"


class FormKind(StrEnum):
    """How a dose can be made: the thing a person measures with."""

    TABLET = "tablet"
    CAPSULE = "capsule"
    LIQUID = "liquid"
    DROPS = "drops"
    SCALE = "scale"


class Release(StrEnum):
    """Release type of a solid form; only immediate-release may be crushed or suspended."""

    IMMEDIATE = "ir"
    EXTENDED = "xr"
    ENTERIC = "ec"


class Method(StrEnum):
    """How a plan's steps are computed (see `taper_tui.core.taper`)."""

    PERCENT = "percent"
    OCCUPANCY = "occupancy"
    LINEAR = "linear"
    SLIDE = "slide"
    CUSTOM = "custom"


class SymptomKind(StrEnum):
    """Physical symptoms alongside mood ones point towards withdrawal rather than relapse."""

    PHYSICAL = "physical"
    MOOD = "mood"
    SLEEP = "sleep"
    OTHER = "other"


#: Red-flag symptoms recognised in day files even when `taper.yaml` does not list them.
DEFAULT_RED_FLAGS: tuple[str, ...] = ("suicidal_thoughts", "akathisia", "seizure")

SCORE_MIN = 0
SCORE_MAX = 10


@dataclass(frozen=True, slots=True)
class Dose:
    """One dose taken (or recorded as taken) on a day."""

    drug: str
    mg: Decimal
    time: str | None = None
    """Clock time "HH:MM" as the person wrote it, or None."""
    measured: str | None = None
    """Free text on how it was measured ("1.75 mL of 20 mg/mL")."""


@dataclass(frozen=True, slots=True)
class Exposure:
    """Something that may change how a person feels: caffeine, alcohol, a supplement, a medicine."""

    what: str
    amount: str | None = None
    time: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated change to a drug: a cut, a hold, a skipped dose, a stop, a reinstatement."""

    type: EventType
    drug: str | None = None
    mg: Decimal | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Day:
    """One day file: `days/YYYY/YYYY-MM-DD.yaml`."""

    date: dt.date
    path: str
    """Path of the file relative to the journal folder, with forward slashes."""
    doses: tuple[Dose, ...] = ()
    symptoms: Mapping[str, int] = field(default_factory=dict)
    """Symptom name -> score 0 (none) .. 10 (worst). Never mutated after construction."""
    exposures: tuple[Exposure, ...] = ()
    events: tuple[Event, ...] = ()
    notes: str | None = None

    def taken_mg(self, drug: str) -> Decimal | None:
        """Total mg of `drug` taken this day, or None when the day records no dose of it."""
        total: Decimal | None = None
        for d in self.doses:
            if d.drug == drug:
                # Decimal(0) + first + ...: the same sum (and exponent) as sum(..., Decimal(0)).
                total = (Decimal(0) if total is None else total) + d.mg
        return total

    def events_of(self, drug: str) -> tuple[Event, ...]:
        """Events about `drug`, plus events that name no drug (they apply to all)."""
        return tuple(e for e in self.events if e.drug in (None, drug))

    @property
    def burden(self) -> int:
        """Sum of all symptom scores: the single number the charts and rules compare."""
        return sum(self.symptoms.values())


@dataclass(frozen=True, slots=True)
class Form:
    """A formulation a person has at home, with what limits how finely it can be measured."""

    kind: FormKind
    mg: Decimal | None = None
    """Strength of one tablet or capsule (tablet, capsule)."""
    split: int = 1
    """Into how many equal parts a tablet may be split (1, 2 or 4); 1 = not at all."""
    mg_per_ml: Decimal | None = None
    """Concentration (liquid, drops)."""
    step_ml: Decimal | None = None
    """Smallest mark on the oral syringe (liquid)."""
    mg_per_drop: Decimal | None = None
    """Dose in one drop (drops)."""
    beads: int | None = None
    """The person's own count of beads in one capsule (capsule)."""
    resolution_g: Decimal | None = None
    """A scale's smallest reading in grams (scale)."""
    release: Release = Release.IMMEDIATE
    label: str | None = None


@dataclass(frozen=True, slots=True)
class PlanSpec:
    """A drug's taper plan as written in `taper.yaml`; `core.taper` turns it into steps."""

    start: dt.date
    start_mg: Decimal
    method: Method = Method.PERCENT
    cut_percent: Decimal = Decimal(10)
    """Cut per step as a percentage of the current dose (percent, slide)."""
    step_days: int = 28
    max_cut_percent: Decimal = Decimal(10)
    """The rate guard: no step may cut more than this percentage of the current dose."""
    target_mg: Decimal = Decimal(0)
    final_mg: Decimal | None = None
    """The small last dose before stopping; None lets the engine choose from the forms."""
    cut_mg: Decimal | None = None
    """Fixed cut in mg (linear)."""
    occupancy_step: Decimal | None = None
    """Fall in occupancy percentage points per step (occupancy)."""
    slide_weeks: int = 4
    slide_hold_days: int = 14
    doses: tuple[Decimal, ...] = ()
    """Explicit doses (custom)."""


@dataclass(frozen=True, slots=True)
class DrugSettings:
    """One drug as the person set it up in `taper.yaml`."""

    name: str
    drug_class: str | None = None
    forms: tuple[Form, ...] = ()
    plan: PlanSpec | None = None
    dose_time: str | None = None
    """Usual time of the daily dose, "HH:MM" (used for the timing rule on short half-life drugs)."""
    doses_per_day: int = 1
    occupancy_emax: Decimal | None = None
    """Overrides the built-in Emax (% SERT occupancy) for this drug."""
    occupancy_ed50: Decimal | None = None
    """Overrides the built-in ED50 (mg) for this drug."""


@dataclass(frozen=True, slots=True)
class SymptomSettings:
    """A tracked symptom."""

    name: str
    kind: SymptomKind = SymptomKind.OTHER
    red_flag: bool = False
    label: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """Something that happened before the journal began (an earlier stop, restart, ...)."""

    date: dt.date | None
    drug: str
    event: EventType
    mg: Decimal | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Rule thresholds: conservative defaults, each changeable under `rules:` in taper.yaml."""

    baseline_days: int = 14
    """Days before a cut whose mean burden is the baseline."""
    current_days: int = 7
    """Days in the current window compared against the baseline."""
    stable_days: int = 14
    """Days symptoms must have stayed near baseline before advancing."""
    elevated_margin: Decimal = Decimal("1.5")
    """A day is elevated when its burden exceeds the baseline mean by this many points (total)."""
    elevated_ratio: Decimal = Decimal("1.25")
    """... and by this factor."""
    severe_score: int = 7
    """A single symptom score at or above this counts as severe."""
    severe_lookback_days: int = 3
    wave_min_days: int = 3
    """A run of at least this many elevated days is a wave; fewer is a bad day."""
    withdrawal_onset_days: int = 7
    """Flares starting within this many days of a cut or stop fit the withdrawal pattern."""
    exposure_min_days: int = 5
    """Fewest exposure days (and days without) before an exposure comparison is reported."""
    exposure_margin: Decimal = Decimal("1.0")
    simultaneous_change_days: int = 14
    dose_time_tolerance_hours: int = 3
    benzo_max_cut_percent_14d: Decimal = Decimal(25)
    # Added by the rules (issue 4). App choices about data and reporting, not clinical numbers.
    min_logged_days: int = 5
    """Fewest days with symptom scores in a window before the rules compare it with a baseline."""
    red_flag_days: int = 7
    """A red-flag score (any level above 0) within this many most recent days is urgent."""
    recent_days: int = 28
    """How far back warnings about past days (waves, missed or irregular doses) are reported."""
    exposure_window_days: int = 90
    """Days looked at when comparing days with and without an exposure."""
    short_half_life_hours: int = 24
    """Drugs whose half-life (from the drug data) is below this get the dose-timing check."""
    skip_pattern_min_days: int = 3
    """Fewest regularly spaced lower-or-no-dose days that make an alternate-day (skip) pattern."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything in `taper.yaml`."""

    drugs: Mapping[str, DrugSettings] = field(default_factory=dict)
    symptoms: tuple[SymptomSettings, ...] = ()
    red_flags: tuple[str, ...] = DEFAULT_RED_FLAGS
    thresholds: Thresholds = field(default_factory=Thresholds)
    history: tuple[HistoryEntry, ...] = ()
    crisis_text: str | None = None
    equivalence_table: str = "ashton"
    git_autocommit: bool = False

    def symptom(self, name: str) -> SymptomSettings | None:
        for s in self.symptoms:
            if s.name == name:
                return s
        return None

    def tracked_names(self) -> frozenset[str]:
        """The symptoms a day may score without a warning: those listed, and the red flags."""
        return frozenset({s.name for s in self.symptoms} | set(self.red_flags))

    def is_red_flag(self, name: str) -> bool:
        """Listed under red_flags, marked `red_flag: true`, or one of the built-in three (always
        red flags, whatever taper.yaml lists)."""
        s = self.symptom(name)
        return (name in DEFAULT_RED_FLAGS or name in self.red_flags
                or (s is not None and s.red_flag))


def _day_date(day: Day) -> dt.date:
    return day.date


@dataclass(frozen=True, slots=True)
class Journal:
    """A whole journal folder: settings, and days sorted by date (one file per date)."""

    root: str
    settings: Settings
    days: tuple[Day, ...] = ()

    def _index(self, date: dt.date) -> int:
        """The index of the first day on or after `date`. Binary search: days are sorted."""
        return bisect.bisect_left(self.days, date, key=_day_date)

    def day(self, date: dt.date) -> Day | None:
        """The day file for `date`, or None."""
        i = self._index(date)
        if i < len(self.days) and self.days[i].date == date:
            return self.days[i]
        return None

    def days_between(self, first: dt.date, last: dt.date) -> tuple[Day, ...]:
        """Days with first <= date <= last (found by bisection: the Log asks on every key)."""
        if last < first:
            return ()
        return self.days[self._index(first):bisect.bisect_right(self.days, last, key=_day_date)]

"""What the rules say: findings with their evidence, and the step recommendation.

A `Finding` is one thing the rules noticed (a missed dose, a wave, a red flag). It always carries
the evidence that produced it: the dates, windows, values and thresholds behind the message, so a
person (or their prescriber) can check it against the journal. A finding without evidence cannot
be built.

A `Recommendation` is the per-drug reading of the step: advance, hold, consult or urgent, each with
plain-language reasons that state the numbers. It informs; the decision stays with the person and
their prescriber.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding asks for attention. Ordered: INFO < WARNING < URGENT."""

    INFO = "info"
    WARNING = "warning"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.URGENT: 2}


class FindingKind(StrEnum):
    """Stable machine names of findings (the `kind` in `status --json`)."""

    MISSED_DOSE = "missed_dose"
    ALTERNATE_DAY = "alternate_day"
    OFF_PLAN_DOSE = "off_plan_dose"
    DOUBLE_DOSE = "double_dose"
    DOSE_TIMING = "dose_timing"
    LARGE_CUT = "large_cut"
    CUT_DURING_HOLD = "cut_during_hold"
    SIMULTANEOUS_CHANGE = "simultaneous_change"
    REINSTATEMENT_CYCLE = "reinstatement_cycle"
    KINDLING_HISTORY = "kindling_history"
    EXPOSURE = "exposure"
    WAVE = "wave"
    WITHDRAWAL_PATTERN = "withdrawal_pattern"
    POSSIBLE_RELAPSE = "possible_relapse"
    SEVERE_SYMPTOM = "severe_symptom"
    RED_FLAG = "red_flag"


class RecommendationKind(StrEnum):
    """The step reading, least to most pressing."""

    ADVANCE = "advance"
    HOLD = "hold"
    CONSULT = "consult"
    URGENT = "urgent"


# --- evidence -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayValue:
    """A value recorded (or computed) for one date: a burden, a dose, a score."""

    label: str
    date: dt.date
    value: Decimal

    def as_json(self) -> dict[str, object]:
        return {"type": "day", "label": self.label, "date": self.date.isoformat(),
                "value": json_number(self.value)}


@dataclass(frozen=True, slots=True)
class Window:
    """A mean over the logged days of a date window (first..last inclusive); `n` days had data."""

    label: str
    first: dt.date
    last: dt.date
    n: int
    mean: Decimal | None

    def as_json(self) -> dict[str, object]:
        return {"type": "window", "label": self.label, "first": self.first.isoformat(),
                "last": self.last.isoformat(), "n": self.n,
                "mean": None if self.mean is None else json_number(self.mean)}


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of dates, such as a wave (first..last inclusive)."""

    label: str
    first: dt.date
    last: dt.date

    def as_json(self) -> dict[str, object]:
        return {"type": "period", "label": self.label, "first": self.first.isoformat(),
                "last": self.last.isoformat()}


@dataclass(frozen=True, slots=True)
class Threshold:
    """A setting from `rules:` in taper.yaml (or the plan) that the finding was measured against."""

    name: str
    value: Decimal

    def as_json(self) -> dict[str, object]:
        return {"type": "threshold", "name": self.name, "value": json_number(self.value)}


@dataclass(frozen=True, slots=True)
class Count:
    """A number of days or events behind a finding, optionally dated."""

    label: str
    n: int
    date: dt.date | None = None

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"type": "count", "label": self.label, "n": self.n}
        if self.date is not None:
            out["date"] = self.date.isoformat()
        return out


Evidence = DayValue | Window | Period | Threshold | Count


def json_number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: an int when whole, else a float (for display, not arithmetic)."""
    return int(value) if value == value.to_integral_value() else float(value)


# --- findings and recommendations --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the rules noticed; `drug` is None for journal-wide ones (exposures, red flags)."""

    kind: FindingKind
    severity: Severity
    drug: str | None
    message: str
    evidence: tuple[Evidence, ...]

    def __post_init__(self) -> None:
        if not self.evidence:
            raise ValueError(f"a {self.kind.value} finding needs evidence")

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "severity": self.severity.value, "drug": self.drug,
                "message": self.message, "evidence": [e.as_json() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The step reading for one drug, with reasons that state the numbers behind it."""

    kind: RecommendationKind
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "reasons": list(self.reasons)}


def by_severity(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Most pressing first; the order within one severity is kept."""
    return tuple(sorted(findings, key=lambda f: -f.severity.rank))

"""What every rule reads (`RuleContext`) and what `evaluate` returns (`Assessment`).

The context is built once per evaluation: the journal cut at `today`, each drug's progress, the
burden series and the waves. Rules only read it, so each one stays a small pure function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from taper_tui.core.drugs import DrugFacts
from taper_tui.core.findings import Finding, Recommendation
from taper_tui.core.model import DrugSettings, EventType, Journal, Thresholds
from taper_tui.core.progress import DrugProgress
from taper_tui.core.symptoms import BurdenSeries, Wave, find_waves

if TYPE_CHECKING:
    from taper_tui.core.rules.timeline import FlareReading


@dataclass(frozen=True, slots=True)
class Change:
    """A dated change that can bring on withdrawal (`word`: cut, stop, skipped dose) or a
    reinstatement, from dose levels and recorded events."""

    date: dt.date
    drug: str
    word: str


@dataclass(frozen=True, slots=True)
class KindlingEvent:
    """One earlier withdrawal episode: a stop then restart, a reinstatement, a large cut, a cut
    made while symptoms were up. `date` is None for undated `history:` entries."""

    kind: str
    drug: str
    date: dt.date | None
    source: str
    """"history" (taper.yaml, before the journal) or "journal" (day files)."""
    detail: str

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "drug": self.drug,
                "date": None if self.date is None else self.date.isoformat(),
                "source": self.source, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class KindlingHistory:
    """Withdrawal episodes for one drug, and for its drug class (all drugs sharing the class)."""

    drug: str
    events: tuple[KindlingEvent, ...]
    drug_class: str | None
    class_events: tuple[KindlingEvent, ...]

    @property
    def episodes(self) -> int:
        return len(self.events)

    @property
    def class_episodes(self) -> int:
        return len(self.class_events)

    def as_json(self) -> dict[str, object]:
        return {"episodes": self.episodes, "events": [e.as_json() for e in self.events],
                "drug_class": self.drug_class, "class_episodes": self.class_episodes}


@dataclass(frozen=True, slots=True)
class DrugResult:
    """The reading for one drug."""

    drug: str
    progress: DrugProgress
    recommendation: Recommendation
    findings: tuple[Finding, ...]
    kindling: KindlingHistory


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything the rules say on `today`. `findings` are journal-wide (drug None); `urgent`
    repeats the red-flag findings so no view can miss them."""

    today: dt.date
    drugs: tuple[DrugResult, ...]
    findings: tuple[Finding, ...]
    urgent: tuple[Finding, ...]
    waves: tuple[Wave, ...]
    """Every wave in the journal up to `today` (the timeline shows them as periods)."""
    flares: tuple[FlareReading, ...]
    """The withdrawal-vs-relapse reading of each wave, in the same order."""
    crisis_text: str


@dataclass(frozen=True, slots=True)
class RuleContext:
    journal: Journal
    """Days after `today` removed."""
    today: dt.date
    t: Thresholds
    drugs: tuple[DrugSettings, ...]
    progress: Mapping[str, DrugProgress]
    series: BurdenSeries
    waves: tuple[Wave, ...]
    triggers: tuple[Change, ...]
    """Cuts, stops and skipped doses of every drug, oldest first."""
    reinstatements: tuple[Change, ...]
    """Reinstated events and dose increases after a cut, oldest first."""
    facts: Mapping[str, DrugFacts] = field(default_factory=dict)
    """Drug data by drug name (may be empty: checks needing it are skipped)."""
    kindling: Mapping[str, KindlingHistory] = field(default_factory=dict)
    """Filled in by `evaluate` once the histories are read."""

    @property
    def recent_first(self) -> dt.date:
        """First day of the window in which past-day warnings are reported."""
        return self.today - dt.timedelta(days=self.t.recent_days - 1)



def cut_at(journal: Journal, today: dt.date) -> Journal:
    """`journal` without the days after `today` (rules never look into the future)."""
    kept = journal.days_between(dt.date.min, today)
    return journal if len(kept) == len(journal.days) else replace(journal, days=kept)


def build_context(journal: Journal, today: dt.date, progress: Mapping[str, DrugProgress],
                  facts: Mapping[str, DrugFacts] | None = None) -> RuleContext:
    """The context for `journal` (already cut at `today`) and each drug's progress."""
    t = journal.settings.thresholds
    series = BurdenSeries(journal.days)
    cut_dates = [c.date for p in progress.values() for c in p.changes if c.is_cut]
    triggers: list[Change] = []
    reinstated: list[Change] = []
    for p in progress.values():
        for c in p.changes:
            if c.is_cut:
                triggers.append(Change(c.date, p.drug, "stop" if c.to_mg == 0 else "cut"))
            elif c.from_mg > 0:
                reinstated.append(Change(c.date, p.drug, "dose increase"))
    for day in journal.days:
        for e in day.events:
            if e.drug is None:
                continue
            if e.type is EventType.STOPPED:
                triggers.append(Change(day.date, e.drug, "stop"))
            elif e.type is EventType.SKIPPED:
                triggers.append(Change(day.date, e.drug, "skipped dose"))
            elif e.type is EventType.REINSTATED:
                reinstated.append(Change(day.date, e.drug, "reinstatement"))
    return RuleContext(journal, today, t, tuple(journal.settings.drugs.values()), progress,
                       series, find_waves(series, cut_dates, t),
                       tuple(sorted(set(triggers), key=_change_key)),
                       tuple(sorted(set(reinstated), key=_change_key)), facts or {})


def _change_key(c: Change) -> tuple[dt.date, str, str]:
    return (c.date, c.drug, c.word)

"""The Log screen's input for one day: what the person changed, over the day as on disk.

Only fields the person touched go into the `DayPatch`, so a save never rewrites what they did not
change. `edits` counts changes and `saved` the last change known written: the form is dirty while
`edits > saved`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from taper_tui.core.model import SCORE_MAX, SCORE_MIN, Day, Dose, Exposure, Journal
from taper_tui.store.day_patch import DayPatch


@dataclass
class LogForm:
    date: dt.date
    base: Day | None
    """The day as last loaded from disk (None: no file yet)."""
    doses: dict[str, tuple[Dose, ...]] = field(default_factory=dict)
    symptoms: dict[str, int | None] = field(default_factory=dict)
    exposures: dict[str, bool] = field(default_factory=dict)
    """Exposure name -> present, for the ones the person toggled."""
    notes: str | None = None
    edits: int = 0
    saved: int = 0
    kept: bool = False
    saved_any: bool = False
    """Something from this form was written (the head shows "saved" after the reload)."""
    """The person chose to keep their input after an outside edit: saved only on request."""

    @property
    def dirty(self) -> bool:
        return self.edits > self.saved

    @property
    def touched(self) -> bool:
        return bool(self.doses or self.symptoms or self.exposures or self.notes is not None)

    def clear(self) -> None:
        """Forget the input (after a reload from disk)."""
        self.doses.clear()
        self.symptoms.clear()
        self.exposures.clear()
        self.notes = None
        self.saved = self.edits
        self.kept = False

    # --- reading the current value: touched input over the file ------------------------------

    def doses_of(self, drug: str) -> tuple[Dose, ...]:
        if drug in self.doses:
            return self.doses[drug]
        return tuple(d for d in self.base.doses if d.drug == drug) if self.base else ()

    def score(self, name: str) -> int | None:
        if name in self.symptoms:
            return self.symptoms[name]
        return self.base.symptoms.get(name) if self.base else None

    def has_exposure(self, what: str) -> bool:
        if what in self.exposures:
            return self.exposures[what]
        return bool(self.base and any(e.what == what for e in self.base.exposures))

    def note_text(self) -> str:
        if self.notes is not None:
            return self.notes
        return (self.base.notes or "") if self.base else ""

    # --- changes -------------------------------------------------------------------------------

    def set_doses(self, drug: str, doses: tuple[Dose, ...]) -> None:
        self.doses[drug] = doses
        self.edits += 1

    def set_score(self, name: str, score: int | None) -> None:
        if score is not None:
            score = max(SCORE_MIN, min(SCORE_MAX, score))
        self.symptoms[name] = score
        self.edits += 1

    def toggle_exposure(self, what: str) -> bool:
        now = not self.has_exposure(what)
        self.exposures[what] = now
        self.edits += 1
        return now

    def set_notes(self, text: str) -> None:
        if text == self.note_text():
            return
        self.notes = text
        self.edits += 1

    def patch(self) -> DayPatch:
        """Exactly what the person changed, as a patch for the store."""
        existing = {e.what: e for e in self.base.exposures} if self.base else {}
        add = tuple(Exposure(w) for w, on in self.exposures.items() if on and w not in existing)
        remove = tuple(existing[w] for w, on in self.exposures.items() if not on and w in existing)
        return DayPatch(self.date, doses=dict(self.doses), symptoms=dict(self.symptoms),
                        add_exposures=add, remove_exposures=remove, notes=self.notes)


def recent_exposures(journal: Journal, date: dt.date, days: int = 30,
                     limit: int = 6) -> tuple[str, ...]:
    """The exposures logged most often in the `days` before `date` (ties: most recent first)."""
    first = date - dt.timedelta(days=days)
    counts: Counter[str] = Counter()
    latest: dict[str, dt.date] = {}
    for day in journal.days_between(first, date - dt.timedelta(days=1)):
        for e in day.exposures:
            counts[e.what] += 1
            latest[e.what] = day.date
    ranked = sorted(counts, key=lambda w: (-counts[w], -latest[w].toordinal(), w))
    return tuple(ranked[:limit])


def last_logged_mg(journal: Journal, drug: str, before: dt.date) -> Decimal | None:
    for day in reversed(journal.days):
        if day.date < before:
            mg = day.taken_mg(drug)
            if mg is not None:
                return mg
    return None

"""What is due today, for `taper-tui due` (cron, a desktop notifier): one line and a yes/no.

Due means: today's log is not written yet, a planned step's date has come (the rules' reading of
the step is added, because the plan's date alone is not a reason to cut), or a hold is still on.
It informs; the step itself stays a decision for the person and their prescriber.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from taper_tui.core import wording
from taper_tui.core.findings import RecommendationKind
from taper_tui.core.model import EventType, Journal
from taper_tui.core.progress import DrugProgress


class DueKind(StrEnum):
    LOG = "log"
    STEP = "step"
    HOLD = "hold"


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: DueKind
    drug: str | None
    text: str


def hold_started(journal: Journal, drug: str, today: dt.date) -> dt.date | None:
    """Date of the latest `hold` event about `drug` on or before `today`."""
    for day in reversed(journal.days):
        if day.date > today:
            continue
        if any(e.type is EventType.HOLD for e in day.events_of(drug)):
            return day.date
    return None


def due_items(journal: Journal, progress: Mapping[str, DrugProgress], today: dt.date,
              readings: Mapping[str, RecommendationKind] | None = None) -> tuple[DueItem, ...]:
    """Everything due on `today`, log first, then drugs in taper.yaml order."""
    items: list[DueItem] = []
    if journal.day(today) is None:
        items.append(DueItem(DueKind.LOG, None, "today's log is not written yet"))
    for name in journal.settings.drugs:
        p = progress.get(name)
        if p is None:
            continue
        if p.on_hold:
            since = hold_started(journal, name, today)
            items.append(DueItem(DueKind.HOLD, name, f"{name}: hold still on"
                                 + (f" (since {since.isoformat()})" if since else "")))
        elif p.next_date is not None and p.next_date <= today and p.next_mg is not None:
            text = (f"{name}: the plan's step to {wording.mg(p.next_mg)} mg is dated "
                    f"{p.next_date.isoformat()}")
            reading = (readings or {}).get(name)
            if reading is not None and reading is not RecommendationKind.ADVANCE:
                text += f"; the rules read {reading.value}"
            items.append(DueItem(DueKind.STEP, name, text + "; see 'taper-tui status' and "
                                 "discuss with your prescriber"))
    return tuple(items)


def due_line(items: tuple[DueItem, ...], today: dt.date) -> str:
    if not items:
        return f"nothing due on {today.isoformat()}"
    return f"due {today.isoformat()}: " + " | ".join(i.text for i in items)

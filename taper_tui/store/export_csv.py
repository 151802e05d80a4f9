"""Export the journal as CSV: one row per day and drug, in the shape `import` reads back.

The columns are described in docs/exports.md and their cell grammar in `csv_shape`. A day gets a
row for each drug it records a dose or event of, and for each other drug the plan expects a dose of
that day (so a missed dose shows as a row with `planned_mg` and no `taken_mg`); a day about no drug
at all (only symptoms or a note) gets one row with an empty `drug`. Day-level cells (symptoms,
burden, exposures, events, note) repeat on each row of the day, so filtering by drug in a
spreadsheet keeps them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from taper_tui.core import progress
from taper_tui.core.drugs import DrugFacts
from taper_tui.core.model import Day, Journal
from taper_tui.store.csv_shape import (
    LEAD_COLUMNS,
    TAIL_COLUMNS,
    format_dose,
    format_event,
    format_exposure,
    join_items,
    number,
    symptom_column,
)

PlannedFn = Callable[[str, dt.date], Decimal | None]
"""(drug, date) -> the dose the plan expects that day, or None."""


def planned_from_progress(journal: Journal, today: dt.date,
                          facts: Mapping[str, DrugFacts] | None = None) -> PlannedFn:
    """The plan's expected dose per drug and date, from the taper engine (`core.progress`)."""
    facts = facts or {}
    tracked = {name: progress.track(drug, journal, today, facts.get(name))
               for name, drug in journal.settings.drugs.items() if drug.plan is not None}

    def planned(drug: str, date: dt.date) -> Decimal | None:
        found = tracked.get(drug)
        return None if found is None else progress.planned_mg(found, date)

    return planned


def symptom_names(journal: Journal, days: Iterable[Day]) -> list[str]:
    """Tracked symptoms in taper.yaml order, then any other name the days use, alphabetically."""
    names = [s.name for s in journal.settings.symptoms]
    extra = sorted({n for d in days for n in d.symptoms} - set(names))
    return names + extra


def header(symptoms: list[str]) -> list[str]:
    return [*LEAD_COLUMNS, *(symptom_column(n) for n in symptoms), *TAIL_COLUMNS]


def day_drugs(day: Day, drugs: Iterable[str], planned: PlannedFn) -> list[str]:
    """The drugs that get a row on `day`: dosed, named by an event, or planned; in that order."""
    seen: list[str] = []
    named = [d.drug for d in day.doses] + [e.drug for e in day.events if e.drug]
    for drug in named + [d for d in drugs if planned(d, day.date) is not None]:
        if drug not in seen:
            seen.append(drug)
    return seen or [""]


def rows(journal: Journal, days: Iterable[Day], planned: PlannedFn,
         symptoms: list[str]) -> Iterable[list[str]]:
    drugs = list(journal.settings.drugs)
    for day in days:
        shared = [
            *(str(day.symptoms[n]) if n in day.symptoms else "" for n in symptoms),
            str(day.burden) if day.symptoms else "",
            join_items([format_exposure(e) for e in day.exposures]),
            join_items([format_event(e) for e in day.events]),
            (day.notes or "").rstrip("\n"),
        ]
        for drug in day_drugs(day, drugs, planned):
            plan = planned(drug, day.date) if drug else None
            taken = day.taken_mg(drug) if drug else None
            doses = [format_dose(d) for d in day.doses if d.drug == drug]
            yield [day.date.isoformat(), drug, "" if plan is None else number(plan),
                   "" if taken is None else number(taken), join_items(doses), *shared]


def export_csv(journal: Journal, first: dt.date | None, last: dt.date | None,
               planned: PlannedFn) -> str:
    """The CSV text (RFC 4180: CRLF row ends, quoted where needed) of the days in first..last."""
    days = [d for d in journal.days
            if (first is None or d.date >= first) and (last is None or d.date <= last)]
    symptoms = symptom_names(journal, days)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(symptoms))
    writer.writerows(rows(journal, days, planned, symptoms))
    return out.getvalue()

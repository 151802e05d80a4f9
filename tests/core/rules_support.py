"""Builders for small in-memory journals used by the rule tests (no files, no store)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from taper_tui.core.model import (
    Day,
    Dose,
    DrugSettings,
    Event,
    EventType,
    Exposure,
    Form,
    FormKind,
    HistoryEntry,
    Journal,
    PlanSpec,
    Settings,
    SymptomKind,
    SymptomSettings,
    Thresholds,
)

TODAY = dt.date(2026, 11, 27)
D = Decimal

SYMPTOMS = (
    SymptomSettings("brain_zaps", SymptomKind.PHYSICAL),
    SymptomSettings("dizziness", SymptomKind.PHYSICAL),
    SymptomSettings("anxiety", SymptomKind.MOOD),
    SymptomSettings("low_mood", SymptomKind.MOOD),
    SymptomSettings("insomnia", SymptomKind.SLEEP),
)


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def daterange(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    d = first
    while d <= last:
        yield d
        d += dt.timedelta(days=1)


def drug(name: str = "sertraline", start: str = "2026-06-01", start_mg: str = "50",
         step_days: int = 28, max_cut: str = "10", drug_class: str | None = None,
         dose_time: str | None = None, method_kwargs: Mapping[str, object] | None = None,
         with_forms: bool = True) -> DrugSettings:
    plan = PlanSpec(start=date(start), start_mg=D(start_mg), step_days=step_days,
                    max_cut_percent=D(max_cut), **(method_kwargs or {}))  # type: ignore[arg-type]
    forms = (Form(FormKind.TABLET, mg=D(50), split=2),
             Form(FormKind.LIQUID, mg_per_ml=D(20), step_ml=D("0.05"))) if with_forms else ()
    return DrugSettings(name, drug_class=drug_class, forms=forms, plan=plan, dose_time=dose_time)


def day(d: dt.date, doses: Mapping[str, str] | None = None,
        symptoms: Mapping[str, int] | None = None, events: Iterable[Event] = (),
        exposures: Iterable[str] = (), times: Mapping[str, str] | None = None) -> Day:
    return Day(
        date=d, path=f"days/{d.year}/{d.isoformat()}.yaml",
        doses=tuple(Dose(name, D(mg), time=(times or {}).get(name))
                    for name, mg in (doses or {}).items()),
        symptoms=dict(symptoms or {}),
        exposures=tuple(Exposure(w) for w in exposures),
        events=tuple(events))


def journal(days: Iterable[Day], drugs: Iterable[DrugSettings] = (), *,
            history: Iterable[HistoryEntry] = (), thresholds: Thresholds | None = None,
            crisis: str | None = None) -> Journal:
    settings = Settings(drugs={d.name: d for d in drugs}, symptoms=SYMPTOMS,
                        thresholds=thresholds or Thresholds(), history=tuple(history),
                        crisis_text=crisis)
    merged: dict[dt.date, Day] = {}
    for d in days:
        merged[d.date] = d
    return Journal("mem", settings, tuple(merged[k] for k in sorted(merged)))


def cut_event(name: str = "sertraline") -> Event:
    return Event(EventType.CUT, name)


def taper_days(first: dt.date, last: dt.date, levels: Mapping[dt.date, str],
               symptoms: Mapping[dt.date, Mapping[str, int]] | None = None,
               base: Mapping[str, int] | None = None, name: str = "sertraline") -> list[Day]:
    """One day file per date: the dose level in force (from `levels`: date -> mg from that date,
    with a `cut` event on the change day), the base symptom scores unless `symptoms` overrides."""
    out: list[Day] = []
    mg: str | None = None
    base = base if base is not None else {"anxiety": 1, "brain_zaps": 0}
    symptoms = symptoms or {}
    for d in daterange(first, last):
        events: list[Event] = []
        if d in levels:
            if mg is not None:
                events.append(cut_event(name))
            mg = levels[d]
        scores = symptoms.get(d, base)
        out.append(day(d, {name: mg} if mg is not None else None, scores, events))
    return out


def plan_levels(settings: DrugSettings, count: int) -> dict[dt.date, str]:
    """The first `count` planned steps as {start date: mg}, from the taper engine itself (so the
    tests follow its rounding rather than hard-coding it)."""
    from taper_tui.core.progress import track

    steps = track(settings, journal([], [settings]), TODAY).steps[:count]
    return {s.start: str(s.mg) for s in steps}

"""Plan against actual: dose levels from the journal, holds shifting the plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from taper_tui.core.model import (
    Day,
    Dose,
    DrugSettings,
    Event,
    EventType,
    Form,
    FormKind,
    Journal,
    PlanSpec,
    Settings,
)
from taper_tui.core.progress import planned_mg, track

START = dt.date(2026, 6, 1)
FORMS = (Form(FormKind.TABLET, mg=Decimal(50), split=2),
         Form(FormKind.LIQUID, mg_per_ml=Decimal(20), step_ml=Decimal("0.05")))
DRUG = DrugSettings(name="sertraline", forms=FORMS,
                    plan=PlanSpec(start=START, start_mg=Decimal(50), step_days=28))


def journal(doses: dict[int, str], events: dict[int, tuple[EventType, ...]] | None = None,
            ) -> Journal:
    events = events or {}
    days = []
    for offset in sorted(set(doses) | set(events)):
        date = START + dt.timedelta(days=offset)
        d = (Dose("sertraline", Decimal(doses[offset])),) if offset in doses else ()
        ev = tuple(Event(t, "sertraline") for t in events.get(offset, ()))
        days.append(Day(date=date, path=f"days/{date}.yaml", doses=d, events=ev))
    return Journal(root="/j", settings=Settings(drugs={"sertraline": DRUG}), days=tuple(days))


def steady(first: int, last: int, mg: str) -> dict[int, str]:
    return {i: mg for i in range(first, last + 1)}


def test_no_doses_logged() -> None:
    p = track(DRUG, journal({}), START)
    assert p.current_mg is None and p.step_index is None and p.changes == ()
    assert p.steps[0].mg == 50 and planned_mg(p, START) == 50


def test_a_cut_counts_after_two_logged_days() -> None:
    j = journal({**steady(0, 29, "50"), 30: "45", 31: "45", 32: "45"})
    p = track(DRUG, j, START + dt.timedelta(days=32))
    assert [(c.date, c.from_mg, c.to_mg) for c in p.changes] == [
        (START + dt.timedelta(days=30), Decimal(50), Decimal(45))]
    assert p.current_mg == 45 and p.step_index == 1 and p.days_on_step == 2
    assert p.last_cut is not None and p.last_cut.percent == 10
    # next step is due step_days after the actual cut, not on the planned calendar date
    assert p.next_date == START + dt.timedelta(days=30 + 28)
    assert p.next_mg == 41  # 40.5 rounded up to the 1 mg liquid mark (a 8.9% cut)


def test_a_single_different_day_is_not_a_level_change() -> None:
    j = journal({**steady(0, 10, "50"), 5: "25"})
    p = track(DRUG, j, START + dt.timedelta(days=10))
    assert p.changes == () and p.current_mg == 50 and p.since == START


def test_a_marked_cut_counts_from_its_first_day() -> None:
    j = journal({**steady(0, 27, "50"), 28: "45"}, {28: (EventType.CUT,)})
    p = track(DRUG, j, START + dt.timedelta(days=28))
    assert p.current_mg == 45 and p.since == START + dt.timedelta(days=28)


def test_hold_since_last_cut_shifts_the_plan() -> None:
    j = journal({**steady(0, 29, "50"), **steady(30, 70, "45")}, {50: (EventType.HOLD,)})
    today = START + dt.timedelta(days=70)
    p = track(DRUG, j, today)
    assert p.on_hold and p.next_date is None
    assert planned_mg(p, today + dt.timedelta(days=60)) == 45
    # a hold before the last cut does not count
    j2 = journal({**steady(0, 29, "50"), **steady(30, 40, "45")}, {10: (EventType.HOLD,)})
    assert not track(DRUG, j2, START + dt.timedelta(days=40)).on_hold


def test_reinstatement_is_an_increase() -> None:
    j = journal({**steady(0, 29, "50"), 30: "45", 31: "45", 32: "50"},
                {32: (EventType.REINSTATED,)})
    p = track(DRUG, j, START + dt.timedelta(days=32))
    assert [c.is_cut for c in p.changes] == [True, False] and p.current_mg == 50


def test_planned_mg_follows_the_redated_steps() -> None:
    j = journal({**steady(0, 39, "50"), **steady(40, 45, "45")})
    p = track(DRUG, j, START + dt.timedelta(days=45))
    assert planned_mg(p, START - dt.timedelta(days=1)) is None
    assert planned_mg(p, START + dt.timedelta(days=45)) == 45
    assert planned_mg(p, START + dt.timedelta(days=40 + 28)) == p.steps[2].mg


def test_days_after_today_are_ignored() -> None:
    j = journal({**steady(0, 29, "50"), 30: "45", 31: "45"})
    p = track(DRUG, j, START + dt.timedelta(days=29))
    assert p.current_mg == 50 and p.changes == ()

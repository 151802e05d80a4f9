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
from taper_tui.core.progress import TakenStep, planned_mg, track

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


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def test_reached_steps_carry_the_day_they_were_reached() -> None:
    # planned 50 (day 0), 45 (day 28), 41 (day 56); the cut to 45 came 12 days late.
    j = journal({**steady(0, 39, "50"), **steady(40, 45, "45")})
    p = track(DRUG, j, day(45))
    assert [s.start for s in p.planned[:3]] == [day(0), day(28), day(56)]
    assert p.taken == (TakenStep(0, day(0), Decimal(50)), TakenStep(1, day(40), Decimal(45)))
    assert [s.start for s in p.steps[:4]] == [day(0), day(40), day(68), day(96)]
    assert [s.mg for s in p.steps] == [s.mg for s in p.planned]
    assert p.next_date == p.steps[2].start == day(68)


def test_a_skipped_step_and_a_level_off_the_plan() -> None:
    # 50 -> 40 on day 30: nearest to the planned 41 (step 2); step 1 (45) was skipped.
    j = journal({**steady(0, 29, "50"), **steady(30, 35, "40")})
    p = track(DRUG, j, day(35))
    assert p.step_index == 2 and [t.index for t in p.taken] == [0, 2]
    assert p.taken[-1] == TakenStep(2, day(30), Decimal(40))  # the dose actually taken
    assert p.steps[1].start == p.steps[2].start == day(30)
    assert planned_mg(p, day(31)) == p.steps[2].mg == 41


def test_a_journal_begun_mid_plan_keeps_the_earlier_planned_dates() -> None:
    j = journal(steady(50, 55, "45"))
    p = track(DRUG, j, day(55))
    assert p.taken == (TakenStep(1, day(50), Decimal(45)),)
    assert p.steps[0].start == day(0) and p.steps[1].start == day(50)
    assert p.next_date == day(78)


def test_a_return_to_an_earlier_step_forgets_the_later_one() -> None:
    j = journal({**steady(0, 29, "50"), 30: "45", 31: "45", **steady(32, 40, "50")},
                {32: (EventType.REINSTATED,)})
    p = track(DRUG, j, day(40))
    assert p.taken == (TakenStep(0, day(32), Decimal(50)),)
    assert p.steps[0].start == day(32) and p.next_date == day(60)
    assert planned_mg(p, day(5)) == 50  # still within the plan, not "before the plan"
    assert planned_mg(p, day(-1)) is None

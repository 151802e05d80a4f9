"""Kindling history: earlier withdrawal episodes per drug and per class (history and journal)."""

from __future__ import annotations

from rules_support import TODAY, D, date, daterange, day, drug, journal, plan_levels, taper_days

from taper_tui.core.findings import FindingKind, RecommendationKind
from taper_tui.core.model import Event, EventType, HistoryEntry
from taper_tui.core.rules import evaluate

LEVELS = plan_levels(drug(), 6)
STEP_MG = D(LEVELS[date("2026-10-19")])


def stop_restart_stop(name: str = "sertraline") -> tuple[HistoryEntry, ...]:
    return (HistoryEntry(date("2019-03-01"), name, EventType.STOPPED, D(50), "cold turkey"),
            HistoryEntry(date("2019-06-01"), name, EventType.STARTED, D(50)),
            HistoryEntry(date("2023-01-10"), name, EventType.STOPPED, D(25)))


def test_stop_restart_stop_in_history_counts_two():
    j = journal(taper_days(date("2026-06-01"), TODAY, LEVELS), [drug()],
                history=stop_restart_stop())
    r = evaluate(j, TODAY).drugs[0]
    assert r.kindling.episodes == 2
    assert [e.kind for e in r.kindling.events] == ["stop_restart", "stop_restart"]
    assert r.kindling.events[0].source == "history"
    # The journal shows the drug taken again after the last stop.
    assert "taken again 2026-06-01" in r.kindling.events[1].detail
    # Planning the next cut with earlier episodes: later withdrawals can be worse.
    assert r.recommendation.kind is RecommendationKind.ADVANCE
    assert any("2 earlier withdrawal episodes with sertraline" in x and "slower rate" in x
               for x in r.recommendation.reasons)
    assert any(f.kind is FindingKind.KINDLING_HISTORY for f in r.findings)
    assert any(f.kind is FindingKind.REINSTATEMENT_CYCLE for f in r.findings)


def test_undated_history_and_stop_without_restart():
    history = (HistoryEntry(None, "sertraline", EventType.STOPPED),)
    j = journal(taper_days(date("2026-06-01"), TODAY, LEVELS), [drug()], history=history)
    assert evaluate(j, TODAY).drugs[0].kindling.episodes == 1
    # A drug stopped in history and never taken again: no restart, no episode counted yet.
    j = journal([], [drug()], history=history)
    assert evaluate(j, TODAY).drugs[0].kindling.episodes == 0


def test_class_counts_include_other_drugs_of_the_class():
    history = (HistoryEntry(date("2020-01-01"), "paroxetine", EventType.STOPPED),
               HistoryEntry(date("2020-01-05"), "paroxetine", EventType.REINSTATED))
    ser = drug(drug_class="ssri")
    j = journal(taper_days(date("2026-06-01"), TODAY, LEVELS), [ser], history=history)
    from taper_tui.core.drugs import DrugFacts

    r = evaluate(j, TODAY, {"paroxetine": DrugFacts("paroxetine", "ssri")}).drugs[0]
    assert r.kindling.episodes == 0
    assert r.kindling.drug_class == "ssri" and r.kindling.class_episodes == 1
    assert any("1 earlier withdrawal episode with ssri drugs" in x
               for x in r.recommendation.reasons)


def test_reinstatement_and_large_cut_in_journal():
    days = taper_days(date("2026-06-01"), date("2026-11-01"), LEVELS)
    low = STEP_MG * D("0.6")  # a 40% cut
    days += [day(d, {"sertraline": str(low)}, {"anxiety": 1},
                 [Event(EventType.CUT, "sertraline")] if d == date("2026-11-02") else [])
             for d in daterange(date("2026-11-02"), date("2026-11-09"))]
    days += [day(d, {"sertraline": str(STEP_MG)}, {"anxiety": 1},
                 [Event(EventType.REINSTATED, "sertraline")] if d == date("2026-11-10") else [])
             for d in daterange(date("2026-11-10"), TODAY)]
    r = evaluate(journal(days, [drug()]), TODAY).drugs[0]
    kinds = [e.kind for e in r.kindling.events]
    assert kinds == ["large_cut", "reinstatement"], kinds
    large = [f for f in r.findings if f.kind is FindingKind.LARGE_CUT]
    assert large and "was 40%, more than the plan's maximum of 10% per step" in large[0].message


def test_cut_made_while_symptoms_were_up():
    levels = plan_levels(drug(), 7)  # the last cut on 2026-11-16
    flare = {d: {"anxiety": 4, "brain_zaps": 3} for d in daterange(date("2026-11-10"),
                                                                  date("2026-11-15"))}
    r = evaluate(journal(taper_days(date("2026-06-01"), TODAY, levels, flare), [drug()]),
                 TODAY).drugs[0]
    assert [e.kind for e in r.kindling.events] == ["cut_during_hold"]
    f = next(f for f in r.findings if f.kind is FindingKind.CUT_DURING_HOLD)
    assert "The cut of sertraline on 2026-11-16 was made while symptoms were up" in f.message
    assert "a wave from 2026-11-10, mean burden 6.1 in the 7 days before vs 1.0" in f.message


def test_benzodiazepine_pace_over_fourteen_days():
    loraz = drug("lorazepam", start="2026-06-01", start_mg="2", drug_class="benzodiazepine")
    days = [day(d, {"lorazepam": "2"}, {"anxiety": 1}) for d in daterange(date("2026-09-01"),
                                                                            date("2026-11-09"))]
    days += [day(d, {"lorazepam": "1.7"}, {"anxiety": 1},
                 [Event(EventType.CUT, "lorazepam")] if d == date("2026-11-10") else [])
             for d in daterange(date("2026-11-10"), date("2026-11-17"))]
    days += [day(d, {"lorazepam": "1.4"}, {"anxiety": 1},
                 [Event(EventType.CUT, "lorazepam")] if d == date("2026-11-18") else [])
             for d in daterange(date("2026-11-18"), TODAY)]
    r = evaluate(journal(days, [loraz]), TODAY).drugs[0]
    pace = [f for f in r.findings if f.kind is FindingKind.LARGE_CUT and "ASAM" in f.message]
    assert pace and "add up to 30% in the 14 days to 2026-11-18" in pace[0].message

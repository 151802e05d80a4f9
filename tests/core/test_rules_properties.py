"""Properties of the rules over generated journals.

- never `advance` while a hold condition holds (checked here from the journal directly, not with
  the rules' own helpers);
- never `advance` when the next cut would exceed the plan's maximum;
- every finding has evidence, and all of it serialises.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rules_support import TODAY, day, drug, journal

from taper_tui.core.findings import RecommendationKind
from taper_tui.core.model import Event, EventType, Journal, Method, Thresholds
from taper_tui.core.rules import evaluate

DAYS = 90
FIRST = TODAY - dt.timedelta(days=DAYS - 1)
T = Thresholds()

@st.composite
def journals(draw: st.DrawFn, custom: bool = False) -> Journal:
    """A 90-day journal of one drug: a personal baseline with day-to-day noise, up to two flares,
    unscored days, a few cuts (none for custom plans), maybe a hold event or a skipped dose."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    base = draw(st.integers(0, 3))
    noise = draw(st.integers(0, 3))
    missing = draw(st.sampled_from([0.0, 0.1, 0.5]))
    flares = draw(st.lists(st.tuples(st.integers(0, DAYS - 1), st.integers(1, 8),
                                     st.integers(1, 9)), max_size=2))
    extra = [0] * DAYS
    for first, length, height in flares:
        for i in range(first, min(first + length, DAYS)):
            extra[i] = height
    cut_days: list[int] = []
    if not custom:
        cut_days = sorted(set(draw(st.lists(st.integers(1, DAYS - 1), max_size=3))))
    cut_sizes = draw(st.lists(st.sampled_from(["5", "10", "20", "40"]), min_size=len(cut_days),
                              max_size=len(cut_days)))
    hold_day = draw(st.one_of(st.none(), st.integers(0, DAYS - 1)))
    skip_day = draw(st.one_of(st.none(), st.integers(0, DAYS - 1)))
    if custom:
        doses = draw(st.lists(st.sampled_from(["45", "40", "30", "25", "20", "10", "5", "0"]),
                              min_size=1, max_size=4, unique=True))
        doses = sorted(doses, key=Decimal, reverse=True)
        settings_drug = drug(start=FIRST.isoformat(), step_days=draw(st.sampled_from([7, 28])),
                             with_forms=False, max_cut=draw(st.sampled_from(["10", "25", "50"])),
                             method_kwargs={"method": Method.CUSTOM,
                                            "doses": tuple(Decimal(d) for d in doses)})
    else:
        # No forms: the schedule is then cheap to compute, and the rules do not look at forms.
        settings_drug = drug(start=FIRST.isoformat(), step_days=draw(st.sampled_from([7, 28])),
                             with_forms=False)
    mg = Decimal(50)
    days = []
    cuts = dict(zip(cut_days, cut_sizes, strict=True))
    for i in range(DAYS):
        date = FIRST + dt.timedelta(days=i)
        events = []
        if i in cuts:
            mg = (mg * (100 - Decimal(cuts[i])) / 100).quantize(Decimal("0.5"))
            events.append(Event(EventType.CUT, "sertraline"))
        if i == hold_day:
            events.append(Event(EventType.HOLD, "sertraline"))
        dose = None if i == skip_day else {"sertraline": str(mg)}
        symptoms = None
        if rng.random() >= missing:
            anxiety = min(10, base + rng.randint(0, noise) + extra[i])
            symptoms = {"anxiety": anxiety, "brain_zaps": min(10, extra[i] // 2)}
        days.append(day(date, dose, symptoms, events))
    return journal(days, [settings_drug])


def _mean(values: list[int]) -> Decimal | None:
    return Decimal(sum(values)) / len(values) if values else None


def _burdens(j: Journal, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    return {d.date: d.burden for d in j.days if first <= d.date <= last and d.symptoms}


def _baseline(j: Journal, cut: dt.date | None) -> Decimal | None:
    if cut is not None:
        before = _burdens(j, cut - dt.timedelta(days=T.baseline_days), cut - dt.timedelta(days=1))
        if len(before) >= T.min_logged_days:
            return _mean(list(before.values()))
    scored = [d for d in j.days if d.symptoms]
    if not scored:
        return None
    first = scored[0].date
    opening = _burdens(j, first, first + dt.timedelta(days=T.baseline_days - 1))
    return _mean(list(opening.values())) if len(opening) >= T.min_logged_days else None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_never_advance_while_a_hold_condition_holds(j: Journal) -> None:
    r = evaluate(j, TODAY).drugs[0]
    event(r.recommendation.kind.value)
    if r.recommendation.kind is not RecommendationKind.ADVANCE:
        return
    p = r.progress
    assert p.days_on_step >= p.step_days
    assert not p.on_hold
    lookback = TODAY - dt.timedelta(days=T.severe_lookback_days - 1)
    assert all(score < T.severe_score for d in j.days if d.date >= lookback
               for score in d.symptoms.values())
    stable = _burdens(j, TODAY - dt.timedelta(days=T.stable_days - 1), TODAY)
    assert len(stable) >= T.min_logged_days
    base = _baseline(j, p.last_cut.date if p.last_cut else None)
    assert base is not None
    current = _burdens(j, TODAY - dt.timedelta(days=T.current_days - 1), TODAY)
    elevated = sorted(d for d, b in current.items()
                      if b > base + T.elevated_margin and b > base * T.elevated_ratio)
    run = longest = 0
    for a, b in zip([None, *elevated], elevated, strict=False):
        run = run + 1 if a is not None and (b - a).days == 1 else 1
        longest = max(longest, run)
    assert longest < T.wave_min_days, (elevated, base)
    assert any("prescriber" in x for x in r.recommendation.reasons)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals(custom=True))
def test_never_advance_past_the_maximum_cut(j: Journal) -> None:
    r = evaluate(j, TODAY).drugs[0]
    event(r.recommendation.kind.value)
    if r.recommendation.kind is not RecommendationKind.ADVANCE:
        return
    p = r.progress
    plan = j.settings.drugs["sertraline"].plan
    assert plan is not None and p.current_mg and p.next_mg is not None
    percent = (p.current_mg - p.next_mg) / p.current_mg * 100
    smallest = min(s.mg for s in p.steps if s.mg > 0)
    assert percent <= plan.max_cut_percent or (p.next_mg == 0 and p.current_mg <= smallest)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_every_finding_has_evidence(j: Journal) -> None:
    a = evaluate(j, TODAY)
    every = [*a.findings, *a.urgent, *(f for r in a.drugs for f in r.findings)]
    for f in every:
        assert f.message and f.evidence
        json.dumps(f.as_json())
    for r in a.drugs:
        assert r.recommendation.reasons
        json.dumps(r.recommendation.as_json())
        json.dumps(r.kindling.as_json())

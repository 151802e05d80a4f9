"""The rules on a ten-year journal: linear in days, well under a second."""

from __future__ import annotations

import datetime as dt
import time

from rules_support import TODAY, day, drug, journal

from taper_tui.core.model import Event, EventType, HistoryEntry
from taper_tui.core.rules import evaluate


def ten_years(days: int = 3650):
    first = TODAY - dt.timedelta(days=days - 1)
    out = []
    mg = 50.0
    for i in range(days):
        date = first + dt.timedelta(days=i)
        events = []
        if i and i % 35 == 0 and mg > 1:
            mg = round(mg * 0.9, 1)
            events.append(Event(EventType.CUT, "sertraline"))
        wave = 4 if i % 35 in (3, 4, 5, 6) else 0
        out.append(day(date, {"sertraline": str(mg), "clonazepam": "0.5"},
                       {"anxiety": 1 + (i * 7) % 3 + wave, "brain_zaps": wave // 2},
                       events, exposures=["caffeine"] if i % 3 == 0 else []))
    history = tuple(HistoryEntry(first - dt.timedelta(days=400 - k * 100), "sertraline",
                                 EventType.STOPPED if k % 2 == 0 else EventType.STARTED)
                    for k in range(4))
    return journal(out, [drug(start=first.isoformat(), with_forms=False),
                         drug("clonazepam", start=first.isoformat(), start_mg="0.5",
                              drug_class="benzodiazepine", with_forms=False)],
                   history=history)


def test_ten_year_journal_is_fast_and_linear() -> None:
    big, small = ten_years(3650), ten_years(365)
    evaluate(small, TODAY)  # warm up
    t0 = time.perf_counter()
    a = evaluate(big, TODAY)
    t_big = time.perf_counter() - t0
    t0 = time.perf_counter()
    evaluate(small, TODAY)
    t_small = time.perf_counter() - t0
    assert len(a.waves) > 50
    assert a.drugs[0].kindling.episodes >= 2
    assert t_big < 1.5, t_big
    # Ten times the days must not cost anything like a hundred times the time.
    assert t_big < 30 * max(t_small, 0.005), (t_big, t_small)

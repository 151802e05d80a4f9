"""`log_form.recent_exposures` finds the days by bisection: the same answer as its plain
definition over every day of the journal."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from taper_tui.core.model import Day, Exposure, Journal, Settings
from taper_tui.ui.log_form import recent_exposures

START = dt.date(2026, 1, 1)
WHAT = ("caffeine", "alcohol", "ibuprofen", "melatonin", "nicotine", "magnesium", "cbd")


def plain(journal: Journal, date: dt.date, days: int = 30, limit: int = 6) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    latest: dict[str, dt.date] = {}
    for day in journal.days:
        if date - dt.timedelta(days=days) <= day.date < date:
            for e in day.exposures:
                counts[e.what] += 1
                latest[e.what] = day.date
    ranked = sorted(counts, key=lambda w: (-counts[w], -latest[w].toordinal(), w))
    return tuple(ranked[:limit])


journals = st.dictionaries(
    st.integers(0, 120),
    st.lists(st.sampled_from(WHAT), max_size=3, unique=True),
    max_size=80,
).map(lambda days: Journal("mem", Settings(), tuple(
    Day(START + dt.timedelta(days=n), f"days/{n}.yaml",
        exposures=tuple(Exposure(w) for w in whats))
    for n, whats in sorted(days.items()))))


@given(journals, st.integers(-5, 130), st.integers(0, 40))
def test_recent_exposures_is_its_plain_definition(journal: Journal, offset: int,
                                                  days: int) -> None:
    date = START + dt.timedelta(days=offset)
    assert recent_exposures(journal, date, days) == plain(journal, date, days)

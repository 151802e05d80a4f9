"""`Journal.day` and `Journal.days_between` (binary search) against their plain definitions."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from taper_tui.core.model import Day, Journal, Settings

START = dt.date(2026, 1, 1)
offsets = st.lists(st.integers(0, 60), unique=True, max_size=30).map(sorted)


def journal(days: list[int]) -> Journal:
    return Journal(root="j", settings=Settings(), days=tuple(
        Day(date=START + dt.timedelta(days=n), path=f"days/{n}.yaml") for n in days))


@settings(max_examples=200)
@given(offsets, st.integers(-5, 65), st.integers(-5, 65))
def test_lookups_match_a_scan(days: list[int], a: int, b: int) -> None:
    j = journal(days)
    first, last = START + dt.timedelta(days=a), START + dt.timedelta(days=b)
    assert j.days_between(first, last) == tuple(d for d in j.days if first <= d.date <= last)
    assert j.day(first) == next((d for d in j.days if d.date == first), None)

"""The fast wave finder and symptom comparisons give exactly what the plain definitions give.

The reference functions below are the straightforward versions (every day compared with
`is_elevated`, runs built as lists of days); the series' index-based scans must agree with them on
any journal, baseline, cut dates and thresholds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from taper_tui.core.model import Day, Thresholds
from taper_tui.core.symptoms import (
    MAX_GAP_DAYS,
    BurdenSeries,
    Wave,
    WindowStat,
    count_elevated,
    find_waves,
    is_elevated,
    raised_symptoms,
    reference_baseline,
    waves_against,
    waves_in,
)

START = dt.date(2026, 1, 1)
NAMES = ("anxiety", "brain_zaps", "insomnia", "low_mood")


def ref_runs(days: Iterable[tuple[Day, WindowStat | None, dt.date | None]],
             t: Thresholds) -> tuple[Wave, ...]:
    waves: list[Wave] = []
    run: list[Day] = []
    run_ref: tuple[WindowStat, dt.date | None] | None = None

    def close() -> None:
        if run_ref is not None and len(run) >= t.wave_min_days:
            peak = max(run, key=lambda d: (d.burden, -d.date.toordinal()))
            waves.append(Wave(run[0].date, run[-1].date, len(run), peak.date, peak.burden,
                              run_ref[0], run_ref[1]))

    for day, base, ref in days:
        mean = base.mean if base is not None else None
        elevated = mean is not None and is_elevated(Decimal(day.burden), mean, t)
        contiguous = bool(run) and (day.date - run[-1].date).days <= MAX_GAP_DAYS + 1
        if elevated and contiguous:
            run.append(day)
            continue
        close()
        run, run_ref = [], None
        if elevated and base is not None:
            run, run_ref = [day], (base, ref)
    close()
    return tuple(waves)


def ref_find_waves(series: BurdenSeries, changes: Sequence[dt.date],
                   t: Thresholds) -> tuple[Wave, ...]:
    change_dates = sorted(set(changes))
    cache: dict[dt.date | None, WindowStat | None] = {}

    def referenced() -> Iterator[tuple[Day, WindowStat | None, dt.date | None]]:
        ci = -1
        for day in series.days:
            while ci + 1 < len(change_dates) and change_dates[ci + 1] <= day.date:
                ci += 1
            ref = change_dates[ci] if ci >= 0 else None
            if ref not in cache:
                cache[ref] = reference_baseline(series, ref, t)
            yield day, cache[ref], ref

    return ref_runs(referenced(), t)


def ref_raised(during: Sequence[Day], before: Sequence[Day]) -> tuple[str, ...]:
    names = {n for d in during for n in d.symptoms}
    rises: list[tuple[Decimal, str]] = []
    for name in names:
        now = Decimal(sum(d.symptoms.get(name, 0) for d in during)) / max(len(during), 1)
        then = (Decimal(sum(d.symptoms.get(name, 0) for d in before)) / len(before)
                if before else Decimal(0))
        if now - then >= 1:
            rises.append((now - then, name))
    return tuple(name for _, name in sorted(rises, key=lambda r: (-r[0], r[1])))


def build(rows: list[tuple[int, int, int, int]]) -> list[Day]:
    """Days from (days since the previous one, three scores; -1: not scored)."""
    days: list[Day] = []
    date = START
    for gap, *scores in rows:
        date += dt.timedelta(days=gap)
        symptoms = {n: s for n, s in zip(NAMES, scores, strict=False) if s >= 0}
        days.append(Day(date, f"days/{date.year}/{date}.yaml", symptoms=symptoms))
    return days


def journals(most: int = 70) -> st.SearchStrategy[list[Day]]:
    score = st.integers(-1, 10)
    rows = st.tuples(st.sampled_from((1, 1, 1, 2, 3)), score, score, score)
    return st.lists(rows, max_size=most).map(build)


thresholds = st.builds(
    Thresholds,
    baseline_days=st.integers(1, 20), current_days=st.integers(1, 10),
    stable_days=st.integers(1, 20), min_logged_days=st.integers(0, 6),
    wave_min_days=st.integers(1, 5),
    elevated_margin=st.sampled_from([Decimal(0), Decimal("0.5"), Decimal("1.5"), Decimal(3)]),
    elevated_ratio=st.sampled_from([Decimal(1), Decimal("1.1"), Decimal("1.25"), Decimal(2)]),
)
offsets = st.lists(st.integers(-5, 200), max_size=8)


@settings(max_examples=120, deadline=None)
@given(journals(), offsets, thresholds)
def test_find_waves_matches_the_plain_definition(days: list[Day], cuts: list[int],
                                                 t: Thresholds) -> None:
    series = BurdenSeries(days)
    changes = [START + dt.timedelta(days=c) for c in cuts]
    assert find_waves(series, changes, t) == ref_find_waves(series, changes, t)


@settings(max_examples=120, deadline=None)
@given(journals(), st.integers(-5, 200), st.integers(0, 120), st.integers(-5, 200), thresholds)
def test_fixed_baseline_scans_match(days: list[Day], first: int, length: int, cut: int,
                                    t: Thresholds) -> None:
    series = BurdenSeries(days)
    lo = START + dt.timedelta(days=first)
    hi = lo + dt.timedelta(days=length)
    cut_date = START + dt.timedelta(days=cut)
    for base in (reference_baseline(series, cut_date, t), reference_baseline(series, None, t),
                 None):
        chosen = series.days_in(lo, hi)
        expected = ref_runs(((d, base, cut_date) for d in chosen), t)
        assert waves_in(series, lo, hi, base, cut_date, t) == expected
        assert waves_against(chosen, base, cut_date, t) == expected
        mean = base.mean if base is not None else None
        assert count_elevated(series, lo, hi, base, t) == (0 if mean is None else sum(
            1 for d in chosen if is_elevated(Decimal(d.burden), mean, t)))


@settings(max_examples=120, deadline=None)
@given(journals(12), journals(20))
def test_raised_symptoms_match(during: list[Day], before: list[Day]) -> None:
    assert raised_symptoms(during, before) == ref_raised(during, before)


def test_waves_against_any_days_even_unscored_or_unsorted() -> None:
    t = Thresholds(wave_min_days=2)
    base = WindowStat(START, START, 1, 1)
    days = [Day(START + dt.timedelta(days=i), "x", symptoms={"a": b} if b is not None else {})
            for i, b in enumerate((9, 9, None, 9, 9, 9, 0, 9, 9))]
    shuffled = [days[3], days[1], days[0], days[5], days[4]]
    for chosen in (days, shuffled):
        assert waves_against(chosen, base, None, t) == ref_runs(
            ((d, base, None) for d in chosen), t)

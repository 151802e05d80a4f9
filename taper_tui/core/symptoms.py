"""Symptom burden over time: the daily series, window means, baselines, elevated days and waves.

The burden of a day is the sum of its symptom scores (`Day.burden`). Only days that record at least
one symptom score are in the series: a day file with doses but no scores says nothing about how the
person felt, so it is missing data, not a zero.

Windows are calendar ranges (first..last inclusive); their mean is over the logged days inside.
Every query is O(log n) on prefix sums: a ten-year journal costs O(days) to build, little to ask.

Waves follow the peer-community "windows and waves" description (clinical.md §3.3): a stretch of
worse days after a stable one. No source gives numeric limits (§3.3 NOT FOUND), so what counts as
elevated and how long a wave must last are settings (`Thresholds.elevated_margin`, `elevated_ratio`,
`wave_min_days`), and one bad day is never a wave.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from taper_tui.core.model import Day, Thresholds

#: Unlogged days inside a run of elevated days that do not break it (a day not written up in the
#: middle of a bad stretch is more likely a bad day than a good one). App choice, no source.
MAX_GAP_DAYS = 1


@dataclass(frozen=True, slots=True)
class WindowStat:
    """Mean burden over the logged days of first..last; `mean` is None when no day is logged."""

    first: dt.date
    last: dt.date
    n: int
    total: int

    @property
    def mean(self) -> Decimal | None:
        return None if self.n == 0 else Decimal(self.total) / Decimal(self.n)

    @property
    def days(self) -> int:
        """Calendar length of the window."""
        return (self.last - self.first).days + 1


@dataclass(frozen=True, slots=True)
class Wave:
    """A run of at least `wave_min_days` elevated days, measured against `baseline`."""

    first: dt.date
    last: dt.date
    elevated_days: int
    peak_date: dt.date
    peak_burden: int
    baseline: WindowStat
    reference: dt.date | None
    """The latest cut on or before the wave's first day (None: no cut yet)."""


class BurdenSeries:
    """The logged days (those with symptom scores) in date order, with prefix sums of burden."""

    __slots__ = ("_days", "_ordinals", "_prefix")

    def __init__(self, days: Iterable[Day]) -> None:
        logged = sorted((d for d in days if d.symptoms), key=lambda d: d.date)
        self._days: tuple[Day, ...] = tuple(logged)
        self._ordinals: list[int] = [d.date.toordinal() for d in logged]
        prefix = [0]
        for d in logged:
            prefix.append(prefix[-1] + d.burden)
        self._prefix = prefix

    def __len__(self) -> int:
        return len(self._days)

    @property
    def days(self) -> tuple[Day, ...]:
        return self._days

    @property
    def first_date(self) -> dt.date | None:
        return self._days[0].date if self._days else None

    def _span(self, first: dt.date, last: dt.date) -> tuple[int, int]:
        lo = bisect.bisect_left(self._ordinals, first.toordinal())
        hi = bisect.bisect_right(self._ordinals, last.toordinal())
        return lo, max(lo, hi)

    def window(self, first: dt.date, last: dt.date) -> WindowStat:
        lo, hi = self._span(first, last)
        return WindowStat(first, last, hi - lo, self._prefix[hi] - self._prefix[lo])

    def days_in(self, first: dt.date, last: dt.date) -> tuple[Day, ...]:
        lo, hi = self._span(first, last)
        return self._days[lo:hi]

    def last_days(self, today: dt.date, count: int) -> WindowStat:
        """The `count` calendar days ending with `today`."""
        return self.window(today - dt.timedelta(days=count - 1), today)


def baseline_before(series: BurdenSeries, change: dt.date, t: Thresholds) -> WindowStat:
    """The `baseline_days` calendar days before `change` (the change day itself excluded)."""
    return series.window(change - dt.timedelta(days=t.baseline_days), change - dt.timedelta(days=1))


def opening_baseline(series: BurdenSeries, t: Thresholds) -> WindowStat | None:
    """The first `baseline_days` of the journal's scores: the reference before any dose change."""
    first = series.first_date
    if first is None:
        return None
    return series.window(first, first + dt.timedelta(days=t.baseline_days - 1))


def reference_baseline(series: BurdenSeries, cut: dt.date | None,
                       t: Thresholds) -> WindowStat | None:
    """The baseline that days after `cut` are compared with: the `baseline_days` before the cut,
    or (before any cut, or when too few days before the cut were scored) the journal's first
    `baseline_days` of scores. None when neither has `min_logged_days` scored days."""
    if cut is not None:
        before = baseline_before(series, cut, t)
        if before.n >= t.min_logged_days:
            return before
    opening = opening_baseline(series, t)
    if opening is not None and opening.n >= t.min_logged_days:
        return opening
    return None


def is_elevated(value: Decimal, baseline_mean: Decimal, t: Thresholds) -> bool:
    """`value` (a burden or a mean) is up against the baseline by both the margin and the ratio."""
    return value > baseline_mean + t.elevated_margin and value > baseline_mean * t.elevated_ratio


def severe_scores(days: Sequence[Day], t: Thresholds) -> tuple[tuple[dt.date, str, int], ...]:
    """Every (date, symptom, score) at or above `severe_score`, in date order."""
    return tuple((d.date, name, score) for d in days for name, score in sorted(d.symptoms.items())
                 if score >= t.severe_score)


def find_waves(series: BurdenSeries, changes: Sequence[dt.date], t: Thresholds) -> tuple[Wave, ...]:
    """All waves in the series. Each day is compared with the baseline before the latest cut on
    or before it (`changes`, any order), or with the journal's opening baseline.

    O(days + changes · log days)."""
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

    return _runs(referenced(), t)


def waves_against(days: Iterable[Day], baseline: WindowStat | None, reference: dt.date | None,
                  t: Thresholds) -> tuple[Wave, ...]:
    """Waves in `days` (date order) measured against one fixed baseline."""
    return _runs(((d, baseline, reference) for d in days), t)


def _runs(days: Iterable[tuple[Day, WindowStat | None, dt.date | None]],
          t: Thresholds) -> tuple[Wave, ...]:
    """Runs of elevated days (one unlogged day bridged) of at least `wave_min_days`."""
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


def raised_symptoms(during: Sequence[Day], before: Sequence[Day]) -> tuple[str, ...]:
    """Symptoms whose mean score in `during` is at least one point above their mean in `before`
    (absent scores count as 0 there), highest rise first."""
    names = {n for d in during for n in d.symptoms}
    rises: list[tuple[Decimal, str]] = []
    for name in names:
        now = Decimal(sum(d.symptoms.get(name, 0) for d in during)) / max(len(during), 1)
        then = (Decimal(sum(d.symptoms.get(name, 0) for d in before)) / len(before)
                if before else Decimal(0))
        if now - then >= 1:
            rises.append((now - then, name))
    return tuple(name for _, name in sorted(rises, key=lambda r: (-r[0], r[1])))

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
import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from taper_tui.core.model import Day, Thresholds

_by_date = operator.attrgetter("date")
_EXACT = 10**18

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

    __slots__ = ("_burdens", "_days", "_ordinals", "_prefix")

    def __init__(self, days: Iterable[Day]) -> None:
        logged = sorted((d for d in days if d.symptoms), key=_by_date)
        self._days: tuple[Day, ...] = tuple(logged)
        self._ordinals: list[int] = [d.date.toordinal() for d in logged]
        # Each day's burden once: the rules read it many times over (waves, windows, readings).
        self._burdens: list[int] = [d.burden for d in logged]
        prefix = [0]
        total = 0
        for b in self._burdens:
            total += b
            prefix.append(total)
        self._prefix = prefix

    def __len__(self) -> int:
        return len(self._days)

    @property
    def days(self) -> tuple[Day, ...]:
        return self._days

    @property
    def burdens(self) -> Sequence[int]:
        """`Day.burden` of each day in `days`, in the same order."""
        return self._burdens

    @property
    def first_date(self) -> dt.date | None:
        return self._days[0].date if self._days else None

    def span(self, first: dt.date, last: dt.date) -> tuple[int, int]:
        """Indices lo, hi (lo <= hi) such that `days[lo:hi]` are the days first..last."""
        lo = bisect.bisect_left(self._ordinals, first.toordinal())
        hi = bisect.bisect_right(self._ordinals, last.toordinal())
        return lo, max(lo, hi)

    def window(self, first: dt.date, last: dt.date) -> WindowStat:
        lo, hi = self.span(first, last)
        return WindowStat(first, last, hi - lo, self._prefix[hi] - self._prefix[lo])

    def days_in(self, first: dt.date, last: dt.date) -> tuple[Day, ...]:
        lo, hi = self.span(first, last)
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


def elevated_flags(burdens: Sequence[int], baseline: WindowStat | None,
                   t: Thresholds) -> list[bool]:
    """`is_elevated(Decimal(b), baseline.mean, t)` for each burden `b` (all False without a
    baseline mean), with the two Decimal comparisons folded into one integer one."""
    mean = baseline.mean if baseline is not None and burdens else None
    if mean is None:
        return [False] * len(burdens)
    above = mean + t.elevated_margin
    times = mean * t.elevated_ratio
    if not (above.is_finite() and times.is_finite()):
        return [is_elevated(Decimal(b), mean, t) for b in burdens]
    # An integer b exceeds both exactly when it exceeds the floor of the larger one.
    limit = math.floor(max(above, times))
    return [b > limit for b in burdens]


def count_elevated(series: BurdenSeries, first: dt.date, last: dt.date,
                   baseline: WindowStat | None, t: Thresholds) -> int:
    """Logged days first..last whose burden is elevated against `baseline`."""
    lo, hi = series.span(first, last)
    return sum(elevated_flags(series.burdens[lo:hi], baseline, t))


def find_waves(series: BurdenSeries, changes: Sequence[dt.date], t: Thresholds) -> tuple[Wave, ...]:
    """All waves in the series. Each day is compared with the baseline before the latest cut on
    or before it (`changes`, any order), or with the journal's opening baseline.

    O(days + changes · log days): each day's burden is compared once, with one integer
    comparison, and each baseline is read once."""
    change_dates = sorted(set(changes))
    scan = _Scan(series.days, series._ordinals, series._burdens, t)
    starts = [bisect.bisect_left(series._ordinals, c.toordinal()) for c in change_dates]
    bounds = [0, *starts, len(series)]
    refs: list[dt.date | None] = [None, *change_dates]
    for ref, lo, hi in zip(refs, bounds, bounds[1:], strict=False):
        if lo < hi:
            scan.feed(lo, hi, reference_baseline(series, ref, t), ref)
    return scan.finish()


def waves_in(series: BurdenSeries, first: dt.date, last: dt.date, baseline: WindowStat | None,
             reference: dt.date | None, t: Thresholds) -> tuple[Wave, ...]:
    """`waves_against(series.days_in(first, last), baseline, reference, t)`, without copying."""
    lo, hi = series.span(first, last)
    scan = _Scan(series.days, series._ordinals, series._burdens, t)
    scan.feed(lo, hi, baseline, reference)
    return scan.finish()


def waves_against(days: Iterable[Day], baseline: WindowStat | None, reference: dt.date | None,
                  t: Thresholds) -> tuple[Wave, ...]:
    """Waves in `days` (date order) measured against one fixed baseline."""
    listed = tuple(days)
    scan = _Scan(listed, [d.date.toordinal() for d in listed], [d.burden for d in listed], t)
    scan.feed(0, len(listed), baseline, reference)
    return scan.finish()


class _Scan:
    """Runs of elevated days (one unlogged day bridged) of at least `wave_min_days`, over
    `days` with their ordinals and burdens; fed index ranges, each against one baseline. A run
    keeps the baseline of its first day even when the next range has another."""

    __slots__ = ("base", "burdens", "days", "last", "ordinals", "peak", "ref", "start", "t",
                 "waves")

    def __init__(self, days: Sequence[Day], ordinals: Sequence[int], burdens: Sequence[int],
                 t: Thresholds) -> None:
        self.days, self.ordinals, self.burdens, self.t = days, ordinals, burdens, t
        self.waves: list[Wave] = []
        self.start = self.last = self.peak = -1
        """Indices of the open run's first, last and peak day; start -1: no run open."""
        self.base: WindowStat | None = None
        self.ref: dt.date | None = None

    def feed(self, lo: int, hi: int, base: WindowStat | None, ref: dt.date | None) -> None:
        """Days lo..hi-1, right after the days fed before (if any), against `base`."""
        if lo >= hi:
            return
        ords, burdens = self.ordinals, self.burdens
        reach = MAX_GAP_DAYS + 1
        flags = elevated_flags(burdens[lo:hi], base, self.t)
        for i in [i for i, up in enumerate(flags, lo) if up]:
            # A run goes on only through consecutive elevated days: any day between that is not
            # elevated, or a gap of more than one unlogged day, ends it.
            if self.start >= 0 and i == self.last + 1 and ords[i] - ords[self.last] <= reach:
                self.last = i
                b, top = burdens[i], burdens[self.peak]
                if b > top or (b == top and ords[i] < ords[self.peak]):
                    self.peak = i
                continue
            self.close()
            self.start = self.last = self.peak = i
            self.base, self.ref = base, ref
        if self.last != hi - 1:
            self.close()

    def close(self) -> None:
        start, last = self.start, self.last
        if start < 0:
            return
        if self.base is not None and last - start + 1 >= self.t.wave_min_days:
            peak = self.days[self.peak]
            self.waves.append(Wave(self.days[start].date, self.days[last].date, last - start + 1,
                                   peak.date, self.burdens[self.peak], self.base, self.ref))
        self.start = self.last = self.peak = -1
        self.base = self.ref = None

    def finish(self) -> tuple[Wave, ...]:
        self.close()
        return tuple(self.waves)


def raised_symptoms(during: Sequence[Day], before: Sequence[Day]) -> tuple[str, ...]:
    """Symptoms whose mean score in `during` is at least one point above their mean in `before`
    (absent scores count as 0 there), highest rise first."""
    now_sums: dict[str, int] = {}
    for d in during:
        for name, score in d.symptoms.items():
            now_sums[name] = now_sums.get(name, 0) + score
    then_sums = dict.fromkeys(now_sums, 0)
    for d in before:
        for name, score in d.symptoms.items():
            if name in then_sums:
                then_sums[name] += score
    rises: list[tuple[Decimal, str]] = []
    n_during, n_before = max(len(during), 1), len(before)
    for name, total in now_sums.items():
        # Exact integer arithmetic rules out a rise of under 0.9 (for sums below 10**18 the
        # Decimal test below, rounded to 28 digits, cannot pass there), so the Decimal means are
        # computed only for likely rises.
        then_total = then_sums[name]
        if n_before:
            rise, scale = total * n_before - then_total * n_during, n_during * n_before
        else:
            rise, scale = total, n_during
        if abs(total) < _EXACT and abs(then_total) < _EXACT and 10 * rise < 9 * scale:
            continue
        now = Decimal(total) / n_during
        then = Decimal(then_total) / n_before if before else Decimal(0)
        if now - then >= 1:
            rises.append((now - then, name))
    return tuple(name for _, name in sorted(rises, key=lambda r: (-r[0], r[1])))

"""Checks across files and against `taper.yaml`: duplicate dates, future dates, unknown drugs and
untracked symptoms. These are not cached with the files because they depend on other files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from taper_tui.core.model import Day, Settings
from taper_tui.core.problems import Problem, Severity
from taper_tui.store.journal_store import LOCATE_MAX_CHARS

LOCATE_FILES = 50
"""Files a load finds line numbers in (each is parsed again with the slow round-trip loader).
Problems in further files name their file only: after `taper.yaml` stops tracking a symptom,
every day file that scored it has a problem, and locating 3,446 of them made each load of a
ten-year journal take 20 s instead of 0.13 s."""


class _Locator:
    """Reads a file's text once, and only when a problem in it needs a line number."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: dict[str, str | None] = {}

    def __call__(self, rel: str, keys: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        if rel not in self.texts:
            if len(self.texts) >= LOCATE_FILES:
                return None, None
            try:
                self.texts[rel] = (self.root / rel).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self.texts[rel] = None
        text = self.texts[rel]
        if text is None or len(text) > LOCATE_MAX_CHARS:
            return None, None
        # Imported here: ruamel.yaml is loaded only when a problem needs its line.
        from taper_tui.store.yaml_io import locate

        return locate(text, keys)


def check_journal(root: Path, settings: Settings, settings_ok: bool, days: list[Day],
                  today: dt.date) -> tuple[list[Day], list[Problem]]:
    """The days to use (sorted, one per date, none in the future) and the problems found."""
    where = _Locator(root)
    tracked = settings.tracked_names()
    problems: list[Problem] = []
    kept: dict[dt.date, Day] = {}
    for day in sorted(days, key=lambda d: (d.date, d.path)):
        if day.date > today:
            problems.append(Problem(day.path, Severity.ERROR, "future-date",
                                    f"the date {day.date} is in the future (today is {today})",
                                    *where(day.path, ("date",)),
                                    "check the year and month"))
            continue
        first = kept.get(day.date)
        if first is not None:
            problems.append(Problem(day.path, Severity.ERROR, "duplicate-date",
                                    f"a second file for {day.date} (the first is {first.path}); "
                                    "this one is ignored", *where(day.path, ("date",)),
                                    "merge the two files into one"))
            continue
        kept[day.date] = day
        if settings_ok:
            problems.extend(_check_names(day, settings, tracked, where))
    return list(kept.values()), problems


def _check_names(day: Day, settings: Settings, tracked: frozenset[str],
                 where: _Locator) -> list[Problem]:
    problems = []
    known = settings.drugs
    for i, dose in enumerate(day.doses):
        if dose.drug not in known:
            problems.append(Problem(
                day.path, Severity.ERROR, "unknown-drug",
                f"a dose of {dose.drug!r}, which taper.yaml does not name",
                *where(day.path, ("doses", i, "drug")),
                "add it under drugs: in taper.yaml, or fix the spelling"))
    for i, event in enumerate(day.events):
        if event.drug is not None and event.drug not in known:
            problems.append(Problem(
                day.path, Severity.ERROR, "unknown-drug",
                f"an event for {event.drug!r}, which taper.yaml does not name",
                *where(day.path, ("events", i, "drug")),
                "add it under drugs: in taper.yaml, or fix the spelling"))
    for name in day.symptoms:
        if name not in tracked:
            problems.append(Problem(
                day.path, Severity.WARNING, "untracked-symptom",
                f"symptom {name!r} is not tracked in taper.yaml (kept, not charted)",
                *where(day.path, ("symptoms", name)),
                "add it under symptoms: in taper.yaml, or fix the spelling"))
    return problems

"""Import a CSV in the export's shape: validate every row first, then write every day, or nothing.

`plan_import` reads the whole CSV and checks each row (dates, drugs, numbers, scores, list cells,
rows of one day agreeing with each other) and then each resulting day through the store (the day
file it would produce must decode without errors). Only a plan without errors is written by
`apply_import`, through `day_writer.save_day`; if a write fails half-way, the files already written
are put back as they were, so a journal never holds half an import.

What a row changes: the doses of its drug on that day become the row's doses (or one dose of
`taken_mg`), the symptom scores given are set, exposures and events are added when missing and the
note is appended unless the day already has it. Empty cells change nothing. `planned_mg` and
`burden` are derived and ignored on import.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from ruamel.yaml.comments import CommentedMap

from taper_tui.core.model import SCORE_MAX, SCORE_MIN, Dose, Event, Exposure, Settings
from taper_tui.core.problems import Problem, Severity, has_errors
from taper_tui.store.atomic import WriteError, atomic_write, sha256
from taper_tui.store.csv_shape import (
    FIXED_COLUMNS,
    CellError,
    parse_dose,
    parse_event,
    parse_exposure,
    parse_mg,
    split_items,
    symptom_name,
)
from taper_tui.store.day_patch import DayPatch
from taper_tui.store.day_writer import apply_patch, save_day
from taper_tui.store.decode_day import decode_day
from taper_tui.store.journal_store import day_relpath, parse_file, resolve
from taper_tui.store.yaml_io import Style, YamlProblem, dump_rt, load_rt

T = TypeVar("T")


@dataclass(slots=True)
class _DayDraft:
    line: int
    doses: dict[str, tuple[Dose, ...]] = field(default_factory=dict)
    symptoms: dict[str, int] = field(default_factory=dict)
    exposures: tuple[Exposure, ...] | None = None
    events: tuple[Event, ...] | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The validated patches (date order), with the CSV line of each day's first row."""

    patches: tuple[DayPatch, ...]
    lines: Mapping[dt.date, int]
    problems: tuple[Problem, ...]
    rows: int

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


class _Rows:
    """Collects problems against the CSV file's name and line numbers."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def error(self, line: int, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.name, Severity.ERROR, "import-row", message, line,
                                     None, hint))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, Severity.WARNING, "import-row", message, line))


def plan_import(root: Path, text: str, name: str, settings: Settings,
                today: dt.date) -> ImportPlan:
    """Validate the CSV `text` (named `name` in problems) against `settings` and the journal."""
    out = _Rows(name)
    reader = csv.reader(text.removeprefix("\ufeff").splitlines(keepends=True))
    try:
        head = [h.strip() for h in next(reader)]
    except StopIteration:
        out.error(1, "the file is empty; the first line must name the columns")
        return ImportPlan((), {}, tuple(out.problems), 0)
    except csv.Error as exc:
        out.error(1, f"unreadable CSV: {exc}")
        return ImportPlan((), {}, tuple(out.problems), 0)
    if "date" not in head:
        out.error(1, "no 'date' column", "the first line names the columns; see docs/exports.md")
        return ImportPlan((), {}, tuple(out.problems), 0)
    symptoms = [h for h in head if h not in FIXED_COLUMNS and h]
    tracked = settings.tracked_names()
    for column in symptoms:
        if symptom_name(column) not in tracked:
            out.warn(1, f"column {column!r} is not a fixed column nor a symptom tracked in "
                        "taper.yaml; its scores are imported as an untracked symptom")
    drafts: dict[dt.date, _DayDraft] = {}
    count = 0
    line = 1
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            count += 1
            if len(cells) > len(head):
                out.error(start, f"{len(cells)} cells but only {len(head)} columns")
                continue
            row = dict(zip(head, [c.strip() for c in cells], strict=False))
            _read_row(row, start, symptoms, settings, today, drafts, out)
    except csv.Error as exc:
        out.error(line + 1, f"unreadable CSV: {exc}")
    if has_errors(out.problems):
        return ImportPlan((), {}, tuple(out.problems), count)
    patches = tuple(_patch(date, drafts[date]) for date in sorted(drafts))
    for patch in patches:
        for message in preview(root, patch):
            out.error(drafts[patch.date].line, message)
    lines = {date: d.line for date, d in drafts.items()}
    return ImportPlan(patches, lines, tuple(out.problems), count)


def _read_row(row: dict[str, str], line: int, symptoms: list[str], settings: Settings,
              today: dt.date, drafts: dict[dt.date, _DayDraft], out: _Rows) -> None:
    try:
        date = dt.date.fromisoformat(row.get("date", ""))
    except ValueError:
        out.error(line, f"date {row.get('date', '')!r} is not YYYY-MM-DD")
        return
    if date > today:
        out.error(line, f"date {date} is in the future (today is {today})")
        return
    draft = drafts.setdefault(date, _DayDraft(line))
    drug = row.get("drug", "")
    try:
        if drug and drug not in settings.drugs:
            known = ", ".join(sorted(settings.drugs)) or "none yet"
            raise CellError(f"drug {drug!r} is not in taper.yaml (known: {known})")
        doses = tuple(parse_dose(item, drug) for item in split_items(row.get("doses", "")))
        taken = row.get("taken_mg", "")
        if (doses or taken) and not drug:
            raise CellError("a dose needs the drug column")
        if taken:
            total = parse_mg(taken, "taken_mg")
            if doses and sum((d.mg for d in doses), Decimal(0)) != total:
                raise CellError(f"taken_mg {taken} is not the sum of the doses "
                                f"({row.get('doses')})")
            doses = doses or (Dose(drug=drug, mg=total),)
        if doses:
            if drug in draft.doses:
                raise CellError(f"a second row for {drug} on {date}")
            draft.doses[drug] = doses
        scores = {symptom_name(c): _score(row.get(c, ""), c) for c in symptoms if row.get(c)}
        for symptom, score in scores.items():
            if draft.symptoms.setdefault(symptom, score) != score:
                raise CellError(f"{symptom} is {score} here but {draft.symptoms[symptom]} on "
                                f"an earlier row of {date}")
        if row.get("exposures"):
            exposures = tuple(parse_exposure(i) for i in split_items(row["exposures"]))
            draft.exposures = _agree(draft.exposures, exposures, "exposures", date)
        if row.get("events"):
            events = tuple(parse_event(i) for i in split_items(row["events"]))
            for event in events:
                if event.drug and event.drug not in settings.drugs:
                    raise CellError(f"event drug {event.drug!r} is not in taper.yaml")
            draft.events = _agree(draft.events, events, "events", date)
        if row.get("note"):
            draft.note = _agree(draft.note, row["note"], "note", date)
    except CellError as exc:
        out.error(line, str(exc))


def _score(text: str, column: str) -> int:
    try:
        score = int(text)
    except ValueError:
        raise CellError(f"{column}: {text!r} is not a whole number {SCORE_MIN}-{SCORE_MAX}") \
            from None
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise CellError(f"{column}: {score} is outside {SCORE_MIN}-{SCORE_MAX}")
    return score


def _agree(before: T | None, now: T, what: str, date: dt.date) -> T:
    if before is not None and before != now:
        raise CellError(f"{what} differ from an earlier row of {date}; give them once or the same")
    return now


def _patch(date: dt.date, draft: _DayDraft) -> DayPatch:
    return DayPatch(date=date, doses=draft.doses, symptoms=dict(draft.symptoms),
                    add_exposures=draft.exposures or (), add_events=draft.events or (),
                    append_note=draft.note)


def preview(root: Path, patch: DayPatch) -> list[str]:
    """Problems the store would meet writing `patch`: an unreadable day file, or a result that
    does not decode cleanly. Writes nothing."""
    rel = day_relpath(patch.date)
    path = root / rel
    try:
        before = path.read_bytes() if path.exists() else None
    except OSError as exc:
        return [f"cannot read {rel}: {exc.strerror or exc}"]
    if before is None:
        doc, style = CommentedMap(), Style()
        doc["date"] = patch.date
    else:
        _, text, problems = parse_file(rel, before)
        if problems or text is None:
            first = problems[0] if problems else None
            return [f"{first.render() if first else rel}; fix that file before importing"]
        try:
            loaded, style = load_rt(text)
        except YamlProblem as exc:
            return [f"{rel}: {exc.message}; fix that file before importing"]
        if not isinstance(loaded, CommentedMap):
            return [f"{rel}: not a mapping; fix that file before importing"]
        doc = loaded
    apply_patch(doc, patch)
    new_text = dump_rt(doc, style)
    parsed, text_after, problems = parse_file(rel, new_text.encode("utf-8"))
    if problems or text_after is None:
        return [f"{rel} would not parse: {p.message}" for p in problems]
    _, pending = decode_day(parsed, rel, patch.date)
    return [f"{rel}: {p.message}" for p in resolve(pending, text_after, rel)
            if p.severity is Severity.ERROR]


@dataclass(frozen=True, slots=True)
class ImportResult:
    written: tuple[str, ...]
    """Relative paths of the day files created or changed."""
    unchanged: int


def apply_import(root: Path, plan: ImportPlan) -> ImportResult:
    """Write every patch of a valid plan; on any failure restore what was written and re-raise."""
    if not plan.ok:
        raise ValueError("an import plan with errors is never written")
    saved: list[tuple[Path, bytes | None]] = []
    written: list[str] = []
    unchanged = 0
    try:
        for patch in plan.patches:
            path = root / day_relpath(patch.date)
            before = path.read_bytes() if path.exists() else None
            result = save_day(root, patch, sha256(before) if before is not None else None,
                              expect_missing=before is None)
            if result.changed:
                saved.append((path, before))
                written.append(result.rel)
            else:
                unchanged += 1
    except BaseException:
        _restore(saved)
        raise
    return ImportResult(tuple(written), unchanged)


def _restore(saved: list[tuple[Path, bytes | None]]) -> None:
    for path, before in reversed(saved):
        try:
            if before is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, before)
        except (OSError, WriteError):
            continue  # Best effort: the error that stopped the import is what gets reported.

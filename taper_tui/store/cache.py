"""The derived cache: decoded day files, so that a start-up parses only files that changed.

It is only ever an accelerator. It lives in the journal's ignored `.taper-cache/` folder, is JSON
(data only: a synced folder must never hold a format that runs code when read), and is ignored and
rebuilt whenever it is missing, truncated, corrupt, from another format version or from a newer
program. Each entry is trusted only while its file's size and mtime are unchanged; a file modified
within `RACY_NS` of the cache being written is re-hashed, because a second edit inside the file
system's timestamp granularity could keep both size and mtime.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from taper_tui import __version__
from taper_tui.core.model import Day, Dose, Event, EventType, Exposure
from taper_tui.core.problems import Problem, Severity
from taper_tui.store.atomic import WriteError, atomic_write

CACHE_DIR = ".taper-cache"
CACHE_FILE = "days-v1.json"
FORMAT = 1
"""Bump whenever the entry layout or the decoding rules change: old caches are then rebuilt."""
RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One day file as decoded when its bytes had `sha` (with `size` and `mtime_ns`)."""

    size: int
    mtime_ns: int
    sha: str
    day: Day | None
    problems: tuple[Problem, ...]


def _enc_day(day: Day) -> dict[str, Any]:
    out: dict[str, Any] = {"d": day.date.isoformat()}
    if day.doses:
        out["o"] = [[d.drug, str(d.mg), d.time, d.measured] for d in day.doses]
    if day.symptoms:
        out["s"] = dict(day.symptoms)
    if day.exposures:
        out["x"] = [[x.what, x.amount, x.time] for x in day.exposures]
    if day.events:
        out["e"] = [[e.type.value, e.drug, None if e.mg is None else str(e.mg), e.note]
                    for e in day.events]
    if day.notes is not None:
        out["n"] = day.notes
    return out


def _dec_day(data: dict[str, Any], path: str) -> Day:
    return Day(
        date=dt.date.fromisoformat(data["d"]),
        path=path,
        doses=tuple(Dose(drug, Decimal(mg), time, measured)
                    for drug, mg, time, measured in data.get("o", ())),
        symptoms=data.get("s", {}),
        exposures=tuple(Exposure(what, amount, time) for what, amount, time in data.get("x", ())),
        events=tuple(Event(EventType(kind), drug, None if mg is None else Decimal(mg), note)
                     for kind, drug, mg, note in data.get("e", ())),
        notes=data.get("n"),
    )


def _enc_problem(p: Problem) -> list[Any]:
    return [p.severity.value, p.code, p.message, p.line, p.column, p.hint]


def _dec_problem(data: list[Any], path: str) -> Problem:
    severity, code, message, line, column, hint = data
    return Problem(path, Severity(severity), code, message, line, column, hint)


def cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def read_cache(root: Path) -> tuple[dict[str, Entry], int]:
    """Entries by relative path and the time the cache was written; empty when unusable."""
    try:
        raw = cache_path(root).read_bytes()
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}, 0
        written = int(data["written_ns"])
        entries: dict[str, Entry] = {}
        for path, (size, mtime_ns, sha, day, problems) in data["files"].items():
            entries[path] = Entry(
                size=int(size), mtime_ns=int(mtime_ns), sha=str(sha),
                day=None if day is None else _dec_day(day, path),
                problems=tuple(_dec_problem(p, path) for p in problems),
            )
        return entries, written
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ArithmeticError):
        # Truncated, corrupt, hand-edited or from another version: rebuild from the YAML.
        return {}, 0


def write_cache(root: Path, entries: dict[str, Entry]) -> None:
    """Best effort: a cache that cannot be written (read-only journal, full disk) costs only
    speed."""
    data = {
        "format": FORMAT,
        "program": f"taper_tui {__version__}",
        "written_ns": _now_ns(root),
        "files": {
            path: [e.size, e.mtime_ns, e.sha, None if e.day is None else _enc_day(e.day),
                   [_enc_problem(p) for p in e.problems]]
            for path, e in sorted(entries.items())
        },
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    folder = root / CACHE_DIR
    try:
        if not folder.is_dir():
            folder.mkdir(mode=0o700, exist_ok=True)
            (folder / "README").write_text(
                "Derived data written by taper-tui to start faster. Safe to delete; "
                "rebuilt from the YAML files whenever missing. Never commit it.\n",
                encoding="utf-8")
        atomic_write(cache_path(root), payload)
    except (OSError, WriteError):
        return


def _now_ns(root: Path) -> int:
    del root
    return time.time_ns()


def is_fresh(entry: Entry, size: int, mtime_ns: int, written_ns: int) -> bool:
    """Whether the entry may be used without reading the file (size and mtime unchanged and not
    racy). A racy entry is checked against the file's hash by the caller."""
    return entry.size == size and entry.mtime_ns == mtime_ns and mtime_ns < written_ns - RACY_NS

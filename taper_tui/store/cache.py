"""The derived cache: decoded day files and taper.yaml, so that a start-up parses only what changed.

It is only ever an accelerator. It lives in the journal's ignored `.taper-cache/` folder, is JSON
(data only: a synced folder must never hold a format that runs code when read), and is ignored and
rebuilt whenever it is missing, truncated, corrupt, from another format version or from a newer
program. Each day entry is trusted only while its file's size, mtime and ctime are unchanged (the
ctime catches a sync tool or `touch -r` putting back an old mtime after a same-size edit); a file
changed within `RACY_NS` of the cache being written is re-hashed, because a second edit inside the
file system's timestamp granularity could keep all three. The taper.yaml entry is keyed by
the file's content hash (the file is small and read at every start anyway).

Reading the cache is on every start's critical path, so decoding is lean: entries are tuples, equal
doses and exposures share one frozen value, and the cyclic garbage collector is paused while the
many small objects are made (none of them form cycles).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from taper_tui import __version__
from taper_tui.core.model import Day, Dose, Event, EventType, Exposure
from taper_tui.core.problems import Problem, Severity
from taper_tui.store.layout import CACHE_DIR, RACY_NS

CACHE_FILE = "days-v3.json"
SETTINGS_CACHE_FILE = "settings-v3.json"
FORMAT = 3
"""Bump whenever the entry layout or the decoding rules change: old caches are then rebuilt.
A cache whose format is not exactly this one (older or newer program) is ignored."""


class Entry(NamedTuple):
    """One day file as decoded when its bytes had `sha` (with `size` and `mtime_ns`)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    sha: str
    day: Day | None
    problems: tuple[Problem, ...]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many acyclic objects (about a third faster)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _enc_day(day: Day) -> list[Any]:
    return [
        day.date.isoformat(),
        [[d.drug, str(d.mg), d.time, d.measured] for d in day.doses],
        dict(day.symptoms),
        [[x.what, x.amount, x.time] for x in day.exposures],
        [[e.type.value, e.drug, None if e.mg is None else str(e.mg), e.note] for e in day.events],
        day.notes,
    ]


class _Decoder:
    """Decodes day entries, sharing equal immutable values between days."""

    def __init__(self) -> None:
        self.mg: dict[str, Decimal] = {}
        self.doses: dict[tuple[Any, ...], Dose] = {}
        self.exposures: dict[tuple[Any, ...], Exposure] = {}

    def decimal(self, text: str) -> Decimal:
        value = self.mg.get(text)
        if value is None:
            value = self.mg[text] = Decimal(text)
        return value

    def dose(self, raw: list[Any]) -> Dose:
        key = tuple(raw)
        dose = self.doses.get(key)
        if dose is None:
            drug, mg, at, measured = raw
            dose = self.doses[key] = Dose(drug, self.decimal(mg), at, measured)
        return dose

    def exposure(self, raw: list[Any]) -> Exposure:
        key = tuple(raw)
        exposure = self.exposures.get(key)
        if exposure is None:
            what, amount, at = raw
            exposure = self.exposures[key] = Exposure(what, amount, at)
        return exposure

    def day(self, data: list[Any], path: str) -> Day:
        date, doses, symptoms, exposures, events, notes = data
        if not isinstance(symptoms, dict):
            raise ValueError("symptoms")
        return Day(
            dt.date.fromisoformat(date), path,
            tuple([self.dose(d) for d in doses]) if doses else (),
            symptoms,
            tuple([self.exposure(x) for x in exposures]) if exposures else (),
            tuple([Event(EventType(kind), drug, None if mg is None else self.decimal(mg), note)
                   for kind, drug, mg, note in events]) if events else (),
            notes,
        )


def _enc_problem(p: Problem) -> list[Any]:
    return [p.severity.value, p.code, p.message, p.line, p.column, p.hint]


def _dec_problem(data: list[Any], path: str) -> Problem:
    severity, code, message, line, column, hint = data
    return Problem(path, Severity(severity), code, message, line, column, hint)


def cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


_UNUSABLE = (OSError, ValueError, KeyError, TypeError, AttributeError, ArithmeticError,
             RecursionError)


def read_cache(root: Path) -> tuple[dict[str, Entry], int]:
    """Entries by relative path and the time the cache was written; empty when unusable."""
    try:
        raw = cache_path(root).read_bytes()
        with gc_paused():
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                return {}, 0
            written = int(data["written_ns"])
            decoder = _Decoder()
            entries: dict[str, Entry] = {}
            for path, size, mtime_ns, ctime_ns, sha, day, problems in data["files"]:
                if not (isinstance(path, str) and isinstance(size, int)
                        and isinstance(mtime_ns, int) and isinstance(ctime_ns, int)
                        and isinstance(sha, str)):
                    return {}, 0
                entries[path] = Entry(
                    size, mtime_ns, ctime_ns, sha,
                    None if day is None else decoder.day(day, path),
                    tuple([_dec_problem(p, path) for p in problems]) if problems else (),
                )
        return entries, written
    except _UNUSABLE:
        # Truncated, corrupt, hand-edited or from another version: rebuild from the YAML.
        return {}, 0


def _write(root: Path, name: str, data: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written (read-only journal, full disk) costs only
    speed."""
    from taper_tui.store.atomic import WriteError, atomic_write

    folder = root / CACHE_DIR
    try:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if not folder.is_dir():
            folder.mkdir(mode=0o700, exist_ok=True)
            atomic_write(folder / "README", (
                b"Derived data written by taper-tui to start faster. Safe to delete; "
                b"rebuilt from the YAML files whenever missing. Never commit it.\n"))
        atomic_write(folder / name, payload)
    except (OSError, WriteError, ValueError, RecursionError):
        return


def write_cache(root: Path, entries: dict[str, Entry]) -> None:
    """Write all day entries (best effort)."""
    _write(root, CACHE_FILE, {
        "format": FORMAT,
        "program": f"taper_tui {__version__}",
        "written_ns": time.time_ns(),
        "files": [
            [path, e.size, e.mtime_ns, e.ctime_ns, e.sha,
             None if e.day is None else _enc_day(e.day),
             [_enc_problem(p) for p in e.problems]]
            for path, e in sorted(entries.items())
        ],
    })


def is_fresh(entry: Entry, size: int, mtime_ns: int, ctime_ns: int, written_ns: int) -> bool:
    """Whether the entry may be used without reading the file (size, mtime and ctime unchanged and
    not racy). Any other entry is checked against the file's hash by the caller."""
    return (entry.size == size and entry.mtime_ns == mtime_ns and entry.ctime_ns == ctime_ns
            and max(mtime_ns, ctime_ns) < written_ns - RACY_NS)


# taper.yaml: the safe loader's plain data, tagged so that JSON keeps every type exactly.


class _Unencodable(Exception):
    pass


def encode_doc(value: Any) -> Any:
    """Plain YAML data -> JSON data; raises _Unencodable for types it cannot keep exactly."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return ["f", repr(value)]
    if isinstance(value, dt.datetime):
        raise _Unencodable
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, list):
        return ["l", [encode_doc(v) for v in value]]
    if isinstance(value, dict):
        pairs = []
        for k, v in value.items():
            if not (k is None or isinstance(k, bool | str | int | float | dt.date)):
                raise _Unencodable
            pairs.append([encode_doc(k), encode_doc(v)])
        return ["m", pairs]
    raise _Unencodable


def decode_doc(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    tag, body = value
    if tag == "f":
        return float(body)
    if tag == "d":
        return dt.date.fromisoformat(body)
    if tag == "l":
        return [decode_doc(v) for v in body]
    if tag == "m":
        return {decode_doc(k): decode_doc(v) for k, v in body}
    raise ValueError(tag)


def read_settings_cache(root: Path, sha: str) -> tuple[Any, tuple[Problem, ...]] | None:
    """The parsed taper.yaml document and its problems, when cached for exactly these bytes."""
    try:
        data = json.loads((root / CACHE_DIR / SETTINGS_CACHE_FILE).read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("sha") != sha:
            return None
        problems = tuple(_dec_problem(p, data["path"]) for p in data["problems"])
        return decode_doc(data["doc"]), problems
    except _UNUSABLE:
        return None


def write_settings_cache(root: Path, rel: str, sha: str, doc: Any,
                         problems: tuple[Problem, ...] | list[Problem]) -> None:
    try:
        encoded = encode_doc(doc)
    except (_Unencodable, RecursionError):
        return
    _write(root, SETTINGS_CACHE_FILE, {
        "format": FORMAT, "program": f"taper_tui {__version__}", "sha": sha, "path": rel,
        "doc": encoded, "problems": [_enc_problem(p) for p in problems],
    })

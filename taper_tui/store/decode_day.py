"""Day documents (plain data from the safe loader) -> `Day` values plus problems.

Checks here depend on the file alone, so their results can be cached with the file. Checks that
need `taper.yaml` (is the drug known? is the symptom tracked?) run later in `journal_checks`.
Never raises on user data: every surprise becomes a problem with the key path where it sits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from taper_tui.core.model import SCORE_MAX, SCORE_MIN, Day, Dose, Event, EventType, Exposure
from taper_tui.core.problems import Severity

KeyPath = tuple[str | int, ...]

MAX_MG = Decimal(100_000)
"""No oral dose of any drug is near this; larger numbers are typing errors (or hostile files)."""
MAX_TEXT = 10_000
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
"""A time of day as the journal writes it: HH:MM, 24-hour."""
DAY_KEYS = frozenset({"date", "doses", "symptoms", "exposures", "events", "notes"})
DOSE_KEYS = frozenset({"drug", "mg", "time", "measured", "note"})
EXPOSURE_KEYS = frozenset({"what", "amount", "time", "note"})
EVENT_KEYS = frozenset({"type", "drug", "mg", "note"})


@dataclass(frozen=True, slots=True)
class Pending:
    """A problem whose line is not known yet: the key path locates it in the file on demand."""

    code: str
    severity: Severity
    message: str
    keys: KeyPath = ()
    hint: str | None = None


@dataclass
class _Collector:
    """The problems found while decoding one document."""

    problems: list[Pending] = field(default_factory=list)

    def error(self, code: str, message: str, keys: KeyPath, hint: str | None = None) -> None:
        self.problems.append(Pending(code, Severity.ERROR, message, keys, hint))

    def warn(self, code: str, message: str, keys: KeyPath, hint: str | None = None) -> None:
        self.problems.append(Pending(code, Severity.WARNING, message, keys, hint))


def parse_mg(value: Any) -> Decimal | None:
    """A dose in mg from YAML data; None if it is not a finite non-negative number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        return None
    try:
        mg = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not mg.is_finite() or mg < 0:
        return None
    return mg


def _mg(value: Any, keys: KeyPath, out: _Collector) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        out.error("bad-type", f"mg must be a number, not {_show(value)}", keys,
                  "write the dose in mg as a plain number, e.g. mg: 37.5")
        return None
    mg = parse_mg(value)
    if mg is None:
        out.error("out-of-range", f"mg must be 0 or more, not {_show(value)}", keys)
        return None
    if mg > MAX_MG:
        out.error("out-of-range", f"mg {_show(value)} is far above any real dose", keys,
                  "check for a typing error")
        return None
    return mg


def _time(value: Any, keys: KeyPath, out: _Collector) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and TIME.match(value.strip()):
        return value.strip()
    out.error("bad-time", f"time must be \"HH:MM\" (24-hour), not {_show(value)}", keys,
              'quote it: time: "08:10"')
    return None


def _text(value: Any, keys: KeyPath, out: _Collector, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool | list | dict | dt.date):
        out.error("bad-type", f"{what} must be text, not {_show(value)}", keys)
        return None
    text = str(value)
    if len(text) > MAX_TEXT:
        out.warn("too-long", f"{what} is over {MAX_TEXT} characters", keys)
    return text


def _show(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _unknown_keys(entry: Mapping[Any, Any], allowed: frozenset[str], keys: KeyPath,
                  out: _Collector) -> None:
    for key in entry:
        if key not in allowed:
            out.warn("unknown-key", f"unknown key {key!r} (kept, but not used)",
                     (*keys, str(key)), "check its spelling against docs/journal-format.md")


def _list(doc: Mapping[Any, Any], key: str, out: _Collector) -> list[Any]:
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        out.error("bad-type", f"{key} must be a list of entries starting with '- '", (key,))
        return []
    return value


def _doses(doc: Mapping[Any, Any], out: _Collector) -> tuple[Dose, ...]:
    doses = []
    for i, entry in enumerate(_list(doc, "doses", out)):
        keys: KeyPath = ("doses", i)
        if not isinstance(entry, dict):
            out.error("bad-type", "each dose must be a mapping with drug: and mg:", keys)
            continue
        _unknown_keys(entry, DOSE_KEYS, keys, out)
        drug = entry.get("drug")
        if not isinstance(drug, str) or not drug.strip():
            out.error("missing-drug", "dose without a drug name", keys, "add drug: NAME")
            continue
        if "mg" not in entry:
            out.error("missing-mg", f"dose of {drug} has no mg", keys, "add mg: NUMBER")
            continue
        mg = _mg(entry["mg"], (*keys, "mg"), out)
        if mg is None:
            continue
        doses.append(Dose(
            drug=drug.strip(), mg=mg, time=_time(entry.get("time"), (*keys, "time"), out),
            measured=_text(entry.get("measured"), (*keys, "measured"), out, "measured"),
        ))
    return tuple(doses)


def _symptoms(doc: Mapping[Any, Any], out: _Collector) -> dict[str, int]:
    value = doc.get("symptoms")
    if value is None:
        return {}
    if not isinstance(value, dict):
        out.error("bad-type", "symptoms must be a mapping of name: score", ("symptoms",))
        return {}
    scores: dict[str, int] = {}
    for name, score in value.items():
        keys: KeyPath = ("symptoms", str(name))
        if not isinstance(name, str):
            out.error("bad-type", f"symptom name must be text, not {_show(name)}", keys)
            continue
        if score is None:
            continue  # An empty score is "not rated today", not zero.
        if isinstance(score, bool) or not isinstance(score, int):
            out.error("bad-type", f"score of {name} must be a whole number 0-10, not "
                      f"{_show(score)}", keys)
            continue
        if not SCORE_MIN <= score <= SCORE_MAX:
            out.error("out-of-range", f"score of {name} must be 0-10, not {score}", keys,
                      "0 = none, 10 = worst")
            continue
        scores[name] = score
    return scores


def _exposures(doc: Mapping[Any, Any], out: _Collector) -> tuple[Exposure, ...]:
    result = []
    for i, entry in enumerate(_list(doc, "exposures", out)):
        keys: KeyPath = ("exposures", i)
        if isinstance(entry, str) and entry.strip():
            result.append(Exposure(what=entry.strip()))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("what"), str):
            out.error("bad-type", "each exposure needs what: (e.g. what: caffeine)", keys)
            continue
        _unknown_keys(entry, EXPOSURE_KEYS, keys, out)
        amount = entry.get("amount")
        result.append(Exposure(
            what=entry["what"].strip(),
            amount=None if amount is None else _text(amount, (*keys, "amount"), out, "amount"),
            time=_time(entry.get("time"), (*keys, "time"), out),
        ))
    return tuple(result)


def _events(doc: Mapping[Any, Any], out: _Collector) -> tuple[Event, ...]:
    result = []
    kinds = ", ".join(e.value for e in EventType)
    for i, entry in enumerate(_list(doc, "events", out)):
        keys: KeyPath = ("events", i)
        if not isinstance(entry, dict):
            out.error("bad-type", "each event must be a mapping with type:", keys)
            continue
        _unknown_keys(entry, EVENT_KEYS, keys, out)
        try:
            kind = EventType(str(entry.get("type")).strip().lower())
        except ValueError:
            out.error("bad-event", f"unknown event type {_show(entry.get('type'))}",
                      (*keys, "type"), f"use one of: {kinds}")
            continue
        drug = entry.get("drug")
        if drug is not None and not isinstance(drug, str):
            out.error("bad-type", f"event drug must be a name, not {_show(drug)}", keys)
            continue
        mg = _mg(entry["mg"], (*keys, "mg"), out) if entry.get("mg") is not None else None
        result.append(Event(type=kind, drug=drug.strip() if drug else None, mg=mg,
                            note=_text(entry.get("note"), (*keys, "note"), out, "note")))
    return tuple(result)


def decode_day(doc: Any, path: str, name_date: dt.date | None) -> tuple[Day | None, list[Pending]]:
    """Decode one parsed day file. `name_date` is the date in its file name, if it has one."""
    out = _Collector()
    if doc is None:
        out.error("empty-file", "the file is empty", (), "add at least date: YYYY-MM-DD")
        return None, out.problems
    if not isinstance(doc, dict):
        out.error("not-a-mapping", "a day file must be a mapping of keys (date:, doses:, ...)", ())
        return None, out.problems
    raw_date = doc.get("date")
    if raw_date is None:
        out.error("missing-date", "the day has no date:", (), "add date: YYYY-MM-DD")
        date = name_date
    elif isinstance(raw_date, dt.datetime) or not isinstance(raw_date, dt.date):
        out.error("bad-date", f"date must be YYYY-MM-DD, not {_show(raw_date)}", ("date",))
        date = name_date
    else:
        date = raw_date
        if name_date is not None and raw_date != name_date:
            out.error("date-mismatch", f"date: {raw_date} does not match the file name "
                      f"({name_date})", ("date",),
                      "rename the file or correct the date so they agree")
    if date is None:
        return None, out.problems
    _unknown_keys(doc, DAY_KEYS, (), out)
    notes = doc.get("notes")
    day = Day(
        date=date, path=path, doses=_doses(doc, out), symptoms=_symptoms(doc, out),
        exposures=_exposures(doc, out), events=_events(doc, out),
        notes=_text(notes, ("notes",), out, "notes"),
    )
    return day, out.problems

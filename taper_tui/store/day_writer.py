"""Editing one day file: apply a `DayPatch` to its round-trip YAML and write it atomically.

Only what the patch changes is touched: comments, key order, quoting, block scalars and the file's
own indentation survive, an unchanged result is not written at all (byte-identical), and a file
changed on disk since it was read is never overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from taper_tui.core.model import Day, Dose, Event, Exposure
from taper_tui.store.atomic import WriteError, atomic_write, sha256
from taper_tui.store.day_patch import DayPatch
from taper_tui.store.decode_day import decode_day
from taper_tui.store.journal_store import day_relpath, parse_file
from taper_tui.store.yaml_io import Style, YamlProblem, dump_rt, load_rt


class ConflictError(Exception):
    """The file changed on disk since it was read; nothing was written."""


class UnsafeEditError(Exception):
    """The file cannot be edited without losing something; nothing was written."""


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What `save_day` did: the file, whether it was written, its new hash and its decoded day."""

    path: Path
    rel: str
    changed: bool
    sha: str
    day: Day | None


def _number(mg: Decimal) -> int | float:
    return int(mg) if mg == mg.to_integral_value() else float(mg)


def _dose_map(dose: Dose) -> CommentedMap:
    m = CommentedMap()
    m["drug"] = dose.drug
    m["mg"] = _number(dose.mg)
    if dose.time:
        m["time"] = DoubleQuotedScalarString(dose.time)
    if dose.measured:
        m["measured"] = dose.measured
    return m


def _same_dose(entry: Any, dose: Dose) -> bool:
    try:
        return (Decimal(str(entry.get("mg"))) == dose.mg
                and (entry.get("time") or None) == dose.time
                and (dose.measured is None or entry.get("measured") == dose.measured))
    except ArithmeticError:
        return False


def _update_dose(entry: CommentedMap, dose: Dose) -> None:
    if _same_dose(entry, dose):
        return
    try:
        same_mg = Decimal(str(entry.get("mg"))) == dose.mg
    except ArithmeticError:
        same_mg = False
    if not same_mg:
        entry["mg"] = _number(dose.mg)
    if dose.time and entry.get("time") != dose.time:
        entry["time"] = DoubleQuotedScalarString(dose.time)
    if dose.measured and entry.get("measured") != dose.measured:
        entry["measured"] = dose.measured


def _seq(doc: CommentedMap, key: str) -> CommentedSeq:
    value = doc.get(key)
    if isinstance(value, CommentedSeq):
        return value
    seq = CommentedSeq()
    doc[key] = seq
    return seq


def apply_patch(doc: CommentedMap, patch: DayPatch) -> None:
    """Apply `patch` to the round-trip document in place, touching only what changes."""
    for drug, doses in patch.doses.items():
        seq = doc.get("doses")
        existing = [i for i, e in enumerate(seq or []) if isinstance(e, dict)
                    and e.get("drug") == drug] if isinstance(seq, list) else []
        for index, dose in zip(existing, doses, strict=False):
            _update_dose(seq[index], dose)
        for index in reversed(existing[len(doses):]):
            del seq[index]
        for dose in doses[len(existing):]:
            _seq(doc, "doses").append(_dose_map(dose))
        if isinstance(doc.get("doses"), list) and not doc["doses"]:
            del doc["doses"]
    if patch.symptoms:
        symptoms = doc.get("symptoms")
        if not isinstance(symptoms, dict):
            symptoms = CommentedMap()
            doc["symptoms"] = symptoms
        for name, score in patch.symptoms.items():
            if score is None:
                symptoms.pop(name, None)
            elif symptoms.get(name) != score or isinstance(symptoms.get(name), bool):
                symptoms[name] = score
        if not symptoms:
            del doc["symptoms"]
    for exposure in patch.add_exposures:
        if not any(_is_exposure(e, exposure) for e in doc.get("exposures") or []):
            m = CommentedMap()
            m["what"] = exposure.what
            if exposure.amount:
                m["amount"] = exposure.amount
            if exposure.time:
                m["time"] = DoubleQuotedScalarString(exposure.time)
            _seq(doc, "exposures").append(m)
    for exposure in patch.remove_exposures:
        seq = doc.get("exposures")
        if isinstance(seq, list):
            for i in reversed(range(len(seq))):
                if _is_exposure(seq[i], exposure):
                    del seq[i]
            if not seq:
                del doc["exposures"]
    for event in patch.add_events:
        if not any(_is_event(e, event) for e in doc.get("events") or []):
            m = CommentedMap()
            m["type"] = event.type.value
            if event.drug:
                m["drug"] = event.drug
            if event.mg is not None:
                m["mg"] = _number(event.mg)
            if event.note:
                m["note"] = event.note
            _seq(doc, "events").append(m)
    if patch.notes is not None:
        _set_notes(doc, patch.notes)
    if patch.append_note:
        current = str(doc.get("notes") or "")
        if patch.append_note.strip() not in current:
            joined = (current.rstrip("\n") + "\n" if current.strip() else "") + patch.append_note
            _set_notes(doc, joined)


def _set_notes(doc: CommentedMap, text: str) -> None:
    text = text.rstrip()
    if not text:
        doc.pop("notes", None)
        return
    if str(doc.get("notes") or "").rstrip() == text:
        return
    doc["notes"] = LiteralScalarString(text + "\n") if "\n" in text or len(text) > 60 else text


def _is_exposure(entry: Any, exposure: Exposure) -> bool:
    if isinstance(entry, str):
        return entry == exposure.what and exposure.amount is None and exposure.time is None
    return (isinstance(entry, dict) and entry.get("what") == exposure.what
            and entry.get("amount") == exposure.amount and entry.get("time") == exposure.time)


def _is_event(entry: Any, event: Event) -> bool:
    return (isinstance(entry, dict) and str(entry.get("type")) == event.type.value
            and entry.get("drug") == event.drug)


def _new_doc(date: dt.date) -> CommentedMap:
    doc = CommentedMap()
    doc["date"] = date
    return doc


def save_day(root: Path, patch: DayPatch, expected_sha: str | None = None,
             *, expect_missing: bool = False) -> SaveResult:
    """Apply `patch` to the day's file and write it if anything changed.

    `expected_sha` is the hash of the file as the caller last read it: when the file on disk differs
    (someone edited it since), ConflictError is raised and nothing is written. With
    `expect_missing`, the caller saw no file, so a file that appeared since is a conflict too.
    """
    rel = day_relpath(patch.date)
    path = root / rel
    try:
        before = path.read_bytes() if path.exists() else None
    except OSError as exc:
        raise WriteError(f"could not read {rel}: {exc.strerror or exc}") from exc
    if before is not None and expected_sha is not None and sha256(before) != expected_sha:
        raise ConflictError(f"{rel} changed on disk since it was read; nothing was written")
    if before is not None and expect_missing:
        raise ConflictError(f"{rel} was created by someone else meanwhile; nothing was written")
    if before is None and expected_sha is not None:
        raise ConflictError(f"{rel} was deleted on disk since it was read; nothing was written")
    if before is None:
        doc, style = _new_doc(patch.date), Style()
        old_text = None
    else:
        _, text, problems = parse_file(rel, before)
        if problems or text is None:
            first = problems[0] if problems else None
            where = f"{first.location()}: {first.message}" if first else rel
            raise UnsafeEditError(f"{where}; fix the file before saving (nothing was written)")
        try:
            doc, style = load_rt(text)
        except YamlProblem as exc:
            line = f":{exc.line}" if exc.line else ""
            raise UnsafeEditError(f"{rel}{line}: {exc.message}; nothing was written") from exc
        if not isinstance(doc, CommentedMap):
            raise UnsafeEditError(f"{rel}: not a mapping; nothing was written")
        old_text = text
    snapshot = _plain(doc)
    apply_patch(doc, patch)
    # A patch that changes no value never rewrites the file, even where the round-trip dumper
    # would spell something differently (`~` or `null` written back as an empty value).
    unchanged = old_text is not None and _plain(doc) == snapshot
    new_text = old_text if unchanged and old_text is not None else dump_rt(doc, style)
    if old_text is not None and new_text == old_text:
        return SaveResult(path, rel, False, sha256(before or b""), _decode(rel, before or b""))
    data = new_text.encode("utf-8")
    # Last look before replacing: an editor may have saved while we worked.
    try:
        now = path.read_bytes() if path.exists() else None
    except OSError:
        now = None
    if now != before:
        raise ConflictError(f"{rel} changed on disk while saving; nothing was written")
    atomic_write(path, data)
    return SaveResult(path, rel, True, sha256(data), _decode(rel, data))


def _plain(node: Any) -> Any:
    """The document's values with their types, for telling whether a patch changed anything."""
    if isinstance(node, dict):
        return [(type(k).__name__, str(k), _plain(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return (type(node).__name__, str(node))


def _decode(rel: str, data: bytes) -> Day | None:
    doc, text, problems = parse_file(rel, data)
    if problems or text is None:
        return None
    name = Path(rel).stem
    try:
        name_date: dt.date | None = dt.date.fromisoformat(name)
    except ValueError:
        name_date = None
    day, _ = decode_day(doc, rel, name_date)
    return day

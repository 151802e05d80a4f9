"""Changing keys of `taper.yaml` with the same guarantees as the day writer.

`save_settings(root, updates, expected_sha)` sets (or removes) values at key paths such as
`("drugs", "sertraline", "plan", "cut_percent")` on the round-trip document: comments, key order,
quoting and indentation survive, only the changed lines change, an unchanged result is not written,
a file changed on disk since it was read is never overwritten (ConflictError), and a result that
would no longer decode cleanly is refused (UnsafeEditError) before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from taper_tui.core.model import Settings
from taper_tui.core.problems import Severity
from taper_tui.store.atomic import WriteError, atomic_write, sha256
from taper_tui.store.day_writer import ConflictError, UnsafeEditError
from taper_tui.store.decode_settings import decode_settings
from taper_tui.store.journal_store import parse_file
from taper_tui.store.layout import SETTINGS_FILE
from taper_tui.store.yaml_io import YamlProblem, dump_rt, load_rt

__all__ = ["ConflictError", "SettingsSaveResult", "UnsafeEditError", "save_settings"]

KeyPath = tuple[str, ...]
Value = Decimal | int | str | dt.date | None
"""None removes the key."""


@dataclass(frozen=True, slots=True)
class SettingsSaveResult:
    path: Path
    changed: bool
    sha: str
    settings: Settings
    text: str
    """The file's text after the save (for a preview or a diff)."""


def _scalar(value: Value) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str) and len(value) == 5 and value[2:3] == ":":
        return DoubleQuotedScalarString(value)  # "HH:MM" stays quoted (YAML 1.1 readers).
    return value


def _equal(old: Any, new: Value) -> bool:
    if isinstance(new, Decimal) and isinstance(old, int | float) and not isinstance(old, bool):
        return Decimal(str(old)) == new
    return bool(old == new and type(old) is not bool)


def apply_updates(doc: CommentedMap, updates: Mapping[KeyPath, Value]) -> None:
    """Set each path's value in place; missing parent mappings are created."""
    for path, value in updates.items():
        node: Any = doc
        for key in path[:-1]:
            child = node.get(key)
            if not isinstance(child, dict):
                if value is None:
                    break
                child = CommentedMap()
                node[key] = child
            node = child
        else:
            last = path[-1]
            if value is None:
                node.pop(last, None)
            elif last not in node or not _equal(node[last], value):
                node[last] = _scalar(value)


def render_settings(text: str, updates: Mapping[KeyPath, Value]) -> tuple[str, Settings]:
    """The new file text and what it decodes to. Raises UnsafeEditError when it cannot be edited
    safely or the result has errors (so a preview shows exactly what a save would write)."""
    try:
        doc, style = load_rt(text)
    except YamlProblem as exc:
        line = f":{exc.line}" if exc.line else ""
        raise UnsafeEditError(f"{SETTINGS_FILE}{line}: {exc.message}; nothing was written") from exc
    if not isinstance(doc, CommentedMap):
        raise UnsafeEditError(f"{SETTINGS_FILE}: not a mapping; nothing was written")
    apply_updates(doc, updates)
    new_text = dump_rt(doc, style)
    parsed, _, problems = parse_file(SETTINGS_FILE, new_text.encode("utf-8"))
    if problems:
        raise UnsafeEditError(f"{problems[0].message}; nothing was written")
    settings, pending = decode_settings(parsed)
    errors = [p for p in pending if p.severity is Severity.ERROR]
    if errors:
        raise UnsafeEditError(f"{SETTINGS_FILE}: {errors[0].message}; nothing was written")
    return new_text, settings


def preview_settings(root: Path, updates: Mapping[KeyPath, Value]) -> tuple[str, str, Settings]:
    """taper.yaml as it is, as it would be after `updates`, and the settings it would give.

    Writes nothing: the Plan screen shows this before the person decides to save.
    """
    text = (Path(root) / SETTINGS_FILE).read_text(encoding="utf-8")
    new_text, settings = render_settings(text, updates)
    return text, new_text, settings


def save_settings(root: Path, updates: Mapping[KeyPath, Value],
                  expected_sha: str | None) -> SettingsSaveResult:
    """Apply `updates` to `root/taper.yaml` and write it atomically if anything changed."""
    path = Path(root) / SETTINGS_FILE
    try:
        before = path.read_bytes()
    except OSError as exc:
        raise WriteError(f"could not read {SETTINGS_FILE}: {exc.strerror or exc}") from exc
    if expected_sha is not None and sha256(before) != expected_sha:
        raise ConflictError(f"{SETTINGS_FILE} changed on disk since it was read; "
                            "nothing was written")
    _, text, problems = parse_file(SETTINGS_FILE, before)
    if problems or text is None:
        where = problems[0].location() if problems else SETTINGS_FILE
        raise UnsafeEditError(f"{where}: fix the file before saving (nothing was written)")
    new_text, settings = render_settings(text, updates)
    if new_text == text:
        return SettingsSaveResult(path, False, sha256(before), settings, text)
    data = new_text.encode("utf-8")
    try:
        now = path.read_bytes()
    except OSError:
        now = None
    if now != before:
        raise ConflictError(f"{SETTINGS_FILE} changed on disk while saving; nothing was written")
    atomic_write(path, data)
    return SettingsSaveResult(path, True, sha256(data), settings, new_text)

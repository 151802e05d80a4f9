"""Export the whole journal model as JSON: settings, history and days, numbers as numbers.

The output is the domain model (`core.model`) written out field by field, so a new field appears
in the export without a change here. Decimals become JSON numbers (ints when whole), dates ISO
8601 strings, enums their journal spelling.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from collections.abc import Mapping
from decimal import Decimal

from taper_tui.core.model import Journal

FORMAT_NAME = "taper-tui-journal"
FORMAT_VERSION = 1


def to_json_value(value: object) -> object:
    """Any model value as plain JSON data."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_json_value(v) for v in value]
    raise TypeError(f"no JSON form for {type(value).__name__}")


def export_json(journal: Journal, first: dt.date | None, last: dt.date | None,
                today: dt.date) -> str:
    """The JSON text (UTF-8, not ASCII-escaped, 2-space indent) of settings and first..last days."""
    days = [d for d in journal.days
            if (first is None or d.date >= first) and (last is None or d.date <= last)]
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": today.isoformat(),
        "from": first.isoformat() if first else None,
        "to": last.isoformat() if last else None,
        "settings": to_json_value(journal.settings),
        "days": [to_json_value(d) for d in days],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

"""The CSV exchange shape shared by export and import: its columns and how list cells are written.

One row per day and drug. List cells (doses, exposures, events) hold items separated by `; `; inside
an item a few characters are delimiters, and a backslash makes any character literal:

- doses:     `MG[@HH:MM][ (MEASURED)]`        e.g. `25@08:10; 12.5@20:00 (0.63 mL of 20 mg/mL)`
- exposures: `WHAT[=AMOUNT][@HH:MM]`          e.g. `caffeine=1 cup@09:30; ibuprofen`
- events:    `TYPE[:DRUG][=MG][ (NOTE)]`      e.g. `hold:sertraline; reinstated:sertraline=25`

docs/exports.md is the person-facing description; keep the two in step.
"""

from __future__ import annotations

from decimal import Decimal

from taper_tui.core.model import Dose, Event, EventType, Exposure
from taper_tui.store.decode_day import TIME

LEAD_COLUMNS = ("date", "drug", "planned_mg", "taken_mg", "doses")
TAIL_COLUMNS = ("burden", "exposures", "events", "note")
FIXED_COLUMNS = frozenset(LEAD_COLUMNS + TAIL_COLUMNS)
SYMPTOM_PREFIX = "symptom:"
"""A symptom whose name is also a fixed column is written `symptom:NAME`."""

ITEM_SEP = ";"
DOSE_DELIMS = "@("
EXPOSURE_DELIMS = "=@"
EVENT_DELIMS = ":=("


def symptom_column(name: str) -> str:
    return SYMPTOM_PREFIX + name if name in FIXED_COLUMNS or name.startswith(SYMPTOM_PREFIX) \
        else name


def symptom_name(column: str) -> str:
    return column.removeprefix(SYMPTOM_PREFIX)


def number(value: Decimal) -> str:
    """A Decimal as a plain number: `37.5`, `100`, never `1E+2` nor `37.50`."""
    return format(value.normalize(), "f") if value != 0 else "0"


def _esc(text: str, delims: str) -> str:
    """Free text made literal inside an item whose delimiters are `delims`."""
    special = delims + ITEM_SEP + "\\" + (")" if "(" in delims else "")
    return "".join("\\" + c if c in special else c for c in text)


def join_items(items: list[str]) -> str:
    return f"{ITEM_SEP} ".join(items)


def format_dose(dose: Dose) -> str:
    text = number(dose.mg)
    if dose.time:
        text += "@" + dose.time
    if dose.measured:
        text += f" ({_esc(dose.measured, DOSE_DELIMS)})"
    return text


def format_exposure(exposure: Exposure) -> str:
    text = _esc(exposure.what, EXPOSURE_DELIMS)
    if exposure.amount:
        text += "=" + _esc(exposure.amount, EXPOSURE_DELIMS)
    if exposure.time:
        text += "@" + exposure.time
    return text


def format_event(event: Event) -> str:
    text = event.type.value
    if event.drug:
        text += ":" + _esc(event.drug, EVENT_DELIMS)
    if event.mg is not None:
        text += "=" + number(event.mg)
    if event.note:
        text += f" ({_esc(event.note, EVENT_DELIMS)})"
    return text


class CellError(ValueError):
    """A list cell that does not follow its item grammar; the message says what is wrong."""


def _tokens(item: str, allowed: str) -> tuple[str, dict[str, str]]:
    """Split one item into its head and `{delimiter: text}`; `(` runs to a final `)`."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    closed = False
    i = 0
    while i < len(item):
        c = item[i]
        key, current = parts[-1]
        if c == "\\" and i + 1 < len(item):
            current.append(item[i + 1])
            i += 2
            continue
        i += 1
        if closed:
            if not c.isspace():
                raise CellError(f"text after ')' in {item!r}")
        elif key == "(":
            if c == ")":
                closed = True
            else:
                current.append(c)
        elif c in allowed:
            if any(k == c for k, _ in parts):
                raise CellError(f"{c!r} given twice in {item!r}")
            parts.append((c, []))
        else:
            current.append(c)
    if parts[-1][0] == "(" and not closed:
        raise CellError(f"missing ')' in {item!r}")
    fields = {key: "".join(chars).strip() for key, chars in parts}
    return fields.pop(""), fields


def split_items(cell: str) -> list[str]:
    """The raw items of a list cell, escapes kept for `_tokens`."""
    items: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(cell):
        c = cell[i]
        if c == "\\" and i + 1 < len(cell):
            current.append(cell[i:i + 2])
            i += 2
            continue
        if c == ITEM_SEP:
            items.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def parse_mg(text: str, what: str = "mg") -> Decimal:
    try:
        value = Decimal(text)
    except ArithmeticError:
        raise CellError(f"{what} {text!r} is not a number") from None
    if not value.is_finite() or value < 0:
        raise CellError(f"{what} must be 0 or more, not {text}")
    return value


def _time(fields: dict[str, str]) -> str | None:
    time = fields.get("@") or None
    if time is not None and not TIME.match(time):
        raise CellError(f"time {time!r} is not HH:MM (24-hour)")
    return time


def parse_dose(item: str, drug: str) -> Dose:
    """One item of the doses cell of `drug`'s row."""
    head, fields = _tokens(item, DOSE_DELIMS)
    time = _time(fields)
    return Dose(drug=drug, mg=parse_mg(head, "dose"), time=time, measured=fields.get("(") or None)


def parse_exposure(item: str) -> Exposure:
    head, fields = _tokens(item, EXPOSURE_DELIMS)
    if not head:
        raise CellError(f"exposure {item!r} has no name before '=' or '@'")
    time = _time(fields)
    return Exposure(what=head, amount=fields.get("=") or None, time=time)


def parse_event(item: str) -> Event:
    head, fields = _tokens(item, EVENT_DELIMS)
    try:
        kind = EventType(head.lower())
    except ValueError:
        kinds = ", ".join(e.value for e in EventType)
        raise CellError(f"event type {head!r} is not one of {kinds}") from None
    mg = parse_mg(fields["="], "event mg") if fields.get("=") else None
    return Event(type=kind, drug=fields.get(":") or None, mg=mg, note=fields.get("(") or None)


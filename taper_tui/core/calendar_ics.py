"""The plan's upcoming step dates (and an optional daily log reminder) as iCalendar text.

Written by hand to RFC 5545: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
character), TEXT values escaped, and every event with a UID and DTSTAMP. Pure: the clock comes in
as `stamp`.

UIDs are stable for a drug's plan and step, so importing a regenerated file (after a hold shifted
the plan) moves the existing events instead of adding copies; SEQUENCE grows with `stamp` for the
calendar apps that only accept an update with a higher sequence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from taper_tui.core import wording
from taper_tui.core.model import DrugSettings
from taper_tui.core.progress import DrugProgress

PRODID = "-//taper-tui//taper-tui calendar//EN"
MAX_OCTETS = 75
STEP_ALARM = "PT9H"
"""Step reminders show at 09:00 on the step's day (an all-day event starts at midnight)."""


@dataclass(frozen=True, slots=True)
class StepDate:
    """One upcoming planned step of one drug."""

    uid: str
    drug: str
    date: dt.date
    index: int
    from_mg: str
    to_mg: str
    overdue_since: dt.date | None = None
    """The plan's date when it has already passed (the event is then placed on today)."""


def plan_key(drug: DrugSettings) -> str:
    """A short digest of the plan's start, so a rewritten plan gets new UIDs."""
    plan = drug.plan
    basis = f"{drug.name}|{plan.start if plan else ''}|{plan.start_mg if plan else ''}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:10]


def upcoming_steps(drugs: Mapping[str, DrugSettings], progress: Mapping[str, DrugProgress],
                   today: dt.date) -> tuple[tuple[StepDate, ...], tuple[str, ...]]:
    """The planned steps after each drug's current one, and notes on drugs that have none
    (on hold, no plan, no dose logged yet, taper finished)."""
    steps: list[StepDate] = []
    notes: list[str] = []
    for name, drug in drugs.items():
        p = progress.get(name)
        if p is None or drug.plan is None or not p.steps:
            notes.append(f"{name}: no plan in taper.yaml, so no step dates")
            continue
        if p.on_hold:
            notes.append(f"{name}: on hold, so no step dates until the hold ends; regenerate the "
                         "calendar then")
            continue
        current = p.step_index if p.step_index is not None else 0
        later = p.steps[current + 1:]
        if not later:
            notes.append(f"{name}: no steps left in the plan")
            continue
        previous = p.steps[current]
        for step in later:
            overdue = step.start if step.start < today else None
            steps.append(StepDate(
                uid=f"{name}-{plan_key(drug)}-step-{step.index}@taper-tui",
                drug=name, date=max(step.start, today), index=step.index,
                from_mg=f"{wording.mg(previous.mg)} mg", to_mg=f"{wording.mg(step.mg)} mg",
                overdue_since=overdue))
            previous = step
    return tuple(sorted(steps, key=lambda s: (s.date, s.drug))), tuple(notes)


def escape_text(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 §3.1); continuation lines start with a space."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(stamp: dt.datetime) -> str:
    return stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _step_lines(step: StepDate, stamp: dt.datetime, sequence: int) -> list[str]:
    summary = f"{step.drug}: planned step to {step.to_mg}"
    description = (
        f"The plan's step {step.index} for {step.drug}: {step.from_mg} to {step.to_mg}. "
        + (f"Its date {step.overdue_since.isoformat()} has passed. " if step.overdue_since
           else "")
        + "This is the plan's date, not an instruction: check 'taper-tui status' for how your "
        "symptoms read, and discuss any change with your prescriber. Regenerate this calendar "
        "after a hold shifts the plan.")
    return [
        "BEGIN:VEVENT",
        f"UID:{step.uid}",
        f"DTSTAMP:{_utc(stamp)}",
        f"SEQUENCE:{sequence}",
        f"DTSTART;VALUE=DATE:{step.date.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(step.date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"TRIGGER;RELATED=START:{STEP_ALARM}",
        f"DESCRIPTION:{escape_text(summary)}",
        "END:VALARM",
        "END:VEVENT",
    ]


def _daily_lines(time: str, today: dt.date, stamp: dt.datetime, sequence: int) -> list[str]:
    hour, minute = (int(x) for x in time.split(":"))
    start = dt.datetime.combine(today, dt.time(hour, minute))
    text = "Log today in taper-tui: doses, symptoms, anything new"
    return [
        "BEGIN:VEVENT",
        "UID:daily-log-reminder@taper-tui",
        f"DTSTAMP:{_utc(stamp)}",
        f"SEQUENCE:{sequence}",
        # Floating local time: the reminder follows the person across time zones.
        f"DTSTART:{start.strftime('%Y%m%dT%H%M%S')}",
        "DURATION:PT5M",
        "RRULE:FREQ=DAILY",
        f"SUMMARY:{escape_text(text)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:PT0M",
        f"DESCRIPTION:{escape_text(text)}",
        "END:VALARM",
        "END:VEVENT",
    ]


def build_calendar(steps: Iterable[StepDate], today: dt.date, stamp: dt.datetime,
                   daily_time: str | None = None) -> str:
    """The whole VCALENDAR text. `daily_time` ("HH:MM") adds a daily log reminder."""
    sequence = int(stamp.timestamp()) // 60
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Taper plan",
    ]
    for step in steps:
        lines.extend(_step_lines(step, stamp, sequence))
    if daily_time:
        lines.extend(_daily_lines(daily_time, today, stamp, sequence))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

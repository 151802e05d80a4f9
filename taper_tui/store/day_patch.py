"""What a save changes in one day file (`DayPatch`): plain data, kept apart from the writer so
that the app builds one on a key press without importing ruamel (`store.day_writer` does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from taper_tui.core.model import Dose, Event, Exposure


@dataclass(frozen=True, slots=True)
class DayPatch:
    """What to change in one day. Fields left empty leave the file alone."""

    date: dt.date
    doses: Mapping[str, tuple[Dose, ...]] = field(default_factory=dict)
    """Per drug: the day's doses of that drug become exactly these (empty tuple removes them)."""
    symptoms: Mapping[str, int | None] = field(default_factory=dict)
    """Set a score; None removes the symptom from the day."""
    add_exposures: tuple[Exposure, ...] = ()
    remove_exposures: tuple[Exposure, ...] = ()
    add_events: tuple[Event, ...] = ()
    notes: str | None = None
    """Replace the notes with this text ('' removes them); None leaves them."""
    append_note: str | None = None
    """Add this line to the notes unless the notes already contain it."""

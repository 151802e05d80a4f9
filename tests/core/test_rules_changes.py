"""Several drugs: two drugs' doses changed within two weeks."""

from __future__ import annotations

import datetime as dt

from rules_support import TODAY, date, daterange, day, drug, journal

from taper_tui.core.findings import FindingKind
from taper_tui.core.model import Event, EventType
from taper_tui.core.rules import evaluate


def two_drugs(ser_cut: dt.date, cloz_cut: dt.date):
    ser = drug("sertraline")
    cloz = drug("clonazepam", start="2026-06-01", start_mg="1")
    days = []
    for d in daterange(date("2026-09-01"), TODAY):
        ser_mg = "50" if d < ser_cut else "45"
        cloz_mg = "1" if d < cloz_cut else "0.9"
        events = [Event(EventType.CUT, n) for n, c in (("sertraline", ser_cut),
                                                       ("clonazepam", cloz_cut)) if d == c]
        days.append(day(d, {"sertraline": ser_mg, "clonazepam": cloz_mg}, {"anxiety": 1},
                        events))
    return evaluate(journal(days, [ser, cloz]), TODAY)


def test_two_drugs_changed_in_one_week_warn_both():
    a = two_drugs(date("2026-11-15"), date("2026-11-20"))
    for r in a.drugs:
        (f,) = [f for f in r.findings if f.kind is FindingKind.SIMULTANEOUS_CHANGE]
        assert "5 days apart" in f.message and "one change at a time" in f.message
    ser = next(r for r in a.drugs if r.drug == "sertraline")
    f = next(f for f in ser.findings if f.kind is FindingKind.SIMULTANEOUS_CHANGE)
    assert f.message.startswith("sertraline changed on 2026-11-15 and clonazepam on 2026-11-20")


def test_changes_three_weeks_apart_are_fine():
    a = two_drugs(date("2026-10-20"), date("2026-11-10"))
    assert not [f for r in a.drugs for f in r.findings
                if f.kind is FindingKind.SIMULTANEOUS_CHANGE]

"""export/import, report, calendar and due through the real command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taper_tui.cli.main import main
from taper_tui.core.model import Day, Dose, Event, EventType, Exposure
from taper_tui.core.report_model import SECTIONS
from taper_tui.store import csv_shape, load_journal
from taper_tui.store.day_writer import DayPatch, save_day

TODAY = dt.date(2026, 11, 27)

TWO_DRUGS = """\
version: 1
drugs:
  sertraline:
    forms:
      - tablet: 50
        split: 2
    plan:
      start: 2026-11-10
      start_mg: 50
      cut_percent: 10
      step_days: 28
  diazepam:
    forms:
      - tablet: 2
symptoms:
  brain_zaps: {kind: physical}
  anxiety: {kind: mood}
"""


def day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def tricky_days(root: Path) -> None:
    """Days that exercise every cell: text with the list delimiters, two drugs, multi-line notes,
    a day about no drug at all."""
    save_day(root, DayPatch(
        date=day(3),
        doses={"sertraline": (Dose("sertraline", Decimal("25"), "08:10", "1.25 mL; (20 mg/mL)"),
                              Dose("sertraline", Decimal("12.5"), "20:00")),
               "diazepam": (Dose("diazepam", Decimal("2")),)},
        symptoms={"brain_zaps": 3, "anxiety": 0},
        add_exposures=(Exposure("coffee=strong", "2 cups @ home", "09:30"), Exposure("ibuprofen")),
        add_events=(Event(EventType.HOLD, "sertraline", None, "until zaps settle: (maybe)"),),
        append_note="Zaps worse; \"afternoon\"\nprescriber: ask about liquid, é"))
    save_day(root, DayPatch(date=day(2), symptoms={"anxiety": 5}, append_note="bad night"))
    save_day(root, DayPatch(date=day(1), doses={"sertraline": (Dose("sertraline",
                                                                     Decimal("37.5")),)},
                            add_events=(Event(EventType.CUT, "sertraline", Decimal("37.5")),)))


def comparable(d: Day) -> tuple[object, ...]:
    return (d.date, d.doses, dict(d.symptoms), d.exposures, d.events, (d.notes or "").rstrip())


def test_export_import_round_trip_is_equal(make_journal: Callable[..., Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = make_journal(settings=TWO_DRUGS, name="source")
    tricky_days(source)
    first_csv = tmp_path / "out.csv"
    assert main(["export", str(source), "-o", str(first_csv)]) == 0

    target = make_journal(settings=TWO_DRUGS, name="target")
    assert main(["import", str(target), str(first_csv)]) == 0
    assert "imported 4 rows: 3 day files written" in capsys.readouterr().out

    before = load_journal(source, TODAY).journal.days
    after = load_journal(target, TODAY).journal.days
    assert [comparable(d) for d in after] == [comparable(d) for d in before]
    second_csv = tmp_path / "again.csv"
    assert main(["export", str(target), "-o", str(second_csv)]) == 0
    assert second_csv.read_bytes() == first_csv.read_bytes()
    # Importing the same file again changes nothing.
    assert main(["import", str(target), str(first_csv)]) == 0
    assert "0 day files written, 3 unchanged" in capsys.readouterr().out


def test_csv_columns_and_numbers(make_journal: Callable[..., Path],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    root = make_journal(settings=TWO_DRUGS)
    tricky_days(root)
    capsys.readouterr()
    assert main(["export", str(root), "--from", day(3).isoformat(),
                 "--to", day(3).isoformat()]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["date", "drug", "planned_mg", "taken_mg", "doses", "brain_zaps",
                             "anxiety", "burden", "exposures", "events", "note"]
    by_drug = {r["drug"]: r for r in rows}
    assert by_drug["sertraline"]["taken_mg"] == "37.5"
    assert by_drug["sertraline"]["planned_mg"] == "50"
    assert by_drug["diazepam"]["planned_mg"] == ""
    assert by_drug["diazepam"]["burden"] == "3"


def test_json_export_has_numbers_and_iso_dates(make_journal: Callable[..., Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = make_journal(settings=TWO_DRUGS)
    tricky_days(root)
    capsys.readouterr()
    assert main(["export", str(root), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["days"][0]
    assert first["date"] == day(3).isoformat()
    assert first["doses"][1]["mg"] == 12.5
    assert data["settings"]["drugs"]["sertraline"]["plan"]["start_mg"] == 50


def test_bad_row_reported_with_its_line_and_nothing_written(
        make_journal: Callable[..., Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = make_journal(settings=TWO_DRUGS)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "date,drug,taken_mg,anxiety,note\n"
        '2026-11-20,sertraline,50,2,"two\nlines"\n'
        "2026-11-21,sertraline,45,11,\n"
        "2026-11-22,paroxetine,10,1,\n", encoding="utf-8")

    assert main(["import", str(root), str(sheet)]) == 1

    err = capsys.readouterr().err
    assert f"{sheet}:4: error: anxiety: 11 is outside 0-10" in err
    assert f"{sheet}:5: error: drug 'paroxetine' is not in taper.yaml" in err
    assert "nothing was imported" in err
    assert not any((root / "days").rglob("*.yaml"))


def test_failed_write_undoes_the_import(make_journal: Callable[..., Path], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from taper_tui.store import import_csv
    from taper_tui.store.atomic import WriteError

    root = make_journal(settings=TWO_DRUGS)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("date,drug,taken_mg\n2026-11-20,sertraline,50\n2026-11-21,sertraline,45\n",
                     encoding="utf-8")
    real = import_csv.save_day
    calls = []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise WriteError("the disk is full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(import_csv, "save_day", failing)
    assert main(["import", str(root), str(sheet)]) == 1
    assert not any((root / "days").rglob("*.yaml"))


class Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "section" and found.get("id"):
            self.ids.append(str(found["id"]))
        for key in ("src", "href"):
            if found.get(key):
                self.external.append(str(found[key]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_report_html_parses_and_has_every_section(journal_dir: Path, tmp_path: Path) -> None:
    save_day(journal_dir, DayPatch(date=TODAY, append_note="! zaps at night since the cut"))
    out = tmp_path / "report.html"

    assert main(["report", str(journal_dir), "-o", str(out)]) == 0

    parser = Sections()
    parser.feed(out.read_text(encoding="utf-8"))
    parser.close()
    assert parser.ids == [key for key, _ in SECTIONS]
    assert "svg" in parser.tags and "style" in parser.tags
    assert parser.external == []
    text = " ".join(parser.text)
    for _, title in SECTIONS:
        assert title in text
    assert "zaps at night since the cut" in text


def test_report_markdown_has_every_section(journal_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert main(["report", str(journal_dir), "--from", "2026-08-01", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    for _, title in SECTIONS:
        assert f"## {title}" in text
    assert "```text" in text


def test_report_needs_md_or_html(journal_dir: Path, tmp_path: Path) -> None:
    assert main(["report", str(journal_dir), "-o", str(tmp_path / "r.pdf")]) == 2


def test_calendar_parses_with_icalendar(journal_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    assert main(["calendar", str(journal_dir), "--daily", "21:00", "-o", str(out)]) == 0

    data = out.read_bytes()
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"\n" not in data.replace(b"\r\n", b"")
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    steps = [e for e in events if "step" in str(e["UID"])]
    assert steps and all(e.decoded("DTSTART") >= TODAY for e in steps)
    assert len({str(e["UID"]) for e in events}) == len(events)
    daily = [e for e in events if str(e["UID"]).startswith("daily")]
    assert len(daily) == 1 and daily[0]["RRULE"]["FREQ"] == ["DAILY"]
    assert daily[0].walk("VALARM")
    assert "prescriber" in str(steps[0]["DESCRIPTION"])


def test_calendar_rejects_a_bad_time(journal_dir: Path) -> None:
    assert main(["calendar", str(journal_dir), "--daily", "25:00"]) == 2


def test_due_exit_codes(make_journal: Callable[..., Path],
                        capsys: pytest.CaptureFixture[str]) -> None:
    root = make_journal(settings=TWO_DRUGS)
    for n in range(5, 0, -1):
        save_day(root, DayPatch(date=day(n), doses={"sertraline": (Dose("sertraline",
                                                                         Decimal(50)),)}))
    capsys.readouterr()
    assert main(["due", str(root)]) == 1
    assert capsys.readouterr().out == "due 2026-11-27: today's log is not written yet\n"

    save_day(root, DayPatch(date=TODAY, doses={"sertraline": (Dose("sertraline", Decimal(50)),)}))
    assert main(["due", str(root)]) == 0
    assert capsys.readouterr().out == "nothing due on 2026-11-27\n"

    save_day(root, DayPatch(date=TODAY, add_events=(Event(EventType.HOLD, "sertraline"),)))
    assert main(["due", str(root)]) == 1
    assert "sertraline: hold still on (since 2026-11-27)" in capsys.readouterr().out


def test_due_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


free_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                    max_size=30).map(str.strip).filter(bool)


@settings(max_examples=150)
@given(what=free_text, amount=st.none() | free_text, note=st.none() | free_text,
       measured=st.none() | free_text)
def test_list_cells_round_trip(what: str, amount: str | None, note: str | None,
                               measured: str | None) -> None:
    exposure = Exposure(what, amount, "09:30")
    event = Event(EventType.REINSTATED, what, Decimal("12.5"), note)
    dose = Dose("sertraline", Decimal("0.05"), "08:00", measured)
    cell = csv_shape.join_items([csv_shape.format_exposure(exposure)] * 2)
    assert [csv_shape.parse_exposure(i) for i in csv_shape.split_items(cell)] == [exposure] * 2
    assert csv_shape.parse_event(csv_shape.split_items(csv_shape.format_event(event))[0]) == event
    assert csv_shape.parse_dose(csv_shape.format_dose(dose), "sertraline") == dose

"""The writer keeps a person's words: unchanged -> byte-identical, one change -> one line."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taper_tui.core.model import Dose, Event, EventType, Exposure
from taper_tui.store import load_journal
from taper_tui.store.day_writer import ConflictError, DayPatch, save_day
from taper_tui.store.journal_store import day_relpath

DATE = dt.date(2026, 11, 20)
SYMPTOMS = ["brain_zaps", "anxiety", "insomnia", "dizziness", "low_mood"]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz éà—", min_size=1, max_size=20).map(
    str.strip).filter(bool)


@st.composite
def day_files(draw: st.DrawFn) -> str:
    """Day files as people write them: comments, both sequence styles, quoted and bare times."""
    offset = draw(st.sampled_from([0, 2]))  # "- " at the key's column, or indented under it
    dash = " " * offset + "- "
    body = " " * (offset + 2)
    lines = []
    if draw(st.booleans()):
        lines.append(f"# {draw(words)}")
    lines.append(f"date: {DATE.isoformat()}")
    if draw(st.booleans()):
        lines.append("doses:")
        for _ in range(draw(st.integers(1, 2))):
            mg = draw(st.sampled_from(["37.5", "40", "0.5", "12.25", "1.75"]))
            lines.append(f"{dash}drug: sertraline")
            lines.append(f"{body}mg: {mg}")
            t = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
            quote = draw(st.sampled_from(['"', "'", ""]))
            lines.append(f"{body}time: {quote}{t}{quote}")
    scores = draw(st.dictionaries(st.sampled_from(SYMPTOMS), st.integers(0, 10), min_size=1))
    if draw(st.booleans()):
        lines.append("symptoms:  # 0 = none")
    else:
        lines.append("symptoms:")
    for name, score in scores.items():
        comment = f"  # {draw(words)}" if draw(st.booleans()) else ""
        lines.append(f"  {name}: {score}{comment}")
    if draw(st.booleans()):
        lines.append("exposures:")
        lines.append(f"{dash}what: caffeine")
        lines.append(f"{body}amount: {draw(st.integers(1, 3))} cups")
    if draw(st.booleans()):
        lines.append(f"# {draw(words)}")
    if draw(st.booleans()):
        lines.append("notes: |")
        for _ in range(draw(st.integers(1, 3))):
            lines.append(f"  {draw(words)}")
    elif draw(st.booleans()):
        lines.append(f"notes: {draw(words)}")
    return "\n".join(lines) + "\n"


def write(root: Path, text: str) -> Path:
    path = root / day_relpath(DATE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=day_files())
def test_unchanged_save_is_byte_identical(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    result = save_day(tmp_path, DayPatch(date=DATE))
    assert not result.changed
    assert path.read_text(encoding="utf-8") == text
    # Re-logging a value the file already has changes nothing either.
    name = next(line.split(":")[0].strip() for line in text.splitlines()
                if line.startswith("  ") and line.split(":")[0].strip() in SYMPTOMS)
    score = int(text.split(f"  {name}: ")[1].split()[0])
    assert not save_day(tmp_path, DayPatch(date=DATE, symptoms={name: score})).changed
    assert path.read_text(encoding="utf-8") == text


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=day_files(), new_score=st.integers(0, 10))
def test_one_symptom_change_is_one_line(tmp_path: Path, text: str, new_score: int) -> None:
    path = write(tmp_path, text)
    name = next(line.split(":")[0].strip() for line in text.splitlines()
                if line.startswith("  ") and line.split(":")[0].strip() in SYMPTOMS)
    old_score = int(text.split(f"  {name}: ")[1].split()[0])
    result = save_day(tmp_path, DayPatch(date=DATE, symptoms={name: new_score}))
    after = path.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(text.splitlines(), after.splitlines(),
                                                     lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    if new_score == old_score:
        assert not result.changed and after == text
    else:
        assert len(changed) == 2, changed  # one line out, one line in
        assert changed[1][1:].strip().startswith(f"{name}: {new_score}")


def test_hand_edited_quirks_are_kept(tmp_path: Path) -> None:
    text = ("---\r\n# my day\r\ndate: 2026-11-20\r\nsymptoms:\r\n    anxiety: 3   # meh\r\n"
            "    insomnia: 5\r\nnotes: >\r\n    folded\r\n    text\r\n")
    path = tmp_path / day_relpath(DATE)
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode())
    save_day(tmp_path, DayPatch(date=DATE, symptoms={"anxiety": 4}))
    after = path.read_bytes().decode()
    assert after == text.replace("anxiety: 3", "anxiety: 4")


def test_new_day_is_written_in_the_canonical_style(tmp_path: Path) -> None:
    patch = DayPatch(
        date=DATE, doses={"sertraline": (Dose("sertraline", __import__("decimal").Decimal("37.5"),
                                              "08:10", "1.88 mL of 20 mg/mL"),)},
        symptoms={"brain_zaps": 3, "anxiety": 4},
        add_exposures=(Exposure("caffeine", "1 cup", "09:30"),),
        add_events=(Event(EventType.SKIPPED, "sertraline"),),
        notes="Zaps worse in the afternoon.\nSlept badly.",
    )
    result = save_day(tmp_path, patch)
    assert result.changed
    assert (tmp_path / result.rel).read_text(encoding="utf-8") == (
        'date: 2026-11-20\n'
        'doses:\n'
        '  - drug: sertraline\n'
        '    mg: 37.5\n'
        '    time: "08:10"\n'
        '    measured: 1.88 mL of 20 mg/mL\n'
        'symptoms:\n'
        '  brain_zaps: 3\n'
        '  anxiety: 4\n'
        'exposures:\n'
        '  - what: caffeine\n'
        '    amount: 1 cup\n'
        '    time: "09:30"\n'
        'events:\n'
        '  - type: skipped\n'
        '    drug: sertraline\n'
        'notes: |\n'
        '  Zaps worse in the afternoon.\n'
        '  Slept badly.\n'
    )
    assert (tmp_path / result.rel).stat().st_mode & 0o777 == 0o600
    assert result.day is not None and result.day.symptoms == {"brain_zaps": 3, "anxiety": 4}


def test_unknown_keys_survive_a_rewrite(tmp_path: Path) -> None:
    text = "date: 2026-11-20\nweather: rain  # kept\nsymptoms:\n  anxiety: 2\n"
    path = write(tmp_path, text)
    save_day(tmp_path, DayPatch(date=DATE, symptoms={"anxiety": 3}))
    assert path.read_text() == text.replace("anxiety: 2", "anxiety: 3")


def test_changed_under_us_is_refused(make_journal: object, tmp_path: Path) -> None:
    root = tmp_path
    (root / "taper.yaml").write_text("version: 1\ndrugs: {sertraline: {}}\n")
    path = write(root, "date: 2026-11-20\nsymptoms:\n  anxiety: 2\n")
    loaded = load_journal(root, dt.date(2026, 11, 27))
    sha = loaded.fingerprints[day_relpath(DATE)]
    path.write_text("date: 2026-11-20\nsymptoms:\n  anxiety: 2\n  insomnia: 6\n")  # an editor
    try:
        save_day(root, DayPatch(date=DATE, symptoms={"anxiety": 5}), sha)
    except ConflictError as exc:
        assert "changed on disk" in str(exc)
    else:
        raise AssertionError("a file changed under us was overwritten")
    assert "insomnia: 6" in path.read_text()

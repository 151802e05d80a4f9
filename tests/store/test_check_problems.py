"""Every kind of bad input `check` must catch, each with its code, severity and place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from taper_tui.core.problems import Problem, Severity
from taper_tui.store import load_journal

TODAY = dt.date(2026, 11, 27)
DAY = "days/2026/2026-11-20.yaml"
GOOD = 'date: 2026-11-20\ndoses:\n  - drug: sertraline\n    mg: 45\n    time: "08:00"\n'


def problems_of(root: Path) -> list[Problem]:
    return list(load_journal(root, TODAY).problems)


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


def test_clean_journal_has_no_problems(make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: GOOD})
    result = load_journal(root, TODAY)
    assert result.problems == ()
    assert [d.date for d in result.journal.days] == [dt.date(2026, 11, 20)]


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        # YAML syntax error: an unclosed flow sequence.
        ("date: 2026-11-20\nsymptoms: [1, 2\n", "yaml-syntax", 3, 1),
        # A tab used for indentation.
        ("date: 2026-11-20\nsymptoms:\n\tanxiety: 3\n", "yaml-syntax", 3, 1),
        # Git merge-conflict markers.
        ("date: 2026-11-20\n<<<<<<< HEAD\nnotes: a\n=======\nnotes: b\n>>>>>>> other\n",
         "merge-conflict", 2, 1),
        # A file name that does not match its date.
        ("date: 2026-11-21\n", "date-mismatch", 1, 1),
        # Wrong type: a dose of "abc".
        ("date: 2026-11-20\ndoses:\n  - drug: sertraline\n    mg: abc\n", "bad-type", 4, 5),
        # Out of range: symptom 11, symptom -1, negative mg.
        ("date: 2026-11-20\nsymptoms:\n  anxiety: 11\n", "out-of-range", 3, 3),
        ("date: 2026-11-20\nsymptoms:\n  anxiety: -1\n", "out-of-range", 3, 3),
        ("date: 2026-11-20\ndoses:\n  - drug: sertraline\n    mg: -5\n", "out-of-range", 4, 5),
        # A dose of a drug not in taper.yaml.
        ("date: 2026-11-20\ndoses:\n  - drug: paroxetine\n    mg: 10\n", "unknown-drug", 3, 5),
        # Duplicate keys.
        ("date: 2026-11-20\nsymptoms:\n  anxiety: 2\n  anxiety: 3\n", "duplicate-key", 4, 3),
        # Anchors and aliases.
        ("date: 2026-11-20\nx: &a {anxiety: 1}\nsymptoms: *a\n", "yaml-alias", 2, 4),
        # A time that YAML 1.1 would have turned into a number is kept, a bad one reported.
        ("date: 2026-11-20\ndoses:\n  - drug: sertraline\n    mg: 45\n    time: 25:99\n",
         "bad-time", 5, 5),
        ("", "empty-file", None, None),
        ("- just\n- a list\n", "not-a-mapping", 1, 1),
        ("date: 2026-11-20\nevents:\n  - type: vanished\n", "bad-event", 3, 5),
    ],
)
def test_bad_day_file(make_journal: Callable[..., Path], text: str, code: str,
                      line: int | None, column: int | None) -> None:
    root = make_journal({DAY: text})
    problem = only(problems_of(root), code)
    assert problem.path == DAY
    assert problem.severity is Severity.ERROR
    assert (problem.line, problem.column) == (line, column)
    assert problem.message


def test_untracked_symptom_is_a_warning(make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: "date: 2026-11-20\nsymptoms:\n  tinnitus: 2\n"})
    problem = only(problems_of(root), "untracked-symptom")
    assert problem.severity is Severity.WARNING
    assert problem.line == 3
    # Red flags are always recognised, even when taper.yaml does not list them.
    root2 = make_journal({DAY: "date: 2026-11-20\nsymptoms:\n  akathisia: 0\n"}, name="k")
    assert problems_of(root2) == []


def test_unknown_key_is_a_warning_and_the_day_still_loads(
        make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: GOOD + "mood_colour: blue\n"})
    result = load_journal(root, TODAY)
    problem = only(list(result.problems), "unknown-key")
    assert problem.severity is Severity.WARNING and problem.line == 6
    assert len(result.journal.days) == 1


def test_future_date(make_journal: Callable[..., Path]) -> None:
    root = make_journal({"days/2026/2026-12-25.yaml": "date: 2026-12-25\n"})
    result = load_journal(root, TODAY)
    assert only(list(result.problems), "future-date").line == 1
    assert result.journal.days == ()


def test_two_files_for_one_date(make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: GOOD, "days/2026-11-20.yaml": GOOD})
    result = load_journal(root, TODAY)
    problem = only(list(result.problems), "duplicate-date")
    assert problem.path == DAY  # sorted by path: days/2026-11-20.yaml is kept first
    assert len(result.journal.days) == 1


@pytest.mark.parametrize("name", ["2026-11-20.sync-conflict-20261120-101010-ABCDEF.yaml",
                                  "2026-11-20 (conflicted copy 2026-11-20).yaml"])
def test_sync_conflict_copies(make_journal: Callable[..., Path], name: str) -> None:
    root = make_journal({DAY: GOOD, f"days/2026/{name}": GOOD})
    result = load_journal(root, TODAY)
    problem = only(list(result.problems), "sync-conflict")
    assert problem.severity is Severity.ERROR and name in problem.path
    assert len(result.journal.days) == 1


def test_not_utf8(make_journal: Callable[..., Path]) -> None:
    root = make_journal()
    path = root / DAY
    path.parent.mkdir(parents=True)
    path.write_bytes(b"date: 2026-11-20\nnotes: caf\xe9\n")
    problem = only(problems_of(root), "not-utf8")
    assert (problem.line, problem.column) == (2, 11)


def test_file_over_one_mib(make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: "date: 2026-11-20\nnotes: " + "x" * (1024 * 1024) + "\n"})
    assert only(problems_of(root), "too-large").severity is Severity.ERROR


def test_stray_files_are_warnings(make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: GOOD, "days/2026/photo.jpg": "x", "days/notes.yaml": "a: 1\n"})
    stray = [p for p in problems_of(root) if p.code == "stray-file"]
    assert {p.path for p in stray} == {"days/2026/photo.jpg", "days/notes.yaml"}
    assert all(p.severity is Severity.WARNING for p in stray)


def test_editor_swap_and_temp_files_are_ignored(make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: GOOD, "days/2026/.2026-11-20.yaml.swp": "x",
                         "days/2026/2026-11-20.yaml~": "x"})
    assert problems_of(root) == []


def test_billion_laughs_is_refused_quickly(make_journal: Callable[..., Path]) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    root = make_journal({DAY: "date: 2026-11-20\n" + "\n".join(lines) + "\n"})
    problem = only(problems_of(root), "yaml-alias")
    assert problem.line == 2


def test_deeply_nested_flow_is_a_problem_not_a_crash(make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: "date: 2026-11-20\nnotes: " + "[" * 5000 + "]" * 5000 + "\n"})
    problem = only(problems_of(root), "too-deep")
    assert (problem.line, problem.column) == (2, 8)


def test_valid_days_still_load_beside_bad_ones(make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: GOOD, "days/2026/2026-11-21.yaml": "date: [\n"})
    result = load_journal(root, TODAY)
    assert [d.date for d in result.journal.days] == [dt.date(2026, 11, 20)]
    assert [p.code for p in result.problems] == ["yaml-syntax"]


def test_broken_settings_are_reported_and_days_still_load(
        make_journal: Callable[..., Path]) -> None:
    root = make_journal({DAY: GOOD}, settings="drugs:\n  sertraline: {forms: [}\n")
    result = load_journal(root, TODAY)
    assert [p.path for p in result.problems] == ["taper.yaml"]
    assert result.problems[0].line == 2
    assert len(result.journal.days) == 1


@pytest.mark.parametrize(
    ("settings", "code"),
    [
        ("drugs:\n  sertraline:\n    forms:\n      - tablet: many\n", "bad-type"),
        ("drugs:\n  sertraline:\n    forms:\n      - pill: 5\n", "bad-form"),
        ("drugs:\n  sertraline:\n    plan:\n      start: soon\n      start_mg: 50\n", "bad-plan"),
        ("drugs:\n  sertraline:\n    plan:\n      start: 2026-01-01\n      start_mg: 50\n"
         "      cut_percent: 150\n", "out-of-range"),
        ("rules:\n  stable_days: -3\n", "bad-type"),
        ("history:\n  - drug: sertraline\n    event: vanished\n", "bad-event"),
    ],
)
def test_bad_settings(make_journal: Callable[..., Path], settings: str, code: str) -> None:
    root = make_journal(settings="version: 1\n" + settings)
    problem = only(problems_of(root), code)
    assert problem.path == "taper.yaml" and problem.line is not None


def test_loading_never_changes_a_journal_file(journal_dir: Path) -> None:
    before = {p: p.read_bytes() for p in journal_dir.rglob("*") if p.is_file()}
    load_journal(journal_dir, TODAY)
    after = {p: p.read_bytes() for p in journal_dir.rglob("*")
             if p.is_file() and ".taper-cache" not in p.parts}
    assert after == before


def test_valid_yaml_the_c_parser_rejects_still_loads(make_journal: Callable[..., Path]) -> None:
    text = ("date: 2026-11-20\ndoses:\n  - {drug: sertraline, mg: 45, time: 08:10}\n"
            "exposures:\n  - {what: caffeine, time: 20:31}\n")
    result = load_journal(make_journal({DAY: text}), TODAY)
    assert result.problems == ()
    [day] = result.journal.days
    assert day.doses[0].time == "08:10" and day.exposures[0].time == "20:31"


def test_a_day_name_that_is_not_a_real_date(make_journal: Callable[..., Path]) -> None:
    root = make_journal({"days/2026/2026-02-30.yaml": "date: 2026-02-28\n"})
    problem = only(problems_of(root), "bad-file-name")
    assert problem.severity is Severity.ERROR and "2026-02-30" in problem.message


def test_untracked_symptom_in_many_files_locates_only_the_first_files(
        make_journal: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """After taper.yaml stops tracking a symptom, every day that scored it has a problem; the
    first LOCATE_FILES files get a line, the rest name their file, and every one is reported."""
    from taper_tui.store import journal_checks, yaml_io

    n = journal_checks.LOCATE_FILES + 10
    dates = [dt.date(2026, 8, 1) + dt.timedelta(days=i) for i in range(n)]
    root = make_journal({f"days/2026/{d}.yaml": f"date: {d}\nsymptoms:\n  nausea: 2\n"
                         for d in dates})
    calls: list[str] = []
    real = yaml_io.locate
    def counted(text: str, keys: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        calls.append(text)
        return real(text, keys)

    monkeypatch.setattr(yaml_io, "locate", counted)
    found = [p for p in load_journal(root, dt.date(2026, 11, 27)).problems
             if "nausea" in p.message]
    assert len(found) == n
    assert sum(p.line is not None for p in found) == journal_checks.LOCATE_FILES
    assert all(p.line == 3 for p in found if p.line is not None)
    assert len(calls) == journal_checks.LOCATE_FILES

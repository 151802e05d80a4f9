"""schedule / measure / convert / plan through the CLI entry point and the real module."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from taper_tui.cli.main import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_schedule_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, "schedule", "--drug", "sertraline", "--from", "50", "--start",
                   "2026-12-01", "--form", "tablet:50:split=2", "--form",
                   "liquid:20mg/ml:step=0.05")
    assert doc["drug"] == "sertraline" and doc["method"] == "percent"
    first, second = doc["steps"][:2]
    assert set(first) >= {"index", "start", "mg", "cut_mg", "cut_percent", "occupancy_percent",
                          "measure"}
    assert first == {**first, "index": 0, "start": "2026-12-01", "mg": 50}
    assert second["start"] == "2026-12-29" and second["mg"] == 45 and second["cut_percent"] == 10
    assert second["measure"] == "2.25 mL of 20 mg/mL"
    assert isinstance(doc["warnings"], list)


def test_schedule_occupancy_null_where_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, "schedule", "--drug", "lorazepam", "--from", "2", "--start",
                   "2026-12-01")
    assert doc["steps"][0]["occupancy_percent"] is None


def test_schedule_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "--drug", "citalopram", "--from", "20", "--method", "linear",
                 "--cut-mg", "5", "--start", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "over the rate guard" in out and "growing share" in out and "prescriber" in out


def test_measure_json(capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, "measure", "--drug", "citalopram", "--mg", "10", "--form", "drops:2mg")
    assert doc["actual_mg"] == 10 and doc["how"].startswith("4 drops") and doc["error_mg"] == 0


def test_convert_json_is_labelled_approximate(capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, "convert", "--from", "alprazolam:1", "--to", "diazepam", "--table",
                   "vadod", "--start", "2026-12-01")
    assert doc["to"] == {"drug": "diazepam", "mg": 10} and doc["approximate"] is True
    assert doc["other_tables"]["ashton"] == 20 and len(doc["crossover"]) == 4


@pytest.mark.parametrize(("args", "words"), [
    (["measure", "--drug", "nosuch", "--mg", "1", "--form", "tablet:1"], "unknown drug"),
    (["measure", "--drug", "sertraline", "--mg", "-5", "--form", "tablet:50"], "at least 0"),
    (["measure", "--drug", "sertraline", "--mg", "5", "--form", "tablet:50:split=3"], "split"),
    (["measure", "--drug", "sertraline", "--mg", "5", "--form", "tablet:50"], "below what"),
    (["schedule", "--drug", "sertraline", "--from", "-50"], "above 0"),
    (["schedule", "--drug", "sertraline", "--from", "abc"], "not a number"),
    (["schedule", "--drug", "sertraline", "--from", "50", "--to", "60"], "target"),
    (["convert", "--from", "lorazepam", "--to", "diazepam"], "DRUG:MG"),
    (["convert", "--from", "zolpidem:10", "--to", "diazepam"], "no sourced ashton"),
])
def test_bad_arguments_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], args: list[str],
                                            words: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


def _days(first: dt.date, count: int, mg: str, extra: str = "") -> dict[str, str]:
    out = {}
    for i in range(count):
        d = first + dt.timedelta(days=i)
        out[f"days/{d.year}/{d.isoformat()}.yaml"] = (
            f"date: {d.isoformat()}\ndoses:\n  - drug: sertraline\n    mg: {mg}\n"
            + (extra if i == 0 else ""))
    return out


def test_plan_planned_against_actual(capsys: pytest.CaptureFixture[str],
                                     make_journal: Callable[..., Path]) -> None:
    # MINIMAL_SETTINGS: sertraline 50 mg from 2026-06-01, 10% every 28 days; cut late, on 07-10.
    days = {**_days(dt.date(2026, 11, 1), 9, "50"), **_days(dt.date(2026, 11, 10), 18, "45")}
    root = make_journal(days)
    doc = run_json(capsys, "plan", str(root))
    drug = doc["drugs"][0]
    assert drug["drug"] == "sertraline" and drug["current_mg"] == 45
    assert drug["since"] == "2026-11-10" and drug["days_on_step"] == 17
    assert drug["changes"] == [{"date": "2026-11-10", "from_mg": 50, "to_mg": 45, "percent": 10}]
    assert drug["planned_steps"][1]["start"] == "2026-06-29"  # the calendar plan
    assert drug["next_date"] == "2026-12-08" and drug["next_mg"] == 41  # shifted by the late cut
    assert drug["on_hold"] is False and doc["problems"] == []
    # one table: the planned date beside the actual (taken), "now", or re-dated (next) one
    now, nxt = drug["steps"][1], drug["steps"][2]
    assert (now["planned_start"], now["start"], now["status"]) == ("2026-06-29", "2026-11-10",
                                                                   "now")
    assert (now["actual_start"], now["actual_mg"]) == ("2026-11-10", 45)
    assert (nxt["planned_start"], nxt["start"], nxt["status"]) == ("2026-07-27", "2026-12-08",
                                                                   "next")
    assert nxt["actual_start"] is None and drug["steps"][0]["status"] == "taken"
    assert main(["plan", str(root)]) == 0
    out = capsys.readouterr().out
    assert "next step in the plan: 41 mg, due 2026-12-08" in out
    assert "   1  2026-06-29  2026-11-10  now" in out
    assert "   2  2026-07-27  2026-12-08  next" in out
    assert out.count("2026-07-27") == 1  # one table, not a planned one and a re-dated one


def test_plan_of_the_sample_journal_agrees_with_status(capsys: pytest.CaptureFixture[str],
                                                       journal_dir: Path) -> None:
    doc = run_json(capsys, "plan", str(journal_dir))
    drug = doc["drugs"][0]
    step4 = drug["steps"][4]
    assert (step4["planned_start"], step4["start"], step4["status"], step4["mg"]) == (
        "2026-09-17", "2026-10-08", "taken", 66)
    assert drug["step_index"] == 5 and drug["steps"][5]["status"] == "now"
    step6 = drug["steps"][6]
    assert (step6["start"], step6["mg"], step6["status"]) == ("2026-12-03", 54, "next")
    assert (drug["next_date"], drug["next_mg"]) == ("2026-12-03", 54)
    count = len(drug["steps"]) - 1
    assert main(["status", str(journal_dir)]) == 0
    assert f"step 5 of {count}: 60 mg since 2026-11-05" in capsys.readouterr().out


HOLD = "events:\n  - type: hold\n    drug: sertraline\n"


def test_plan_on_hold(capsys: pytest.CaptureFixture[str],
                      make_journal: Callable[..., Path]) -> None:
    days = {**_days(dt.date(2026, 11, 1), 9, "50"),
            **_days(dt.date(2026, 11, 10), 18, "45", HOLD)}
    doc = run_json(capsys, "plan", str(make_journal(days)))
    assert doc["drugs"][0]["on_hold"] is True and doc["drugs"][0]["next_date"] is None


def test_plan_without_a_journal_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    assert main(["plan", str(tmp_path / "none")]) == 2
    assert "no journal" in capsys.readouterr().err


def test_real_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "taper_tui", "schedule", "--drug", "citalopram", "--from", "10",
         "--start", "2026-12-01", "--json"],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "TAPER_TODAY": "2026-11-27"})
    assert proc.returncode == 0, proc.stderr
    steps = json.loads(proc.stdout)["steps"]
    assert [s["mg"] for s in steps[:4]] == [10, 9, 8.1, 7.29]
    bad = subprocess.run([sys.executable, "-m", "taper_tui", "measure", "--drug", "x", "--mg",
                          "1", "--form", "tablet:1"], capture_output=True, text=True, timeout=60,
                         check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr

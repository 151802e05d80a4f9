"""`taper-tui status`: text and --json through the real entry point, problems, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from taper_tui.cli.main import COMMAND_MODULES, main

TODAY = dt.date(2026, 11, 27)


def plan_steps(make_journal: Callable[..., Path]) -> dict[dt.date, str]:
    """The taper engine's steps for MINIMAL_SETTINGS (tests follow its rounding)."""
    from taper_tui.core.progress import track
    from taper_tui.store import load_journal

    root = make_journal(name="steps")
    journal = load_journal(root, TODAY).journal
    drug = journal.settings.drugs["sertraline"]
    return {s.start: str(s.mg) for s in track(drug, journal, TODAY).steps[:6]}


def day_yaml(date: dt.date, mg: str | None, scores: dict[str, int], cut: bool = False) -> str:
    lines = [f"date: {date.isoformat()}"]
    if mg is not None:
        lines += ["doses:", "  - drug: sertraline", f"    mg: {mg}", '    time: "08:00"']
    if scores:
        lines.append("symptoms:")
        lines += [f"  {name}: {score}" for name, score in scores.items()]
    if cut:
        lines += ["events:", "  - type: cut", "    drug: sertraline"]
    return "\n".join(lines) + "\n"


def taper_files(levels: dict[dt.date, str], first: dt.date = dt.date(2026, 6, 1),
                last: dt.date = TODAY,
                overrides: dict[dt.date, dict[str, int]] | None = None) -> dict[str, str]:
    files: dict[str, str] = {}
    mg: str | None = None
    d = first
    while d <= last:
        cut = d in levels and mg is not None
        mg = levels.get(d, mg)
        scores = (overrides or {}).get(d, {"anxiety": 1, "brain_zaps": 0})
        files[f"days/{d.year}/{d.isoformat()}.yaml"] = day_yaml(d, mg, scores, cut)
        d += dt.timedelta(days=1)
    return files


def status(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["status", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_registered() -> None:
    assert "taper_tui.cli.status_command" in COMMAND_MODULES


def test_json_keys_and_advance(make_journal: Callable[..., Path],
                               capsys: pytest.CaptureFixture[str]) -> None:
    levels = plan_steps(make_journal)
    root = make_journal(taper_files(levels))
    code, out, err = status(str(root), "--json", capsys=capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"date", "drugs", "urgent"} and data["date"] == "2026-11-27"
    (drug,) = data["drugs"]
    assert set(drug) == {"drug", "step", "planned_mg", "taken_mg", "recommendation", "warnings",
                         "kindling"}
    step_mg = float(levels[dt.date(2026, 10, 19)])
    assert drug["step"] == {"index": 5, "mg": pytest.approx(step_mg), "since": "2026-10-19",
                            "days_on_step": 39}
    assert drug["taken_mg"] == pytest.approx(step_mg)
    assert drug["recommendation"]["kind"] == "advance"
    assert any("in the 14 days before the cut on 2026-10-19" in r
               for r in drug["recommendation"]["reasons"])
    assert drug["kindling"]["episodes"] == 0 and drug["kindling"]["events"] == []
    assert data["urgent"] == []


def test_text_output(make_journal: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_journal(taper_files(plan_steps(make_journal)))
    code, out, _ = status(str(root), capsys=capsys)
    assert code == 0
    assert out.startswith("Status on 2026-11-27\n\nsertraline\n")
    assert "  Reading   ADVANCE\n" in out and "Kindling  0 earlier withdrawal episodes" in out
    assert "  Plan      " in out and "mg on 2026-11-27: " in out  # with how to measure it
    assert out.rstrip().endswith("decisions stay with you and your prescriber.")


def test_flare_warnings_and_hold(make_journal: Callable[..., Path],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    levels = plan_steps(make_journal)
    flare = {TODAY - dt.timedelta(days=i): {"anxiety": 4, "brain_zaps": 4} for i in range(5)}
    root = make_journal(taper_files(levels, overrides=flare))
    code, out, _ = status(str(root), "--json", capsys=capsys)
    assert code == 0
    drug = json.loads(out)["drugs"][0]
    assert drug["recommendation"]["kind"] in {"hold", "consult"}
    kinds = {w["kind"] for w in drug["warnings"]}
    assert "wave" in kinds
    wave = next(w for w in drug["warnings"] if w["kind"] == "wave")
    assert wave["severity"] == "warning" and wave["evidence"][0] == {
        "type": "period", "label": "wave", "first": "2026-11-23", "last": "2026-11-27"}


def test_red_flag_is_urgent_and_exit_is_still_zero(make_journal: Callable[..., Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    levels = plan_steps(make_journal)
    root = make_journal(taper_files(levels, overrides={TODAY: {"suicidal_thoughts": 2}}))
    code, out, _ = status(str(root), capsys=capsys)
    assert code == 0
    assert "URGENT  Red-flag symptom: suicidal thoughts at 2 on 2026-11-27." in out
    assert "  Reading   URGENT\n" in out
    code, out, _ = status(str(root), "--json", capsys=capsys)
    data = json.loads(out)
    assert data["urgent"][0]["kind"] == "red_flag"
    assert data["drugs"][0]["recommendation"]["kind"] == "urgent"


def test_problems_are_printed_and_valid_days_used(make_journal: Callable[..., Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    files = taper_files(plan_steps(make_journal))
    files["days/2026/2026-11-20.yaml"] = "date: 2026-11-20\ndoses: [oops\n"
    root = make_journal(files)
    code, out, err = status(str(root), "--json", capsys=capsys)
    assert code == 0
    assert err.startswith("days/2026/2026-11-20.yaml:") and ": error: " in err
    data = json.loads(out)  # stdout stays valid JSON
    assert data["drugs"][0]["step"]["since"] == "2026-10-19"


def test_date_option_reads_the_journal_as_of_that_day(
        make_journal: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    levels = plan_steps(make_journal)
    root = make_journal(taper_files(levels, overrides={TODAY: {"suicidal_thoughts": 2}}))
    code, out, _ = status(str(root), "--date", "2026-11-01", "--json", capsys=capsys)
    data = json.loads(out)
    assert code == 0 and data["date"] == "2026-11-01" and data["urgent"] == []
    assert data["drugs"][0]["step"]["days_on_step"] == 13
    assert data["drugs"][0]["recommendation"]["kind"] == "hold"
    assert main(["status", str(root), "--date", "soon"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_no_journal_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 2
    assert "no journal found" in capsys.readouterr().err


def test_status_imports_no_textual(make_journal: Callable[..., Path]) -> None:
    root = make_journal(taper_files(plan_steps(make_journal), first=dt.date(2026, 11, 1)))
    code = ("import sys\nfrom taper_tui.cli.main import main\n"
            f"main(['status', {str(root)!r}, '--json'])\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'plotext', 'rich')]\n"
            "print('BAD', bad, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False, env={"TAPER_TODAY": TODAY.isoformat(),
                                                        "PATH": ""})
    assert proc.returncode == 0, proc.stderr
    assert "BAD []" in proc.stderr
    registering = ("import sys\nimport taper_tui.cli.status_command\n"
                   "print(sorted(m for m in sys.modules if m.startswith(('ruamel', 'textual',"
                   " 'taper_tui.core.rules', 'taper_tui.store'))))\n")
    proc = subprocess.run([sys.executable, "-c", registering], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.stdout.strip() == "[]", proc.stdout

"""The bundled sample journal and the benchmark generator: valid, deterministic, and telling the
story the docs promise (five cuts, one flare with a hold, four missed doses, no red flag)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from taper_tui.core.model import EventType
from taper_tui.store import load_journal

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_journal"
TODAY = dt.date(2026, 11, 27)


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".taper-cache" not in p.parts}


def test_sample_is_what_the_script_writes(tmp_path: Path) -> None:
    _script("make_sample_journal").write(tmp_path / "sample")
    assert _files(tmp_path / "sample") == _files(SAMPLE)


def test_sample_loads_without_problems() -> None:
    result = load_journal(SAMPLE, TODAY, use_cache=False)
    assert result.problems == ()
    days = result.journal.days
    assert len(days) == 183
    assert (days[0].date, days[-1].date) == (dt.date(2026, 5, 28), dt.date(2026, 11, 26))
    assert [d.date for d in days] == [days[0].date + dt.timedelta(days=i) for i in range(183)]


def test_sample_tells_the_story() -> None:
    journal = load_journal(SAMPLE, TODAY, use_cache=False).journal
    cuts = [(d.date, e.mg) for d in journal.days for e in d.events if e.type is EventType.CUT]
    assert cuts == [(dt.date(2026, m, d), Decimal(mg)) for m, d, mg in
                    ((6, 25, 90), (7, 23, 81), (8, 20, 73), (10, 8, 66), (11, 5, 60))]
    holds = [d.date for d in journal.days for e in d.events if e.type is EventType.HOLD]
    assert holds == [dt.date(2026, 8, 25)]
    missed = [d.date for d in journal.days if d.taken_mg("sertraline") is None]
    assert missed == [dt.date(2026, 7, 4), dt.date(2026, 9, 26), dt.date(2026, 10, 21),
                      dt.date(2026, 11, 14)]
    # The flare: brain zaps and insomnia well above the days before the cut, 3-5 days after it.
    before = [d for d in journal.days if dt.date(2026, 8, 13) <= d.date < dt.date(2026, 8, 20)]
    peak = journal.days_between(dt.date(2026, 8, 23), dt.date(2026, 8, 28))
    assert max(d.symptoms["brain_zaps"] for d in peak) >= 5
    assert max(d.symptoms["insomnia"] for d in peak) >= 5
    assert max(d.burden for d in before) < min(d.burden for d in peak[1:])
    # Never a red-flag score above 0 in the sample.
    assert all(d.symptoms.get("suicidal_thoughts", 0) == 0 for d in journal.days)
    assert [h.event for h in journal.settings.history] == [
        EventType.STARTED, EventType.STOPPED, EventType.REINSTATED]


_TABLETS = re.compile(r"(?:(two) |(\d+) and a half |)(50|25) mg tablets?")
_LIQUID = re.compile(r"(\d+(?:\.\d+)?) mL of 20 mg/mL")


def test_every_logged_dose_is_measurable() -> None:
    """Tablet halves and 0.05 mL marks of 20 mg/mL, adding up to the mg written."""
    journal = load_journal(SAMPLE, TODAY, use_cache=False).journal
    measured = [dose for d in journal.days for dose in d.doses if dose.measured]
    assert len(measured) > 100
    for dose in measured:
        assert dose.measured is not None
        total = Decimal(0)
        for m in _TABLETS.finditer(dose.measured):
            count = Decimal(2) if m[1] else Decimal(m[2]) + Decimal("0.5") if m[2] else Decimal(1)
            total += count * Decimal(m[3])
        for m in _LIQUID.finditer(dose.measured):
            ml = Decimal(m[1])
            assert ml % Decimal("0.05") == 0, dose.measured
            total += ml * 20
        assert total == dose.mg, (dose.measured, dose.mg)


def test_generated_journal_is_valid_and_deterministic(tmp_path: Path) -> None:
    gen = _script("gen_journal")
    assert gen.generate(tmp_path / "a", 1, 7) == 365
    gen.generate(tmp_path / "b", 1, 7)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    result = load_journal(tmp_path / "a", TODAY, use_cache=False)
    assert result.problems == ()
    days = result.journal.days
    assert len(days) == 365 and days[-1].date == dt.date(2026, 11, 26)
    assert set(result.journal.settings.drugs) == {"sertraline", "clonazepam"}
    assert {dose.drug for d in days for dose in d.doses} == {"sertraline", "clonazepam"}
    texts = list(_files(tmp_path / "a").values())
    assert any(b"\n- drug:" in t for t in texts) and any(b"\n  - drug:" in t for t in texts)
    assert any(b"- {" in t for t in texts) and any(b"notes: |" in t for t in texts)
    assert any(re.search(rb"time: \d", t) for t in texts)

"""Shared fixtures: journals live in tmp_path (the committed sample is never written), and
'today' is fixed so that output does not depend on the day the tests run."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_journal"
TODAY = dt.date(2026, 11, 27)

MINIMAL_SETTINGS = """\
version: 1
drugs:
  sertraline:
    forms:
      - tablet: 50
        split: 2
      - liquid: 20
        syringe_ml: 0.05
    plan:
      start: 2026-06-01
      start_mg: 50
      cut_percent: 10
      step_days: 28
symptoms:
  brain_zaps: {kind: physical}
  anxiety: {kind: mood}
  insomnia: {kind: sleep}
"""


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dt.date:
    monkeypatch.setenv("TAPER_TODAY", TODAY.isoformat())
    monkeypatch.delenv("TAPER_JOURNAL", raising=False)
    # Keep the per-user default journal out of reach of the tests.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # ... and the per-user drug-data cache out of the real home folder.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return TODAY


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample journal."""
    dest = tmp_path / "journal"
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns(".taper-cache"))
    return dest


@pytest.fixture
def make_journal(tmp_path: Path) -> Callable[..., Path]:
    """A small journal: taper.yaml (MINIMAL_SETTINGS unless given) and the given day files."""

    def make(days: dict[str, str] | None = None, settings: str = MINIMAL_SETTINGS,
             name: str = "j") -> Path:
        root = tmp_path / name
        (root / "days").mkdir(parents=True)
        (root / "taper.yaml").write_text(settings, encoding="utf-8")
        for rel, text in (days or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make

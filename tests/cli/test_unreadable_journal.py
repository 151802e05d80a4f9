"""A journal whose taper.yaml cannot be read: every command that loads it says so in one line
(exit 2), never with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from taper_tui.cli.main import main
from taper_tui.store import NotAJournal, journal_store


@pytest.mark.parametrize("command", ["check", "status", "plan", "export", "due"])
def test_an_unreadable_journal_is_a_one_line_error(
        command: str, journal_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def unreadable(*_: object, **__: object) -> None:
        raise NotAJournal(f"cannot read {journal_dir / 'taper.yaml'}: Permission denied")

    import taper_tui.store

    monkeypatch.setattr(journal_store, "load_journal", unreadable)
    monkeypatch.setattr(taper_tui.store, "load_journal", unreadable)
    assert main([command, "--journal", str(journal_dir)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"taper-tui: error: cannot read {journal_dir / 'taper.yaml'}: Permission denied"]

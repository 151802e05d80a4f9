"""Plan form writes taper.yaml through the store; first run creates a journal; screenshot CLI."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from taper_tui.cli.main import main
from taper_tui.store import load_journal
from taper_tui.store.day_writer import ConflictError
from taper_tui.store.settings_writer import save_settings
from taper_tui.store.watch import JournalWatcher
from taper_tui.ui.app import TaperApp
from taper_tui.ui.screens.plan import PlanScreen
from tests.ui.conftest import TODAY, make_app, settle

PLAN = ("drugs", "sertraline", "plan")


async def test_plan_change_is_previewed_then_written_keeping_comments(journal_dir: Path) -> None:
    before = (journal_dir / "taper.yaml").read_text(encoding="utf-8")
    app = make_app(journal_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        screen.query_one("#cut_percent").value = "5"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")  # before a preview: refused
        await settle(app, pilot)
        assert (journal_dir / "taper.yaml").read_text(encoding="utf-8") == before
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "cut_percent: 5" in str(screen.query_one("#preview-text").render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    after = (journal_dir / "taper.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert len(changed) == 1 and "cut_percent: 5 " in changed[0][1] and "#" in changed[0][1]
    plan = load_journal(journal_dir, TODAY).journal.settings.drugs["sertraline"].plan
    assert plan is not None and plan.cut_percent == Decimal(5)


def test_settings_writer_refuses_a_changed_file_and_bad_values(journal_dir: Path) -> None:
    with pytest.raises(ConflictError):
        save_settings(journal_dir, {(*PLAN, "step_days"): 30}, expected_sha="0" * 64)
    from taper_tui.store.day_writer import UnsafeEditError

    before = (journal_dir / "taper.yaml").read_bytes()
    with pytest.raises(UnsafeEditError):
        save_settings(journal_dir, {(*PLAN, "method"): "sideways"}, None)
    assert (journal_dir / "taper.yaml").read_bytes() == before
    same = save_settings(journal_dir, {(*PLAN, "step_days"): 28}, None)
    assert not same.changed and (journal_dir / "taper.yaml").read_bytes() == before


def test_watcher_reports_added_changed_removed_and_skips_own_writes(journal_dir: Path) -> None:
    watcher = JournalWatcher(journal_dir)
    assert watcher.poll() == ()
    new = journal_dir / "days/2026/2026-11-27.yaml"
    new.write_text("date: 2026-11-27\n", encoding="utf-8")
    (journal_dir / "days/2026/.swap.tmp").write_text("x", encoding="utf-8")
    assert watcher.poll() == ("days/2026/2026-11-27.yaml",)
    new.write_text("date: 2026-11-27\nnotes: ok\n", encoding="utf-8")
    watcher.accept("days/2026/2026-11-27.yaml")
    assert watcher.poll() == ()
    new.unlink()
    assert watcher.poll() == ("days/2026/2026-11-27.yaml",)


async def test_first_run_form_creates_a_journal(tmp_path: Path) -> None:
    root = tmp_path / "new-journal"
    app = TaperApp(root, TODAY, first_run=True, poll_seconds=None)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#drug")
        await pilot.press(*"escitalopram", "enter", *"15", "enter", *"10", "enter")
        await pilot.click("#create")
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.state is not None and [d.name for d in app.state.drugs] == ["escitalopram"]
    settings = load_journal(root, TODAY).journal.settings
    plan = settings.drugs["escitalopram"].plan
    assert plan is not None and plan.start_mg == Decimal(15)
    assert settings.drugs["escitalopram"].forms[0].mg == Decimal(10)


def test_screenshot_command_writes_text_and_svg(journal_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screenshot", str(journal_dir), "--size", "80x24"]) == 0
    text = capsys.readouterr().out
    assert "sertraline" in text and "Last 30 days" in text
    out = tmp_path / "today.svg"
    assert main(["screenshot", str(journal_dir), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<svg")
    assert main(["screenshot", str(journal_dir), "--size", "80"]) == 2

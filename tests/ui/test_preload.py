"""Start-up: the first load read in a forked child (`ui.preload`) shows exactly what a load in the
app shows, Today first, and the app never waits on a child that failed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from taper_tui.ui import preload
from taper_tui.ui.app import TaperApp
from taper_tui.ui.glance import Glance
from taper_tui.ui.glance_build import glance
from taper_tui.ui.screenshot import screen_text
from tests.ui.conftest import TODAY, make_app, settle

pytestmark = pytest.mark.skipif(not preload.can_fork(), reason="no fork on this platform")


def test_the_child_sends_the_glance_then_the_whole_load(journal_dir: Path) -> None:
    result, view = preload.read_journal(journal_dir, TODAY)
    early = preload.start(journal_dir, TODAY)
    assert early is not None
    try:
        first = early.first()
        rest = early.read()
    finally:
        early.close()
    assert isinstance(first, Glance) and first == glance(result, view)
    assert isinstance(rest, tuple)
    got, got_view, _watcher = rest
    assert got_view == view
    assert got.journal.days == result.journal.days
    assert dict(got.fingerprints) == dict(result.fingerprints)


def test_today_only_sends_the_glance_alone(journal_dir: Path) -> None:
    early = preload.start(journal_dir, TODAY, full=False)
    assert early is not None
    try:
        assert isinstance(early.first(), Glance)
        assert early.read() is None
    finally:
        early.close()


async def test_the_app_from_the_preload_shows_and_holds_what_a_plain_load_does(
        journal_dir: Path) -> None:
    plain = make_app(journal_dir)
    async with plain.run_test(size=(100, 40)) as pilot:
        await settle(plain, pilot)
        expected = screen_text(plain)
    app = TaperApp(journal_dir, TODAY, poll_seconds=None,
                   preload=preload.start(journal_dir, TODAY))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        assert app.result is not None and plain.result is not None
        assert app.result.journal.days == plain.result.journal.days
        assert app.state == plain.state and app.glance == plain.glance
        assert screen_text(app) == expected


async def test_a_child_that_fails_leaves_the_load_to_the_app(journal_dir: Path) -> None:
    early = preload.start(journal_dir / "missing", TODAY)  # the child finds no journal
    app = TaperApp(journal_dir, TODAY, poll_seconds=None, preload=early)
    assert app._preload is None  # another folder: the child is stopped, not used
    early = preload.start(journal_dir, TODAY)
    assert early is not None
    early.close()  # killed before it sent anything: reads find nothing
    app = TaperApp(journal_dir, TODAY, poll_seconds=None, preload=early)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.result is not None and app.glance is not None


def test_the_app_paints_today_without_importing_the_core() -> None:
    """The parent imports only Textual and the app at start-up; the core (rules, model) is the
    child's: the import list of `taper-tui screenshot` before the first paint shows it."""
    code = ("import sys, taper_tui.ui.screenshot, taper_tui.ui.screens.today\n"
            "print(sorted(m for m in sys.modules if m.startswith('taper_tui.core')"
            " or m.startswith('ruamel')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"

"""Today's glance memoised for the next start-up (`ui.preload`, `store.result_memo`): served only
for exactly the same journal, date and folder access, and always equal to a fresh glance."""

from __future__ import annotations

import json
import os
import time
import types
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taper_tui.store import result_memo
from taper_tui.ui import preload
from taper_tui.ui.glance import CardText, Glance, Series, glance_from_json, glance_to_json
from taper_tui.ui.glance_build import glance
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.skipif(not preload.can_fork(), reason="no fork on this platform")

MEMO = Path(".taper-cache") / "memo-glance.json"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo's clock runs a day ahead: the journal just written counts as settled."""
    fake = types.SimpleNamespace(time_ns=lambda: time.time_ns() + 86_400 * 10**9)
    monkeypatch.setattr(result_memo, "time", fake)


def first_glance(root: Path, today: object = TODAY) -> Glance:
    """What the child sends first, run in this process (the child's code without the fork)."""
    read_fd, write_fd = os.pipe()
    preload._child(root, today, False, write_fd)  # type: ignore[arg-type]
    early = preload.Preload(os.getpid(), read_fd, root, today, False)  # type: ignore[arg-type]
    try:
        got = early.first()
    finally:
        os.close(read_fd)
    assert isinstance(got, Glance)
    return got


def fresh(root: Path) -> Glance:
    return glance(*preload.read_journal(root, TODAY))


def test_second_start_is_served_from_the_memo_and_equals_a_fresh_glance(
        journal_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = fresh(journal_dir)
    assert first_glance(journal_dir) == expected
    assert (journal_dir / MEMO).is_file()
    json.loads((journal_dir / MEMO).read_text(encoding="utf-8"))  # JSON, never a pickle

    def no_load(*_: object) -> None:
        raise AssertionError("the journal was loaded although the memo fits")

    monkeypatch.setattr(preload, "read_journal", no_load)
    assert first_glance(journal_dir) == expected


def test_an_edited_day_or_another_date_is_never_served_the_old_glance(
        journal_dir: Path, settled: None) -> None:
    first_glance(journal_dir)
    day = journal_dir / "days" / "2026" / "2026-11-27.yaml"
    day.parent.mkdir(parents=True, exist_ok=True)
    day.write_text("doses:\n  sertraline: 50\nsymptoms:\n  brain_zaps: 9\n", encoding="utf-8")
    got = first_glance(journal_dir)
    assert got == fresh(journal_dir) and got.logged_today
    other = first_glance(journal_dir, TODAY.replace(day=26))
    assert other.today == TODAY.replace(day=26)


def test_an_unsettled_journal_writes_no_memo(journal_dir: Path) -> None:
    first_glance(journal_dir)  # the journal was written just now: within RACY_NS
    assert not (journal_dir / MEMO).exists()


def test_a_corrupt_or_foreign_memo_is_ignored_and_replaced(journal_dir: Path,
                                                            settled: None) -> None:
    expected = fresh(journal_dir)
    first_glance(journal_dir)
    memo = journal_dir / MEMO
    data = json.loads(memo.read_text(encoding="utf-8"))
    data["value"]["cards"] = "not cards"
    memo.write_text(json.dumps(data), encoding="utf-8")
    assert first_glance(journal_dir) == expected
    memo.write_text(memo.read_text(encoding="utf-8")[:40], encoding="utf-8")
    assert first_glance(journal_dir) == expected
    assert json.loads(memo.read_text(encoding="utf-8"))["value"] == glance_to_json(expected)


texts = st.text(max_size=20)
series = st.builds(Series, texts, st.lists(st.none() | st.floats(allow_nan=False,
                                                                  allow_infinity=False),
                                           max_size=5).map(tuple),
                   st.floats(0, 100), texts, texts)
cards = st.builds(CardText, texts, texts, st.lists(texts, max_size=3).map(tuple),
                  st.lists(texts, max_size=3).map(tuple),
                  st.lists(st.tuples(texts, texts), max_size=2).map(tuple),
                  st.lists(texts, max_size=2).map(tuple))
glances = st.builds(Glance, st.dates(), st.booleans(), st.integers(0, 99), st.booleans(),
                    st.lists(texts, max_size=2).map(tuple), st.lists(cards, max_size=2).map(tuple),
                    st.lists(texts, max_size=2).map(tuple), st.dates(),
                    st.lists(series, max_size=3).map(tuple))


@settings(max_examples=150)
@given(glances)
def test_json_round_trip_is_exact(g: Glance) -> None:
    data = json.loads(json.dumps(glance_to_json(g)))
    assert glance_from_json(data) == g


@pytest.mark.parametrize("bad", [None, [], {}, {"today": "2026-13-01"}, "x"])
def test_anything_else_is_no_glance(bad: object) -> None:
    assert glance_from_json(bad) is None

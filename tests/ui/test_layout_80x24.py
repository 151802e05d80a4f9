"""At 80x24 everything reads whole: Plan form labels, Help rows, Today's reasons, the urgent
banner always on top."""

from __future__ import annotations

import re
from pathlib import Path

from taper_tui.ui.screenshot import screen_text
from tests.ui.conftest import make_app, settle, type_fast


def words(text: str) -> str:
    """The screen's text with the box drawing and the line breaks gone (a reason wraps)."""
    return " ".join(re.sub(r"[│┃╭╮╰╯─━┏┓┗┛▂▅▁▔▎▊]", " ", text).split())


async def test_plan_form_labels_and_buttons_read_whole(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        text = screen_text(app)
    for label in ("Method", "Cut % of current dose", "Days per step", "Max cut % (rate guard)",
                  "Preview (ctrl+r)", "Write taper.yaml (ctrl+s)"):
        assert label in text, label


async def test_help_is_a_key_and_action_table_wrapping_cleanly(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        lines = screen_text(app).splitlines()
    row = next(line for line in lines if "ctrl+p" in line)
    assert re.search(r"ctrl\+p +Command palette: every action by name", row)
    following = lines[lines.index(row) + 1]
    # The wrapped rest of the action sits under the action column, not under the key.
    assert following.index(following.strip("█ ")[0]) == row.index("Command")


async def test_today_card_shows_every_reason_and_urgent_stays_on_top(journal_dir: Path) -> None:
    (journal_dir / "days/2026/2026-11-27.yaml").write_text(
        "date: 2026-11-27\nsymptoms:\n  suicidal_thoughts: 3\n", encoding="utf-8")
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        view = app.state
        assert view is not None and view.urgent
        reasons = view.drugs[0].recommendation.reasons  # type: ignore[union-attr]
        first = screen_text(app)
        type_fast(app, *["j"] * 30)
        await settle(app, pilot)
        scrolled = screen_text(app)
    top = first.splitlines()[2]
    assert "URGENT" in top and "URGENT" in scrolled.splitlines()[2]  # never scrolled away
    assert "Last 30 days" in scrolled  # the strips follow below the card
    shown = words(first) + " " + words(scrolled)
    for reason in reasons:
        assert " ".join(reason.split()) in shown, reason


async def test_today_card_reasons_fit_the_first_screen(journal_dir: Path) -> None:
    app = make_app(journal_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        view = app.state
        assert view is not None and view.drugs[0].recommendation is not None
        shown = words(screen_text(app))
    for reason in view.drugs[0].recommendation.reasons:
        assert " ".join(reason.split()) in shown, reason

"""`?` Help lists every key the screens bind (and nothing they do not), and every screen action
is in the command palette or the footer."""

from __future__ import annotations

from textual.binding import Binding

from taper_tui.ui.app import TaperApp
from taper_tui.ui.screens.charts import ChartsScreen
from taper_tui.ui.screens.help import SECTIONS
from taper_tui.ui.screens.history import HistoryScreen
from taper_tui.ui.screens.log import LogScreen
from taper_tui.ui.screens.plan import PlanScreen
from taper_tui.ui.screens.problems import ProblemsScreen
from taper_tui.ui.screens.today import TodayScreen
from taper_tui.ui.widgets.log_list import LogList

SHOWN_AS = {"exclamation_mark": "!", "question_mark": "?", "left_square_bracket": "[",
            "right_square_bracket": "]", "enter": "Enter", "space": "Space", "escape": "Escape",
            "backspace": "Backspace", "plus": "+", "minus": "-", "down": "↓", "up": "↑"}
UNLISTED = {"ctrl+j", "equals_sign", "delete"}
"""Second keys for the same action (a newline typed before start-up, = for +, Delete)."""


def keys_of(*classes: type) -> set[str]:
    out: set[str] = set()
    for cls in classes:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding)
            out.update(k.strip() for k in binding.key.split(","))
    return out - UNLISTED


def listed(title: str) -> str:
    return " ".join(key for t, rows in SECTIONS if t.startswith(title) for key, _ in rows)


def test_help_lists_every_binding_of_every_screen() -> None:
    for title, classes in (("Anywhere", (TaperApp,)), ("Today", (TodayScreen,)),
                           ("Log", (LogScreen, LogList)), ("History", (HistoryScreen,)),
                           ("Charts", (ChartsScreen,)), ("Plan", (PlanScreen,)),
                           ("Problems", (ProblemsScreen,))):
        text = listed(title).replace("0-9", "0 1 2 3 4 5 6 7 8 9")
        for key in keys_of(*classes):
            shown = SHOWN_AS.get(key, key)
            assert shown in text.split() or shown in text, f"{title}: {key} is not in Help"


def test_help_lists_no_key_the_screens_do_not_bind() -> None:
    bound = keys_of(TaperApp, TodayScreen, LogScreen, LogList, HistoryScreen, ChartsScreen,
                    PlanScreen, ProblemsScreen)
    shown = {SHOWN_AS.get(k, k) for k in bound} | {"Tab", "ctrl+p", "PgUp", "PgDn", "0-9"}
    for _, rows in SECTIONS:
        for keys, _ in rows:
            for key in keys.replace(",", " ").split():
                assert key in shown, f"Help lists {key!r}, which nothing binds"

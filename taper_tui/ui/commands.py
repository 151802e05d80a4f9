"""The command palette (ctrl+p): every action of the app, found by typing part of its name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class TaperCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from taper_tui.ui.app import TaperApp

        app = self.app
        if not isinstance(app, TaperApp):
            return []
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Today", "Where each drug stands and the last 30 days",
             partial(app.action_go, "today")),
            ("Log today", "Log today's dose, symptoms and note", partial(app.open_log, app.today)),
            ("Log: open the day shown", "The Log screen", partial(app.action_go, "log")),
            ("Charts", "Dose and symptom burden over time", partial(app.action_go, "charts")),
            ("History", "Every logged day, coloured by burden", partial(app.action_go, "history")),
            ("Plan", "Planned vs actual steps; change the plan", partial(app.action_go, "plan")),
            ("Problems", "Problems found in the journal files", partial(app.action_go, "problems")),
            ("Help", "Keys and what the app does", app.action_help),
            ("Light or dark theme", "Switch between textual-light and textual-dark",
             app.action_toggle_dark),
            ("Reload the journal", "Read the journal folder again", app.reload),
            ("Write a prescriber report (HTML)", "One page for your prescriber, prints cleanly",
             partial(app.action_export, "html")),
            ("Write a prescriber report (Markdown)", "The same report as plain text",
             partial(app.action_export, "md")),
            ("Export calendar (.ics)", "The planned step dates, for your calendar app",
             partial(app.action_export, "ics")),
        ]
        screen = self.screen
        for action, name, help_text in (
            ("day(-1)", "Previous day", "Log: show the day before"),
            ("day(1)", "Next day", "Log: show the day after"),
            ("save", "Save now", "Log: write the day now"),
            ("edit", "Open in editor", "Open this screen's file in $VISUAL / $EDITOR"),
            ("note", "Write a note", "Log: go to the note"),
            ("change_dose", "Another dose amount", "Log: enter the dose taken"),
            ("add_exposure", "Add an exposure", "Log: caffeine, alcohol, a new medicine…"),
            ("range('30d')", "Charts: 30 days", "Charts range"),
            ("range('90d')", "Charts: 90 days", "Charts range"),
            ("range('1y')", "Charts: 1 year", "Charts range"),
            ("range('all')", "Charts: everything", "Charts range"),
            ("toggle_symptoms", "Charts: per symptom or total", "Charts burden view"),
            ("toggle_git", "History: git history of the day", "Commits and diffs of its file"),
            ("preview", "Plan: preview the change", "Plan form"),
            ("write", "Plan: write taper.yaml", "Plan form"),
        ):
            method = action.split("(")[0]
            if hasattr(screen, f"action_{method}"):
                commands.append((name, help_text,
                                 partial(screen.run_action, action)))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)

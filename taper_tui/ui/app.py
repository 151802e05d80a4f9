"""TaperApp: one screen per job (modes), the keys of every screen, and the actions.

The journal is loaded and watched by `ui.journal_app.JournalApp` and saved by
`ui.saving.SavingApp`; this class adds the screens, bindings, palette and actions.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen

from taper_tui.ui.journal_app import POLL_SECONDS
from taper_tui.ui.preload import Preload
from taper_tui.ui.saving import SavingApp

if TYPE_CHECKING:
    from taper_tui.core.model import Journal

__all__ = ["POLL_SECONDS", "TaperApp"]

GC_PAUSE_LIMIT = 3.0
"""Seconds after which the start-up's pause of the garbage collector ends whatever happened."""
SAVE_WAIT = 5.0
"""Seconds quitting waits for the saves still queued (each takes milliseconds)."""


def _screen(module: str, name: str) -> Callable[[], Screen[None]]:
    """A mode factory that imports its screen on first use (Charts pulls in plotext)."""

    def make() -> Screen[None]:
        import importlib

        from textual._context import active_app

        cls: type[Screen[None]] = getattr(importlib.import_module(module), name)
        screen = cls()
        # A new screen's widgets are styled as they mount, with the stylesheet as it is now.
        # Textual marks every new mode screen as styled before the last CSS change, and so
        # re-parses the whole stylesheet and restyles every node twice when a mode first opens
        # (a sixth of the time to Today's first paint).
        screen._css_update_count = active_app.get()._css_update_count
        return screen

    return make


def _taper_commands() -> type[Provider]:
    from taper_tui.ui.commands import TaperCommands

    return TaperCommands


class TaperApp(SavingApp):
    """The taper journal app. `root` is the journal folder; `today` fixes the date."""

    TITLE = "taper-tui"
    # Today's own file is read with the app's: the first screen then adds no stylesheet of its
    # own (each added file re-parses the whole stylesheet).
    CSS_PATH = ["app.tcss", "screens/today.tcss"]  # noqa: RUF012 - Textual's declaration
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 - as MODES
    MODES = {  # noqa: RUF012 - Textual's own declaration is not a ClassVar
        "today": _screen("taper_tui.ui.screens.today", "TodayScreen"),
        "log": _screen("taper_tui.ui.screens.log", "LogScreen"),
        "charts": _screen("taper_tui.ui.screens.charts", "ChartsScreen"),
        "history": _screen("taper_tui.ui.screens.history", "HistoryScreen"),
        "plan": _screen("taper_tui.ui.screens.plan", "PlanScreen"),
        "problems": _screen("taper_tui.ui.screens.problems", "ProblemsScreen"),
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "go('today')", "Today", id="go-today"),
        Binding("l", "go('log')", "Log", id="go-log"),
        Binding("c", "go('charts')", "Charts", id="go-charts"),
        Binding("h", "go('history')", "History", id="go-history"),
        Binding("p", "go('plan')", "Plan", id="go-plan"),
        Binding("exclamation_mark", "go('problems')", "Problems", id="go-problems"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False, id="toggle-dark"),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    COMMANDS = App.COMMANDS | {_taper_commands}

    def __init__(self, root: Path, today: dt.date | None = None, *, first_run: bool = False,
                 poll_seconds: float | None = POLL_SECONDS, preload: Preload | None = None) -> None:
        """`preload`: the first load already running in a child process (`ui.preload.start`)."""
        super().__init__(root, today, poll_seconds=poll_seconds, preload=preload)
        self.first_run = first_run
        self.log_date = self.today
        """The date the Log screen shows (History opens a day through it)."""

    # --- start-up ------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.is_headless:
            self.animation_level = "none"
        self.set_timer(GC_PAUSE_LIMIT, self.start_up_done)
        if self.first_run:
            from taper_tui.ui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen())
            return
        # Today's module is imported while the preload child still reads the journal.
        import taper_tui.ui.screens.today  # noqa: F401

        self.take_ready_glance()
        self.switch_mode("today")
        self.reload()

    def start_up_done(self) -> None:
        """Today is up (or GC_PAUSE_LIMIT has passed): the cyclic garbage collector, paused for
        the start-up (`cli.app_commands`), runs again, never over the objects made so far."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def start_journal(self) -> None:
        """After the first-run form created the journal: load it and show Today."""
        self.first_run = False
        self.switch_mode("today")
        self.reload()

    # --- actions -----------------------------------------------------------------------------

    def action_go(self, mode: str) -> None:
        if self.first_run:
            return
        if mode != "log":
            self.flush_reload()
        self.switch_mode(mode)

    def open_log(self, date: dt.date) -> None:
        self.log_date = date
        self.switch_mode("log")
        log = self._mode_screen("log")
        if log is not None and hasattr(log, "show_date"):
            log.show_date(date)

    async def action_quit(self) -> None:
        """Quit once the note's last words and every queued save are on disk (a note is saved a
        moment after typing stops; quitting inside that moment must not lose it)."""
        log = self._mode_screen("log")
        if log is not None and hasattr(log, "before_exit"):
            await log.before_exit()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SAVE_WAIT
        while self._saving and loop.time() < deadline:
            await asyncio.sleep(0.005)
        self.exit()

    def action_help(self) -> None:
        from taper_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def open_in_editor(self, rel: str, line: int | None = None) -> None:
        """Suspend the app, run the editor on `root/rel`, then reload what changed."""
        from textual.app import SuspendNotSupported

        from taper_tui.ui.editor import editor_command

        command = editor_command(self.root / rel, line)
        try:
            with self.suspend():
                code = subprocess.call(command)
        except SuspendNotSupported:
            code = subprocess.call(command, stdin=subprocess.DEVNULL)
        except OSError as exc:
            self.notify(f"could not start {command[0]}: {exc.strerror or exc}",
                        title="Editor", severity="error")
            return
        if code != 0:
            self.notify(f"{command[0]} exited with status {code}", severity="warning")
        self.poll_journal()

    def action_export(self, kind: str) -> None:
        """Ask where to write the report ("html", "md") or the calendar ("ics"), then write it
        in a thread; the path is prefilled with a file beside the journal folder."""
        from taper_tui.ui.exports import KINDS, default_path, resolve_path
        from taper_tui.ui.screens.dialogs import AskText

        result = self.result
        if result is None:
            self.notify("The journal is still being read; try again in a moment.")
            return

        def chosen(answer: str | None) -> None:
            if answer:
                self._export(result.journal, kind, resolve_path(answer, self.root))

        self.push_screen(AskText(f"Write the {KINDS[kind][0]} to this file:",
                                 str(default_path(self.root, kind, self.today))), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, journal: Journal, kind: str, path: Path) -> None:
        from taper_tui.ui.exports import write_export

        done = write_export(journal, self.today, kind, path)
        if done.error:
            self.call_from_thread(self.notify, done.error, title="Not written", severity="error",
                                  timeout=15)
            return
        notes = "".join(f"\n{note}" for note in done.notes)
        self.call_from_thread(self.notify, f"{done.path}{notes}", title="Written", timeout=15)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Light or dark", "Switch between the light and dark theme",
                            self.action_toggle_dark)

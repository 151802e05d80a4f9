"""TaperApp: one screen per job, the store behind workers, and the journal folder watched.

All disk I/O runs in thread workers that report back by message (`ui.messages`): the first load,
reloads after an outside edit, every save. The app keeps the fingerprint (sha256) of each file as
last read, so a save never overwrites a file that changed on disk meanwhile.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from taper_tui.store.journal_store import LoadResult
from taper_tui.ui.assessment import TodayView
from taper_tui.ui.messages import DaySaved, FilesChanged, JournalLoaded, LoadFailed, SaveFailed

POLL_SECONDS = 1.0
"""How often the journal folder is stat-polled for outside edits."""
RELOAD_AFTER_SAVE = 0.3
"""Saves in quick succession (one per key) share one reload of the journal and the rules."""


def _screen(module: str, name: str) -> Callable[[], Screen[None]]:
    """A mode factory that imports its screen on first use (Charts pulls in plotext)."""

    def make() -> Screen[None]:
        import importlib

        cls: type[Screen[None]] = getattr(importlib.import_module(module), name)
        return cls()

    return make


def _taper_commands() -> type[Provider]:
    from taper_tui.ui.commands import TaperCommands

    return TaperCommands


class TaperApp(App[None]):
    """The taper journal app. `root` is the journal folder; `today` fixes the date."""

    TITLE = "taper-tui"
    CSS_PATH = "app.tcss"
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

    state: reactive[TodayView | None] = reactive(None, always_update=True, init=False)
    """The Today reading of the journal as last loaded; screens watch it to refresh."""

    def __init__(self, root: Path, today: dt.date | None = None, *, first_run: bool = False,
                 poll_seconds: float | None = POLL_SECONDS) -> None:
        super().__init__()
        self.root = Path(root)
        self.today = today or dt.date.today()
        self.first_run = first_run
        self.poll_seconds = poll_seconds
        self.result: LoadResult | None = None
        self.fingerprints: dict[str, str] = {}
        self.loaded = threading.Event()
        self._save_lock = threading.Lock()
        self._watcher: object | None = None
        self._load_seq = 0
        self._applied_seq = -1
        self._save_gen = 0
        self._saved_at: dict[str, int] = {}
        self._loading = False
        self._pending: tuple[str, ...] | None = None
        self._reload_timer: Timer | None = None
        self.log_date = self.today
        """The date the Log screen shows (History opens a day through it)."""

    # --- start-up ------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.is_headless:
            self.animation_level = "none"
        if self.first_run:
            from taper_tui.ui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen())
            return
        self.switch_mode("today")
        self.reload()

    def start_journal(self) -> None:
        """After the first-run form created the journal: load it and show Today."""
        self.first_run = False
        self.switch_mode("today")
        self.reload()

    @property
    def writable(self) -> bool:
        return self.result is not None and self.result.writable

    # --- loading and watching --------------------------------------------------------------

    def reload(self, changed: tuple[str, ...] = ()) -> None:
        """Load the journal again; while a load runs, one more is queued (never two at once:
        each reload runs the rules, which take a good part of a second on a long journal)."""
        if self._loading:
            self._pending = (*self._pending, *changed) if self._pending is not None else changed
            return
        self._loading = True
        self.load_journal(changed)

    def _reload_later(self) -> None:
        if self._reload_timer is not None:
            self._reload_timer.stop()
        self._reload_timer = self.set_timer(RELOAD_AFTER_SAVE, self.reload)

    @work(thread=True, group="load", exit_on_error=False)
    def load_journal(self, changed: tuple[str, ...] = ()) -> None:
        from taper_tui.store import NotAJournal, load_journal
        from taper_tui.ui.assessment import assess

        self._load_seq += 1
        seq, save_gen = self._load_seq, self._save_gen
        try:
            result = load_journal(self.root, self.today)
        except NotAJournal as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        except Exception as exc:
            self.post_message(LoadFailed(f"{type(exc).__name__}: {exc}"))
            raise
        from taper_tui.store.drug_data import all_drug_facts

        try:
            facts = all_drug_facts(result.journal.settings)
        except Exception:
            facts = {}
        view = assess(result.journal, self.today, facts)
        if self._watcher is None:
            from taper_tui.store.watch import JournalWatcher

            self._watcher = JournalWatcher(self.root)
        self.post_message(JournalLoaded(result, view, changed, seq, save_gen))

    def _load_done(self) -> None:
        self._loading = False
        if self._pending is not None:
            changed, self._pending = self._pending, None
            self.reload(tuple(dict.fromkeys(changed)))

    @on(JournalLoaded)
    def _loaded(self, message: JournalLoaded) -> None:
        self._load_done()
        if message.seq < self._applied_seq:
            return
        self._applied_seq = message.seq
        first = self.result is None
        self.result = message.result
        fingerprints = dict(message.result.fingerprints)
        for rel, gen in self._saved_at.items():
            if gen >= message.save_gen and rel in self.fingerprints:
                fingerprints[rel] = self.fingerprints[rel]  # saved after this load began
        self.fingerprints = fingerprints
        # The folder's name only: the full path is in Help, and snapshots stay reproducible.
        self.sub_title = self.root.name + ("" if message.result.writable else "  (read-only)")
        self.state = message.view
        self.loaded.set()
        if first and self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll_journal, name="poll")
        if first and not message.result.writable:
            self.notify("The journal folder is read-only: you can read it, but nothing can be "
                        "saved.", title="Read-only", severity="warning", timeout=8)

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self._load_done()
        self.notify(message.error, title="Cannot read the journal", severity="error", timeout=15)

    def poll_journal(self) -> None:
        self._poll()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll(self) -> None:
        from taper_tui.store.watch import JournalWatcher

        watcher = self._watcher
        if not isinstance(watcher, JournalWatcher):
            return
        with self._save_lock:
            changed = watcher.poll()
        if changed:
            self.post_message(FilesChanged(changed))

    @on(FilesChanged)
    def _files_changed(self, message: FilesChanged) -> None:
        # Screens with unsaved input hear about it first (they may ask the person what to keep).
        for screen in self.screen_stack:
            if hasattr(screen, "files_changed"):
                screen.files_changed(message.paths)
        log = self._mode_screen("log")
        if log is not None and log is not self.screen and hasattr(log, "files_changed"):
            log.files_changed(message.paths)
        self.reload(message.paths)

    def _mode_screen(self, mode: str) -> Screen[object] | None:
        stack = self._screen_stacks.get(mode)
        return stack[0] if stack else None

    # --- saving ------------------------------------------------------------------------------

    @work(thread=True, group="save", exit_on_error=False)
    def save_day(self, patch: object, token: int) -> None:
        """Write one `DayPatch` (thread); the result comes back as DaySaved or SaveFailed."""
        from taper_tui.store.atomic import WriteError
        from taper_tui.store.day_writer import ConflictError, DayPatch, UnsafeEditError, save_day
        from taper_tui.store.journal_store import day_relpath
        from taper_tui.store.watch import JournalWatcher

        assert isinstance(patch, DayPatch)
        rel = day_relpath(patch.date)
        if not self.writable:
            self.post_message(SaveFailed(rel, "the journal is read-only", False))
            return
        with self._save_lock:
            expected = self.fingerprints.get(rel)
            try:
                saved = save_day(self.root, patch, expected, expect_missing=expected is None)
            except ConflictError as exc:
                self.post_message(SaveFailed(rel, str(exc), True))
                return
            except (UnsafeEditError, WriteError, OSError) as exc:
                self.post_message(SaveFailed(rel, str(exc), False))
                return
            self.fingerprints[rel] = saved.sha
            self._saved_at[rel] = self._save_gen
            self._save_gen += 1
            if isinstance(self._watcher, JournalWatcher):
                self._watcher.accept(rel)
        self.post_message(DaySaved(rel, saved.changed, token))

    @on(DaySaved)
    def _day_saved(self, message: DaySaved) -> None:
        if message.changed:
            self._reload_later()
        log = self._mode_screen("log")
        if log is not None and hasattr(log, "save_result"):
            log.save_result(message)

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        log = self._mode_screen("log")
        if log is not None and hasattr(log, "save_failed"):
            log.save_failed(message)
        else:
            self.notify(message.error, title="Not saved", severity="error")

    def accept_disk_version(self, rel: str, sha: str | None) -> None:
        """Keep-for-later: the next save applies the form's input on top of this version."""
        if sha is None:
            self.fingerprints.pop(rel, None)
        else:
            self.fingerprints[rel] = sha

    # --- actions -----------------------------------------------------------------------------

    def action_go(self, mode: str) -> None:
        if self.first_run:
            return
        self.switch_mode(mode)

    def open_log(self, date: dt.date) -> None:
        self.log_date = date
        self.switch_mode("log")
        log = self._mode_screen("log")
        if log is not None and hasattr(log, "show_date"):
            log.show_date(date)

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

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Light or dark", "Switch between the light and dark theme",
                            self.action_toggle_dark)

"""The journal behind the app: loaded, reloaded and watched in thread workers.

All disk I/O runs in thread workers that report back by message (`ui.messages`): the first load,
reloads after an outside edit, every save (`ui.saving`). The first load may come from a child
process forked before Textual was imported (`ui.preload`): then Today's `glance` arrives first,
and the whole journal only after Today has painted. The app keeps the fingerprint (sha256) of
each file as last read, so a save never overwrites a file that changed on disk meanwhile.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from taper_tui.ui.glance import Glance
from taper_tui.ui.messages import FilesChanged, GlanceReady, JournalLoaded, LoadFailed
from taper_tui.ui.preload import Preload

if TYPE_CHECKING:  # not at start-up: the app paints Today before it needs the core
    from taper_tui.store.journal_store import LoadResult
    from taper_tui.ui.assessment import TodayView

POLL_SECONDS = 1.0
"""How often the journal folder is stat-polled for outside edits."""
GLANCE_WAIT = 0.4
"""Seconds the app waits at start-up for Today's glance before it paints a placeholder."""
RELOAD_AFTER_SAVE = 0.3
"""Saves in quick succession (one per key) share one reload of the journal and the rules."""
RELOAD_WHILE_LOGGING = 10.0
"""Seconds without a save, while the Log screen stays open, before the journal is re-read."""


class JournalApp(App[None]):
    """The loading and watching half of `TaperApp`. `root` is the journal folder; `today` fixes
    the date."""

    state: reactive[TodayView | None] = reactive(None, always_update=True, init=False)
    """The Today reading of the journal as last loaded; screens watch it to refresh."""
    glance: reactive[Glance | None] = reactive(None, always_update=True, init=False)
    """What the Today screen shows (set before `state` at start-up; only when it changed)."""

    def __init__(self, root: Path, today: dt.date | None = None, *,
                 poll_seconds: float | None = POLL_SECONDS, preload: Preload | None = None) -> None:
        super().__init__()
        self.root = Path(root)
        self.today = today or dt.date.today()
        self._preload = preload if preload and preload.for_app(self.root, self.today) else None
        if preload is not None and self._preload is None:
            preload.close()
        self.today_painted = threading.Event()
        """Set once Today has painted a glance (the screenshot waits for it)."""
        self.poll_seconds = poll_seconds
        self.result: LoadResult | None = None
        self.fingerprints: dict[str, str] = {}
        self.loaded = threading.Event()
        self._save_lock = threading.Lock()
        """Held while a file is written, and while the watcher polls (our writes are no news)."""
        self._watcher: object | None = None
        self._load_seq = 0
        self._applied_seq = -1
        self._save_gen = 0
        self._saved_at: dict[str, int] = {}
        self._stale: set[str] = set()
        self._loading = False
        self._pending: tuple[str, ...] | None = None
        self._reload_timer: Timer | None = None

    @property
    def writable(self) -> bool:
        return self.result is not None and self.result.writable

    def is_stale(self, rel: str) -> bool:
        """The journal shown was read before the app's latest save of `rel` finished."""
        return rel in self._stale

    def _mode_screen(self, mode: str) -> Screen[object] | None:
        stack = self._screen_stacks.get(mode)
        return stack[0] if stack else None

    def reload(self, changed: tuple[str, ...] = ()) -> None:
        """Load the journal again; while a load runs, one more is queued (never two at once:
        each reload runs the rules, which take a good part of a second on a long journal)."""
        if self._loading:
            self._pending = (*self._pending, *changed) if self._pending is not None else changed
            return
        self._loading = True
        self.load_journal(changed)

    def _reload_later(self) -> None:
        """After a save: re-read the journal and run the rules, once the saves pause. While the
        Log screen is open that waits until it is left (`flush_reload`) or RELOAD_WHILE_LOGGING
        passes: the Log shows its own input, and a reload (a third of a second of work on a
        ten-year journal) would slow the saves of the keys typed meanwhile."""
        if self._reload_timer is not None:
            self._reload_timer.stop()
        logging = self.current_mode == "log"
        self._reload_timer = self.set_timer(
            RELOAD_WHILE_LOGGING if logging else RELOAD_AFTER_SAVE, self._reload_due)

    def _reload_due(self) -> None:
        self._reload_timer = None
        self.reload()

    def flush_reload(self) -> None:
        """Run now the reload that saves put off (the Log screen is being left)."""
        if self._reload_timer is not None:
            self._reload_timer.stop()
            self._reload_due()

    @work(thread=True, group="load", exit_on_error=False)
    def load_journal(self, changed: tuple[str, ...] = ()) -> None:
        self._load_seq += 1
        seq, save_gen = self._load_seq, self._save_gen
        preload, self._preload = self._preload, None
        if preload is not None:
            try:
                if self._from_preload(preload, changed, seq, save_gen):
                    return
            finally:
                preload.close()
        # Imported here, not above: at start-up this thread would import the core while the
        # event loop paints Today from the preload's glance (both need the GIL).
        from taper_tui.store import NotAJournal
        from taper_tui.ui.glance_build import glance
        from taper_tui.ui.preload import read_journal

        try:
            result, view = read_journal(self.root, self.today)
        except NotAJournal as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        except Exception as exc:
            self.post_message(LoadFailed(f"{type(exc).__name__}: {exc}"))
            raise
        if self._watcher is None:
            from taper_tui.store.watch import JournalWatcher

            self._watcher = JournalWatcher(self.root)
        self.post_message(JournalLoaded(result, view, changed, seq, save_gen,
                                        glance(result, view)))

    def _from_preload(self, preload: Preload, changed: tuple[str, ...], seq: int,
                      save_gen: int) -> bool:
        """Take the first load from the preload child (worker thread); False: load it here."""
        first = preload.first()
        if not isinstance(first, Glance):
            return False
        self.post_message(GlanceReady(first, seq))
        if not preload.full:
            return True  # the caller wants Today only (the screenshot)
        # Unpickling the whole journal holds the GIL for tens of ms: not before Today is up.
        self.today_painted.wait(5.0)
        rest = preload.read()
        if not (isinstance(rest, tuple) and len(rest) == 3):
            return False
        result, view, watcher = rest
        if self._watcher is None:
            self._watcher = watcher
        self.post_message(JournalLoaded(result, view, changed, seq, save_gen, first))
        return True

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
        self._stale = {rel for rel, gen in self._saved_at.items() if gen >= message.save_gen}
        self._set_sub_title(message.result.writable)
        self.state = message.view
        if message.glance is None:
            from taper_tui.ui.glance_build import glance

            message.glance = glance(message.result, message.view)
        if message.glance != self.glance:
            self.glance = message.glance
        self.loaded.set()
        if gc.isenabled():
            # The journal just loaded lives until the next load: the collector need not walk
            # its many objects again at every collection (a reload's pauses, and the saves'
            # latency during them, shrink by a fifth or more).
            gc.freeze()
        if first and self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll_journal, name="poll")
        if first and not message.result.writable:
            self.notify("The journal folder is read-only: you can read it, but nothing can be "
                        "saved.", title="Read-only", severity="warning", timeout=8)

    def take_ready_glance(self) -> None:
        """At start-up, before Today is composed: the preload's glance if it comes within
        GLANCE_WAIT, so that Today is laid out once, complete (a placeholder laid out first
        delays it). Otherwise Today shows "Reading the journal…" and a load worker takes it."""
        if self._preload is not None and self.glance is None:
            glance = self._preload.first(wait=GLANCE_WAIT)
            if isinstance(glance, Glance):
                self._set_sub_title(glance.writable)
                self.glance = glance

    def _set_sub_title(self, writable: bool) -> None:
        # The folder's name only: the full path is in Help, and snapshots stay reproducible.
        self.sub_title = self.root.name + ("" if writable else "  (read-only)")

    @on(GlanceReady)
    def _glance_ready(self, message: GlanceReady) -> None:
        if message.seq > self._applied_seq and self.glance is None:
            self._set_sub_title(message.glance.writable)
            self.glance = message.glance

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

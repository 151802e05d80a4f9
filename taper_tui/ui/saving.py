"""Saving from the app: one ordered save queue per app, and a git commit after a burst of saves.

`save_day` queues the Log form's patch; one writer thread at a time drains the queue, so saves
land in the order typed and a newer patch of a day replaces a waiting older one. When taper.yaml
turns on `git: {autocommit: true}`, the day file is committed (`git_sync.autocommit_day`) after
the last write of a burst: one commit per burst of keys, never one per key.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work

from taper_tui.ui.journal_app import POLL_SECONDS, JournalApp
from taper_tui.ui.messages import Committed, DaySaved, SaveFailed

if TYPE_CHECKING:
    from taper_tui.store.day_writer import SaveResult
    from taper_tui.ui.preload import Preload


class SavingApp(JournalApp):
    """The saving half of `TaperApp` (see the module docstring)."""

    def __init__(self, root: Path, today: dt.date | None = None, *,
                 poll_seconds: float | None = POLL_SECONDS, preload: Preload | None = None) -> None:
        super().__init__(root, today, poll_seconds=poll_seconds, preload=preload)
        self._queue_lock = threading.Lock()
        self._save_queue: dict[str, tuple[object, int]] = {}
        self._saving = False
        self._said: set[str] = set()
        self.git_notes: dict[str, str] = {}
        """Per day file: the last autocommit ("committed 1a2b3c"), shown in the Log head."""

    def save_day(self, patch: object, token: int) -> None:
        """Queue one `DayPatch`; results come back as DaySaved or SaveFailed, in order.

        One writer thread at a time drains the queue, so saves land in the order typed. A newer
        patch for a day replaces a waiting older one (the form's patch holds every touched field,
        so nothing is lost and a burst of keys is one write)."""
        from taper_tui.store.day_patch import DayPatch
        from taper_tui.store.journal_store import day_relpath

        assert isinstance(patch, DayPatch)
        with self._queue_lock:
            self._save_queue[day_relpath(patch.date)] = (patch, token)
            if self._saving:
                return
            self._saving = True
        self._save_worker()

    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(self) -> None:
        to_commit: dict[str, SaveResult] = {}
        try:
            while True:
                with self._queue_lock:
                    if not self._save_queue:
                        self._saving = False
                        return
                    rel = next(iter(self._save_queue))
                    patch, token = self._save_queue.pop(rel)
                saved = self._write_day(rel, patch, token)
                if saved is None or not self._commits:
                    continue
                if saved.changed or rel in to_commit:
                    to_commit[rel] = saved
                with self._queue_lock:
                    more = rel in self._save_queue
                if not more and rel in to_commit:  # one commit after the last write of a burst
                    self._commit(to_commit.pop(rel))
        except BaseException:
            with self._queue_lock:
                self._saving = False
            raise

    def _write_day(self, rel: str, patch: object, token: int) -> SaveResult | None:
        """Write one patch (writer thread); None when it was refused (SaveFailed posted)."""
        from taper_tui.store.atomic import WriteError
        from taper_tui.store.day_patch import DayPatch
        from taper_tui.store.day_writer import ConflictError, UnsafeEditError, save_day
        from taper_tui.store.watch import JournalWatcher

        assert isinstance(patch, DayPatch)
        if not self.writable:
            self.post_message(SaveFailed(rel, "the journal is read-only", False))
            return None
        with self._save_lock:
            expected = self.fingerprints.get(rel)
            try:
                saved = save_day(self.root, patch, expected, expect_missing=expected is None)
            except ConflictError as exc:
                self.post_message(SaveFailed(rel, str(exc), True))
                return None
            except (UnsafeEditError, WriteError, OSError) as exc:
                self.post_message(SaveFailed(rel, str(exc), False))
                return None
            self.fingerprints[rel] = saved.sha
            self._saved_at[rel] = self._save_gen
            self._save_gen += 1
            if isinstance(self._watcher, JournalWatcher):
                self._watcher.accept(rel)
        self.post_message(DaySaved(rel, saved.changed, token))
        return saved

    @property
    def _commits(self) -> bool:
        return self.result is not None and self.result.journal.settings.git_autocommit

    def _commit(self, saved: SaveResult) -> None:
        """Commit just the day file written (git_sync never raises; it says what it did)."""
        from taper_tui.store.git_sync import autocommit_day

        date = dt.date.fromisoformat(Path(saved.rel).stem)
        result = autocommit_day(self.root, saved.rel, saved.day, date)
        self.post_message(Committed(saved.rel, result.committed, result.message, result.sha))

    @on(Committed)
    def _committed(self, message: Committed) -> None:
        if message.committed and message.sha:
            self.git_notes[message.rel] = f"committed {message.sha}"
            log = self._mode_screen("log")
            if log is not None and hasattr(log, "render_head"):
                log.render_head()
        elif message.message and message.message not in self._said:
            self._said.add(message.message)  # each problem once, not once per key
            self.notify(message.message, title="git", severity="warning", timeout=10)

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

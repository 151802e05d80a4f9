"""App-level messages: results of the store workers, posted from threads, handled on the loop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from taper_tui.ui.glance import Glance

if TYPE_CHECKING:  # not at start-up: the app paints Today before it needs the core
    from taper_tui.store.journal_store import LoadResult
    from taper_tui.ui.assessment import TodayView


@dataclass
class JournalLoaded(Message):
    """A (re)load finished: the whole journal, its problems and the Today reading."""

    result: LoadResult
    view: TodayView
    changed: tuple[str, ...] = ()
    """Relative paths whose outside change caused this reload (empty for the first load)."""
    seq: int = 0
    """Order in which the loads started: an older load arriving late is ignored."""
    save_gen: int = 0
    """The app's save counter when the load started: files saved after it keep their newer sha."""
    glance: Glance | None = None
    """What Today shows of this load (computed from `result` and `view` when None)."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, JournalLoaded) and not message.changed


@dataclass
class GlanceReady(Message):
    """At start-up, what Today shows, before the whole journal (`ui.preload`)."""

    glance: Glance
    seq: int


@dataclass
class LoadFailed(Message):
    """taper.yaml could not be read at all."""

    error: str


@dataclass
class FilesChanged(Message):
    """The watcher saw files change outside the app (relative paths)."""

    paths: tuple[str, ...]


@dataclass
class DaySaved(Message):
    """A day file was written (or found already up to date: `changed` False)."""

    rel: str
    changed: bool
    token: int
    """The form's edit counter at the time of the save: a later edit keeps the form dirty."""


@dataclass
class SaveFailed(Message):
    """A save was refused. `conflict`: the file changed outside since it was read."""

    rel: str
    error: str
    conflict: bool


@dataclass
class Committed(Message):
    """An autocommit after a save ran (`git_sync.autocommit_day`); `message` is for the person."""

    rel: str
    committed: bool
    message: str
    sha: str | None

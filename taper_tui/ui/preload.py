"""The app's first load of the journal, in a forked child process while the app imports Textual.

Start-up is two jobs of about the same length that share nothing until the end: importing and
starting Textual, and reading the journal and running the rules. In one process they take turns
on one core (the GIL); `start(root, today)`, called before Textual is imported, forks a child that
does the second on the other core and sends back, through a pipe:

1. the `Glance` (what Today paints: small, so Today paints as soon as it arrives);
2. then, unless the caller only wants Today (`full=False`: the screenshot), the whole
   `LoadResult`, the `TodayView` and the `JournalWatcher` as of that load.

The frames are pickles: they come from our own child over an anonymous pipe, never from a file
(the on-disk cache is JSON). Any failure in the child (or a platform without `fork`) leaves the
load to the app's ordinary thread worker, which reports errors as it always did.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
import select
import signal
import struct
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from taper_tui.store.journal_store import LoadResult
    from taper_tui.ui.assessment import TodayView

_HEADER = struct.Struct("!Q")
MEMO_NAME = "glance"
"""`.taper-cache/memo-glance.json`: Today's glance of the last settled start-up."""


class Preload:
    """The parent's end: read the frames in order (from a worker thread: reads block)."""

    def __init__(self, pid: int, fd: int, root: Path, today: dt.date, full: bool) -> None:
        self.pid = pid
        self.fd = fd
        self.root = root
        self.today = today
        self.full = full
        self._first: tuple[Any | None] | None = None

    def first(self, wait: float | None = None) -> Any | None:
        """The first frame (the glance), read once. With `wait` (seconds): None unless it
        arrives within that time."""
        if self._first is None:
            try:
                if wait is not None and not select.select([self.fd], [], [], wait)[0]:
                    return None
            except (OSError, ValueError):  # closed: there is nothing to read
                self._first = (None,)
            else:
                self._first = (self.read(),)
        return self._first[0]

    def for_app(self, root: Path, today: dt.date) -> bool:
        return Path(root) == self.root and today == self.today

    def read(self) -> Any | None:
        """The next frame, or None when the child failed or has nothing more to send."""
        try:
            head = self._read_exactly(_HEADER.size)
            if head is None:
                return None
            body = self._read_exactly(_HEADER.unpack(head)[0])
            return None if body is None else pickle.loads(body)  # our own child's
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            return None

    def _read_exactly(self, size: int) -> bytes | None:
        chunks: list[bytes] = []
        while size:
            chunk = os.read(self.fd, min(size, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        """Stop the child if it still runs (the app is leaving) and reap it."""
        with contextlib.suppress(OSError):
            os.close(self.fd)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)


def can_fork() -> bool:
    """fork() without exec is safe here only before any thread exists; macOS's system libraries
    object to it even then, so only Linux and the BSDs preload."""
    return hasattr(os, "fork") and sys.platform != "darwin" and not sys.platform.startswith("win")


def start(root: Path, today: dt.date, *, full: bool = True) -> Preload | None:
    """Fork the child (call before importing Textual or starting a thread); None when this
    platform cannot."""
    if not can_fork():
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        code = 1
        try:
            _child(Path(root), today, full, write_fd)
            code = 0
        except BaseException:  # noqa: S110 - the parent loads the journal itself
            pass
        finally:
            os._exit(code)
    os.close(write_fd)
    return Preload(pid, read_fd, Path(root), today, full)


def read_journal(root: Path, today: dt.date) -> tuple[LoadResult, TodayView]:
    """Load the journal and read it for Today (the rules with the drug data; without the drug
    data when it cannot be read). Raises what `store.load_journal` raises."""
    from taper_tui.store import load_journal
    from taper_tui.store.drug_data import all_drug_facts
    from taper_tui.ui.assessment import assess

    result = load_journal(root, today)
    try:
        facts = all_drug_facts(result.journal.settings)
    except Exception:
        facts = {}
    return result, assess(result.journal, today, facts)


def _child(root: Path, today: dt.date, full: bool, fd: int) -> None:
    from taper_tui.store import result_memo
    from taper_tui.ui.glance import GLANCE_FORMAT, glance_from_json, glance_to_json

    # An unchanged journal shows the same Today: the glance memoised under a key over every
    # file (and the folder's write access, which the glance shows) is sent before any loading.
    days = root / "days"
    keyed = result_memo.journal_key(
        root, MEMO_NAME, str(GLANCE_FORMAT), today.isoformat(),
        str(os.access(root, os.W_OK)), str(not days.exists() or os.access(days, os.W_OK)))
    memo = None if keyed is None else glance_from_json(
        result_memo.read_memo(root, MEMO_NAME, keyed[0]))
    if memo is not None and memo.today == today:
        _send(fd, memo)
        if not full:
            os.close(fd)
            return
    from taper_tui.store.watch import JournalWatcher
    from taper_tui.ui.glance_build import glance

    result, view = read_journal(root, today)
    if memo is None:
        made = glance(result, view)
        _send(fd, made)
        if keyed is not None and keyed[1]:
            result_memo.write_memo(root, MEMO_NAME, keyed[0], glance_to_json(made))
    if full:
        _send(fd, (result, view, JournalWatcher(root)))
    os.close(fd)


def _send(fd: int, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]

"""Memoised results: a command's whole output, stored under a key over everything it depends on.

An unchanged journal gives an unchanged result, so `status` (and the app's start-up) can skip the
load and the rules entirely: `journal_key` lists and stats the journal (no file is read), and
`read_memo` returns what was stored for exactly that key. Like the derived cache it is only an
accelerator: JSON in the journal's ignored `.taper-cache/` (data only: the folder may be synced),
ignored whenever missing, corrupt, truncated or of another format, and never written where the
loader could not write its cache.

The key covers every input of a result: the caller's `parts` (command, dates, output form), the
program (version, interpreter and the newest change to the package's `.py`/`.yaml` files, so an
edit to the code during development never serves an old result), the drug data file, and the
size, mtime, ctime and inode of `taper.yaml`, of every visible entry at the journal's top level
(never `.git/` or `.taper-cache/`) and of every entry under `days/`, hidden and stray files
included (the loader reports stray files). A memo may be written only when the key is `settled`:
no file changed within `RACY_NS` of now, because a second edit inside the file system's timestamp
granularity could keep size, mtime and ctime (`layout.RACY_NS`, as for the derived cache).

This module imports only the standard library and `store.atomic` (writes, SHA-256): a memo
hit must not pay for `taper_tui.core` and its dataclasses.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

from taper_tui import __version__
from taper_tui.store.atomic import WriteError, atomic_write, sha256
from taper_tui.store.layout import CACHE_DIR, DAYS_DIR, RACY_NS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a few ms) on a hit
if TYPE_CHECKING:
    from typing import Any

FORMAT = 1
"""Layout of a memo file; a memo of any other format is ignored (and rewritten)."""

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_PACKAGE = Path(__file__).resolve().parent.parent
_DRUG_DATA = _PACKAGE / "data" / "drugs.yaml"
_program: tuple[str, int] | None = None


def _newest_source(folder: str) -> int:
    """The newest mtime/ctime (ns) of the `.py` and `.yaml` files under `folder`."""
    newest = 0
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                if name != "__pycache__":
                    newest = max(newest, _newest_source(entry.path))
            elif name.endswith((".py", ".yaml")):
                st = entry.stat()
                newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
        except OSError:
            continue
    return newest


def _program_fingerprint() -> tuple[str, int]:
    """(text naming this program, newest change of its sources), once per process: the code that
    runs is the code that was imported, however its files change later."""
    global _program
    if _program is None:
        _program = (f"taper_tui {__version__} {sys.implementation.cache_tag} {_PACKAGE}",
                    _newest_source(str(_PACKAGE)))
    return _program


def _stat_record(rel: str, path: str, out: list[str]) -> int:
    """Append `rel`'s record (following symlinks, as the loader reads through them); return its
    newest mtime/ctime, 0 when it cannot be statted (then the record says so)."""
    try:
        st = os.stat(path)
    except OSError:
        out.append(f"{rel}\0?")
        return 0
    out.append(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
    return max(st.st_mtime_ns, st.st_ctime_ns)


def _walk_days(folder: str, rel: str, out: list[str]) -> int:
    """Records for every entry under `folder`, recursing as the loader does (into real folders,
    not symlinks to them); the newest change seen."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        out.append(f"{rel}/\0unlistable {exc.errno}")
        return 0
    newest = 0
    for entry in entries:
        child = f"{rel}/{entry.name}"
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            out.append(f"{child}/")
            newest = max(newest, _walk_days(entry.path, child, out))
            continue
        try:
            st = entry.stat()
        except OSError:
            out.append(f"{child}\0?")
            continue
        out.append(f"{child}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    return newest


def journal_key(root: Path, *parts: str) -> tuple[str, bool] | None:
    """(key, settled). key = sha256 hex over `parts`, the program's fingerprint and every journal
    file's (relative path, size, mtime_ns, ctime_ns). settled = no file changed within
    RACY_NS (2 s) of now, so a memo written under this key can be trusted later.
    None when the folder cannot be listed."""
    now = time.time_ns()
    top = os.fspath(root)
    try:
        with os.scandir(top) as it:
            # Hidden top-level entries are not keyed: `.git/`, our own `.taper-cache/`, editor
            # swap files and sync tools' folders change under us, and the loader reads none.
            names = sorted(e.name for e in it if not e.name.startswith("."))
    except OSError:
        return None
    program, newest = _program_fingerprint()
    records = [json.dumps(parts), program, str(newest)]
    newest = max(newest, _stat_record("drugs.yaml", str(_DRUG_DATA), records))
    for name in names:
        path = os.path.join(top, name)
        newest = max(newest, _stat_record(name, path, records))
        if name == DAYS_DIR and os.path.isdir(path):
            newest = max(newest, _walk_days(path, DAYS_DIR, records))
    # Records cannot be confused: the first four are always these (JSON escapes NUL), and a
    # record is never empty and never holds two NULs in a row, the separator.
    text = "\0\0".join(records)
    key = sha256(text.encode("utf-8", "surrogateescape"))
    return key, newest < now - RACY_NS


def memo_path(root: Path, name: str) -> Path:
    """Where the memo `name` lives; a name that is not a plain word is a programming error."""
    if not _NAME.match(name):
        raise ValueError(f"not a memo name: {name!r}")
    return Path(root) / CACHE_DIR / f"memo-{name}.json"


def read_memo(root: Path, name: str, key: str) -> Any | None:
    """The value stored under `name` for exactly `key`; None when absent, corrupt, truncated,
    another format or another key. Never raises for a bad file."""
    path = memo_path(root, name)
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    return data.get("value")


def write_memo(root: Path, name: str, key: str, value: Any) -> None:
    """Atomically store a JSON value in the journal's .taper-cache/ (e.g. memo-<name>.json);
    silently skipped when the folder is read-only or the write fails (it is only an accelerator).

    Written only into an existing `.taper-cache/`: the loader creates it (with its README) when
    the journal is writable, and this never creates it, so a read-only journal stays untouched.
    Call it only with a settled key."""
    path = memo_path(root, name)
    if not path.parent.is_dir():
        return
    try:
        payload = json.dumps({"format": FORMAT, "key": key, "value": value},
                             ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return
    try:
        atomic_write(path, payload)
    except (OSError, WriteError):
        return

"""Atomic, durable file replacement and content fingerprints.

A write goes to a temporary file in the same folder, is flushed and fsynced, renamed over the old
file, and the folder is fsynced: a process killed at any moment leaves the old file or the new one,
never a mixture. On failure the temporary file is removed and the original is untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

NEW_FILE_MODE = 0o600
"""Health data: new files are readable by their owner only."""
NEW_DIR_MODE = 0o700


class WriteError(Exception):
    """A write that could not be done; the original file is intact."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Some platforms cannot open folders; the rename itself is still atomic.
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_dirs(folder: Path) -> None:
    """Create `folder` and its parents readable by the owner only."""
    folder.mkdir(mode=NEW_DIR_MODE, parents=True, exist_ok=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically and durably; raise WriteError on any failure."""
    import tempfile  # Here, not at the top: loading a journal never needs it.

    folder = path.parent
    try:
        make_dirs(folder)
        mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(_describe(path, exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteError(_describe(path, exc)) from exc
    _fsync_dir(folder)
    _remove_stale_temps(path)


STALE_TEMP_SECONDS = 600
"""A writer killed mid-write leaves its temporary file behind; one this old has no writer left."""


def _remove_stale_temps(path: Path) -> None:
    """Remove temporary files of `path` left by writers that were killed (kill -9, power loss)."""
    import time

    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()


def _describe(path: Path, exc: OSError) -> str:
    import errno

    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the journal is on a read-only file system",
        errno.EACCES: "permission denied (the journal folder is read-only)",
        errno.EPERM: "permission denied (the journal folder is read-only)",
        errno.EIO: "an input/output error from the disk",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"could not save {path}: {reason}; the file on disk is unchanged"

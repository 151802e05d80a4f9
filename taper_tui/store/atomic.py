"""Atomic, durable file replacement and content fingerprints.

A write goes to a temporary file in the same folder, is flushed and fsynced, renamed over the old
file, and the folder is fsynced: a process killed at any moment leaves the old file or the new one,
never a mixture. On failure the temporary file is removed and the original is untouched.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a `status` memo hit)

# The interpreter's own SHA-256 where it has one: `hashlib` loads OpenSSL (about 4 ms at start-up),
# which a command that hashes one small file never repays. Same digests; CPython's `random` does
# the same with `_sha512`.
if TYPE_CHECKING:
    from hashlib import sha256 as _sha256
else:
    try:
        from _sha256 import sha256 as _sha256  # Python 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as _sha256  # Python 3.12+
        except ImportError:  # a build without the builtin hashes
            from hashlib import sha256 as _sha256

NEW_FILE_MODE = 0o600
"""Health data: new files are readable by their owner only."""
NEW_DIR_MODE = 0o700


class WriteError(Exception):
    """A write that could not be done; the original file is intact."""


def sha256(data: bytes) -> str:
    """The hex SHA-256 of `data` (the same as `hashlib.sha256(data).hexdigest()`)."""
    return _sha256(data).hexdigest()


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


_TEMP_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_BINARY", 0))
_TEMP_TRIES = 100


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file next to `path`, `.NAME.RANDOM.tmp`, mode 0600, open for writing.

    What `tempfile.mkstemp` does (exclusive create, no symlink followed, a fresh random name until
    one is free), without importing `tempfile` and `random` (about 2 ms) for one file."""
    for _ in range(_TEMP_TRIES):
        tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(tmp, _TEMP_FLAGS, NEW_FILE_MODE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name next to {path}")


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically and durably; raise WriteError on any failure."""
    folder = path.parent
    try:
        make_dirs(folder)
        mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
        fd, tmp = _create_temp(path)
    except OSError as exc:
        raise WriteError(_describe(path, exc)) from exc
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
    prefix = f".{path.name}."
    # The names `_create_temp` makes (and `tempfile.mkstemp` made): `.NAME.*.tmp`.
    try:
        with os.scandir(path.parent) as entries:
            stale = [e.path for e in entries if e.name.startswith(prefix)
                     and e.name.endswith(".tmp") and len(e.name) >= len(prefix) + 4]
    except OSError:
        return
    for tmp in stale:
        with contextlib.suppress(OSError):
            if os.stat(tmp).st_mtime < cutoff:
                os.unlink(tmp)


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

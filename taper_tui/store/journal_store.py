"""Loading a whole journal folder: `load_journal(root, today) -> LoadResult`.

Reads `taper.yaml` and every day file under `days/`, reusing the derived cache for files whose
size and mtime are unchanged, and never raises on user data: every problem is a `Problem`, and the
valid days are still returned.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from taper_tui.core.model import Day, Journal, Settings
from taper_tui.core.problems import Problem, Severity, has_errors, sort_key
from taper_tui.store import cache as cache_mod
from taper_tui.store.atomic import sha256
from taper_tui.store.decode_day import Pending, decode_day
from taper_tui.store.decode_settings import decode_settings
from taper_tui.store.layout import DAYS_DIR, SETTINGS_FILE

# The YAML module (and ruamel.yaml with it) is imported only when a file must be parsed: a start
# where every file is served from the derived cache never pays for it.

MAX_FILE_BYTES = 1024 * 1024
_DAY_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.ya?ml$")
_SYNC_CONFLICT = re.compile(r"\.sync-conflict-|\(conflicted copy|\(conflict\b|\.orig$", re.I)


class NotAJournal(Exception):
    """The folder has no readable taper.yaml."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    journal: Journal
    problems: tuple[Problem, ...]
    fingerprints: dict[str, str] = field(default_factory=dict)
    """sha256 of each file's bytes as loaded, by relative path: a save checks it first."""
    parsed: tuple[str, ...] = ()
    """Relative paths of the files that were parsed (not served from the cache)."""
    writable: bool = True


def day_relpath(date: dt.date) -> str:
    return f"{DAYS_DIR}/{date.year:04d}/{date.isoformat()}.yaml"


def decode_utf8(rel: str, data: bytes) -> tuple[str | None, Problem | None]:
    """Decode bytes as UTF-8, or a problem naming where the first bad byte is."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, Problem(rel, Severity.ERROR, "not-utf8", "the file is not UTF-8 text",
                             line, column, "save it as UTF-8 in your editor")


LOCATE_MAX_CHARS = 64 * 1024
"""Problems in larger files get no line number: locating re-parses with the slow round-trip
loader, which would take seconds on a 1 MB file."""


def resolve(pending: list[Pending], text: str, rel: str) -> tuple[Problem, ...]:
    if not pending:
        return ()
    if len(text) > LOCATE_MAX_CHARS:
        return tuple(Problem(rel, p.severity, p.code, p.message, None, None, p.hint)
                     for p in pending)
    from taper_tui.store.yaml_io import locate

    return tuple(
        Problem(rel, p.severity, p.code, p.message, *locate(text, p.keys), p.hint)
        for p in pending
    )


def parse_file(rel: str, data: bytes) -> tuple[object, str | None, tuple[Problem, ...]]:
    """Bytes -> (parsed document, text, problems). The document is None when unreadable."""
    if len(data) > MAX_FILE_BYTES:
        return None, None, (Problem(rel, Severity.ERROR, "too-large",
                                    f"the file is {len(data):,} bytes; a journal file is at most "
                                    f"{MAX_FILE_BYTES:,}", None, None,
                                    "a day file is a few hundred bytes: is this the right file?"),)
    text, bad = decode_utf8(rel, data)
    if text is None:
        return None, None, (bad,) if bad else ()
    from taper_tui.store.yaml_io import YamlProblem, load_safe

    try:
        return load_safe(text), text, ()
    except YamlProblem as exc:
        return None, text, (Problem(rel, Severity.ERROR, exc.code, exc.message, exc.line,
                                    exc.column, exc.hint),)


def _walk(folder: Path, rel: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        child = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), child)
        else:
            yield child, entry


def _load_settings(root: Path, use_cache: bool = True) -> tuple[Settings, list[Problem], str, bool]:
    path = root / SETTINGS_FILE
    try:
        with path.open("rb") as handle:
            # Never more than the limit plus one byte: a huge (or sparse) file is never read whole.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise NotAJournal(f"cannot read {path}: {exc.strerror or exc}") from exc
    sha = sha256(data)
    cached = cache_mod.read_settings_cache(root, sha) if use_cache else None
    if cached is not None:
        doc, problems = cached
        settings, _ = decode_settings(doc)
        return settings, list(problems), sha, True
    doc, text, problems = parse_file(SETTINGS_FILE, data)
    if problems or text is None:
        return Settings(), list(problems), sha, False
    settings, pending = decode_settings(doc)
    resolved = resolve(pending, text, SETTINGS_FILE)
    if use_cache:
        cache_mod.write_settings_cache(root, SETTINGS_FILE, sha, doc, resolved)
    return settings, list(resolved), sha, True


def load_journal(root: Path, today: dt.date, *, use_cache: bool = True) -> LoadResult:
    """Load the journal at `root`. Raises NotAJournal only when taper.yaml cannot be read."""
    root = Path(root)
    settings, problems, settings_sha, settings_ok = _load_settings(root, use_cache)
    fingerprints = {SETTINGS_FILE: settings_sha}
    cached, written_ns = cache_mod.read_cache(root) if use_cache else ({}, 0)
    entries: dict[str, cache_mod.Entry] = {}
    parsed: list[str] = []
    racy = 0
    days: list[Day] = []
    for rel, dirent in _walk(root / DAYS_DIR, DAYS_DIR):
        name = dirent.name
        if name.startswith(".") or name.endswith("~"):
            continue  # Editor swap and backup files, and our own temporary files.
        if _SYNC_CONFLICT.search(name):
            problems.append(Problem(rel, Severity.ERROR, "sync-conflict",
                                    "a sync tool's conflict copy", None, None,
                                    "merge what you need into the day's own file, then delete "
                                    "this copy"))
            continue
        match = _DAY_NAME.match(name)
        if match is None:
            kind = "a YAML file" if name.endswith((".yaml", ".yml")) else "not a YAML file"
            problems.append(Problem(rel, Severity.WARNING, "stray-file",
                                    f"{kind} without a day name (YYYY-MM-DD.yaml); ignored",
                                    None, None, "move it out of days/ or rename it"))
            continue
        try:
            name_date: dt.date | None = dt.date.fromisoformat(match.group(1))
        except ValueError:
            name_date = None
        try:
            st = dirent.stat()
        except OSError:
            continue
        entry = cached.get(rel)
        if entry is not None and not cache_mod.is_fresh(entry, st.st_size, st.st_mtime_ns,
                                                        st.st_ctime_ns, written_ns):
            entry = _revalidate(entry, Path(dirent.path), st)
            # Re-hashed because racy: rewriting the cache with a later time makes it trusted.
            racy += entry is not None
        if entry is None:
            entry = _parse_day(rel, Path(dirent.path), name_date, st)
            parsed.append(rel)
            if name_date is None:
                # No day from a file whose name is no date: it must never stand in for the
                # day's real file.
                entry = cache_mod.Entry(entry.size, entry.mtime_ns, entry.ctime_ns, entry.sha,
                                        None, (
                    Problem(rel, Severity.ERROR, "bad-file-name",
                            f"{name} is not a real date", None, None, "rename the file"),
                    *entry.problems))
        entries[rel] = entry
        fingerprints[rel] = entry.sha
        problems.extend(entry.problems)
        if entry.day is not None:
            days.append(entry.day)
    if use_cache and (parsed or racy or len(entries) != len(cached)):
        cache_mod.write_cache(root, entries)
    from taper_tui.store.journal_checks import check_journal

    days, more = check_journal(root, settings, settings_ok, days, today)
    problems.extend(more)
    journal = Journal(root=str(root), settings=settings, days=tuple(days))
    return LoadResult(
        journal=journal,
        problems=tuple(sorted(problems, key=sort_key)),
        fingerprints=fingerprints,
        parsed=tuple(parsed),
        writable=_writable(root),
    )


def _writable(root: Path) -> bool:
    """Whether a save can succeed: the journal folder, and days/ when it exists, are writable."""
    days = root / DAYS_DIR
    return os.access(root, os.W_OK) and (not days.exists() or os.access(days, os.W_OK))


def _revalidate(entry: cache_mod.Entry, path: Path, st: os.stat_result) -> cache_mod.Entry | None:
    """A racy or changed entry is still good when the file's bytes hash the same."""
    if entry.size != st.st_size or st.st_size > MAX_FILE_BYTES:
        return None
    try:
        same = sha256(path.read_bytes()) == entry.sha
    except OSError:
        return None
    return cache_mod.Entry(st.st_size, st.st_mtime_ns, st.st_ctime_ns, entry.sha, entry.day,
                           entry.problems) if same else None


def _parse_day(rel: str, path: Path, name_date: dt.date | None,
               st: os.stat_result) -> cache_mod.Entry:
    if st.st_size > MAX_FILE_BYTES:
        # Never read a huge file into memory: its size alone rules it out.
        too_large = (Problem(rel, Severity.ERROR, "too-large",
                            f"the file is {st.st_size:,} bytes; a day file is at most "
                            f"{MAX_FILE_BYTES:,}", None, None,
                            "a day file is a few hundred bytes: is this the right file?"),)
        return cache_mod.Entry(st.st_size, st.st_mtime_ns, st.st_ctime_ns, "", None, too_large)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return cache_mod.Entry(st.st_size, st.st_mtime_ns, st.st_ctime_ns, "", None, (
            Problem(rel, Severity.ERROR, "unreadable", f"cannot read the file: "
                    f"{exc.strerror or exc}"),))
    doc, text, problems = parse_file(rel, data)
    day = None
    if text is not None and not problems:
        day, pending = decode_day(doc, rel, name_date)
        problems = resolve(pending, text, rel)
    return cache_mod.Entry(len(data), st.st_mtime_ns, st.st_ctime_ns, sha256(data), day,
                           problems)


def read_settings(root: Path) -> Settings | None:
    """Just the settings (for commands that write one day); None when taper.yaml has errors."""
    settings, problems, _, ok = _load_settings(Path(root))
    return settings if ok and not has_errors(problems) else None

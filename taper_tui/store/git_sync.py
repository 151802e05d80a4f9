"""Committing what a save wrote, and reading a day file's history, with the real `git` command.

Everything here works without git: a missing `git` or a folder that is not a repository gives a
message to show once, never an exception, and the journal carries on as plain files.

`autocommit` commits exactly the paths it is given with `git commit --only`, so whatever the person
has staged for other files stays staged and uncommitted, and changes they left unstaged stay
unstaged. Hooks are skipped (`--no-verify`): these are mechanical commits of data files, and a
person's slow or interactive hook must not block a save. Nothing is ever pushed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from taper_tui.core.model import Day

GIT_TIMEOUT_S = 30
FALLBACK_IDENTITY = ("-c", "user.name=taper-tui", "-c", "user.email=taper-tui@localhost")
"""Used only when the person has no git identity configured (git would refuse to commit)."""

_said_once: set[tuple[str, str]] = set()


@dataclass(frozen=True, slots=True)
class CommitResult:
    """What an autocommit did. `message` is one line for the person; '' means nothing to say."""

    committed: bool
    message: str
    sha: str | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    """One commit that changed a file: who/when, its subject, and the file's diff in it."""

    sha: str
    when: str
    """Author date, ISO 8601 with offset."""
    author: str
    subject: str
    diff: str


@dataclass(frozen=True, slots=True)
class FileHistory:
    """A file's commits, newest first. `message` explains an empty history (no git, no repo)."""

    rel: str
    revisions: tuple[Revision, ...]
    uncommitted: bool
    """The file on disk differs from its last commit (or was never committed)."""
    message: str | None = None


class _GitUnavailable(Exception):
    """git is not installed, or the folder is not inside a work tree."""


def _number(mg: Decimal) -> str:
    return format(mg.normalize(), "f")


def commit_message(day: Day | None, date: dt.date) -> str:
    """The scannable subject: `2026-11-27: sertraline 37.5 mg; brain_zaps 3, anxiety 4`.

    Doses are per drug (the day's total), symptoms in file order, then events and a mention of a
    note, so `git log --oneline` reads like the journal itself.
    """
    if day is None:
        return f"{date.isoformat()}: journal"
    parts: list[str] = []
    drugs: list[str] = []
    for dose in day.doses:
        if dose.drug not in drugs:
            drugs.append(dose.drug)
    for drug in drugs:
        total = day.taken_mg(drug)
        if total is not None:
            parts.append(f"{drug} {_number(total)} mg")
    if day.symptoms:
        parts.append(", ".join(f"{name} {score}" for name, score in day.symptoms.items()))
    if day.events:
        parts.append(", ".join(e.type.value + (f" {e.drug}" if e.drug else "")
                               for e in day.events))
    if day.exposures:
        parts.append(", ".join(e.what for e in day.exposures))
    if day.notes:
        parts.append("note")
    return f"{date.isoformat()}: " + ("; ".join(parts) if parts else "day file")


def _once(root: Path, key: str, message: str) -> str:
    """`message` the first time this process says it about `root`, then ''."""
    mark = (str(root.resolve()), key)
    if mark in _said_once:
        return ""
    _said_once.add(mark)
    return message


def _git(root: Path, *args: str, env: dict[str, str] | None = None,
         check: bool = True) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("git")
    if exe is None:
        raise _GitUnavailable("git is not installed")
    full_env = dict(os.environ)
    # Plain, untranslated, unpaged output that we can parse; never ask a question on a terminal.
    full_env.update({"LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0",
                     "GIT_EDITOR": "true"})
    full_env.update(env or {})
    proc = subprocess.run([exe, "-c", "core.quotepath=off", *args], cwd=root, env=full_env,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          stdin=subprocess.DEVNULL, timeout=GIT_TIMEOUT_S, check=False)
    if check and proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args, proc.stdout, proc.stderr)
    return proc


def _require_repo(root: Path) -> None:
    proc = _git(root, "rev-parse", "--is-inside-work-tree", check=False)
    if proc.returncode != 0 or proc.stdout.strip() != "true":
        raise _GitUnavailable("the journal folder is not a git repository")


def _identity(root: Path) -> tuple[str, ...]:
    proc = _git(root, "var", "GIT_COMMITTER_IDENT", check=False)
    return () if proc.returncode == 0 else FALLBACK_IDENTITY


def _first_line(exc: subprocess.CalledProcessError) -> str:
    text = (exc.stderr or exc.stdout or "").strip()
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return f"git exited with {exc.returncode}"


def autocommit(root: Path, rels: Sequence[str], message: str) -> CommitResult:
    """Commit exactly `rels` (paths relative to `root`) with `message`; never raises.

    Files staged by the person for other paths stay staged and out of this commit. When git is
    missing or `root` is not in a repository, the first call says so and later calls are quiet.
    """
    root = Path(root)
    paths = sorted(set(rels))
    if not paths:
        return CommitResult(False, "")
    added = False
    try:
        _require_repo(root)
        # An untracked file must be known to git before `commit --only` accepts it.
        _git(root, "add", "--", *paths)
        added = True
        staged = _git(root, "diff", "--cached", "--quiet", "--", *paths, check=False)
        if staged.returncode == 0:
            return CommitResult(False, "git: nothing new to commit")
        _git(root, *_identity(root), "commit", "--only", "--no-verify", "--quiet",
             "-m", message, "--", *paths)
        sha = _git(root, "rev-parse", "--short", "HEAD").stdout.strip()
    except _GitUnavailable as exc:
        return CommitResult(False, _once(root, "unavailable",
                                         f"git: {exc}; autocommit skipped (the journal is saved)"))
    except subprocess.CalledProcessError as exc:
        if added:  # Leave the index as the person had it, not with our file half-committed.
            _git(root, "reset", "-q", "--", *paths, check=False)
        return CommitResult(False, f"git: commit failed: {_first_line(exc)} (the journal is "
                                   "saved; nothing was committed)")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return CommitResult(False, f"git: could not run git: {exc} (the journal is saved)")
    return CommitResult(True, f"committed {sha}: {message}", sha)


def autocommit_day(root: Path, rel: str, day: Day | None, date: dt.date) -> CommitResult:
    """What `log` and the app call after a changed save of one day file."""
    return autocommit(root, [rel], commit_message(day, date))


_RECORD = "\x1e"
_FIELD = "\x1f"


def history_of(root: Path, rel: str, *, limit: int = 200) -> FileHistory:
    """The commits that changed `rel` (newest first, following renames) with each one's diff."""
    root = Path(root)
    try:
        _require_repo(root)
        fmt = _RECORD + _FIELD.join(("%H", "%aI", "%an", "%s")) + _FIELD
        log = _git(root, "log", "--follow", "-p", "--no-color", "--no-ext-diff",
                   f"--max-count={limit}", f"--format={fmt}", "--", rel, check=False)
        status = _git(root, "status", "--porcelain", "--", rel, check=False)
    except _GitUnavailable as exc:
        return FileHistory(rel, (), False, f"no history: {exc}")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return FileHistory(rel, (), False, f"no history: could not run git: {exc}")
    if log.returncode != 0:
        # An unborn branch (no commit yet) has no history; anything else is reported as is.
        text = log.stderr.strip().splitlines()
        reason = text[0].removeprefix("fatal: ") if text else "git log failed"
        if "does not have any commits" in reason:
            reason = "the repository has no commits yet"
        return FileHistory(rel, (), (root / rel).exists(), f"no history: {reason}")
    revisions = []
    for record in log.stdout.split(_RECORD)[1:]:
        fields = record.split(_FIELD, 4)
        if len(fields) < 5:
            continue
        sha, when, author, subject, diff = fields
        revisions.append(Revision(sha, when, author, subject, diff.strip("\n")))
    uncommitted = bool(status.stdout.strip()) if status.returncode == 0 else False
    message = None if revisions else "no commits of this file yet"
    return FileHistory(rel, tuple(revisions), uncommitted, message)

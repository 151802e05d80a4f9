"""The result memo (`store.result_memo`) and `status` through it: a hit prints exactly what a fresh
run prints, and any change to an input (a day file, taper.yaml, a stray file, the dates, the
output form) is a miss; racy, corrupt, foreign and read-only cases never serve a stale result."""

from __future__ import annotations

import ast
import datetime as dt
import errno
import json
import os
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from taper_tui.cli import status_command
from taper_tui.cli.main import main
from taper_tui.store import cache, result_memo

TODAY = dt.date(2026, 11, 27)
MEMO = ".taper-cache/memo-status.json"
AHEAD_NS = 10**15


def newest_change(root: Path) -> int:
    """The latest mtime or ctime among the journal's files (what the key stats)."""
    files = [root / "taper.yaml", root / "days", *(root / "days").rglob("*")]
    return max(max(st.st_mtime_ns, st.st_ctime_ns) for st in (p.stat() for p in files))


def day_text(date: dt.date, mg: str = "37.5", anxiety: int = 2) -> str:
    return (f"date: {date.isoformat()}\ndoses:\n  - drug: sertraline\n    mg: {mg}\n"
            f'    time: "08:00"\nsymptoms:\n  anxiety: {anxiety}\n')


def rel(date: dt.date) -> str:
    return f"days/{date.year}/{date.isoformat()}.yaml"


@pytest.fixture
def root(make_journal: Callable[..., Path]) -> Path:
    """A week of days up to today, each with a dose and a score."""
    days = {rel(TODAY - dt.timedelta(days=n)): day_text(TODAY - dt.timedelta(days=n))
            for n in range(8)}
    return make_journal(days)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo's clock runs days ahead, so the journal just written counts as settled (and so
    does a source file another engineer saves meanwhile)."""
    fake = types.SimpleNamespace(time_ns=lambda: time.time_ns() + AHEAD_NS)
    monkeypatch.setattr(result_memo, "time", fake)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real status runs (misses); a hit does not run it."""
    seen: list[int] = []
    real = status_command._status

    def counted(*args: Any) -> int:
        seen.append(1)
        return real(*args)

    monkeypatch.setattr(status_command, "_status", counted)
    return seen


def status(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["status", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def fresh(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The result computed without the memo (the memo file removed first)."""
    (root / MEMO).unlink(missing_ok=True)
    return status(root, capsys, *args)


def key_of(root: Path, *parts: str) -> str:
    keyed = result_memo.journal_key(root, *parts)
    assert keyed is not None
    return keyed[0]


def memo_doc(root: Path) -> dict[str, Any]:
    doc = json.loads((root / MEMO).read_bytes())
    assert isinstance(doc, dict)
    return doc


# --- hits ----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("form", [(), ("--json",)])
def test_an_unchanged_journal_is_a_hit_with_the_same_bytes(
        root: Path, capsys: pytest.CaptureFixture[str], calls: list[int],
        form: tuple[str, ...]) -> None:
    first = status(root, capsys, *form)
    assert calls == [1] and (root / MEMO).is_file()
    second = status(root, capsys, *form)
    assert calls == [1]  # served from the memo
    assert second == first
    assert first[0] == 0
    assert ("Taken     37.5 mg" if not form else '"taken_mg": 37.5') in first[1]


@pytest.mark.usefixtures("settled")
def test_journal_problems_and_exit_code_are_replayed(
        root: Path, capsys: pytest.CaptureFixture[str], calls: list[int]) -> None:
    (root / "days/2026/notes.txt").write_text("hello\n", encoding="utf-8")
    (root / rel(TODAY - dt.timedelta(days=3))).write_text("date: [\n", encoding="utf-8")
    first = status(root, capsys)
    assert "days/2026/notes.txt: warning:" in first[2] and ": error:" in first[2]
    assert status(root, capsys) == first and calls == [1]


@pytest.mark.usefixtures("settled")
def test_the_memo_is_json_data(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = status(root, capsys, "--json")
    doc = memo_doc(root)
    assert doc["format"] == result_memo.FORMAT
    assert doc["key"] == key_of(root, "status", "json", TODAY.isoformat(), TODAY.isoformat())
    assert doc["value"] == {"stdout": out, "stderr": err, "code": code}


# --- misses: every input ------------------------------------------------------------------------


def _edit(root: Path) -> None:
    (root / rel(TODAY)).write_text(day_text(TODAY, mg="30"), encoding="utf-8")


def _new_day(root: Path) -> None:
    (root / rel(TODAY - dt.timedelta(days=8))).write_text(
        day_text(TODAY - dt.timedelta(days=8), anxiety=9), encoding="utf-8")


def _delete(root: Path) -> None:
    (root / rel(TODAY)).unlink()


def _stray(root: Path) -> None:
    (root / "days/2026/todo.txt").write_text("x\n", encoding="utf-8")


def _hidden(root: Path) -> None:
    (root / "days/2026/.2026-11-27.yaml.swp").write_bytes(b"\0")


def _sync_conflict(root: Path) -> None:
    (root / "days/2026/2026-11-27.sync-conflict-1.yaml").write_text(day_text(TODAY),
                                                                      encoding="utf-8")


def _future_folder(root: Path) -> None:
    (root / "days/2027").mkdir()
    (root / "days/2027/2027-01-01.yaml").write_text(day_text(dt.date(2027, 1, 1)),
                                                    encoding="utf-8")


def _settings(root: Path) -> None:
    path = root / "taper.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("step_days: 28",
                                                              "step_days: 35"),
                    encoding="utf-8")


CHANGES: dict[str, tuple[Callable[[Path], None], bool]] = {
    # name: (change, whether the output changes too)
    "day file edited": (_edit, True),
    "new day file": (_new_day, True),
    "day file deleted": (_delete, True),
    "stray file": (_stray, True),
    "hidden file": (_hidden, False),
    "sync conflict copy": (_sync_conflict, True),
    "new year folder": (_future_folder, True),
    "taper.yaml edited": (_settings, True),
}


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("form", [(), ("--json",)])
def test_any_change_to_the_journal_is_a_miss(
        root: Path, capsys: pytest.CaptureFixture[str], calls: list[int], change: str,
        form: tuple[str, ...]) -> None:
    before = status(root, capsys, *form)
    apply, visible = CHANGES[change]
    apply(root)
    after = status(root, capsys, *form)
    assert len(calls) == 2
    assert after == fresh(root, capsys, *form)
    assert (after != before) is visible


@pytest.mark.usefixtures("settled")
def test_a_same_size_edit_with_the_mtime_put_back_is_a_miss(
        root: Path, capsys: pytest.CaptureFixture[str], calls: list[int]) -> None:
    path = root / rel(TODAY)
    before = status(root, capsys)
    st = path.stat()
    path.write_text(day_text(TODAY, mg="32.5"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    now = path.stat()
    assert (now.st_size, now.st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    if now.st_ctime_ns == st.st_ctime_ns:
        pytest.skip("this file system's ctime is too coarse to see the edit (see the racy test)")
    after = status(root, capsys)
    assert len(calls) == 2 and "Taken     32.5 mg" in after[1]
    assert after == fresh(root, capsys) and after != before


def test_within_the_racy_window_nothing_is_memoised(
        root: Path, capsys: pytest.CaptureFixture[str], calls: list[int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Files just written could change again unseen within their timestamps' granularity: no
    memo, so a same-size edit with the mtime put back is never served stale."""
    # The clock reads just after the latest change, however slow the machine is today.
    monkeypatch.setattr(result_memo, "time",
                        types.SimpleNamespace(time_ns=lambda: newest_change(root) + 1_000_000))
    keyed = result_memo.journal_key(root, "x")
    assert keyed is not None and keyed[1] is False
    path = root / rel(TODAY)
    before = status(root, capsys)
    assert not (root / MEMO).exists()
    st = path.stat()
    path.write_text(day_text(TODAY, mg="32.5"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = status(root, capsys)
    assert len(calls) == 2 and after != before and "Taken     32.5 mg" in after[1]
    assert not (root / MEMO).exists()


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("variant", ["--date", "TAPER_TODAY", "--json", "text"])
def test_other_dates_and_forms_are_misses(
        root: Path, capsys: pytest.CaptureFixture[str], calls: list[int],
        monkeypatch: pytest.MonkeyPatch, variant: str) -> None:
    base = ("--json",) if variant == "text" else ()
    before = status(root, capsys, *base)
    args: tuple[str, ...] = base
    if variant == "--date":
        args = ("--date", "2026-11-25")
    elif variant == "TAPER_TODAY":
        monkeypatch.setenv("TAPER_TODAY", "2026-11-26")
    elif variant == "--json":
        args = ("--json",)
    else:
        args = ()
    after = status(root, capsys, *args)
    assert len(calls) == 2 and after != before
    assert after == fresh(root, capsys, *args)
    assert status(root, capsys, *args) == after and len(calls) == 3  # and then a hit


# --- bad memo files, read-only journals ---------------------------------------------------------


BAD_MEMOS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "not utf-8": lambda good: b"\xff\xfe" + good,
    "not an object": lambda good: b"[1, 2, 3]",
    "another format": lambda good: good.replace(b'"format":1', b'"format":99'),
    "another key": lambda good: good.replace(b'"key":"', b'"key":"0'),
    "bad value": lambda good: json.dumps({**json.loads(good), "value": {"stdout": 1}}).encode(),
    "no code": lambda good: json.dumps({**json.loads(good), "value": {
        "stdout": "x", "stderr": ""}}).encode(),
    "deeply nested": lambda good: b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("bad", sorted(BAD_MEMOS))
def test_a_bad_memo_is_ignored_and_rewritten(
        root: Path, capsys: pytest.CaptureFixture[str], calls: list[int], bad: str) -> None:
    good = status(root, capsys, "--json")
    path = root / MEMO
    written = path.read_bytes()
    assert b'"format":1' in written
    path.write_bytes(BAD_MEMOS[bad](written))
    assert status(root, capsys, "--json") == good and len(calls) == 2
    assert path.read_bytes() == written  # rewritten, whole


def _make_read_only(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod the journal read-only; as root (who ignores modes), refuse writes as the kernel
    would for an ordinary user."""
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    if os.geteuid() != 0:
        return

    def refuse(*args: object, **kwargs: object) -> Any:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    import tempfile

    real_open = os.open
    inside = root.resolve()

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and Path(path).resolve().is_relative_to(inside):
            refuse()
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(Path, "mkdir", refuse)


@pytest.fixture
def writable_again(root: Path) -> Iterator[None]:
    yield
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        folder.chmod(0o755)


@pytest.mark.usefixtures("settled", "writable_again")
def test_a_read_only_journal_gets_no_cache_folder(
        root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as mp:
        _make_read_only(root, mp)
        result = status(root, capsys)
        assert not (root / ".taper-cache").exists()
        result_memo.write_memo(root, "status", "k", {"stdout": "", "stderr": "", "code": 0})
        assert not (root / ".taper-cache").exists()
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        folder.chmod(0o755)
    assert fresh(root, capsys) == result


@pytest.mark.usefixtures("settled", "writable_again")
def test_a_memo_that_cannot_be_written_costs_only_speed(
        root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        calls: list[int]) -> None:
    status(root, capsys)  # the cache folder exists now
    (root / MEMO).unlink()
    with monkeypatch.context() as mp:
        _make_read_only(root, mp)
        first = status(root, capsys)
        assert status(root, capsys) == first and len(calls) == 3
        assert not (root / MEMO).exists()
        assert not list((root / ".taper-cache").glob(".memo-*"))


# --- the key and the module ----------------------------------------------------------------------


def test_the_key(root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key = result_memo.journal_key(root, "status", "json")
    assert key is not None and len(key[0]) == 64 and int(key[0], 16) >= 0
    assert key_of(root, "status", "json") == key[0]
    assert key_of(root, "status", "text") != key[0]
    assert key_of(root, "status", "js", "on") != key[0]
    assert result_memo.journal_key(tmp_path / "nothing here") is None
    # Hidden top-level entries (git, our own cache, swap files) are not inputs; others are.
    (root / ".git").mkdir()
    (root / ".taper-cache").mkdir()
    (root / ".taper-cache/x").write_text("x", encoding="utf-8")
    assert key_of(root, "status", "json") == key[0]
    (root / "notes.md").write_text("x", encoding="utf-8")
    assert key_of(root, "status", "json") != key[0]
    # The drug data and the program are inputs too.
    key = result_memo.journal_key(root, "status")
    assert key is not None
    drugs = tmp_path / "drugs.yaml"
    drugs.write_text("a", encoding="utf-8")
    monkeypatch.setattr(result_memo, "_DRUG_DATA", drugs)
    with_drugs = result_memo.journal_key(root, "status")
    assert with_drugs is not None and with_drugs[0] != key[0]
    drugs.write_text("b", encoding="utf-8")
    assert key_of(root, "status") != with_drugs[0]
    monkeypatch.setattr(result_memo, "_program", ("taper_tui 99", 1))
    assert key_of(root, "status") != key[0]


def test_settled_means_nothing_changed_within_the_racy_window(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert result_memo.RACY_NS == cache.RACY_NS and result_memo.CACHE_DIR == cache.CACHE_DIR
    now = newest_change(root)
    for offset, settled in [(1, False), (result_memo.RACY_NS // 2, False),
                            (result_memo.RACY_NS - 1, False), (AHEAD_NS, True)]:
        monkeypatch.setattr(result_memo, "time",
                            types.SimpleNamespace(time_ns=lambda o=offset: now + o))
        keyed = result_memo.journal_key(root, "status")
        assert keyed is not None and keyed[1] is settled


def test_read_and_write(tmp_path: Path) -> None:
    root = tmp_path / "j"
    root.mkdir()
    result_memo.write_memo(root, "app", "k1", [1, "é"])
    assert not (root / ".taper-cache").exists()  # never creates the folder
    (root / ".taper-cache").mkdir()
    assert result_memo.read_memo(root, "app", "k1") is None
    result_memo.write_memo(root, "app", "k1", [1, "é"])
    result_memo.write_memo(root, "other", "k1", {"a": None})
    assert result_memo.read_memo(root, "app", "k1") == [1, "é"]
    assert result_memo.read_memo(root, "app", "k2") is None
    assert result_memo.read_memo(root, "other", "k1") == {"a": None}
    result_memo.write_memo(root, "app", "k1", {1, 2})  # not JSON: skipped, the old one kept
    assert result_memo.read_memo(root, "app", "k1") == [1, "é"]
    with pytest.raises(ValueError):
        result_memo.memo_path(root, "../x")


def test_a_hit_imports_neither_core_nor_the_store(root: Path, tmp_path: Path) -> None:
    env = {"TAPER_TODAY": TODAY.isoformat(), "PATH": os.environ.get("PATH", ""),
           "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
           "XDG_DATA_HOME": str(tmp_path / "xdg-data")}
    write = ("import time, types\n"
             "import taper_tui.store.result_memo as m\n"
             f"m.time = types.SimpleNamespace(time_ns=lambda: time.time_ns() + {AHEAD_NS})\n"
             "from taper_tui.cli.main import main\n"
             f"main(['status', {str(root)!r}, '--json'])\n")
    read = ("import sys\nfrom taper_tui.cli.main import main\n"
            f"code = main(['status', {str(root)!r}, '--json'])\n"
            "sys.stdout.flush()\n"
            "loaded = [m for m in sys.modules if m.startswith(('taper_tui.core', 'decimal',"
            " 'dataclasses', 'taper_tui.store.journal_store', 'hashlib'))]\n"
            f"open({str(tmp_path / 'loaded')!r}, 'w').write(repr((code, loaded)))\n")
    # A miss in a fresh process (the memo module loaded without the store package, which the
    # miss then imports): the same output as the memo writer's and the hit's.
    miss = subprocess.run([sys.executable, "-c", read], capture_output=True, env=env,
                          timeout=60, check=True)
    assert ast.literal_eval((tmp_path / "loaded").read_text(encoding="utf-8"))[1]
    for _attempt in range(3):  # another engineer's edit of a source file changes the key
        first = subprocess.run([sys.executable, "-c", write], capture_output=True, env=env,
                               timeout=60, check=True)
        assert (root / MEMO).is_file()
        assert (first.stdout, first.stderr) == (miss.stdout, miss.stderr)
        hit = subprocess.run([sys.executable, "-c", read], capture_output=True, env=env,
                             timeout=60, check=True)
        code, loaded = ast.literal_eval((tmp_path / "loaded").read_text(encoding="utf-8"))
        if not loaded:
            break
    assert (code, loaded) == (0, [])
    assert (hit.stdout, hit.stderr) == (first.stdout, first.stderr)
    assert json.loads(hit.stdout)["date"] == TODAY.isoformat()

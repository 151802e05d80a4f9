"""The derived cache is only an accelerator: identical results, rebuilt when unusable, JSON only."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from synth_journal import TODAY, write_journal

from taper_tui.store import LoadResult, load_journal
from taper_tui.store.cache import CACHE_DIR, CACHE_FILE, SETTINGS_CACHE_FILE, cache_path

BAD_DAYS = {
    # A syntax error, an unknown drug, an out-of-range score, an unknown key, a wrong date.
    "days/2026/2026-10-01.yaml": "date: 2026-10-01\nsymptoms: [1, 2\n",
    "days/2026/2026-10-02.yaml": "date: 2026-10-02\ndoses:\n  - drug: aspirin\n    mg: 5\n",
    "days/2026/2026-10-03.yaml": "date: 2026-10-03\nsymptoms:\n  anxiety: 14\n",
    "days/2026/2026-10-04.yaml": "date: 2026-10-04\nmood_ring: blue\n",
    "days/2026/2026-10-05.yaml": "date: 2026-10-06\n",
    "days/2026/2026-10-06.yaml": "",
}


def age(root: Path, seconds: int = 3600) -> None:
    """Make every file older than the racy window, as files are after a day of use."""
    then = time.time_ns() - seconds * 1_000_000_000
    for path in root.rglob("*"):
        if path.is_file() and CACHE_DIR not in path.parts:
            os.utime(path, ns=(then, then))


def journal(tmp_path: Path, days: int = 40) -> Path:
    root = tmp_path / "j"
    write_journal(root, days)
    for rel, text in BAD_DAYS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    age(root)
    return root


def same(a: LoadResult, b: LoadResult) -> None:
    assert a.journal == b.journal
    assert a.problems == b.problems
    assert a.fingerprints == b.fingerprints
    assert a.writable == b.writable


def day_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "days").rglob("*.yaml"))


def test_results_with_and_without_cache_are_identical(tmp_path: Path) -> None:
    root = journal(tmp_path)
    plain = load_journal(root, TODAY, use_cache=False)
    assert not (root / CACHE_DIR).exists()
    first = load_journal(root, TODAY)
    cached = load_journal(root, TODAY)
    assert len(plain.journal.days) == 40 + 4  # four of the six bad files still give a day
    assert {p.code for p in plain.problems} >= {"yaml-syntax", "unknown-drug", "out-of-range",
                                                 "unknown-key", "date-mismatch", "empty-file"}
    assert sorted(first.parsed) == day_files(root)
    assert cached.parsed == ()
    same(plain, first)
    same(plain, cached)


def test_after_one_day_file_changes_exactly_that_file_is_parsed(tmp_path: Path) -> None:
    root = journal(tmp_path)
    load_journal(root, TODAY)
    rel = "days/2026/2026-11-20.yaml"
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8").replace("anxiety: ", "anxiety: 1#"),
                    encoding="utf-8")
    result = load_journal(root, TODAY)
    assert result.parsed == (rel,)
    same(result, load_journal(root, TODAY, use_cache=False))


def test_added_and_removed_files_are_noticed(tmp_path: Path) -> None:
    root = journal(tmp_path)
    load_journal(root, TODAY)
    new = root / "days/2026/2026-11-27.yaml"
    new.write_text("date: 2026-11-27\nsymptoms:\n  anxiety: 2\n", encoding="utf-8")
    (root / "days/2026/2026-11-26.yaml").unlink()
    result = load_journal(root, TODAY)
    assert result.parsed == ("days/2026/2026-11-27.yaml",)
    dates = [d.date.isoformat() for d in result.journal.days]
    assert "2026-11-27" in dates and "2026-11-26" not in dates
    same(result, load_journal(root, TODAY, use_cache=False))


def test_a_racy_edit_with_the_same_size_and_mtime_is_still_seen(tmp_path: Path) -> None:
    root = tmp_path / "j"
    write_journal(root, 3)
    path = root / "days/2026/2026-11-26.yaml"
    before = path.stat()
    load_journal(root, TODAY)  # Written within the racy window of the files' mtimes.
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("anxiety: ", "anxiety: 1", 1).replace("# Day", "#Day", 1),
                    encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    result = load_journal(root, TODAY)
    assert result.parsed == ("days/2026/2026-11-26.yaml",)
    same(result, load_journal(root, TODAY, use_cache=False))


def test_an_old_mtime_put_back_after_a_same_size_edit_is_seen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sync tool copies the other device's mtime; the ctime still tells."""

    root = tmp_path / "j"
    write_journal(root, 3)
    later = time.time_ns() + 10_000_000_000  # The cache was written long after every file.
    monkeypatch.setattr(time, "time_ns", lambda: later)
    load_journal(root, TODAY)
    path = root / "days/2026/2026-11-25.yaml"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Day ", b"DAY ", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    result = load_journal(root, TODAY)
    assert result.parsed == ("days/2026/2026-11-25.yaml",)
    same(result, load_journal(root, TODAY, use_cache=False))


def test_racy_entries_become_trusted_after_one_rehash(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from taper_tui.store import journal_store

    root = tmp_path / "j"
    write_journal(root, 5)
    load_journal(root, TODAY)  # Files written just now: every entry is racy.
    later = time.time_ns() + 10_000_000_000
    monkeypatch.setattr(time, "time_ns", lambda: later)
    calls: list[str] = []
    real = journal_store._revalidate

    def counting(entry: object, path: Path, st: os.stat_result) -> object:
        calls.append(path.name)
        return real(entry, path, st)  # type: ignore[arg-type]

    monkeypatch.setattr(journal_store, "_revalidate", counting)
    assert load_journal(root, TODAY).parsed == ()
    assert len(calls) == 5  # Each racy entry re-hashed once, then the cache is rewritten...
    calls.clear()
    assert load_journal(root, TODAY).parsed == ()
    assert calls == []  # ...and trusted from then on.


def mutate_json(change: Callable[[Any], object]) -> Callable[[bytes], bytes]:
    def apply(raw: bytes) -> bytes:
        data = json.loads(raw)
        change(data)
        return json.dumps(data).encode()
    return apply


def _set(path: tuple[Any, ...], value: object) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value
    return change


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "garbage": lambda raw: b"\x80\x04\x95 not json at all \xff",
    "not an object": lambda raw: b"[1, 2, 3]",
    "older format": mutate_json(_set(("format",), 1)),
    "newer format": mutate_json(_set(("format",), 99)),
    "files not a list": mutate_json(_set(("files",), "x")),
    "short entry": mutate_json(_set(("files", -1), ["days/2026/2026-11-26.yaml", 1, 2])),
    "symptoms not a mapping": mutate_json(_set(("files", -1, 5, 2), [1, 2])),
    "bad date": mutate_json(_set(("files", -1, 5, 0), "2026-13-01")),
    "bad decimal": mutate_json(_set(("files", -1, 5, 1, 0, 1), "lots")),
    "bad event": mutate_json(_set(("files", -1, 5, 4), [["party", None, None, None]])),
    "size as text": mutate_json(_set(("files", -1, 1), "378")),
    "no written_ns": mutate_json(lambda d: d.pop("written_ns")),
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_an_unusable_cache_is_ignored_and_rebuilt(tmp_path: Path, kind: str) -> None:
    root = journal(tmp_path, days=20)
    truth = load_journal(root, TODAY, use_cache=False)
    load_journal(root, TODAY)
    raw = cache_path(root).read_bytes()
    cache_path(root).write_bytes(CORRUPTIONS[kind](raw))
    result = load_journal(root, TODAY)
    assert sorted(result.parsed) == day_files(root), kind
    same(truth, result)
    again = load_journal(root, TODAY)
    assert again.parsed == ()
    same(truth, again)


def test_a_changed_taper_yaml_is_reread(tmp_path: Path) -> None:
    root = journal(tmp_path, days=5)
    load_journal(root, TODAY)
    settings = root / "taper.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  irritability: {kind: mood}\n", ""), encoding="utf-8")
    result = load_journal(root, TODAY)
    assert "irritability" not in {s.name for s in result.journal.settings.symptoms}
    assert any(p.code == "untracked-symptom" for p in result.problems)
    same(result, load_journal(root, TODAY, use_cache=False))


def test_the_cache_is_json_owner_only_and_never_pickle(tmp_path: Path) -> None:
    root = journal(tmp_path, days=5)
    load_journal(root, TODAY)
    for name in (CACHE_FILE, SETTINGS_CACHE_FILE):
        raw = (root / CACHE_DIR / name).read_bytes()
        assert isinstance(json.loads(raw), dict)
        assert not raw.startswith(b"\x80")
        assert stat.S_IMODE((root / CACHE_DIR / name).stat().st_mode) == 0o600
    assert stat.S_IMODE((root / CACHE_DIR).stat().st_mode) == 0o700
    store = Path(__file__).resolve().parents[2] / "taper_tui" / "store"
    for source in store.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for module in ("pickle", "marshal", "shelve"):
            assert f"import {module}" not in text, source


def test_a_fully_cached_start_never_imports_ruamel(tmp_path: Path) -> None:
    root = journal(tmp_path, days=10)
    for rel in BAD_DAYS:  # Problems need a line number: those are resolved when parsed.
        (root / rel).unlink()
    load_journal(root, TODAY)
    code = ("import sys, pathlib, datetime\nfrom taper_tui.store import load_journal\n"
            f"r = load_journal(pathlib.Path({str(root)!r}), datetime.date(2026, 11, 27))\n"
            "print(len(r.parsed), len(r.journal.days), "
            "sorted(m for m in sys.modules if m.startswith('ruamel')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out == ["0", "10", "[]"]


def test_a_read_only_cache_folder_costs_only_speed(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    root = journal(tmp_path, days=5)
    (root / CACHE_DIR).mkdir(mode=0o500)
    try:
        result = load_journal(root, TODAY)
        same(result, load_journal(root, TODAY, use_cache=False))
    finally:
        (root / CACHE_DIR).chmod(0o700)

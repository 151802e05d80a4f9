"""Hostile files: bombs, deep nesting, huge claims, long lines, control characters, odd names."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from pathlib import Path

import pytest
from synth_journal import SETTINGS, TODAY, write_journal

from taper_tui.cli.main import main
from taper_tui.store import LoadResult, load_journal
from taper_tui.store.init_journal import init_journal

DAY = "days/2026/2026-11-20.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "j"
    write_journal(root, 8)
    return root


def load_with(root: Path, rel: str, data: bytes | str) -> tuple[float, LoadResult]:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    start = time.perf_counter()
    result = load_journal(root, TODAY)
    return time.perf_counter() - start, result


def codes_for(result: LoadResult, rel: str) -> set[str]:
    return {p.code for p in result.problems if p.path == rel}


BILLION_LAUGHS = (
    "date: 2026-11-20\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12))
    + "notes: *a11\n")

HOSTILE: dict[str, tuple[str | bytes, str | None]] = {
    "alias bomb": (BILLION_LAUGHS, "yaml-alias"),
    "self-referencing alias": ("date: 2026-11-20\nnotes: &x [*x]\n", "yaml-alias"),
    "deep flow sequence": ("date: 2026-11-20\nnotes: " + "[" * 200_000 + "\n", None),
    "deep flow mapping": ("date: 2026-11-20\nnotes: " + "{a: " * 50_000 + "\n", None),
    "deep block nesting": ("date: 2026-11-20\n" + "".join(
        " " * i + f"k{i}:\n" for i in range(1_000)), None),
    "huge integer": ("date: 2026-11-20\nsymptoms:\n  anxiety: " + "9" * 5000 + "\n", None),
    "huge float": ("date: 2026-11-20\ndoses:\n  - drug: sertraline\n    mg: 1e308\n",
                   "out-of-range"),
    "infinite dose": ("date: 2026-11-20\ndoses:\n  - drug: sertraline\n    mg: .inf\n", None),
    "huge exponent": ("date: 2026-11-20\ndoses:\n  - drug: sertraline\n    mg: 1e999999999\n",
                      None),
    "year 9999999": ("date: 9999999-01-01\n", None),
    "binary tag": ("date: 2026-11-20\nnotes: !!binary " + "QUFB" * 1000 + "\n", None),
    "python tag": ("date: 2026-11-20\nnotes: !!python/object/apply:os.system [echo hi]\n",
                   "yaml-syntax"),
    "NUL byte": ("date: 2026-11-20\nnotes: a\x00b\n", "yaml-syntax"),
    "escape codes": ("date: 2026-11-20\nnotes: \x1b[2J\x1b[31mred\n", "yaml-syntax"),
    "quoted escape codes": ('date: 2026-11-20\nnotes: "\\e[2J\\e[31mred"\n', None),
    "bidi override": ("date: 2026-11-20\nnotes: \u202eevil\n", None),
    "BOM and CRLF": ("\ufeffdate: 2026-11-20\r\nnotes: fine\r\n", None),
    "not UTF-8": (b"date: 2026-11-20\nnotes: caf\xe9\n", "not-utf8"),
    "many documents": ("date: 2026-11-20\n---\ndate: 2026-11-21\n", "yaml-syntax"),
    "merge-conflict markers": ("<<<<<<< HEAD\ndate: 2026-11-20\n=======\ndate: 2026-11-20\n"
                               ">>>>>>> other\n", "merge-conflict"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_day_files_are_reported_quickly(root: Path, kind: str) -> None:
    data, code = HOSTILE[kind]
    took, result = load_with(root, DAY, data)
    assert took < 1.0, f"{kind} took {took:.2f} s"
    if code is not None:
        assert code in codes_for(result, DAY), codes_for(result, DAY)
    days = {d.path for d in result.journal.days}
    errors = {p.code for p in result.problems
              if p.path == DAY and p.severity.value == "error"}
    assert DAY in days or errors, f"{kind}: no day and no error"
    for problem in result.problems:
        text = problem.render()
        assert len(text) < 2_000
        assert not any(ord(c) < 32 and c not in "\n" for c in text), (kind, text)
        assert "\x1b" not in text and "\u202e" not in text


def test_a_sparse_gigabyte_day_file_is_never_read(root: Path) -> None:
    path = root / DAY
    with path.open("r+b") as handle:
        handle.truncate(1 << 30)
    start = time.perf_counter()
    result = load_journal(root, TODAY)
    assert time.perf_counter() - start < 1.0
    assert "too-large" in codes_for(result, DAY)


def test_a_sparse_gigabyte_taper_yaml_is_never_read(root: Path) -> None:
    path = root / "taper.yaml"
    with path.open("r+b") as handle:
        handle.truncate(1 << 30)
    start = time.perf_counter()
    result = load_journal(root, TODAY)
    assert time.perf_counter() - start < 1.0
    assert "too-large" in codes_for(result, "taper.yaml")


def test_a_very_long_line_loads_with_a_warning(root: Path) -> None:
    took, result = load_with(root, DAY, "date: 2026-11-20\nnotes: " + "zap " * 200_000 + "\n")
    assert took < 1.0
    assert "too-long" in codes_for(result, DAY)


@pytest.mark.parametrize("name", [
    "2026-11-20 copy.yaml", "2026-11-2\uff10.yaml", "..2026-11-20.yaml", "...yaml",
    "2026-11-20.yaml.bak", "caf\u00e9 notes.yaml", "2026-02-30.yaml", " 2026-11-20.yaml",
    "2026-11-20 (conflicted copy).yaml", "2026-11-20.sync-conflict-20261120-1.yaml",
])
def test_odd_file_names_are_ignored_or_reported_never_misread(root: Path, name: str) -> None:
    took, result = load_with(root, f"days/2026/{name}",
                             "date: 2026-11-21\nsymptoms:\n  anxiety: 9\n")
    assert took < 1.0
    rel = f"days/2026/{name}"
    # The only day for 2026-11-21 is the real file's; the odd one never replaces it.
    day = next(d for d in result.journal.days if d.date == dt.date(2026, 11, 21))
    assert day.path == "days/2026/2026-11-21.yaml"
    if not name.startswith("."):
        assert codes_for(result, rel), f"{name} was neither used nor reported"


def test_a_symlink_loop_and_a_link_out_of_the_journal(root: Path, tmp_path: Path) -> None:
    (root / "days" / "2026" / "loop").symlink_to(root / "days")
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (root / "days" / "2026" / "2026-11-27.yaml").symlink_to(secret)
    start = time.perf_counter()
    result = load_journal(root, TODAY)
    assert time.perf_counter() - start < 1.0
    assert not any("hunter2" in p.render() for p in result.problems)


@pytest.mark.parametrize("drug", ["../../etc", "..", "/etc/passwd", "a/b", "C:\\x", "~root"])
def test_a_drug_name_never_builds_a_path(tmp_path: Path, drug: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "deep" / "er" / "j"
    write_journal(root, 3)
    settings = SETTINGS.replace("  clonazepam:\n", f"  {drug!r}:\n".replace("'", '"'))
    (root / "taper.yaml").write_text(settings, encoding="utf-8")
    (root / "days/2026/2026-11-26.yaml").write_text(
        f'date: 2026-11-26\ndoses:\n  - drug: "{drug}"\n    mg: 1\n', encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    result = load_journal(root, TODAY)
    assert codes_for(result, "taper.yaml")  # Reported as not a valid drug name.
    main(["log", str(root), "--dose", f"{drug}=5"])
    main(["check", str(root)])
    capsys.readouterr()
    created = {p for p in tmp_path.rglob("*")} - before
    assert all(root in p.parents for p in created), created
    assert all(p.relative_to(root).parts[0] in ("days", ".taper-cache") for p in created), created


def test_new_journal_folders_and_files_are_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        root = tmp_path / "new"
        init_journal(root, TODAY)
        main(["log", str(root), "--date", "2026-11-27", "--symptom", "anxiety=2"])
        load_journal(root, TODAY)
    finally:
        os.umask(old)
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.name == ".git":
            continue
        assert mode & 0o077 == 0, f"{path.relative_to(tmp_path)} is {oct(mode)}"

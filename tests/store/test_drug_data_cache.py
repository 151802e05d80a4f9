"""The per-user JSON cache of the parsed drugs.yaml: only an accelerator, checked, rebuilt."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from taper_tui.store import drug_data
from taper_tui.store.drug_data import (
    CACHE_FORMAT,
    DrugDataError,
    facts_from_document,
    load_document,
    parse_drug_data,
)

TEXT = resources.files("taper_tui.data").joinpath("drugs.yaml").read_text(encoding="utf-8")


def only_cache(folder: Path) -> Path:
    (path,) = folder.glob("drugs-*.json")
    return path


def test_same_facts_with_and_without_the_cache(tmp_path: Path) -> None:
    plain = parse_drug_data(TEXT)
    first = load_document(TEXT, tmp_path)              # parsed, cache written
    path = only_cache(tmp_path)
    assert json.loads(path.read_text())["format"] == CACHE_FORMAT
    second = load_document(TEXT, tmp_path)             # read from the cache
    assert first == second
    assert facts_from_document(second) == plain
    assert load_document(TEXT, None) == first          # no folder: no cache at all


def test_the_cache_is_what_is_read(tmp_path: Path) -> None:
    load_document(TEXT, tmp_path)
    path = only_cache(tmp_path)
    doc = json.loads(path.read_text())
    doc["document"] = ["m", [["default_equivalence_table", "vadod"]]]
    path.write_text(json.dumps(doc))
    assert load_document(TEXT, tmp_path) == {"default_equivalence_table": "vadod"}


@pytest.mark.parametrize("damage", [
    b"",                                               # truncated to nothing
    b'{"format": 1, "sha": "',                         # truncated
    b"\x00\xff garbage",
    b"[1, 2, 3]",
    b'{"format": 999, "sha": "%s", "document": ["m", []]}',   # a newer program's
    b'{"format": 1, "sha": "0000", "document": ["m", []]}',   # another text's
    b'{"format": 1, "sha": "%s", "document": ["zz", 1]}',     # unknown tag
    b'{"format": 1, "sha": "%s", "document": ["l", []]}',     # not a mapping
    b'{"format": 1, "sha": "%s"}',                            # no document
])
def test_a_bad_cache_is_ignored_and_rebuilt(tmp_path: Path, damage: bytes) -> None:
    good = load_document(TEXT, tmp_path)
    path = only_cache(tmp_path)
    sha = json.loads(path.read_text())["sha"]
    path.write_bytes(damage.replace(b"%s", sha.encode()))
    assert load_document(TEXT, tmp_path) == good
    assert json.loads(path.read_text())["sha"] == sha  # rewritten whole


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    load_document(TEXT, tmp_path)
    changed = TEXT.replace("default_equivalence_table: ashton",
                           "default_equivalence_table: vadod")
    assert changed != TEXT
    assert load_document(changed, tmp_path)["default_equivalence_table"] == "vadod"
    assert load_document(TEXT, tmp_path)["default_equivalence_table"] == "ashton"


def test_errors_are_raised_the_same_and_never_cached(tmp_path: Path) -> None:
    bad = TEXT.replace("source: sert-fits}", "source: nowhere-at-all}", 1)
    assert bad != TEXT
    with pytest.raises(DrugDataError) as plain:
        parse_drug_data(bad)
    with pytest.raises(DrugDataError) as cached:
        facts_from_document(load_document(bad, tmp_path))
    assert str(plain.value) == str(cached.value)
    with pytest.raises(DrugDataError):
        load_document("drugs: [unclosed", tmp_path)
    assert not [p for p in tmp_path.glob("drugs-*.json")
                if "unclosed" in p.read_text()]


def test_an_unwritable_folder_costs_only_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert load_document(TEXT, blocker / "taper_tui") == load_document(TEXT, None)


def test_the_folder_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert drug_data.cache_folder() == tmp_path / "taper_tui"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert drug_data.cache_folder() == Path.home() / ".cache" / "taper_tui"

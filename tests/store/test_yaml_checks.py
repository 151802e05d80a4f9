"""check_text compiles its patterns only when a plain substring test says they can match: the
substring tests never miss a match, and the checks still catch what they are for."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taper_tui.store import yaml_io
from taper_tui.store.yaml_io import YamlProblem, check_text


def texts(*chunks: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(chunks), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=texts("<<<<<<<", "=======", ">>>>>>>", "|||||||", "<", "=", ">", "|", " ", "\n",
                  "x", "\r"))
def test_the_conflict_marker_filter_never_misses(text: str) -> None:
    if re.search(yaml_io._CONFLICT_MARKER, text, re.MULTILINE):
        assert any(run in text for run in yaml_io._MARKER_RUNS)


@settings(max_examples=300, deadline=None)
@given(text=texts("[" * 16, "{ " * 8, "[\n" * 8, "[", "{", " ", "\n", "x", " " * 128, "\t"))
def test_the_nesting_filter_never_misses(text: str) -> None:
    if re.search(yaml_io._TOO_DEEP, text, re.MULTILINE):
        assert (text.count("[") + text.count("{") >= yaml_io._TOO_DEEP_BRACKETS
                or " " * 256 in text)


@settings(max_examples=300, deadline=None)
@given(text=texts("&", "*", "a", " ", "\n", ",", "[", "{", ":", "-", "]", "}"))
def test_the_anchor_filter_never_misses(text: str) -> None:
    if re.search(yaml_io._ANCHOR_HINT, text):
        assert "&" in text or "*" in text


@pytest.mark.parametrize(("text", "code"), [
    ("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n", "merge-conflict"),
    ("a: " + "[" * 70 + "]" * 70 + "\n", "too-deep"),
    ("a: &x 1\nb: *x\n", "yaml-alias"),
])
def test_the_checks_still_catch_what_they_are_for(text: str, code: str) -> None:
    with pytest.raises(YamlProblem) as info:
        check_text(text)
    assert info.value.code == code


def test_an_ordinary_day_passes() -> None:
    check_text("date: 2026-11-27\nsymptoms:\n  anxiety: 4  # a * and a & in a comment\n")

"""The fast loader's resolver gives ruamel's YAML 1.2 tags, with or without its shortcuts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from taper_tui.store import fast_yaml
from taper_tui.store.fast_yaml import fast_load

RUAMEL = VersionedResolver(version=(1, 2))


def ruamel_tag(value: str) -> str:
    return str(RUAMEL.resolve(ScalarNode, value, (True, False)))


NUMBERISH = st.text(alphabet="0123456789-+._eE:xob tTfFnN~\n٣", max_size=14)
WORDISH = st.one_of(st.sampled_from(["true", "True", "TRUE", "false", "False", "FALSE", "null",
                                     "Null", "NULL", "yes", "no", "on", "off", "y", "n", "inf",
                                     "nan", "_", "time", "notes", "nul", "truee"]),
                    st.text(alphabet="truefalsNLTRUEFASn_xé1.", max_size=7))
TRICKY = ["", "0", "00", "007", "09", "1", "-1", "+1", "1.", ".5", "1.5", "-1.5", "1.5.2", "1_000",
          "1e3", "1E+3", "0x1F", "0o17", "0b11", ".inf", ".nan", "12:30", "2026-11-27",
          "2026-1-27", "2026-11-27 10:00:00", "2026-11-27\n", "3\n", "٣", "1٣", "true", "True",
          "TRUE", "tRUE", "time", "false", "null", "notes", "~", "<<", "=", "yes", "on"]


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_scalars_get_ruamels_tag(value: str) -> None:
    assert str(fast_yaml._resolve_plain(value)) == ruamel_tag(value)


@settings(max_examples=500, deadline=None)
@given(value=st.one_of(NUMBERISH, WORDISH))
def test_the_resolver_and_its_shortcuts_agree_with_ruamel(value: str) -> None:
    common = fast_yaml._resolve_common(value)
    assert common is None or str(common) == ruamel_tag(value)
    assert str(fast_yaml._resolve_plain(value)) == ruamel_tag(value)


@settings(max_examples=300, deadline=None)
@given(value=NUMBERISH)
def test_the_shape_checks_are_their_patterns(value: str) -> None:
    assert fast_yaml._is_plain_int(value) == bool(re.fullmatch(r"[-+]?(?:0|[1-9][0-9]*)", value))
    assert fast_yaml._is_plain_float(value) == bool(re.fullmatch(r"[-+]?[0-9]+\.[0-9]*", value))
    assert fast_yaml._is_date(value) == bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value))


def test_values_of_a_day_file() -> None:
    text = ("date: 2026-11-27\ndoses:\n  - drug: sertraline\n    mg: 37.5\n    time: \"08:10\"\n"
            "symptoms:\n  anxiety: 4\n  brain_zaps: 0\nnotes: null\nflag: true\n")
    import datetime as dt

    assert fast_load(text) == {
        "date": dt.date(2026, 11, 27),
        "doses": [{"drug": "sertraline", "mg": 37.5, "time": "08:10"}],
        "symptoms": {"anxiety": 4, "brain_zaps": 0}, "notes": None, "flag": True,
    }


@pytest.mark.parametrize("text", ["%YAML 1.2\n---\na: 1\n", "a: 1\n%TAG ! x\n", "old: 007\n"])
def test_directives_and_unusual_numbers_are_left_to_ruamel(text: str) -> None:
    with pytest.raises(fast_yaml.Fallback):
        fast_load(text)


def typed(node: object) -> str:
    """The document with the type of every value."""
    if isinstance(node, dict):
        return "{" + ", ".join(f"{typed(k)}: {typed(v)}" for k, v in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(typed(v) for v in node) + "]"
    return f"{type(node).__name__}({node!r})"


def load_and_dump(text: str, ours: bool) -> tuple[str, str]:
    """The typed document and its dump, from our round-trip loader (`rt_yaml`) or ruamel's own
    configured the same way."""
    import io

    from ruamel.yaml import YAML

    from taper_tui.store.yaml_io import Style, rt_yaml

    yaml = rt_yaml(Style())
    if not ours:
        yaml.Resolver = YAML(typ="rt").Resolver
        yaml.Constructor = YAML(typ="rt").Constructor
    assert (yaml.Resolver is fast_yaml.RtResolver) == ours
    doc = yaml.load(text)
    out = io.StringIO()
    yaml.dump(doc, out)
    return typed(doc), out.getvalue()


def assert_same_as_ruamel(text: str) -> None:
    try:
        stock = load_and_dump(text, ours=False)
    except Exception as exc:  # whatever ruamel raises, ours raises too
        with pytest.raises(type(exc)):
            load_and_dump(text, ours=True)
        return
    assert load_and_dump(text, ours=True) == stock


@pytest.mark.parametrize("text", [
    "date: 2026-11-27\ndoses:\n  - drug: sertraline\n    mg: 37.5\n    time: \"08:10\"\n"
    "symptoms:\n  anxiety: 4   # worse today\n  brain_zaps: 0\nnotes: |\n  Zaps.\n",
    "date: 2026-11-27\nold: 007\nbig: 1_000\nexp: 1e3\nhex: 0x1F\nwhen: 2026-11-27 10:00:00\n"
    "short: 2026-1-7\nbad: 2026-02-30x\nneg: -3\nfrac: 3.\nnothing: ~\nyes: true\n",
    "%YAML 1.1\n---\na: 09\nb: yes\nc: 2026-11-27\n",
    "- 1\n- 2.50\n- 2026-11-27\n- [3, 4.0, 2026-01-01]\n- {a: 1}\n",
    "date: 2026-02-30\n",
])
def test_our_round_trip_loader_is_ruamels(text: str) -> None:
    assert_same_as_ruamel(text)


@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.one_of(NUMBERISH, WORDISH).map(str.strip).filter(lambda v: "\n" not in v),
                       max_size=6))
def test_our_round_trip_loader_is_ruamels_on_odd_scalars(values: list[str]) -> None:
    assert_same_as_ruamel("".join(f"k{i}: {v}\n" for i, v in enumerate(values)) or "a: 1\n")

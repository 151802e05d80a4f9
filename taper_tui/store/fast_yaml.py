"""A faster build of ruamel's safe C loader for the common shape of journal files; same results.

ruamel's C parser composes the node tree quickly, but its Python resolver and constructor then
spend about three quarters of the load: the resolver recomputes the YAML version for every scalar
and every node builds fresh `Tag` objects. Here the YAML 1.2 implicit-resolver table is taken once
from ruamel itself, nodes share one `Tag` per type, and a small constructor handles what day files
and `taper.yaml` hold: mappings with scalar keys, sequences, strings, plain decimal ints and floats,
booleans, nulls and dates.

Anything else (a `%YAML` directive, explicit tags, merge keys, duplicate keys, datetimes, ints in
other bases, any error) is handed to ruamel's own safe loader, so the result or the exception is
always exactly ruamel's (`tests/store/test_fuzz.py` checks the two agree).

`RtResolver` and `RtConstructor` give the round-trip loader (`yaml_io.rt_yaml`) the same shortcuts
for the commonest scalars: whole numbers, decimals and dates resolve and construct without
compiling ruamel's patterns, which costs more than reading and writing a day file.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag
from ruamel.yaml.util import create_timestamp

_Y = "tag:yaml.org,2002:"


class Fallback(Exception):
    """The document needs ruamel's full loader."""


# ruamel's YAML 1.2 implicit resolvers by first character. Its patterns are lazy proxies (every
# attribute access a Python call) that compile on first use: `_entries` takes the compiled pattern
# out of each, once, and only for the first characters a document actually has.
_RULES: dict[Any, list[tuple[str, Any]]] = VersionedResolver(version=(1, 2)).versioned_resolver
_TAGS: dict[str, Tag] = {}


def _tag(name: str) -> Tag:
    """One shared `Tag` per tag name (the constructor compares them with `is`)."""
    tag = _TAGS.get(name)
    if tag is None:
        tag = _TAGS[name] = Tag(suffix=name)
    return tag


STR = _tag(_Y + "str")
SEQ = _tag(_Y + "seq")
MAP = _tag(_Y + "map")
INT = _tag(_Y + "int")
FLOAT = _tag(_Y + "float")
BOOL = _tag(_Y + "bool")
NULL = _tag(_Y + "null")
TIMESTAMP = _tag(_Y + "timestamp")
_SCALAR_KEYS = (str, int, float, bool, dt.date, type(None))
_BY_FIRST: dict[str | None, list[tuple[Tag, re.Pattern[str]]]] = {}


def _compiled(regexp: Any) -> re.Pattern[str]:
    unwrap = getattr(regexp, "lazy_self", None)  # ruamel's LazyEval holds the compiled pattern
    return unwrap() if unwrap is not None else regexp  # type: ignore[no-any-return]


def _entries(first: str) -> list[tuple[Tag, re.Pattern[str]]]:
    """The (tag, pattern) pairs to try, in ruamel's order, for a scalar starting with `first`."""
    key = first if first in _RULES else None  # None: every character no resolver names
    entries = _BY_FIRST.get(key)
    if entries is None:
        rules = (_RULES[key] if key is not None else []) + _RULES.get(None, [])
        entries = _BY_FIRST[key] = [(_tag(tag), _compiled(regexp)) for tag, regexp in rules]
    return entries


_RESOLVED: dict[str, Tag] = {}
"""Plain scalar -> tag. Keys, symptom scores and drug names repeat across thousands of files."""


def _digits(text: str) -> bool:
    """`[0-9]+`: isdigit alone would take other scripts' digits too."""
    return text.isdigit() and text.isascii()


def _is_plain_int(value: str) -> bool:
    """`[-+]?(?:0|[1-9][0-9]*)`"""
    digits = value[1:] if value[:1] in ("-", "+") else value
    return _digits(digits) and (digits[0] != "0" or digits == "0")


def _is_plain_float(value: str) -> bool:
    """`[-+]?[0-9]+\\.[0-9]*`"""
    whole, dot, frac = (value[1:] if value[:1] in ("-", "+") else value).partition(".")
    return bool(dot) and _digits(whole) and (not frac or _digits(frac))


def _is_date(value: str) -> bool:
    """`[0-9]{4}-[0-9]{2}-[0-9]{2}`"""
    return (len(value) == 10 and value[4] == "-" and value[7] == "-"
            and _digits(value[:4] + value[5:7] + value[8:]))


_WORDS = {"true": BOOL, "True": BOOL, "TRUE": BOOL, "false": BOOL, "False": BOOL, "FALSE": BOOL,
          "null": NULL, "Null": NULL, "NULL": NULL}


def _resolve_common(value: str) -> Tag | None:
    """The tag of the commonest plain scalars of journal files, found without a regular
    expression: words of letters and underscores (keys, names: a string, unless one of YAML 1.2's
    booleans or nulls), unsigned whole numbers, dates and unsigned decimals (int, timestamp and
    float). None for anything else (`tests/store/test_fast_yaml.py` checks this against ruamel's
    own table)."""
    if value.isascii() and value.replace("_", "a").isalpha():
        return _WORDS.get(value, STR)
    if _digits(value):
        return INT
    if _is_date(value):
        return TIMESTAMP
    whole, dot, frac = value.partition(".")
    if dot and _digits(whole) and _digits(frac):
        return FLOAT
    return None


def _resolve_by_table(value: str) -> Tag:
    for tag, regexp in _entries(value[:1]):
        if regexp.match(value):
            return tag
    return STR


def _resolve_plain(value: str) -> Tag:
    tag = _resolve_common(value)
    return tag if tag is not None else _resolve_by_table(value)


class _Parser(CParser):  # type: ignore[misc]
    """The C parser with a cached YAML 1.2 resolver and no path resolvers."""

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> Tag:
        if kind is ScalarNode:
            if implicit[0]:
                tag = _RESOLVED.get(value)
                if tag is None:
                    tag = _resolve_plain(value)
                    if len(value) <= 40 and len(_RESOLVED) < 50_000:
                        _RESOLVED[value] = tag
                return tag
            return STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _scalar(node: Any) -> Any:
    tag = node.ctag
    value: str = node.value
    if tag is STR:
        return value
    if tag is INT and _is_plain_int(value):
        digits = value.lstrip("+-")
        return 0 if digits == "0" else (-1 if value[0] == "-" else 1) * int(digits)
    if tag is FLOAT and _is_plain_float(value):
        return (-1 if value[0] == "-" else 1) * float(value.lstrip("+-"))
    if tag is NULL:
        return None
    if tag is BOOL:
        return value.lower() == "true"
    if tag is TIMESTAMP and _is_date(value):
        return dt.date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    raise Fallback


def _construct(node: Any) -> Any:
    cls = type(node)
    if cls is ScalarNode:
        return _scalar(node)
    if node.anchor is not None:
        raise Fallback
    if cls is MappingNode:
        if node.ctag is not MAP:
            raise Fallback
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise Fallback
            key = _scalar(key_node)
            if key in data or not isinstance(key, _SCALAR_KEYS):
                raise Fallback  # ruamel reports the duplicate with its place
            data[key] = _construct(value_node)
        return data
    if cls is SequenceNode and node.ctag is SEQ:
        return [_construct(child) for child in node.value]
    raise Fallback


def fast_load(text: str) -> Any:
    """Parse like `YAML(typ='safe', pure=False).load(text)`; raise Fallback when it cannot."""
    if text.startswith("%") or "\n%" in text:  # a directive line
        raise Fallback
    parser = _Parser(text)
    try:
        node = parser.get_single_node()
    except Exception as exc:
        raise Fallback from exc
    finally:
        parser.dispose()
    if node is None:
        return None
    try:
        return _construct(node)
    except Fallback:
        raise
    except Exception as exc:
        # An invalid date, a too-deep document...: ruamel's loader reports it its own way.
        raise Fallback from exc


class RtResolver(VersionedResolver):
    """ruamel's resolver for the round-trip loader and dumper, answering the commonest plain
    scalars of YAML 1.2 documents (`_resolve_common`) without compiling its patterns: the same
    tags, so the same document and the same output."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0] and self.processing_version == (1, 2):
            tag = _resolve_common(value)
            if tag is not None:
                return Tag(suffix=tag.suffix)  # a fresh one, as ruamel's own resolve returns
        return super().resolve(kind, value, implicit)


class RtConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor, making a plain `YYYY-MM-DD` date without compiling its
    timestamp pattern (about 0.7 ms, and every day file starts with its date)."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        value = node.value
        if values is None and isinstance(value, str) and _is_date(value):
            # What ruamel's pattern gives a date without a time: year, month, day, the rest None.
            return create_timestamp(value[:4], value[5:7], value[8:], *[None] * 9)
        return super().construct_yaml_timestamp(node, values)


RtConstructor.add_constructor(_Y + "timestamp", RtConstructor.construct_yaml_timestamp)

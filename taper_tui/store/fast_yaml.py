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
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

_Y = "tag:yaml.org,2002:"


class Fallback(Exception):
    """The document needs ruamel's full loader."""


def _table() -> dict[Any, list[tuple[Tag, re.Pattern[str]]]]:
    resolver = VersionedResolver(version=(1, 2))
    tags: dict[str, Tag] = {}
    table: dict[Any, list[tuple[Tag, re.Pattern[str]]]] = {}
    for first, entries in resolver.versioned_resolver.items():
        # ruamel wraps each pattern in a lazy proxy whose every attribute access costs a Python
        # call: compile the same pattern once, for real.
        table[first] = [(tags.setdefault(tag, Tag(suffix=tag)),
                         re.compile(regexp.pattern, regexp.flags)) for tag, regexp in entries]
    return table


_TABLE = _table()
_ANY = _TABLE.get(None, [])
_BY_FIRST = {first: entries + _ANY for first, entries in _TABLE.items() if first is not None}
_TAGS = {str(tag.suffix): tag for entries in _TABLE.values() for tag, _ in entries}
STR = Tag(suffix=_Y + "str")
SEQ = Tag(suffix=_Y + "seq")
MAP = Tag(suffix=_Y + "map")
INT = _TAGS[_Y + "int"]
FLOAT = _TAGS[_Y + "float"]
BOOL = _TAGS[_Y + "bool"]
NULL = _TAGS[_Y + "null"]
TIMESTAMP = _TAGS[_Y + "timestamp"]
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)
_SCALAR_KEYS = (str, int, float, bool, dt.date, type(None))


_RESOLVED: dict[str, Tag] = {}
"""Plain scalar -> tag. Keys, symptom scores and drug names repeat across thousands of files."""


def _resolve_plain(value: str) -> Tag:
    for tag, regexp in _BY_FIRST.get(value[:1], _ANY):
        if regexp.match(value):
            return tag
    return STR


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
    if tag is INT and _PLAIN_INT.fullmatch(value):
        digits = value.lstrip("+-")
        return 0 if digits == "0" else (-1 if value[0] == "-" else 1) * int(digits)
    if tag is FLOAT and _PLAIN_FLOAT.fullmatch(value):
        return (-1 if value[0] == "-" else 1) * float(value.lstrip("+-"))
    if tag is NULL:
        return None
    if tag is BOOL:
        return value.lower() == "true"
    if tag is TIMESTAMP and _DATE.fullmatch(value):
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
    if "%" in text and _DIRECTIVE.search(text):
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

"""The configured YAML readers and writer. With `fast_yaml` (its faster safe loader), the only
module that imports ruamel.yaml.

Reading for the whole journal uses ruamel's safe loader with the C parser (YAML 1.2: `21:17` stays a
string, `yes` stays a string). Editing a file uses the round-trip loader, configured from the file's
own style so that an unchanged file dumps byte-identical and one change touches one line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
)

_SAFE: YAML | None = None

# The patterns below are compiled on first use (`re` keeps them), and only when a plain substring
# test shows they can match: most files have none of `&`, `*`, seven equal signs or 64 brackets,
# and compiling costs more than the whole check of a day file.
# A cheap pre-filter: anchors and aliases need `&name` or `*name` after a separator.
_ANCHOR_HINT = r"(?:^|[\s,\[{:-])[&*][^\s,\[\]{}]"
# No journal file nests deeper than a few levels; a parser walking thousands of levels costs
# seconds (and the round-trip loader's recursion), so such files are refused up front.
_TOO_DEEP = r"(?:[\[{][ \t\r\n]*){64}|^ {256}"
_TOO_DEEP_BRACKETS = 64
MAX_DEPTH = 100
"""Deeper documents are refused before any parser composes them: ruamel's C composer recurses
in C, and a few tens of thousands of levels (a 100 KB file) overflow the stack and kill the
process. Every level needs one of the characters `[{-?:`, so fewer of them than this never walk."""
_CONFLICT_MARKER = r"^(<{7}(?: |$)|={7}$|>{7}(?: |$)|\|{7}(?: |$))"
_MARKER_RUNS = ("<" * 7, "=" * 7, ">" * 7, "|" * 7)


class YamlProblem(Exception):
    """A file that could not be parsed; `line` and `column` are 1-based when known."""

    def __init__(self, code: str, message: str, line: int | None = None,
                 column: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


def safe_yaml() -> YAML:
    global _SAFE
    if _SAFE is None:
        _SAFE = YAML(typ="safe", pure=False)
    return _SAFE


def _mark(exc: MarkedYAMLError) -> tuple[int | None, int | None]:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def check_text(text: str) -> None:
    """Reject what must never reach the constructor: conflict markers, anchors and aliases."""
    m = (re.search(_CONFLICT_MARKER, text, re.MULTILINE)
         if any(run in text for run in _MARKER_RUNS) else None)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise YamlProblem(
            "merge-conflict", "git merge-conflict marker", line, 1,
            "keep the right lines, delete the <<<<<<< ======= >>>>>>> lines, save",
        )
    deep = (re.search(_TOO_DEEP, text, re.MULTILINE)
            if text.count("[") + text.count("{") >= _TOO_DEEP_BRACKETS or " " * 256 in text
            else None)
    if deep:
        line = text.count("\n", 0, deep.start()) + 1
        raise YamlProblem("too-deep", "the file nests too deeply to be a journal file", line,
                          deep.start() - (text.rfind("\n", 0, deep.start()) + 1) + 1,
                          "a journal file needs only a few levels of indentation")
    if (("&" in text or "*" in text) and re.search(_ANCHOR_HINT, text)) or _may_nest_deeply(text):
        # Walk the events, never building the document: an alias bomb is never expanded, and
        # libyaml's event parser keeps its stack on the heap, so depth is safe to measure here.
        depth = 0
        try:
            for event in safe_yaml().parse(text):
                if isinstance(event, CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        mark = event.start_mark
                        raise YamlProblem(
                            "too-deep", f"the file nests more than {MAX_DEPTH} levels deep",
                            mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                            "a journal file needs only a few levels of indentation")
                elif isinstance(event, CollectionEndEvent):
                    depth -= 1
                if isinstance(event, AliasEvent) or (
                    isinstance(event, NodeEvent) and event.anchor
                ):
                    mark = event.start_mark
                    raise YamlProblem(
                        "yaml-alias", "YAML anchors and aliases (&name, *name) are not allowed "
                        "in a journal", mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None,
                        "write the value out in full",
                    )
        except YamlProblem:
            raise
        except MarkedYAMLError:
            return  # The parse below reports the syntax error with its place.
        except (YAMLError, RecursionError, ValueError):
            return


def _may_nest_deeply(text: str) -> bool:
    return (text.count(":") + text.count("-") + text.count("[") + text.count("{")
            + text.count("?")) > MAX_DEPTH


def load_safe(text: str) -> Any:
    """Parse with the fast YAML 1.2 safe loader; raise YamlProblem for anything wrong."""
    check_text(text)
    from taper_tui.store.fast_yaml import Fallback, fast_load

    try:
        return fast_load(text)
    except Fallback:
        pass  # Not the common shape, or an error: ruamel's loader gives the exact answer.
    try:
        return safe_yaml().load(text)
    except MarkedYAMLError as exc:
        if "duplicate key" not in str(exc):
            # libyaml (the C parser) rejects some valid YAML 1.2, such as `{time: 20:31}` in a
            # flow mapping; the pure-Python parser accepts it. Only failing files pay for this.
            try:
                return YAML(typ="safe", pure=True).load(text)
            except (YAMLError, RecursionError, ValueError, TypeError, OverflowError):
                pass  # Report the C parser's error below, with its place.
        line, col = _mark(exc)
        code = "duplicate-key" if "duplicate key" in str(exc) else "yaml-syntax"
        problem = (exc.problem or exc.context or "syntax error").strip()
        if code == "duplicate-key":
            problem = problem.removeprefix("found ")
        raise YamlProblem(code, f"YAML: {problem}", line, col, _hint(code, problem)) from exc
    except RecursionError as exc:
        raise YamlProblem("too-deep", "the file is nested too deeply to read") from exc
    except (YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise YamlProblem("yaml-syntax", f"YAML: {exc}".splitlines()[0]) from exc


def _hint(code: str, problem: str) -> str | None:
    if code == "duplicate-key":
        return "a key may appear once per mapping: merge the two entries"
    if "tab" in problem:
        return "use spaces, not tabs, for indentation"
    if "mapping values are not allowed" in problem:
        return "quote a value that contains ': ', or fix the indentation"
    return "check the indentation and quoting near this line"


@dataclass(frozen=True, slots=True)
class Style:
    """A file's own layout, detected so that rewriting it keeps it."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    crlf: bool = False
    final_newline: bool = True
    explicit_start: bool = False


_BLANKS = r"(?:[ \t]*(?:#[^\n]*)?\n)*"  # blank or comment-only lines between a key and its value
# Compiled on first use (by `re`): only editing a file needs them.
_SEQ_UNDER_KEY = r"^( *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n" + _BLANKS + r"( *)- "
_NESTED_MAP = r"^( *)[^\s#-][^\n:]*:[ \t]*(?:#[^\n]*)?\n" + _BLANKS + r"( +)[^\s#-]"


def detect_style(text: str) -> Style:
    crlf = "\r\n" in text
    body = text.replace("\r\n", "\n")
    mapping = 2
    m = re.search(_NESTED_MAP, body, re.MULTILINE)
    if m and len(m.group(2)) > len(m.group(1)):
        mapping = len(m.group(2)) - len(m.group(1))
    offset = 2
    s = re.search(_SEQ_UNDER_KEY, body, re.MULTILINE)
    if s:
        offset = max(0, len(s.group(2)) - len(s.group(1)))
    return Style(
        mapping=mapping,
        sequence=offset + 2,
        offset=offset,
        crlf=crlf,
        final_newline=body.endswith("\n") or not body,
        explicit_start=body.lstrip().startswith("---"),
    )


def rt_yaml(style: Style) -> YAML:
    from taper_tui.store.fast_yaml import RtConstructor, RtResolver

    y = YAML(typ="rt")
    y.Resolver = RtResolver
    y.Constructor = RtConstructor
    y.preserve_quotes = True
    y.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    y.width = 4096
    y.explicit_start = style.explicit_start
    return y


def load_rt(text: str) -> tuple[Any, Style]:
    """Parse for editing; raise YamlProblem when the round-trip parser cannot keep the file."""
    style = detect_style(text)
    check_text(text)
    if style.crlf:
        # ruamel would keep the \r inside comments; dump_rt puts the CRLF endings back.
        text = text.replace("\r\n", "\n")
    try:
        return rt_yaml(style).load(text), style
    except MarkedYAMLError as exc:
        line, col = _mark(exc)
        raise YamlProblem(
            "cannot-edit", "this file uses a construct the editor cannot keep "
            f"({(exc.problem or 'parse error').strip()})", line, col,
            "a tab before a comment is the usual cause: replace it with spaces",
        ) from exc
    except (YAMLError, RecursionError, ValueError) as exc:
        raise YamlProblem("cannot-edit", f"this file cannot be edited safely: {exc}") from exc


def dump_rt(data: Any, style: Style) -> str:
    buf = io.StringIO()
    rt_yaml(style).dump(data, buf)
    text = buf.getvalue()
    if not style.final_newline:
        text = text.rstrip("\n")
    if style.crlf:
        text = text.replace("\n", "\r\n")
    return text


def locate(text: str, keys: Sequence[str | int]) -> tuple[int | None, int | None]:
    """1-based (line, column) of the value at `keys` in `text` (the key itself for mapping
    entries), or (None, None) when the file cannot be walked that far. Parses `text` again with the
    round-trip loader: used only for files that have a problem, never on the hot path."""
    try:
        node, _ = load_rt(text)
    except YamlProblem:
        return None, None
    line: int | None = None
    col: int | None = None
    pos: tuple[int, int]
    if hasattr(node, "lc"):
        line, col = node.lc.line + 1, node.lc.col + 1
    for key in keys:
        try:
            if isinstance(key, int) and isinstance(node, list):
                pos = node.lc.item(key)  # type: ignore[attr-defined]
                node = node[key]
            elif isinstance(node, dict) and key in node:
                pos = node.lc.key(key)  # type: ignore[attr-defined]
                node = node[key]
            else:
                break
        except (AttributeError, KeyError, IndexError, TypeError):
            break
        line, col = pos[0] + 1, pos[1] + 1
    return line, col

"""Problems found in a journal: a user's mistake is a value with a place, never an exception."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one file. `line` and `column` are 1-based and present only when known."""

    path: str
    """Relative to the journal folder, forward slashes."""
    severity: Severity
    code: str
    """Stable machine name, e.g. `yaml-syntax`, `unknown-drug`."""
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def location(self) -> str:
        """`path:line:col`, leaving out what is not known."""
        loc = self.path
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def render(self) -> str:
        """The one-line form `check` prints: `path:line:col: error: message (hint)`."""
        text = f"{self.location()}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def sort_key(p: Problem) -> tuple[str, int, int, str]:
    return (p.path, p.line or 0, p.column or 0, p.code)

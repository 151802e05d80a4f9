"""Opening a journal file in the person's own editor: `$VISUAL`, else `$EDITOR`, else `vi`."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path


def editor_command(path: Path, line: int | None = None) -> list[str]:
    """The command line that opens `path` (at `line` when known): `EDITOR +LINE FILE`.

    `+LINE` is understood by vi, vim, nvim, nano, emacs, micro, kak and joe."""
    text = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    words = shlex.split(text) if text.strip() else []
    if not words:
        words = [(shutil.which("nano") and "nano") or "vi"]
    if line:
        words.append(f"+{line}")
    words.append(str(path))
    return words

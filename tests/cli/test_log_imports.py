"""`taper-tui log` stays light: what it never needs is never imported (a fresh process each)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

#: Modules `log` once imported for nothing: OpenSSL's hashes (the builtin SHA-256 does), tempfile
#: and random (atomic.py names its temporary file itself), and of course the app.
NOT_FOR_LOG = ("hashlib", "_hashlib", "tempfile", "random", "textual", "plotext", "rich")

PROBE = """\
import sys
from taper_tui.cli.main import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(repr((code, sorted(m for m in sys.modules if m.split(".")[0] in {names!r}))))
"""


def log_in_a_fresh_process(root: Path, *args: str) -> tuple[int, list[str]]:
    probe = PROBE.format(names=set(NOT_FOR_LOG))
    out = subprocess.run([sys.executable, "-c", probe, "log", str(root), *args],
                         capture_output=True, text=True, check=True, timeout=60,
                         env={**os.environ}).stdout
    code, loaded = ast.literal_eval(out.strip().splitlines()[-1])
    return code, loaded


def test_log_writes_without_hashlib_tempfile_or_the_app(
        make_journal: Callable[..., Path]) -> None:
    root = make_journal({"days/2026/2026-11-26.yaml": "date: 2026-11-26\nnotes: |\n  fine\n"})
    # A new day file, a changed one (times and decimals: the resolver's slow paths too), and an
    # unchanged one.
    assert log_in_a_fresh_process(root, "--symptom", "anxiety=4") == (0, [])
    assert log_in_a_fresh_process(root, "--date", "yesterday", "--dose",
                                  "sertraline=37.5@08:10", "--exposure",
                                  "caffeine=1 cup@09:30", "--event", "hold") == (0, [])
    assert log_in_a_fresh_process(root, "--symptom", "anxiety=4") == (0, [])
    assert "anxiety: 4" in (root / "days/2026/2026-11-27.yaml").read_text(encoding="utf-8")
    text = (root / "days/2026/2026-11-26.yaml").read_text(encoding="utf-8")
    assert 'mg: 37.5\n    time: "08:10"' in text and "- type: hold" in text
    assert not [p for p in root.rglob("*.tmp")]

"""Temporary files left by killed writers are cleaned up by the next write of the same file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from taper_tui.store.atomic import STALE_TEMP_SECONDS, atomic_write


def test_stale_temporary_files_are_removed_fresh_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "2026-11-27.yaml"
    stale = tmp_path / ".2026-11-27.yaml.abc123.tmp"
    fresh = tmp_path / ".2026-11-27.yaml.def456.tmp"
    other = tmp_path / ".2026-11-26.yaml.abc123.tmp"
    for p in (stale, fresh, other):
        p.write_text("half a file")
    old = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic_write(target, b"date: 2026-11-27\n")
    assert target.read_bytes() == b"date: 2026-11-27\n"
    assert not stale.exists()
    assert fresh.exists()  # a writer may still be working on it
    assert other.exists()  # another file's writer is none of this write's business

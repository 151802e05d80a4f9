"""UI test helpers: a headless TaperApp on a journal in tmp_path, waited until it has loaded."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from taper_tui.ui.app import TaperApp

TODAY = dt.date(2026, 11, 27)


def make_app(root: Path) -> TaperApp:
    """No timer polling: tests call `app.poll_journal()` when they want a poll."""
    return TaperApp(root, TODAY, poll_seconds=None)


async def settle(app: TaperApp, pilot: object) -> None:
    """Until the first load is applied, every worker is done and the screen has refreshed."""
    for _ in range(2000):
        if app.loaded.is_set():
            break
        await asyncio.sleep(0.005)
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR is a script that records its arguments and appends a comment line to the file."""
    log = tmp_path / "editor-args.txt"
    script = tmp_path / "fake-editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{log}"\n'
        'for last; do :; done\n'
        'case "$last" in *.yaml) printf "# edited in the editor\\n" >> "$last";; esac\n',
        encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    return log


def type_fast(app: TaperApp, *keys: str) -> None:
    """Queue every key at once, as a terminal delivers keys typed (or pasted) with no pause.

    `pilot.press` waits for the app to go idle after each key, which hides races between a key
    and the work the previous key started; this does not wait at all."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)

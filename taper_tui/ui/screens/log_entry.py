"""The Log screen's day state, note and saving, apart from its rows (`screens.log`).

`DayEntryScreen` holds the form of the day shown, runs what the person typed in order (holding
keys that come before the day is loaded), saves the note a moment after typing stops, sends every
change to the app's save queue and, when the file changed outside while input was unsaved, asks
what to keep: nothing is ever written over an outside edit.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on
from textual.timer import Timer
from textual.widgets import Static, TextArea

from taper_tui.store.journal_store import day_relpath
from taper_tui.ui.log_form import LogForm
from taper_tui.ui.messages import DaySaved, SaveFailed
from taper_tui.ui.screens.base import TaperScreen
from taper_tui.ui.widgets.log_list import LogList
from taper_tui.ui.widgets.log_rows import Plans, head_markup, red_flag_markup

if TYPE_CHECKING:
    pass

NOTE_SAVE_DELAY = 1.0
"""Seconds after the last keystroke in the note before it is saved."""


class DayEntryScreen(TaperScreen):
    def __init__(self) -> None:
        super().__init__()
        self.form: LogForm | None = None
        self.plans: Plans = {}
        self._note_timer: Timer | None = None
        self._asking = False
        self._waiting: list[Callable[[], None]] = []
        self._typed_early = False
        self.note_delay = NOTE_SAVE_DELAY

    @property
    def rel(self) -> str | None:
        return day_relpath(self.form.date) if self.form else None

    @property
    def rows(self) -> LogList:
        return self.query_one("#rows", LogList)

    def _when_ready(self, run: Callable[[], None]) -> None:
        """Run now, or, before the day is loaded, as soon as it is (in the order typed)."""
        if self.form is None or self._waiting:
            self._waiting.append(run)
        else:
            run()

    def _run_waiting(self) -> None:
        while self._waiting and self.form is not None:
            self._waiting.pop(0)()

    def render_head(self) -> None:
        form, app = self.form, self.taper_app
        if form is None or app.result is None:
            return
        git_note = app.git_notes.get(day_relpath(form.date), "")
        self.query_one("#log-head", Static).update(
            head_markup(form, app.today, app.writable, git_note))
        banner = self.query_one("#redflag", Static)
        text = red_flag_markup(form, app.result.journal)
        banner.display = bool(text)
        if text:
            banner.update(text)

    # --- note --------------------------------------------------------------------------------

    def action_note(self) -> None:
        # A priority binding: it runs as `n` arrives. At once when the note exists, even before
        # the day is loaded: the keys after `n` are the note's (what is typed early is added to
        # the day's note when it loads).
        notes = self.query("#note-text")
        if notes and self.focused is notes.first():  # not `has_focus`: set a turn later
            self._type_in_note(notes.first(TextArea), "n")
        elif notes:
            self._open_note()
        else:
            self._when_ready(self._open_note)

    @staticmethod
    def _type_in_note(note: TextArea, char: str) -> None:
        """Give `char` to the note as a key of its own, queued behind the keys typed before it
        (inserting it here would put it in front of those still waiting in the note's queue)."""
        key = events.Key(char, char)
        key._set_forwarded()  # the app must not take it for a new key press if it bubbles up
        note.post_message(key)

    def _open_note(self) -> None:
        note = self.query_one("#note-text", TextArea)
        self.set_focus(note)  # at once: `focus()` waits a turn, and the next keys are the note's
        note.move_cursor(note.document.end)  # add to the note, not in front of it

    def action_back(self) -> None:
        # A priority binding: the keys after Escape go to the rows at once. The note still
        # handles the keys typed before Escape; its blur, queued behind them, saves the note.
        note = self.query_one("#note-text", TextArea)
        if self.focused is note:
            self.set_focus(self.rows)
        else:
            self.taper_app.action_go("today")

    @on(TextArea.Changed, "#note-text")
    def _note_changed(self, event: TextArea.Changed) -> None:
        if self.form is None:
            self._typed_early = bool(event.text_area.text)
            return
        if event.text_area.text == self.form.note_text():
            return
        self.form.set_notes(event.text_area.text)
        self.render_head()
        self._save_note_later()

    def _save_note_later(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(self.note_delay, self._save)

    def _show_note(self, form: LogForm) -> None:
        """The day's note in the text area, after (what was typed before the day loaded)."""
        note = self.query_one("#note-text", TextArea)
        if self._typed_early:
            self._typed_early = False
            base = form.note_text().rstrip()
            text = f"{base}\n{note.text}" if base else note.text
            note.load_text(text)
            note.move_cursor(note.document.end)
            form.set_notes(text)
            self._save_note_later()
        elif form.notes is None and note.text != form.note_text():
            note.load_text(form.note_text())

    def _flush_note(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
            self._save()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "note-text":
            self._flush_note()

    # --- saving and outside edits ------------------------------------------------------------

    def _save(self, force: bool = False) -> None:
        form = self.form
        if form is None or not form.dirty or (form.kept and not force):
            return
        if not self.taper_app.writable:
            self.render_head()
            return
        form.kept = False
        self.taper_app.save_day(form.patch(), form.edits)

    def action_save(self) -> None:
        self.after_note_keys(lambda: self._when_ready(self._save_now))

    def _save_now(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        self._save(force=True)

    def after_note_keys(self, run: Callable[[], None]) -> None:
        """Run `run` once the note has handled the keys typed before now, with its text taken
        into the form. A key typed in the note waits in the note's queue, and the change it makes
        then bubbles up through the containers' queues: a save or an exit that ran first would
        miss the last words typed."""
        notes = self.query("#note-text")
        if not notes:
            run()
            return

        def then() -> None:
            self._sync_note(notes.first(TextArea))
            run()

        notes.first().call_later(then)

    def _sync_note(self, note: TextArea) -> None:
        form = self.form
        if form is None or self._typed_early or note.text == form.note_text():
            return  # (typed before the day loaded: `_show_note` merges it when it loads)
        form.set_notes(note.text)
        self.render_head()
        self._save_note_later()

    async def before_exit(self, timeout: float = 2.0) -> None:
        """Save what the note holds now (the app is about to exit): after the keys typed into
        it, without waiting for the save delay."""
        done = asyncio.Event()

        def flush() -> None:
            self._flush_note()
            done.set()

        self.after_note_keys(flush)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), timeout)

    def save_result(self, message: DaySaved) -> None:
        if self.form is not None and message.rel == self.rel:
            self.form.saved = max(self.form.saved, message.token)
            self.form.saved_any = self.form.saved_any or message.changed
            self.render_head()

    def save_failed(self, message: SaveFailed) -> None:
        if self.form is None or message.rel != self.rel:
            return
        if message.conflict:
            self._ask_outside_edit()
        else:
            self.notify(message.error, title="Not saved", severity="error", timeout=10)

    def files_changed(self, paths: tuple[str, ...]) -> None:
        form = self.form
        if form is not None and self.rel in paths and (form.dirty or form.kept):
            self._ask_outside_edit()

    def _ask_outside_edit(self) -> None:
        from taper_tui.ui.screens.dialogs import OutsideEdit

        if self._asking or self.form is None or self.rel is None:
            return
        self._asking = True
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        form = self.form
        form.kept = True  # Until the person answers, nothing is saved over the outside edit.

        def answered(choice: str | None) -> None:
            self._asking = False
            if choice == "reload":
                form.clear()
                self.query_one("#note-text", TextArea).load_text(form.note_text())
            self.taper_app.reload()

        self.app.push_screen(OutsideEdit(self.rel), answered)
        self.render_head()

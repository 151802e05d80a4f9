"""A day file's git history as text: each commit (when, who, subject) with its diff, newest first.

Built from `store.git_sync.FileHistory`; diff lines are coloured with the theme's success and
error colours (added and removed lines) and git's own header lines are left out.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from taper_tui.store.git_sync import FileHistory

_HEADER_PREFIXES = ("diff --git", "index ", "--- ", "+++ ", "new file mode", "similarity",
                    "rename from", "rename to", "deleted file mode")


def history_text(history: FileHistory, added: str, removed: str, muted: str) -> Text:
    """The history as Rich text; `added`, `removed` and `muted` are colours (may be "")."""
    text = Text()
    text.append(f"git history of {history.rel}\n", style="bold")
    if history.uncommitted:
        text.append("This file has changes not committed yet.\n", style=muted)
    if history.message:
        text.append(f"{history.message}\n", style=muted)
    if not history.revisions:
        text.append("\nGit keeps every version of the day files. To start: run `git init` in "
                    "the journal folder, and set `git: {autocommit: true}` in taper.yaml so that "
                    "each save is committed.\n")
    for rev in history.revisions:
        when = rev.when.replace("T", " ")[:16]
        text.append(f"\n{rev.sha[:7]}", style="bold")
        text.append(f"  {when}  {rev.author}\n", style=muted)
        text.append(f"  {rev.subject}\n")
        for line in rev.diff.splitlines():
            if line.startswith(_HEADER_PREFIXES):
                continue
            if line.startswith("@@"):
                text.append(f"  {line}\n", style=muted)
            elif line.startswith("+"):
                text.append(f"  {line}\n", style=added)
            elif line.startswith("-"):
                text.append(f"  {line}\n", style=removed)
            else:
                text.append(f"  {line}\n")
    return text


class GitPane(VerticalScroll):
    """A scrollable pane holding one `history_text` (Tab focuses it; the arrows scroll)."""

    DEFAULT_CSS = """
    GitPane { border: round $primary; padding: 0 1; }
    GitPane:focus { border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Reading the day's git history…", id="git-text")

    def show(self, content: Text | str) -> None:
        self.query_one("#git-text", Static).update(content)
        self.scroll_home(animate=False)

"""Baseline: a minimal Textual app that paints one Static and exits after its first frame.

    python benchmarks/baseline_textual.py

What `taper-tui screenshot` (the first painted Today screen) is compared against.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello from a minimal Textual app.")

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit)


if __name__ == "__main__":
    Minimal().run(headless=True, size=(100, 32))

"""The domain core, the store and the non-UI CLI commands never import Textual, plotext or rich."""

from __future__ import annotations

import subprocess
import sys

import pytest

FORBIDDEN = ("textual", "plotext", "textual_plotext", "rich")


def imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return {name.split(".")[0] for name in out.split()}


@pytest.mark.parametrize(
    "code",
    [
        "import taper_tui.core.model, taper_tui.core.problems, taper_tui.core.progress",
        "import pkgutil, importlib, taper_tui.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'taper_tui.core.'):"
        " importlib.import_module(m.name)",
        "import pkgutil, importlib, taper_tui.store as s\n"
        "for m in pkgutil.walk_packages(s.__path__, 'taper_tui.store.'):"
        " importlib.import_module(m.name)",
        "from taper_tui.cli.main import build_parser; build_parser()",
    ],
)
def test_core_store_and_cli_stay_free_of_the_ui(code: str) -> None:
    leaked = imported_after(code) & set(FORBIDDEN)
    assert not leaked, f"{code!r} imported {sorted(leaked)}"


def test_the_core_does_no_yaml() -> None:
    code = ("import pkgutil, importlib, taper_tui.core as c\n"
            "for m in pkgutil.walk_packages(c.__path__, 'taper_tui.core.'):"
            " importlib.import_module(m.name)")
    assert "ruamel" not in imported_after(code)


@pytest.mark.parametrize("command", ["check", "log"])
def test_cli_journal_commands_do_not_load_the_app(command: str, tmp_path: object) -> None:
    code = (
        "import sys, tempfile, pathlib\n"
        "from taper_tui.cli.main import main\n"
        "root = pathlib.Path(tempfile.mkdtemp()) / 'j'\n"
        "main(['init', str(root)])\n"
        f"main(['{command}', str(root)] + (['--symptom', 'anxiety=1'] if '{command}' == 'log' "
        "else []))\n"
    )
    leaked = imported_after(code) & set(FORBIDDEN)
    assert not leaked


def test_the_log_screen_and_a_patch_of_its_form_need_no_ruamel() -> None:
    """A key press in Log builds a `DayPatch` on the event loop; ruamel loads in the writer
    thread (`store.day_writer`), never there."""
    code = ("import datetime, taper_tui.ui.app, taper_tui.ui.screens.log\n"
            "from taper_tui.ui.log_form import LogForm\n"
            "LogForm(datetime.date(2026, 11, 27), None).patch()")
    assert "ruamel" not in imported_after(code)

"""The static command table in `cli.main` matches what the modules register, and a known command
imports only its own module."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from taper_tui.cli.main import COMMAND_MODULES, COMMANDS, build_parser


def _choices(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def test_table_matches_the_registered_commands_in_help_order() -> None:
    full = _choices(build_parser())
    assert sorted(full) == sorted(COMMANDS)
    for module in COMMAND_MODULES:
        own = _choices(build_parser((module,)))
        assert own == [name for name in full if COMMANDS[name] == module]
    assert set(COMMANDS.values()) == set(COMMAND_MODULES)


@pytest.mark.parametrize("command", ["log", "status", "check", "schedule", "due"])
def test_a_known_command_imports_only_its_module(command: str) -> None:
    code = ("import sys\nfrom taper_tui.cli.main import main\n"
            "try:\n"
            f"    main([{command!r}, '--help'])\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(' '.join(m for m in sys.modules if m.startswith('taper_tui.cli.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    loaded = {m for m in out if m in COMMAND_MODULES}
    assert loaded == {COMMANDS[command]}


def test_gc_is_back_on_after_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    import gc

    from taper_tui.cli.main import main

    assert gc.isenabled()
    assert main(["schedule", "--drug", "sertraline", "--from", "50"]) == 0
    capsys.readouterr()
    assert gc.isenabled()

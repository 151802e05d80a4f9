"""The `taper-tui` command line: one argparse parser, one module per group of subcommands.

Each module in COMMAND_MODULES exposes `register(subparsers)`; it must import only cheap modules at
its top (the heavy ones, ruamel.yaml and above all Textual, inside the function that runs the
command), so that `taper-tui log` never pays for the app.

`COMMANDS` names the module of every subcommand, so that `taper-tui log ...` imports and registers
only the module that defines `log` (a test checks the table against what the modules register).
`--help`, no command and a word that is not a command (a journal folder: open the app) build the
full parser, as before.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Iterable, Sequence

from taper_tui import __version__
from taper_tui.cli.common import EXIT_USAGE, UsageError

_APP = "taper_tui.cli.app_commands"
_JOURNAL = "taper_tui.cli.journal_commands"
_TAPER = "taper_tui.cli.taper_commands"
_EXCHANGE = "taper_tui.cli.exchange_commands"
_STATUS = "taper_tui.cli.status_command"

#: Modules that register subcommands, in the order `--help` lists them.
COMMAND_MODULES: tuple[str, ...] = (_APP, _JOURNAL, _TAPER, _EXCHANGE, _STATUS)

#: Every subcommand and the module (in COMMAND_MODULES) whose `register` adds it.
COMMANDS: dict[str, str] = {
    "open": _APP, "demo": _APP, "screenshot": _APP,
    "init": _JOURNAL, "check": _JOURNAL, "log": _JOURNAL,
    "schedule": _TAPER, "measure": _TAPER, "convert": _TAPER, "plan": _TAPER,
    "history": _EXCHANGE, "export": _EXCHANGE, "import": _EXCHANGE, "report": _EXCHANGE,
    "calendar": _EXCHANGE, "due": _EXCHANGE,
    "status": _STATUS,
}

#: Modules whose commands run the app; the others are short-lived and run with the cyclic
#: garbage collector paused (their data is acyclic, and a collection pass over a ten-year journal
#: costs more than the few cycles it would free before the process exits).
_LONG_LIVED = frozenset({_APP})


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message (and no usage dump) on a bad command line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for every argument added, and its own reads the terminal
        # width through shutil, whose import (zlib, bz2, lzma) every command would pay for.
        return self.formatter_class(prog=self.prog, width=_help_width())  # type: ignore[call-arg]


def _help_width() -> int:
    """As argparse measures it (`shutil.get_terminal_size`): $COLUMNS, else the terminal's
    width, else 80; minus 2."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def build_parser(modules: Iterable[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The parser with the subcommands of `modules` (all of them by default); a module that does
    not exist (yet) is skipped."""
    parser = _Parser(
        prog="taper-tui",
        description="A plain-text taper journal. It informs; decisions stay with you and your "
        "prescriber. Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"taper-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _parser_for(words: list[str]) -> tuple[argparse.ArgumentParser, list[str]]:
    """The parser for `words` and the words it parses (with `open` put in front of a journal
    folder or of nothing). A known command gets a parser with its own module only."""
    module = COMMANDS.get(words[0]) if words else None
    if module is not None:
        parser = build_parser((module,))
        if words[0] in _commands(parser):
            return parser, words
    parser = build_parser()
    if not words or (not words[0].startswith("-") and words[0] not in _commands(parser)):
        # No command, or a journal folder in its place: open the app, as `open` does.
        words = ["open", *words]
    return parser, words


def main(argv: Sequence[str] | None = None) -> int:
    words = list(argv if argv is not None else sys.argv[1:])
    command = COMMANDS.get(words[0]) if words else None
    # Paused before the command's modules are imported: making their classes is garbage too.
    pause_gc = command is not None and command not in _LONG_LIVED and gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        parser, words = _parser_for(words)
        args = parser.parse_args(words)
        run = args.run
        try:
            code: int = run(args)
        except UsageError as exc:
            print(f"taper-tui: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            return 0
        return code
    finally:
        if pause_gc:
            gc.enable()

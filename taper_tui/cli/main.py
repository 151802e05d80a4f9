"""The `taper-tui` command line: one argparse parser, one module per group of subcommands.

Each module in COMMAND_MODULES exposes `register(subparsers)`; it must import only cheap modules at
its top (the heavy ones, ruamel.yaml and above all Textual, inside the function that runs the
command), so that `taper-tui log` never pays for the app.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from taper_tui import __version__
from taper_tui.cli.common import EXIT_USAGE, UsageError

#: Modules that register subcommands, in the order `--help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "taper_tui.cli.app_commands",
    "taper_tui.cli.journal_commands",
    "taper_tui.cli.taper_commands",
    "taper_tui.cli.exchange_commands",
    "taper_tui.cli.status_command",
)


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message (and no usage dump) on a bad command line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="taper-tui",
        description="A plain-text taper journal. It informs; decisions stay with you and your "
        "prescriber. Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"taper-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    words = list(argv if argv is not None else sys.argv[1:])
    if not words or (not words[0].startswith("-") and words[0] not in _commands(parser)):
        # No command, or a journal folder in its place: open the app, as `open` does.
        words = ["open", *words]
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

"""The ``synthesis`` command.

Each part of the package adds its own sub-commands through a ``commands.py`` module with a
``register(subparsers)`` function, listed in ``COMMAND_MODULES``: a small registry, so that
adding a command never means editing a long central file.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from synthesis import __version__

COMMAND_MODULES = (
    "synthesis.thai.commands",
    "synthesis.corpus.commands",
    "synthesis.coding.commands",
    "synthesis.analysis.commands",
    "synthesis.reports.commands",
    "synthesis.exchange.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="synthesis",
        description="Lesson-learned synthesis from Thai-language reports.",
    )
    parser.add_argument("--version", action="version", version=f"synthesis {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:  # a real missing dependency, not a part not built yet
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

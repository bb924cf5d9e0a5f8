"""The ``synthesis`` command.

Each part of the package adds its own sub-commands through a ``commands.py`` module with a
``register(subparsers)`` function, listed in ``COMMAND_MODULES``: a small registry, so that
adding a command never means editing a long central file.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from synthesis import __version__

COMMAND_MODULES = (
    "synthesis.thai.commands",
    "synthesis.corpus.commands",
    "synthesis.coding.commands",
    "synthesis.findings.commands",
    "synthesis.reports.commands",
    "synthesis.exchange.commands",
    "synthesis.facts.commands",
    "synthesis.semantic.commands",
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
    _describe_commands(parser)
    return parser


def _describe_commands(parser: argparse.ArgumentParser) -> None:
    """A sub-command's ``--help`` starts with what it does: its one-line help when it has no
    longer description (nested commands too, whoever registered them)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if not sub.description and helps.get(name):
                    sub.description = helps[name][:1].upper() + helps[name][1:] + "."
                _describe_commands(sub)


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command; returns its exit status.

    A reader that closes the pipe early (``synthesis agree … | head``) ends the command
    quietly (status 0, no traceback); a write to ``lessons/`` that could not happen (full disk,
    read-only folder, a lock held too long) ends it with one line naming the file (status 1).
    """
    from synthesis.lessons_io import LessonsWriteError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)  # --help prints too
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
    except BrokenPipeError:
        _silence_stdout()
        return 0
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except LessonsWriteError as error:
        print(f"synthesis {args.command}: {error}", file=sys.stderr)
        return 1
    return status


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the flush at exit does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout replaced by something without a file descriptor
        pass


if __name__ == "__main__":
    sys.exit(main())

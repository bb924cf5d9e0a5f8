"""Every sub-command says what it does, and every option and argument has its help text."""

from __future__ import annotations

import argparse

import pytest

from synthesis.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("synthesis",)):
    """(path, parser, help shown in the parent's list) of every sub-command, nested ones too."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), sub, helps.get(name)
                yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(build_parser()))


def test_cli_help_finds_the_commands_the_readme_names():
    names = {" ".join(path[1:]) for path, _, _ in COMMANDS}
    assert {"ingest", "parse", "tag", "agree", "reconcile", "report", "export qdpx", "import qdpx"} <= names


@pytest.mark.parametrize("path, parser, listed", COMMANDS, ids=[" ".join(c[0][1:]) for c in COMMANDS])
def test_cli_help_every_command_has_help_and_a_description(path, parser, listed):
    assert listed and listed.strip(), f"{' '.join(path)} has no help in its parent's list"
    assert parser.description and len(parser.description.split()) >= 3, f"{' '.join(path)} has no description"


@pytest.mark.parametrize("path, parser, listed", COMMANDS, ids=[" ".join(c[0][1:]) for c in COMMANDS])
def test_cli_help_every_option_and_argument_has_help(path, parser, listed):
    missing = [action.option_strings or action.dest for action in parser._actions
               if not isinstance(action, argparse._SubParsersAction)
               and action.dest != "help" and not (action.help and action.help.strip())]
    assert not missing, f"{' '.join(path)}: no help for {missing}"


@pytest.mark.parametrize("command, words", [
    (["agree", "--help"], ["Cohen", "--unit", "segment"]),
    (["reconcile", "--help"], ["--policy", "majority"]),
    (["report", "--help"], ["--area", "--pdf"]),
])
def test_cli_help_pages_print(capsys, command, words):
    with pytest.raises(SystemExit) as done:
        main(command)
    assert done.value.code == 0
    page = capsys.readouterr().out
    assert all(word in page for word in words)


def test_cli_help_description_falls_back_to_the_help_line():
    from synthesis.cli import _describe_commands

    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    sub = subparsers.add_parser("ใหม่", help="a command someone added without a description")
    _describe_commands(parser)
    assert sub.description == "A command someone added without a description."

"""`synthesis report` refuses what it cannot do, with a clear message and exit code 2."""

from __future__ import annotations

import pytest

from synthesis.cli import build_parser, main


@pytest.mark.parametrize("argv, message", [
    (["report", "--corpus", "ไม่มีโฟลเดอร์นี้", "--all"], "corpus folder not found"),
    (["report", "--corpus", "corpora/demo", "--area", "bangkok"], "unknown area"),
])
def test_commands_report_rejects_bad_input(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_commands_report_needs_all_or_area():
    with pytest.raises(SystemExit):
        build_parser().parse_args(["report", "--corpus", "corpora/demo"])


def test_commands_help_lists_every_part(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("report", "ingest", "parse", "tag", "areas", "agree", "cards", "export"):
        assert command in out

"""The examples in the corpus modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["encoding", "readers", "readers.base", "readers.text", "readers.html", "readers.word", "readers.pdf",
           "readers.tables", "parser", "parser.lines", "parser.record", "parser.places", "parser.people",
           "parser.targets", "parser.title", "parser.fund_report", "parser.interview", "parser.meeting", "document", "areas", "store", "ingest", "thai_bridge", "commands"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_corpus_module_examples(name):
    module = importlib.import_module(f"synthesis.corpus.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

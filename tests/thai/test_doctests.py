"""The examples in the Thai text layer's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["__init__", "normalize", "graphemes", "trie", "dictionary", "tokenize", "segment", "pos",
           "keywords", "pipeline", "commands"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_thai_module_examples(name):
    module = importlib.import_module("synthesis.thai" if name == "__init__" else f"synthesis.thai.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name not in ("commands",):
        assert result.attempted > 0

"""The examples in the semantic modules' docstrings run and hold (TF-IDF only: no extra)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["backends", "cache", "units", "themes", "summaries", "provenance", "llm", "compare", "suggest",
           "evaluate"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_semantic_module_examples(name):
    module = importlib.import_module(f"synthesis.semantic.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

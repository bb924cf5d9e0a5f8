"""The examples in the facts modules' docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["quantities", "subjects", "statements", "indicators", "participants", "people", "organisations"]


@pytest.mark.parametrize("name", MODULES)
def test_facts_docstring_examples(name):
    module = importlib.import_module(f"synthesis.facts.{name}")
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted and not failed

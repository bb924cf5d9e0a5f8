"""The examples in the scale modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["batches", "parallel", "store_writer", "store", "dask_engine"])
def test_doctests_scale_module_examples(name):
    module = importlib.import_module(f"synthesis.corpus.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0

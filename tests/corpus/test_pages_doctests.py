"""The examples in the docstrings of the page-reading modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["synthesis.corpus.furniture", "synthesis.corpus.parser", "synthesis.corpus.parser.fields",
           "synthesis.corpus.parser.kinds", "synthesis.corpus.parser.forms", "synthesis.corpus.parser.listings",
           "synthesis.corpus.parser.news", "synthesis.corpus.parser.places", "synthesis.corpus.parser.title", "synthesis.thai.place_resolution",
           "synthesis.thai.pdf_repair", "synthesis.corpus.readers.pdf"]


@pytest.mark.parametrize("name", MODULES)
def test_pages_doctests_module_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0

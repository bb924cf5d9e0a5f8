"""Fixtures of the semantic tests: no network but this machine, and a small project.

``no_network`` is the whole suite's (tests/conftest.py): no connection but to loopback.
"""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture()
def lessons_copy(mini_project, tmp_path):
    """A writable copy of the mini project's lessons/ (machine codings must not leak into
    the session's shared project)."""
    target = tmp_path / "lessons"
    shutil.copytree(mini_project / "lessons", target)
    return target


@pytest.fixture(scope="session")
def mini_index(mini_project):
    """The mini project's TF-IDF semantic index."""
    from synthesis.semantic.index import semantic_index

    return semantic_index("mini", "tfidf", mini_project / "work" / "mini")


@pytest.fixture(scope="session")
def mini_documents(mini_project):
    from synthesis.coding.rules import documents_from_store
    from synthesis.corpus import open_store

    return documents_from_store(open_store(mini_project / "work" / "mini"))

"""Shared test set-up: offline PyThaiNLP with project-local data, and common paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import synthesis  # noqa: F401  (sets PYTHAINLP_OFFLINE and a project-local PYTHAINLP_DATA)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

assert os.environ.get("PYTHAINLP_OFFLINE") == "1"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def demo_corpus() -> Path:
    return ROOT / "corpora" / "demo"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The real programme pages in ../shared/seeds; tests using them skip when absent."""
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds is not present")
    return path


@pytest.fixture(scope="session")
def refi_qda_dir() -> Path:
    path = SHARED / "refi-qda"
    if not path.is_dir():
        pytest.skip("../shared/refi-qda is not present")
    return path

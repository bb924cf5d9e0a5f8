"""The compiled accelerators are built and used, and the switch back to pure Python works."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from synthesis.thai import accel

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "src" / "synthesis" / "thai").glob("_fast_*.pyx"))


@pytest.mark.skipif(accel.pure_python(), reason="SYNTHESIS_PURE_PYTHON is set: the Python paths are under test")
@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_accel_every_pyx_is_built_and_loads(source):
    """Fails when `make`/`pip install` built the package without its accelerators (no C
    compiler?): the results would be the same, only slower, so say it loudly here."""
    name = source.stem.removeprefix("_fast_")
    assert accel.compiled(name) is not None, f"{source.name} is not built: install a C compiler and rerun make"


def test_accel_has_sources():
    assert SOURCES, "no src/synthesis/thai/_fast_*.pyx found"


@pytest.mark.parametrize("value, pure", [("1", True), ("yes", True), ("0", False), ("", False), (" ", False)])
def test_accel_pure_python_switch(monkeypatch, value, pure):
    monkeypatch.setenv(accel.PURE_PYTHON_VARIABLE, value)
    assert accel.pure_python() is pure
    if pure:
        assert accel.compiled("tokenize") is None


def test_accel_tokenize_uses_its_accelerator_when_built():
    tokenize_module = importlib.import_module("synthesis.thai.tokenize")
    if accel.compiled("tokenize") is None:
        assert tokenize_module._chunk_tokens is tokenize_module._python_chunk_tokens
    else:
        assert tokenize_module._chunk_tokens is tokenize_module._compiled_chunk_tokens

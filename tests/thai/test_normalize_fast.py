"""The compiled trigger check (``_fast_normalize``) gives exactly what the numpy one and the
misspelling regex give."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.thai.accel import compiled

normalize_module = importlib.import_module("synthesis.thai.normalize")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(compiled("normalize") is None, reason="_fast_normalize is not built")


@pytest.mark.parametrize(
    "text",
    [
        "แม่", "เเม่", "น\u0e4d\u0e32", "ก\u0e49\u0e34", "ก\u0e49\u0e49", "ก\u0e32\u0e49",
        " \u0e49ก", "\u0e49ก", "ปฎิบัติงาน", "a\u200bb", "\u00a0", "\r\n", "ก\u0e34\u0e34",
        "ประชุมคณะทำงาน ๓ ครั้ง", "x", "\x07", "\u0e4c\u0e34",
        # misspellings: at the start, at the end, back to back, inside words, cut short
        "กฏหมายกฏเกณฑ์", "สาธารณะสุขสาธารณะสุข", "xปฎิ", "ปฎ", "การปฎิบัติตามกฏระเบียบ",
        "ประสบการ์ณ", "ประสบการณ์", "กระบวนการณ์ผลลัพท์", "อุปสรรค์", "ทรัพยากรณ์ ๒ แห่ง",
    ],
)
def test_normalize_fast_triggers_equal_python(text):
    assert normalize_module._compiled_triggers(text) == normalize_module._python_triggers(text)


_characters = st.sampled_from(
    list("กขคงนมยเแโะาำิีึืุู่้๊๋็์ํฺๅ") + list(" \t\nab1.\r") + ["\u200b", "\u00a0", "\u2003", "\x07", "\ufeff", "\u00ad"]
)


@given(st.lists(_characters, min_size=1, max_size=30).map("".join))
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_normalize_fast_triggers_equal_python_on_random_text(text):
    assert normalize_module._compiled_triggers(text) == normalize_module._python_triggers(text)


_pieces = st.sampled_from(
    list(normalize_module.MISSPELLINGS) + [w[:-1] for w in normalize_module.MISSPELLINGS]
    + list("กขคงนมยเแโะาำิีุ่้์ ปฎฏสรท") + ["\u200b", "\r\n"]
)


@given(st.lists(_pieces, min_size=1, max_size=20).map("".join))
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_normalize_fast_misspellings_equal_python_on_random_text(text):
    assert normalize_module._compiled_triggers(text) == normalize_module._python_triggers(text)


@pytest.mark.parametrize("words", [("ปฎ",), ("กฏหมาย", "ก")])
def test_normalize_fast_triggers_refuse_words_shorter_than_three(words):
    with pytest.raises(ValueError, match="fewer than three"):
        normalize_module._fast.triggers(
            "กฏหมาย", normalize_module._FLAGS, normalize_module._BEFORE_MASKS, normalize_module._AFTER_MASKS,
            0, 0, 0, words, 0, 0, 0,
        )


def test_normalize_fast_whole_corpus_normalizes_the_same(monkeypatch):
    paths = sorted((ROOT / "corpora" / "demo").rglob("*.txt")) + sorted((ROOT / "tests" / "thai" / "fixtures").rglob("*.txt"))
    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in paths]
    fast = [normalize_module.normalize(text) for text in texts]
    monkeypatch.setattr(normalize_module, "_triggers", normalize_module._python_triggers)
    assert [normalize_module.normalize(text) for text in texts] == fast

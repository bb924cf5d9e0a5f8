"""tokenize(): tokens tile the text, never split a cluster, keep domain terms whole."""

from __future__ import annotations

import importlib
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.thai import analyze, tokenize, versions, words

tokenize_module = importlib.import_module("synthesis.thai.tokenize")

# --- an independent reading of the cluster rules, for the property test -------------------
_MARKS = set("\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def _cut_inside_cluster(text: str, i: int) -> bool:
    """True when a cut before text[i] would split what a Thai reader sees as one character."""
    if i <= 0 or i >= len(text):
        return False
    before, after = text[i - 1], text[i]
    if before in "\n\r" or after in "\n\r" or unicodedata.category(before) == "Cc" or unicodedata.category(after) == "Cc":
        return before == "\r" and after == "\n"
    if after in _MARKS or unicodedata.combining(after) or after in "\u200d\ufe0f" or "\U0001f3fb" <= after <= "\U0001f3ff":
        return True
    if before == "\u200d":
        return True
    if before in "เแโใไ" and "ก" <= after <= "ฮ":
        return True
    return after in "ะาๅ" and "\u0e01" <= before <= "\u0e5b"


_pieces = st.sampled_from(
    list("กขคงจนมยรลวสหอะาำิีึืุู่้๊๋็์เแโใไๆฯ๐๑๒")
    + list("abcXYZ019 .,:;()-/\n\t")
    + ["\u0301", "😀", "👍🏽", "\u200d", "\r\n", "\u00a0"]
    + ["แรงงานนอกระบบ", "สปสช.", "ผู้ประกันตนตามมาตรา 40", "กระจูด", "อบต.", "ดี ๆ", "50,000", "ประชุม", "นาย", "จ.ยะลา"]
)
thai_latin_text = st.lists(_pieces, max_size=40).map("".join)


@given(thai_latin_text)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tokenize_tiles_text_and_respects_clusters(text):
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    position = 0
    for token in tokens:
        assert token.start == position and token.end > token.start
        assert text[token.start : token.end] == token.text
        assert not _cut_inside_cluster(text, token.start)
        assert token.is_space == token.text.isspace()
        position = token.end
    assert position == len(text)


@given(thai_latin_text)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tokenize_analyze_spans_round_trip(text):
    doc = analyze(text, entities=False)
    assert "".join(t.text for t in doc.tokens) == doc.text
    for span in [*doc.tokens, *doc.segments]:
        assert doc.text[span.start : span.end] == span.text
        assert not _cut_inside_cluster(doc.text, span.start)
        assert not _cut_inside_cluster(doc.text, span.end)


# --- behaviour on examples ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("แรงงานนอกระบบ ๓ คน", ["แรงงานนอกระบบ", " ", "๓", " ", "คน"]),
        ("ประชุม\n\n\nสรุป", ["ประชุม", "\n\n\n", "สรุป"]),
        ("จ: ดีมาก", ["จ", ":", " ", "ดีมาก"]),
        ("(พี่สิทธิ์),", ["(", "พี่", "สิทธิ์", ")", ","]),
        ("50,000 บาท", ["50,000", " ", "บาท"]),
        ("ดี ๆ", ["ดี ๆ"]),
        ("สปสช.เขต 12", ["สปสช.เขต 12"]),
        ("ต้องอดทน.", ["ต้อง", "อดทน", "."]),  # a short term (ทน.) never cuts a word
        ("ทต.หนองจิก", ["ทต.หนองจิก"]),
        # a lone surrogate: nlpO3 refuses the text (spaces split it), terms still come out whole
        ("ประชุม\ud800คน สปสช.เขต 12 ", ["ประชุม\ud800คน", " ", "สปสช.เขต 12", " "]),
        ("", []),
    ],
)
def test_tokenize_examples(text, expected):
    assert [t.text for t in tokenize(text)] == expected


@pytest.mark.parametrize("engine", ["nlpo3", pytest.param("newmm", marks=pytest.mark.slow)])  # newmm builds a 60k-word trie
def test_tokenize_engines_tile_and_keep_terms(engine):
    text = "คนขับวินเป็นผู้ประกันตนตามมาตรา 40 และมีหน่วยบริการชุมชน"
    tokens = tokenize(text, engine=engine)
    assert "".join(t.text for t in tokens) == text
    assert "ผู้ประกันตนตามมาตรา 40" in [t.text for t in tokens]
    assert "หน่วยบริการชุมชน" in [t.text for t in tokens]


def test_tokenize_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown tokenizer engine 'deepcut'"):
        tokenize("ก", engine="deepcut")


def test_tokenize_engines_checked_at_import():
    assert "nlpo3" in tokenize_module.AVAILABLE_ENGINES
    assert tokenize_module.DEFAULT_ENGINE == "nlpo3"
    assert set(tokenize_module.AVAILABLE_ENGINES) <= set(tokenize_module.ENGINES)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("กขค\nงจฉ ชซฌ" * 50, 16),
        ("ประชุม" * 200, 25),  # no space, no newline: cut at a cluster boundary
        ("เก่า" * 300, 10),
    ],
)
def test_tokenize_safe_chunks_cut_long_text(text, size):
    spans = tokenize_module.safe_chunks(text, size=size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b for a, b in spans)
    assert all(prev[1] == nxt[0] for prev, nxt in zip(spans, spans[1:]))
    assert max(b - a for a, b in spans) <= size + 3  # a cluster is never split to fit
    assert not any(_cut_inside_cluster(text, a) for a, _ in spans)


def test_tokenize_engine_never_sees_a_long_string(monkeypatch):
    seen = []
    real = tokenize_module.ENGINES["nlpo3"]

    def spy(chunk, dictionary):
        seen.append(len(chunk))
        return real(chunk, dictionary)

    monkeypatch.setitem(tokenize_module.ENGINES, "nlpo3", spy)
    text = "แรงงานนอกระบบได้รับการคุ้มครอง " * 2000  # 64,000 characters on one line
    tokens = tokenize(text)
    assert max(seen) <= tokenize_module.CHUNK_CHARS
    assert "".join(t.text for t in tokens) == text


def test_tokenize_survives_an_engine_that_fails(monkeypatch):
    def broken(chunk, dictionary):
        raise RuntimeError("engine crashed")

    monkeypatch.setitem(tokenize_module.ENGINES, "nlpo3", broken)
    tokens = tokenize("ก ข  ค")
    assert [t.text for t in tokens] == ["ก", " ", "ข", "  ", "ค"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ผู้เข้าร่วม ..24... คน", ["ผู้เข้าร่วม", "24", "คน"]),
        ("“ดี” (มาก)", ["ดี", "มาก"]),
        ("   ", []),
    ],
)
def test_tokenize_words_skip_space_and_punctuation(text, expected):
    assert words(text) == expected


def test_tokenize_versions_name_engine_and_dictionary():
    info = versions()
    assert info["engine"] == "nlpo3"
    assert len(info["dictionary_sha256"]) == 64
    assert info["pythainlp"] != "not installed"


def test_tokenize_tokens_are_real_frozen_tokens():
    from dataclasses import FrozenInstanceError

    from synthesis.thai.spans import Token

    token = tokenize("กระจูด")[0]
    assert type(token) is Token and token == Token(0, 6, "กระจูด", False)
    assert token.pos is None
    with pytest.raises(FrozenInstanceError):
        token.start = 1

"""normalize(): what it changes, and that every change is recorded with its offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synthesis.thai.normalize import MISSPELLINGS, normalize, normalize_text


def _replay(original: str, changes) -> str:
    """Apply the recorded changes to the original: must give the normalized text."""
    pieces, last = [], 0
    for change in changes:
        assert original[change.start : change.end] == change.original
        pieces += [original[last : change.start], change.replacement]
        last = change.end
    return "".join(pieces) + original[last:]


@pytest.mark.parametrize(
    ("raw", "expected", "reason"),
    [
        ("เเปลก", "แปลก", "sara-ae"),
        ("น\u0e4d\u0e32", "นำ", "sara-am"),
        ("น\u0e49\u0e4d\u0e32", "น้ำ", "sara-am"),
        ("ก\u0e48\u0e34", "กิ่", "mark-order"),
        ("ก\u0e32\u0e48", "ก่า", "tone-order"),
        ("ดีีีี", "ดี", "repeated-mark"),
        ("ไม่่", "ไม่", "repeated-tone"),
        ("พ ุ่มไม้", "พุ่มไม้", "space-before-mark"),
        ("\u0e48ก", "ก", "dangling-mark"),
        ("สวัสดี\u200bครับ", "สวัสดีครับ", "zero-width"),
        ("ภาษา\u200cไทย\u200d", "ภาษาไทย", "zero-width"),
        ("\ufeffรายงาน", "รายงาน", "zero-width"),
        ("แรง\u00adงาน", "แรงงาน", "zero-width"),
        ("คำ\u2060ถาม", "คำถาม", "zero-width"),
        ("ก\u00a0ข", "ก ข", "space"),
        ("ก\u2009ข\u3000", "ก ข ", "space"),
        ("ก\r\nข", "ก\nข", "crlf"),
        ("ก\x07ข", "กข", "control"),
        ("ปฎิบัติงาน", "ปฏิบัติงาน", "misspelling"),
        ("e\u0301", "\u00e9", "nfc"),
        ("e\u0301 ก\u200b", "\u00e9 ก", "nfc"),
        ("ก\u0e48\u0e38", "กุ่", "nfc"),  # NFC itself puts a below vowel before the tone mark
    ],
)
def test_normalize_rules(raw, expected, reason):
    result = normalize(raw)
    assert result.text == expected
    assert reason in [part for change in result.changes for part in change.reason.split("+")]
    assert _replay(raw, result.changes) == expected


@pytest.mark.parametrize(
    "text",
    [
        "น้ำใจ กำลังใจ",  # SARA AM stays one character (no NFKC)
        "ย่อหน้าแรก\n\n\nย่อหน้าสอง",  # blank lines are paragraphs
        "  ย่อหน้า  มีช่องว่าง  ",  # spaces as typed
        "๑๙-๒๐ เม.ย. ๖๒",  # Thai digits stay
        "ภาพ ที่สอง",
        "ปรากฏ กฎหมาย ปฏิบัติ",
    ],
)
def test_normalize_leaves_clean_text_alone(text):
    result = normalize(text)
    assert result.text == text
    assert result.changes == []


@pytest.mark.parametrize(("wrong", "right"), sorted(MISSPELLINGS.items()))
def test_normalize_misspellings_list_is_safe(wrong, right):
    from pythainlp.corpus import thai_words

    assert normalize_text(wrong) == right
    # a listed misspelling is never part of a correctly spelled dictionary word
    assert not any(wrong in word for word in thai_words() if word != wrong)


def test_normalize_to_original_maps_offsets_back():
    raw = "ก\u200bข\u00a0เเค"
    result = normalize(raw)
    assert result.text == "กข แค"
    assert [result.to_original(i) for i in range(len(result.text) + 1)] == [0, 2, 3, 4, 6, 7]


def test_normalize_rejects_non_text():
    with pytest.raises(TypeError):
        normalize(b"bytes")


_alphabet = st.sampled_from(
    list("กขคงนมยรลวสหอะาำิีึืุู่้๊๋็์ํเแโใไ ๆฯ๑๒")
    + ["\u200b", "\u00a0", "\r", "\n", "\ufeff", "a", "e", "\u0301", "\u0327", "1", ".", "ปฎิ"]
)


@given(st.lists(_alphabet, max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_normalize_changes_replay_and_are_idempotent(raw):
    result = normalize(raw)
    assert _replay(raw, result.changes) == result.text
    assert "\u200b" not in result.text and "\r" not in result.text
    assert normalize(result.text).text == result.text  # idempotent

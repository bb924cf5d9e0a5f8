"""TokenList: tokens held as offsets, Token objects made on demand; the fast paths of the Thai
layer (vectorised boundary checks, whitespace runs, normalization triggers) agree with the
slow, obvious rules."""

from __future__ import annotations

import importlib

import pytest

from synthesis.thai import analyze, normalize, tokenize
from synthesis.thai.graphemes import are_boundaries, is_boundary
from synthesis.thai.spans import Token, TokenList

normalize_module = importlib.import_module("synthesis.thai.normalize")


@pytest.mark.parametrize(
    "text",
    ["ประชุมคณะทำงาน ๓ ครั้ง", "แรงงานนอกระบบ  ตำบลบาละ\n\nสปสช.เขต 12", "", "   ", "น้ำใจ (ดี) ๆ"],
)
def test_token_list_behaves_as_the_list_of_its_tokens(text):
    tokens = tokenize(text)
    as_list = list(tokens)
    assert isinstance(tokens, TokenList)
    assert len(tokens) == len(as_list)
    assert tokens == as_list and as_list == list(tokens)
    assert [tokens[i] for i in range(len(tokens))] == as_list
    if as_list:
        assert tokens[-1] == as_list[-1] and tokens[1:] == as_list[1:]
    assert tokens.texts == [t.text for t in as_list]
    assert tokens.starts == [t.start for t in as_list] and tokens.ends == [t.end for t in as_list]
    assert tokens.is_space == [t.is_space for t in as_list]
    assert all(type(t) is Token for t in as_list)


def test_token_list_index_out_of_range_raises():
    tokens = tokenize("ดี")
    with pytest.raises(IndexError):
        tokens[5]


@pytest.mark.parametrize("text", ["กลุ่มจักสานกระจูด", "ผู้ประกันตนตามมาตรา 40 ได้รับสิทธิ"])
def test_token_list_made_tokens_are_frozen_tokens(text):
    token = tokenize(text)[0]
    with pytest.raises(AttributeError):
        token.start = 3  # type: ignore[misc]
    assert token == Token(token.start, token.end, token.text, token.is_space)


def test_token_list_carries_pos_tags_when_given():
    tokens = TokenList("ดี มาก", [0, 2, 3, 6], ["ADJ", "SPACE", "ADV"])
    assert [t.pos for t in tokens] == ["ADJ", "SPACE", "ADV"]
    assert tokens[2].pos == "ADV"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ต่าง\u3000 ๆ", ["ต่าง", "\u3000 ", "ๆ"]),  # a run of odd spaces before ๆ stays one run
        ("ทำ\u00a0  ดี", ["ทำ", "\u00a0  ", "ดี"]),  # a mixed run of spaces is one token
        ("สรุป\r\n\u00a0ผล", ["สรุป", "\r\n\u00a0", "ผล"]),
        ("ดี ๆ นะ", ["ดี ๆ", " ", "นะ"]),  # the engines' "ดี ๆ" stays one word
        ("จ:ดีมาก (ห้องประชุม)", ["จ", ":", "ดีมาก", " ", "(", "ห้องประชุม", ")"]),
        ("งบ 50,000 บาท, ครบ", ["งบ", " ", "50,000", " ", "บาท", ",", " ", "ครบ"]),
    ],
)
def test_tokenize_whitespace_runs_and_punctuation(text, expected):
    tokens = tokenize(text)
    assert [t.text for t in tokens] == expected
    bounds = tokens.boundaries  # the strings kept from the engine agree with the offsets
    assert tokens.texts == [text[a:b] for a, b in zip(bounds, bounds[1:])]


@pytest.mark.parametrize(
    "text",
    [
        "กองทุนหลักประกันสุขภาพอบต.โคกเคียนสปสช.เขต 12",  # terms made whole against the engine
        "สคร.12 ร่วมกับ อสม. (ผู้ประกันตนตามมาตรา 40)",
        "ก" * 5000 + " " + "ข" * 10,  # more than one chunk
        "น้ำใจ\n\n  ดี ๆ",
    ],
)
def test_tokenize_token_texts_are_the_slices_of_the_offsets(text):
    tokens = tokenize(text)
    bounds = tokens.boundaries
    assert tokens.texts == [text[a:b] for a, b in zip(bounds, bounds[1:])]


@pytest.mark.parametrize(
    "text",
    ["กี่ ok", "เก่า\u200dนะ", "ก\u0e31\u0e31", " ุ่ม", "e\u0301ดี", "👍🏻ดี", "\r\nก", "🇹🇭🇹🇭"],
)
def test_graphemes_are_boundaries_agrees_with_is_boundary(text):
    positions = list(range(len(text) + 1))
    assert are_boundaries(text, positions) == [is_boundary(text, p) for p in positions]


@pytest.mark.parametrize(
    "text, rule",
    [
        ("เเม่", "sara-ae"),
        ("น\u0e4d\u0e32", "sara-am"),
        ("ก\u0e48\u0e34", "mark-order"),
        ("ก\u0e32\u0e48", "tone-order"),
        ("ก\u0e34\u0e34", "repeated-mark"),
        ("ก\u0e48\u0e49", "repeated-tone"),
        ("พ \u0e38\u0e48ม", "mark-after-space"),
        ("\u0e48ก", "mark-after-space"),
        ("ก\u200bข", "zero-width"),
        ("ก\r\nข", "crlf"),
        ("ก\u00a0ข", "space"),
        ("ก\x07ข", "control"),
        ("ปฎิบัติงาน", "misspelling"),
    ],
)
def test_normalize_trigger_check_finds_each_rule(text, rule):
    assert rule in normalize_module._rules_to_run(text)
    assert rule in {c.reason for c in normalize(text).changes} | {"space-before-mark", "dangling-mark"} or normalize(text).changes


@pytest.mark.parametrize("text", ["แม่น้ำ ลำคลอง", "สมาชิก ๒๔ คน ร้อยละ 60", "ok", ""])
def test_normalize_clean_text_runs_no_rule(text):
    assert normalize_module._rules_to_run(text) == frozenset()
    assert normalize(text).changes == [] and normalize(text).text == text


def test_analyze_tokens_are_offsets_until_asked():
    doc = analyze("กลุ่มวินมอเตอร์ไซค์รับจ้าง ตำบลโคกเคียน ประชุม ๓ ครั้ง")
    assert isinstance(doc.tokens, TokenList)
    assert doc.tokens.boundaries[0] == 0 and doc.tokens.boundaries[-1] == len(doc.text)
    assert "".join(doc.tokens.texts) == doc.text

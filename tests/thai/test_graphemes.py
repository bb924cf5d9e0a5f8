"""Grapheme clusters: where a Thai text may be cut."""

from __future__ import annotations

import pytest

from synthesis.thai.graphemes import graphemes, is_boundary, snap_left, snap_right


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        ("น้ำ", ["น้ำ"]),
        ("กี่คน", ["กี่", "ค", "น"]),
        ("เก่า", ["เก่า"]),  # leading vowel + consonant + tone + following vowel
        ("ไม่ได้", ["ไม่", "ได้"]),
        ("แรงงาน", ["แร", "ง", "งา", "น"]),
        ("ประชุม", ["ป", "ระ", "ชุ", "ม"]),
        ("a\r\nb", ["a", "\r\n", "b"]),
        ("e\u0301t", ["e\u0301", "t"]),
        ("👍🏽!", ["👍🏽", "!"]),
        ("🇹🇭🇹🇭", ["🇹🇭", "🇹🇭"]),
        ("\n\u0e48ก", ["\n", "\u0e48", "ก"]),  # a mark after a newline stands alone
    ],
)
def test_graphemes_clusters(text, clusters):
    assert graphemes(text) == clusters
    assert "".join(graphemes(text)) == text


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("กี่", 1, False),
        ("กี่", 2, False),
        ("กี่", 3, True),
        ("เรา", 1, False),  # never between a leading vowel and its consonant
        ("กา", 1, False),  # never before a following vowel
        ("ทำ", 1, False),
        ("กข", 1, True),
        ("ab", 1, True),
        ("", 0, True),
    ],
)
def test_graphemes_is_boundary(text, index, expected):
    assert is_boundary(text, index) is expected


@pytest.mark.parametrize(("text", "index", "left", "right"), [("กี่ข", 1, 0, 3), ("กี่ข", 2, 0, 3), ("กข", 1, 1, 1)])
def test_graphemes_snap(text, index, left, right):
    assert snap_left(text, index) == left
    assert snap_right(text, index) == right

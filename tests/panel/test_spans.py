"""Snapping selections to tokens and cutting highlights: never inside a Thai cluster."""

from __future__ import annotations

import pytest

from synthesis.panel.spans import highlight_pieces, snap_to_tokens
from synthesis.thai.graphemes import is_boundary
from synthesis.thai.tokenize import tokenize


def word_spans(text):
    return [(t.start, t.end) for t in tokenize(text) if not t.is_space]


@pytest.mark.parametrize("text, start, end, expected", [
    ("ผู้นำชุมชนช่วยกัน", 1, 2, "ผู้นำ"),
    ("ผู้นำชุมชนช่วยกัน", 4, 6, "ผู้นำชุมชน"),
    ("กองทุนหลักประกันสุขภาพ สนับสนุน", 3, 5, "กองทุนหลักประกันสุขภาพ"),
    ("ราคายาง ตก", 2, 9, "ราคายาง ตก"),
    ("ราคายาง ตก", 7, 10, "ตก"),  # starts on the space: the space is dropped
])
def test_spans_snap_to_tokens_gives_whole_words(text, start, end, expected):
    span = snap_to_tokens(text, word_spans(text), start, end)
    assert text[span[0]:span[1]] == expected


@pytest.mark.parametrize("text, start, end", [("น้ำใจ", 1, 2), ("เก่าแก่", 1, 5), ("ที่นี่", 2, 4)])
def test_spans_snap_without_tokens_keeps_clusters_whole(text, start, end):
    span = snap_to_tokens(text, [], start, end)
    assert is_boundary(text, span[0]) and is_boundary(text, span[1])
    assert span[0] <= start and end <= span[1]


@pytest.mark.parametrize("text, start, end", [("ก  ข", 1, 3), ("กา\n\nขา", 2, 4), ("ab", 1, 1)])
def test_spans_snap_of_nothing_but_space_is_none(text, start, end):
    assert snap_to_tokens(text, word_spans(text), start, end) is None


@pytest.mark.parametrize("text, spans", [
    ("น้ำใจของชุมชน", [(1, 6, "a")]),           # both ends inside clusters
    ("เก่าแก่มาก", [(0, 2, "a"), (5, 9, "b")]),
    ("ที่นี่มีกองทุน", [(2, 11, "a"), (4, 14, "b")]),
])
def test_spans_highlight_never_splits_a_cluster(text, spans):
    pieces = highlight_pieces(text, 0, len(text), spans)
    assert "".join(text[p.start:p.end] for p in pieces) == text
    assert all(is_boundary(text, p.start) and is_boundary(text, p.end) for p in pieces)


def test_spans_highlight_overlapping_codes_share_a_piece():
    text = "สมาชิกตั้งกองทุนออมทรัพย์"
    pieces = highlight_pieces(text, 0, len(text), [(0, 16, "a"), (10, 25, "b")])
    assert [(text[p.start:p.end], p.code_ids) for p in pieces] == [
        ("สมาชิกตั้ง", ("a",)), ("กองทุน", ("a", "b")), ("ออมทรัพย์", ("b",))]


def test_spans_highlight_clips_to_the_segment():
    text = "ก่อน\n\nกองทุนชุมชน\n\nหลัง"
    pieces = highlight_pieces(text, 6, 17, [(0, 12, "a"), (15, 24, "b")])
    assert [(text[p.start:p.end], p.code_ids) for p in pieces] == [("กองทุน", ("a",)), ("ชุม", ()), ("ชน", ("b",))]

"""The document view's HTML: escaped Thai text, code colours, offsets for the browser."""

from __future__ import annotations

import re
from html import unescape

import pytest

from synthesis.panel import ListSource, PanelState, Suggestion
from synthesis.panel.render import background, piece_html, segment_html, segments_payload

from .conftest import CODER


def pieces_of(html: str) -> list[tuple[int, int, str]]:
    return [(int(a), int(b), unescape(t)) for a, b, t in
            re.findall(r'data-start="(\d+)" data-end="(\d+)"[^>]*>([^<]*)</span>', html)]


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "ราคา < 40 & > 20 บาท", 'คำว่า "ยาง"'])
def test_render_piece_escapes_text(text):
    html = piece_html(text, 5, (), {}, {})
    assert "<script>" not in html
    assert pieces_of(html) == [(5, 5 + len(text), text)]


def test_render_segment_shows_every_character_once_with_offsets(state):
    state.open("rubber")
    state.select(3, 8)
    state.apply("success.leadership")
    html = segment_html(state, 0)
    found = pieces_of(html)
    assert "".join(t for _, _, t in found) == state.doc.segment_text(0)
    assert all(state.doc.text[a:b] == t for a, b, t in found)
    assert 'data-codes="success.leadership"' in html and "#98df8a55" in html
    assert 'title="ผู้นำชุมชน"' in html


def test_render_selection_is_marked(state):
    state.open("rubber")
    state.select(3, 8)
    html = segment_html(state, 0)
    marked = re.findall(r'<mark class="syn-selection">(.*?)</mark>', html)
    assert [unescape(re.sub("<[^>]+>", "", m)) for m in marked] == ["ผู้นำชุมชน"]
    assert "syn-selection" not in segment_html(state, 1)


@pytest.mark.parametrize("colours, expected", [
    ([], ""),
    (["#2ca02c"], "background:#2ca02c55"),
    (["#2ca02c", "#d62728", "#1f77b4"], "background:linear-gradient(to bottom,#2ca02c55 0% 33.3333%,"
                                        "#d6272855 33.3333% 66.6667%,#1f77b455 66.6667% 100%)"),
])
def test_render_background_bands(colours, expected):
    assert background(colours) == expected


class FixedSuggester:
    def __init__(self, suggestions):
        self.suggestions = suggestions

    def suggest(self, doc):
        return [s for s in self.suggestions if s.doc_id == doc.doc_id]


def test_render_payload_counts_codes_and_suggestions(documents, lessons):
    state = PanelState(ListSource(documents), lessons, CODER,
                       suggester=FixedSuggester([Suggestion("rubber", 0, 10, "obstacle", 0.6),
                                                 Suggestion("rubber", 0, 10, "mechanism", 0.5)]))
    state.open("rubber")
    state.go_to(2)
    state.apply("mechanism")
    payload = segments_payload(state)
    assert [(p["index"], p["codes"], p["suggestions"]) for p in payload] == [
        (0, [], 2), (1, [], 0), (2, ["mechanism"], 0)]

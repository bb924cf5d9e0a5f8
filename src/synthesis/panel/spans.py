"""Span helpers of the panel: snapping a selection to whole tokens, cutting a segment into
highlight pieces. Pure functions on a text and offsets; no widget, no file.

>>> text = "ผู้นำชุมชน ช่วยกัน"
>>> tokens = [(0, 5), (5, 10), (10, 11), (11, 18)]
>>> snap_to_tokens(text, tokens, 2, 7)
(0, 10)
>>> [(p.start, p.end, p.code_ids) for p in highlight_pieces(text, 0, 18, [(0, 5, "a")])]
[(0, 5, ('a',)), (5, 18, ())]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

from synthesis.thai.graphemes import snap_left, snap_right


def snap_to_tokens(text: str, tokens: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Widen ``text[start:end]`` to whole tokens, then drop white space at both ends.

    Tokens are ``(start, end)`` pairs in order (white space may be left out). Without tokens
    the span is widened to whole grapheme clusters. Returns ``None`` when nothing but white space is left.

    >>> snap_to_tokens("กา ขา", [(0, 2), (2, 3), (3, 5)], 1, 3)
    (0, 2)
    >>> snap_to_tokens("กา ขา", [(0, 2), (2, 3), (3, 5)], 2, 3) is None
    True
    """
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    if start == end:
        return None
    if tokens:  # tokens may leave gaps (white space); an end in a gap stays where it is
        starts = [s for s, _ in tokens]
        first = bisect_right(starts, start) - 1
        if first >= 0 and start < tokens[first][1]:
            start = tokens[first][0]
        last = bisect_left(starts, end) - 1
        if last >= 0 and end < tokens[last][1]:
            end = tokens[last][1]
    start, end = snap_left(text, start), snap_right(text, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return snap_left(text, start), snap_right(text, end)


@dataclass(frozen=True)
class Piece:
    """A run of a segment covered by the same codes (``code_ids`` in the order they began)."""

    start: int
    end: int
    code_ids: tuple[str, ...]


def highlight_pieces(text: str, seg_start: int, seg_end: int,
                     spans: Iterable[tuple[int, int, str]]) -> list[Piece]:
    """Cut ``text[seg_start:seg_end]`` at every coded span's ends (never inside a cluster).

    ``spans`` are ``(start, end, code_id)``; parts outside the segment are ignored. Every
    cut is moved outwards to a grapheme-cluster boundary, so a highlight never splits
    a Thai character even when a stored offset does.

    >>> [(p.start, p.end) for p in highlight_pieces("น้ำใจ", 0, 5, [(0, 2, "x")])]
    [(0, 3), (3, 5)]
    """
    clipped = []
    for start, end, code_id in spans:
        start, end = max(start, seg_start), min(end, seg_end)
        if start < end:
            clipped.append((snap_left(text, start), snap_right(text, end), code_id))
    cuts = sorted({seg_start, seg_end, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        codes = tuple(dict.fromkeys(code for s, e, code in sorted(clipped) if s <= start and end <= e))
        pieces.append(Piece(start, end, codes))
    return pieces

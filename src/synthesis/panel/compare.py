"""Two coders side by side on one document, and one click to take a side into the consensus.

:func:`compare_segments` lines up, segment by segment, the codes two coders (or a coder and
the consensus) applied; :func:`take_side` makes the consensus of one segment what one side
coded there, through :func:`synthesis.coding.reconcile.reconcile` (so spans and memos are
those a reconciliation writes) and the consensus coder's file (locked, re-read, atomic).

>>> from synthesis.coding import new_coding
>>> from synthesis.panel.sources import DocInfo, PanelDocument, PanelSegment
>>> doc = PanelDocument(DocInfo("d", "t"), "ผู้นำเข้มแข็ง กองทุน", [PanelSegment(0, 0, 13), PanelSegment(1, 14, 20)])
>>> a = [new_coding("d", 0, 5, "ผู้นำ", "h", "lead", "coder_a")]
>>> b = [new_coding("d", 0, 13, "ผู้นำเข้มแข็ง", "h", "lead", "coder_b"), new_coding("d", 14, 20, "กองทุน", "h", "fund", "coder_b")]
>>> [(row.index, sorted(row.only_left), sorted(row.only_right)) for row in compare_segments(doc, a, b)]
[(0, [], []), (1, [], ['fund'])]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from synthesis.coding import Coding, CodingStore
from synthesis.coding.reconcile import reconcile
from synthesis.panel.coder_file import CoderFile
from synthesis.panel.sources import PanelDocument

CONSENSUS = "consensus"


@dataclass(frozen=True)
class SegmentComparison:
    """The codes each side applied to one segment."""

    index: int
    start: int
    end: int
    left: frozenset[str]
    right: frozenset[str]

    @property
    def only_left(self) -> frozenset[str]:
        return self.left - self.right

    @property
    def only_right(self) -> frozenset[str]:
        return self.right - self.left

    @property
    def differs(self) -> bool:
        return self.left != self.right


def _codes_in(codings: list[Coding], start: int, end: int) -> frozenset[str]:
    return frozenset(c.code_id for c in codings if c.start < end and start < c.end and not c.orphaned)


def compare_segments(doc: PanelDocument, left: list[Coding], right: list[Coding]) -> list[SegmentComparison]:
    """One row per segment of ``doc`` that either side coded."""
    left = [c for c in left if c.doc_id == doc.doc_id]
    right = [c for c in right if c.doc_id == doc.doc_id]
    rows = []
    for segment in doc.segments:
        a, b = _codes_in(left, segment.start, segment.end), _codes_in(right, segment.start, segment.end)
        if a or b:
            rows.append(SegmentComparison(segment.index, segment.start, segment.end, a, b))
    return rows


def take_side(store: CodingStore, doc: PanelDocument, index: int, side: list[Coding], side_coder: str,
              consensus: str = CONSENSUS) -> tuple[list[Coding], list[Coding]]:
    """Make the consensus codings of segment ``index`` those ``side_coder`` applied there.

    Returns ``(added, removed)`` consensus codings (for undo). The consensus keeps every
    coding outside the segment.
    """
    segment = doc.segments[index]
    units = pd.DataFrame([{"doc_id": doc.doc_id, "start": segment.start, "end": segment.end,
                           "text": doc.text[segment.start:segment.end]}])
    inside = [c for c in side if c.doc_id == doc.doc_id and c.coder == side_coder
              and c.start < segment.end and segment.start < c.end]
    wanted, _ = reconcile(inside, units, [side_coder], policy="any", consensus=consensus) if inside else ([], None)
    target = CoderFile(store, consensus)
    current = [c for c in target.load() if c.doc_id == doc.doc_id and c.start < segment.end and segment.start < c.end]
    keep = {(c.start, c.end, c.code_id) for c in wanted}
    have = {(c.start, c.end, c.code_id) for c in current}
    removed = [target.remove(c.coding_id) for c in current if (c.start, c.end, c.code_id) not in keep]
    added = [target.add(c) for c in wanted if (c.start, c.end, c.code_id) not in have]
    return added, removed


def undo_take(store: CodingStore, added: list[Coding], removed: list[Coding], consensus: str = CONSENSUS) -> None:
    """Reverse :func:`take_side`."""
    target = CoderFile(store, consensus)
    for coding in added:
        target.remove(coding.coding_id)
    for coding in removed:
        target.add(coding)

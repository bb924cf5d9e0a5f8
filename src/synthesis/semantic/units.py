"""The units the semantic backends read: the store's finest segments, as coding uses them.

A unit longer than the model can read is cut into pieces only where a token starts, so a
piece never ends inside a Thai word (or a grapheme cluster: tokens never split one).

>>> pieces("กองทุนช่วยสมาชิก", [0, 6, 10], max_chars=8)
['กองทุน', 'ช่วย', 'สมาชิก']
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

import pandas as pd

from synthesis.coding.rules import CodingDocument
from synthesis.coding.suggest import unit_features, units_table

MAX_PIECE_CHARS = 400  # e5 reads 512 sub-word tokens; 400 Thai characters stay well under it


def pieces(text: str, token_starts: Sequence[int], max_chars: int = MAX_PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``max_chars`` at token starts (offsets into ``text``).

    A single token longer than ``max_chars`` stays whole: cutting it would cut a word.
    """
    if len(text) <= max_chars:
        return [text] if text.strip() else []
    cuts = sorted({s for s in token_starts if 0 < s < len(text)})
    out, begin = [], 0
    while len(text) - begin > max_chars:
        limit = begin + max_chars
        index = bisect_left(cuts, limit + 1) - 1
        cut = cuts[index] if index >= 0 and cuts[index] > begin else None
        if cut is None:  # no token start inside the window: the next one after it
            after = bisect_left(cuts, limit + 1)
            if after >= len(cuts):
                break
            cut = cuts[after]
        out.append(text[begin:cut])
        begin = cut
    out.append(text[begin:])
    return [p for p in out if p.strip()]


def unit_frame(documents: Sequence[CodingDocument], features: bool = True) -> tuple[pd.DataFrame, list[list[str]]]:
    """Units (``doc_id, start, end, kind, text, doc_sha256``) and their tokens (+ bigrams);
    ``features=False`` leaves the tokens out (an empty list: a cached model reads the text).

    >>> # units, tokens = unit_frame(documents_from_store(open_store("work/demo")))
    """
    units = units_with_sha(documents)
    return units, unit_features(documents, units) if features else []


def units_with_sha(documents: Sequence[CodingDocument]) -> pd.DataFrame:
    """The documents' units with their document's sha256 (``doc_sha256``), the cache's key."""
    units = units_table(documents).reset_index(drop=True)
    sha = {d.doc_id: d.sha256 for d in documents}
    units["doc_sha256"] = units["doc_id"].map(sha).fillna("") if len(units) else pd.Series(dtype=str)
    return units


def unit_token_starts(documents: Sequence[CodingDocument], units: pd.DataFrame) -> list[list[int]]:
    """For each unit, where its tokens start, relative to the unit's start."""
    starts_of = {d.doc_id: [t.start for t in d.tokens] for d in documents}
    out = []
    for doc_id, start, end in zip(units["doc_id"], units["start"], units["end"]):
        starts = starts_of.get(doc_id, [])
        out.append([s - start for s in starts[bisect_left(starts, start):bisect_left(starts, end)]])
    return out

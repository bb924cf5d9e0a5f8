"""Keyword in context over tokens: a term matches whole tokens only, never a substring.

>>> rows = kwic({"d": "ปลูกยางพารา แจกยา ซื้อยาที่ร้าน"}, "ยา", window=2)
>>> list(rows["match"]), list(rows["left"])
(['ยา', 'ยา'], ['ยางพารา แจก', 'ยา ซื้อ'])
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Mapping

import pandas as pd

from synthesis.thai.spans import Token

COLUMNS = ["doc_id", "start", "end", "left", "match", "right"]


def _texts(texts) -> dict[str, str]:
    if isinstance(texts, pd.DataFrame):
        return dict(zip(texts["doc_id"], texts["text"]))
    if isinstance(texts, Mapping):
        return dict(texts)
    return {str(i): text for i, text in enumerate(texts)}


def _default_tokenize(text: str) -> list[Token]:
    from synthesis.thai.tokenize import tokenize

    return tokenize(text)


def kwic(texts, term: str, window: int = 5, tokens: pd.DataFrame | Mapping[str, list[Token]] | None = None,
         tokenize: Callable[[str], list[Token]] | None = None) -> pd.DataFrame:
    """Every whole-token occurrence of ``term`` with ``window`` words of context each side.

    ``texts``: ``{doc_id: text}``, a documents DataFrame (``doc_id``, ``text``) or a list of
    texts. ``tokens``: the store's tokens table (or ``{doc_id: [Token]}``) to reuse instead
    of tokenizing again. The term may span several tokens (``มาตรา 40``). Context strings
    keep the text's own spacing.
    """
    term = term.strip()
    if not term:
        raise ValueError("kwic needs a non-empty term")
    tokenize = tokenize or _default_tokenize
    rows = []
    for doc_id, text in _texts(texts).items():
        words = _words(doc_id, text, tokens, tokenize)
        starts = [t.start for t in words]
        ends = {t.end for t in words}
        start_set = set(starts)
        at = text.find(term)
        while at >= 0:
            stop = at + len(term)
            if at in start_set and stop in ends:
                first = bisect_left(starts, at)
                last = bisect_right(starts, stop - 1) - 1
                left_from = words[max(0, first - window)].start if first > 0 else at
                right_to = words[min(len(words) - 1, last + window)].end if last + 1 < len(words) else stop
                rows.append({"doc_id": doc_id, "start": at, "end": stop, "left": text[left_from:at].lstrip(),
                             "match": text[at:stop], "right": text[stop:right_to].rstrip()})
            at = text.find(term, at + 1)
    return pd.DataFrame(rows, columns=COLUMNS)


def _words(doc_id, text, tokens, tokenize) -> list[Token]:
    if tokens is None:
        found = tokenize(text)
    elif isinstance(tokens, pd.DataFrame):
        mine = tokens[tokens["doc_id"] == doc_id].sort_values("start")
        found = [Token(int(s), int(e), text[int(s):int(e)]) for s, e in zip(mine["start"], mine["end"])]
    else:
        found = list(tokens.get(doc_id, []))
    return [t for t in found if not t.is_space and text[t.start:t.end].strip()]

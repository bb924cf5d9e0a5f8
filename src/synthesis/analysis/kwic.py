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
         tokenize: Callable[[str], list[Token]] | None = None, key=None) -> pd.DataFrame:
    """Every whole-token occurrence of ``term`` with ``window`` words of context each side.

    ``texts``: ``{doc_id: text}``, a documents DataFrame (``doc_id``, ``text``) or a list of
    texts. ``tokens``: the store's tokens table (or ``{doc_id: [Token]}``) to reuse instead
    of tokenizing again. The term may span several tokens (``มาตรา 40``). Context strings
    keep the text's own spacing.

    ``key`` (a :class:`synthesis.privacy.PseudonymKey`, for ``--redact``): people's names are
    found in the *whole* text first, a context never ends inside a name (it widens to take
    the whole name), and every name in ``left``, ``match`` and ``right`` is replaced by its
    pseudonym; so a cut can never leave a surname without its first name.
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
        names = _name_spans(text, key, doc_id) if key is not None else []
        at = text.find(term)
        while at >= 0:
            stop = at + len(term)
            if at in start_set and stop in ends:
                first = bisect_left(starts, at)
                last = bisect_right(starts, stop - 1) - 1
                left_from = words[max(0, first - window)].start if first > 0 else at
                right_to = words[min(len(words) - 1, last + window)].end if last + 1 < len(words) else stop
                if names:
                    left_from, right_to = _widen(names, left_from, right_to)
                pieces = [(left_from, at), (at, stop), (stop, right_to)]
                left, match, right = (_redacted(text, names, a, b) for a, b in pieces) if names else \
                    (text[a:b] for a, b in pieces)
                rows.append({"doc_id": doc_id, "start": at, "end": stop, "left": left.lstrip(),
                             "match": match, "right": right.rstrip()})
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


def _name_spans(text: str, key, doc_id) -> list[tuple[int, int, str]]:
    from synthesis.privacy.redact import name_spans

    return [(span.start, span.end, span.pseudonym) for span in name_spans(text, key, doc_id)]


def _widen(names: list[tuple[int, int, str]], start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved out of any name they fall inside."""
    for name_start, name_end, _ in names:
        if name_start < start < name_end:
            start = name_start
        if name_start < end < name_end:
            end = name_end
    return start, end


def _redacted(text: str, names: list[tuple[int, int, str]], start: int, end: int) -> str:
    """``text[start:end]`` with each name in it replaced by its pseudonym; a name that begins
    before ``start`` (it runs across the cut between two pieces) leaves nothing of itself."""
    pieces, position = [], start
    for name_start, name_end, pseudonym in names:
        if name_end <= start or name_start >= end:
            continue
        pieces.append(text[position:max(position, name_start)])
        if name_start >= start:
            pieces.append(pseudonym)
        position = min(max(position, name_end), end)
    pieces.append(text[position:end])
    return "".join(pieces)

"""Re-anchoring: keep codings on their words when a document's text changes.

Each coding keeps its quote. When the text at ``start:end`` is no longer the quote, the
coding moves to where the quote now is: the only occurrence, or the one nearest the old
place; failing an exact match, a match that differs only in white space. When the quote is
gone, the coding is flagged ``orphaned`` (its quote and old offsets kept), never left
pointing at other words.

>>> from synthesis.coding.codings import new_coding
>>> c = new_coding("d", 0, 6, "กองทุน", "old", "mechanism.fund", "coder_a")
>>> [(r.status, r.coding.start) for r in reanchor([c], {"d": "มีการตั้งกองทุน"})]
[('moved', 9)]
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from synthesis.coding.codings import Coding

STATUSES = ("ok", "moved", "orphaned", "missing-document")


@dataclass(frozen=True)
class AnchorResult:
    coding: Coding
    status: str
    note: str = ""


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _documents_as_texts(documents) -> dict[str, str]:
    """Accept ``{doc_id: text}`` or a DataFrame with ``doc_id`` and ``text`` columns."""
    if isinstance(documents, Mapping):
        return dict(documents)
    return dict(zip(documents["doc_id"], documents["text"]))


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    found, at = [], text.find(quote)
    while at >= 0:
        found.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    if found:
        return found
    words = quote.split()
    if not words:
        return []
    loose = re.compile(r"\s+".join(re.escape(word) for word in words))
    return [(m.start(), m.end()) for m in loose.finditer(text)]


def reanchor_one(coding: Coding, text: str | None) -> AnchorResult:
    """Re-anchor one coding against the current text of its document."""
    if text is None:
        return AnchorResult(replace(coding, orphaned=True), "missing-document",
                            f"document {coding.doc_id} is not in the corpus")
    sha = text_sha256(text)
    if coding.end <= len(text) and text[coding.start:coding.end] == coding.quote:
        return AnchorResult(replace(coding, doc_sha256=sha, orphaned=False), "ok")
    matches = _occurrences(text, coding.quote)
    if not matches:
        why = "offsets past the end of the text and " if coding.end > len(text) else ""
        return AnchorResult(replace(coding, orphaned=True), "orphaned", f"{why}quote not found")
    start, end = min(matches, key=lambda span: (abs(span[0] - coding.start), span[0]))
    note = "unique match" if len(matches) == 1 else f"nearest of {len(matches)} matches"
    moved = replace(coding, start=start, end=end, quote=text[start:end], doc_sha256=sha, orphaned=False)
    return AnchorResult(moved, "moved", f"{coding.start}→{start}, {note}")


def reanchor(codings: Iterable[Coding], documents) -> list[AnchorResult]:
    """Re-anchor codings against ``documents`` (``{doc_id: text}`` or a DataFrame).

    Returns one :class:`AnchorResult` per coding, with status ``ok``, ``moved``, ``orphaned``
    or ``missing-document``.
    """
    texts = _documents_as_texts(documents)
    return [reanchor_one(coding, texts.get(coding.doc_id)) for coding in codings]


def orphans(results: Iterable[AnchorResult]) -> list[AnchorResult]:
    return [r for r in results if r.status in ("orphaned", "missing-document")]

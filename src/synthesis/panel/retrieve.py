"""Finding things while coding: every segment of a code (with context), text in the open
document, codes in the codebook. Pure functions over codings, texts and the codebook.

>>> from synthesis.coding import parse_codebook
>>> book = parse_codebook("codes:\\n  - {id: fund, name_th: กองทุน, name_en: Fund, include: ออมทรัพย์}\\n")
>>> search_codes(book, "ออม"), search_codes(book, "FUND"), search_codes(book, "ยาง")
(['fund'], ['fund'], [])
>>> [(m.start, m.end) for m in search_text("ยางพารา ราคายาง", "ยาง")]
[(0, 3), (12, 15)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from synthesis.coding import Codebook, Coding
from synthesis.thai.graphemes import snap_left, snap_right

CONTEXT = 60  # characters of context on each side of a retrieved segment
MAX_MATCHES = 200


@dataclass(frozen=True)
class Retrieved:
    """One coded segment with the text around it, for the retrieval pane."""

    coding: Coding
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class Match:
    start: int
    end: int


def search_codes(codebook: Codebook, query: str) -> list[str]:
    """Ids of the codes whose id, Thai or English name, definition, include or exclude
    holds ``query`` (ignoring case), in codebook order; every code for an empty query."""
    needle = query.strip().casefold()
    found = []
    for code in codebook:
        fields = (code.id, code.name_th, code.name_en, code.description, code.include, code.exclude)
        if not needle or any(needle in field.casefold() for field in fields):
            found.append(code.id)
    return found


def search_text(text: str, query: str, limit: int = MAX_MATCHES) -> list[Match]:
    """Where ``query`` occurs in ``text`` (ignoring case), widened to whole grapheme clusters
    so a match never splits a Thai character; at most ``limit`` matches."""
    needle = query.strip().casefold()
    if not needle:
        return []
    haystack = text.casefold() if len(text.casefold()) == len(text) else None
    matches: list[Match] = []
    if haystack is None:  # case folding changed the length (e.g. ß): search as written
        haystack, needle = text, query.strip()
    at = haystack.find(needle)
    while at >= 0 and len(matches) < limit:
        matches.append(Match(snap_left(text, at), snap_right(text, at + len(needle))))
        at = haystack.find(needle, at + max(1, len(needle)))
    return matches


def retrieve(codings: Iterable[Coding], code_ids: set[str], load_text: Callable[[str], tuple[str, str] | None],
             context: int = CONTEXT) -> list[Retrieved]:
    """Every coding of ``code_ids`` with ``context`` characters either side, in document order.

    ``load_text(doc_id)`` gives ``(title, text)`` or ``None`` for a document not in the
    collection (then the quote alone is shown). Context cuts never split a grapheme cluster.
    """
    found = []
    texts: dict[str, tuple[str, str] | None] = {}
    for coding in sorted((c for c in codings if c.code_id in code_ids), key=lambda c: (c.doc_id, c.start, c.coder)):
        if coding.doc_id not in texts:
            texts[coding.doc_id] = load_text(coding.doc_id)
        loaded = texts[coding.doc_id]
        if loaded is None or loaded[1][coding.start:coding.end] != coding.quote:
            found.append(Retrieved(coding, loaded[0] if loaded else coding.doc_id, "", ""))
            continue
        title, text = loaded
        left = snap_left(text, max(0, coding.start - context))
        right = snap_right(text, min(len(text), coding.end + context))
        found.append(Retrieved(coding, title, text[left:coding.start], text[coding.end:right]))
    return found

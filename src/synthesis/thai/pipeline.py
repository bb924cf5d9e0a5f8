"""``analyze``: the one call from a raw string to a ``ThaiDoc`` of spans.

normalize → tokenize → segment → entities (when ``synthesis.thai.entities`` is present)
→ part-of-speech tags (only when asked). All offsets point into ``ThaiDoc.text``, the
normalized text; ``ThaiDoc.changes`` records how it differs from the input.

>>> doc = analyze("ประชุม\u200bคณะทำงาน ๓ ครั้ง")
>>> doc.text, [t.text for t in doc.tokens if not t.is_space]
('ประชุมคณะทำงาน ๓ ครั้ง', ['ประชุม', 'คณะทำงาน', '๓', 'ครั้ง'])
"""

from __future__ import annotations

import importlib
import logging

from synthesis.thai.graphemes import is_boundary
from synthesis.thai.normalize import normalize
from synthesis.thai.segment import segment
from synthesis.thai.spans import Entity, ThaiDoc, Token
from synthesis.thai.tokenize import DEFAULT_ENGINE, tokenize

log = logging.getLogger(__name__)


def _find_entities(text: str, tokens: list[Token]) -> list[Entity]:
    try:
        module = importlib.import_module("synthesis.thai.entities")
    except ModuleNotFoundError as error:
        if error.name != "synthesis.thai.entities":
            raise
        return []  # the entity layer is not installed in this build
    return [entity for entity in module.find_entities(text, tokens) if _sound(text, entity)]


def _sound(text: str, entity: Entity) -> bool:
    """An entity that does not point at its own text, or cuts a cluster, is dropped (logged):
    every span analyze returns keeps the core model's promises."""
    ok = (
        0 <= entity.start < entity.end <= len(text)
        and text[entity.start : entity.end] == entity.text
        and is_boundary(text, entity.start)
        and is_boundary(text, entity.end)
    )
    if not ok:
        log.warning("dropped an unsound %s entity at %d-%d", entity.label, entity.start, entity.end)
    return ok


def analyze(
    text: str,
    *,
    pos: bool = False,
    entities: bool = True,
    engine: str = DEFAULT_ENGINE,
) -> ThaiDoc:
    """Normalize ``text`` and return its tokens, segments and entities.

    Never raises on odd input (empty, whitespace, emoji, control characters, huge lines):
    it returns a valid, possibly empty document. ``pos=True`` adds part-of-speech tags to the
    tokens (slow: see ``synthesis.thai.pos``).

    >>> analyze("").tokens, analyze("   ").segments
    ([], [])
    """
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise TypeError(f"analyze() needs a str, not {type(text).__name__}")
    normalized = normalize(text)
    clean = normalized.text
    tokens = tokenize(clean, engine=engine)
    segments = segment(clean)
    found: list[Entity] = []
    if entities and clean.strip():
        try:
            found = _find_entities(clean, tokens)
        except Exception:  # noqa: BLE001 - entity rules must not sink the whole document
            log.exception("entity tagging failed; the document keeps its tokens and segments")
    if pos and tokens:
        from synthesis.thai.pos import pos_tag

        tokens = pos_tag(tokens)
    return ThaiDoc(text=clean, tokens=tokens, segments=segments, entities=found, changes=normalized.changes)

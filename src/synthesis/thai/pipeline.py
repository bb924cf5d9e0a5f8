"""``analyze``: the one call from a raw string to a ``ThaiDoc`` of spans.

normalize → tokenize → segment → entities (when ``synthesis.thai.entities`` is present)
→ part-of-speech tags (only when asked). All offsets point into ``ThaiDoc.text``, the
normalized text; ``ThaiDoc.changes`` records how it differs from the input.

>>> doc = analyze("ประชุม\u200bคณะทำงาน ๓ ครั้ง")
>>> doc.text, [t.text for t in doc.tokens if not t.is_space]
('ประชุมคณะทำงาน ๓ ครั้ง', ['ประชุม', 'คณะทำงาน', '๓', 'ครั้ง'])
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
from contextlib import contextmanager

from synthesis.thai import graphemes
from synthesis.thai.accel import compiled
from synthesis.thai.normalize import normalize
from synthesis.thai.segment import segment
from synthesis.thai.spans import Entity, ThaiDoc
from synthesis.thai.tokenize import DEFAULT_ENGINE, join_name_parts, tokenize

log = logging.getLogger(__name__)


def _find_entities(text: str, tokens) -> list[Entity]:
    module = sys.modules.get("synthesis.thai.entities")  # (import_module costs more per call)
    if module is None:
        try:
            module = importlib.import_module("synthesis.thai.entities")
        except ModuleNotFoundError as error:
            if error.name != "synthesis.thai.entities":
                raise
            return []  # the entity layer is not installed in this build
    return _sound(text, module.find_entities(text, tokens))


def _sound(text: str, entities: list[Entity]) -> list[Entity]:
    """The entities that point at their own text and cut no cluster; others are dropped
    (logged): every span analyze returns keeps the core model's promises."""
    if _fast is not None:
        flags = _fast.sound_flags(text, entities, graphemes._CUT_RISK, graphemes.is_boundary)
    else:
        flags = _python_sound_flags(text, entities)
    if all(flags):
        return entities
    kept = []
    for entity, ok in zip(entities, flags):
        if ok:
            kept.append(entity)
        else:
            log.warning("dropped an unsound %s entity at %d-%d", entity.label, entity.start, entity.end)
    return kept


def _python_sound_flags(text: str, entities: list[Entity]) -> list[bool]:
    """One flag per entity: it points at its own text and starts and ends on cluster
    boundaries (the reference for ``_fast_pipeline.sound_flags``)."""
    size = len(text)
    in_range = [0 <= e.start < e.end <= size and text[e.start : e.end] == e.text for e in entities]
    ends = [p for e, ok in zip(entities, in_range) for p in ((e.start, e.end) if ok else (0, 0))]
    on_boundaries = graphemes.are_boundaries(text, ends)
    return [ok and start_ok and end_ok for ok, start_ok, end_ok in zip(in_range, on_boundaries[::2], on_boundaries[1::2])]


_fast = compiled("pipeline")


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
    collector_was_on = gc.isenabled()  # what collector_paused() does, without its generator
    gc.disable()
    try:
        return _analyze(text, pos=pos, entities=entities, engine=engine)
    finally:
        if collector_was_on:
            gc.enable()


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector for the duration (restored as it was, also on
    error).

    One document's analysis makes tens of thousands of small objects (tokens' strings, spans,
    rows) and no reference cycles, so reference counting frees all its garbage. Left running,
    the collector would start every 700 allocations and walk the long-lived objects again
    and again (the gazetteers, dictionaries and rule tables): about a tenth of ``analyze``'s
    time. Paused, it runs once after the document instead.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _analyze(text: str, *, pos: bool, entities: bool, engine: str) -> ThaiDoc:
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
    tokens = join_name_parts(tokens, found)  # a name is one token per part, never syllables
    if pos and tokens:
        from synthesis.thai.pos import pos_tag

        tokens = pos_tag(tokens)
    return ThaiDoc(text=clean, tokens=tokens, segments=segments, entities=found, changes=normalized.changes)

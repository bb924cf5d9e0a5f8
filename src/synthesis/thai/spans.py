"""The spans every part of the workbench shares: offsets into one normalized text.

As in spaCy, a span is ``text[start:end]`` of the document's normalized text (Python string
indices). Tokens, segments and entities are all spans; codings point into the same text.
These names and fields are a public contract: other modules and outside checks rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEGMENT_KINDS = ("heading", "paragraph", "list_item", "sentence", "turn")
ENTITY_LABELS = ("PLACE", "ORG", "PERSON", "DATE", "NUMBER", "PERCENT", "MONEY", "COUNT")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a run of whitespace/punctuation; tokens tile the text exactly."""

    start: int
    end: int
    text: str
    is_space: bool = False
    pos: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A heading, paragraph, list item, sentence or speaker turn.

    ``section`` names the report section it lies in (e.g. ``activities``, ``outcomes``);
    ``speaker`` is set on interview turns.
    """

    start: int
    end: int
    text: str
    kind: str
    section: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named or numeric expression with a normalized ``value``.

    ``value`` is an ISO date string for DATE (``attrs["end"]`` for the end of a range), the
    province name for a province, a number for NUMBER/PERCENT/MONEY/COUNT (``attrs["unit"]``
    for a count). ``source`` says what found it (``gazetteer``, ``rule``, ``crf`` …).
    """

    start: int
    end: int
    text: str
    label: str
    value: Any = None
    source: str = "rule"
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ThaiDoc:
    """What ``synthesis.thai.analyze`` returns: the normalized text and its spans."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    changes: list[Any] = field(default_factory=list)

"""The functions of the Thai text layer that the corpus uses, in one place.

``synthesis.thai`` is written alongside the corpus. Where a part of it has not landed yet, a
small, clearly marked stand-in keeps ingest running (TEMPORARY: each one is removed as soon as
the Thai layer provides the function). Everything else in ``synthesis.corpus`` imports the Thai
layer only through this module.
"""

from __future__ import annotations

import re

from synthesis.thai.dates import find_dates, parse_thai_date  # noqa: F401
from synthesis.thai.numbers import find_quantities, parse_number  # noqa: F401
from synthesis.thai.spans import Entity, Segment, ThaiDoc, Token

from synthesis.thai.normalize import normalize_text  # noqa: F401

from synthesis.thai.places import find_places  # noqa: F401

try:
    from synthesis.thai.persons import find_persons  # type: ignore
except ImportError:  # TEMPORARY stand-in until synthesis.thai.persons lands
    _PERSON = re.compile(r"(?:นางสาว|น\.ส\.|นส\.|นาง|นาย|ผศ\.ดร\.|รศ\.ดร\.|ดร\.|ผศ\.|อาจารย์)"
                         r"[ \t]*[\u0e01-\u0e4e]+(?:[ \t]+[\u0e01-\u0e4e]+)?")

    def find_persons(text: str) -> list[Entity]:
        return [Entity(m.start(), m.end(), m.group(), "PERSON", m.group(), "rule")
                for m in _PERSON.finditer(text)]

from synthesis.thai import analyze as _analyze


def _entities_module_present() -> bool:
    import importlib.util

    return importlib.util.find_spec("synthesis.thai.entities") is not None


def analyze(text: str) -> ThaiDoc:
    """Tokens, segments and entities of an already normalized text.

    The offsets of the Thai layer must point into ``text`` itself: normalization is
    idempotent, and a difference is a bug worth stopping for.
    """
    doc = _analyze(text)
    if doc.text != text:
        raise ValueError("synthesis.thai.analyze changed an already normalized text")
    if not doc.entities and not _entities_module_present():
        # TEMPORARY until synthesis.thai.entities lands: the finders that exist already.
        found = find_dates(text) + find_quantities(text) + find_places(text) + find_persons(text)
        doc.entities = sorted(found, key=lambda e: (e.start, e.end))
    return doc


def versions() -> dict[str, str]:
    """Versions of the tokenizer and dictionaries, for the store's manifest."""
    from synthesis.thai import versions as thai_versions

    return {key: str(value) for key, value in dict(thai_versions()).items()}

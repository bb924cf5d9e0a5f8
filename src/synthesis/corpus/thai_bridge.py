"""The functions of the Thai text layer that the corpus uses, in one place.

Everything in ``synthesis.corpus`` reaches the Thai layer through this module, so the seam
between the two is one short file.
"""

from __future__ import annotations

from synthesis.thai import analyze as _analyze
from synthesis.thai import versions as _thai_versions
from synthesis.thai.dates import find_dates, parse_thai_date
from synthesis.thai.normalize import normalize_text
from synthesis.thai.numbers import find_quantities, parse_number
from synthesis.thai.persons import find_persons
from synthesis.thai.places import find_places
from synthesis.thai.spans import ThaiDoc

__all__ = ["analyze", "find_dates", "find_persons", "find_places", "find_quantities",
           "normalize_text", "parse_number", "parse_thai_date", "versions"]


def analyze(text: str) -> ThaiDoc:
    """Tokens, segments and entities of an already normalized text.

    The offsets of the Thai layer must point into ``text`` itself: normalization is
    idempotent, and a difference is a bug worth stopping for.

    >>> analyze("ประชุม ๓ ครั้ง").text
    'ประชุม ๓ ครั้ง'
    """
    doc = _analyze(text)
    if doc.text != text:
        raise ValueError("synthesis.thai.analyze changed an already normalized text")
    return doc


def versions() -> dict[str, str]:
    """Versions of the tokenizer and dictionaries, for the store's manifest."""
    return {key: str(value) for key, value in dict(_thai_versions()).items()}

"""Where a Thai text may be cut: grapheme-cluster boundaries.

A span must never start or end inside a cluster. Our clusters are Unicode's extended grapheme
clusters (a base character with its combining marks, SARA AM, variation selectors, emoji
modifiers and ZWJ sequences, flag pairs, CR LF; newlines and other controls stand alone)
made a little stricter for Thai, as readers of Thai see a character:

- a leading vowel (เ แ โ ใ ไ) belongs to the consonant after it;
- a following vowel ะ า ำ ๅ belongs to the Thai character before it.

So ``เก`` and ``กา`` are never cut, while ``ก|ข`` may be.

>>> is_boundary("กี่", 1), is_boundary("กี่", 3)
(False, True)
>>> grapheme_spans("เก่า ok")
[(0, 4), (4, 5), (5, 6), (6, 7)]
"""

from __future__ import annotations

import unicodedata

import numpy

THAI_CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))
THAI_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"
THAI_FOLLOWING_VOWELS = "\u0e30\u0e32\u0e33\u0e45"
# Thai characters that sit above/below their base (vowels, tone marks, signs): category Mn.
THAI_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"

_ZWJ = "\u200d"
# Characters that never start a cluster, beyond the Unicode marks (category M*).
_EXTENDERS = frozenset(
    THAI_MARKS
    + "\u0e33\u0eb3"  # SARA AM, LAO AM: SpacingMark
    + _ZWJ
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))  # variation selectors
    + "".join(chr(c) for c in range(0x1F3FB, 0x1F400))  # emoji skin tones
    + "".join(chr(c) for c in range(0xE0020, 0xE0080))  # emoji tag characters
)
_THAI = frozenset(chr(c) for c in range(0x0E01, 0x0E5C))
_LEADING = frozenset(THAI_LEADING_VOWELS)
_CONSONANTS = frozenset(THAI_CONSONANTS)
_FOLLOWING = frozenset(THAI_FOLLOWING_VOWELS)


# Fast path of is_boundary: a cut between two characters is always fine unless the one after
# is in MAY_CONTINUE or the one before is in MAY_JOIN_NEXT (then the full rules decide).
MAY_CONTINUE = (
    frozenset(THAI_FOLLOWING_VOWELS)
    | _EXTENDERS
    | {chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M"}
    | {chr(c) for c in range(0x1F1E6, 0x1F200)}
)
MAY_JOIN_NEXT = frozenset(THAI_LEADING_VOWELS + "\r" + _ZWJ) | {chr(c) for c in range(0x1F1E6, 0x1F200)}


# The fast path for many positions at once: one byte per code point, bit 1 = in MAY_CONTINUE,
# bit 2 = in MAY_JOIN_NEXT (code points beyond the BMP are all flagged: the full rules decide).
_CUT_RISK = numpy.zeros(0x110000, dtype=numpy.uint8)
_CUT_RISK[[ord(c) for c in MAY_CONTINUE]] |= 1
_CUT_RISK[0x10000:] |= 1
_CUT_RISK[[ord(c) for c in MAY_JOIN_NEXT]] |= 2


def code_points(text: str) -> numpy.ndarray:
    """The code points of ``text`` followed by a 0, so that ``codes[len(text)]`` is valid.

    >>> code_points("ก").tolist()
    [3585, 0]
    """
    return numpy.frombuffer((text + "\0").encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


def may_split(codes: numpy.ndarray, positions: numpy.ndarray) -> numpy.ndarray:
    """For cut positions ``0 ≤ p ≤ len`` (``codes`` from :func:`code_points`): True where a cut
    might split a cluster, so that :func:`is_boundary` must decide; False where it cannot."""
    risk = (_CUT_RISK[codes[positions]] & 1) | (_CUT_RISK[codes[positions - 1]] & 2)
    return risk.astype(bool) & (positions > 0)


def are_boundaries(text: str, positions, codes: numpy.ndarray | None = None) -> list[bool]:
    """:func:`is_boundary` for many positions at once (vectorised; Python looks only at the
    few positions next to a mark).

    >>> are_boundaries("กี่ ok", [0, 1, 3, 4, 6])
    [True, False, True, True, True]
    """
    positions = numpy.asarray(positions, dtype=numpy.intp)
    if codes is None:
        codes = code_points(text)
    risky = may_split(codes, positions)
    if not risky.any():
        return [True] * len(positions)
    return [not r or is_boundary(text, p) for p, r in zip(positions.tolist(), risky.tolist())]


def _extends(char: str) -> bool:
    return char in _EXTENDERS or unicodedata.category(char)[0] == "M"


def _is_control(char: str) -> bool:
    return char in "\n\r" or (char not in _EXTENDERS and unicodedata.category(char) in ("Cc", "Zl", "Zp"))


def is_boundary(text: str, index: int) -> bool:
    """True when ``text`` may be cut before ``text[index]`` without splitting a cluster.

    >>> is_boundary("น้ำ", 1), is_boundary("เรา", 1), is_boundary("ab", 1)
    (False, False, True)
    """
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    if after not in MAY_CONTINUE and before not in MAY_JOIN_NEXT and after <= "\uffff":
        return True
    if before == "\r" and after == "\n":
        return False
    if _is_control(before) or _is_control(after):
        return True  # newlines and controls stand alone (a mark after one starts a cluster)
    if _extends(after):
        return False
    if before == _ZWJ:
        return False
    if before in _LEADING and after in _CONSONANTS:
        return False
    if after in _FOLLOWING and before in _THAI:
        return False
    if "\U0001f1e6" <= before <= "\U0001f1ff" and "\U0001f1e6" <= after <= "\U0001f1ff":
        # a pair of regional indicators is one flag; good enough for the pairs we meet
        return not _odd_regional_run(text, index)
    return True


def _odd_regional_run(text: str, index: int) -> bool:
    count = 0
    i = index - 1
    while i >= 0 and "\U0001f1e6" <= text[i] <= "\U0001f1ff":
        count += 1
        i -= 1
    return count % 2 == 1


def snap_left(text: str, index: int) -> int:
    """The nearest cluster boundary at or before ``index``.

    >>> snap_left("กี่", 2)
    0
    """
    index = max(0, min(index, len(text)))
    while not is_boundary(text, index):
        index -= 1
    return index


def snap_right(text: str, index: int) -> int:
    """The nearest cluster boundary at or after ``index``.

    >>> snap_right("กี่ข", 1)
    3
    """
    index = max(0, min(index, len(text)))
    while not is_boundary(text, index):
        index += 1
    return index


def grapheme_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every cluster of ``text``, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if is_boundary(text, index):
            spans.append((start, index))
            start = index
    return spans


def graphemes(text: str) -> list[str]:
    """The clusters of ``text``.

    >>> graphemes("น้ำใจ")
    ['น้ำ', 'ใจ']
    """
    return [text[start:end] for start, end in grapheme_spans(text)]



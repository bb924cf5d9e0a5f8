"""Thai broken by PDF text extraction, repaired by stated rules with a log of every change.

Word processors write ``ำ`` (sara am) as two glyphs, ``ํ`` (nikhahit) over the consonant and
``า`` after it, and place tone marks and above/below vowels as loose glyphs. Text taken from
such a PDF comes out as ``จำานวน``, ``ต าบล``, ``ด าเนิน``, ``นํ้า``, ``ที ่`` or ``ก่่``. The rules,
applied in this order (each change logged with its rule's name):

1. ``detached-mark``: spaces between a Thai letter and a following tone mark, above/below
   vowel or ``ำ`` go (``ที ่`` → ``ที่``, ``จ ำานวน`` → ``จำานวน``); a mark never starts a word;
2. ``sara-am-split``: ``ํ`` + (tone) + (a space) + ``า`` → (tone) + ``ำ`` (``นํ้า`` → ``น้ำ``);
3. ``sara-am-doubled``: ``ำ`` followed by ``า`` → ``ำ`` (``จำานวน`` → ``จำนวน``): Thai never
   writes ``า`` after ``ำ``;
4. ``sara-am-spaced``: a consonant (+ tone) then a space then ``า`` → ``ำ`` (``ต าบล`` →
   ``ตำบล``); a word never starts with ``า``. When the text around splits into dictionary
   words more cheaply without the ``ำ`` (``ก าร`` → ``การ``) the space is dropped instead
   (``stray-space``);
5. ``doubled-mark``: the same mark twice in one cluster → once (``ก่่`` → ``ก่``,
   ``ที่ี`` → ``ที่``).

Latin text, digits and correct Thai pass unchanged; the rules are idempotent.

>>> r = repair_pdf_thai("จำานวน 81 คน ต าบลแค ด าเนินงาน")
>>> r.text
'จำนวน 81 คน ตำบลแค ดำเนินงาน'
>>> [(c.rule, c.original, c.replacement) for c in r.changes]
[('sara-am-doubled', 'ำา', 'ำ'), ('sara-am-spaced', ' า', 'ำ'), ('sara-am-spaced', ' า', 'ำ')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์
_UPPER_LOWER = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"  # ั ิ ี ึ ื ุ ู ฺ ็
_MARKS = _TONES + _UPPER_LOWER + "\u0e4d"
_CONSONANT = "\u0e01-\u0e2e"
_THAI_LETTER = "\u0e01-\u0e4e"
_WORD_REACH = 12  # how far either side of a junction a dictionary word is looked for

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("detached-mark", re.compile(rf"(?<=[{_THAI_LETTER}])[ \t]+(?=[{_MARKS}\u0e33])")),
    ("sara-am-split", re.compile(rf"\u0e4d([{_TONES}]?)[ \t]?\u0e32")),
    ("sara-am-doubled", re.compile(r"\u0e33\u0e32")),
    ("sara-am-spaced", re.compile(rf"(?<=[{_CONSONANT}])([{_TONES}]?)[ \t]\u0e32")),
    ("doubled-mark", re.compile(rf"([{_MARKS}])([{_MARKS}]?)\1")),
]


@dataclass(frozen=True, slots=True)
class Repair:
    """One change: ``original`` at ``start:end`` of the text the rule ran on became ``replacement``."""

    start: int
    end: int
    original: str
    replacement: str
    rule: str


@dataclass(slots=True)
class Repaired:
    """The repaired ``text`` and the ``changes`` made, rule by rule."""

    text: str
    changes: list[Repair] = field(default_factory=list)


def repair_pdf_thai(text: str) -> Repaired:
    """``text`` with PDF-broken Thai put right (see the module notes for the rules).

    Offsets of a change are in the text as it was when its rule ran (rules run one after the
    other over the whole text).

    >>> repair_pdf_thai("นํ้าท่วม ที ่บ้าน ก าร").text
    'น้ำท่วม ที่บ้าน การ'
    >>> repair_pdf_thai("ตำบลแค 2566").changes
    []
    """
    changes: list[Repair] = []
    for rule, pattern in _RULES:
        if not pattern.search(text):
            continue
        pieces, last = [], 0
        for match in pattern.finditer(text):
            name, replacement = rule, _replacement(rule, match, text)
            if rule == "sara-am-spaced" and not _am_fits(text, match):
                name, replacement = "stray-space", match.group(1) + "\u0e32"
            pieces.append(text[last:match.start()])
            pieces.append(replacement)
            changes.append(Repair(match.start(), match.end(), match.group(0), replacement, name))
            last = match.end()
        pieces.append(text[last:])
        text = "".join(pieces)
    return Repaired(text, changes)


def repaired_text(text: str) -> str:
    """The text of :func:`repair_pdf_thai` alone.

    >>> repaired_text("ผู้น าชุมชน")
    'ผู้นำชุมชน'
    """
    return repair_pdf_thai(text).text


def _replacement(rule: str, match: re.Match[str], text: str) -> str:
    if rule == "detached-mark":
        return ""
    if rule in ("sara-am-split", "sara-am-spaced"):
        return match.group(1) + "\u0e33"
    if rule == "sara-am-doubled":
        return "\u0e33"
    return match.group(1) + match.group(2)  # doubled-mark


def _am_fits(text: str, match: re.Match[str]) -> bool:
    """Whether ``ำ`` rather than a plain ``า`` joins the two pieces around a spaced ``า``: true
    unless the plain reading splits into dictionary words more cheaply (``ก าร``: ``การ`` is one
    word, ``กำร`` a word and a stray letter)."""
    left = re.search(rf"[{_THAI_LETTER}]{{0,{_WORD_REACH}}}$", text[: match.start()]).group(0)
    right = re.match(rf"[{_THAI_LETTER}]{{0,{_WORD_REACH}}}", text[match.end():]).group(0)
    tone = match.group(1)
    return _split_cost(left + tone + "\u0e33" + right) <= _split_cost(left + tone + "\u0e32" + right)


_UNKNOWN_LETTER_COST = 3


def _split_cost(run: str) -> int:
    """The cheapest split of ``run`` into dictionary words (1 each) and letters no word covers
    (3 each): fewer, longer words cost less.

    >>> _split_cost("การ") < _split_cost("กำร"), _split_cost("นั่งทำงาน") < _split_cost("นั่งทางาน")
    (True, True)
    """
    words = _words()
    cost = [0] + [len(run) * _UNKNOWN_LETTER_COST + 1] * len(run)
    for end in range(1, len(run) + 1):
        best = cost[end - 1] + _UNKNOWN_LETTER_COST
        for start in range(max(0, end - 2 * _WORD_REACH), end - 1):
            if run[start:end] in words and cost[start] + 1 < best:
                best = cost[start] + 1
        cost[end] = best
    return cost[-1]


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    from synthesis.thai.dictionary import domain_words

    return frozenset(thai_words()) | frozenset(domain_words())

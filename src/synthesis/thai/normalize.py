"""Normalize Thai text and record every change, so offsets can be traced back.

What it does, in one pass over the text:

- Unicode NFC (never NFKC: NFKC splits ำ into two characters);
- removes zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) and soft hyphens,
  and control characters other than tab and newline;
- turns non-breaking and other odd spaces into a plain space, and CR LF, CR, U+2028/U+2029
  and NEL into a newline;
- PyThaiNLP's Thai repairs: เ+เ → แ, ํ(+tone)+า → (tone+)ำ, a tone mark typed before an
  above/below vowel is put after it, a tone mark typed after a following vowel is put before
  it, repeated vowels/marks are kept once, of several tone marks the last is kept;
- PyThaiNLP's removal of a space typed before a mark (``พ ุ่ม`` → ``พุ่ม``) and of marks
  dangling at the start of the text or after whitespace;
- a short explicit list of misspelt administrative words (``MISSPELLINGS``).

Unlike ``pythainlp.util.normalize`` it keeps blank lines (paragraphs), runs of spaces and
leading/trailing whitespace. Thai digits are kept as written.

>>> normalize_text("เเปลก\u200bใจ")
'แปลกใจ'
>>> result = normalize("ปฎิบัติงาน")
>>> result.text, result.changes[0].reason
('ปฏิบัติงาน', 'misspelling')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy

from synthesis.thai.accel import compiled

from synthesis.thai.trie import trie_pattern

# Misspelt words seen in programme reports -> their dictionary spelling. Only forms that are
# never a correct spelling themselves, nor a part of one, belong here (tested).
MISSPELLINGS: dict[str, str] = {
    "ปฎิ": "ปฏิ",  # ปฎิบัติ ปฎิรูป ปฎิทิน ปฎิเสธ
    "กฏหมาย": "กฎหมาย",
    "กฏเกณฑ์": "กฎเกณฑ์",
    "กฏระเบียบ": "กฎระเบียบ",
    "อนุญาติ": "อนุญาต",
    "สังเกตุ": "สังเกต",
    "ผลลัพท์": "ผลลัพธ์",
    "บุคคลากร": "บุคลากร",
    "ประสบการ์ณ": "ประสบการณ์",
    "โควิท": "โควิด",
    "อุปสรรค์": "อุปสรรค",
    "รสชาด": "รสชาติ",
    "ทรัพยากรณ์": "ทรัพยากร",
    "สาธารณะสุข": "สาธารณสุข",
    "กระบวนการณ์": "กระบวนการ",
}

TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
_ABOVE_BELOW = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39"
_FOLLOW = "\u0e30\u0e32\u0e33\u0e45"
_NO_REPEAT = "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e4c\u0e4d\u0e4e"

_CONSONANTS = "\u0e01-\u0e2e"
_VOWELS = "\u0e30-\u0e39\u0e40-\u0e45\u0e47"
_DANGLING = f"{_ABOVE_BELOW}{TONE_MARKS}\u0e3a\u0e47\u0e4c\u0e4d\u0e4e"

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"

# (reason, pattern): each rule is scanned on its own (a C-speed search that finds nothing on
# most texts); where two rules' matches overlap, the earlier start wins, then the earlier rule.
_RULES: list[tuple[str, str]] = [
    # first, so that it wins over the mark rules below: a space typed inside a word, or
    # marks dangling after whitespace or at the start (decided in _mark_after_space)
    ("mark-after-space", f"[ \\t\\n{_ODD_SPACES}][{_DANGLING}]+|^[{_DANGLING}]+"),
    ("crlf", "\r\n?|[\u2028\u2029\u0085]"),
    ("zero-width", f"[{_ZERO_WIDTH}]+"),
    ("space", f"[{_ODD_SPACES}]"),
    ("control", f"[{_CONTROLS}]+"),
    ("sara-ae", "\u0e40\u0e40"),
    ("sara-am", f"\u0e4d[{TONE_MARKS}]*\u0e32"),
    ("mark-order", f"[{TONE_MARKS}\u0e4c]+[{_ABOVE_BELOW}]+"),
    ("tone-order", f"[{_FOLLOW}]+[{TONE_MARKS}]+"),
    ("repeated-mark", f"([{_NO_REPEAT}])\\1+"),
    ("repeated-tone", f"[{TONE_MARKS}]{{2,}}"),
    ("misspelling", trie_pattern(sorted(MISSPELLINGS))),
]
_PATTERNS = [(reason, re.compile(pattern)) for reason, pattern in _RULES]


# --- which rules can match at all -----------------------------------------------------------
# Most texts need few or no edits, and scanning twelve patterns over every text costs more than
# tokenizing it. Every rule needs a character or a pair of adjacent characters that is easy to
# spot in a vectorised pass over the code points; only the rules whose trigger is present run.

def _flag_table(groups: dict[int, str]) -> numpy.ndarray:
    table = numpy.zeros(0x110000, dtype=numpy.uint16)
    for bit, chars in groups.items():
        table[[ord(c) for c in chars]] |= bit
    return table


def _expand(ranges: str) -> str:
    """The characters of a character-class body such as ``"\u2000-\u200a"``."""
    return "".join(re.findall(f"[{ranges}]", "".join(map(chr, range(0x3100)))))


_SPACE_LIKE, _DANGLING_BIT, _TONE, _TONE_OR_THANTHAKHAT, _ABOVE_BELOW_BIT, _FOLLOW_BIT = 1, 2, 4, 8, 16, 32
_NO_REPEAT_BIT, _SARA_E, _ALONE = 64, 128, 256
_MISSPELLING_FIRST, _MISSPELLING_SECOND, _MISSPELLING_THIRD = 512, 1024, 2048
_FLAGS = _flag_table({
    _SPACE_LIKE: " \t\n" + _expand(_ODD_SPACES),
    _DANGLING_BIT: _DANGLING,
    _TONE: TONE_MARKS,
    _TONE_OR_THANTHAKHAT: TONE_MARKS + "\u0e4c",
    _ABOVE_BELOW_BIT: _ABOVE_BELOW,
    _FOLLOW_BIT: _FOLLOW,
    _NO_REPEAT_BIT: _NO_REPEAT,
    _SARA_E: "\u0e40",
    # characters that are a trigger on their own: CR, line separators, zero-width, odd
    # spaces, controls, NIKHAHIT (sara-am)
    _ALONE: "\r\u2028\u2029\u0085\u0e4d" + _ZERO_WIDTH + _expand(_ODD_SPACES) + _expand(_CONTROLS),

    # the first three characters of the misspelt words (the compiled loop's cheap pre-test)
    _MISSPELLING_FIRST: "".join({word[0] for word in MISSPELLINGS}),
    _MISSPELLING_SECOND: "".join({word[1] for word in MISSPELLINGS}),
    _MISSPELLING_THIRD: "".join({word[2] for word in MISSPELLINGS}),
})
# (reason, flag of the first character, flag of the next one): the pair rules
_PAIR_TRIGGERS = (
    ("mark-after-space", _SPACE_LIKE, _DANGLING_BIT),
    ("sara-ae", _SARA_E, _SARA_E),
    ("mark-order", _TONE_OR_THANTHAKHAT, _ABOVE_BELOW_BIT),
    ("tone-order", _FOLLOW_BIT, _TONE),
    ("repeated-tone", _TONE, _TONE),
)
_ALONE_REASONS = frozenset({"crlf", "zero-width", "space", "control", "sara-am"})
_MISSPELLING = dict(_PATTERNS)["misspelling"]
_MISSPELLING_ORDER = [reason for reason, _ in _PATTERNS].index("misspelling")


def _rules_to_run(text: str) -> frozenset[str]:
    """The rules that may match ``text`` (a superset: each one then scans for real).

    >>> sorted(_rules_to_run("เเม่")), sorted(_rules_to_run("แม่"))
    (['sara-ae'], [])
    """
    return _triggered(text)[0]


def _triggered(text: str) -> tuple[frozenset[str], list[tuple[int, int]]]:
    """:func:`_rules_to_run`, and the ``(start, end)`` of the misspellings (found in the
    same pass: the misspelling rule needs no scan of its own)."""
    if not text:
        return frozenset(), []
    alone, dangling_first, pair_hits, repeat, misspellings = _triggers(text)
    reasons = set()
    if alone:
        reasons |= _ALONE_REASONS
    if dangling_first:
        reasons.add("mark-after-space")
    for bit, (reason, _, _) in enumerate(_PAIR_TRIGGERS):
        if pair_hits >> bit & 1:
            reasons.add(reason)
    if repeat:
        reasons.add("repeated-mark")
    if misspellings:
        reasons.add("misspelling")
    return frozenset(reasons), misspellings


def _python_triggers(text: str) -> tuple[bool, bool, int, bool, list[tuple[int, int]]]:
    """``(alone, dangling_first, pair_hits, repeat, misspellings)`` of a non-empty ``text``:
    whether a character triggers a rule on its own, whether the first one is a dangling mark,
    a bit mask of the ``_PAIR_TRIGGERS`` present, whether a mark is repeated, and the
    ``(start, end)`` of each misspelt word (the reference for ``_fast_normalize.triggers``)."""
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    flags = _FLAGS[codes]
    first, second = flags[:-1], flags[1:]
    pair_hits = 0
    for bit, (_, before, after) in enumerate(_PAIR_TRIGGERS):
        if ((first & before).astype(bool) & (second & after).astype(bool)).any():
            pair_hits |= 1 << bit
    repeats = (codes[:-1] == codes[1:]) & (first & _NO_REPEAT_BIT).astype(bool)
    misspellings = [match.span() for match in _MISSPELLING.finditer(text)]
    return bool((flags & _ALONE).any()), bool(flags[0] & _DANGLING_BIT), pair_hits, bool(repeats.any()), misspellings


def _compiled_triggers(text: str) -> tuple[bool, bool, int, bool, list[tuple[int, int]]]:
    return _fast.triggers(
        text, _FLAGS, _BEFORE_MASKS, _AFTER_MASKS, _ALONE, _DANGLING_BIT, _NO_REPEAT_BIT,
        _MISSPELT_WORDS, _MISSPELLING_FIRST, _MISSPELLING_SECOND, _MISSPELLING_THIRD,
    )


def _pair_masks(side: int) -> numpy.ndarray:
    """For every flag word: the bit mask of the pair rules it can be the first (``side`` 1)
    or the second (``side`` 2) character of (the compiled loop's branch-free pair test)."""
    masks = numpy.zeros(2 * _MISSPELLING_THIRD, dtype=numpy.uint16)  # above every flag word
    for bit, trigger in enumerate(_PAIR_TRIGGERS):
        masks[(numpy.arange(len(masks)) & trigger[side]) != 0] |= 1 << bit
    return masks


_BEFORE_MASKS, _AFTER_MASKS = _pair_masks(1), _pair_masks(2)
_MISSPELT_WORDS = tuple(MISSPELLINGS)
_fast = compiled("normalize")
# (the compiled pre-test reads three characters of each misspelt word)
_triggers = _python_triggers if _fast is None or min(map(len, MISSPELLINGS)) < 3 else _compiled_triggers


@dataclass(frozen=True, slots=True)
class Change:
    """One edit: ``original[start:end]`` became ``replacement`` (offsets in the original)."""

    start: int
    end: int
    original: str
    replacement: str
    reason: str


@dataclass(slots=True)
class Normalized:
    """The normalized ``text`` and the ``changes`` that made it from the original."""

    text: str
    changes: list[Change] = field(default_factory=list)

    def to_original(self, offset: int) -> int:
        """Map an offset in the normalized text to the original text.

        >>> n = normalize("a\u200bb")
        >>> n.text, n.to_original(1), n.to_original(2)
        ('ab', 2, 3)
        """
        shift = 0
        for change in self.changes:
            new_start = change.start + shift
            if offset < new_start:
                break
            new_end = new_start + len(change.replacement)
            if offset < new_end:  # inside a replacement: its start in the original
                return change.start + min(offset - new_start, change.end - change.start)
            shift += len(change.replacement) - (change.end - change.start)
        return offset - shift


def _replace(reason: str, found: str) -> str:
    if reason == "crlf":
        return "\n"
    if reason in ("zero-width", "control"):
        return ""
    if reason == "space":
        return " "
    if reason == "sara-ae":
        return "\u0e41"
    if reason == "sara-am":
        return found[1:-1][-1:] + "\u0e33"
    if reason == "mark-order":
        tones = found.rstrip(_ABOVE_BELOW)
        return _dedupe(found[len(tones) :]) + _last_tone(tones)
    if reason == "tone-order":
        vowels = found.rstrip(TONE_MARKS)
        return _last_tone(found[len(vowels) :]) + _dedupe(vowels)
    if reason == "repeated-mark":
        return found[0]
    if reason == "repeated-tone":
        return found[-1]
    return MISSPELLINGS[found]


_SPACE_INSIDE_WORD = re.compile(f"(?<![{_VOWELS}])[{_CONSONANTS}]$")


def _mark_after_space(source: str, start: int, found: str) -> tuple[str, str]:
    """``พ ุ่ม`` → ``พุ่ม`` (a space typed inside a word: after a consonant that is not
    itself after a vowel, as PyThaiNLP decides); otherwise the marks dangle: drop them."""
    space = found[0]
    if space not in _DANGLING:  # a whitespace character, not the start of the text
        if space not in "\t\n" and start and _SPACE_INSIDE_WORD.search(source, max(0, start - 2), start):
            return "space-before-mark", found[1:]
        return "dangling-mark", space if space in "\t\n" else " "
    return "dangling-mark", ""


def _dedupe(marks: str) -> str:
    return "".join(ch for i, ch in enumerate(marks) if i == 0 or marks[i - 1] != ch)


def _last_tone(marks: str) -> str:
    # keep the thanthakhat (์) and the last tone mark, in that order
    tones = [ch for ch in marks if ch in TONE_MARKS]
    return ("\u0e4c" if "\u0e4c" in marks else "") + (tones[-1] if tones else "")


def _nfc(text: str) -> Normalized:
    """NFC, recorded per run of characters that NFC changes."""
    if unicodedata.is_normalized("NFC", text):
        return Normalized(text)
    pieces: list[str] = []
    changes: list[Change] = []
    # a cluster = a starter (combining class 0) and the characters that follow it
    starts = [i for i, ch in enumerate(text) if unicodedata.combining(ch) == 0] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    starts.append(len(text))
    for begin, end in zip(starts, starts[1:]):
        chunk = text[begin:end]
        fixed = unicodedata.normalize("NFC", chunk)
        if fixed != chunk:
            changes.append(Change(begin, end, chunk, fixed, "nfc"))
        pieces.append(fixed)
    return Normalized("".join(pieces), changes)


def normalize(text: str) -> Normalized:
    """Normalize ``text``; ``.changes`` lists each edit with its offsets in ``text``.

    >>> n = normalize("น\u0e49\u0e4d\u0e32 \u00a0ดี")
    >>> n.text, [c.reason for c in n.changes]
    ('น้ำ  ดี', ['sara-am', 'space'])
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() needs a str, not {type(text).__name__}")
    current = Normalized(text)
    for _ in range(MAX_PASSES):
        step = _nfc(current.text)
        final, changes, overlapped = _rule_pass(step.text)
        if step.changes:
            changes = _compose(current.text, step, final, changes) if changes else step.changes
            final = final if changes is not step.changes else step.text
        if not changes:
            break
        if current.changes:
            changes = _compose(text, current, final, changes)
        current = Normalized(final, changes)
        if not overlapped and all(set(c.reason.split("+")) <= _FINAL_REASONS for c in changes):
            break  # nothing this pass did or left out can make a new match
    return current


# One edit can expose another (a zero-width space between two tone marks), so the rules run
# again on their own output, at most MAX_PASSES times; edits of these kinds never do.
MAX_PASSES = 4
_FINAL_REASONS = frozenset({"misspelling"})


def _rule_pass(source: str) -> tuple[str, list[Change], bool]:
    """One scan of all rules over ``source``: the new text, the edits (offsets in source) and
    whether a match was left out because it overlapped an edit."""
    possible, misspellings = _triggered(source)
    if not possible:
        return source, [], False
    found = sorted(
        (match.start(), order, match.end(), reason)
        for order, (reason, pattern) in enumerate(_PATTERNS)
        if reason in possible and reason != "misspelling"
        for match in pattern.finditer(source)
    )
    if misspellings:
        found = sorted(found + [(start, _MISSPELLING_ORDER, end, "misspelling") for start, end in misspellings])
    pieces: list[str] = []
    changes: list[Change] = []
    last = 0
    overlapped = False
    for start, _order, end, reason in found:
        if start < last:
            overlapped = True  # overlaps an earlier edit: the next pass looks again
            continue
        original = source[start:end]
        if reason == "mark-after-space":
            reason, replacement = _mark_after_space(source, start, original)
        else:
            replacement = _replace(reason, original)
        if replacement == original:
            continue
        pieces.append(source[last:start])
        pieces.append(replacement)
        changes.append(Change(start, end, original, replacement, reason))
        last = end
    if not changes:
        return source, [], False
    pieces.append(source[last:])
    return "".join(pieces), changes, overlapped


def _compose(original: str, first: Normalized, final: str, second: list[Change]) -> list[Change]:
    """Changes from ``original`` to ``final`` when NFC (``first``) and then ``second`` ran.

    Where an NFC change and a later one touch the same characters they become one change,
    with both reasons (``nfc+mark-order``).
    """
    regions = [(c.start, c.end, c.reason) for c in first.changes]
    for change in second:  # back to original offsets, widened over any NFC change they touch
        start = _back(first.changes, change.start, widen=-1)
        end = _back(first.changes, change.end, widen=+1) if change.end > change.start else start
        regions.append((start, end, change.reason))
    regions.sort()
    merged: list[list] = []
    for start, end, reason in regions:
        if merged and start < merged[-1][1] or (merged and start == merged[-1][1] == merged[-1][0]):
            merged[-1][1] = max(merged[-1][1], end)
            if reason not in merged[-1][2]:
                merged[-1][2].append(reason)
        else:
            merged.append([start, end, [reason]])
    result = []
    for start, end, reasons in merged:
        middle_start = _forward(first.changes, start)
        middle_end = _forward(first.changes, end)
        final_start = _forward(second, middle_start)
        final_end = _forward(second, middle_end)
        result.append(Change(start, end, original[start:end], final[final_start:final_end], "+".join(reasons)))
    return result


def _forward(changes: list[Change], offset: int) -> int:
    """An offset outside (or at the edge of) every change, moved through the changes."""
    shift = 0
    for change in changes:
        if change.end <= offset and not (change.start == change.end == offset):
            shift += len(change.replacement) - (change.end - change.start)
        elif change.start == change.end == offset:
            continue  # an insertion at the offset stays after it
        else:
            break
    return offset + shift


def _back(changes: list[Change], offset: int, widen: int) -> int:
    """A new-text offset moved back to the old text; inside a change, to its start or end."""
    shift = 0
    for change in changes:
        new_start = change.start + shift
        new_end = new_start + len(change.replacement)
        if offset < new_start or (offset == new_start and widen < 0):
            break
        if offset < new_end or (offset == new_end and widen < 0 and offset > new_start):
            return change.start if widen < 0 else change.end
        shift += len(change.replacement) - (change.end - change.start)
    return offset - shift


def normalize_text(text: str) -> str:
    """Only the normalized text.

    >>> normalize_text("ก\u0e48\u0e34")
    'กิ่'
    """
    return normalize(text).text


__all__ = ["Change", "MISSPELLINGS", "Normalized", "normalize", "normalize_text"]

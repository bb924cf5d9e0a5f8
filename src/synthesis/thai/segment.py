"""Cut a report into headings, paragraphs, list items, speaker turns and sentences.

The rule, line by line (a line is text between newlines, trimmed of its outer whitespace):

- a blank line separates blocks;
- a line starting with a list marker is a **list item**: ``1.`` ``1)`` ``(1)`` ``1.1``
  ``1.1.`` ``๑.`` ``ก.`` and bullets (``-`` ``•`` ``●`` ``○`` ``▪`` ``❖`` ``✓`` ``*`` …);
- a line starting ``label:`` is a speaker **turn** when the same short label (at most
  ``MAX_SPEAKER_CHARS`` characters) starts at least two lines of the text (``จ: …``,
  ``ผู้ให้ข้อมูล: …``); ``Segment.speaker`` holds the label;
- a line starting with ``#``, or a short line (at most ``MAX_HEADING_CHARS``) after a blank
  line (or the start of the text) and before a blank line or a list item, not the last line
  and not ending in ``:`` ``,`` ``;``, is a **heading**;
- any other line is a **paragraph**: these reports put one paragraph on one line;
- an indented line right after a list item or turn continues it.

Nesting: every list item, turn and paragraph also yields its **sentences**, spans inside it
(without the list marker or the speaker label); a unit of one sentence yields one sentence
span. Headings have no sentences. Segments come sorted by start, the containing unit first.

Thai sentences rarely end with a period, so sentences are cut (``sentence_spans``) at ``!``
``?``, at ``.`` after a Latin word (after Thai letters a dot marks an abbreviation: ``สปสช.``,
``น.``), before an inline numbered item (``… ร้อยละ 80 7.ได้ระบบ …``), and at a space between
Thai words when the sentence so far is long enough (``MIN_SENTENCE_CHARS``),
enough text follows, the space is not inside brackets or quotes, not right after a title and
name or full name (``นายสมชาย ใจดี``), and neither side is a joining word (``และ``, ``ของ``, ``จำนวน`` …)
or a number. ``sentences="crfcut"`` uses PyThaiNLP's CRF sentence model instead (slower).

>>> [(s.kind, s.text) for s in segment("สรุปผล\\n\\n1. ได้แผนงาน\\nจ: ดีมาก\\nจ: ใช่")][:3]
[('heading', 'สรุปผล'), ('list_item', '1. ได้แผนงาน'), ('sentence', 'ได้แผนงาน')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from synthesis.thai.accel import compiled
from synthesis.thai.graphemes import are_boundaries, snap_left, snap_right
from synthesis.thai.spans import Segment, make_segment

MAX_HEADING_CHARS = 80
MAX_SPEAKER_CHARS = 20
MIN_SENTENCE_CHARS = 40
MIN_FOLLOWING_CHARS = 15

_LINE = re.compile(r"[^\n]*\n?")
_LIST_MARKER = re.compile(
    r"(?:[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)](?!\d)"  # 1.  1)  1.1.  ๑.
    r"|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})+(?=\s)(?!\s*(?:น\.|นาฬิกา|[-–]))"  # 1.1, not 13.30 น.
    r"|\(\s*[0-9๐-๙ก-ฮa-zA-Z]{1,3}\s*\)"  # (1) (ก)
    r"|[ก-ฮ][.)](?=\s)"  # ก. ข)
    r"|[-–—•●○◦▪■□♦◆❖✓✔➢➤►>*·](?=\s*\S)"  # bullets
    r")\s*"
)
_TURN = re.compile(rf"([^\s:：][^:：\n]{{0,{MAX_SPEAKER_CHARS - 1}}}?)\s*[:：]\s*(?=\S)")
_HEADING_MARK = re.compile(r"#+\s*")

# words that join what is on both sides of a space: never a sentence boundary next to them
_JOIN_BEFORE = (
    "และ", "หรือ", "กับ", "ของ", "ที่", "ซึ่ง", "โดย", "ใน", "จาก", "แก่", "แด่", "ต่อ", "ให้",
    "เพื่อ", "คือ", "เช่น", "ได้แก่", "จำนวน", "ร้อยละ", "วันที่", "เวลา", "ณ", "ตำบล", "อำเภอ",
    "จังหวัด", "นาย", "นาง", "นางสาว", "ดร.", "ประมาณ", "กว่า", "ทั้ง", "ทั้งหมด", "รวม",
)
_JOIN_AFTER = (
    "และ", "หรือ", "กับ", "ของ", "ซึ่ง", "ที่", "โดย", "ใน", "จาก", "เพื่อ", "ให้", "แก่", "คือ",
    "ได้แก่", "เช่น", "ๆ", "ฯ", "จำนวน", "ร้อยละ", "คน", "ราย", "แห่ง", "บาท", "ครั้ง", "พร้อม",
    "รวมทั้ง", "ตลอดจน", "อีก", "ด้วย", "เป็นต้น",
)
_TITLES = ("นาย", "นาง", "นางสาว", "น.ส.", "ดร.", "ผศ.", "รศ.", "อาจารย์", "พี่", "ป้า", "ลุง", "น้า", "คุณ")
_TITLED_NAME = re.compile("(?:" + "|".join(map(re.escape, _TITLES)) + r")[ก-๛]{2,25}(?: [ก-๛]{2,25})?$")
_LATIN_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_LATIN_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "prof", "etc", "eg", "ie", "vs", "no", "fig"})
# "… ร้อยละ 80 7.ได้ระบบ …": a number and a dot inside a line start an inline list item
_INLINE_ITEM = re.compile(r"[0-9๐-๙]{1,2}\.(?![0-9๐-๙])\s?\)?\s?[ก-๛]")
MIN_ITEM_CHARS = 10
_DIGITS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙")
# where a sentence may end: the dot of an inline item after a space (`` 7.ได้``), or
# punctuation before a space … (both start with a dot or a mark, which the regex engine scans
# for at C speed)
_MARK_OR_ITEM = re.compile(
    r"(?P<item>\.(?:(?<=\s[0-9๐-๙]\.)|(?<=\s[0-9๐-๙][0-9๐-๙]\.))(?=(?![0-9๐-๙])\s?\)?\s?[ก-๛]))"
    r"|[.!?]+(?=\s)"
)
# … or a space between two Thai characters (the rest of the rules in _space_ends_sentence)
# (the Thai character before the gap is part of the match, not a lookbehind: a pattern that
# starts with a lookbehind makes the regex engine try every position). A gap next to a joining
# word is never a boundary: those are left out here already, by one lookbehind per word.
_THAI_GAP = re.compile(
    "[\u0e01-\u0e4e]"
    + "".join(f"(?<!{re.escape(word)})" for word in _JOIN_BEFORE)
    + "\\s+(?=[\u0e01-\u0e4e])"
    + "(?!" + "|".join(map(re.escape, _JOIN_AFTER)) + ")"
)
# bracketed or quoted stretches (not nested) that a sentence never ends inside
_BRACKETED = re.compile(r"\([^()\n]*\)|“[^“”\n]*”|\[[^\[\]\n]*\]|\"[^\"\n]*\"|«[^«»\n]*»")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of outer whitespace; blanks as (-1, -1)."""
    result = []
    start = 0
    for line in text.split("\n"):
        line_start, start = start, start + len(line) + 1
        stripped = line.strip()
        if not stripped:
            result.append((-1, -1))
            continue
        first = line_start + (len(line) - len(line.lstrip()))
        result.append((first, first + len(stripped)))
    if text.endswith("\n") or not text:
        result.pop()  # the empty piece after the final newline is not a line
    return _snapped(text, result)


def _snapped(text: str, spans: list[tuple[int, int]], codes=None) -> list[tuple[int, int]]:
    """Each span widened where an end would cut a cluster (a mark typed after a space);
    blank-line markers ``(-1, -1)`` pass through."""
    if not spans:
        return spans
    ok = are_boundaries(text, [p for span in spans for p in span], codes)
    if all(ok):
        return spans
    return [
        span if (start_ok and end_ok) or span[0] < 0 else (snap_left(text, span[0]), snap_right(text, span[1]))
        for span, start_ok, end_ok in zip(spans, ok[::2], ok[1::2])
    ]


def _speakers(text: str, lines: list[tuple[int, int]]) -> tuple[set[str], list[re.Match | None]]:
    """The labels that start at least two lines, and each line's ``label:`` match (or None)."""
    turns = [_TURN.match(text, start, end) if start >= 0 else None for start, end in lines]
    counts = Counter(match.group(1) for match in turns if match)
    return {label for label, count in counts.items() if count >= 2}, turns


def segment(text: str, sentences: str = "rules") -> list[Segment]:
    """Headings, paragraphs, list items, turns and their sentences as nested spans.

    >>> [s.kind for s in segment("หัวข้อ\\n\\nย่อหน้าแรก")]
    ['heading', 'paragraph', 'sentence']
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() needs a str, not {type(text).__name__}")
    if sentences not in SENTENCE_ENGINES:
        raise ValueError(f"unknown sentence engine {sentences!r}; choose one of {sorted(SENTENCE_ENGINES)}")
    if sentences == "rules" and _fast is not None and type(text) is str:  # (not a str subclass)
        return _fast.segment_rules(text)
    return _python_segment(text, sentences)


def _python_segment(text: str, sentences: str = "rules") -> list[Segment]:
    """``segment()`` in pure Python: the reference that ``_fast_segment.segment_rules``
    mirrors (and the path of the ``crfcut`` engine)."""
    split_sentences = SENTENCE_ENGINES[sentences](text)
    lines = _lines(text)
    speakers, turns = _speakers(text, lines)
    found: list[tuple[int, int, str, str | None]] = []  # (start, end, kind, speaker)
    sentence_rows: list[int] = []  # where in ``found`` the sentences are (snapped at the end)
    open_unit: list = []  # [kind, start, end, body_start, speaker] of a unit that may continue

    def close() -> None:
        if not open_unit:
            return
        kind, start, end, body, speaker = open_unit
        found.append((start, end, kind, speaker))
        if kind != "heading":
            for s_start, s_end in split_sentences(body, end):
                sentence_rows.append(len(found))
                found.append((s_start, s_end, "sentence", speaker))
        open_unit.clear()

    for index, (start, end) in enumerate(lines):
        if start < 0:
            close()
            continue
        indented = start > 0 and text[start - 1] in " \t"
        marker = _LIST_MARKER.match(text, start, end)
        turn = turns[index]
        is_turn = turn is not None and turn.group(1) in speakers
        if open_unit and open_unit[0] in ("list_item", "turn") and indented and not marker and not is_turn:
            open_unit[2] = end  # continuation line
            continue
        close()
        if marker and marker.end() < end:
            open_unit[:] = ["list_item", start, end, marker.end(), None]
        elif is_turn:
            open_unit[:] = ["turn", start, end, turn.end(), turn.group(1)]
        elif _is_heading(text, lines, index, start, end):
            open_unit[:] = ["heading", start, end, start, None]
        else:
            open_unit[:] = ["paragraph", start, end, start, None]
    close()
    spans = _snapped(text, [found[row][:2] for row in sentence_rows])
    for row, (start, end) in zip(sentence_rows, spans):
        found[row] = (start, end, "sentence", found[row][3])
    return [make_segment(start, end, text[start:end], kind, None, speaker) for start, end, kind, speaker in found]


def _is_heading(text: str, lines: list[tuple[int, int]], index: int, start: int, end: int) -> bool:
    if _HEADING_MARK.match(text, start, end):
        return True
    if end - start > MAX_HEADING_CHARS or text[end - 1] in ":,;" or index + 1 == len(lines):
        return False
    alone_before = index == 0 or lines[index - 1][0] < 0
    next_start, next_end = lines[index + 1]
    return alone_before and (next_start < 0 or bool(_LIST_MARKER.match(text, next_start, next_end)))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` spans inside ``text[start:end]``, by the rules above, widened
    where an end would cut a cluster.

    >>> text = "ผู้เข้าร่วมเข้าใจบทบาทของกองทุนหลักประกันสุขภาพมากขึ้น สมาชิกวินตกลงร่วมกันเก็บข้อมูลสุขภาพ"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['ผู้เข้าร่วมเข้าใจบทบาทของกองทุนหลักประกันสุขภาพมากขึ้น', 'สมาชิกวินตกลงร่วมกันเก็บข้อมูลสุขภาพ']
    """
    end = len(text) if end is None else end
    if _fast is not None and type(text) is str and 0 <= start <= end <= len(text):
        return _fast.rule_sentence_spans(text, start, end)
    return _snapped(text, _rule_sentence_spans(text, start, end))


class _Hints:
    """Where a text has sentence punctuation and opening brackets or quotes, found in one
    pass, so that most units skip the regexes that look for them."""

    def __init__(self, text: str) -> None:
        self.marks = [m.start() for m in _MAY_END.finditer(text)]
        self.brackets = [m.start() for m in _OPENING.finditer(text)]

    @staticmethod
    def _any(positions: list[int], start: int, end: int) -> bool:
        index = bisect_left(positions, start)
        return index < len(positions) and positions[index] < end


def _rule_splitter(text: str):
    """The rule-based sentence splitter of one text: ``(start, end) -> spans``."""
    hints = _Hints(text)
    return lambda start, end: _rule_sentence_spans(text, start, end, hints)


def _rule_sentence_spans(text: str, start: int = 0, end: int | None = None,
                         hints: _Hints | None = None) -> list[tuple[int, int]]:
    """``sentence_spans`` before the spans are snapped to cluster boundaries."""
    end = len(text) if end is None else end
    has_marks = hints._any(hints.marks, start, end) if hints else bool(_MAY_END.search(text, start, end))
    if end - start < MIN_SENTENCE_CHARS + MIN_FOLLOWING_CHARS and not has_marks:
        # too short for a cut at a space, and no punctuation or inline item: one sentence
        last = _trim_end(text, start, end)
        return [(start, last)] if last > start else []
    spans = []
    sentence_start = start
    has_brackets = hints._any(hints.brackets, start, end) if hints else True
    protected = [m.span() for m in _BRACKETED.finditer(text, start, end)] if has_brackets else []
    protected_count, next_protected = len(protected), 0
    # Two kinds of places where a sentence may end, visited in text order: punctuation and
    # spaces before an inline item (rare, looked at wherever they are), and spaces between Thai
    # words, looked for only once the sentence is long enough, so most spaces are never visited.
    marks = [_mark_gap(text, m, start) for m in _MARK_OR_ITEM.finditer(text, start, end)] if has_marks else []
    mark_index, mark_count = 0, len(marks)
    position = start
    gap, searched_from = None, -1  # the last gap search: its answer, and where it started
    while True:
        while mark_index < mark_count and marks[mark_index][0] < position:
            mark_index += 1
        threshold = sentence_start + MIN_SENTENCE_CHARS
        search_from = (position if position > threshold else threshold) - 1
        # The last answer still holds when that search started no later and found nothing
        # before here (without this, a unit of many marks and no gap is searched to its end
        # once per mark: quadratic).
        if searched_from < 0 or searched_from > search_from or (gap is not None and gap.start() < search_from):
            # (a gap needs MIN_FOLLOWING_CHARS after it: the search stops where none can follow)
            gap = _THAI_GAP.search(text, search_from, end - MIN_FOLLOWING_CHARS + 1)
            searched_from = search_from
        if mark_index < mark_count and (gap is None or marks[mark_index][0] <= gap.start()):
            gap_start, gap_end = marks[mark_index]
            mark_index += 1
            is_punctuation = text[gap_start] in ".!?"
            if not is_punctuation and gap_start - sentence_start < MIN_ITEM_CHARS:
                position = gap_end
                continue
        elif gap is not None:
            gap_start, gap_end = gap.start() + 1, gap.end()
            is_punctuation = False
        else:
            break
        position = gap_end
        if gap_end >= end:
            break
        if protected:
            while next_protected < protected_count and protected[next_protected][1] <= gap_start:
                next_protected += 1
            if next_protected < protected_count and protected[next_protected][0] < gap_start:
                continue  # inside brackets or quotes
        if is_punctuation:
            if gap_start == sentence_start or not _punctuation_ends_sentence(text, gap_start, gap_end):
                continue
            cut_at = gap_end  # the punctuation stays with its sentence
        else:
            if not (
                _INLINE_ITEM.match(text, gap_end)
                or _space_ends_sentence(text, sentence_start, gap_start, gap_end, end)
            ):
                continue
            cut_at = gap_start
        spans.append((sentence_start, cut_at))
        sentence_start = _skip_space(text, cut_at, end)
        position = max(position, sentence_start)
    if sentence_start < end:
        spans.append((sentence_start, end))
    trimmed = [(a, _trim_end(text, a, b)) for a, b in spans]
    return [(a, b) for a, b in trimmed if b > a]


_MAY_END = re.compile(r"[.!?]")  # every punctuation cut and inline item has one of these
_OPENING = re.compile(r"[(\[“\"«]")  # every stretch of _BRACKETED starts with one of these


def _mark_gap(text: str, match: re.Match, start: int) -> tuple[int, int]:
    """The candidate gap of a match of ``_MARK_OR_ITEM``: the punctuation itself, or the
    whitespace before an inline item."""
    if match.lastgroup != "item":
        return match.span()  # punctuation
    number_start = match.start() - 1
    while text[number_start - 1] in _DIGITS:
        number_start -= 1
    gap_start = number_start
    while gap_start > start and text[gap_start - 1].isspace():
        gap_start -= 1
    return gap_start, number_start


def _punctuation_ends_sentence(text: str, start: int, end: int) -> bool:
    """``!`` and ``?`` end a sentence; ``.`` only after a Latin word that is not an
    abbreviation: after Thai letters a dot marks an abbreviation (สปสช. น. จ.), since Thai does
    not end sentences with a period, and after digits it is part of a number or filler."""
    marks = text[start:end]
    if "!" in marks or "?" in marks:
        return True
    if len(marks) > 1:
        return False  # ... filler or an ellipsis inside a sentence
    word = _LATIN_WORD_BEFORE.search(text, max(0, start - 20), start)
    return bool(word) and len(word.group()) > 1 and word.group().lower() not in _LATIN_ABBREVIATIONS


def _skip_space(text: str, index: int, end: int) -> int:
    while index < end and text[index].isspace():
        index += 1
    return index


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _space_ends_sentence(text: str, sentence_start: int, gap_start: int, gap_end: int, end: int) -> bool:
    if gap_start - sentence_start < MIN_SENTENCE_CHARS or end - gap_end < MIN_FOLLOWING_CHARS:
        return False
    before, after = text[gap_start - 1], text[gap_end]
    if not ("\u0e01" <= before <= "\u0e4e" and "\u0e01" <= after <= "\u0e4e"):
        return False  # numbers, Latin, punctuation: part of the same statement
    left = text[max(sentence_start, gap_start - 30) : gap_start]
    right = text[gap_end : gap_end + 12]
    if left.endswith(_JOIN_BEFORE) or right.startswith(_JOIN_AFTER):
        return False
    return not _TITLED_NAME.search(left)


def _crfcut_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    from pythainlp.tokenize import crfcut

    end = len(text) if end is None else end
    spans = []
    position = start
    for sentence in crfcut.segment(text[start:end]):
        found = text.find(sentence, position, end) if sentence else -1
        if found < 0:
            continue
        position = found + len(sentence)
        a, b = snap_left(text, found), _trim_end(text, found, position)
        a = _skip_space(text, a, b)
        if b > a:
            spans.append((a, b))
    return spans or ([(start, _trim_end(text, start, end))] if end > start else [])


# A sentence engine takes a text and returns its splitter, ``(start, end) -> spans``; segment()
# snaps the spans to cluster boundaries, all at once.
SENTENCE_ENGINES = {
    "rules": _rule_splitter,
    "crfcut": lambda text: lambda start, end: _crfcut_spans(text, start, end),
}


# The compiled twin of the rules above (``_fast_segment.pyx``), or None: it reads its word
# tables and limits from this module, so they are written once, here.
_fast = compiled("segment")
if _fast is not None:
    _fast.configure(
        join_before=_JOIN_BEFORE,
        join_after=_JOIN_AFTER,
        titles=_TITLES,
        latin_abbreviations=_LATIN_ABBREVIATIONS,
        max_heading_chars=MAX_HEADING_CHARS,
        max_speaker_chars=MAX_SPEAKER_CHARS,
        min_sentence_chars=MIN_SENTENCE_CHARS,
        min_following_chars=MIN_FOLLOWING_CHARS,
        min_item_chars=MIN_ITEM_CHARS,
        segment_class=Segment,
        make_segment=make_segment,
    )

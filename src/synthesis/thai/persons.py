"""PERSON entities: names introduced by a title, in participant lists, or after "รายงานโดย".

A name is a first name (Thai letters up to a space or punctuation) and, after one space, a
surname read the same way. Thai does not separate words, so a surname glued to the next words
(``วิมลภูษิตได้กล่าวว่า``) is cut where a word that cannot belong to a name starts: at a token
boundary when tokens are given, else at the first of :data:`NAME_STOP_WORDS`.

The span covers the name only (not its title); ``value`` is ``"first surname"``;
``attrs`` has ``title`` (as written, e.g. ``ผศ.ดร.``), ``first_name`` and ``surname``.

>>> [(e.text, e.attrs["title"]) for e in find_persons("-นายสมชาย ใจดี -ผศ.ดร.แสงดาว ทองคำ")]
[('สมชาย ใจดี', 'นาย'), ('แสงดาว ทองคำ', 'ผศ.ดร.')]
"""

from __future__ import annotations

import bisect
import functools
import math
import re

from synthesis.thai.accel import compiled
from synthesis.thai.gazetteer import gazetteer, longest_name_at, words_pattern
from synthesis.thai.orgs import _fast_reader as _org_reader
from synthesis.thai.orgs import org_at
from synthesis.thai.places import _fast_reader as _place_reader
from synthesis.thai.scan import Scan, register, scan
from synthesis.thai.spans import Entity, Token

TITLES = (
    # civil
    "นาย", "นาง", "นางสาว", "น.ส.", "นส.", "ด.ช.", "ด.ญ.", "คุณ",
    # academic and professional
    "ศ.ดร.", "รศ.ดร.", "ผศ.ดร.", "ศ.", "รศ.", "ผศ.", "ดร.", "อาจารย์", "อ.", "ผอ.", "นายก",
    "นพ.", "พญ.", "ทพ.", "ทพญ.", "ภก.", "ภญ.", "เภสัชกร", "เภสัชกรหญิง", "ทันตแพทย์", "ทันตแพทย์หญิง", "แพทย์หญิง", "นายแพทย์",
    "ครู", "กำนัน", "ผู้ใหญ่บ้าน", "ผญบ.",
    # ranks, often after ว่าที่
    "ว่าที่ร.ต.", "ว่าที่ ร.ต.", "ว่าที่ร้อยตรี", "ร.ต.", "ร.ท.", "ร.อ.", "พ.ต.", "พ.ท.", "พ.อ.",
    "ด.ต.", "จ.ส.อ.", "ส.อ.", "พ.ต.อ.", "พ.ต.ท.",
    # forms of address used in the south
    "บัง", "ก๊ะ", "แบ", "เปาะ", "อิหม่าม", "โต๊ะอิหม่าม", "บาบอ", "อุสตาซ", "ยายี",
)
# Southern forms of address go with a first name only ("บังหมัด", "ก๊ะยะห์").
FIRST_NAME_ONLY_TITLES = frozenset({"บัง", "ก๊ะ", "แบ", "เปาะ", "ยายี", "บาบอ"})
_FIRST_NAME_ONLY = tuple(FIRST_NAME_ONLY_TITLES)
# Words that follow a title-like word when it is not a title (นายจ้าง, นางพยาบาล, คุณภาพ …).
NOT_A_NAME_AFTER = {
    "นายก": ("เทศมนตรี", "อบต", "อบจ", "องค์การ", "สมาคม", "รัฐมนตรี", "สภา", "ชมรม", "เทศบาล", "ฯ"),
    "นาย": ("จ้าง", "หน้า", "ทุน", "อำเภอ", "ช่าง", "ตรวจ", "ทหาร", "ด่าน", "พราน", "ท้าย", "ประกัน", "แพทย์", "งาน", "ร้อย", "สิบ", "พัน", "พล"),
    "นาง": ("พยาบาล", "งาม", "ฟ้า", "เอก", "แบบ", "รำ", "กวัก", "สาว", "ไม้"),
    "คุณ": ("ภาพ", "ค่า", "สมบัติ", "ธรรม", "ประโยชน์", "ลักษณะ", "วุฒิ", "ูปการ", "ความ", "ครู", "ธรรมะ", "พ่อ", "แม่"),
    "บัง": ("คับ", "เอิญ", "เกิด", "คม", "แดด", "ตา", "ใบ", "ลม", "หน้า"),
    "แบ": ("บ", "่ง", "น", "ก"),
    "ครู": ("ผู้", "ภูมิ", "ประจำ", "อาสา", "ใหญ่", "พี่เลี้ยง", "กศน", "ศูนย์", "และ"),
    "อาจารย์": ("ที่", "ประจำ", "มหาวิทยาลัย", "และ", "ผู้", "พิเศษ"),
    "กำนัน": ("ตำบล", "และ", "ผู้"),
    "เปาะ": ("ะ",),
}
# "นายก" is a mayor's title ("นายกฮาซัน"), except in a list of one-letter placeholder names
# ("-นายก ข -นางค ง"), where it is นาย + ก.
_PLACEHOLDER_AFTER_MAYOR = re.compile(r"[ \t][\u0e01-\u0e2e](?![\u0e01-\u0e4e])")
# Words that end a name written without a space before the rest of the sentence.
NAME_STOP_WORDS = (
    "ได้", "กล่าว", "และ", "ซึ่ง", "ตำแหน่ง", "ประธาน", "เจ้าหน้าที่", "หัวหน้า", "ผู้อำนวยการ",
    "ผู้ประสาน", "เป็นผู้", "จาก", "ที่ปรึกษา", "นักวิชาการ", "อาจารย์", "นาย", "นาง", "ร่วมกับ",
    "เล่าว่า", "บอกว่า", "ให้ข้อมูล", "ผู้ใหญ่บ้าน", "กำนัน", "พร้อม", "ตัวแทน", "เลขา",
)
_NAME_RUN = re.compile("[\u0e01-\u0e2e\u0e30-\u0e4e]+")  # Thai letters, not ฯ
# A plain trie of trigger words is scanned (fast); the title chain is then read where one starts.
register("persons", (*TITLES, "รายงาน"))
_TITLE = re.compile(rf"(?P<title>(?:{words_pattern(TITLES)})(?:[ \t]?(?:{words_pattern(TITLES)}))*)[ \t]?")
_REPORTED_BY = re.compile(r"(?:จากพื้นที่)?[ \t]*โดย[ \t]+")
_ONE_TITLE = re.compile(words_pattern(TITLES))
_STOP = re.compile(words_pattern(NAME_STOP_WORDS))
# Words that start a clause, not a name: a "surname" or a name after ก๊ะ/บัง starting with one is
# the rest of the sentence ("ผศ.ดร.กนกวรรณ จะส่ง…", "ก๊ะอยากบอกว่า…"); a first name glued to
# the next words is also cut before one of them ("คุณอดุลย์เอาเงิน…").
CLAUSE_WORDS = (
    "จะ", "ได้", "ก็", "ไม่", "ชวน", "ถาม", "ตอบ", "บอก", "เป็น", "ให้", "ไป", "ทำ", "เอา", "ขอ",
    "ช่วย", "กล่าว", "ส่ง", "เล่า", "ว่า", "คือ", "ซึ่ง", "ที่", "ใน", "จาก", "และ", "กับ", "ของ",
    "ค่ะ", "คะ", "ครับ", "พูด", "อยาก", "คิด", "เอง", "ชอบ", "เขา", "เคย", "ยัง", "ต้อง", "รู้",
    "ประธาน", "เห็น", "นั่ง", "ชี้แจง", "อธิบาย", "เสนอ", "สรุป", "รายงาน", "แนะนำ", "เน้น",
    "ยืนยัน", "ประสาน", "เชิญ", "มอบ", "ดูแล", "รับผิดชอบ",
)
# Titles that are also roles: after a name they are an apposition ("นายอับดุล เจะมะ ผู้ใหญ่บ้าน").
ROLE_TITLES = frozenset({"ผู้ใหญ่บ้าน", "ผญบ.", "กำนัน", "ครู", "อาจารย์", "ผอ.", "นายก", "อิหม่าม", "โต๊ะอิหม่าม"})
_CLAUSE = re.compile(words_pattern(CLAUSE_WORDS))
# A title glued after Thai letters starts a name only after these words.
_BEFORE_NAME_WORDS = (
    "โดย", "และ", "กับ", "ของ", "จาก", "คือ", "ได้แก่", "ท่าน", "ให้", "ถึง", "มี", "เชิญ", "ผู้แทน", "บ้าน", "ที่", "เรียน",
)
# A title followed by an office, not a name: "ผอ.รพ.สต.", "ผอ.กองสาธารณสุข".
_OFFICE_WORDS = ("กอง", "สำนัก", "โรงเรียน", "รพ", "ศูนย์", "กลุ่ม", "ฝ่าย", "ส่วน", "โรงพยาบาล", "เขต")
MAX_FIRST_NAME = 20
# A name glued to the sentence after a southern form of address ("ก๊ะยะห์ขายข้าวแกง") ends
# before the first token that is a common word: one of the tokenizer's words seen at least this
# often in the TNC, or a compound of at least COMPOUND_MIN_CHARS that the TNC lacks (กรีดยาง).
# The syllables of Malay names (มะ, เลาะ, ซัน, เต๊ะ) are rare words, and a short word counts
# only when it stands alone (ขาย, มา; not ดา or ลี, frequent as syllables of names): they stay
# in the name.
COMMON_WORD_MIN_COUNT = 2000
COMPOUND_MIN_CHARS = 4
_RUN_LIMIT = MAX_FIRST_NAME + 80
MAX_SURNAME = 25


def _cut_at_stop_word(run: str, min_length: int) -> str:
    """Cut before the first stop word that has more text after it ("วงศ์ดีได้กล่าว" → "วงศ์ดี").

    A stop word that ends the run is kept: it is more likely the end of the name ("สาและ").
    """
    for m in _STOP.finditer(run, min_length):
        if m.end() < len(run):
            return run[: m.start()]
    return run


def has_clause_word(text: str, start: int = 2) -> bool:
    """True when a clause word (a verb, a particle) occurs in ``text`` from ``start`` on.

    >>> has_clause_word("นิงคิดว่า"), has_clause_word("สุนิสา แก้วประดิษฐ์")
    (True, False)
    """
    return _CLAUSE.search(text, start) is not None


def _readings():
    from synthesis.thai.dictionary import load_dictionary
    from synthesis.thai.tokenize import _readings

    return _readings(load_dictionary())  # (its frequencies load from a cache file, unlike the TNC list)


@functools.cache
def known_words() -> frozenset[str]:
    """The tokenizer's word list: a token that is one of them and starts with a form of
    address is a word (แบตเตอรี่, บังคับ), not a form of address and a name."""
    return frozenset(_readings().words)


@functools.cache
def common_words() -> frozenset[str]:
    """The words that end a name glued to the words after it (see COMMON_WORD_MIN_COUNT).

    >>> {"ขาย", "กรีดยาง"} <= common_words(), {"เลาะ", "ซัน"} & common_words()
    (True, set())
    """
    from synthesis.thai.dictionary import load_dictionary
    from synthesis.thai.tokenize import BOUND_MAX_CHARS, _lexicon

    frequency, floor = _readings().log_frequency, math.log(COMMON_WORD_MIN_COUNT)
    free = _lexicon(load_dictionary()).free  # short words that stand alone (ขาย, มา, ไม่, เลย)
    return frozenset(
        word for word in known_words()
        if (len(word) > BOUND_MAX_CHARS or word in free)  # ดา, ลี, ยะ: frequent, and syllables of names
        and ((word in frequency and frequency[word] >= floor)
             or (word not in frequency and len(word) >= COMPOUND_MIN_CHARS))
    )


def _cut_at_common_word(text: str, run_start: int, run: str, tokens: "_TokenIndex") -> str:
    """A name glued to the sentence ends before the first token that starts inside it, after
    its first character, and is a common word ("ยะห์ขายข้าวแกง" → "ยะห์")."""
    words = common_words()
    for token_start, token_end in tokens.spans_from(run_start + 1, run_start + len(run)):
        if text[token_start:token_end] in words:
            return run[: token_start - run_start]
    return run


def _cut_glued_first_name(run: str) -> str:
    """A first name glued to the words after it ends before the first clause word."""
    for m in _CLAUSE.finditer(run, 2):
        if m.end() < len(run) or m.group() in _PARTICLES:
            return run[: m.start()]
    return run


_PARTICLES = frozenset({"คะ", "ค่ะ", "ครับ"})


class _TokenIndex:
    """Token offsets for cutting glued names, read only when a name needs a cut.

    ``tokens`` is a list of :class:`Token`, or a lazy token sequence with ``boundaries`` (the
    sorted token starts plus the text length), which is used as is: no token is built.
    """

    def __init__(self, tokens):
        self.tokens = tokens
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None

    def __bool__(self) -> bool:
        return self.tokens is not None and len(self.tokens) > 0

    def offsets(self) -> tuple[list[int], list[int]]:
        """(starts, ends) of the tokens, read once (``starts`` may hold one more at its end)."""
        if self._starts is None:
            boundaries = getattr(self.tokens, "boundaries", None)
            if boundaries is not None:
                self._starts, self._ends = boundaries, boundaries[1:]
            else:
                self._starts = [t.start for t in self.tokens]
                self._ends = [t.end for t in self.tokens]
        return self._starts, self._ends

    def end_of_token_at(self, position: int) -> int:
        """The end of the token that starts at ``position``, or -1 when none starts there."""
        starts, ends = self.offsets()
        i = bisect.bisect_left(starts, position)
        return ends[i] if i < len(ends) and starts[i] == position else -1

    def spans_from(self, start: int, end: int):
        """(start, end) of the tokens that start in [start, end)."""
        starts, ends = self.offsets()
        i = bisect.bisect_left(starts, start)
        while i < len(ends) and starts[i] < end:
            yield starts[i], ends[i]
            i += 1


def _cut_at_token(text: str, run_start: int, run: str, tokens: _TokenIndex, min_length: int) -> str:
    """Cut a glued run at the first name-ending word, on a token boundary when tokens are known."""
    if not tokens:
        return _cut_at_stop_word(run, min_length)
    if _STOP.search(run, min_length) is None:
        return run  # no stop word at all: no token can start with one
    run_end = run_start + len(run)
    for token_start, token_end in tokens.spans_from(run_start + min_length, run_end):
        if token_end < run_end and _STOP.match(text, token_start, token_end):
            return run[: token_start - run_start]
    return run


def _not_a_title_here(text: str, title: str, name_start: int) -> bool:
    last = title.split()[-1] if " " in title else title
    words = _NOT_A_NAME_AFTER.get(last)
    return words is not None and text.startswith(words, name_start)


_NOT_A_NAME_AFTER = {title: tuple(words) for title, words in NOT_A_NAME_AFTER.items()}


def _names_an_office(text: str, title: str, pos: int) -> bool:
    """True when the title is followed by an office or, for อ., a district (อ.หนองจิก)."""
    if text.startswith(_OFFICE_WORDS, pos) or org_at(text, pos):
        return True
    if title.endswith("อ.") and longest_name_at(text, pos, gazetteer().districts):
        return True
    return False


def _title_allowed_at(text: str, start: int, end: int, tokens: _TokenIndex) -> bool:
    """A title glued after Thai letters is read only after words that introduce a name, or,
    for a southern form of address (``start:end``), where a token starts: "เมื่อวาน|ก๊ะมะห์มา"
    names someone, "ปิดบัง" holds บัง inside one word. With tokens, a form of address that
    starts a known word longer than itself is that word ("ซื้อ|แบตเตอรี่")."""
    if tokens and text[start:end] in FIRST_NAME_ONLY_TITLES:
        token_end = tokens.end_of_token_at(start)
        if token_end > end and text[start:token_end] in known_words():
            return False
    if start == 0 or not ("\u0e01" <= text[start - 1] <= "\u0e4e"):
        return True
    if text.endswith(_BEFORE_NAME_WORDS, 0, start):
        return True
    return bool(tokens) and text[start:end] in FIRST_NAME_ONLY_TITLES and tokens.end_of_token_at(start) >= 0


_SURNAME_AFTER_SPACE = re.compile("[ \t]([\u0e01-\u0e2e\u0e30-\u0e4e]+)")


def _read_title(text: str, trigger_start: int, trigger_end: int, last_end: int | None,
                tokens: _TokenIndex) -> tuple[str | None, int] | None:
    """(title as written or None, where the name starts) at a trigger word, or None.

    ``last_end`` is the end of the name found before, if any."""
    if text.startswith("รายงาน", trigger_start, trigger_end):
        reported = _REPORTED_BY.match(text, trigger_end)
        return (None, reported.end()) if reported else None
    if not _title_allowed_at(text, trigger_start, trigger_end, tokens):
        return None
    m = _TITLE.match(text, trigger_start)
    title, name_start = m.group("title"), m.end()
    if last_end is not None and title.strip() in ROLE_TITLES and trigger_start - last_end <= 2:
        return None  # a role after the name it describes
    if title.endswith("นายก") and _PLACEHOLDER_AFTER_MAYOR.match(text, trigger_start + len(title)):
        title, name_start = title[:-1], trigger_start + len(title) - 1
    # the trigger is the longest title at its start, as _ONE_TITLE.match would read it
    if (
        _not_a_title_here(text, text[trigger_start:trigger_end], trigger_end)
        or _not_a_title_here(text, title, name_start)
        or _names_an_office(text, title, name_start)
    ):
        return None
    return title, name_start


def _read_name(text: str, start: int, title: str | None, index: _TokenIndex) -> tuple[str, str | None] | None:
    """(first name, surname or None) written at ``start``, or None if no name is there."""
    first = _NAME_RUN.match(text, start)
    if not first:
        return None
    # A long run of Thai letters is cut where the name ends; only its start can hold a name
    # short enough to keep, so the cutters read no more than _RUN_LIMIT characters of it.
    first_name = text[start : min(first.end(), start + _RUN_LIMIT)]
    if _CLAUSE.match(first_name) and len(first_name) > 2:
        return None  # "ก๊ะอยากบอกว่า": a form of address used as "I"
    first_name_only = bool(title) and title.strip().endswith(_FIRST_NAME_ONLY)
    if first_name_only and index:
        token_end = index.end_of_token_at(start)
        if token_end > 0 and text[start:token_end] in common_words():
            return None  # "ก๊ะ|เลย|ชวน": the form of address used as "I", then a common word
        first_name = _cut_at_common_word(text, start, first_name, index)
    first_name = _cut_glued_first_name(_cut_at_token(text, start, first_name, index, 1))
    if not first_name or len(first_name) > MAX_FIRST_NAME:
        return None
    end = start + len(first_name)
    glued = first.end() < len(text) and not text[first.end()].isspace()
    if first_name_only or glued or end != first.end():
        return first_name, None
    after = _SURNAME_AFTER_SPACE.match(text, end)
    if not after or _TITLE.match(after.group(1)):
        return first_name, None
    surname = _cut_at_token(text, end + 1, after.group(1)[: MAX_SURNAME + 30], index, 2)
    surname_end = end + 1 + len(surname)
    at_word_end = surname_end >= len(text) or not ("\u0e01" <= text[surname_end] <= "\u0e4e")
    shortest = 1 if at_word_end else 2  # "-นายก ข" in a list of placeholders
    if shortest <= len(surname) <= MAX_SURNAME and not _STOP.match(surname) and not _CLAUSE.match(surname):
        return first_name, surname
    return first_name, None


def find_persons(text: str, tokens: list[Token] | None = None) -> list[Entity]:
    """PERSON entities (name without title); ``tokens`` help cut glued surnames.

    >>> [(e.value, e.attrs["title"]) for e in find_persons("โดยอาจารย์อรดี วงศ์ดี ได้กล่าวว่า")]
    [('อรดี วงศ์ดี', 'อาจารย์')]
    """
    return [
        Entity(s, e, text[s:e], label, value, source, attrs)
        for s, e, label, value, source, attrs in person_rows(text, tokens)
    ]


def person_rows(text: str, tokens=None, found: Scan | None = None) -> list[tuple]:
    """(start, end, "PERSON", value, "rule", attrs) of every name: :func:`find_persons` without
    building entities (``find_entities`` builds only those that survive)."""
    if _fast is not None:
        found = found or scan(text)
        return _fast.person_rows(
            _fast_reader(), text, found.words("persons"), _TokenIndex(tokens), found.occurrence_array("orgs")
        )
    return _python_person_rows(text, tokens, found)


# The compiled twin of _python_person_rows (``_fast_entities.pyx``), or None.
_fast = compiled("entities")


@functools.cache
def _fast_reader():
    """The word lists and lookups the compiled reader takes (built once)."""
    return _fast.PersonReader(
        TITLES, CLAUSE_WORDS, NAME_STOP_WORDS, _NOT_A_NAME_AFTER, _FIRST_NAME_ONLY, _OFFICE_WORDS,
        _BEFORE_NAME_WORDS, ROLE_TITLES, _PARTICLES, _org_reader(), _place_reader(), _REPORTED_BY.match, _PLACEHOLDER_AFTER_MAYOR.match, MAX_FIRST_NAME, _RUN_LIMIT, MAX_SURNAME,
        FIRST_NAME_ONLY_TITLES, common_words(), known_words(),
    )


def _python_person_rows(text: str, tokens=None, found: Scan | None = None) -> list[tuple]:
    """The reference of :func:`person_rows`."""
    rows: list[tuple] = []
    index = _TokenIndex(tokens)
    last_end = 0
    name_end = None  # end of the last name found
    for trigger_start, trigger_end in (found or scan(text)).words("persons"):
        if trigger_start < last_end:
            continue
        titled = _read_title(text, trigger_start, trigger_end, name_end, index)
        if titled is None:
            continue
        title, start = titled
        name = _read_name(text, start, title, index)
        if name is None:
            continue
        first_name, surname = name
        if surname is None and text.startswith("รายงาน", trigger_start, trigger_end):
            continue  # "รายงานโดย" + one word is more likely a team than a person
        value = f"{first_name} {surname}" if surname else first_name
        end = start + len(value)
        attrs = {"title": title.strip() if title else None, "first_name": first_name, "surname": surname}
        rows.append((start, end, "PERSON", value, "rule", attrs))
        last_end = name_end = end
    return rows

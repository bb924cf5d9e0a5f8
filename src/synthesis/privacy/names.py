"""Finding people's names in Thai report and interview text (pure ``str -> ...`` functions).

Names reach our texts in a handful of shapes, each with its own detector here:

- a titled full name: ``นางสาวสุภาวดี เพชรรัตน์``, ``ผศ.ดร.กนกวรรณ ศรีสุวรรณ``
  (``titled_names``; the Thai layer's ``find_persons`` adds what it finds when present);
- a speaker legend of an interview: ``ป = นายประสิทธิ์ หนูนวล (พี่สิทธิ์)``, giving the speaker
  label and a nickname (``speaker_legend``);
- a reporter's byline: ``รายงานจากพื้นที่ โดย supawadee_p`` or ``โดย จันทร์เพ็ญ ชูช่วย``
  (``bylines``).

From a full name, ``name_variants`` derives the shorter forms people write later in the same
collection: the name without its title, the first name after a title or a kinship/role word
(``คุณชาตรี``, ``พี่อำไพ``, ``ปลัดอิบรอฮีม``), a nickname made of the end of the first name
(``พี่สิทธิ์`` for ประสิทธิ์, ``ก๊ะมะห์`` for ซาลมะห์), and the bare first name when it is not an
ordinary Thai word.

>>> [(m.first, m.last) for m in titled_names("ประชุมโดยนายสมศักดิ์ ทองแก้ว และนางอำไพ แก้วมณี")]
[('สมศักดิ์', 'ทองแก้ว'), ('อำไพ', 'แก้วมณี')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import synthesis  # noqa: F401  (offline PyThaiNLP before it is imported)
from synthesis.thai.graphemes import is_boundary

# Titles, longest first; several may stack (ผศ.ดร., ว่าที่ร้อยตรี ดร.).
TITLES = (
    "เภสัชกรหญิง", "เภสัชกร", "ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต.", "นายแพทย์", "แพทย์หญิง",
    "ทันตแพทย์หญิง", "ทันตแพทย์", "เด็กชาย", "เด็กหญิง", "นางสาว", "น.ส.", "นส.", "นาง", "นาย", "อาจารย์", "คุณ",
    "ผศ.ดร.", "รศ.ดร.", "ศ.ดร.", "ผศ.", "รศ.", "ศ.", "ดร.", "นพ.", "พญ.", "ทพ.", "ทพญ.", "ภก.", "ภญ.",
    "ด.ช.", "ด.ญ.", "จ.ส.ต.", "ส.ต.ต.", "ส.ต.ท.", "ส.ต.อ.", "ด.ต.", "ร.ต.อ.", "ร.ต.ท.", "ร.ต.ต.",
    "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.", "พ.อ.", "พ.ท.", "พ.ต.", "ร.อ.", "ร.ท.", "ร.ต.", "จ.อ.", "จ.ท.", "จ.ต.",
)
# Words written right before a first name alone: kinship terms, courtesy, roles.
KIN_WORDS = ("พี่", "น้อง", "คุณ", "ป้า", "ลุง", "น้า", "อา", "ยาย", "ตา", "แม่", "พ่อ", "ก๊ะ", "กะ", "บัง", "เปาะ", "แบ", "มะ",
             "เมาะ", "โต๊ะ", "ครู", "หมอ", "ปลัด", "พยาบาล", "อาจารย์", "อ.", "ผอ.", "กำนัน", "ผู้ใหญ่", "สารวัตร",
             "ท่าน", "เจ๊", "เฮีย", "ดร.", "นาย", "นาง", "นางสาว", "นส.", "น.ส.", "นายก", "รองนายก", "ประธาน",
             "รองประธาน", "เลขา", "หัวหน้า", "ผู้ใหญ่บ้าน", "ผญบ.", "อิหม่าม", "โต๊ะอิหม่าม", "บาบอ", "อสม.", "อสอช.")
# Kinship words that also go before a nickname cut from the end of the first name.
NICK_WORDS = ("พี่", "น้อง", "ก๊ะ", "กะ", "บัง", "เปาะ", "แบ", "ป้า", "ลุง", "น้า", "คุณ", "เมาะ", "แม่", "พ่อ")

_THAI_WORD = "[\u0e01-\u0e4e]+"
_TITLE_RE = "(?:" + "|".join(re.escape(t) for t in TITLES) + ")"
# A first name is one run of Thai letters (at most 20), a space, then the family name (at most
# 25); a longer run is a title glued to running text ("นางซาลมะห์ช่วยอธิบาย...").
TITLED_NAME = re.compile(
    rf"(?P<title>(?:{_TITLE_RE}\s?)+)(?P<first>[\u0e01-\u0e4e]{{2,20}})[ \t\u00a0]+"
    rf"(?P<last>[\u0e01-\u0e4e]{{2,25}})(?![\u0e01-\u0e4e])"
)
LEGEND_ENTRY = re.compile(
    rf"(?:^|[\s,，])(?P<label>[\u0e01-\u0e4e]{{1,3}})\s*=\s*(?P<name>(?:{_TITLE_RE}\s?)*{_THAI_WORD}"
    rf"(?:[ \t]+{_THAI_WORD})?)(?:\s*\((?P<nick>[^()\n]{{1,15}})\))?",
    re.MULTILINE,
)
BYLINE = re.compile(r"(?:รายงานจากพื้นที่\s*)?โดย[ \t]+(?P<who>[A-Za-z][A-Za-z0-9._-]{2,40}|"
                    rf"{_THAI_WORD}[ \t]+{_THAI_WORD})(?=\s|$)", re.MULTILINE)
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9._-]{2,40}$")


@dataclass(frozen=True, slots=True)
class NameMention:
    """A name found in a text: ``text[start:end]`` with its parts (``last`` may be empty)."""

    start: int
    end: int
    text: str
    first: str
    last: str = ""
    title: str = ""
    source: str = "title"

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}".strip()


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], frozenset[str]]:
    from pythainlp.corpus import thai_female_names, thai_male_names, thai_words

    return frozenset(thai_words()), frozenset(thai_male_names()) | frozenset(thai_female_names())


@lru_cache(maxsize=1)
def _family_names() -> frozenset[str]:
    from pythainlp.corpus import thai_family_names

    return frozenset(thai_family_names())


def is_known_name(first: str, last: str = "") -> bool:
    """True when the first name or the family name is in PyThaiNLP's name lists.

    >>> is_known_name("สมศักดิ์"), is_known_name("อดุลย์เอาเงินกองทุนฯ", "ไม่กี่พันบาทมาช่วย")
    (True, False)
    """
    return first in _lexicons()[1] or (bool(last) and last in _family_names())


@lru_cache(maxsize=1)
def _word_counts() -> dict[str, int]:
    from pythainlp.corpus import tnc

    try:
        return dict(tnc.word_freqs())
    except Exception:  # pragma: no cover (frequency list missing: be cautious)
        return {}


COMMON_WORD_COUNT = 500  # a dictionary word this frequent in the TNC is too common to replace alone


def is_ordinary_word(word: str) -> bool:
    """True when ``word`` is a common Thai word (unsafe to replace on its own).

    A dictionary word that is rare in the Thai National Corpus (``อำไพ``, ``ชาตรี``, ``สุนีย์``:
    mostly met as names) counts as a name; ``สมบูรณ์`` and ``เฉลิม`` stay words.

    >>> is_ordinary_word("สมบูรณ์"), is_ordinary_word("สมศักดิ์"), is_ordinary_word("อำไพ")
    (True, False, False)
    """
    words, _ = _lexicons()
    if word not in words:
        return False
    counts = _word_counts()
    return not counts or counts.get(word, 0) >= COMMON_WORD_COUNT


def inside_longer_word(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` lies inside a longer dictionary word of ``text``.

    >>> inside_longer_word("ควบคุมคุณภาพ", 6, 11)   # คุณภา in คุณภาพ
    True
    >>> inside_longer_word("ให้สมศักดิ์กับน้อง", 3, 11)
    False
    """
    words = _lexicons()[0]
    for before in range(0, 9):
        if start - before < 0:
            break
        for after in range(0, 10):
            if before == 0 and after == 0 or end + after > len(text):
                continue
            if text[start - before:end + after] in words:
                return True
    return False


def _plausible_first(title: str, first: str) -> bool:
    """Reject ``นายกเทศมนตรี`` read as title ``นาย`` + name ``กเทศมนตรี``."""
    words, names = _lexicons()
    if first in names:
        return True
    bare = title.replace(" ", "")
    for length in range(1, len(first) + 1):
        if bare + first[:length] in words and bare + first[:length] not in TITLES:
            return False
    return first not in words or len(first) > 3


def _title_parts(title: str) -> list[str]:
    return re.findall(_TITLE_RE, title.replace(" ", ""))


def _inside_word(text: str, start: int, title: str) -> bool:
    """True when the title's letters end a longer word (``ทำนาย``, ``ขอบคุณ``), so no name starts here."""
    words = _lexicons()[0]
    bare = (_title_parts(title) or [title])[0]
    return any(text[max(0, start - k):start] + bare in words for k in range(1, 5) if start - k >= 0)


# Courtesy words that also take a first name alone ("คุณสุกัญญาคะ ในฐานะ..."): after them a
# full name is accepted only when it looks like one (see ``_looks_like_full_name``).
WEAK_TITLES = ("คุณ", "อาจารย์")
COMMON_START = 5000  # TNC count above which a word starting a "surname" shows running text


def _frequent(word: str) -> bool:
    return word in _lexicons()[0] and _word_counts().get(word, 0) >= COMMON_START


def _looks_like_full_name(first: str, last: str) -> bool:
    """A given name (listed, or no word and not ending in a frequent word such as คะ, ได้) and a
    surname that does not start with a frequent word (และ, ได้ …).

    >>> _looks_like_full_name("อรพิน", "วิมลภูษิต"), _looks_like_full_name("ขวัญ", "และอาจารย์อะหมัด")
    (True, False)
    >>> _looks_like_full_name("สุกัญญาคะ", "ในฐานะเทศบาล"), _looks_like_full_name("อรพินได้", "กล่าวชื่นชม")
    (False, False)
    """
    words, names = _lexicons()
    if first not in names:
        if first in words:
            return False
        if any(_frequent(first[-k:]) for k in range(2, min(len(first) - 1, 5) + 1) if is_boundary(first, len(first) - k)):
            return False
    if last in _family_names():
        return True
    return not any(_frequent(last[:k]) for k in range(2, min(len(last), 6) + 1))


def titled_names(text: str) -> list[NameMention]:
    """Every ``title + first + last`` name in ``text``.

    >>> [m.text for m in titled_names("นายกเทศมนตรี ผศ.ดร.กนกวรรณ ศรีสุวรรณ")]
    ['ผศ.ดร.กนกวรรณ ศรีสุวรรณ']
    >>> titled_names("ผลทำนายรายได้ ดีขึ้น")
    []
    """
    found = []
    position = 0
    while (match := TITLED_NAME.search(text, position)) is not None:
        title, first, last = match["title"], match["first"], match["last"]
        weak = (_title_parts(title) or [""])[-1] in WEAK_TITLES
        if (
            not _plausible_first(title, first)
            or _inside_word(text, match.start(), title)
            or not is_boundary(text, match.end())
            or (weak and not _looks_like_full_name(first, last))
        ):
            position = match.start() + 1  # a rejected match must not swallow the next title
            continue
        position = match.end()
        found.append(NameMention(match.start(), match.end(), match.group(), first, last, title.strip(), "title"))
    return found


def split_name(name: str) -> tuple[str, str, str]:
    """``(title, first, last)`` of a written name.

    >>> split_name("นางสาวสุภาวดี เพชรรัตน์")
    ('นางสาว', 'สุภาวดี', 'เพชรรัตน์')
    >>> split_name("ชาตรี บุญมาก")
    ('', 'ชาตรี', 'บุญมาก')
    """
    name = " ".join(name.split())
    title_match = re.match(rf"(?:{_TITLE_RE}\s?)+", name)
    title = title_match.group().strip() if title_match else ""
    rest = name[title_match.end():] if title_match else name
    parts = rest.split(" ", 1)
    return title, parts[0], (parts[1] if len(parts) > 1 else "")


@dataclass(frozen=True, slots=True)
class LegendEntry:
    label: str
    title: str
    first: str
    last: str
    nickname: str = ""


def speaker_legend(text: str) -> list[LegendEntry]:
    """The ``label = name (nickname)`` entries of an interview's speaker legend.

    >>> speaker_legend("หมายเหตุ ป = นายประสิทธิ์ หนูนวล (พี่สิทธิ์), ส = นางสาวสุภาวดี เพชรรัตน์")[0]
    LegendEntry(label='ป', title='นาย', first='ประสิทธิ์', last='หนูนวล', nickname='พี่สิทธิ์')
    """
    entries = []
    for match in LEGEND_ENTRY.finditer(text):
        title, first, last = split_name(match["name"])
        if not first or not (title or last):
            continue
        nick = (match["nick"] or "").strip()
        if " " in nick:
            nick = ""
        entries.append(LegendEntry(match["label"], title, first, last, nick))
    return entries


def speaker_labels(text: str) -> dict[str, LegendEntry]:
    """Speaker label → legend entry, for the labels the legend of ``text`` defines."""
    return {entry.label: entry for entry in speaker_legend(text)}


def bylines(text: str) -> list[str]:
    """Who wrote a report, as its byline says: a user name or a Thai first and last name.

    >>> bylines("มีนาคม 2565รายงานจากพื้นที่ โดย supawadee_p")
    ['supawadee_p']
    """
    return [match["who"] for match in BYLINE.finditer(text)]


_SYLLABLE_START = re.compile(  # a leading vowel, a consonant with its vowel, or a cluster (ศรี, ตรี, ปลื้ม)
    "^(?:[\u0e40-\u0e44][\u0e01-\u0e2e]|[\u0e01-\u0e2e][รลว]?(?:[\u0e30-\u0e39\u0e47-\u0e4b]|รร))"
)
_SILENT = re.compile("[\u0e01-\u0e2e][\u0e34\u0e38]?\u0e4c")


def _sounds_like_syllables(tail: str) -> bool:
    """Could ``tail`` (the end of a first name) be said as a nickname on its own?

    It must start a syllable (a leading vowel, or a consonant carrying its vowel) and keep two
    sounding letters once silent letters (with ์) are dropped: ``สิทธิ์``, ``มะห์`` and the
    cluster ``ศรี`` (of สมศรี) yes, ``ทธิ์`` and ``ดิ์`` no.

    >>> _sounds_like_syllables("สิทธิ์"), _sounds_like_syllables("ทธิ์"), _sounds_like_syllables("ดิ์")
    (True, False, False)
    >>> _sounds_like_syllables("ศรี"), _sounds_like_syllables("ตรี")
    (True, True)
    """
    return bool(_SYLLABLE_START.match(tail)) and len(_SILENT.sub("", tail)) >= 2


def first_name_tails(first: str) -> list[str]:
    """Ends of a first name that people say alone as a nickname (``เมาะ`` for ฮาลีเมาะ).

    Only used inside a document that names the person in full: alone, such a tail is too
    often an ordinary word.

    >>> first_name_tails("ฮาลีเมาะ")
    ['ลีเมาะ', 'เมาะ']
    """
    return [
        first[cut:]
        for cut in range(1, len(first) - 1)
        if is_boundary(first, cut) and _sounds_like_syllables(first[cut:]) and len(first[cut:]) >= 3
        and not is_ordinary_word(first[cut:])
    ]


def name_variants(title: str, first: str, last: str) -> list[str]:
    """Forms under which a person with this name may appear again, longest first.

    >>> forms = name_variants("นาย", "สมศักดิ์", "ทองแก้ว")
    >>> [f for f in ("สมศักดิ์ ทองแก้ว", "คุณสมศักดิ์", "สมศักดิ์", "พี่ศักดิ์", "พี่กดิ์") if f in forms]
    ['สมศักดิ์ ทองแก้ว', 'คุณสมศักดิ์', 'สมศักดิ์', 'พี่ศักดิ์']
    """
    forms: list[str] = []
    if last:
        if title:
            forms.append(f"{title}{first} {last}")
        forms.append(f"{first} {last}")
    if title:
        forms.append(f"{title}{first}")
    forms.extend(f"{word}{first}" for word in KIN_WORDS)
    for cut in range(1, len(first) - 1):
        tail = first[cut:]
        if is_boundary(first, cut) and _sounds_like_syllables(tail):
            forms.extend(f"{word}{tail}" for word in NICK_WORDS)
    words = _lexicons()[0]
    forms = [form for form in forms if form not in words]  # พี่ชาย is a word, not a nickname
    if len(first) >= 3 and not is_ordinary_word(first):
        forms.append(first)
    seen: dict[str, None] = {}
    for form in forms:
        seen.setdefault(form, None)
    return sorted(seen, key=len, reverse=True)


def person_mentions(text: str) -> list[NameMention]:
    """Titled names, legend names and Thai bylines of ``text``, plus the Thai layer's PERSONs."""
    mentions = titled_names(text)
    for entry in speaker_legend(text):
        mentions.append(NameMention(0, 0, "", entry.first, entry.last, entry.title, "legend"))
    for who in bylines(text):
        if not USERNAME.match(who):
            _, first, last = split_name(who)
            mentions.append(NameMention(0, 0, who, first, last, "", "byline"))
    mentions.extend(_thai_layer_persons(text))
    return mentions


def _thai_layer_persons(text: str) -> list[NameMention]:
    """The Thai layer's PERSONs with a surname, and first names after a southern form of
    address (``ก๊ะยะห์``, ``บังหมัด``: those forms take no surname). Tokens are made only for a
    text that holds such a form: they cut a name glued to the sentence after it."""
    try:
        from synthesis.thai.persons import FIRST_NAME_ONLY_TITLES, find_persons
        from synthesis.thai.tokenize import tokenize
    except ImportError:
        return []
    tokens = tokenize(text) if any(title in text for title in FIRST_NAME_ONLY_TITLES) else None
    found = []
    for entity in find_persons(text, tokens):
        value = str(entity.value or entity.text)
        title, first, last = split_name(value)
        title = str(entity.attrs.get("title", title) or "")
        if not first or len(first) < 2:
            continue
        if title in FIRST_NAME_ONLY_TITLES:
            surname = last or _surname_after(text, entity.end, tokens)
            end = entity.end + (len(surname) + 1 if surname and not last else 0)
            found.append(NameMention(entity.start, end, text[entity.start:end], first, surname, title, "address"))
        elif last:
            found.append(NameMention(entity.start, entity.end, entity.text, first, last, title, "ner"))
    return found


def _surname_after(text: str, end: int, tokens) -> str:
    """The surname people write after a name they address (``ก๊ะรอกีเยาะ สาแม แม่ค้า…``): the
    tokens after one space up to the next space or common word, when they make no ordinary
    Thai word; else ``""``."""
    from synthesis.thai.persons import common_words

    if tokens is None or end >= len(text) or text[end] != " ":
        return ""
    bounds, words = tokens.boundaries, common_words()
    index = bisect.bisect_left(bounds, end + 1)
    if index >= len(bounds) or bounds[index] != end + 1:
        return ""
    stop = index
    while stop + 1 < len(bounds):
        token = text[bounds[stop]:bounds[stop + 1]]
        if token in words or not _THAI_LETTERS.fullmatch(token):
            break
        stop += 1
    word = text[end + 1:bounds[stop]]
    return word if _THAI_NAME_PART.match(word) and not is_ordinary_word(word) else ""


_THAI_NAME_PART = re.compile("^[\u0e01-\u0e4e]{2,25}$")
_THAI_LETTERS = re.compile("[\u0e01-\u0e4e]+")

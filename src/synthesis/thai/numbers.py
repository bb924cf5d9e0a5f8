"""Read numbers as Thai reports write them: Thai digits, thousands commas, dotted blanks.

Reports fill in forms, so a count may look like ``จำนวน ....12..... คน`` or ``..5...คน``;
digits may be Thai (``๓ แห่ง``). Thai digits stay in the text: only the *value* is converted.

>>> parse_number("๑,๒๐๐")
1200
>>> [(e.label, e.value, e.attrs.get("unit")) for e in find_quantities("ร้อยละ 60 ของ 15 คน")]
[('PERCENT', 60, None), ('COUNT', 15, 'คน')]
"""

from __future__ import annotations

import functools
import re

from synthesis.thai.accel import compiled
from synthesis.thai.scan import Scan, register, scan
from synthesis.thai.spans import Entity
from synthesis.thai.trie import trie_pattern

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

DIGIT = "[0-9๐-๙]"
# A number: digits with optional thousands commas and an optional decimal part.
NUMBER_PATTERN = rf"{DIGIT}{{1,3}}(?:,{DIGIT}{{3}})+(?:\.{DIGIT}+)?|{DIGIT}+(?:\.{DIGIT}+)?"

# Units a COUNT may carry, longest first so that "หน่วยงาน" wins over "หน่วย".
COUNT_UNITS = sorted(
    {
        "คน", "ราย", "ท่าน", "หน่วย", "โครงการ", "กองทุน", "แห่ง", "กลุ่ม", "ครั้ง", "ครัวเรือน",
        "หลังคาเรือน", "ชุมชน", "หมู่บ้าน", "ตำบล", "อำเภอ", "จังหวัด", "พื้นที่", "องค์กร",
        "หน่วยงาน", "เครือข่าย", "ศูนย์", "แผน", "กิจกรรม", "วัน", "เดือน", "ปี", "ชั่วโมง",
        "รุ่น", "ทีม", "อาชีพ", "ชิ้น", "ผืน", "เล่ม", "ฉบับ", "ไร่", "ตัว", "ต้น",
        "รายการ", "คณะ", "เวที", "หลักสูตร", "ประเด็น", "สถานประกอบการ", "โรงเรียน",
    },
    key=len,
    reverse=True,
)
# Money words and what they multiply: "5 หมื่นบาท" is 50,000 baht.
MONEY_UNITS = {"ล้านบาท": 1_000_000, "แสนบาท": 100_000, "หมื่นบาท": 10_000, "พันบาท": 1_000, "บาท": 1}
PERCENT_SUFFIXES = ("%", "เปอร์เซ็นต์", "เปอร์เซนต์")

# Dots and spaces that stand for a blank of a filled-in form: "..5...", "....12.....".
_FILL = r"(?:[ \t]*[.…]+[ \t]*|[ \t]*)"
_QUANTITY = re.compile(
    rf"""
    (?P<percent_word>ร้อยละ[ \t]*)?
    (?P<lead>[.…]*)
    (?P<num>{NUMBER_PATTERN})
    (?:[ \t]*[-–][ \t]*(?P<num2>{NUMBER_PATTERN}))?
    (?P<trail>[.…]*)
    (?:
        [ \t]*(?P<percent>{"|".join(PERCENT_SUFFIXES)})
      | [ \t]*[-–]?[ \t]*(?P<money>{trie_pattern(list(MONEY_UNITS))})
      | {_FILL}(?P<unit>{trie_pattern(COUNT_UNITS)})
    )?
    """,
    re.VERBOSE,
)


_WHOLE_NUMBER = re.compile(NUMBER_PATTERN)
MAX_DIGITS = 24


def thai_digits_to_arabic(s: str) -> str:
    """Replace Thai digits with ASCII digits, leaving everything else as is.

    >>> thai_digits_to_arabic("วันที่ ๑๙ เมย. ๖๒")
    'วันที่ 19 เมย. 62'
    """
    return s.translate(_TO_ARABIC)


def parse_number(s: str) -> int | float | None:
    """The number written in ``s`` (Thai or ASCII digits, commas, form dots), or None.

    >>> parse_number("๑,๒๐๐"), parse_number("1,200.50"), parse_number("..5..."), parse_number("ห้า")
    (1200, 1200.5, 5, None)
    """
    cleaned = thai_digits_to_arabic(s).strip().strip(".…").strip()
    if len(cleaned) > MAX_DIGITS or not _WHOLE_NUMBER.fullmatch(cleaned):
        return None  # a very long digit run is a code or garbage, not a quantity
    cleaned = cleaned.replace(",", "")
    if "." in cleaned:
        return float(cleaned)
    return int(cleaned)


def _splits_cluster(text: str, end: int) -> bool:
    """True when ``text[end]`` is a Thai vowel or tone mark: a span ending here would split it."""
    if end >= len(text):
        return False
    nxt = text[end]
    return "\u0e31" == nxt or "\u0e34" <= nxt <= "\u0e3a" or "\u0e47" <= nxt <= "\u0e4e"


# Clock times ("09.00-15.00 น.", "เวลา 13.00") and list markers at the start of a line ("1.",
# "1.1.", "2)") are not quantities: they are skipped where a digit run starts.
_CLOCK = rf"{DIGIT}{{1,2}}[.:]{DIGIT}{{2}}"
_TIME_AT = re.compile(rf"{_CLOCK}(?:[ \t]*[-–][ \t]*{_CLOCK})?(?=[ \t]*น\.|[ \t]*[-–])")
_CLOCK_AT = re.compile(rf"{_CLOCK}(?:[ \t]*[-–][ \t]*{_CLOCK})?")
_LIST_AT = re.compile(rf"(?:{DIGIT}{{1,2}}[.)])+(?:{DIGIT}{{1,2}}(?=[.)]))?")


def _skip_time_or_list_marker(text: str, pos: int, run_end: int) -> int | None:
    """End of a clock time or line-initial list marker starting at ``pos``, else None.

    ``run_end`` ends the run of digits at ``pos``: both need one or two digits, then a clock
    needs "." or ":" and two digits, a marker "." or ")" (cheap tests before the patterns)."""
    if run_end - pos > 2:
        return None
    separator = text[run_end : run_end + 1]
    clock_like = separator in (".", ":") and text[run_end + 1 : run_end + 3].isdigit()
    if clock_like:
        time = _TIME_AT.match(text, pos)
        if time:
            return time.end()
    before = pos
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if clock_like and text.endswith("เวลา", 0, before):
        clock = _CLOCK_AT.match(text, pos)
        if clock:
            return clock.end()
    if separator not in (".", ")"):
        return None
    while before > 0 and text[before - 1] in " \t-•":
        before -= 1
    if before == 0 or text[before - 1] == "\n":
        marker = _LIST_AT.match(text, pos)
        if marker:
            return marker.end()
    return None


def quantity_rows(text: str, found: Scan) -> list[tuple]:
    """(start, end, label, value, "rule", attrs) of every quantity, given the text's scan.

    The work of :func:`find_quantities` without building entities: ``find_entities`` builds
    only those that survive the overlap resolution. Each run of digits is read where it
    starts, left to right (:func:`_python_quantity_rows`, or its compiled twin).
    """
    if _fast is not None:
        return _fast.quantity_rows(
            text, found.runs, found.words("percent_word"), _fast_words(), MAX_DIGITS
        )
    return _python_quantity_rows(text, found)


def _python_quantity_rows(text: str, found: Scan) -> list[tuple]:
    """The reference of :func:`quantity_rows`.

    Most runs are a plain number, maybe a space and a unit (``15 คน``): they take the fast
    path, one small regex for the unit. A run with dots, commas, a dash or "ร้อยละ" around
    it takes the full :data:`_QUANTITY` pattern (:func:`_read_at`).
    """
    rows = []
    length = len(text)
    unit_at = _UNIT_AT.match
    after_percent_word = _after_percent_word(text, found)
    last_end = 0
    for pos, end in found.digit_runs:
        if pos < last_end:
            continue
        before = text[pos - 1] if pos else " "
        after = text[end] if end < length else " "
        if after in _SLOW_AFTER or before in ".…" or pos in after_percent_word:
            row, last_end = _read_at(text, pos, end, last_end)
            if row is not None:
                rows.append(row)
            continue
        tail = unit_at(text, end)
        if tail is not None and tail.lastindex == 4:
            row, last_end = _read_at(text, pos, end, last_end)  # a range or a form blank
            if row is not None:
                rows.append(row)
            continue
        last_end = end
        if before in _LATIN_OR_DIGIT_CHARS or (
            before in ",/:-" and pos > 1 and text[pos - 2] in _LATIN_OR_DIGIT_CHARS
        ):
            continue  # part of a code: BA 5, x-1
        if after in _LATIN_OR_DIGIT_CHARS or (after == "/" and text[end + 1 : end + 2].isdigit()):
            continue
        if end - pos > MAX_DIGITS:
            continue
        value = int(text[pos:end])
        if tail is None:
            rows.append((pos, end, "NUMBER", value, "rule", {}))
            continue
        kind, word = tail.lastindex, tail.group(tail.lastindex)
        if kind == 1:
            rows.append((pos, tail.end(), "PERCENT", value, "rule", {}))
        elif kind == 2:
            multiplier = MONEY_UNITS[word]
            rows.append((pos, tail.end(), "MONEY", value * multiplier, "rule", {"unit": "บาท"}))
        elif _splits_cluster(text, tail.end()):
            rows.append((pos, end, "NUMBER", value, "rule", {}))
        else:
            rows.append((pos, tail.end(), "COUNT", value, "rule", {"unit": word}))
    return rows


# Spaces and a unit after a plain number: percent, money or count (in this order).
# Group 4: a dash or dots, for the full pattern (a range "3-5", money "50-บาท", a blank "5..คน").
_UNIT_AT = re.compile(
    rf"[ \t]*(?:({'|'.join(PERCENT_SUFFIXES)})|({trie_pattern(list(MONEY_UNITS))})|({trie_pattern(COUNT_UNITS)})|([-–.…]))"
)
# Characters around a digit run that call for the full pattern: decimals, thousands, clock
# times, list markers, form dots, ranges; before it also spaces and "ร้อยละ".
_SLOW_AFTER = frozenset(".,:)…")


def _read_at(text: str, pos: int, run_end: int, last_end: int) -> tuple[tuple | None, int]:
    """(row or None, new last end) for the digit run at ``pos``, read with the full pattern."""
    # only a run followed by ".", ":" or ")" can start a clock time or a list marker
    skip_to = None
    if run_end < len(text) and text[run_end] in ".:)":
        skip_to = _skip_time_or_list_marker(text, pos, run_end)
        if skip_to is not None and text[run_end] == ")":
            return None, skip_to  # "2)": nothing after ")" can make it a quantity
    start = pos
    while start > 0 and text[start - 1] in ".…":
        start -= 1
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if text.endswith("ร้อยละ", 0, before):
        start = before - len("ร้อยละ")
    m = _QUANTITY.match(text, start)
    if m is None:
        return None, (skip_to if skip_to is not None else last_end)
    percent_word, lead, num, num2, trail, percent, money, unit = m.groups()
    if skip_to is not None and not (money or unit or percent):
        return None, skip_to  # a time or a list marker, unless a unit says it is a quantity
    lead_start = m.start() + (len(percent_word) if percent_word else 0)
    if lead_start + len(lead) != pos:
        return None, last_end
    num_end = m.end(4) if num2 else pos + len(num)
    if _glued_to_code(text, m.start(), num_end, lead, trail, money):
        return None, num_end
    return _row(text, m, (percent_word, num, num2, percent, money, unit), pos, num_end, lead_start), num_end




register("percent_word", ["ร้อยละ"])
# The compiled twin of _python_quantity_rows (``_fast_entities.pyx``), or None.
_fast = compiled("entities")


@functools.cache
def _fast_words():
    """The unit words, as the compiled reader takes them."""
    return _fast.QuantityWords(PERCENT_SUFFIXES, MONEY_UNITS, COUNT_UNITS)


def _after_percent_word(text: str, found: Scan) -> set[int]:
    """Where a digit may follow "ร้อยละ" and spaces (then the full pattern reads it)."""
    positions = set()
    for _start, end in found.words("percent_word"):
        while end < len(text) and text[end] in " \t":
            end += 1
        positions.add(end)
    return positions


_LATIN_OR_DIGIT_CHARS = frozenset("0123456789" + THAI_DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _glued_to_code(text: str, first: int, num_end: int, lead: str, trail: str, money: str | None) -> bool:
    """True when the number is part of a code, date or list marker: BA.5, 1477x1108, 21/7/65."""
    if first > 0:
        before = text[first - 1]
        if before in _LATIN_OR_DIGIT_CHARS or (
            before in ",/:-" and first > 1 and text[first - 2] in _LATIN_OR_DIGIT_CHARS
        ):
            return True
    after = num_end + len(trail)
    if after >= len(text):
        return False
    nxt = text[after]
    if not trail:
        return nxt in _LATIN_OR_DIGIT_CHARS or (nxt in "/:-" and text[after + 1 : after + 2].isdigit())
    # a list marker glued to its item: "1.ประเด็น", "2.พื้นที่" (but "50,000.- บาท" is money)
    return trail == "." and not nxt.isspace() and not lead and not money


def _number_value(written: str) -> int | float | None:
    """:func:`parse_number` of a string that matched ``NUMBER_PATTERN`` (``int`` reads Thai digits)."""
    if len(written) > MAX_DIGITS:
        return None
    if "," in written:
        written = written.replace(",", "")
    if "." in written:
        return float(written.translate(_TO_ARABIC))
    return int(written)


def _row(text: str, m: re.Match[str], groups: tuple, start: int, end: int, lead_start: int) -> tuple | None:
    percent_word, num, num2, percent, money, unit = groups
    value = _number_value(num)
    if value is None:
        return None
    attrs: dict = {}
    if num2:
        attrs["max"] = _number_value(num2)
    if percent_word or percent:
        label = "PERCENT"
        if percent_word:
            start = m.start()
        if percent:
            end = m.end()
    elif money:
        label, end = "MONEY", m.end()
        attrs["unit"] = "บาท"
        if MONEY_UNITS[money] != 1:
            value = value * MONEY_UNITS[money]
            value = int(value) if isinstance(value, float) and value.is_integer() else value
    elif unit and not _splits_cluster(text, m.end()):
        label, end = "COUNT", m.end()
        attrs["unit"] = unit
        start = lead_start  # a form blank belongs to the count: "..5...คน"
    else:
        label = "NUMBER"
    return start, end, label, value, "rule", attrs


def find_quantities(text: str) -> list[Entity]:
    """NUMBER, PERCENT, MONEY and COUNT entities in ``text``; ``value`` is the number.

    A COUNT has ``attrs["unit"]``; MONEY has ``attrs["unit"] = "บาท"`` and its value in baht
    (``หมื่นบาท``, ``แสนบาท``, ``ล้านบาท`` multiply it); a range (``3-5 หน่วย``) has ``attrs["max"]``.

    >>> [(e.label, e.value, e.text) for e in find_quantities("งบ 50,000 บาท จำนวน ....12..... คน")]
    [('MONEY', 50000, '50,000 บาท'), ('COUNT', 12, '....12..... คน')]
    """
    return [
        Entity(start, end, text[start:end], label, value, source, attrs)
        for start, end, label, value, source, attrs in quantity_rows(text, scan(text))
    ]

"""Read numbers as Thai reports write them: Thai digits, thousands commas, dotted blanks.

Reports fill in forms, so a count may look like ``จำนวน ....12..... คน`` or ``..5...คน``;
digits may be Thai (``๓ แห่ง``). Thai digits stay in the text: only the *value* is converted.

>>> parse_number("๑,๒๐๐")
1200
>>> [(e.label, e.value, e.attrs.get("unit")) for e in find_quantities("ร้อยละ 60 ของ 15 คน")]
[('PERCENT', 60, None), ('COUNT', 15, 'คน')]
"""

from __future__ import annotations

import re

from synthesis.thai.spans import Entity

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
      | [ \t]*[-–]?[ \t]*(?P<money>{"|".join(MONEY_UNITS)})
      | {_FILL}(?P<unit>{"|".join(COUNT_UNITS)})
    )?
    """,
    re.VERBOSE,
)
# Digits glued to surrounding digits/latin letters are not a quantity of their own
# (version strings, codes like BA.5, 1477x1108).
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z๐-๙]")


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


def _skip_time_or_list_marker(text: str, pos: int) -> int | None:
    """End of a clock time or line-initial list marker starting at ``pos``, else None."""
    time = _TIME_AT.match(text, pos)
    if time:
        return time.end()
    before = pos
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if text.endswith("เวลา", 0, before):
        clock = _CLOCK_AT.match(text, pos)
        if clock:
            return clock.end()
    while before > 0 and text[before - 1] in " \t-•":
        before -= 1
    if before == 0 or text[before - 1] == "\n":
        marker = _LIST_AT.match(text, pos)
        if marker:
            return marker.end()
    return None


_DIGIT_RUN = re.compile(f"{DIGIT}+")


def _candidate_matches(text: str):
    """Quantity matches tried only where a run of digits starts (a fast scan), left to right."""
    last_end = 0
    for run in _DIGIT_RUN.finditer(text):
        pos = run.start()
        if pos < last_end:
            continue
        # only a run followed by ".", ":" or ")" can start a clock time or a list marker
        skip_to = _skip_time_or_list_marker(text, pos) if text[run.end() : run.end() + 1] in (".", ":", ")") else None
        start = pos
        while start > 0 and text[start - 1] in ".…":
            start -= 1
        before = start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if text.endswith("ร้อยละ", 0, before):
            start = before - len("ร้อยละ")
        m = _QUANTITY.match(text, start)
        if skip_to is not None and not (m and (m.group("money") or m.group("unit") or m.group("percent"))):
            last_end = skip_to  # a time or a list marker, unless a unit says it is a quantity
            continue
        if m is None or m.start("num") != pos:
            continue
        last_end = m.end("num2") if m.group("num2") else m.end("num")
        yield m


def _glued_to_code(text: str, m: re.Match[str]) -> bool:
    """True when the number is part of a code, date or list marker: BA.5, 1477x1108, 21/7/65."""
    first = m.start()
    if first > 0 and (
        _LATIN_OR_DIGIT.match(text[first - 1])
        or (text[first - 1] in ",/:-" and first > 1 and _LATIN_OR_DIGIT.match(text[first - 2]))
    ):
        return True
    num_end = m.end("num2") if m.group("num2") else m.end("num")
    after = num_end + len(m.group("trail"))
    if not m.group("trail") and after < len(text):
        nxt = text[after]
        if _LATIN_OR_DIGIT.match(nxt) or (nxt in "/:-" and text[after + 1 : after + 2].isdigit()):
            return True
    # a list marker glued to its item: "1.ประเด็น", "2.พื้นที่" (but "50,000.- บาท" is money)
    glued_item = m.group("trail") == "." and after < len(text) and not text[after].isspace()
    return glued_item and not m.group("lead") and not m.group("money")


def _to_entity(text: str, m: re.Match[str]) -> Entity | None:
    value = parse_number(m.group("num"))
    if value is None:
        return None
    start, end = m.start("num"), m.end("num2") if m.group("num2") else m.end("num")
    attrs: dict = {}
    if m.group("num2"):
        attrs["max"] = parse_number(m.group("num2"))
    if m.group("percent_word") or m.group("percent"):
        label = "PERCENT"
        start = m.start("percent_word") if m.group("percent_word") else start
        end = m.end("percent") if m.group("percent") else end
    elif m.group("money"):
        label, end = "MONEY", m.end("money")
        attrs["unit"] = "บาท"
        if MONEY_UNITS[m.group("money")] != 1:
            value = value * MONEY_UNITS[m.group("money")]
            value = int(value) if isinstance(value, float) and value.is_integer() else value
    elif m.group("unit") and not _splits_cluster(text, m.end("unit")):
        label, end = "COUNT", m.end("unit")
        attrs["unit"] = m.group("unit")
        start = m.start("lead")  # a form blank belongs to the count: "..5...คน"
    else:
        label = "NUMBER"
    return Entity(start, end, text[start:end], label, value, "rule", attrs)


def find_quantities(text: str) -> list[Entity]:
    """NUMBER, PERCENT, MONEY and COUNT entities in ``text``; ``value`` is the number.

    A COUNT has ``attrs["unit"]``; MONEY has ``attrs["unit"] = "บาท"`` and its value in baht
    (``หมื่นบาท``, ``แสนบาท``, ``ล้านบาท`` multiply it); a range (``3-5 หน่วย``) has ``attrs["max"]``.

    >>> [(e.label, e.value, e.text) for e in find_quantities("งบ 50,000 บาท จำนวน ....12..... คน")]
    [('MONEY', 50000, '50,000 บาท'), ('COUNT', 12, '....12..... คน')]
    """
    found = []
    for m in _candidate_matches(text):
        if _glued_to_code(text, m):
            continue
        entity = _to_entity(text, m)
        if entity is not None:
            found.append(entity)
    return found

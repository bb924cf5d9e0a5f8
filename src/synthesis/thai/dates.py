"""Thai dates as reports write them, read into ISO dates.

Forms read: full and abbreviated month names with or without dots (``มกราคม``, ``ม.ค.``,
``มค.``, ``ม.ค``), dates glued to words (``วันที่4กันยายน2563``), Thai digits, Buddhist-Era
years of four or two digits, an optional ``พ.ศ.``/``ค.ศ.`` prefix, ranges (``11-12 กันยายน 2565``,
``30 ก.ย. - 2 ต.ค. 2565``), numeric dates (``21/7/65``; ``21-07-2565`` and ``21.07.2565`` with a
four-digit year only) and month + year (``กันยายน 2563``).

Year rule: a four-digit year of 2400 or more is Buddhist Era (minus 543); a smaller four-digit
year is already Common Era (``27 กุมภาพันธ์ 2013``); a two-digit year is the end of a BE year
(``65`` is 2565), unless ``ค.ศ.`` says otherwise. A date without a year is not read (its year
is unknown), and an impossible date (``31 กุมภาพันธ์ 2565``) is not a date.

>>> parse_thai_date("วันที่ 11-12 กันยายน พ.ศ. 2565")
('2022-09-11', '2022-09-12')
>>> [(e.value, e.attrs) for e in find_dates("ประชุม ๑๙-๒๐ เมย. ๖๒")]
[('2019-04-19', {'era': 'BE', 'end': '2019-04-20'})]
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re

from synthesis.thai.accel import compiled
from synthesis.thai.numbers import thai_digits_to_arabic
from synthesis.thai.scan import Scan, register, scan
from synthesis.thai.spans import Entity

MONTH_NAMES = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
# Abbreviations as sequences of letter groups; dots between and after them are optional.
MONTH_ABBREVIATIONS = (
    ("ม", "ค"), ("ก", "พ"), ("มี", "ค"), ("เม", "ย"), ("พ", "ค"), ("มิ", "ย"),
    ("ก", "ค"), ("ส", "ค"), ("ก", "ย"), ("ต", "ค"), ("พ", "ย"), ("ธ", "ค"),
)
# Misspellings seen in reports, mapped to the month number.
MONTH_VARIANTS = {"กรกฏาคม": 7, "กุมภาพันธ": 2, "พฤศจิกายม": 11}

_D = "[0-9๐-๙]"
_SP = r"[ \t\u00a0]*"
_GAP = rf"{_SP}\n?{_SP}"  # a date may wrap onto the next line
_THAI_LETTER = "[\u0e01-\u0e4e]"


def _month_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for number, name in enumerate(MONTH_NAMES, start=1):
        lookup[name] = number
    for name, number in MONTH_VARIANTS.items():
        lookup[name] = number
    for number, groups in enumerate(MONTH_ABBREVIATIONS, start=1):
        lookup["".join(groups)] = number
    return lookup


_MONTHS = _month_lookup()


def _month_pattern() -> str:
    full = sorted(list(MONTH_NAMES) + list(MONTH_VARIANTS), key=len, reverse=True)
    # "ม.ค.", "ม.ค", "มค.", "มค"; the abbreviation must not run on into a longer Thai word.
    abbreviations = [r"\.?".join(groups) + rf"(?:\.|(?!{_THAI_LETTER}))" for groups in MONTH_ABBREVIATIONS]
    abbreviations.sort(key=len, reverse=True)
    return "|".join(full + abbreviations)


_MONTH = _month_pattern()
# Without a day, a month needs its full name or a dotted abbreviation ("ก.ย. 65", not "กย 65").
# An abbreviation must not be the tail of a Thai word ("...ก.ย." inside a longer string).
_MONTH_WITH_YEAR_ONLY = "|".join(
    sorted(list(MONTH_NAMES) + list(MONTH_VARIANTS), key=len, reverse=True)
    + [rf"(?<!{_THAI_LETTER})" + r"\.".join(groups) + r"\.?" for groups in MONTH_ABBREVIATIONS]
    + [rf"(?<!{_THAI_LETTER})" + "".join(groups) + r"\." for groups in MONTH_ABBREVIATIONS]
)


def _year(n: str) -> str:
    """A year with an optional era prefix; named groups ``era<n>`` and ``y<n>``."""
    return (
        rf"(?:(?P<era{n}>พ\.?{_SP}ศ\.?|ค\.?{_SP}ศ\.?){_SP})?"
        rf"(?P<y{n}>{_D}{{4}}|{_D}{{2}})(?!{_D}|[.:]{_D})"
    )


def _day(name: str) -> str:
    return rf"(?P<{name}>{_D}{{1,2}})"


_RANGE = rf"{_SP}(?:[-–]|ถึง(?:วันที่)?){_SP}"
_DATE = re.compile(
    rf"""
    (?<!{_D})
    (?:
        {_day("d1")}(?:{_RANGE}{_day("d2")})?{_GAP}(?P<m1>{_MONTH})(?:{_SP}{_year("1")})?
        (?:{_RANGE}{_day("d3")}{_GAP}(?P<m3>{_MONTH})(?:{_SP}{_year("3")})?)?
      | {_day("sd")}(?P<sep>[/.-])(?P<sm>{_D}{{1,2}})(?P=sep)(?P<sy>{_D}{{4}}|{_D}{{2}})(?!{_D}|[/.-]{_D})
      | (?P<mm>{_MONTH_WITH_YEAR_ONLY})
        {_SP}{_year("m")}
    )
    """,
    re.VERBOSE,
)


# Where a date may start: a month word (the month + year form), or a run of digits (the
# scan of ``synthesis.thai.scan``). A run is only tried when it can start a date: one or two
# digits, "/", "." or "-", one or two digits and the same separator (``21/7/65``), or followed
# by a month written any way the day-month form accepts, after nothing but what may stand
# between a day and its month (digits, spaces, a line break, dashes, "ถึงวันที่"). Other runs
# cannot match ``_DATE``.
_MONTH_WORDS = (
    [*MONTH_NAMES, *MONTH_VARIANTS]
    + [".".join(groups) for groups in MONTH_ABBREVIATIONS]
    + ["".join(groups) + "." for groups in MONTH_ABBREVIATIONS]
)
register("months", _MONTH_WORDS)
register(
    "day_months",
    [*MONTH_NAMES, *MONTH_VARIANTS]
    + [dots.join(groups) + end for groups in MONTH_ABBREVIATIONS for dots in ("", ".") for end in ("", ".")],
)
_SEPARATORS = frozenset("/.-")
_DIGITS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙")
_BEFORE_MONTH = frozenset(" \t\u00a0\n-–0123456789๐๑๒๓๔๕๖๗๘๙" + "ถึงวันที่")


def _date_starts(text: str, found: Scan) -> list[int]:
    """Where a date may start, sorted (:func:`_python_date_starts` or its compiled twin)."""
    if _fast is not None:
        return _fast.date_starts(text, found.words("months"), found.runs, found.occurrence_array("day_months"))
    return _python_date_starts(text, found)


# The compiled twins of _python_date_starts and _python_date_rows (``_fast_entities.pyx``), or None.
_fast = compiled("entities")


@functools.cache
def _fast_groups():
    """The group numbers of :data:`_DATE`, as the compiled reader takes them."""
    return _fast.DateGroups(dict(_DATE.groupindex))


def _python_date_starts(text: str, found: Scan) -> list[int]:
    """The reference of :func:`_date_starts`."""
    starts = {start for start, _end in found.words("months")}
    runs = found.digit_runs
    run_starts = [start for start, _end in runs]
    for month, _month_end in found.occurrences("day_months") if runs else ():
        if month == 0 or text[month - 1] not in _BEFORE_MONTH:
            continue
        reach = month
        while reach > 0 and text[reach - 1] in _BEFORE_MONTH:
            reach -= 1
        if reach < month:
            i = bisect.bisect_left(run_starts, reach)
            while i < len(runs) and run_starts[i] < month:
                starts.add(run_starts[i])
                i += 1
    for start, end in runs:  # "21/7/65": one or two digits, a separator, one or two digits, it again
        separator = text[end : end + 1]
        if end - start <= 2 and separator in _SEPARATORS and text[end + 1 : end + 2] in _DIGITS:
            after_month = end + 3 if text[end + 2 : end + 3] in _DIGITS else end + 2
            if text[after_month : after_month + 1] == separator:
                starts.add(start)
    return sorted(starts)


def _date_matches(text: str, found: Scan | None = None):
    """Every date-like match (valid or not), left to right, never overlapping."""
    last_end = 0
    for pos in _date_starts(text, found or scan(text)):
        if pos < last_end:
            continue
        m = _DATE.match(text, pos)
        if m:
            last_end = m.end()
            yield m


def _month_number(written: str) -> int:
    return _MONTHS[written.replace(".", "")]


def _to_ce(year_text: str, era_text: str | None) -> tuple[int, str]:
    """(Common-Era year, "BE"/"CE") for a written year and optional era prefix."""
    year = int(thai_digits_to_arabic(year_text))
    era = era_text.replace(".", "").replace(" ", "") if era_text else None
    if len(year_text) == 2:
        if era == "คศ":
            return 2000 + year, "CE"
        return 2500 + year - 543, "BE"
    if era == "พศ" or (era is None and year >= 2400):
        return year - 543, "BE"
    return year, "CE"


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _read(m: re.Match[str]) -> tuple[str, str | None, dict] | None:
    """(ISO start, ISO end or None, attrs) of one regex match, or None if it is no real date."""
    g = m.groupdict()
    if g["sd"]:
        if g["sep"] != "/" and len(g["sy"]) != 4:
            return None  # "1.2.65" or "3-5-10" is more likely a list number or a range
        year, era = _to_ce(g["sy"], None)
        start = _iso(year, int(thai_digits_to_arabic(g["sm"])), int(thai_digits_to_arabic(g["sd"])))
        return (start, None, {"era": era}) if start else None
    if g["mm"]:
        year, era = _to_ce(g["ym"], g["eram"])
        start = _iso(year, _month_number(g["mm"]), 1)
        return (start, None, {"era": era, "precision": "month"}) if start else None

    month1 = _month_number(g["m1"])
    day1 = int(thai_digits_to_arabic(g["d1"]))
    if g["d3"]:  # "30 ก.ย. - 2 ต.ค. 2565" or "30 ก.ย. 2565 - 2 ต.ค. 2565"
        if not (g["y3"] or g["y1"]):
            return None
        month3 = _month_number(g["m3"])
        end_year, era = _to_ce(g["y3"] or g["y1"], g["era3"] if g["y3"] else g["era1"])
        if g["y1"]:
            start_year, era = _to_ce(g["y1"], g["era1"])
        else:
            start_year = end_year - 1 if month1 > month3 else end_year
        start = _iso(start_year, month1, day1)
        end = _iso(end_year, month3, int(thai_digits_to_arabic(g["d3"])))
    else:
        if not g["y1"]:
            return None
        year, era = _to_ce(g["y1"], g["era1"])
        start = _iso(year, month1, day1)
        end = _iso(year, month1, int(thai_digits_to_arabic(g["d2"]))) if g["d2"] else None
        if g["d2"] and end is None:
            return None
    if start is None or (end is not None and end < start):
        return None
    attrs: dict = {"era": era}
    if end:
        attrs["end"] = end
    return start, end, attrs


def _span_end(m: re.Match[str]) -> int:
    """Where the date ends: after its last read part (not after trailing text of the regex)."""
    for group in ("y3", "m3", "y1", "m1", "sy", "ym"):
        if m.group(group):
            return m.end(group)
    return m.end()


def date_rows(text: str, found: Scan | None = None) -> list[tuple]:
    """(start, end, "DATE", ISO start, "rule", attrs) of every date: :func:`find_dates` without
    building entities (``find_entities`` builds only those that survive)."""
    if _fast is not None:
        return _fast.date_rows(text, _date_starts(text, found or scan(text)), _DATE, _MONTHS, _fast_groups())
    return _python_date_rows(text, found)


def _python_date_rows(text: str, found: Scan | None = None) -> list[tuple]:
    """The reference of :func:`date_rows`."""
    rows = []
    for m in _date_matches(text, found):
        read = _read(m)
        if read is not None:
            rows.append((m.start(), _span_end(m), "DATE", read[0], "rule", read[2]))
    return rows


def find_dates(text: str) -> list[Entity]:
    """DATE entities: ``value`` is the ISO start; ``attrs`` has ``era``, and ``end`` for ranges.

    >>> [(e.text, e.value) for e in find_dates("วันที่4กันยายน2563 และ 27 กุมภาพันธ์ 2013")]
    [('4กันยายน2563', '2020-09-04'), ('27 กุมภาพันธ์ 2013', '2013-02-27')]
    """
    return [Entity(s, e, text[s:e], label, value, source, attrs) for s, e, label, value, source, attrs in date_rows(text)]


def parse_thai_date(s: str) -> tuple[str, str | None] | None:
    """The first date written in ``s`` as (ISO start, ISO end or None), or None.

    >>> parse_thai_date("21/7/65"), parse_thai_date("30 ก.ย. - 2 ต.ค. 2565")
    (('2022-07-21', None), ('2022-09-30', '2022-10-02'))
    >>> parse_thai_date("31 กุมภาพันธ์ 2565") is None
    True
    """
    for m in _date_matches(s):
        read = _read(m)
        if read is not None:
            return read[0], read[1]
        return None  # the first date-like text is impossible: do not skip to a later one
    return None

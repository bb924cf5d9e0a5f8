"""Counted quantities of a line, as the indicator reader needs them.

A thin layer over :func:`synthesis.thai.numbers.find_quantities` (which feeds a compiled twin
and is not changed here): it adds the classifiers reports use for things that are counted but
that the Thai layer does not list (``43 ลำ``, ``6 วง``), drops durations (``ภายใน 3 ปี``) and
keeps a bare number only where the caller asks for it (``ลดจาก 38 เหลือ 6 ครัวเรือน``:
the 38 takes the unit of the 6).

>>> [(q.value, q.unit) for q in counted_quantities("เรือ 43 ลำ ภายใน 3 ปี ร้อยละ 71")]
[(43, 'ลำ'), (71, '%')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synthesis.thai.numbers import find_quantities

# Classifiers of counted things that the Thai layer's COUNT units leave out.
EXTRA_UNITS = ("ลำ", "วง", "อัน", "ชุด", "เครื่อง", "คัน", "หลัง", "ถัง", "แปลง", "ราย", "จุด", "ร้าน", "ขวด", "ถุง",
               "ข้อตกลง", "บัญชี")
DURATION_UNITS = frozenset({"ปี", "เดือน", "วัน", "สัปดาห์", "ชั่วโมง", "นาที"})
_EXTRA_UNIT = re.compile(r"[ \t]*(" + "|".join(sorted(EXTRA_UNITS, key=len, reverse=True)) + r")(?![ก-ฮ])")
_NAMES_A_NUMBER = re.compile(r"(?:มาตรา|หมู่ที่|ข้อ|ครั้งที่|รุ่นที่|เขต)[ \t]*$")
_BEFORE_NO_COUNT = re.compile(r"(?:มาตรา|หมู่ที่|ม\.|ปี|พ\.ศ\.|ข้อ|ที่|ครั้งที่|รุ่นที่|เขต|ST-)[ \t]*$")


@dataclass(frozen=True)
class Quantity:
    """A number that counts something: value, unit (``%`` for a percentage), where it is."""

    start: int
    end: int
    value: float
    unit: str | None
    label: str  # COUNT, PERCENT, MONEY or NUMBER (a bare number, unit unknown)
    text: str


def counted_quantities(line: str, bare: bool = False) -> list[Quantity]:
    """The quantities of ``line`` that count something, in order; durations left out.

    ``bare=True`` keeps bare numbers too (label NUMBER, unit None), except those that name
    something (``มาตรา 40``, ``หมู่ที่ 3``, a year).

    >>> [(q.value, q.label) for q in counted_quantities("มาตรา 40 ลดจาก 38 เหลือ 6 ครัวเรือน", bare=True)]
    [(38, 'NUMBER'), (6, 'COUNT')]
    """
    found = []
    for entity in find_quantities(line):
        label, unit, end = entity.label, entity.attrs.get("unit"), entity.end
        if label == "COUNT" and _NAMES_A_NUMBER.search(line[:entity.start]):
            continue  # "มาตรา 40 รายใหม่": a section's number, not 40 people
        if label == "PERCENT":
            unit = "%"
        elif label == "NUMBER":
            extra = _EXTRA_UNIT.match(line, entity.end)
            if extra:
                label, unit, end = "COUNT", extra.group(1), extra.end()
            elif not bare or _BEFORE_NO_COUNT.search(line[:entity.start]) or _is_year(entity.value):
                continue
        if unit in DURATION_UNITS:
            continue
        found.append(Quantity(entity.start, end, entity.value, unit, label, line[entity.start:end]))
    return found


def _is_year(value) -> bool:
    return isinstance(value, int) and (2400 <= value <= 2600 or 1950 <= value <= 2100)

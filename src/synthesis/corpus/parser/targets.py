"""Targets and indicators stated as numbers (``อย่างน้อยร้อยละ 60``), with their unit.

A line states targets when it uses a target word (เป้าหมาย, ตัวชี้วัด, อย่างน้อย …); the list
items under a line that announces targets (``ตั้งเป้าหมายร่วมกัน ดังนี้``) state them too.
Counts of time (``ภายใน 3 ปี``) and bare numbers (``มาตรา 40``) are not targets.

>>> from synthesis.corpus.parser.lines import split_lines
>>> text = "ตั้งเป้าหมาย ดังนี้\\n1. มีหน่วยบริการ 2 หน่วย\\n2. สมาชิกร้อยละ 60 ภายใน 3 ปี"
>>> [(t["value"], t["unit"]) for t in stated_targets(text, split_lines(text))]
[(2, 'หน่วย'), (60, 'ร้อยละ')]
"""

from __future__ import annotations

import re
from typing import Any

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.lines import Line

_TARGET_WORDS = re.compile(r"เป้าหมาย|เป้า|ตัวชี้วัด|ตัวชีวัด|อย่างน้อย|ไม่น้อยกว่า|ไม่ต่ำกว่า|ให้ได้")
_ANNOUNCES_LIST = re.compile(r"(?:ดังนี้|คือ|ได้แก่|[:：])[ \t]*$")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[0-9๐-๙]+(?:[.)][0-9๐-๙]*)+|[-•*])[ \t]*")
_TIME_UNITS = frozenset({"ปี", "เดือน", "วัน", "สัปดาห์", "ชั่วโมง", "นาที"})
_UNIT_OF_LABEL = {"PERCENT": "ร้อยละ", "MONEY": "บาท"}


def target_lines(lines: list[Line]) -> list[Line]:
    """Lines that state targets: with a target word, or list items under a line announcing them."""
    found: list[Line] = []
    parent: int | None = None  # depth of the line that announced a list of targets
    for line in lines:
        depth = _depth(line.text)
        inside = parent is not None and depth is not None and depth > parent
        if _TARGET_WORDS.search(line.text):
            found.append(line)
            if _ANNOUNCES_LIST.search(line.text):
                parent = depth or 0
            elif not inside:
                parent = None
        elif inside:
            found.append(line)
        else:
            parent = None
    return found


def _depth(line: str) -> int | None:
    """How deep a list item is (``3.`` 1, ``3.1`` 2, a bullet 9), None for a plain line."""
    marker = _LIST_MARKER.match(line)
    if not marker or not marker.group().strip():
        return None
    numbers = re.findall(r"[0-9๐-๙]+", marker.group())
    return len(numbers) if numbers else 9


def stated_targets(text: str, lines: list[Line]) -> list[dict[str, Any]]:
    """Numbers stated as targets or indicators, with their unit and the line they stand in."""
    targets = []
    for line in target_lines(lines):
        marker = _LIST_MARKER.match(line.text)
        skip = marker.end() if marker else 0  # "3.2 คนขับ…": the item number is no count
        for entity in thai.find_quantities(line.text[skip:]):
            unit = entity.attrs.get("unit") or _UNIT_OF_LABEL.get(entity.label)
            if entity.label not in ("COUNT", "PERCENT", "MONEY") or unit in _TIME_UNITS:
                continue
            targets.append({
                "label": entity.label,
                "value": entity.value,
                "unit": unit,
                "text": entity.text,
                "start": line.start + skip + entity.start,
                "end": line.start + skip + entity.end,
                "context": line.stripped[:300],
            })
    return targets

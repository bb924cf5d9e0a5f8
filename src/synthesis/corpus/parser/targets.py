"""Targets and indicators stated as numbers (``อย่างน้อยร้อยละ 60``), with their unit.

A target is the number right after a target word (เป้าหมาย, ตัวชี้วัด, อย่างน้อย …), so that
``เป้าหมาย 10 คน ได้จริง 8 คน`` gives 10 only; every number of a list item under a line that
announces targets (``ตั้งเป้าหมายร่วมกัน ดังนี้``) is one too.
Counts of time (``ภายใน 3 ปี``) and bare numbers (``มาตรา 40``) are not targets.

Each target also carries what it counts, read by :mod:`synthesis.facts.statements`
(``subject`` in the text's words, ``comparison`` ``>=``/``<=``/``=``, ``restated`` when it
repeats beside a result, ``deadline``), where that reader finds the same number.

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
_REACH = 40  # characters after a target word within which its number must start


def target_lines(lines: list[Line]) -> list[tuple[Line, bool]]:
    """Lines that state targets, each with whether the whole line is a target (a list item
    under a line announcing targets) or only what follows its target words."""
    found: list[tuple[Line, bool]] = []
    parent: int | None = None  # depth of the line that announced a list of targets
    for line in lines:
        depth = _depth(line.text)
        inside = parent is not None and depth is not None and depth > parent
        if _TARGET_WORDS.search(line.text):
            found.append((line, inside))
            if _ANNOUNCES_LIST.search(line.text):
                parent = depth or 0
            elif not inside:
                parent = None
        elif inside:
            found.append((line, True))
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


def _after_target_words(text: str, quantities: list) -> list:
    """The quantity stated right after each target word (and one in brackets after it):
    ``เป้าหมาย 10 คน ได้จริง 8 คน`` gives 10, not 8."""
    chosen = []
    for word in _TARGET_WORDS.finditer(text):
        following = [q for q in quantities if word.end() <= q.start <= word.end() + _REACH]
        if not following:
            continue
        first = following[0]
        chosen.append(first)
        rest = [q for q in quantities if q.start > first.end]
        if rest and re.fullmatch(r"[ \t]*\([ \t]*(?:ประมาณ|หรือ|คิดเป็น)?[ \t]*", text[first.end:rest[0].start]):
            chosen.append(rest[0])
    unique = {(q.start, q.end): q for q in chosen}  # Entity holds a dict: not hashable
    return [unique[key] for key in sorted(unique)]


def stated_targets(text: str, lines: list[Line]) -> list[dict[str, Any]]:
    """Numbers stated as targets or indicators, with their unit, the line they stand in and
    (where the statement reader finds them) their subject and comparison."""
    from synthesis.facts.statements import read_statements

    read = {s.start: s for s in read_statements(text)}
    targets = []
    for line, whole in target_lines(lines):
        marker = _LIST_MARKER.match(line.text)
        skip = marker.end() if marker else 0  # "3.2 คนขับ…": the item number is no count
        content = line.text[skip:]
        quantities = [q for q in thai.find_quantities(content) if _is_target_quantity(q)]
        for entity in (quantities if whole else _after_target_words(content, quantities)):
            targets.append({
                "label": entity.label,
                "value": entity.value,
                "unit": _unit(entity),
                "text": entity.text,
                "start": line.start + skip + entity.start,
                "end": line.start + skip + entity.end,
                "context": line.stripped[:300],
                **_what(read.get(line.start + skip + entity.start)),
            })
    # targets the statement reader finds that the rules above miss (a declaration listing
    # several in one line: ``ตั้งเป้าหมาย คือ … 60 คน และมี อสอช. 6 คน``)
    known = {t["start"] for t in targets}
    for statement in read.values():
        if statement.role == "target" and statement.start not in known and statement.unit:
            label = "PERCENT" if statement.unit == "%" else "MONEY" if statement.unit == "บาท" else "COUNT"
            targets.append({
                "label": label, "value": statement.value,
                "unit": "ร้อยละ" if statement.unit == "%" else statement.unit,
                "text": text[statement.start:statement.end], "start": statement.start, "end": statement.end,
                "context": statement.sentence[:300], **_what(statement),
            })
    return sorted(targets, key=lambda t: t["start"])


def _what(statement) -> dict[str, Any]:
    """What the statement reader says the number counts (empty fields when it has no reading)."""
    if statement is None:
        return {"subject": None, "comparison": None, "restated": None, "deadline": None}
    return {"subject": statement.subject or None, "comparison": statement.comparison,
            "restated": statement.restated, "deadline": statement.deadline}


def _unit(entity) -> str | None:
    return entity.attrs.get("unit") or _UNIT_OF_LABEL.get(entity.label)


def _is_target_quantity(entity) -> bool:
    return entity.label in ("COUNT", "PERCENT", "MONEY") and _unit(entity) not in _TIME_UNITS

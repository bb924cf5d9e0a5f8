"""The numbers a sentence states: digits (Thai or Arabic, with thousands commas) and Thai
number words (``สี่สิบ``, ``หกพัน``, ``สามเดือน``), for checking a card point against its sources.

Number words are read on whole tokens only, so ``สามารถ``, ``ร้อยละ``, ``เก้าอี้``,
``พันธุ์``, ``ห้าม`` are not numbers; ``หนึ่ง`` alone (an article as often as a count) is left
out. Digits come from :func:`synthesis.thai.numbers.find_quantities` (money multipliers such
as ``5 หมื่นบาท`` give 50000) and a plain digit scan, so ``96,900`` is 96900. A Buddhist-Era
year also matches its short form and its Common-Era year (``2565`` ~ ``65`` ~ ``2022``).

>>> sorted(stated_numbers("ลดจาก 38 เหลือหกครัวเรือน ใช้เงิน 96,900 บาท"))
[6, 38, 96900]
>>> sorted(stated_numbers("ผู้นำสามารถพูดคุยได้ร้อยละ 40 และนั่งเก้าอี้"))
[40]
"""

from __future__ import annotations

import functools
import re

_DIGITS = re.compile(r"[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+(?:\.[0-9๐-๙]+)?|[0-9๐-๙]+(?:\.[0-9๐-๙]+)?")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ALL_DIGITS = "0123456789๐๑๒๓๔๕๖๗๘๙"
_MULTIPLIER = re.compile(r"[ \t]*(ล้าน|แสน|หมื่น|พัน)")
_MULTIPLIERS = {"ล้าน": 1_000_000, "แสน": 100_000, "หมื่น": 10_000, "พัน": 1_000}
_NUMBER_WORD_PARTS = ("หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ", "ยี่", "เอ็ด",
                      "ร้อย", "พัน", "หมื่น", "แสน", "ล้าน")
_WORD_NUMBER = re.compile("(?:" + "|".join(sorted(_NUMBER_WORD_PARTS, key=len, reverse=True)) + ")+")
# Words that follow a number word and make it no count ("สองข้าง" both sides is a count; these are not)
_NOT_AFTER = ("ละ",)  # ร้อยละ (percent) when split as ร้อย + ละ


def _value(text: str) -> float | None:
    try:
        value = float(text.translate(_TO_ARABIC).replace(",", ""))
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


@functools.lru_cache(maxsize=4096)
def _word_value(word: str) -> int | None:
    from pythainlp.util import thaiword_to_num

    try:
        return int(thaiword_to_num(word))
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def number_words(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, value)`` of Thai number words, read on whole tokens (``หนึ่ง`` alone left out).

    >>> [(v) for _, _, v in number_words("ปีนั้นป่วยสี่คน คืนเงินหกพันกว่าบาท")]
    [4, 6000]
    """
    from synthesis.thai.tokenize import tokenize

    found = []
    tokens = [t for t in tokenize(text) if not t.is_space]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not _WORD_NUMBER.fullmatch(token.text):
            index += 1
            continue
        start, end, word = token.start, token.end, token.text
        while index + 1 < len(tokens) and _WORD_NUMBER.fullmatch(tokens[index + 1].text) \
                and tokens[index + 1].start == end:
            index += 1
            end, word = tokens[index].end, word + tokens[index].text
        index += 1
        following = text[end:end + 2]
        before = text[:start].rstrip(" \t")
        if word == "หนึ่ง" or following.startswith(_NOT_AFTER) or (before and before[-1] in _ALL_DIGITS):
            continue  # an article, ร้อยละ, or a multiplier after digits ("5 หมื่นบาท")
        value = _word_value(word)
        if value is not None:
            found.append((start, end, value))
    return found


_POWERS = {"ล้าน": 1_000_000, "แสน": 100_000, "หมื่น": 10_000, "พัน": 1_000, "ร้อย": 100}
_DIGIT_WORDS = {"หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9}


def colloquial_value(word: str) -> int | None:
    """The spoken reading of a number word that ends in a digit right after a power word:
    ``แสนห้า`` is 150,000, ``สองหมื่นห้า`` 25,000, ``พันสอง`` 1,200 (None otherwise).

    >>> colloquial_value("แสนห้า"), colloquial_value("สองหมื่นห้า"), colloquial_value("ห้าสิบ")
    (150000, 25000, None)
    """
    for digit, d in _DIGIT_WORDS.items():
        if not word.endswith(digit):
            continue
        head = word[: -len(digit)]
        for power, p in _POWERS.items():
            if head.endswith(power):
                base = _word_value(head) if head != power else p
                return None if base is None else base + d * p // 10
    return None


@functools.lru_cache(maxsize=20000)
def stated_numbers(text: str) -> frozenset[float]:
    """Every number ``text`` states, as values (digits, money multipliers, number words).

    >>> sorted(stated_numbers("งบ 5 หมื่นบาท ๓ โครงการ"))
    [3, 5, 50000]
    """
    from synthesis.thai.numbers import find_quantities

    values: set[float] = set()
    for match in _DIGITS.finditer(text):
        value = _value(match.group())
        if value is not None:
            values.add(value)
    for entity in find_quantities(text):
        if isinstance(entity.value, (int, float)):
            values.add(entity.value)
    for start, end, value in number_words(text):
        values.add(value)
        spoken = colloquial_value(text[start:end])
        if spoken is not None:
            values.add(spoken)
    return frozenset(values)


def same_number(values: float | set[float], others: set[float]) -> bool:
    """True when a value (or one of several readings) is among ``others``; a Buddhist-Era
    year matches its short form and its Common-Era year.

    >>> same_number(2565, {65}), same_number(2565, {2022}), same_number(60, {6}), same_number({5, 50000}, {50000})
    (True, True, False, True)
    """
    for value in (values if isinstance(values, set) else {values}):
        if value in others:
            return True
        if isinstance(value, int) and 2400 <= value <= 2700 and ((value - 2500) in others or (value - 543) in others):
            return True
    return False


_NAME_NUMBER = re.compile(r"(?:มาตรา|ม\.|หมู่ที่|หมู่|ข้อ|ครั้งที่|รุ่นที่|เขต|เขตสุขภาพที่|ฉบับที่|ST-)[ \t]*$")


def point_numbers(text: str) -> list[tuple[str, set[float]]]:
    """The numbers of a card point worth checking, as ``(as written, values it may be)``:
    digits (with a multiplier word after them, both readings) and number words; not a list
    marker ("1.") at the start, nor a number that names something (``มาตรา 40``, ``หมู่ที่ 3``,
    ``เขต 12``, ``ST-5``).

    >>> point_numbers("ผู้ประกันตนมาตรา 40 เพิ่มเป็น 64 คน ในเขต 12")
    [('64', {64})]
    >>> point_numbers("ผู้ประกันตนเพิ่มจาก 21 เป็นหกสิบสี่คน งบ 5 หมื่นบาท")
    [('21', {21}), ('หกสิบสี่', {64}), ('5', {50000, 5})]
    """
    found = []
    for match in _DIGITS.finditer(text):
        if match.start() == 0 and text[match.end():match.end() + 1] in (".", ")"):
            continue
        if _NAME_NUMBER.search(text, 0, match.start()):
            continue
        value = _value(match.group())
        if value is None:
            continue
        values = {value}
        multiplier = _MULTIPLIER.match(text, match.end())
        if multiplier:
            values.add(value * _MULTIPLIERS[multiplier.group(1)])
        found.append((match.start(), match.group(), values))
    for start, end, value in number_words(text):
        spoken = colloquial_value(text[start:end])
        found.append((start, text[start:end], {value} if spoken is None else {value, spoken}))
    return [(written, values) for _, written, values in sorted(found, key=lambda item: item[0])]

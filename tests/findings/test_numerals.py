"""Reading the numbers of a point and of its passages: digits, Thai digits, number words, traps."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from synthesis.findings.numerals import colloquial_value, number_words, point_numbers, same_number, stated_numbers

LABELLED = Path(__file__).resolve().parents[1] / "data" / "findings" / "numbers.yaml"


@pytest.mark.parametrize("text", ["สมาชิกสามารถมาประชุมได้", "ร้อยละของผู้ประกันตน", "นั่งเก้าอี้พนักพิง",
                                  "แจกพันธุ์ยาง", "ห้ามใช้น้ำกรด", "หนึ่งในผู้นำกลุ่ม"])
def test_numerals_words_containing_number_syllables_are_no_numbers(text):
    assert number_words(text) == []


@pytest.mark.parametrize("text, value", [("ป่วยสี่คน", 4), ("เหลือสิบเจ็ดคน", 17), ("คืนเงินหกพันกว่าบาท", 6000),
                                         ("มีสมาชิกห้าสิบแปดคน", 58)])
def test_numerals_reads_thai_number_words(text, value):
    assert [v for _, _, v in number_words(text)] == [value]


@pytest.mark.parametrize("word, value", [("แสนห้า", 150000), ("สองหมื่นห้า", 25000), ("พันสอง", 1200), ("ห้าสิบ", None)])
def test_numerals_spoken_forms(word, value):
    assert colloquial_value(word) == value


@pytest.mark.parametrize("text", ["ผู้ประกันตนมาตรา 40", "หมู่ที่ 3", "เขต 12", "แบบคัดกรอง ST-5", "1. จัดอบรม"])
def test_numerals_numbers_that_name_things_are_not_checked(text):
    assert point_numbers(text) == []


@pytest.mark.parametrize("values, others, same", [(2565, {65}, True), (2565, {2022}, True), (60, {6}, False),
                                                   ({5, 50000}, {50000}, True)])
def test_numerals_same_number_across_forms(values, others, same):
    assert same_number(values, others) is same


def test_numerals_passages_with_thai_digits_and_commas():
    assert {38, 6, 96900} <= stated_numbers("ลดจาก ๓๘ เหลือ ๖ ครัวเรือน งบ 96,900 บาท")


def test_numerals_labelled_set_precision_and_recall():
    sentences = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["sentences"]
    hits = found = expected = 0
    for sentence in sentences:
        got = [values for _, values in point_numbers(sentence["text"])]
        wanted = list(sentence["numbers"])
        found += len(got)
        expected += len(wanted)
        for values in got:
            match = next((w for w in wanted if w in values), None)
            if match is not None:
                wanted.remove(match)
                hits += 1
    assert hits / found >= 0.95 and hits / expected >= 0.95, (hits, found, expected)

"""Targets stated as numbers: target words, lists announced as targets, what is not a target."""

from __future__ import annotations

import pytest

from synthesis.corpus.parser import parse_document

LIST = """ผลที่ได้
1. ได้ข้อมูลพื้นฐานคนกรีดยาง 120 คน
2. ที่ประชุมตั้งเป้าหมายร่วมกันภายใน 3 ปี ดังนี้
   2.1 เกิดหน่วยบริการชุมชน 2 หน่วย
   2.2 ผู้กรีดยางเป็นผู้ประกันตนตามมาตรา 40 ไม่น้อยกว่าร้อยละ 60
   2.3 มี อสอช. 10 คน
3. เสนอโครงการต่อกองทุน วงเงิน 35,000 บาท
"""


def _targets(text):
    return [(t["label"], t["value"], t["unit"]) for t in parse_document(text).targets]


def test_targets_list_announced_as_targets():
    assert _targets(LIST) == [("COUNT", 2, "หน่วย"), ("PERCENT", 60, "ร้อยละ"), ("COUNT", 10, "คน")]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("สมาชิกเป็นผู้ประกันตนอย่างน้อยร้อยละ 60", [("PERCENT", 60, "ร้อยละ")]),
        ("ตัวชี้วัด: มีแกนนำ ๕ คน ต่อตำบล", [("COUNT", 5, "คน")]),
        ("เป้าหมายงบประมาณ 50,000 บาท", [("MONEY", 50000, "บาท")]),
        ("ตั้งเป้าหมายให้เสร็จภายใน 2 ปี", []),
        ("ผู้ประกันตนตามมาตรา 40 เป็นเป้าหมาย", []),
        ("ได้แผนที่จุดเสี่ยง 1 ชุด", []),
    ],
    ids=["percent", "thai-digits", "money", "time-is-not-a-target", "law-section", "no-target-word"],
)
def test_targets_stated_in_a_line(line, expected):
    assert _targets(f"บันทึก\n{line}\n") == expected


def test_targets_offsets_and_context():
    report = parse_document(LIST)
    for target in report.targets:
        assert report.text[target["start"]:target["end"]] == target["text"]
        assert target["text"] in target["context"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("อสอช. เป้าหมาย 10 คน ได้จริง 8 คน ยังขาดอีก 2 คน", [("COUNT", 10, "คน")]),
        ("สมาชิกเพิ่มจาก 21 เป็น 52 คน (เป้าหมาย 60 คน) ครอบคลุม 9 ครัวเรือน", [("COUNT", 60, "คน")]),
        ("ไม่น้อยกว่าร้อยละ 60 (ประมาณ 88 คน) ภายในปีนี้", [("PERCENT", 60, "ร้อยละ"), ("COUNT", 88, "คน")]),
    ],
    ids=["target-then-result", "result-then-target", "bracketed-equivalent"],
)
def test_targets_only_the_number_after_the_target_word(line, expected):
    assert _targets(f"บันทึก\n{line}\n") == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("ที่ประชุมตั้งเป้าหมาย คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน และมี อสอช. 6 คน",
         [(60, "ผู้ประกันตนมาตรา 40", ">="), (6, "อสอช.", "=")]),
        ("ครัวเรือนที่ใช้น้ำกรดลดจาก 38 เหลือ 6 ครัวเรือน (เป้าหมายไม่เกิน 10 ครัวเรือน)",
         [(10, "ครัวเรือนที่ใช้น้ำกรด", "<=")]),
    ],
    ids=["declared", "restated-beside-a-result"],
)
def test_targets_carry_what_they_count(line, expected):
    found = parse_document(f"บันทึก\n{line}\n").targets
    assert [(t["value"], t["subject"], t["comparison"]) for t in found] == expected

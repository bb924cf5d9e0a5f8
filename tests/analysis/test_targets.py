"""Targets stated in the texts are paired with the numbers reported as achieved."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from synthesis.analysis.targets import numeric_statements, targets_vs_achieved
from synthesis.facts.subjects import MAX_SUBJECT
from synthesis.thai.numbers import find_quantities


def _tables(texts: dict[str, tuple[str, str]]):
    """documents/segments/entities tables for {doc_id: (date, text)}, one sentence each."""
    docs, segs, ents = [], [], []
    for doc_id, (date, text) in texts.items():
        docs.append({"doc_id": doc_id, "date": date, "title": f"เอกสาร {doc_id}"})
        segs.append({"doc_id": doc_id, "seg_id": 0, "kind": "sentence", "start": 0, "end": len(text),
                     "section": None, "text": text})
        for e in find_quantities(text):
            ents.append({"doc_id": doc_id, "start": e.start, "end": e.end, "text": e.text, "label": e.label,
                         "value": str(e.value), "attrs": json.dumps(e.attrs, ensure_ascii=False)})
    return pd.DataFrame(docs), pd.DataFrame(segs), pd.DataFrame(ents)


def _pairs(texts):
    table = targets_vs_achieved(numeric_statements(*_tables(texts)))
    return [(r.unit, r.target, None if pd.isna(r.achieved) else r.achieved, r.how) for r in table.itertuples()]


@pytest.mark.parametrize("text, expected", [
    ("ผู้ประกันตนมาตรา 40 38 คน (เป้าหมาย 50 คน)", [("คน", 50.0, 38.0, "same sentence")]),
    ("เรือที่มีเสื้อชูชีพ ร้อยละ 64 เป้าหมายร้อยละ 80", [("%", 80.0, 64.0, "same sentence")]),
    ("หน่วยบริการชุมชน เป้าหมาย ๓ หน่วย เกิดขึ้น ๓ หน่วย", [("หน่วย", 3.0, 3.0, "same sentence")]),
    ("แกนนำ เป้าหมาย ๑๕ คน มีจริง ๑๒ คน", [("คน", 15.0, 12.0, "same sentence")]),
    ("ตั้งเป้าหมายอบรมแกนนำ 20 คน", [("คน", 20.0, None, "—")]),
])
def test_targets_pair_in_the_same_sentence(text, expected):
    assert _pairs({"d": ("2023-01-01", text)}) == expected


@pytest.mark.parametrize("text", ["ดำเนินงานต่อเนื่อง เป้าหมาย 4 ปี", "มีผู้เข้าร่วม 30 คน จาก 3 หมู่บ้าน"])
def test_targets_durations_and_plain_counts_are_not_targets(text):
    statements = numeric_statements(*_tables({"d": ("2022-01-01", text)}))
    assert (statements["role"] == "target").sum() == 0


@pytest.mark.parametrize("result_date, paired", [("2023-09-01", True), ("2021-01-01", False)])
def test_targets_later_document_pairs_by_subject_and_date(result_date, paired):
    pairs = _pairs({
        "plan": ("2022-03-01", "ตั้งเป้าหมายหน่วยบริการชุมชน 3 หน่วย"),
        "result": (result_date, "ผลการดำเนินงาน หน่วยบริการชุมชน 2 หน่วย"),
    })
    assert pairs == ([("หน่วย", 3.0, 2.0, "later document")] if paired else [("หน่วย", 3.0, None, "—")])


def test_targets_unrelated_subject_is_not_paired():
    pairs = _pairs({
        "plan": ("2022-03-01", "ตั้งเป้าหมายสมาชิกกลุ่มออมทรัพย์ 40 คน"),
        "result": ("2023-03-01", "เรือประมงติดวิทยุสื่อสาร 12 คน"),
    })
    assert pairs == [("คน", 40.0, None, "—")]


@pytest.mark.parametrize("text", [
    "ตั้งเป้าหมายให้ประกันสังคมจัดหน่วยเคลื่อนที่ไปรับสมัครที่หน่วยบริการชุมชนอย่างน้อย 2 ครั้ง",
    "คนกรีดยางได้รู้ผลตรวจสารเคมีในเลือดของตนเองทั้งตำบลทุกหมู่บ้าน 96 คน (เป้าหมาย 100 คน)",
])
def test_targets_subject_never_starts_inside_a_grapheme_cluster(text):
    from synthesis.thai.graphemes import is_boundary

    table = targets_vs_achieved(numeric_statements(*_tables({"d": ("2023-01-01", text)})))
    subject = table["subject"].iloc[0]
    assert subject and len(subject) <= MAX_SUBJECT and text.find(subject) >= 0
    assert is_boundary(text, text.find(subject))


def test_targets_the_issue_15_traps_through_the_old_table():
    pairs = _pairs({
        "set": ("2019-12-18", "ที่ประชุมตั้งเป้าหมายภายในปี 2565 คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน มี อสอช. 6 คน"),
        "end": ("2023-07-21", "ผลที่เกิดขึ้นจริง\n2. ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน (เป้าหมาย 60 คน) "
                              "แต่มี 11 คนขาดส่ง\n5. อสอช. 6 คน ตามเป้าหมาย ยังทำงานอยู่ 5 คน"),
    })
    # 60 is paired with 64, never with the 11 in arrears; the volunteers are target 6, result 6
    assert pairs == [("คน", 60.0, 64.0, "later document"), ("คน", 6.0, 6.0, "later document")]

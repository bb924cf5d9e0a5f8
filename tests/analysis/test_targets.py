"""Targets stated in the texts are paired with the numbers reported as achieved."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from synthesis.analysis.targets import numeric_statements, targets_vs_achieved
from synthesis.thai.numbers import find_quantities


def _tables(texts: dict[str, tuple[str, str, str | None]]):
    """documents/segments/entities tables for {doc_id: (date, text, section)} (one segment each)."""
    docs, segs, ents = [], [], []
    for doc_id, (date, text, section) in texts.items():
        docs.append({"doc_id": doc_id, "date": date, "title": f"เอกสาร {doc_id}"})
        segs.append({"doc_id": doc_id, "seg_id": 0, "kind": "sentence", "start": 0, "end": len(text),
                     "section": section, "text": text})
        for e in find_quantities(text):
            ents.append({"doc_id": doc_id, "start": e.start, "end": e.end, "text": e.text, "label": e.label,
                         "value": str(e.value), "attrs": json.dumps(e.attrs, ensure_ascii=False)})
    return pd.DataFrame(docs), pd.DataFrame(segs), pd.DataFrame(ents)


@pytest.mark.parametrize("text, section, role", [
    ("ตั้งเป้าหมายจัดตั้งหน่วยบริการชุมชน 3 หน่วย", "activities", "target"),
    ("ที่ประชุมกำหนดให้มีสมาชิกอย่างน้อย 60 คน", None, "target"),
    ("เกิดหน่วยบริการชุมชน 2 หน่วย", "activities", "achieved"),
    ("สมาชิกสมัครมาตรา 40 เพิ่มขึ้น ๒๓ คน", None, "achieved"),
    ("มีผู้เข้าร่วม 30 คน", "outcomes", "achieved"),
])
def test_targets_role_comes_from_the_nearest_cue_or_the_section(text, section, role):
    docs, segs, ents = _tables({"d": ("2023-01-01", text, section)})
    statements = numeric_statements(docs, segs, ents)
    assert statements["role"].tolist() == [role]


def test_targets_numbers_without_cue_outside_outcomes_are_left_out():
    docs, segs, ents = _tables({"d": ("2023-01-01", "ประชุมที่ห้องประชุม อบต. มีผู้เข้าร่วม 30 คน", "activities")})
    assert numeric_statements(docs, segs, ents).empty


def test_targets_pairs_target_with_achieved_of_same_unit_and_words():
    docs, segs, ents = _tables({
        "plan": ("2022-03-01", "ตั้งเป้าหมายจัดตั้งหน่วยบริการชุมชน 3 หน่วย และสมาชิกผู้ประกันตนอย่างน้อย 60 คน", "activities"),
        "result": ("2023-09-01", "เกิดหน่วยบริการชุมชน 2 หน่วย", "outcomes"),
        "members": ("2023-09-02", "สมาชิกผู้ประกันตนเพิ่มขึ้น 41 คน", "outcomes"),
    })
    table = targets_vs_achieved(numeric_statements(docs, segs, ents))
    pairs = {(row.unit, row.target): row.achieved for row in table.itertuples()}
    assert pairs == {("หน่วย", 3.0): 2.0, ("คน", 60.0): 41.0}


def test_targets_target_without_any_matching_result_shows_nan():
    docs, segs, ents = _tables({"plan": ("2022-03-01", "ตั้งเป้าหมายอบรมแกนนำ 20 คน", "activities")})
    table = targets_vs_achieved(numeric_statements(docs, segs, ents))
    assert table["achieved"].isna().all() and table["target"].tolist() == [20.0]


@pytest.mark.parametrize("target_date, result_date, paired", [
    ("2022-03-01", "2023-09-01", True),
    ("2023-09-01", "2022-03-01", False),  # a result reported before the target was set
])
def test_targets_results_must_not_predate_the_target(target_date, result_date, paired):
    docs, segs, ents = _tables({
        "plan": (target_date, "ตั้งเป้าหมายจัดตั้งหน่วยบริการชุมชน 3 หน่วย", "activities"),
        "result": (result_date, "เกิดหน่วยบริการชุมชน 2 หน่วย", "outcomes"),
    })
    table = targets_vs_achieved(numeric_statements(docs, segs, ents))
    assert (table["achieved"].tolist() == [2.0]) is paired


@pytest.mark.parametrize("text", ["ตั้งเป้าหมายดำเนินงานต่อเนื่อง 4 ปี", "วางแผนอบรม 3 วัน"])
def test_targets_durations_are_not_targets(text):
    docs, segs, ents = _tables({"d": ("2022-01-01", text, None)})
    assert numeric_statements(docs, segs, ents).empty

"""The embedding variant of cell summaries: central, non-redundant sentences (issue 18)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from synthesis.semantic.summaries import central_summary

ROOT = Path(__file__).resolve().parents[2]


def _frame(rows):
    return pd.DataFrame([{"coding_id": r[0], "doc_id": r[1], "coder": r[2], "quote": r[3]} for r in rows])


@pytest.mark.parametrize("central, restated, one_off", [
    ("กลุ่มออมทรัพย์ให้สมาชิกกู้ยืมยามเจ็บป่วยโดยไม่คิดดอกเบี้ย",
     "สมาชิกกู้ยืมเงินกลุ่มออมทรัพย์ได้ยามเจ็บป่วยโดยไม่มีดอกเบี้ย",
     "ช่วงบ่ายฝนตกหนักจนต้องย้ายเวทีเข้าไปในศาลา"),
    ("อสม. ออกเยี่ยมบ้านผู้กรีดยางที่ถูกมีดบาดทุกสัปดาห์",
     "ผู้กรีดยางที่ถูกมีดบาดได้รับการเยี่ยมบ้านจาก อสม. ทุกสัปดาห์",
     "ผู้เข้าร่วมขอให้จัดรถรับส่งครั้งหน้า"),
])
def test_summaries_central_sentence_first_and_restatement_not_repeated(central, restated, one_off):
    rows = [("a1", "d1", "coder_a", central), ("b1", "d1", "coder_b", central), ("c1", "d1", "consensus", central),
            ("a2", "d2", "coder_a", restated), ("a3", "d3", "coder_a", one_off)]
    chosen = central_summary(_frame(rows))
    assert chosen[0].text == central
    assert chosen[0].coding_ids == ["a1", "b1", "c1"] and chosen[0].documents == 1 and chosen[0].coders == 2
    assert chosen[0].consensus
    quotes = [r[3] for r in rows]
    assert all(any(s.text in q for q in quotes) for s in chosen)  # always the coders' own words
    assert len(chosen) <= 3 and len({s.text for s in chosen}) == len(chosen)


def test_summaries_central_skips_the_same_finding_in_its_own_words():
    text = "กองทุนหลักประกันสุขภาพเทศบาลอนุมัติงบให้กลุ่มจัดอบรมการใช้สารเคมี"
    rows = [("a1", "d1", "coder_a", text), ("b1", "d2", "coder_b", "- " + text),
            ("a2", "d3", "coder_a", "ซ: " + text)]
    chosen = central_summary(_frame(rows))
    assert [s.text for s in chosen] == [text]  # list marker and speaker label gone, one finding
    assert chosen[0].coding_ids == ["a1", "a2", "b1"]


def test_summaries_central_of_nothing_is_empty():
    assert central_summary(_frame([])) == []
    assert central_summary(_frame([("a1", "d1", "coder_a", "ค่ะ")])) == []


def test_summaries_central_labelled_set_precision_and_recall():
    """The labelled cells of the rule's test (tests/data/findings/summary_cells.yaml)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from summary_compare import score
    finally:
        sys.path.remove(str(ROOT / "bench"))
    found = score(lambda frame: [s.text for s in central_summary(frame, "tfidf")])
    # measured: 0.885 / 0.885 (the rule: 0.828 / 0.923); e5 0.833 / 0.962 (bench/summary_compare.py)
    assert found["precision"] >= 0.85 and found["recall"] >= 0.85, found

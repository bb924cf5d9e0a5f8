"""Contradictions: one indicator stated differently by two documents of one area."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from synthesis.findings.contradictions import contradictions

LABELLED = Path(__file__).resolve().parents[1] / "data" / "findings" / "contradictions.yaml"


def _docs(rows, areas=("x",)):
    return pd.DataFrame([{"doc_id": i, "date": d, "text": t, "title": f"เอกสาร {i}", "areas": list(areas)}
                         for i, d, t in rows])


def test_contradictions_two_baselines_are_flagged_with_both_sources():
    docs = _docs([("a", "2020-11-10", "ข้อมูลจากแบบสำรวจ\n1. ครัวเรือนที่ใช้น้ำกรดแบตเตอรี่ 38 ครัวเรือน"),
                  ("b", "2022-06-01", "ครัวเรือนที่ใช้น้ำกรดแบตเตอรี่ลดจาก 42 ครัวเรือน เหลือ 9 ครัวเรือน")])
    row = contradictions(docs, "x").iloc[0]
    assert (row["role"], row["value_a"], row["doc_a"], row["value_b"], row["doc_b"]) == ("baseline", 38, "a", 42, "b")
    assert "ค่าตั้งต้น" in row["text_th"] and "38" in row["text_th"] and "42" in row["text_th"]


@pytest.mark.parametrize("rows", [
    [("a", "2021-05-01", "ผลที่เกิดขึ้นจริง\n- กลุ่มออมทรัพย์มีสมาชิก 30 คน"),
     ("b", "2023-05-01", "ผลที่เกิดขึ้นจริง\n- กลุ่มออมทรัพย์มีสมาชิก 58 คน")],  # progress over time
    [("a", "2020-07-01", "ข้อมูลจากแบบสำรวจ\n- ผู้ประกันตนมาตรา 40 ของกลุ่ม 14 คน"),
     ("b", "2024-07-15", "อ: ตอนสำรวจคนที่สมัครผู้ประกันตนมาตรา 40 ได้ 52 คน แต่มีจริงแค่ 14 คน")],  # a spoken turn
])
def test_contradictions_progress_and_spoken_turns_are_not_contradictions(rows):
    assert contradictions(_docs(rows), "x").empty


def test_contradictions_read_only_the_areas_own_documents():
    docs = pd.concat([_docs([("a", "2020-01-01", "ข้อมูลจากแบบสำรวจ\n- ครัวเรือนที่มีหนี้นอกระบบ ร้อยละ 62")]),
                      _docs([("m", "2022-01-01", "ข้อมูลตั้งต้น ครัวเรือนที่มีหนี้นอกระบบ ร้อยละ 58")], areas=("x", "y"))])
    assert contradictions(docs, "x").empty


def test_contradictions_labelled_set_precision_and_recall():
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["areas"]
    tp = fp = fn = 0
    for area in data:
        docs = _docs([(d["id"], d["date"], d["text"]) for d in area["documents"]])
        got = {frozenset((r.value_a, r.value_b)) for r in contradictions(docs, "x").itertuples()}
        wanted = {frozenset(pair) for pair in area["expected"]}
        tp, fp, fn = tp + len(got & wanted), fp + len(got - wanted), fn + len(wanted - got)
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, (tp, fp, fn)


def test_contradictions_demo_pattani_baseline_of_section_40(demo):
    table = contradictions(demo["documents"], "pattani-nong-chik")
    assert {frozenset((r.value_a, r.value_b)) for r in table.itertuples()} == {frozenset((12, 18))}
    for area in ("yala-bala", "songkhla-khae", "narathiwat-khok-khian"):
        assert contradictions(demo["documents"], area).empty

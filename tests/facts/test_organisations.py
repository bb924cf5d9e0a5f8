"""Organisations: local ones by pattern, generic type words not counted, other provinces' offices left out."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.facts.organisations import organisation_mentions, organisations_table


@pytest.mark.parametrize("text, expected", [
    ("ตัวแทนสหกรณ์กองทุนสวนยางบาละรับไปพิจารณา", [("สหกรณ์กองทุนสวนยางบาละ", "cooperative")]),
    ("ที่ลานข้างมัสยิดบ้านบาละ", [("มัสยิดบ้านบาละ", "mosque")]),
    ("ประชุมที่องค์การบริหารส่วนตำบลบาละ", [("อบต.บาละ", "local government")]),
    ("เทศบาลตำบลหนองจิกร่วมกับกลุ่มประมงพื้นบ้าน", [("ทต.หนองจิก", "local government"),
                                                    ("กลุ่มประมงพื้นบ้าน", "group")]),
    ("พยาบาลจาก รพ.สต.บ้านนาทอน", [("รพ.สต.บ้านนาทอน", "health unit")]),
    ("กลุ่มวินมอเตอร์ไซค์เพราะรายได้ลด", [("กลุ่มวินมอเตอร์ไซค์", "group")]),  # the name stops at a conjunction
])
def test_organisations_local_ones_by_pattern(text, expected):
    assert [(m["organisation"], m["kind"]) for m in organisation_mentions("d", text)] == expected


@pytest.mark.parametrize("text", [
    "องค์การบริหารส่วนตำบล และโรงพยาบาลส่งเสริมสุขภาพตำบล มีบทบาท",
    "องค์กรปกครองส่วนท้องถิ่นอื่นยังไม่เข้าร่วม",
    "สมาชิกกลุ่มไลน์ของกลุ่มเสี่ยงแบ่งเป็นกลุ่มย่อย",
    "คนหนึ่งนอนโรงพยาบาลเพราะไข้เลือดออก",  # เพ is a subdistrict's name, not in เพราะ
    "หารือคณะกรรมการมัสยิดเรื่องซะกาต",
])
def test_organisations_generic_type_words_are_not_organisations(text):
    assert organisation_mentions("d", text) == []


def test_organisations_table_merges_short_forms_and_leaves_other_provinces_offices_out():
    from synthesis.corpus.areas import load_areas

    bala = next(a for a in load_areas() if a.id == "yala-bala")
    docs = pd.DataFrame({"doc_id": ["a", "b", "m"], "areas": [["yala-bala"], ["yala-bala"], ["yala-bala", "trang-huai-yot"]],
                         "text": ["ตั้งกลุ่มออมทรัพย์ผู้กรีดยาง ร่วมกับ สำนักงานประกันสังคมจังหวัดยะลา",
                                  "กลุ่มออมทรัพย์ให้กู้ฉุกเฉิน สำนักงานประกันสังคมจังหวัดตรัง มาเล่า",
                                  "ทต.ห้วยยอด เล่าเรื่องสหกรณ์"]})
    table = organisations_table(docs, bala)
    assert table["organisation"].tolist() == ["กลุ่มออมทรัพย์ผู้กรีดยาง", "สำนักงานประกันสังคมจังหวัดยะลา"]
    savings = table.iloc[0]
    assert savings["documents"] == 2 and savings["variants"] == ["กลุ่มออมทรัพย์"] and savings["first_doc"] == "a"

"""People: roles from the texts, one person per real person, reporter user names linked."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from synthesis.facts.people import link_user_name, people_table, person_mentions

sys.path.insert(0, str(Path(__file__).parent))
from accuracy import people_scores  # noqa: E402


@pytest.mark.parametrize("text, name, role", [
    ("-นายสุไลมาน เจะเลาะ นายก อบต.บาละ", "สุไลมาน เจะเลาะ", "นายก อบต.บาละ"),
    ("-นางรอซีดะ มามุ ผอ.รพ.สต.บาละ", "รอซีดะ มามุ", "ผอ.รพ.สต.บาละ"),
    ("ผู้ให้ข้อมูล นายมะยูโซ๊ะ กาเซ็ง (ประธานกลุ่มประมงพื้นบ้าน)", "มะยูโซ๊ะ กาเซ็ง", "ประธานกลุ่มประมงพื้นบ้าน"),
    ("ที่ประชุมมีนายสมบัติ แก้วทอง เป็นประธาน", "สมบัติ แก้วทอง", "ประธาน"),
    ("นายหมาด ละใบแด ผู้ใหญ่บ้านหมู่ที่ 5 มาร่วม", "หมาด ละใบแด", "ผู้ใหญ่บ้านหมู่ที่ 5"),
    ("นางสาวสุดารัตน์ ชูทอง เจ้าหน้าที่ สปสช.เขต 12 นำเสนอ", "สุดารัตน์ ชูทอง", "เจ้าหน้าที่ สปสช.เขต 12"),
])
def test_people_roles_are_read_from_the_text(text, name, role):
    rows = [r for r in person_mentions("d", text) if r["name"] == name]
    assert role in {r["role"] for r in rows}


def test_people_a_legend_names_its_speaker_but_a_turn_mentioning_someone_does_not():
    text = ("ผู้สัมภาษณ์ นางสาวนาอีมะ สาและ (พี่เลี้ยงจังหวัด)\n"
            "ผู้ให้ข้อมูล: ตอนนั้นบังหมัด (นายหมัด สะอิ) ช่วยพาคนมาสมัคร")
    roles = {(r["name"], r["role"]) for r in person_mentions("d", text)}
    assert ("นาอีมะ สาและ", "ผู้สัมภาษณ์ (interviewer)") in roles
    assert not any(name == "หมัด สะอิ" and role for name, role in roles)


def test_people_fragments_and_variants_are_one_person():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        "-นายฮาซัน บือราเฮง นายก อบต.บาละ", "ฮาซันเปิดประชุม นายฮาซัน กล่าวต้อนรับ",
        "ผู้เข้าร่วม -นางฮาหวา ละใบแด ประธานกลุ่ม\nก๊ะหวา เล่าว่า"]})
    table = people_table(docs)
    assert set(table["person"]) == {"ฮาซัน บือราเฮง", "ฮาหวา ละใบแด"}
    hasan = table[table["person"] == "ฮาซัน บือราเฮง"].iloc[0]
    assert hasan["documents"] == 2 and hasan["variants"] == ["ฮาซัน"] and hasan["roles"] == ["นายก อบต.บาละ"]


@pytest.mark.parametrize("user, candidates, expected", [
    ("nurida_bl", ["นูรีดา มะเก็ง", "มะรอนิง สะมะแอ"], "นูรีดา มะเก็ง"),
    ("supawadee_p", ["สุภาวดี เพชรรัตน์", "จันทร์เพ็ญ ชูช่วย"], "สุภาวดี เพชรรัตน์"),  # ph/p, i/ee
    ("halimoh_khae", ["อาลี แวหะมะ"], None),  # nobody of that name: no guess
    ("ab_1", ["อาลี แวหะมะ"], None),
])
def test_people_a_reporter_user_name_is_linked_when_the_text_allows(user, candidates, expected):
    assert link_user_name(user, candidates) == expected


def test_people_the_reporter_of_a_page_is_linked_to_the_person():
    docs = pd.DataFrame({"doc_id": ["a"], "reporter": ["sukanya_nc"], "text": [
        "รายงานจากพื้นที่ โดย sukanya_nc\nนางสุกัญญา ชูแก้ว ผอ.กองสาธารณสุข ทต.หนองจิก เปิดการอบรม"]})
    row = people_table(docs).iloc[0]
    assert row["person"] == "สุกัญญา ชูแก้ว" and row["user_names"] == ["sukanya_nc"]
    assert "ผู้รายงาน (reporter)" in row["roles"]


def test_people_a_form_of_address_before_a_word_is_no_person():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["ก๊ะเลยรู้สึกว่าโครงการช่วยได้ โต๊ะอิหม่ามมัสยิดบ้านนาทอน มาร่วม"]})
    assert people_table(docs).empty


def test_people_area_takes_its_own_documents_unless_shared_ones_are_asked():
    docs = pd.DataFrame({"doc_id": ["a", "m"], "areas": [["x"], ["x", "y"]], "text": [
        "-นายสุไลมาน เจะเลาะ นายก อบต.บาละ", "-นางอำไพ แก้วมณี ประธานกลุ่ม"]})
    assert set(people_table(docs, "x")["person"]) == {"สุไลมาน เจะเลาะ"}
    assert set(people_table(docs, "x", include_shared=True)["person"]) == {"สุไลมาน เจะเลาะ", "อำไพ แก้วมณี"}


def test_people_labelled_set_precision_and_recall():
    for name, (precision, recall) in people_scores().items():
        assert precision >= 0.9 and recall >= 0.9, (name, precision, recall)

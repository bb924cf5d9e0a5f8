"""Participants: the area's own activities apart from regional meetings."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.facts.participants import area_people_in_meeting, participants_by_activity, regional_participation


@pytest.fixture(scope="module")
def areas():
    from synthesis.corpus.areas import load_areas

    return {a.id: a for a in load_areas()}


def _docs():
    return pd.DataFrame({
        "doc_id": ["r1", "r2", "m1", "m2"], "date": ["2019-12-18", "2021-03-09", "2022-11-16", "2024-06-25"],
        "kind": ["activity_report", "activity_report", "meeting_summary", "meeting_summary"],
        "title": ["ประชุมชี้แจง", "อบรม", "เวทีสี่จังหวัด", "เวทีเจ็ดพื้นที่"],
        "participants_count": [27.0, 58.0, 58.0, 72.0],
        "areas": [["yala-bala"], ["yala-bala"], ["yala-bala", "pattani-nong-chik"], ["yala-bala", "satun-na-thon"]],
        "text": ["ผู้เข้าร่วม จำนวน....27.....คน", "ผู้เข้าร่วมรวม 58 คน",
                 "ผู้เข้าร่วม 58 คน\n2.2 ยะลา ต.บาละ นายมะรอนิง สะมะแอ นำเสนอ ผู้แทนจาก ต.บาละ 4 คน\n"
                 "2.3 ปัตตานี ทต.หนองจิก นายอาลี แวหะมะ นำเสนอ",
                 "ผู้เข้าร่วม 72 คน\nนางอำไพ แก้วมณี จากนาทอน คุยกับนายมะรอนิง สะมะแอ จากบาละ"],
    })


def test_participants_the_area_chart_counts_only_its_own_activities():
    table = participants_by_activity(_docs(), "yala-bala")
    assert table[["doc_id", "participants"]].values.tolist() == [["r1", 27.0], ["r2", 58.0]]  # never 72
    assert table["participants_sentence"].tolist() == ["ผู้เข้าร่วม จำนวน....27.....คน", "ผู้เข้าร่วมรวม 58 คน"]


def test_participants_regional_meetings_apart_with_who_came_from_the_area(areas):
    table = regional_participation(_docs(), areas["yala-bala"], list(areas.values()))
    assert table["doc_id"].tolist() == ["m1", "m2"]
    first, second = table.iloc[0], table.iloc[1]
    assert (first["participants_total"], first["from_area"]) == (58.0, 4)
    assert first["people_from_area"] == ["มะรอนิง สะมะแอ"]  # not the Pattani presenter on the next line
    assert pd.isna(second["from_area"]) and second["people_from_area"] == ["มะรอนิง สะมะแอ"]


@pytest.mark.parametrize("text, count", [
    ("ผู้แทนจาก อบต.บาละ 5 คน ร่วมเวที", 5),
    ("อบต.บาละ นำเสนอผลงาน 3 เรื่อง", None),  # not people
])
def test_participants_from_the_area_only_where_the_text_says(text, count):
    assert area_people_in_meeting(text, ["อบต.บาละ", "บาละ"])["count"] == count

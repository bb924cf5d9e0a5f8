"""An area with no documents yet (a collection that covers only some areas) gets empty
tables, never a KeyError: filtering an empty frame by an ``areas`` test must stay a row filter
(an empty object Series used as a key selects columns in pandas, and the columns vanish)."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.corpus.areas import Area
from synthesis.facts.indicators import indicator_table
from synthesis.facts.organisations import organisations_table
from synthesis.facts.participants import participants_by_activity, regional_participation
from synthesis.facts.people import people_table
from synthesis.findings.coverage import saturation

COLUMNS = ["doc_id", "date", "title", "kind", "text", "areas", "participants_count", "reporter"]
BALA = Area(id="yala-bala", name_th="พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลบาละ", name_en="Bala", province="ยะลา",
            amphoe="กาบัง", tambon="บาละ", occupation_th="ผู้กรีดยาง", occupation_en="rubber tappers")

CALLS = {
    "indicator_table": lambda docs: indicator_table(docs, "yala-bala"),
    "organisations_table": lambda docs: organisations_table(docs, BALA),
    "participants_by_activity": lambda docs: participants_by_activity(docs, "yala-bala"),
    "regional_participation": lambda docs: regional_participation(docs, BALA, [BALA]),
    "people_table": lambda docs: people_table(docs, "yala-bala", roles_only=True),
    "saturation": lambda docs: saturation(pd.DataFrame({"row": [], "doc_id": [], "code_id": []}), docs, "yala-bala"),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_facts_tables_of_an_area_without_documents_are_empty(name):
    empty = pd.DataFrame({column: pd.Series(dtype="object") for column in COLUMNS})
    assert CALLS[name](empty).empty


@pytest.mark.parametrize("name", sorted(CALLS))
def test_facts_tables_when_no_document_is_the_area_s(name):
    other = pd.DataFrame([{"doc_id": "d1", "date": "2022-03-01", "title": "ประชุมกลุ่มประมง", "kind": "activity_report",
                           "text": "ประชุมกลุ่มประมงพื้นบ้าน ผู้เข้าร่วม 25 คน", "areas": ["pattani-nong-chik"],
                           "participants_count": 25, "reporter": "ผู้รายงาน"}])
    assert CALLS[name](other).empty

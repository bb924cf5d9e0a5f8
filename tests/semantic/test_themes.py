"""Theme discovery: clusters of uncoded units, offered as candidates, never applied."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synthesis.coding.rules import CodingDocument
from synthesis.semantic.index import SemanticIndex
from synthesis.semantic.themes import COLUMNS, default_clusters, discover_themes
from synthesis.thai import analyze

# two topics in our own sentences, with a person's name in each topic's units (a trap: names
# are never distinctive terms) and a Buddhist-Era date
RUBBER = ["ราคายางตกต่ำ ชาวสวนยางรายได้ลดลง นายอาหมัด หะยีเด็ง เล่า",
          "น้ำยางราคาถูก ชาวสวนยางขาดรายได้ นายอาหมัด หะยีเด็ง บอก",
          "ชาวสวนยางขายน้ำยางได้น้อย รายได้ไม่พอ", "ราคายางตก ชาวสวนยางเป็นหนี้ รายได้หาย",
          "เมื่อ 12 มีนาคม 2566 ชาวสวนยางประชุมเรื่องราคายาง"]
SAFETY = ["ผู้พ่นสารเคมีสวมหน้ากากและถุงมือป้องกัน นางสาวสุดารัตน์ ทองคำ สอน",
          "อบรมการใช้หน้ากากป้องกันสารเคมีให้เกษตรกร", "เกษตรกรสวมถุงมือก่อนพ่นสารเคมีทุกครั้ง",
          "หน้ากากและถุงมือช่วยลดการสัมผัสสารเคมี", "นางสาวสุดารัตน์ ทองคำ แจกหน้ากากป้องกันสารเคมี"]


def _toy_index():
    from synthesis.semantic.backends import get_backend

    docs, rows = [], []
    for i, text in enumerate(RUBBER + SAFETY):
        thai = analyze(text)
        doc_id = f"toy/{i:02d}.txt"
        docs.append(CodingDocument(doc_id, text, "0" * 64, list(thai.tokens), [], list(thai.entities)))
        rows.append({"doc_id": doc_id, "start": 0, "end": len(text), "kind": "sentence", "text": text,
                     "doc_sha256": "0" * 64, "areas": ("yala-bala",) if i < 5 else ("satun-na-thon",)})
    units = pd.DataFrame(rows)
    backend = get_backend("tfidf", dims=4)
    words = [[t.text for t in d.tokens if t.text.strip()] for d in docs]
    backend.fit(words)
    return SemanticIndex("toy", None, backend, units, backend.encode(units["text"].tolist(), words), docs)


def test_themes_separate_two_topics_with_distinctive_terms_and_no_names():
    themes = discover_themes(clusters=2, index=_toy_index(), codings=[])
    assert list(themes.columns) == COLUMNS and len(themes) == 2
    groups = [set(doc_ids) for doc_ids in themes["typical_doc_ids"]]
    rubber = {f"toy/{i:02d}.txt" for i in range(5)}
    assert all(g <= rubber or not (g & rubber) for g in groups)  # typical passages of one topic each
    terms = " ".join(themes["terms"])
    assert "ยาง" in terms or "ชาวสวนยาง" in terms
    assert "สารเคมี" in terms or "หน้ากาก" in terms
    for name in ("อาหมัด", "หะยีเด็ง", "สุดารัตน์"):
        assert name not in terms


def test_themes_leave_out_coded_units_and_apply_nothing():
    from synthesis.coding import new_coding

    index = _toy_index()
    coded = [new_coding(f"toy/{i:02d}.txt", 0, 5, "ก", "", "obstacle.income", "coder_a") for i in range(5)]
    themes = discover_themes(clusters=2, index=index, codings=coded)
    shown = {d for ids in themes["typical_doc_ids"] for d in ids}
    assert not shown & {c.doc_id for c in coded}
    assert int(themes["units"].sum()) == 5
    assert all(name.startswith("candidate-") for name in themes["theme"])


def test_themes_on_the_mini_project_change_no_codings(mini_project, mini_index):
    before = {p.name: p.read_bytes() for p in (mini_project / "lessons" / "codings").glob("*.jsonl")}
    from synthesis.coding import CodingStore

    themes = discover_themes(index=mini_index, codings=CodingStore(mini_project / "lessons").load())
    assert len(themes) >= 2 and (themes["units"] > 0).all()
    after = {p.name: p.read_bytes() for p in (mini_project / "lessons" / "codings").glob("*.jsonl")}
    assert after == before


@pytest.mark.parametrize("count, expected", [(4, 2), (100, 4), (250, 10), (10_000, 12)])
def test_themes_default_cluster_count(count, expected):
    assert default_clusters(count) == expected


def test_themes_too_few_units_give_no_candidates():
    index = _toy_index()
    small = SemanticIndex("toy", None, index.backend, index.units.head(3), index.vectors[:3], index.documents)
    assert discover_themes(index=small, codings=[]).empty


def test_themes_place_names_of_the_areas_are_never_terms():
    from synthesis.semantic.themes import area_names

    assert "บาละ" in area_names()  # the demo's areas.yaml names ต.บาละ
    themes = discover_themes(clusters=2, index=_toy_index(), codings=[], exclude=frozenset({"ชาวสวนยาง", "หน้ากาก"}))
    terms = {t.strip() for row in themes["terms"] for t in row.split(",")}
    assert not terms & {"ชาวสวนยาง", "หน้ากาก"}

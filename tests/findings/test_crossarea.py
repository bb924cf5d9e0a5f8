"""Cross-area: shared vs area-specific findings, distinctive terms without names, cards side by side."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.corpus.areas import Area
from synthesis.findings.cards import CardPoint, LessonCard
from synthesis.findings.crossarea import compare_cards, distinctive_terms, name_terms, shared_vs_specific

from .conftest import ROOT


def _placed(rows):
    return pd.DataFrame([{"row": r, "theme": t, "code_id": t, "doc_id": d, "start": i, "end": i + 1, "quote": q}
                         for i, (r, t, d, q) in enumerate(rows)])


PLACED = _placed([
    ("yala-bala", "success.local_fit", "d1", "โต๊ะอิหม่ามใช้คุตบะห์วันศุกร์ที่มัสยิดบาละพูดเรื่องความปลอดภัย"),
    ("yala-bala", "success.local_fit", "d2", "หลังละหมาดวันศุกร์ที่มัสยิดนัดคุยเรื่องกรดฟอร์มิก"),
    ("yala-bala", "success.local_fit", "d3", "มัสยิดติดข้อตกลงกลุ่มและคุตบะห์วันศุกร์ช่วยสื่อสาร"),
    ("trang-huai-yot", "success.local_fit", "d4", "สหกรณ์หักเงินสมทบจากค่าน้ำยางทุกเดือน"),
    ("trang-huai-yot", "success.local_fit", "d5", "สหกรณ์หักเงินสมทบจากค่าน้ำยางให้สมาชิกที่ยินยอม"),
    ("trang-huai-yot", "success.local_fit", "d6", "ผู้จัดการสหกรณ์เสนอหักเงินสมทบในที่ประชุมใหญ่"),
    ("yala-bala", "obstacle.income", "d1", "ราคายางตกต่ำมาก"),
])


def test_crossarea_distinctive_terms_surface_local_mechanisms():
    yala = distinctive_terms(PLACED[PLACED["theme"] == "success.local_fit"], "yala-bala", min_g2=0)["term"].tolist()
    trang = distinctive_terms(PLACED[PLACED["theme"] == "success.local_fit"], "trang-huai-yot", min_g2=0)["term"].tolist()
    assert "มัสยิด" in yala and "สหกรณ์" not in yala
    assert "สหกรณ์" in trang and "มัสยิด" not in trang


def test_crossarea_names_are_never_counted_as_words():
    bala = Area("yala-bala", "พื้นที่ต้นแบบบาละ", "Bala", "ยะลา", tambon="บาละ", aliases=("บาละ",))
    entities = pd.DataFrame({"label": ["PERSON"], "text": ["นายธีรยุทธ คงสม"]})
    exclude = name_terms([bala], entities)
    assert {"บาละ", "ยะลา"} <= exclude and "มัสยิด" not in exclude
    terms = distinctive_terms(PLACED, "yala-bala", min_g2=0, exclude=exclude)["term"].tolist()
    assert "บาละ" not in terms


def test_crossarea_shared_vs_specific_per_sub_code():
    from synthesis.coding import load_codebook

    areas = [Area("yala-bala", "บาละ", "Bala", "ยะลา"), Area("trang-huai-yot", "ห้วยยอด", "Huai Yot", "ตรัง")]
    table = shared_vs_specific(PLACED, areas, load_codebook(ROOT / "lessons" / "codebook.yaml")).set_index("code_id")
    assert table.loc["success.local_fit", "status"] == "shared"
    assert table.loc["obstacle.income", "status"] == "specific" and "yala-bala" in table.loc["obstacle.income", "status_th"]
    assert table.loc["policy" if "policy" in table.index else "outcomes.social", "status"] == "none"
    assert set(table.loc["success.local_fit", "distinctive"]) == {"yala-bala", "trang-huai-yot"}


@pytest.mark.parametrize("exclude", [frozenset(), frozenset({"มัสยิด", "สหกรณ์"})])
def test_crossarea_shared_vs_specific_terms_are_distinctive_terms_per_code(exclude):
    """The one-pass counting gives each area, under each code, what distinctive_terms gives
    on that code's rows alone (a coded span counted once however many coders coded it)."""
    from synthesis.coding import load_codebook

    placed = pd.concat([PLACED, PLACED.iloc[[0, 3]].assign(code_id="x")])  # a span coded twice
    areas = [Area("yala-bala", "บาละ", "Bala", "ยะลา"), Area("trang-huai-yot", "ห้วยยอด", "Huai Yot", "ตรัง")]
    table = shared_vs_specific(placed, areas, load_codebook(ROOT / "lessons" / "codebook.yaml"),
                               exclude=exclude).set_index("code_id")
    for code_id, row in table.iterrows():
        under = placed[placed["theme"] == code_id]
        assert row["distinctive"] == {area: distinctive_terms(under, area, top=5, exclude=exclude)["term"].tolist()
                                      for area in row["areas_with"]}
    assert table.loc["success.local_fit", "distinctive"]["yala-bala"]  # the check is not vacuous


def test_crossarea_cards_compared_field_by_field():
    cards = {"yala-bala": LessonCard("yala-bala", sections={"success_factors": [CardPoint("มัสยิดเป็นช่องทาง")]}),
             "trang-huai-yot": LessonCard("trang-huai-yot", sections={"success_factors": [CardPoint("สหกรณ์หักเงิน")],
                                                                     "obstacles": [CardPoint("ลานเอกชน")]})}
    table = compare_cards(cards)
    assert table.loc["ปัจจัยความสำเร็จ", "yala-bala"] == ["มัสยิดเป็นช่องทาง"]
    assert table.loc["อุปสรรคและปัญหา", "yala-bala"] == [] and table.loc["อุปสรรคและปัญหา", "trang-huai-yot"] == ["ลานเอกชน"]


def test_crossarea_demo_mosque_and_cooperative_surface(demo):
    from synthesis.findings.matrix import cell_evidence

    placed = cell_evidence(demo["codings"], demo["documents"], demo["codebook"], demo["areas"], demo["segments"],
                           level="sub", details=demo["details"])
    exclude = name_terms(demo["areas"], demo["store"].table("entities"))
    table = shared_vs_specific(placed, demo["areas"], demo["codebook"], exclude).set_index("code_id")
    assert "มัสยิด" in table.loc["success.local_fit", "distinctive"]["yala-bala"]
    assert "สหกรณ์" in table.loc["social_protection.section40", "distinctive"]["trang-huai-yot"]
    assert table["status"].nunique() > 1  # not everything is "shared"

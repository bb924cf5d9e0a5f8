"""Coverage: gaps named in Thai, saturation in date order, deterministic."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.corpus.areas import Area
from synthesis.findings.coverage import SATURATION_COLUMNS, evidence_gaps, saturation, saturation_note, theme_list

AREAS = [Area("yala-bala", "พื้นที่ต้นแบบบาละ", "Bala", "ยะลา"), Area("songkhla-khae", "พื้นที่ต้นแบบตำบลแค", "Khae", "สงขลา"),
         Area("satun-na-thon", "พื้นที่ต้นแบบนาทอน", "Na Thon", "สตูล")]


def test_coverage_gaps_name_the_areas_without_evidence_in_thai():
    placed = pd.DataFrame({"row": ["yala-bala", "songkhla-khae", "satun-na-thon", "satun-na-thon"],
                           "theme": ["mechanism", "mechanism", "mechanism", "policy"]})
    gaps = evidence_gaps(placed, [("mechanism", "กลไก"), ("policy", "ข้อเสนอเชิงนโยบาย"), ("innovation", "นวัตกรรม")], AREAS)
    by_theme = gaps.set_index("theme")
    assert by_theme.loc["mechanism", "n_without"] == 0 and by_theme.loc["mechanism", "text_th"].startswith("ทุกพื้นที่")
    assert by_theme.loc["policy", "areas_without"] == ["yala-bala", "songkhla-khae"]
    assert "พื้นที่ต้นแบบบาละ" in by_theme.loc["policy", "text_th"]
    assert by_theme.loc["innovation", "n_without"] == 3


def _docs():
    return pd.DataFrame({"doc_id": ["c", "a", "b", "z"], "date": ["2023-01-01", "2021-01-01", "2021-01-01", None],
                         "title": ["สาม", "หนึ่ง", "สอง", "ไม่มีวันที่"], "kind": [""] * 4,
                         "areas": [["x"], ["x"], ["x"], ["x"]]})


def test_coverage_saturation_in_date_order_with_uncoded_documents_said():
    placed = pd.DataFrame({"row": ["x"] * 5, "doc_id": ["a", "a", "b", "c", "c"],
                           "code_id": ["context", "goals", "goals", "goals", "success"]})
    table = saturation(placed, _docs(), "x")
    assert table["doc_id"].tolist() == ["a", "b", "c", "z"]  # date, then id; undated last
    assert table["new_codes"].tolist() == [2, 0, 1, 0] and table["cumulative_codes"].tolist() == [2, 2, 3, 3]
    assert table["coded"].tolist() == [True, True, True, False]
    assert "ยังไม่ลงรหัส 1 ฉบับ" in saturation_note(table)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_coverage_saturation_is_deterministic_whatever_the_row_order(seed):
    placed = pd.DataFrame({"row": ["x"] * 4, "doc_id": ["a", "b", "c", "b"], "code_id": ["k1", "k2", "k3", "k1"]})
    first = saturation(placed, _docs(), "x")
    again = saturation(placed.sample(frac=1, random_state=seed), _docs().sample(frac=1, random_state=seed), "x")
    pd.testing.assert_frame_equal(first, again)


def test_coverage_demo_gaps_and_saturation(demo):
    from synthesis.findings.matrix import cell_evidence

    placed = cell_evidence(demo["codings"], demo["documents"], demo["codebook"], demo["areas"], demo["segments"],
                           level="sub", details=demo["details"])
    gaps = evidence_gaps(placed, theme_list(demo["codebook"], "sub"), demo["areas"])
    assert (gaps["n_without"] > 0).any() and gaps["text_th"].str.contains("ไม่มีหลักฐานเรื่อง").any()
    table = saturation(placed, demo["documents"], "yala-bala")
    assert table["date"].tolist() == sorted(table["date"].tolist())
    assert table["cumulative_codes"].is_monotonic_increasing and table["new_codes"].iloc[0] > 0


@pytest.mark.parametrize("documents", [pd.DataFrame(), pd.DataFrame({"doc_id": [], "areas": []})],
                         ids=["no columns", "no date column"])
def test_coverage_saturation_of_an_area_without_documents_is_empty(documents):
    placed = pd.DataFrame({"row": ["yala-bala"], "doc_id": ["a"], "code_id": ["context"]})
    table = saturation(placed, documents, "yala-bala")
    assert table.empty and list(table.columns) == list(SATURATION_COLUMNS)

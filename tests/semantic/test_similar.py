"""similar(): from a passage or a coding, units of other documents (other areas on request)."""

from __future__ import annotations

import pytest

from synthesis.semantic.similar import COLUMNS, similar


def test_similar_text_finds_the_unit_that_says_it(mini_index):
    unit = mini_index.units[mini_index.units["text"].str.len() > 40].iloc[3]
    found = similar(unit["text"], "mini", k=5, index=mini_index)
    assert list(found.columns) == COLUMNS and len(found) == 5
    assert (found.iloc[0]["doc_id"], found.iloc[0]["start"]) == (unit["doc_id"], unit["start"])
    assert found["score"].is_monotonic_decreasing


def test_similar_coding_leaves_out_its_own_document(mini_index, mini_project):
    from synthesis.coding import CodingStore

    coding = CodingStore(mini_project / "lessons").load("coder_a")[0]
    found = similar(coding, "mini", k=20, index=mini_index)
    assert len(found) and coding.doc_id not in set(found["doc_id"])


def test_similar_other_areas_leaves_out_the_codings_areas(mini_index, mini_project):
    from synthesis.coding import CodingStore

    coding = CodingStore(mini_project / "lessons").load("coder_a")[0]
    own = set(mini_index.units.loc[mini_index.units["doc_id"] == coding.doc_id, "areas"].iloc[0])
    found = similar(coding, "mini", k=50, other_areas=True, index=mini_index)
    assert len(found)
    for areas in found["areas"]:
        assert not own.intersection(a.strip() for a in areas.split(","))


@pytest.mark.parametrize("query", ["", "   "])
def test_similar_refuses_an_empty_passage(mini_index, query):
    with pytest.raises(ValueError, match="empty"):
        similar(query, "mini", index=mini_index)


def test_similar_span_outside_every_unit_without_quote_is_explained(mini_index):
    with pytest.raises(ValueError, match="in no unit"):
        similar({"doc_id": "nowhere", "start": 0, "end": 5}, "mini", index=mini_index)


@pytest.mark.parametrize("query", ["ราคายางตกต่ำ รายได้ไม่พอ", "กองทุนสุขภาพตำบลสนับสนุนงบประมาณ"])
def test_similar_thai_queries_return_units_of_the_collection(mini_index, query):
    found = similar(query, "mini", k=3, index=mini_index)
    assert len(found) == 3 and set(found["doc_id"]) <= set(mini_index.units["doc_id"])
    assert found["score"].between(-1.0001, 1.0001).all()

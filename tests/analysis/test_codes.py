"""Code queries for the notebooks: frequencies, code × area matrix, co-occurrence, quotes."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.analysis.codes import code_area_matrix, code_frequencies, coded_quotes, codings_frame, cooccurrence
from synthesis.coding import new_coding, parse_codebook

TEXTS = {
    "r1": "กลุ่มผู้กรีดยางใช้กรดฟอร์มิกแทนน้ำกรดแบตเตอรี่\nรายได้เพิ่มขึ้นเล็กน้อย\nอบต.บาละสนับสนุนงบ",
    "r2": "ชาวประมงสวมเสื้อชูชีพทุกครั้ง\nอุบัติเหตุลดลง",
    "r3": "แกนนำกลุ่มจักสานกระจูดเข้มแข็ง",
}
DOCS = pd.DataFrame({
    "doc_id": list(TEXTS),
    "title": ["รายงานบาละ", "รายงานหนองจิก", "รายงานโคกเคียน"],
    "date": ["2021-03-09", "2022-05-01", "2023-01-10"],
    "areas": [["yala-bala"], ["pattani-nong-chik"], ["narathiwat-khok-khian"]],
    "text": list(TEXTS.values()),
})
BOOK = parse_codebook("""
codes:
  - {id: outcomes, name_th: ผลลัพธ์, name_en: Outcomes}
  - {id: outcomes.health, parent: outcomes, name_th: สุขภาพ, name_en: Health}
  - {id: outcomes.economic, parent: outcomes, name_th: เศรษฐกิจ, name_en: Economic}
  - {id: ohs, name_th: อาชีวอนามัย, name_en: OHS}
  - {id: partners, name_th: ภาคี, name_en: Partners}
  - {id: success, name_th: ปัจจัยความสำเร็จ, name_en: Success}
""")


def segments():
    rows = []
    for doc_id, text in TEXTS.items():
        at = 0
        for line in text.split("\n"):
            rows.append({"doc_id": doc_id, "start": at, "end": at + len(line), "kind": "paragraph",
                         "section": "outcomes" if "ลดลง" in line or "เพิ่มขึ้น" in line else "activities",
                         "text": line})
            at += len(line) + 1
    return pd.DataFrame(rows)


def code(doc_id, quote, code_id, coder="consensus"):
    start = TEXTS[doc_id].index(quote)
    return new_coding(doc_id, start, start + len(quote), quote, "h", code_id, coder)


CODINGS = [
    code("r1", "ใช้กรดฟอร์มิกแทนน้ำกรดแบตเตอรี่", "ohs"),
    code("r1", "รายได้เพิ่มขึ้น", "outcomes.economic"),
    code("r1", "อบต.บาละสนับสนุนงบ", "partners"),
    code("r2", "สวมเสื้อชูชีพ", "ohs"),
    code("r2", "อุบัติเหตุลดลง", "outcomes.health"),
    code("r2", "อุบัติเหตุลดลง", "ohs", coder="coder_a"),
    code("r3", "แกนนำกลุ่มจักสานกระจูดเข้มแข็ง", "success"),
]


def test_codes_frequencies_by_area_document_coder():
    by_area = code_frequencies(CODINGS, DOCS, by="area")
    ohs = by_area[by_area.code_id == "ohs"].set_index("area")
    assert ohs.loc["pattani-nong-chik", "codings"] == 2 and ohs.loc["pattani-nong-chik", "documents"] == 1
    by_coder = code_frequencies(CODINGS, DOCS, by="coder").set_index(["code_id", "coder"])
    assert by_coder.loc[("ohs", "coder_a"), "codings"] == 1
    by_doc = code_frequencies(CODINGS, DOCS, by="document", codebook=BOOK, top_level=True)
    assert set(by_doc.columns) == {"code_id", "document", "codings", "documents"}
    assert by_doc.set_index(["code_id", "document"]).loc[("outcomes", "r1"), "codings"] == 1
    with pytest.raises(ValueError):
        code_frequencies(CODINGS, DOCS, by="province")


def test_codes_area_matrix_counts_and_share():
    matrix = code_area_matrix(CODINGS, DOCS, codebook=BOOK, top_level=True)
    assert list(matrix.index) == ["outcomes", "ohs", "partners", "success"]  # codebook order
    assert matrix.loc["outcomes", "yala-bala"] == 1 and matrix.loc["outcomes", "pattani-nong-chik"] == 1
    assert matrix.loc["success", "yala-bala"] == 0
    two_docs = pd.concat([DOCS, pd.DataFrame({"doc_id": ["r4"], "title": ["x"], "date": [None],
                                              "areas": [["yala-bala"]], "text": ["ก"]})], ignore_index=True)
    share = code_area_matrix(CODINGS, two_docs, codebook=BOOK, share=True)
    assert share.loc["ohs", "yala-bala"] == pytest.approx(0.5)
    assert share.loc["ohs", "pattani-nong-chik"] == pytest.approx(1.0)


def test_codes_orphans_left_out():
    from dataclasses import replace

    orphan = replace(CODINGS[0], orphaned=True)
    assert len(codings_frame([orphan, CODINGS[1]])) == 1


def test_codes_cooccurrence_same_segment_and_window():
    same = cooccurrence(CODINGS, segments())
    assert same.loc["ohs", "outcomes.health"] == 1 == same.loc["outcomes.health", "ohs"]
    assert same.loc["ohs", "partners"] == 0
    assert same.loc["ohs", "ohs"] == 3
    near = cooccurrence(CODINGS, segments(), window=1)
    assert near.loc["ohs", "outcomes.economic"] == 1  # neighbouring paragraphs of r1
    assert near.loc["ohs", "partners"] == 0  # two paragraphs apart
    assert cooccurrence(CODINGS, segments(), window=2).loc["ohs", "partners"] == 1
    without_segments = cooccurrence(CODINGS)
    assert without_segments.loc["ohs", "outcomes.health"] == 1


def test_codes_coded_quotes_with_context_and_source():
    quotes = coded_quotes(CODINGS, DOCS, segments(), code_id="outcomes", codebook=BOOK, context=10)
    assert sorted(quotes["quote"]) == ["รายได้เพิ่มขึ้น", "อุบัติเหตุลดลง"]
    row = quotes[quotes.doc_id == "r1"].iloc[0]
    assert row["title"] == "รายงานบาละ" and row["date"] == "2021-03-09" and row["areas"] == "yala-bala"
    assert row["after"] == "เล็กน้อย\nอ"  # 10 characters
    assert row["section"] == "outcomes"
    by_area = coded_quotes(CODINGS, DOCS, area="narathiwat-khok-khian")
    assert list(by_area["quote"]) == ["แกนนำกลุ่มจักสานกระจูดเข้มแข็ง"]
    assert list(by_area["area"]) == ["narathiwat-khok-khian"]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7])
def test_codes_context_never_cuts_a_cluster(size):
    quotes = coded_quotes(CODINGS, DOCS, code_id="partners", context=size)
    before = quotes.iloc[0]["before"]
    assert not before or before[0] not in "ัิีึืุู่้๊๋็์ำ"

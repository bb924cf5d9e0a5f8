"""Evidence rows: source, speaker, context, fellow coders and memos, self-contained."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.coding import new_coding
from synthesis.corpus.areas import Area
from synthesis.findings.evidence import case_areas, coding_details, evidence_table

TEXT = "ย: ตอนนั้นเป็นอย่างไรคะ\nซ: ราคายางตกเหลือสี่สิบบาท เงินไม่พอใช้ คนหนุ่มไปทำงานมาเลเซีย"


def _fixture():
    docs = pd.DataFrame({"doc_id": ["d"], "title": ["ถอดบทเรียน"], "date": ["2024-11-08"], "kind": ["interview"],
                         "areas": [["yala-bala"]], "text": [TEXT], "reporter": [""]})
    start = TEXT.index("ราคายาง")
    end = start + len("ราคายางตกเหลือสี่สิบบาท")
    turn = TEXT.index("ซ:")
    segments = pd.DataFrame([
        {"doc_id": "d", "kind": "turn", "start": turn, "end": len(TEXT), "speaker": "นางซาลมะห์", "section": None},
        {"doc_id": "d", "kind": "sentence", "start": start, "end": TEXT.index(" คนหนุ่ม"), "speaker": None, "section": None},
    ])
    a = new_coding("d", start, end, TEXT[start:end], "", "context.economy", "coder_a", memo="ปีที่ราคาต่ำสุด")
    b = new_coding("d", start, end + 2, TEXT[start:end + 2], "", "context.economy", "coder_b", memo="")
    c = new_coding("d", start, end, TEXT[start:end], "", "obstacle.income", "coder_b", memo="มองเป็นอุปสรรค")
    return docs, segments, [a, b, c]


def test_evidence_row_has_source_speaker_context_coders_and_memos():
    docs, segments, codings = _fixture()
    row = evidence_table([codings[0].coding_id], codings, docs, segments).iloc[0]
    assert (row["title"], row["date"], row["kind"], row["speaker"]) == ("ถอดบทเรียน", "2024-11-08", "interview", "นางซาลมะห์")
    assert row["context"] == "ราคายางตกเหลือสี่สิบบาท เงินไม่พอใช้"  # the sentence around it, one line
    assert row["coders"] == ["coder_a", "coder_b"]  # same code, overlapping span; coder_b's other code is not counted
    assert row["memos"] == ["coder_a: ปีที่ราคาต่ำสุด"]
    assert "\n" not in row["context"] and "corpora/" not in " ".join(map(str, row.values))


def test_evidence_keeps_the_order_asked_and_leaves_out_unknown_ids():
    docs, segments, codings = _fixture()
    ids = [codings[2].coding_id, "missing", codings[0].coding_id]
    assert evidence_table(ids, codings, docs, segments)["coding_id"].tolist() == [ids[0], ids[2]]


def test_evidence_case_areas_of_a_regional_meeting_follow_the_names_in_the_passage():
    bala = Area("yala-bala", "บาละ", "Bala", "ยะลา", tambon="บาละ", aliases=("บาละ",))
    khae = Area("songkhla-khae", "แค", "Khae", "สงขลา", tambon="แค", aliases=("ตำบลแค",))
    rows = pd.DataFrame({"areas": [["yala-bala", "songkhla-khae"], ["yala-bala", "songkhla-khae"], ["yala-bala"]],
                         "quote": ["ผู้แทนจากบาละเล่าเรื่องมัสยิด", "ทุกพื้นที่เห็นตรงกัน", "คุตบะห์"],
                         "context": ["", "", ""]})
    assert case_areas(rows, [bala, khae]).tolist() == [["yala-bala"], ["yala-bala", "songkhla-khae"], ["yala-bala"]]


def test_evidence_demo_memos_and_speakers(demo):
    details = demo["details"]
    assert details["speaker"].notna().any() and details["memos"].map(len).gt(0).any()
    assert (details["context"].str.len() >= details["quote"].map(lambda q: len(" ".join(q.split())))).mean() > 0.95


@pytest.mark.parametrize("date, reporter", [("2024-11-08", "สมศรี"), (float("nan"), None)])
def test_evidence_details_from_a_codings_table_equal_those_from_codings(date, reporter):
    """The reports pass the kernel's codings table (no dataclass → dict per coding): the rows
    are those of the codings themselves, a document missing from ``documents`` included."""
    from synthesis.analysis.codes import CODING_COLUMNS

    docs, segments, codings = _fixture()
    docs = docs.assign(date=[date], reporter=[reporter])
    lost = new_coding("gone", 0, 5, "ราคายาง", "", "context.economy", "coder_a", memo=" ")
    codings = [*codings, lost]
    table = pd.DataFrame([tuple(getattr(c, col) for col in CODING_COLUMNS) for c in codings], columns=CODING_COLUMNS)
    from_codings = coding_details(codings, docs, segments)
    from_table = coding_details(table, docs, segments)
    pd.testing.assert_frame_equal(from_table, from_codings)
    assert from_codings.iloc[-1]["context"] == "ราคายาง" and pd.isna(from_codings.iloc[-1]["date"])
    assert from_codings.iloc[0]["reporter"] == (reporter or "")

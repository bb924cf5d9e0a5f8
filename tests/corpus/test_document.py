"""The Document record: stable ids, sections and speakers on segments, metadata overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from synthesis.corpus.document import build_document, make_doc_id, metadata_date
from synthesis.corpus.readers import RawText
from tests.corpus.test_parser import INTERVIEW_INITIALS, fund_report


def test_document_id_is_stable_and_depends_on_collection_and_path():
    assert make_doc_id("demo", "reports/a.txt") == make_doc_id("demo", "reports/a.txt")
    assert make_doc_id("demo", "reports/a.txt") != make_doc_id("other", "reports/a.txt")
    assert make_doc_id("demo", "reports/a.txt") != make_doc_id("demo", "reports/b.txt")


def test_document_segments_carry_their_report_section():
    doc = build_document("t", "r.txt", RawText(fund_report(), "txt"))
    sections = {s.section for s in doc.segments}
    assert {"activities", "outcomes"} <= sections
    for segment in doc.segments:
        assert doc.text[segment.start:segment.end] == segment.text
        if segment.section:
            start, end = doc.parsed.section_spans[segment.section]
            assert start <= segment.start < end


def test_document_interview_turns_are_segments_with_speaker_names():
    doc = build_document("t", "i.txt", RawText(INTERVIEW_INITIALS, "txt"))
    turns = [s for s in doc.segments if s.kind == "turn"]
    assert [t.speaker for t in turns] == ["นางสาวรอฮานี เจ๊ะแว", "นางซาลมะห์ ดอเลาะ"] * 2
    inner = [s for s in doc.segments if s.kind != "turn" and s.start >= turns[0].start]
    assert inner and all(s.speaker for s in inner)


def test_document_metadata_overrides_parsed_fields():
    raw = RawText("ประชุมกลุ่ม วันที่ 5 มีนาคม 2565\n", "md",
                  metadata={"title": "บันทึกที่ตั้งชื่อเอง", "date": dt.date(2565, 4, 1)})
    doc = build_document("t", "n.md", raw)
    assert (doc.parsed.title, doc.parsed.date) == ("บันทึกที่ตั้งชื่อเอง", "2022-04-01")


def test_document_bad_metadata_date_keeps_the_parsed_one_with_a_warning():
    raw = RawText("ประชุมกลุ่ม วันที่ 5 มีนาคม 2565\n", "md", metadata={"date": "เมื่อไรก็ไม่รู้"})
    doc = build_document("t", "n.md", raw)
    assert doc.parsed.date == "2022-03-05" and any("not a date" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "value, iso",
    [(dt.date(2565, 3, 5), "2022-03-05"), (dt.date(2022, 3, 5), "2022-03-05"), ("2565-03-05", "2022-03-05"),
     ("5 มี.ค. 65", "2022-03-05"), ("๕ มีนาคม ๒๕๖๕", "2022-03-05"), ("ไม่ใช่วันที่", None), (42, None)],
)
def test_document_metadata_date_forms(value, iso):
    assert metadata_date(value) == iso


def test_document_sha256_is_of_the_normalized_text():
    import hashlib

    doc = build_document("t", "a.txt", RawText("กิจกรรม\u200bกลุ่ม\n", "txt"))
    assert "\u200b" not in doc.text
    assert doc.sha256 == hashlib.sha256(doc.text.encode()).hexdigest()


@pytest.mark.parametrize(
    "text",
    [
        "ประชุมกลุ่มวินมอเตอร์ไซค์รับจ้าง วันที่ 5 มีนาคม 2565\n\nสมาชิก ๒๔ คน  ร่วมออมเงิน (วันละ 20 บาท)\n",
        "   \n\t\n",
        "แรงงานนอกระบบ\u00a0\u00a0ตำบลบาละ: สปสช.เขต 12",
    ],
)
def test_document_token_columns_hold_every_non_space_token_once(text):
    from synthesis.corpus.ingest import token_columns

    document = build_document("demo", "a.txt", RawText(text, "txt"))
    columns = token_columns(document)
    expected = [t for t in document.tokens if t.text.strip()]
    assert columns["text"] == [t.text for t in expected]
    assert columns["start"] == [t.start for t in expected] and columns["end"] == [t.end for t in expected]
    assert columns["i"] == list(range(len(expected)))
    assert set(columns["doc_id"]) <= {document.doc_id} and columns["pos"] == [None] * len(expected)
    assert all(document.text[s:e] == t for s, e, t in zip(columns["start"], columns["end"], columns["text"]))

"""The extractive summary rule: substrings of coded segments, agreement first, no near-duplicates."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from synthesis.findings.summaries import (DUPLICATE_JACCARD, content_words, jaccard, sentence_candidates, summarize,
                                          summary_text)

LABELLED = Path(__file__).resolve().parents[1] / "data" / "findings" / "summary_cells.yaml"


def _segments(rows):
    return pd.DataFrame([{"coding_id": r[0], "doc_id": r[1], "coder": r[2], "quote": r[3], "date": "2024-01-01"}
                         for r in rows])


@pytest.mark.parametrize("quote, expected", [
    ("2. ทดลองใช้ม้านั่งสานในกลุ่มช่างสานทุกคน", "ทดลองใช้ม้านั่งสานในกลุ่มช่างสานทุกคน"),
    ("- ติดป้ายข้อตกลงกลุ่มไว้ที่มัสยิดกลางหมู่บ้าน", "ติดป้ายข้อตกลงกลุ่มไว้ที่มัสยิดกลางหมู่บ้าน"),
    ("ซ: มีดบาดมือนี่ทุกคนเคยโดนค่ะ ตอนตีสามมันมืด", "มีดบาดมือนี่ทุกคนเคยโดนค่ะ ตอนตีสามมันมืด"),
    ("10:30 น. เริ่มประชุมโดยนายก อบต. กล่าวเปิด", "10:30 น. เริ่มประชุมโดยนายก อบต. กล่าวเปิด"),  # a time is no label
])
def test_summaries_candidates_drop_list_markers_and_speaker_labels(quote, expected):
    assert sentence_candidates(quote) == [expected]


@pytest.mark.parametrize("quote", ["ค่ะ", "ครับ ใช่", "๑."])
def test_summaries_candidates_drop_fragments(quote):
    assert sentence_candidates(quote) == []


def test_summaries_long_segment_is_cut_into_sentences_that_stay_substrings():
    quote = ("ผู้ให้ข้อมูล: กลุ่มเรามีมานานแล้วแต่ก่อนรวมกันแค่เรื่องรับออเดอร์ผ้าปาเต๊ะ ใครเย็บได้เท่าไหร่ก็เอามาส่งที่บ้านประธาน "
             "ไม่เคยคุยเรื่องสุขภาพเลยสักครั้ง ผู้หญิงที่นี่นั่งเย็บตั้งแต่เช้าจนค่ำทุกวันจนปวดหลังกันทุกคน "
             "ส่วนเรื่องประกันสังคมส่วนใหญ่ไม่รู้เลยว่าแม่บ้านอย่างเราก็สมัครได้ คิดว่าต้องเป็นลูกจ้างบริษัทเท่านั้น")
    pieces = sentence_candidates(quote)
    assert len(pieces) >= 2
    assert all(piece in quote and len(piece) <= 220 for piece in pieces)


def test_summaries_agreement_of_documents_and_coders_comes_first():
    rows = [("a1", "d1", "coder_a", "ผู้ดูแลกองทุนช่วยตรวจเอกสารโครงการให้ทุกครั้ง"),
            ("b1", "d1", "coder_b", "ผู้ดูแลกองทุนช่วยตรวจเอกสารโครงการให้ทุกครั้ง"),
            ("a2", "d2", "coder_a", "ผู้ดูแลกองทุนช่วยตรวจเอกสารโครงการให้ทุกครั้ง"),
            ("a3", "d3", "coder_a", "มีคนเสนอให้ไปดูงานที่จังหวัดอื่นบ้าง")]
    chosen = summarize(_segments(rows))
    assert chosen[0].text == "ผู้ดูแลกองทุนช่วยตรวจเอกสารโครงการให้ทุกครั้ง"
    assert (chosen[0].documents, chosen[0].coders, chosen[0].coding_ids) == (2, 2, ["a1", "a2", "b1"])


@pytest.mark.parametrize("first, second", [
    ("ให้สหกรณ์หักเงินสมทบจากค่ายางเมื่อสมาชิกยินยอม", "เสนอให้สหกรณ์หักเงินสมทบจากค่ายางของสมาชิกที่ยินยอม เพื่อลดการขาดส่ง"),
    ("กลุ่มออมทรัพย์มีสมาชิก 47 คน เงินออมรวม 61,200 บาท", "กลุ่มออมทรัพย์มีสมาชิก 47 คน เงินออมรวม 61,200 บาท แล้ว"),
])
def test_summaries_near_duplicates_are_one_sentence(first, second):
    assert jaccard(content_words(first), content_words(second)) >= DUPLICATE_JACCARD
    chosen = summarize(_segments([("x1", "d1", "coder_a", first), ("x2", "d2", "coder_b", second)]))
    assert len(chosen) == 1 and chosen[0].documents == 2


def test_summaries_one_off_remark_is_left_out_beside_agreed_findings():
    agreed = "กองทุนหลักประกันสุขภาพเทศบาลอนุมัติงบให้กลุ่มจัดอบรมการใช้สารเคมี"
    rows = [(f"c{i}", f"d{i % 3}", ("coder_a", "coder_b")[i % 2], agreed) for i in range(6)]
    rows.append(("x", "d9", "coder_a", "พักรับประทานอาหารว่างหน้าห้องประชุม"))
    assert [s.text for s in summarize(_segments(rows))] == [agreed]


def test_summaries_are_deterministic_and_capped():
    rows = [(f"c{i}", f"d{i}", "coder_a", f"สมาชิกกลุ่มที่ {i} เล่าเรื่องการออมทรัพย์ของตนเองในหมู่บ้าน{'ยาว' * i}")
            for i in range(12)]
    frame = _segments(rows)
    first = summarize(frame)
    assert [s.text for s in first] == [s.text for s in summarize(frame.sample(frac=1, random_state=3))]
    assert len(first) <= 3 and len(summary_text(first)) <= 360


def test_summaries_labelled_set_precision_and_recall():
    """Our labelled cells (tests/data/findings/summary_cells.yaml): which sentences a mentor keeps.
    A chosen sentence matches a kept one when they are one finding (content-word Jaccard ≥ 0.5)."""
    cells = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["cells"]
    hits = chosen_total = kept_total = 0
    for cell in cells:
        frame = pd.DataFrame([{"coding_id": s["id"], "doc_id": s["doc"], "coder": s["coder"], "date": s["date"],
                               "quote": s["text"]} for s in cell["segments"]])
        chosen = [s.text for s in summarize(frame)]
        used: set[int] = set()
        for text in chosen:
            assert any(text in quote for quote in frame["quote"])
            for index, keep in enumerate(cell["keep"]):
                if index not in used and jaccard(content_words(text), content_words(keep)) >= DUPLICATE_JACCARD:
                    used.add(index)
                    hits += 1
                    break
        chosen_total += len(chosen)
        kept_total += len(cell["keep"])
    precision, recall = hits / chosen_total, hits / kept_total
    # measured: 0.83 / 0.92 on all 10 cells (0.88 / 0.94 on the 6 the rule was built with, 0.75 / 0.90 held out)
    assert precision >= 0.8 and recall >= 0.9, (precision, recall)


def test_summaries_demo_every_sentence_is_a_substring_of_a_linked_segment(demo):
    from synthesis.findings.matrix import framework_matrix

    quotes = {c.coding_id: c.quote for c in demo["codings"]}
    for level in ("top", "sub"):
        matrix = framework_matrix(demo["codings"], demo["documents"], demo["codebook"], demo["areas"],
                                  demo["segments"], level=level, details=demo["details"])
        sentences = [s for cell in matrix["sentences"] for s in cell]
        assert sentences
        for sentence in sentences:
            assert sentence["coding_ids"], sentence
            assert all(sentence["text"] in quotes[i] for i in sentence["coding_ids"]), sentence


@pytest.mark.parametrize("rows", [
    [("a1", "d1", "coder_a", "สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน"), ("b1", "d1", "coder_b", "สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน"),
     ("c1", "d2", "consensus", "ที่ประชุมเห็นว่าสหกรณ์หักเงินสมทบจากค่ายางทุกเดือน"), ("a2", "d3", "coder_a", "ราคายางตกต่ำมากจนคนหนุ่มไปทำงานมาเลเซีย")],
    [("a1", "d1", "rules", "มัสยิดใช้คุตบะห์วันศุกร์เตือนเรื่องกรดฟอร์มิก"), ("a2", "d2", "coder_a", "โต๊ะอิหม่ามพูดเรื่องความปลอดภัยทุกวันศุกร์")],
])
def test_summaries_columns_give_what_the_frame_gives(rows):
    """The matrix passes each cell's columns as lists: same sentences, ids and scores."""
    from synthesis.findings.summaries import summarize_columns

    frame = _segments(rows)
    columns = summarize_columns(*(frame[c].tolist() for c in ("coding_id", "doc_id", "coder", "quote", "date")))
    assert columns == summarize(frame) and columns

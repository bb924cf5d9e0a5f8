"""Suggestions: a TF-IDF + logistic regression model per code, learned from people's codings."""

from __future__ import annotations

import pytest

from synthesis.coding import new_coding
from synthesis.coding.anchor import text_sha256
from synthesis.coding.rules import CodingDocument
from synthesis.coding.suggest import precision_at_k, suggest, train
from synthesis.thai.spans import Segment
from synthesis.thai.tokenize import tokenize

SAFETY = ["สมาชิกใส่ถุงมือและแว่นตาทุกครั้ง", "แจกเสื้อสะท้อนแสงให้คนกรีดยาง", "ฝึกใส่เสื้อชูชีพก่อนออกเรือ",
          "ใส่หน้ากากกันฝุ่นเวลาสานกระจูด"]
PENSION = ["สมัครประกันสังคมมาตรา 40 เพิ่ม", "ส่งเงินสมทบมาตรา 40 ทุกเดือน", "ผู้ประกันตนมาตรา 40 ได้เงินชดเชย",
           "ชวนเพื่อนสมัครมาตรา 40 ที่หน่วยบริการ"]
OTHER = ["ประชุมกลุ่มที่ศาลาหมู่บ้าน", "รับประทานอาหารกลางวันร่วมกัน"]


def make_doc(doc_id, lines):
    text = "\n".join(lines)
    segments, at = [], 0
    for line in lines:
        segments.append(Segment(at, at + len(line), line, "paragraph"))
        at += len(line) + 1
    return CodingDocument(doc_id, text, text_sha256(text), tokenize(text), segments, [])


def code_lines(doc, coder="consensus", origin="manual"):
    out = []
    for segment in doc.segments:
        code = "ohs" if segment.text in SAFETY else "social_protection" if segment.text in PENSION else None
        if code:
            out.append(new_coding(doc.doc_id, segment.start, segment.end, segment.text, doc.sha256, code, coder,
                                  origin=origin))
    return out


DOCS = [make_doc(f"d{i}", [SAFETY[i % 4], PENSION[i % 4], OTHER[i % 2], SAFETY[(i + 1) % 4], PENSION[(i + 2) % 4]])
        for i in range(6)]
CODINGS = [c for d in DOCS for c in code_lines(d)]


def test_suggest_ranks_the_right_code_for_new_text():
    model = train(CODINGS, DOCS)
    assert model.codes == ["ohs", "social_protection"]
    new = make_doc("new", ["แจกแว่นตาและถุงมือให้สมาชิก", "สมัครมาตรา 40 ได้ 12 คน"])
    proposals = suggest(model, [new], top=1, min_score=0.0)
    best = dict(zip(proposals["text"], proposals["code_id"]))
    assert best == {"แจกแว่นตาและถุงมือให้สมาชิก": "ohs", "สมัครมาตรา 40 ได้ 12 คน": "social_protection"}
    assert proposals["score"].between(0, 1).all()


def test_suggest_skips_units_a_person_coded():
    model = train(CODINGS, DOCS)
    doc = DOCS[0]
    proposals = suggest(model, [doc], codings=CODINGS, min_score=0.0)
    coded = {(c.start, c.end) for c in CODINGS if c.doc_id == doc.doc_id}
    assert not coded & set(zip(proposals["start"], proposals["end"]))
    assert len(proposals) > 0  # the uncoded OTHER line still gets scores


def test_suggest_learns_only_from_people():
    rule_codings = [c for d in DOCS for c in code_lines(d, coder="rules", origin="rule")]
    with pytest.raises(ValueError, match="no code"):
        train(rule_codings, DOCS)


def test_suggest_precision_at_k_beats_baseline():
    result = precision_at_k(CODINGS, DOCS, coders=["consensus"], k=1, folds=3)
    assert result["units"] == 24
    assert result["precision_at_k"] == pytest.approx(1.0)
    assert result["baseline"] <= 0.5


def _rule(doc_id, start, end, code="ohs"):
    return new_coding(doc_id, start, end, "x" * (end - start), "", code, "rules", origin="rule")


@pytest.mark.parametrize(("people", "expected"), [
    ([], {}),  # nobody coded those documents: no evidence either way
    ([("d1", 0, 10, "ohs", "manual")], {"ohs": (1, 2)}),  # followed once, overruled once in d1
    ([("d1", 0, 10, "ohs", "manual"), ("d1", 25, 30, "ohs", "suggestion-accepted")], {"ohs": (2, 2)}),
    ([("d1", 0, 10, "pension", "manual")], {"ohs": (0, 2)}),  # people coded d1, never with ohs
    ([("d1", 0, 10, "ohs", "rule")], {}),  # a rule coding is not a person's judgement
])
def test_suggest_rule_precision_counts_matches_in_coded_documents(people, expected):
    from synthesis.coding.suggest import rule_precision

    rules = [_rule("d1", 0, 12), _rule("d1", 20, 32), _rule("d2", 0, 12)]  # d2: nobody coded it
    codings = [new_coding(d, s, e, "x" * (e - s), "", code, "rules" if origin == "rule" else "coder_a", origin=origin)
               for d, s, e, code, origin in people]
    assert rule_precision(rules, codings) == expected


@pytest.mark.parametrize(("hits", "matched", "score"), [(0, 0, 0.5), (3, 3, 0.8), (0, 8, 0.1), (5, 10, 0.5)])
def test_suggest_smoothed_precision(hits, matched, score):
    from synthesis.coding.suggest import smoothed_precision

    assert smoothed_precision(hits, matched) == pytest.approx(score)

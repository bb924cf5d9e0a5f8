"""Suggesters: word overlap with coded quotes, the codebook's rules, the engine's model."""

from __future__ import annotations

import pytest

from synthesis.coding import load_codebook, new_coding
from synthesis.panel import ListSource
from synthesis.panel.suggestions import SimilarSuggester, _EngineAdapter, make_suggester, rule_suggestions

from .conftest import make_document


@pytest.fixture
def codebook(lessons):
    return load_codebook(lessons / "codebook.yaml")


def coded(doc, index, code, coder="coder_b", origin="manual"):
    segment = doc.segments[index]
    return new_coding(doc.doc_id, segment.start, segment.end, doc.segment_text(index), doc.sha256, code, coder,
                      origin=origin)


def test_suggestions_similar_scores_shared_words(documents):
    rubber = documents[0]
    learned = [coded(rubber, 2, "mechanism")]  # "สมาชิกตั้งกองทุนออมทรัพย์..."
    new = make_document("new", "t", None, "other", (), ["อากาศร้อนมาก", "สมาชิกช่วยกันตั้งกองทุน"])
    found = SimilarSuggester(learned).suggest(new)
    target = new.segments[1]
    assert [(s.code_id, s.start, s.end) for s in found] == [("mechanism", target.start, target.end)]
    assert 0 < found[0].score < 1 and found[0].source == "similar"


def test_suggestions_similar_ignores_rule_codings(documents):
    new = make_document("new", "t", None, "other", (), ["สมาชิกช่วยกันตั้งกองทุน"])
    assert SimilarSuggester([coded(documents[0], 2, "mechanism", "rules", "rule")]).suggest(new) == []


@pytest.mark.parametrize("text, hits", [
    ("กองทุนหลักประกันสุขภาพ", 0),   # กองทุน inside a longer token: no hit
    ("ตั้งกองทุน ร่วมกัน", 1),
    ("ปลูกยางพารา", 0),
])
def test_suggestions_rules_match_whole_tokens(codebook, text, hits):
    doc = make_document("d", "t", None, "other", (), [text])
    found = rule_suggestions(codebook, doc)
    assert len(found) == hits
    # without evidence a rule scores the prior, and shows the rule that matched
    assert all((s.code_id, s.score, s.source) == ("mechanism", 0.5, "rule") and "กองทุน" in s.why for s in found)


def test_suggestions_fall_back_to_similar_when_the_engine_cannot_learn(documents, codebook):
    suggester = make_suggester([coded(documents[0], 0, "success")], codebook, ListSource(documents))
    assert isinstance(suggester, SimilarSuggester)


def test_suggestions_engine_model_when_enough_codings(codebook):
    paragraphs = ["ผู้นำชุมชนเข้มแข็งพาทำ", "ราคายางตกหนัก", "ผู้นำชุมชนประสานงานดี", "ขาดเงินทุนหมุนเวียน",
                  "ผู้นำชุมชนเป็นแบบอย่าง", "ไม่มีเวลาว่างมาประชุม"]
    train_doc = make_document("train", "t", None, "other", (), paragraphs)
    new_doc = make_document("new", "t", None, "other", (), ["ผู้นำชุมชนช่วยเหลือทุกคน", "ราคายางตกอีก"])
    codings = [coded(train_doc, i, "success.leadership") for i in (0, 2, 4)] + \
              [coded(train_doc, i, "obstacle") for i in (1, 3, 5)]
    suggester = make_suggester(codings, codebook, ListSource([train_doc, new_doc]))
    assert isinstance(suggester, _EngineAdapter)
    found = suggester.suggest(new_doc)
    first = [s for s in found if s.start == new_doc.segments[0].start]
    assert first and first[0].code_id == "success.leadership" and first[0].source == "model"
    assert all(0.0 <= s.score <= 1.0 for s in found)
    assert suggester.suggest_many([train_doc, new_doc])[new_doc.doc_id] == found  # batch = one by one

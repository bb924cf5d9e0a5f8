"""Auto-coding rules: whole tokens, near-by terms, entities, sections, regex; people come first."""

from __future__ import annotations

import pytest

from synthesis.coding import auto_code, new_coding, parse_codebook
from synthesis.coding.anchor import text_sha256
from synthesis.coding.rules import CodingDocument, keyword_spans
from synthesis.thai.spans import Entity, Segment
from synthesis.thai.tokenize import tokenize


def document(text: str, section: str | None = None, entities=()) -> CodingDocument:
    segments, at = [], 0
    for line in text.split("\n"):
        segments.append(Segment(at, at + len(line), line, "paragraph", section))
        at += len(line) + 1
    return CodingDocument("demo/t.txt", text, text_sha256(text), tokenize(text), segments, list(entities))


def book(rule: str) -> object:
    return parse_codebook(f"codes:\n  - id: c\n    name_th: ก\n    name_en: C\n    rules:\n      - {rule}\n")


@pytest.mark.parametrize(
    ("keyword", "text", "hit"),
    [
        ("ยา", "สมาชิกปลูกยางพาราทุกบ้าน", False),
        ("ยา", "ซื้อยาที่ร้านให้สมาชิก", True),
        ("ยาง", "สมาชิกปลูกยางพาราทุกบ้าน", False),
        ("ยางพารา", "สมาชิกปลูกยางพาราทุกบ้าน", True),
        ("มาตรา 40", "สมัครประกันสังคมมาตรา 40 เพิ่ม", True),
        ("ประกัน", "สมัครประกันสังคมแล้ว", False),
    ],
)
def test_rules_keyword_matches_whole_tokens(keyword, text, hit):
    assert bool(keyword_spans(text, tokenize(text), keyword)) is hit


def test_rules_auto_code_codes_matching_segments_only():
    doc = document("สมาชิกปลูกยางพาราทุกบ้าน\nซื้อยาที่ร้านให้สมาชิก")
    [coding] = auto_code(book("{keywords: [ยา], unit: paragraph}"), [doc])
    assert coding.quote == "ซื้อยาที่ร้านให้สมาชิก"
    assert (coding.origin, coding.coder, coding.code_id) == ("rule", "rules", "c")
    assert coding.memo == "rule 1: 'ยา'"


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("อุบัติเหตุจากการทำงานลดลงชัดเจน", True),
        ("อุบัติเหตุ " + "มี การ ทำงาน หลาย อย่าง ใน สวน ยาง ทุก วัน " + "ลดลง", False),
        ("ต้นทุนลดลง", False),
    ],
)
def test_rules_near_condition(text, hit):
    rule = "{keywords: [ลดลง], near: [อุบัติเหตุ], within: 4, unit: paragraph}"
    assert bool(auto_code(book(rule), [document(text)])) is hit


def test_rules_entity_section_and_regex_conditions():
    text = "อบต.บาละสนับสนุนงบ 32,400 บาท\nสมาชิกพอใจ"
    org = Entity(0, 8, "อบต.บาละ", "ORG")
    doc = document(text, section="outcomes", entities=[org])
    assert len(auto_code(book("{entities: [ORG], unit: paragraph}"), [doc])) == 1
    assert len(auto_code(book("{entities: [PERSON], unit: paragraph}"), [doc])) == 0
    assert len(auto_code(book("{regex: '[0-9,]+ บาท', sections: [outcomes], unit: paragraph}"), [doc])) == 1
    assert len(auto_code(book("{regex: '[0-9,]+ บาท', sections: [activities], unit: paragraph}"), [doc])) == 0
    assert len(auto_code(book("{keywords: [สมาชิก], unit: sentence}"), [doc])) == 0  # no sentence segments


def test_rules_never_overwrite_a_persons_coding():
    doc = document("ซื้อยาที่ร้าน\nแจกยาอีกรอบ")
    mine = new_coding(doc.doc_id, 0, 6, "ซื้อยา", doc.sha256, "c", "coder_a")
    codings = auto_code(book("{keywords: [ยา], unit: paragraph}"), [doc], existing=[mine])
    assert [c.quote for c in codings] == ["แจกยาอีกรอบ"]
    # a rule coding never counts as a person's
    again = auto_code(book("{keywords: [ยา], unit: paragraph}"), [doc], existing=codings)
    assert len(again) == 2


def test_rules_are_idempotent():
    doc = document("ซื้อยาที่ร้าน")
    first = auto_code(book("{keywords: [ยา], unit: paragraph}"), [doc])
    second = auto_code(book("{keywords: [ยา], unit: paragraph}"), [doc])
    assert [c.coding_id for c in first] == [c.coding_id for c in second]


def test_rules_default_codebook_on_thai_text(project_root):
    from synthesis.coding import load_codebook

    codebook = load_codebook(project_root / "lessons" / "codebook.yaml")
    doc = document("ประกันสังคมจังหวัดมาตั้งโต๊ะรับสมัครผู้ประกันตนมาตรา 40\nสมาชิกปลูกยางพาราทุกบ้าน")
    codes = {(c.quote, c.code_id) for c in auto_code(codebook, [doc])}
    first_line = doc.text.split("\n")[0]
    assert (first_line, "social_protection.section40") in codes
    assert (first_line, "partners.agency") in codes
    assert not any(quote.startswith("สมาชิก") for quote, _ in codes)


def test_rules_speaker_condition():
    text = "ผู้สัมภาษณ์: ใช้ยาอะไร\nผู้ให้ข้อมูล: ซื้อยาที่ร้าน"
    segments = [Segment(0, 22, text[0:22], "turn", None, "ผู้สัมภาษณ์"),
                Segment(23, len(text), text[23:], "turn", None, "ผู้ให้ข้อมูล")]
    doc = CodingDocument("d", text, text_sha256(text), tokenize(text), segments, [])
    codings = auto_code(book("{keywords: [ยา], unit: block, speaker: ผู้ให้ข้อมูล}"), [doc])
    assert [c.start for c in codings] == [23]
    assert len(auto_code(book("{keywords: [ยา], unit: turn}"), [doc])) == 2


def test_rules_documents_from_store_tables():
    import pandas as pd

    from synthesis.coding.rules import documents_from_tables

    text = "ซื้อยาที่ร้าน\nปลูกยางพารา"
    documents = pd.DataFrame({"doc_id": ["d"], "text": [text], "sha256": [text_sha256(text)]})
    segments = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 14], "end": [13, 25], "kind": ["paragraph"] * 2,
                             "section": [None, "outcomes"], "speaker": [None, None]})
    tokens = pd.DataFrame([{"doc_id": "d", "start": t.start, "end": t.end} for t in tokenize(text) if not t.is_space])
    entities = pd.DataFrame({"doc_id": ["d"], "start": [14], "end": [18], "label": ["ORG"]})
    [doc] = documents_from_tables(documents, segments, tokens, entities)
    assert doc.segments[1].section == "outcomes" and doc.entities[0].label == "ORG"
    assert [c.quote for c in auto_code(book("{keywords: [ยา], unit: paragraph}"), [doc])] == ["ซื้อยาที่ร้าน"]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(ก|กก)+ข", "ก" * 40),
        (r"(สมาชิก|สมาชิกสมาชิก)+จบ", "สมาชิก" * 30),
    ],
)
def test_rules_catastrophic_regex_is_bounded(monkeypatch, pattern, text):
    import time

    monkeypatch.setenv("SYNTHESIS_REGEX_TIMEOUT", "0.2")
    doc = document(text + "\nกลุ่มออมทรัพย์ประชุม")
    warnings: list[str] = []
    started = time.monotonic()
    codings = auto_code(book(f"{{regex: '{pattern}', unit: paragraph}}"), [doc], warnings=warnings)
    assert time.monotonic() - started < 5  # the rule is dropped after its first timeout
    assert codings == []
    assert len(warnings) == 1 and "code c rule 1" in warnings[0] and "SYNTHESIS_REGEX_TIMEOUT" in warnings[0]


@pytest.mark.parametrize(
    ("pattern", "unsafe"),
    [
        (r"(กลุ่ม\s*)+ออมทรัพย์", True),
        (r"(?:\w+\s?)*$", True),
        (r"(ก*)*ข", True),
        (r"ออม(ทรัพย์)?", False),
        (r"[0-9,]+ บาท", False),
        (r"(ประชุม){2,3}", False),
    ],
)
def test_rules_unsafe_pattern_finds_nested_repeats(pattern, unsafe):
    from synthesis.coding.rules import unsafe_pattern

    assert (unsafe_pattern(pattern) is not None) is unsafe

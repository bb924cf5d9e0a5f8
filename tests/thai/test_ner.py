"""The bundled CRF NER model, opened with pycrfsuite."""

import pytest

from synthesis.thai import ner
from synthesis.thai.entities import find_entities

pytest.importorskip("pycrfsuite")


@pytest.fixture(scope="module")
def model_available():
    """Skip without the bundled model; load it (and the POS tagger) once for the module."""
    try:
        ner.model_path()
    except FileNotFoundError as error:
        pytest.skip(str(error))
    ner.crf_entities("นายสมชาย ใจดี")


def test_ner_missing_model_gives_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setattr(ner, "MODEL_FILE", "no_such_model.crfsuite")
    with pytest.raises(FileNotFoundError, match="no_such_model.crfsuite.*use_crf"):
        ner.model_path()


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        ("นายสมชาย ใจดี กล่าวเปิดงาน", "PERSON", "สมชาย ใจดี"),
        ("ประสานงานกับกระทรวงแรงงาน", "ORG", "กระทรวงแรงงาน"),
        ("ลงพื้นที่จังหวัดสงขลา", "PLACE", "จังหวัดสงขลา"),
    ],
)
def test_ner_crf_entities_finds_names(model_available, text, label, span):
    found = [(e.label, e.text) for e in ner.crf_entities(text)]
    assert (label, span) in found


def test_ner_person_span_drops_the_title(model_available):
    person = next(e for e in ner.crf_entities("ผศ.ดร.แสงดาว ทองคำ กล่าวเปิด") if e.label == "PERSON")
    assert person.text.startswith("แสงดาว")
    assert person.attrs["title"] == "ผศ.ดร."
    assert person.source == "crf"


def test_ner_empty_text(model_available):
    assert ner.crf_entities("   ") == []


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        ("ผู้ประสานงานพื้นที่ชื่อ สุนิสา แก้วประดิษฐ์ รายงานผลการสำรวจ", "PERSON", "สุนิสา แก้วประดิษฐ์"),
        ("การอบรมจัดร่วมกับสมาคมผู้ประกอบการประมงพื้นบ้าน ในจังหวัดสตูล", "ORG", "สมาคมผู้ประกอบการประมงพื้นบ้าน"),
    ],
)
def test_ner_combination_adds_what_the_rules_cannot_see(model_available, text, label, span):
    rules_only = [(e.label, e.text) for e in find_entities(text)]
    combined = [(e.label, e.text, e.source) for e in find_entities(text, use_crf=True)]
    assert (label, span) not in rules_only
    assert (label, span, "crf") in combined


def test_ner_combination_drops_rooms_the_crf_calls_places(model_available):
    text = "ณ ห้องประชุมโรงแรมคริสตัล อ.หาดใหญ่ จ.สงขลา"
    places = [e.text for e in find_entities(text, use_crf=True) if e.label == "PLACE"]
    assert places == ["อ.หาดใหญ่", "จ.สงขลา"]

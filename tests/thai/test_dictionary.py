"""The domain dictionary: every shipped term comes out of the tokenizer whole."""

from __future__ import annotations

import pytest

from synthesis.thai import tokenize
from synthesis.thai.dictionary import (
    domain_words,
    is_hard_term,
    load_dictionary,
    read_terms,
    user_dictionary_path,
)

SHIPPED = domain_words()
# Contexts a term meets in reports: alone, between spaces, glued to Thai words on both sides.
CONTEXTS = ["{}", "ที่ {} และ", "โดย{}ร่วมกับ", "({})", "๑. {}\n"]


def test_dictionary_is_real_and_has_the_programme_terms():
    assert len(SHIPPED) > 100
    for term in ["แรงงานนอกระบบ", "หน่วยบริการชุมชน", "กองทุนหลักประกันสุขภาพ", "ผู้ประกันตนตามมาตรา 40",
                 "สปสช.", "อปท.", "อสอช.", "กระจูด", "คลุ้ม", "วินมอเตอร์ไซค์", "บาละ", "นาทอน"]:
        assert term in SHIPPED


@pytest.mark.parametrize("term", SHIPPED)
def test_dictionary_every_term_whole_in_context(term):
    contexts = CONTEXTS if is_hard_term(term) else ["{}", "ที่ {} และ", "({})"]
    for context in contexts:
        text = context.format(term)
        assert term in [t.text for t in tokenize(text)], f"{term!r} cut in {text!r}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# comment\nกระจูด\n\n  คลุ้ม  # a sedge\nกระจูด\n", ["กระจูด", "คลุ้ม"]),
        ("ผู้ประกันตนตามมาตรา   40\n", ["ผู้ประกันตนตามมาตรา 40"]),
        ("เเรงงาน\u200b\n", ["แรงงาน"]),  # terms are normalized like the texts
    ],
)
def test_dictionary_read_terms(text, expected):
    assert read_terms(text) == expected


@pytest.mark.parametrize(("term", "hard"), [("สปสช.", True), ("แค", False), ("กระจูด", True), ("ทม.", True)])
def test_dictionary_hard_terms(term, hard):
    assert is_hard_term(term) is hard


def test_dictionary_user_words_from_lessons(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHESIS_HOME", str(tmp_path))
    text = "ทีมงานใช้แบบประเมินสุขภาวะแรงงานเชิงรุกทุกเดือน"
    assert "แบบประเมินสุขภาวะแรงงานเชิงรุก" not in [t.text for t in tokenize(text)]
    path = user_dictionary_path()
    path.parent.mkdir(parents=True)
    path.write_text("# our words\nแบบประเมินสุขภาวะแรงงานเชิงรุก\n", encoding="utf-8")
    dictionary = load_dictionary()
    assert "แบบประเมินสุขภาวะแรงงานเชิงรุก" in dictionary.terms
    assert str(path) in dictionary.sources
    assert "แบบประเมินสุขภาวะแรงงานเชิงรุก" in [t.text for t in tokenize(text)]


def test_dictionary_user_file_not_utf8_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHESIS_HOME", str(tmp_path))
    path = user_dictionary_path()
    path.parent.mkdir(parents=True)
    path.write_bytes("กระจูด".encode("cp874"))
    with pytest.raises(ValueError, match="dictionary.txt: not UTF-8"):
        load_dictionary()


def test_dictionary_hash_changes_with_user_words(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHESIS_HOME", str(tmp_path))
    before = load_dictionary().sha256
    path = user_dictionary_path()
    path.parent.mkdir(parents=True)
    path.write_text("คำใหม่ของโครงการ\n", encoding="utf-8")
    assert load_dictionary().sha256 != before

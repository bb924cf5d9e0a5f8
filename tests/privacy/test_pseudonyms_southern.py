"""A first name after a southern form of address (ก๊ะยะห์, บังหมัด) is pseudonymized as a person
of its own when no full name of theirs is known; the bare syllable elsewhere is left alone, and
a word that starts with the same letters (แบตเตอรี่, ก๊ะเลย) is no name."""

import pytest

from synthesis.privacy import PseudonymKey, build_key, redact_text


def _redacted(text: str) -> str:
    key = build_key([("d1", text)], PseudonymKey.new("test", salt="cd" * 32))
    return redact_text(text, key, "d1")


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("ก๊ะยะห์ขายโรตีหน้าโรงเรียน", "ยะห์", "ขายโรตี"),
        ("เมื่อวานบังหมัดมาประชุมกลุ่ม แล้วบัง หมัด ก็กลับบ้าน", "หมัด", "มาประชุมกลุ่ม"),
        ("แบมะทำสวนยาง ส่วนมะพร้าวขายได้ราคาดี", "แบมะ", "มะพร้าว"),
        ("ก๊ะฮาลีเมาะ ดาโอ๊ะ แม่ค้าขายน้ำบูดู", "ดาโอ๊ะ", "แม่ค้าขายน้ำบูดู"),  # the surname after a space goes too
        ("บังหมัด ไม่ได้มาประชุม", "หมัด", "ไม่ได้มาประชุม"),  # an ordinary word after it is no surname
    ],
)
def test_pseudonyms_southern_address_name_is_replaced(text, gone, kept):
    redacted = _redacted(text)
    assert gone not in redacted and kept in redacted and "บุคคล-" in redacted


@pytest.mark.parametrize("text", ["ร้านค้าขายแบตเตอรี่ไฟฉายคาดหัว", "พอรู้ว่ามีกองทุน ก๊ะเลยชวนลูกไปสมัคร",
                                  "ผู้ใหญ่บ้านปิดบังข้อมูลบางส่วน"])
def test_pseudonyms_southern_address_letters_in_words_stay(text):
    assert _redacted(text) == text


def test_pseudonyms_southern_address_variant_of_a_known_person_is_not_a_second_person():
    text = "ผู้ให้ข้อมูล นางสาวซาลมะห์ ดอเลาะ\nก๊ะมะห์เล่าว่าขายข้าวแกงทุกเช้า"
    key = build_key([("d1", text)], PseudonymKey.new("test", salt="cd" * 32))
    assert len(key.people) == 1
    redacted = redact_text(text, key, "d1")
    assert "มะห์" not in redacted and redacted.count(next(iter(key.people.values())).pseudonym) == 2

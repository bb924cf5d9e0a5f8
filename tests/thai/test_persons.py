"""PERSON entities: names after titles, participant lists, glued surnames."""

import pytest

from synthesis.thai.persons import find_persons
from synthesis.thai.spans import Token


@pytest.mark.parametrize(
    ("text", "value", "title"),
    [
        ("นายสมชาย ใจดี", "สมชาย ใจดี", "นาย"),
        ("นางมาลี ศรีสุข", "มาลี ศรีสุข", "นาง"),
        ("นางสาวสุดา ใจงาม", "สุดา ใจงาม", "นางสาว"),
        ("นส.อารีรัตน์ ทองดี", "อารีรัตน์ ทองดี", "นส."),
        ("น.ส.อารีรัตน์ ทองดี", "อารีรัตน์ ทองดี", "น.ส."),
        ("ผศ.ดร.แสงดาว ทองคำ", "แสงดาว ทองคำ", "ผศ.ดร."),
        ("รศ.วันดี มีสุข", "วันดี มีสุข", "รศ."),
        ("ดร.ปรีชา แก้วมณี", "ปรีชา แก้วมณี", "ดร."),
        ("อาจารย์อรดี วงศ์ดี", "อรดี วงศ์ดี", "อาจารย์"),
        ("เภสัชกรวิชัย ทองสุข", "วิชัย ทองสุข", "เภสัชกร"),
        ("ผอ.สุนทร ดำรงค์", "สุนทร ดำรงค์", "ผอ."),
        ("ว่าที่ร.ต.สมศักดิ์ ดีใจ", "สมศักดิ์ ดีใจ", "ว่าที่ร.ต."),
        ("บังหมัด", "หมัด", "บัง"),
        ("ก๊ะยะห์ ช่วยกันทำ", "ยะห์", "ก๊ะ"),
        ("รายงานจากพื้นที่ โดย ฟาตีมะ เจ๊ะแว", "ฟาตีมะ เจ๊ะแว", None),
    ],
)
def test_persons_names_after_titles(text, value, title):
    (entity,) = find_persons(text)
    assert (entity.value, entity.attrs["title"]) == (value, title)
    assert entity.text == text[entity.start : entity.end] == value
    assert entity.label == "PERSON"


def test_persons_participant_list():
    text = "ผู้เข้าร่วม -นายก ข -นางค ง -ผศ.ดร.จันทร์ เพ็ญ -นส.ดาว ฟ้าใส"
    assert [e.value for e in find_persons(text)] == ["ก ข", "ค ง", "จันทร์ เพ็ญ", "ดาว ฟ้าใส"]


def test_persons_glued_surname_stops_at_a_name_ending_word():
    (entity,) = find_persons("โดยอาจารย์อรดี วงศ์ดีได้กล่าวว่า")
    assert entity.value == "อรดี วงศ์ดี"


def test_persons_glued_surname_stops_at_a_token_boundary():
    text = "นายสมชาย ใจดีกล่าวเปิดงาน"
    tokens = [Token(0, 3, "นาย"), Token(3, 8, "สมชาย"), Token(8, 9, " ", True), Token(9, 13, "ใจดี"), Token(13, 18, "กล่าว"), Token(18, 25, "เปิดงาน")]
    (entity,) = find_persons(text, tokens)
    assert entity.value == "สมชาย ใจดี"


@pytest.mark.parametrize(
    "text",
    [
        "นายกเทศมนตรีกล่าวเปิด",
        "นายก อบต.บาละ",
        "ของนายจ้างในพื้นที่",
        "นายอำเภอเป็นประธาน",
        "นางพยาบาลประจำ",
        "คุณภาพชีวิตดีขึ้น",
        "บังคับใช้",
        "อ.หนองจิก",
        "ผอ.รพ.สต.บ้านนา",
        "ผอ.กองสาธารณสุข",
        "สงขลานายสมชาย",  # a title glued inside a word is not read
    ],
)
def test_persons_title_like_words_that_are_not_titles(text):
    assert find_persons(text) == []


@pytest.mark.parametrize(
    ("text", "value", "title"),
    [
        ("ซื้อแว่นได้ นายกฮาซันเขาเป็นประธานกองทุน", "ฮาซัน", "นายก"),
        ("คุณอดุลย์เอาเงินกองทุนฯ มาช่วย", "อดุลย์", "คุณ"),
        ("กลุ่มแม่บ้านของก๊ะแยนะทำข้าวเกรียบ", "แยนะ", "ก๊ะ"),
        ("ขอบคุณค่ะ คุณสุกัญญาคะ ในฐานะเทศบาล", "สุกัญญา", "คุณ"),
        ("โดย ผศ.ดร.กนกพร จะส่งแนวคำถามให้", "กนกพร", "ผศ.ดร."),
        ("- เภสัชกรหญิงวรรณา เกื้อกูล โรงพยาบาล", "วรรณา เกื้อกูล", "เภสัชกรหญิง"),
    ],
)
def test_persons_name_stops_before_the_rest_of_the_clause(text, value, title):
    (entity,) = find_persons(text)
    assert (entity.value, entity.attrs["title"]) == (value, title)


@pytest.mark.parametrize("text", ["ฮ: ก๊ะอยากบอกว่าดีมาก", "บังก็ไม่รู้"])
def test_persons_form_of_address_used_as_a_pronoun_is_no_name(text):
    assert find_persons(text) == []


def test_persons_role_after_a_name_is_an_apposition():
    text = "นายอับดุล เจะมะ ผู้ใหญ่บ้าน ชี้แจงว่าชาวบ้านยังไม่รู้"
    assert [e.value for e in find_persons(text)] == ["อับดุล เจะมะ"]


def test_persons_surname_ending_in_a_stop_word_is_kept_with_tokens():
    text = "อาจารย์นูรีซัน สาและ จากมหาวิทยาลัย"
    tokens = [Token(0, 7, "อาจารย์"), Token(7, 14, "นูรีซัน"), Token(14, 15, " ", True), Token(15, 17, "สา"), Token(17, 20, "และ"), Token(20, 21, " ", True)]
    (entity,) = find_persons(text, tokens)
    assert entity.value == "นูรีซัน สาและ"


@pytest.mark.parametrize(("text", "value"), [("ไปที่บ้านนายมะรอนิง สะมะแอ", "มะรอนิง สะมะแอ"), ("เรียนนางสาวสุดา ใจงาม", "สุดา ใจงาม")])
def test_persons_title_after_words_that_introduce_a_name(text, value):
    assert [e.value for e in find_persons(text)] == [value]


def test_persons_participant_list_on_a_real_page(seeds_dir):
    pages = sorted(seeds_dir.glob("003_*.txt"))
    if not pages:
        pytest.skip("the page with a participant list is not present")
    text = pages[0].read_text(encoding="utf-8-sig")
    people = find_persons(text)
    full_names = {e.value for e in people if e.attrs["surname"]}
    assert len(full_names) >= 6  # the meeting lists six participants with titles
    assert all(" " in name and len(name) < 40 for name in full_names)

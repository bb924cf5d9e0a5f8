"""Numbers as Thai reports write them: Thai digits, commas, form dots, units."""

import pytest

from synthesis.thai.numbers import find_quantities, parse_number, thai_digits_to_arabic


@pytest.mark.parametrize(
    ("written", "expected"),
    [("๐๑๒๓๔๕๖๗๘๙", "0123456789"), ("วันที่ ๑๙ เมย. ๖๒", "วันที่ 19 เมย. 62"), ("ไม่มีเลข", "ไม่มีเลข")],
)
def test_numbers_thai_digits_to_arabic(written, expected):
    assert thai_digits_to_arabic(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("๑,๒๐๐", 1200),
        ("1,200.50", 1200.5),
        ("..5...", 5),
        ("....12.....", 12),
        ("๓", 3),
        ("0.75", 0.75),
        ("ห้าคน", None),
        ("", None),
        ("1,2,3", None),
    ],
)
def test_numbers_parse_number(written, expected):
    assert parse_number(written) == expected


@pytest.mark.parametrize(
    ("text", "label", "value", "span", "unit"),
    [
        ("แรงงานอย่างน้อยร้อยละ 60 ของสมาชิก", "PERCENT", 60, "ร้อยละ 60", None),
        ("เพิ่มขึ้น 60% จากปีก่อน", "PERCENT", 60, "60%", None),
        ("ได้รับงบ 50,000 บาท", "MONEY", 50000, "50,000 บาท", "บาท"),
        ("งบรวม 2.5 ล้านบาท", "MONEY", 2500000, "2.5 ล้านบาท", "บาท"),
        ("ผู้เข้าร่วม 15 คน", "COUNT", 15, "15 คน", "คน"),
        ("เกิดหน่วยบริการ 5 หน่วย", "COUNT", 5, "5 หน่วย", "หน่วย"),
        ("อนุมัติ 140 โครงการ", "COUNT", 140, "140 โครงการ", "โครงการ"),
        ("มี 20 กองทุน", "COUNT", 20, "20 กองทุน", "กองทุน"),
        ("จำนวน ..5...คน", "COUNT", 5, "..5...คน", "คน"),
        ("ศูนย์ ๓ แห่ง", "COUNT", 3, "๓ แห่ง", "แห่ง"),
        ("จำนวน ....12..... คน", "COUNT", 12, "....12..... คน", "คน"),
        ("จังหวัดละ 3-5 หน่วย", "COUNT", 3, "3-5 หน่วย", "หน่วย"),
        ("ประกันตนตามมาตรา 40", "NUMBER", 40, "40", None),
    ],
)
def test_numbers_find_quantities_labels_values_units(text, label, value, span, unit):
    found = find_quantities(text)
    assert len(found) == 1, found
    entity = found[0]
    assert (entity.label, entity.value, entity.text, entity.attrs.get("unit")) == (label, value, span, unit)
    assert text[entity.start : entity.end] == entity.text


@pytest.mark.parametrize(
    "text",
    [
        "เวลา 09.00-15.00 น. ณ ห้องประชุม",
        "เวลา 13.00-16.00น.ห้องประชุม",
        "สายพันธุ์ BA.4,BA.5 ระบาด",
        "ภาพขนาด 1477x1108",
        "1.1.จังหวัดนราธิวาส",
        "2)มีหลักสูตร",
        "วันที่ 21/7/65",
    ],
)
def test_numbers_find_quantities_skips_times_codes_and_list_markers(text):
    assert find_quantities(text) == []


def test_numbers_range_keeps_its_maximum():
    (entity,) = find_quantities("ร้อยละ 60-70")
    assert entity.value == 60 and entity.attrs["max"] == 70


@pytest.mark.parametrize("text", ["1" * 100_000, "๑" * 5000 + " คน", "9" * 30])
def test_numbers_huge_digit_runs_are_not_quantities(text):
    assert find_quantities(text) == []
    assert parse_number(text.split()[0]) is None


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("งบประมาณ 50,000.- บาท", 50000, "50,000.- บาท"),
        ("งบ 50,000.-บาท", 50000, "50,000.-บาท"),
        ("ได้รับ 5 หมื่นบาท", 50000, "5 หมื่นบาท"),
        ("1.5 แสนบาท ต่อปี", 150000, "1.5 แสนบาท"),
        ("ราว 3 พันบาท", 3000, "3 พันบาท"),
    ],
)
def test_numbers_money_forms(text, value, span):
    (entity,) = find_quantities(text)
    assert (entity.label, entity.value, entity.text) == ("MONEY", value, span)


@pytest.mark.parametrize("text", ["1.ประเด็นการคัดเลือก", "2.พื้นที่ต้นแบบ", "1.1 ความเป็นมา"])
def test_numbers_list_markers_before_unit_words_are_not_counts(text):
    assert find_quantities(text) == []

"""Thai dates in every form the reports use, read into ISO dates."""

import pytest

from synthesis.thai.dates import find_dates, parse_thai_date


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("4 มกราคม 2565", ("2022-01-04", None)),
        ("4 ม.ค. 2565", ("2022-01-04", None)),
        ("4 มค. 2565", ("2022-01-04", None)),
        ("4 ม.ค 2565", ("2022-01-04", None)),
        ("4 มค 2565", ("2022-01-04", None)),
        ("วันที่4กันยายน2563", ("2020-09-04", None)),
        ("แผนงานกลาง22 กรกฎาคม 2562", ("2019-07-22", None)),
        ("๑๙ เมษายน ๒๕๖๒", ("2019-04-19", None)),
        ("5 มี.ค. 66", ("2023-03-05", None)),
        ("1 มิ.ย.2564", ("2021-06-01", None)),
        ("วันที่ 11 กันยายน พ.ศ. 2565", ("2022-09-11", None)),
        ("วันที่ 11 กันยายน พ.ศ.2565", ("2022-09-11", None)),
        ("11-12 กันยายน 2565", ("2022-09-11", "2022-09-12")),
        ("๑๙-๒๐ เมย. ๖๒", ("2019-04-19", "2019-04-20")),
        ("30 ก.ย. - 2 ต.ค. 2565", ("2022-09-30", "2022-10-02")),
        ("30 ธ.ค. 2565 - 2 ม.ค. 2566", ("2022-12-30", "2023-01-02")),
        ("30 ธ.ค. - 2 ม.ค. 2566", ("2022-12-30", "2023-01-02")),
        ("21/7/65", ("2022-07-21", None)),
        ("21/07/2565", ("2022-07-21", None)),
        ("27 กุมภาพันธ์ 2013", ("2013-02-27", None)),
        ("27 ก.พ. ค.ศ. 2013", ("2013-02-27", None)),
        ("กันยายน 2563", ("2020-09-01", None)),
        ("29 กุมภาพันธ์ 2563", ("2020-02-29", None)),
        ("3 กรกฏาคม 2565", ("2022-07-03", None)),
    ],
)
def test_dates_parse_thai_date_forms(written, expected):
    assert parse_thai_date(written) == expected


@pytest.mark.parametrize(
    "written",
    ["31 กุมภาพันธ์ 2565", "29 กุมภาพันธ์ 2565", "32/1/65", "12/13/2565", "4 กันยายน", "ไม่มีวันที่", "", "มค 2565"],
)
def test_dates_invalid_or_yearless_are_not_dates(written):
    assert parse_thai_date(written) is None
    assert find_dates(written) == []


@pytest.mark.parametrize(
    ("text", "span", "value", "attrs"),
    [
        ("ประชุม วันที่ 11-12 กันยายน 2565 เวลา 09.00 น.", "11-12 กันยายน 2565", "2022-09-11", {"era": "BE", "end": "2022-09-12"}),
        ("เมื่อ 27 กุมภาพันธ์ 2013 ที่ผ่านมา", "27 กุมภาพันธ์ 2013", "2013-02-27", {"era": "CE"}),
        ("รายงานเดือนกันยายน 2563 ฉบับนี้", "กันยายน 2563", "2020-09-01", {"era": "BE", "precision": "month"}),
        ("ส่งรายงาน 21/7/65 แล้ว", "21/7/65", "2022-07-21", {"era": "BE"}),
    ],
)
def test_dates_find_dates_spans_and_attrs(text, span, value, attrs):
    (entity,) = find_dates(text)
    assert entity.label == "DATE"
    assert entity.text == span == text[entity.start : entity.end]
    assert entity.value == value
    assert entity.attrs == attrs


@pytest.mark.parametrize(
    "text",
    ["วันที่ 4 กันยายน 10.00 น.", "ห้องประชุมชั้น 2 กย", "สายพันธุ์ BA.4,BA.5", "ปีงบประมาณ 2565"],
)
def test_dates_find_dates_ignores_non_dates(text):
    assert find_dates(text) == []


def test_dates_find_dates_several_in_one_text():
    text = "ครั้งแรก 4 ก.ค. 2565 ครั้งที่สอง 8 ส.ค. 2565 และสรุป 1/9/65"
    assert [e.value for e in find_dates(text)] == ["2022-07-04", "2022-08-08", "2022-09-01"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("21-07-2565", ("2022-07-21", None)),
        ("21.07.2565", ("2022-07-21", None)),
        ("4 ถึง 6 กันยายน 2563", ("2020-09-04", "2020-09-06")),
        ("30 ก.ย. ถึงวันที่ 2 ต.ค. 2565", ("2022-09-30", "2022-10-02")),
        ("วันศุกร์ที่ 4 กันยายน 2563", ("2020-09-04", None)),
    ],
)
def test_dates_more_numeric_and_range_forms(written, expected):
    assert parse_thai_date(written) == expected


@pytest.mark.parametrize("text", ["ข้อ 1.2.65 ของแผน", "ได้ 3-5-10 คะแนน", "รุ่น 1.1.1"])
def test_dates_dotted_or_dashed_numbers_need_a_four_digit_year(text):
    assert find_dates(text) == []

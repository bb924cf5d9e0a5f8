"""Report structure: fund-website activity reports, meeting summaries, interviews, other."""

from __future__ import annotations

import pytest

from synthesis.corpus.parser import parse_document


def fund_report(title_line="ประชุมคณะทำงานกลุ่มผู้กรีดยาง5 มีนาคม 2565", day="5",
                month_year="มีนาคม 2565", reporter="ปรีชา ใจดี",
                activity_heading="กิจกรรมที่ปฎิบัติ (รายละเอียดกิจกรรมที่ทำจริง)",
                outcome_heading="ผลที่เกิดขึ้นจริง (ผลผลิตและผลลัพธ์ของวันนั้น)",
                body="วันที่ 5 มีนาคม 2565 ณ ศาลาประชาคมหมู่ที่ 3 ต.แค อ.จะนะ จ.สงขลา\n"
                     "ผู้เข้าร่วม จำนวน ..15... คน ได้แก่ นายสมพร ทองดี นางสาวมาลี ศรีสุข\n\n"
                     "1. ทบทวนแผนงาน\n2. แบ่งกลุ่มสำรวจ"):
    return (f"กองทุนหลักประกันสุขภาพ อบต.แค - กปท\n\n"
            f"โครงการส่งเสริมสุขภาพคนกรีดยาง ตำบลแค\n\n"
            f"{title_line}\n{day}\n{month_year}รายงานจากพื้นที่ โดย {reporter}\ncircle\n"
            f"{activity_heading}\n\n{body}\n\ncircle\n{outcome_heading}\n\n"
            f"1. คณะทำงานตั้งเป้าหมายให้สมาชิกเป็นผู้ประกันตนอย่างน้อยร้อยละ 60\n2. ได้แผนที่จุดเสี่ยง 1 ชุด\n")


def test_parser_fund_report_fields():
    r = parse_document(fund_report())
    assert r.kind == "activity_report"
    assert r.fund == "กองทุนหลักประกันสุขภาพ อบต.แค - กปท"
    assert r.project == "โครงการส่งเสริมสุขภาพคนกรีดยาง ตำบลแค"
    assert r.title == "ประชุมคณะทำงานกลุ่มผู้กรีดยาง"
    assert (r.date, r.date_text, r.reporter) == ("2022-03-05", "5 มีนาคม 2565", "ปรีชา ใจดี")
    assert r.provinces == ["สงขลา"] and r.amphoe == ["จะนะ"] and r.tambon == ["แค"]
    assert r.place["text"] == "ศาลาประชาคมหมู่ที่ 3 ต.แค อ.จะนะ จ.สงขลา"
    assert (r.place["tambon"], r.place["amphoe"], r.place["province"]) == ("แค", "จะนะ", "สงขลา")
    assert r.participants_count == 15
    assert set(r.sections) == {"activities", "outcomes"}
    assert r.sections["activities"].startswith("วันที่ 5 มีนาคม") and "circle" not in r.sections["activities"]
    assert r.sections["outcomes"].startswith("1. คณะทำงาน")
    assert any(t["value"] == 60 and t["label"] == "PERCENT" for t in r.targets)


def test_parser_offsets_point_into_the_normalized_text():
    r = parse_document(fund_report(activity_heading="กิจกรรมที่ปฎิบัติ"))
    for name, (start, end) in r.section_spans.items():
        assert r.text[start:end] == r.sections[name]
    assert r.text[r.place["start"]:r.place["end"]] == r.place["text"]
    for target in r.targets:
        assert r.text[target["start"]:target["end"]] == target["text"]


@pytest.mark.parametrize(
    "title_line, day, month_year, title, date",
    [
        ("ประชุมคณะทำงาน5 มีนาคม 2565", "5", "มีนาคม 2565", "ประชุมคณะทำงาน", "2022-03-05"),
        ("ประชุมคณะทำงาน 5 มีนาคม 2565", "5", "มีนาคม 2565", "ประชุมคณะทำงาน", "2022-03-05"),
        ("อบรมอสอช.รุ่น 2๒๔ ตุลาคม ๒๕๖๗", "๒๔", "ตุลาคม ๒๕๖๗", "อบรมอสอช.รุ่น 2", "2024-10-24"),
        ("เวทีคืนข้อมูล (ครั้งที่ 1)12 ธันวาคม 2562", "12", "ธันวาคม 2562", "เวทีคืนข้อมูล (ครั้งที่ 1)", "2019-12-12"),
        ("ประชุมสรุปผล", "1", "กรกฎาคม 2566", "ประชุมสรุปผล", "2023-07-01"),
    ],
    ids=["glued", "spaced", "thai-digits", "parenthesis", "not-glued"],
)
def test_parser_title_glued_date_split_off(title_line, day, month_year, title, date):
    r = parse_document(fund_report(title_line=title_line, day=day, month_year=month_year))
    assert (r.title, r.date) == (title, date)


@pytest.mark.parametrize("reporter", ["pakyoon", "supawadee_p", "อารีรัตน์ สุวรรณ", "นางสาวปาริชาติ ดวงแก้ว"])
def test_parser_reporter_after_reported_by(reporter):
    assert parse_document(fund_report(reporter=reporter)).reporter == reporter


def test_parser_month_only_header_date_has_month_precision():
    text = fund_report().replace("\n5\nมีนาคม 2565รายงาน", "\nมีนาคม 2565รายงาน")
    r = parse_document(text)
    assert (r.date, r.date_precision, r.date_text) == ("2022-03-01", "month", "มีนาคม 2565")
    assert parse_document(fund_report()).date_precision == "day"


def test_parser_missing_reporter_is_null():
    text = fund_report().replace("รายงานจากพื้นที่ โดย ปรีชา ใจดี", "รายงานจากพื้นที่ โดย ")
    assert parse_document(text).reporter is None


@pytest.mark.parametrize(
    "activity_heading, outcome_heading",
    [
        ("กิจกรรมที่ปฎิบัติ (รายละเอียดกิจกรรมที่ทำจริง)", "ผลที่เกิดขึ้นจริง (ผลผลิตและผลลัพธ์ของวันนั้น)"),
        # the website glues its longer template text to the heading (its exact wording is
        # checked on the real pages in test_parser_seeds.py, not copied here)
        ("กิจกรรมที่ปฎิบัติรายละเอียดการดำเนินงานตามแผนที่ทำได้จริง",
         "ผลที่เกิดขึ้นจริงผลผลิตและผลลัพธ์ (Output / Outcome) สรุปสาระของครั้งนี้"),
        ("กิจกรรมที่ปฏิบัติ", "ผลที่เกิดขึ้นจริง"),
    ],
    ids=["demo", "long-typo", "short-correct-spelling"],
)
def test_parser_fund_report_section_heading_variants(activity_heading, outcome_heading):
    r = parse_document(fund_report(activity_heading=activity_heading, outcome_heading=outcome_heading))
    assert r.sections["activities"].startswith("วันที่ 5 มีนาคม 2565")
    assert r.sections["outcomes"].startswith("1. คณะทำงาน")


@pytest.mark.parametrize(
    "line, count",
    [
        ("ผู้เข้าร่วม จำนวน ..15... คน", 15),
        ("ผู้เข้าร่วม จำนวน....32.....คน (คนขับ 27 คน)", 32),
        ("ผู้เข้าร่วมเวที จำนวน ..5...คน ได้แก่", 5),
        ("ผู้เข้าร่วม 30 คน (ในศาลา)", 30),
        ("ผู้เข้าร่วมประชุม ๑๒ คน", 12),
        ("คณะทำงานโครงการ จำนวน....12.....คน ทำความเข้าใจร่วมกัน", 12),
        ("มีคนกรีดยางในตำบล 400 คน", None),
    ],
)
def test_parser_participant_count_forms(line, count):
    r = parse_document(fund_report(body=f"วันที่ 5 มีนาคม 2565 ที่ศาลา\n{line}"))
    assert r.participants_count == count


def test_parser_participant_names_listed_after_the_count():
    body = ("ผู้เข้าร่วม จำนวน ..4... คน ประกอบด้วย\n"
            "-นายสมพร ทองดี -นางสาวมาลี ศรีสุข -ผศ.ดร.วิไล แก้วงาม -นส.ปรียา สายใจ\n\nต่อมา")
    names = parse_document(fund_report(body=body)).participants
    assert len(names) == 4
    assert any("สมพร" in n for n in names) and any("ปรียา" in n for n in names)


@pytest.mark.parametrize(
    "text, date, date_end",
    [
        ("บันทึกการประชุม วันที่4กันยายน2563 ที่ศาลา", "2020-09-04", None),
        ("บันทึกการประชุม วันที่ 11-12 กันยายน 2565", "2022-09-11", "2022-09-12"),
        ("บันทึกการประชุม ๑๙-๒๐ เมย. ๖๒", "2019-04-19", "2019-04-20"),
        ("บันทึกการประชุม 8 กค. 63", "2020-07-08", None),
        ("บันทึกการประชุม 21/7/65", "2022-07-21", None),
        ("บันทึกการประชุม 27 กุมภาพันธ์ 2013", "2013-02-27", None),
        ("บันทึกการประชุม วันที่ 3 ต.ค. 2566", "2023-10-03", None),
        ("บันทึกการประชุม 30 ก.ย. - 2 ต.ค. 2565", "2022-09-30", "2022-10-02"),
        ("บันทึกการประชุม วันที่ 11-12 กันยายน พ.ศ. 2565", "2022-09-11", "2022-09-12"),
        ("บันทึกการประชุม วันที่ 4 ก.ค. 2562", "2019-07-04", None),
        ("บันทึกการประชุม เมื่อวันที่ ๗ มกราคม ๒๕๖๖", "2023-01-07", None),
        ("บันทึกการประชุมกลุ่มออมทรัพย์", None, None),
    ],
    ids=["glued", "range", "thai-digits-range", "abbrev-2digit", "slashed", "ce-year", "dotted-abbrev",
         "cross-month-range", "pho-so-prefix", "abbrev-4digit", "thai-digits-full", "none"],
)
def test_parser_other_date_forms(text, date, date_end):
    r = parse_document(text + "\nเนื้อหาบันทึก\n")
    assert (r.date, r.date_end) == (date, date_end)
    assert r.title == "บันทึกการประชุม" if date else r.title == text


MEETING = """สรุปเวทีแลกเปลี่ยนพื้นที่ต้นแบบภาคใต้ วันที่ 11-12 กันยายน 2565

#สรุปเวทีแลกเปลี่ยนพื้นที่ต้นแบบแรงงานนอกระบบ วันที่ 11-12 กันยายน 2565 ณ ห้องประชุมชั้น 3 โรงแรมหาดทอง ต.บ่อยาง อ.เมืองสงขลา จ.สงขลา….

สรุปผลการประชุม ดังนี้

1. สถานการณ์ของกลุ่มคนกรีดยางในจังหวัดยะลาและตรัง
รายได้ลดลงเพราะราคายาง
2. ข้อเสนอต่อกองทุนท้องถิ่น
1) ให้มีหน่วยบริการชุมชนอย่างน้อยจังหวัดละ 3 หน่วย
2) เพิ่มผู้ประกันตนมาตรา 40

Categories: กิจกรรมความร่วมมือ
"""


def test_parser_meeting_summary():
    r = parse_document(MEETING)
    assert r.kind == "meeting_summary"
    assert r.title == "สรุปเวทีแลกเปลี่ยนพื้นที่ต้นแบบภาคใต้"
    assert (r.date, r.date_end, r.date_text) == ("2022-09-11", "2022-09-12", "11-12 กันยายน 2565")
    assert list(r.sections) == ["1. สถานการณ์ของกลุ่มคนกรีดยางในจังหวัดยะลาและตรัง", "2. ข้อเสนอต่อกองทุนท้องถิ่น"]
    assert "2) เพิ่มผู้ประกันตน" in r.sections["2. ข้อเสนอต่อกองทุนท้องถิ่น"]
    assert r.categories == ["กิจกรรมความร่วมมือ"]
    assert r.place["province"] == "สงขลา"
    assert r.provinces[0] == "สงขลา" and {"ยะลา", "ตรัง"} <= set(r.provinces)
    assert r.reporter is None and r.participants_count is None


INTERVIEW_LABELS = """บันทึกสัมภาษณ์ถอดบทเรียน กลุ่มประมงพื้นบ้าน
วันที่สัมภาษณ์ 3 ตุลาคม 2567
ผู้สัมภาษณ์ นางสาวอรทัย ยอดดี

ผู้สัมภาษณ์: ช่วยเล่าจุดเริ่มต้นของกลุ่มหน่อยค่ะ
ผู้ให้ข้อมูล: เริ่มจากเรือล่มเมื่อปี 62
ครั้งนั้นไม่มีใครมีประกันเลย
ผู้สัมภาษณ์: แล้วหลังจากนั้นล่ะคะ
ผู้ให้ข้อมูล: เราตั้งกลุ่มออมกันเอง
"""

INTERVIEW_INITIALS = """ถอดบทเรียน กลุ่มจักสาน
วันที่สัมภาษณ์ 8 พ.ย. 67
ผู้สัมภาษณ์ นางสาวรอฮานี เจ๊ะแว
ผู้ให้ข้อมูล นางซาลมะห์ ดอเลาะ (ประธานกลุ่ม)

หมายเหตุ ร = นางสาวรอฮานี เจ๊ะแว, ซ = นางซาลมะห์ ดอเลาะ (ก๊ะซาลมะห์)

ร: เริ่มจากอะไรคะ
ซ: จากปวดหลังค่ะ นั่งสานทั้งวัน
ร: แล้วกลุ่มแก้อย่างไร
ซ: ทำเก้าอี้เตี้ยกันเอง
"""


def test_parser_interview_with_role_labels():
    r = parse_document(INTERVIEW_LABELS)
    assert r.kind == "interview" and r.date == "2024-10-03"
    assert [t["speaker"] for t in r.turns] == ["ผู้สัมภาษณ์", "ผู้ให้ข้อมูล"] * 2
    assert [t["role"] for t in r.turns] == ["interviewer", "informant"] * 2
    second = r.turns[1]
    assert r.text[second["start"]:second["end"]] == "ผู้ให้ข้อมูล: เริ่มจากเรือล่มเมื่อปี 62\nครั้งนั้นไม่มีใครมีประกันเลย"


def test_parser_interview_initials_resolved_by_the_legend():
    r = parse_document(INTERVIEW_INITIALS)
    assert r.kind == "interview" and r.date == "2024-11-08"
    assert [t["speaker"] for t in r.turns] == ["ร", "ซ", "ร", "ซ"]
    assert r.turns[1]["speaker_name"] == "นางซาลมะห์ ดอเลาะ"
    assert r.turns[0]["role"] == "interviewer" and r.turns[1]["role"] == "informant"
    assert r.interviewer and "รอฮานี" in r.interviewer
    assert r.reporter is None


def test_parser_report_with_colon_fields_is_not_an_interview():
    body = "วัตถุประสงค์: เพื่อวางแผน\nหมายเหตุ: เลื่อนจากเดือนก่อน\nวัตถุประสงค์: ติดตามผล\nหมายเหตุ: ไม่มี"
    assert parse_document(fund_report(body=body)).kind == "activity_report"
    assert parse_document(body).kind == "other"


@pytest.mark.parametrize("text", ["", "   \n\n", "abc", "🙂🙂", "\x07\x08"])
def test_parser_odd_input_gives_a_valid_record(text):
    r = parse_document(text)
    assert r.kind == "other" and r.date is None and r.participants_count is None


def test_parser_meeting_with_labelled_bullets_is_not_an_interview():
    text = MEETING.replace("รายได้ลดลงเพราะราคายาง",
                           "- ยะลา: ราคายางตก\n- ตรัง: ราคายางตก\n- ยะลา: ฝนชุก\n- ตรัง: ฝนชุก")
    assert parse_document(text).kind == "meeting_summary"


def test_parser_few_colon_lines_in_long_notes_are_not_an_interview():
    prose = "\n".join(f"ย่อหน้าที่ {i} เล่าเรื่องการทำงานของกลุ่ม" for i in range(12))
    text = f"บันทึกการทำงาน\nก: หนึ่ง\nข: สอง\nก: สาม\nข: สี่\n{prose}\n"
    assert parse_document(text).kind == "other"


@pytest.mark.parametrize(
    "line, venue, tambon, amphoe, province, local_government",
    [
        ("วันที่ 5 มีนาคม 2565 ณ ศาลาประชาคมหมู่ที่ 3 ต.แค อ.จะนะ จ.สงขลา จัดประชุม",
         "ศาลาประชาคมหมู่ที่ 3", "แค", "จะนะ", "สงขลา", None),
        ("ประชุม ณ.ห้องประชุมเทศบาลตำบลหนองจิก อ.หนองจิก จ.ปัตตานี", "ห้องประชุมเทศบาลตำบลหนองจิก", None,
         "หนองจิก", "ปัตตานี", "ทต.หนองจิก"),
        ("ณ ลานจอดรถข้างตลาด ต.คูหาสวรรค์ อ.เมือง จ.พัทลุง", "ลานจอดรถข้างตลาด", "คูหาสวรรค์", "เมืองพัทลุง", "พัทลุง",
         None),
        ("ณ ห้องประชุมชั้น 3 ตำบลบาละ อำเภอกาบัง จังหวัดยะลา", "ห้องประชุมชั้น 3", "บาละ", "กาบัง", "ยะลา", None),
        ("ภาคเช้าที่ห้องประชุม อบต.แค จ.สงขลา", "ห้องประชุม อบต.แค", None, None, "สงขลา", "อบต.แค"),
    ],
    ids=["abbreviated", "local-gov", "capital-district", "full-prefixes", "no-na"],
)
def test_parser_place_of_the_activity(line, venue, tambon, amphoe, province, local_government):
    place = parse_document(fund_report(body=line)).place
    assert (place["venue"], place["tambon"], place["amphoe"], place["province"]) == (venue, tambon, amphoe, province)
    assert place["local_government"] == local_government


def test_parser_local_government_is_an_organisation_not_a_tambon_and_capital_district_is_resolved():
    r = parse_document("บันทึกการประชุมที่ ทต.หนองจิก อ.หนองจิก จ.ปัตตานี")
    assert r.tambon == [] and r.amphoe == ["หนองจิก"] and r.local_governments == ["ทต.หนองจิก"]
    r = parse_document("บันทึกการประชุมที่ศาลากลาง อ.เมือง จ.พัทลุง")
    assert r.amphoe == ["เมืองพัทลุง"]


def test_parser_interview_header_with_colons_is_not_a_turn():
    text = INTERVIEW_LABELS.replace("ผู้สัมภาษณ์ นางสาวอรทัย ยอดดี",
                                    "ผู้สัมภาษณ์: นางสาวอรทัย ยอดดี\nผู้ให้ข้อมูล: นายสมหมาย ทะเลงาม")
    r = parse_document(text)
    assert r.kind == "interview" and len(r.turns) == 4
    assert r.interviewer and "อรทัย" in r.interviewer
    assert any("สมหมาย" in p for p in r.participants)


@pytest.mark.parametrize(
    "header, date, title",
    [
        ("ประชุมกลุ่มออมทรัพย์22 กรกฎาคม 2562\n22 กรกฎาคม 2562รายงานจากพื้นที่ โดย ariya", "2019-07-22", "ประชุมกลุ่มออมทรัพย์"),
        ("ประชุมกลุ่มออมทรัพย์\nกรกฎาคม 2562รายงานจากพื้นที่ โดย ariya", "2019-07-01", "ประชุมกลุ่มออมทรัพย์"),
        ("ประชุมกลุ่มออมทรัพย์๒๒ ก.ค. ๖๒\n๒๒\nก.ค. ๖๒รายงานจากพื้นที่ โดย ariya", "2019-07-22", "ประชุมกลุ่มออมทรัพย์"),
        ("ประชุมกลุ่มออมทรัพย์\n22\nกรกฎาคม 2562 รายงานจากพื้นที่  โดย  ariya", "2019-07-22", "ประชุมกลุ่มออมทรัพย์"),
    ],
    ids=["day-in-reported-line", "month-only", "abbreviated-thai-digits", "spaces"],
)
def test_parser_fund_report_header_variants(header, date, title):
    text = f"กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท\n\nโครงการออมเพื่อสุขภาพ\n\n{header}\ncircle\nกิจกรรมที่ปฏิบัติ\n\nประชุม\n"
    r = parse_document(text)
    assert (r.kind, r.date, r.title, r.reporter) == ("activity_report", date, title, "ariya")
    assert r.project == "โครงการออมเพื่อสุขภาพ" and r.fund.startswith("กองทุนหลักประกันสุขภาพ")


# --- page kinds, labelled fields, periods (issue 16) --------------------------------------------

from synthesis.corpus.parser import record_texts, registered_kinds  # noqa: E402
from synthesis.corpus.parser.fields import consistent_date, document_era, read_fields, read_period  # noqa: E402
from synthesis.corpus.parser.kinds import PageKind, kind_of, make_page, register_kind  # noqa: E402
from synthesis.corpus.thai_bridge import find_dates  # noqa: E402


def test_parser_kinds_registry_order_and_every_kind():
    from synthesis.corpus.parser import KINDS

    names = [k.name for k in registered_kinds()]
    assert names[:3] == ["interview", "activity_list", "activity_report"]
    assert set(names) | {"other"} == set(KINDS)
    assert all(k.family for k in registered_kinds())


def test_parser_kinds_registered_kind_is_tried_and_replaced_by_name():
    original = next(k for k in registered_kinds() if k.name == "news")
    try:
        register_kind(PageKind("news", "news", 1, lambda page: "ข่าวด่วน" in page.text, original.read))
        page = make_page("ข่าวด่วน\nกองทุนตำบลแคประชุม\n", [], [])
        assert kind_of(page).name == "news" and [k.name for k in registered_kinds()][0] == "news"
    finally:
        register_kind(original)
    assert [k.name for k in registered_kinds()].count("news") == 1


@pytest.mark.parametrize(
    "text, field, value",
    [
        ("ชื่อโครงการ : ออมเพื่อสุขภาพ\n", "project", "ออมเพื่อสุขภาพ"),
        ("ชื่อโครงการ\tออมเพื่อสุขภาพ\n", "project", "ออมเพื่อสุขภาพ"),
        ("ชื่อโครงการ\n\nออมเพื่อสุขภาพ\n", "project", "ออมเพื่อสุขภาพ"),
        ("| ชื่อโครงการ | ออมเพื่อสุขภาพ |\n", "project", "ออมเพื่อสุขภาพ"),
        ("| รหัสโครงการ | 66-L1234 | เลขที่สัญญา | 12/2566 |\n", "contract_number", "12/2566"),
        ("รหัสสัญญา 07/2566\n", "contract_number", "07/2566"),
        ("วันที่ลงพื้นที่ติดตาม : 16 มีนาคม 2566\n", "visit_date", "16 มีนาคม 2566"),
        ("ระยะเวลาตามสัญญา 1 ต.ค. 65 - 30 ก.ย. 66\n", "period", "1 ต.ค. 65 - 30 ก.ย. 66"),
        ("ผู้รับผิดชอบโครงการ นายสมศักดิ์ ใจงาม\n", "responsible", "นายสมศักดิ์ ใจงาม"),
        ("พื้นที่ : ต.แค อ.จะนะ\n", "area", "ต.แค อ.จะนะ"),
    ],
)
def test_parser_fields_label_forms(text, field, value):
    assert read_fields(text).values[field] == value


@pytest.mark.parametrize(
    "text",
    [
        "วัตถุประสงค์ของการประชุมคือทบทวนแผน\n",  # a word that starts with a label
        "พื้นที่ ที่ดำเนินการมีน้ำท่วมขัง\n",  # an everyday word needs a colon
        "กองทุนหลักประกันสุขภาพ อบต.แค - กปท\n",  # the fund line is a banner, not a field
        "โครงการ นี้ได้รับการสนับสนุน\n",
    ],
)
def test_parser_fields_sentences_are_not_fields(text):
    assert read_fields(text).values == {}


def test_parser_fields_lists_and_budget():
    fields = read_fields("งบประมาณ : 1,250,000.50 บาท\nกลุ่มเป้าหมาย : คนกรีดยาง, แม่บ้าน และเยาวชน\n"
                         "วัตถุประสงค์\n- ลดสารเคมี\n- เพิ่มการออม\nหมายเหตุ\n")
    assert fields.budget == 1250000.5
    assert fields.lists["target_groups"] == ["คนกรีดยาง", "แม่บ้าน", "เยาวชน"]
    assert fields.lists["objectives"] == ["ลดสารเคมี", "เพิ่มการออม"]


@pytest.mark.parametrize(
    "value, period",
    [
        ("1 มีนาคม 2566 - 31 สิงหาคม 2566", ("2023-03-01", "2023-08-31")),
        ("15 พฤษภาคม 2566 ถึง 15 พฤศจิกายน 2566", ("2023-05-15", "2023-11-15")),
        ("1 ต.ค. 65 - 30 ก.ย. 66", ("2022-10-01", "2023-09-30")),
        ("กรกฎาคม - ธันวาคม 2566", ("2023-07-01", "2023-12-31")),
        ("ตุลาคม - กันยายน 2566", ("2022-10-01", "2023-09-30")),
        ("1 ม.ค. 2023 - 31 ธ.ค. 2023", ("2023-01-01", "2023-12-31")),
        ("ไม่ระบุ", (None, None)),
    ],
)
def test_parser_period_read_as_start_and_end(value, period):
    assert read_period(value) == period


@pytest.mark.parametrize(
    "text, era, date",
    [
        ("1 มกราคม 2023 วันที่ 5 มี.ค. 23", "CE", "2023-03-05"),  # a short year in a CE form
        ("1 มกราคม 2566 วันที่ 5 มี.ค. 66", "BE", "2023-03-05"),
        ("12 มีนาคม 2023", "CE", "2023-03-12"),  # Gregorian year with a Thai month kept
    ],
)
def test_parser_years_written_both_ways_read_consistently(text, era, date):
    assert document_era(text) == era
    assert consistent_date(find_dates(text)[-1], document_era(text))[0] == date


def test_parser_form_date_is_the_visit_not_the_contract_period():
    r = parse_document("แบบติดตามโครงการ\nระยะเวลาตามสัญญา : 1 ตุลาคม 2565 - 30 กันยายน 2566\n"
                       "วันที่ลงพื้นที่ติดตาม : 16 มีนาคม 2566\n")
    assert (r.kind, r.date, r.visit_date) == ("monitoring_visit", "2023-03-16", "2023-03-16")
    assert (r.period_start, r.period_end) == ("2022-10-01", "2023-09-30")
    r = parse_document("รายละเอียดโครงการ\nชื่อโครงการ : ออม\nระยะเวลาดำเนินงาน : 1 มีนาคม 2566 - 31 สิงหาคม 2566\n")
    assert (r.kind, r.date, r.period_start) == ("project_detail", None, "2023-03-01")


def test_parser_project_line_without_the_word_project():
    text = ("คนใต้สร้างสุข | ระบบติดตามโครงการ\nพัฒนาอาชีพเสริมกลุ่มจักสาน\n"
            "ประชุมกลุ่ม5 มีนาคม 2565\n5\nมีนาคม 2565รายงานจากพื้นที่ โดย somchai\n")
    r = parse_document(text)
    assert (r.kind, r.project, r.fund, r.title) == ("activity_report", "พัฒนาอาชีพเสริมกลุ่มจักสาน", None, "ประชุมกลุ่ม")


def test_parser_activity_list_records_reach_the_store_as_sub_documents():
    block = "{title}{day} มีนาคม 2566\n{day}\nมีนาคม 2566รายงานจากพื้นที่ โดย somchai\nกิจกรรมที่ปฏิบัติ\nทำ{title}\n"
    text = "โครงการออมเพื่อสุขภาพ\n" + "".join(block.format(title=t, day=d) for t, d in [("ประชุม", 5), ("อบรม", 19)])
    r = parse_document(text)
    assert r.kind == "activity_list" and (r.date, r.date_end) == ("2023-03-05", "2023-03-19")
    assert [(x["title"], x["date"], x["reporter"]) for x in r.records] == [
        ("ประชุม", "2023-03-05", "somchai"), ("อบรม", "2023-03-19", "somchai")]
    documents = record_texts(r, "abc123")
    assert [d[0] for d in documents] == ["abc123#1", "abc123#2"]
    assert documents[1][1].startswith("อบรม19 มีนาคม 2566") and "ทำประชุม" not in documents[1][1]
    assert record_texts(parse_document(fund_report()), "x") == []


def test_parser_places_kept_without_a_province_and_flagged_when_ambiguous():
    r = parse_document("เยี่ยมบ้านสมาชิก ต.บาละ และ ต.โคกเคียน\n")
    assert r.provinces == ["ยะลา"] and r.tambon == ["บาละ", "โคกเคียน"]
    khok = next(p for p in r.places if p["name"] == "โคกเคียน")
    assert khok["ambiguous"] and set(khok["candidates"]) == {"พังงา", "นราธิวาส"}
    assert parse_document("ประชุมที่ อำเภอเมืองนราธิวาส\n").provinces == ["นราธิวาส"]
    assert parse_document("ประชุมที่ สปสช.เขต 12 สงขลา ริมทะเลสาบสงขลา\n").provinces == []


def test_parser_furniture_is_not_the_title():
    r = parse_document("directions_run\nstars\nโครงการส่งเสริมสุขภาพ\nรหัสโครงการ 66-L1234\nงบประมาณ 5,000 บาท\n")
    assert (r.kind, r.title, r.project_code, r.budget) == ("project_detail", "โครงการส่งเสริมสุขภาพ", "66-L1234", 5000.0)


def test_parser_activity_list_record_documents_for_the_store():
    from pathlib import Path

    from synthesis.corpus.areas import attribute, load_areas
    from synthesis.corpus.document import build_document
    from synthesis.corpus.parser.listings import record_documents
    from synthesis.corpus.readers import RawText

    text = (Path(__file__).parent.parent / "data" / "pages" / "34_activity_list_blocks.txt").read_text("utf-8")
    page = build_document("demo", "lists/34.txt", RawText(text, "txt"))
    areas = load_areas(Path(__file__).parents[2] / "lessons" / "areas.yaml")
    page.attributions = attribute(page, areas)
    records = record_documents(page, areas)
    assert [d.doc_id for d in records] == [f"{page.doc_id}#{n}" for n in (1, 2, 3)]
    assert [(d.kind, d.parsed.date, d.parsed.reporter) for d in records] == [
        ("activity_report", "2023-04-03", "ศิริพร ทองมา"), ("activity_report", "2023-05-20", "ศิริพร ทองมา"),
        ("activity_report", "2023-06-14", "ศิริพร ทองมา")]
    assert all(d.parsed.project == page.parsed.project and d.path == "lists/34.txt" for d in records)
    assert "สำรวจจุดเก็บสารเคมี" in records[1].text and "อบรม" not in records[1].text
    assert all(t.start < t.end <= len(d.text) for d in records for t in d.tokens)
    assert all("songkhla-khae" in d.areas for d in records)
    assert record_documents(build_document("demo", "a.txt", RawText("ประชุม 5 มี.ค. 2566\n", "txt"))) == []


def test_parser_every_kind_has_a_thai_label():
    from synthesis.corpus.parser.record import KIND_LABELS, KINDS

    assert set(KIND_LABELS) == set(KINDS)
    assert all(label[0] >= "\u0e00" and "(" in label for label in KIND_LABELS.values())

"""segment(): headings, paragraphs, list items, turns and sentences of report-like text."""

from __future__ import annotations

import pytest

from synthesis.thai import segment
from synthesis.thai.segment import sentence_spans
from synthesis.thai.spans import SEGMENT_KINDS

# A report page in the programme's format, written for these tests.
REPORT = """รายงานกิจกรรมกลุ่มจักสานกระจูด

ผลการดำเนินงาน

1. สมาชิกกลุ่มสำรวจความเสี่ยงจากท่านั่งทำงานและฝุ่นจากการย้อมสีกระจูดร่วมกับ อสอช. ของตำบล
2) กลุ่มทำข้อตกลงเรื่องการพักสายตาทุกชั่วโมง
1.1. แกนนำจดบันทึกอาการปวดหลังของสมาชิกทุกสัปดาห์
๑. ผู้ประกันตนตามมาตรา 40 เพิ่มขึ้น 12 คน
(3) มีการจัดมุมทำงานใหม่ที่บ้านสมาชิก 5 หลัง
- ประสานกองทุนหลักประกันสุขภาพเพื่อขอรับงบประมาณสนับสนุน
• จัดเวทีคืนข้อมูลให้ชุมชน
ก. ทำป้ายความรู้ติดศาลาหมู่บ้าน

สมาชิกกลุ่มเห็นว่าการทำงานเป็นกลุ่มช่วยให้ทุกคนกล้าพูดถึงปัญหาสุขภาพของตนเองมากขึ้น เจ้าหน้าที่ รพ.สต. เข้ามาตรวจสุขภาพให้ทุกเดือนโดยไม่ต้องเดินทางไปไกล
"""

INTERVIEW = """ผู้สัมภาษณ์: กลุ่มเริ่มทำงานเรื่องสุขภาพตั้งแต่เมื่อไหร่คะ
ผู้ให้ข้อมูล: เริ่มปี 63 ค่ะ ตอนนั้นสมาชิกปวดหลังกันเกือบทุกคน
  แล้วก็ไม่มีใครรู้ว่าสิทธิประกันสังคมช่วยอะไรได้บ้าง
ผู้สัมภาษณ์: แล้วตอนนี้เป็นอย่างไรบ้าง
ผู้ให้ข้อมูล: ดีขึ้นมากค่ะ
"""


def _kinds(segments, kind):
    return [s.text for s in segments if s.kind == kind]


def test_segment_report_headings_and_paragraphs():
    segments = segment(REPORT)
    assert _kinds(segments, "heading") == ["รายงานกิจกรรมกลุ่มจักสานกระจูด", "ผลการดำเนินงาน"]
    paragraphs = _kinds(segments, "paragraph")
    assert len(paragraphs) == 1 and paragraphs[0].startswith("สมาชิกกลุ่มเห็นว่า")


@pytest.mark.parametrize(
    "item",
    [
        "1. สมาชิกกลุ่มสำรวจความเสี่ยง",
        "2) กลุ่มทำข้อตกลง",
        "1.1. แกนนำจดบันทึก",
        "๑. ผู้ประกันตนตามมาตรา 40",
        "(3) มีการจัดมุมทำงานใหม่",
        "- ประสานกองทุน",
        "• จัดเวทีคืนข้อมูล",
        "ก. ทำป้ายความรู้",
    ],
)
def test_segment_list_markers(item):
    items = _kinds(segment(REPORT), "list_item")
    assert any(text.startswith(item) for text in items), items


def test_segment_list_item_sentences_leave_out_the_marker():
    segments = segment("1. ได้แผนงานของกลุ่ม")
    assert [(s.kind, s.text) for s in segments] == [
        ("list_item", "1. ได้แผนงานของกลุ่ม"),
        ("sentence", "ได้แผนงานของกลุ่ม"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "12 สิงหาคม 2562 ประชุมคณะทำงาน",  # a date is not a list number
        "13.30 น. เริ่มประชุม",
        "จ.ยะลา ประชุมร่วมกับ อบต.บาละ",
    ],
)
def test_segment_numbers_and_abbreviations_are_not_list_markers(line):
    assert "list_item" not in [s.kind for s in segment(line)]


def test_segment_interview_turns_with_speakers():
    segments = segment(INTERVIEW)
    turns = [s for s in segments if s.kind == "turn"]
    assert [t.speaker for t in turns] == ["ผู้สัมภาษณ์", "ผู้ให้ข้อมูล", "ผู้สัมภาษณ์", "ผู้ให้ข้อมูล"]
    assert turns[1].text.endswith("ช่วยอะไรได้บ้าง")  # the indented line continues the turn
    sentences = [s for s in segments if s.kind == "sentence" and s.speaker == "ผู้ให้ข้อมูล"]
    assert sentences[0].text.startswith("เริ่มปี 63")


def test_segment_single_label_is_not_a_turn():
    segments = segment("วัตถุประสงค์: เพื่อให้สมาชิกรู้จักสิทธิของตนเอง")
    assert "turn" not in [s.kind for s in segments]


def test_segment_nesting_rule():
    segments = segment(REPORT + "\n" + INTERVIEW)
    units = [s for s in segments if s.kind in ("paragraph", "list_item", "turn")]
    sentences = [s for s in segments if s.kind == "sentence"]
    for sentence in sentences:  # every sentence lies inside exactly one unit
        assert sum(u.start <= sentence.start and sentence.end <= u.end for u in units) == 1
    for unit in units:  # every unit has at least one sentence
        assert any(unit.start <= s.start and s.end <= unit.end for s in sentences)
    assert segments == sorted(segments, key=lambda s: (s.start, -s.end))
    assert all(s.kind in SEGMENT_KINDS for s in segments)
    assert all((REPORT + "\n" + INTERVIEW)[s.start : s.end] == s.text for s in segments)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "สมาชิกกลุ่มเห็นว่าการทำงานเป็นกลุ่มช่วยให้ทุกคนกล้าพูดมากขึ้น เจ้าหน้าที่เข้ามาตรวจสุขภาพให้ทุกเดือน",
            ["สมาชิกกลุ่มเห็นว่าการทำงานเป็นกลุ่มช่วยให้ทุกคนกล้าพูดมากขึ้น", "เจ้าหน้าที่เข้ามาตรวจสุขภาพให้ทุกเดือน"],
        ),
        (  # a short opening is not cut off
            "ผู้เข้าร่วม จำนวน 24 คน มาจากเก้าวิน",
            ["ผู้เข้าร่วม จำนวน 24 คน มาจากเก้าวิน"],
        ),
        (  # never between a title + first name and the family name
            "ที่ประชุมมอบหมายให้ประสานงานกับหน่วยงานในพื้นที่ได้แก่นางสาวสุดารัตน์ ทองคำ เป็นผู้รับผิดชอบหลัก",
            ["ที่ประชุมมอบหมายให้ประสานงานกับหน่วยงานในพื้นที่ได้แก่นางสาวสุดารัตน์ ทองคำ เป็นผู้รับผิดชอบหลัก"],
        ),
        (  # never inside brackets
            "กลุ่มได้รับงบประมาณจากกองทุนหลักประกันสุขภาพ (ปีงบประมาณ 2565 และปีงบประมาณ 2566 รวมสองปี) เพื่อจัดอบรม",
            ["กลุ่มได้รับงบประมาณจากกองทุนหลักประกันสุขภาพ (ปีงบประมาณ 2565 และปีงบประมาณ 2566 รวมสองปี) เพื่อจัดอบรม"],
        ),
        (  # a period ends a sentence, an abbreviation does not
            "Members met at 13.30 น. in the hall. They agreed on a plan!",
            ["Members met at 13.30 น. in the hall.", "They agreed on a plan!"],
        ),
        (  # a dot after Thai letters is an abbreviation, not a full stop
            "หน่วยงานที่ร่วมสนับสนุนได้แก่ สปสช. สสส. และ อปท. ในพื้นที่ทั้งสามจังหวัดของโครงการ",
            ["หน่วยงานที่ร่วมสนับสนุนได้แก่ สปสช. สสส. และ อปท. ในพื้นที่ทั้งสามจังหวัดของโครงการ"],
        ),
        (  # numbered items written inside one line
            "ผลลัพธ์ที่ได้มีดังนี้ 1.ได้คู่มือการทำงานของกลุ่ม 2.เกิดแกนนำอาสาสมัคร 10 คน 3. มีแผนของกองทุน",
            ["ผลลัพธ์ที่ได้มีดังนี้", "1.ได้คู่มือการทำงานของกลุ่ม", "2.เกิดแกนนำอาสาสมัคร 10 คน", "3. มีแผนของกองทุน"],
        ),
        (  # a joining word keeps the clause in the sentence
            "สมาชิกกลุ่มผู้กรีดยางได้รับความรู้เรื่องการใช้สารเคมีอย่างปลอดภัย และนำไปใช้ในสวนยางของตนเองทุกคน",
            ["สมาชิกกลุ่มผู้กรีดยางได้รับความรู้เรื่องการใช้สารเคมีอย่างปลอดภัย และนำไปใช้ในสวนยางของตนเองทุกคน"],
        ),
    ],
)
def test_segment_sentences(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\n"])
def test_segment_empty_text(text):
    assert segment(text) == []


def test_segment_crfcut_engine():
    pytest.importorskip("pycrfsuite")
    text = "สมาชิกกลุ่มเห็นว่าการทำงานเป็นกลุ่มช่วยให้ทุกคนกล้าพูดมากขึ้น เจ้าหน้าที่เข้ามาตรวจสุขภาพให้ทุกเดือน"
    segments = segment(text, sentences="crfcut")
    sentences = [s for s in segments if s.kind == "sentence"]
    assert sentences and all(text[s.start : s.end] == s.text for s in sentences)
    assert sentences[0].start == 0 and sentences[-1].end == len(text)


def test_segment_unknown_sentence_engine():
    with pytest.raises(ValueError, match="unknown sentence engine"):
        segment("ก", sentences="punkt")

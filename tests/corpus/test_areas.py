"""Pilot areas: loading lessons/areas.yaml with clear errors, and attribution rules."""

from __future__ import annotations

import pytest

from synthesis.corpus.areas import AreasError, area_confidence, attribute, load_areas
from synthesis.corpus.document import build_document
from synthesis.corpus.readers import RawText, split_front_matter


@pytest.fixture(scope="module")
def areas():
    return load_areas()


def test_areas_load_the_seven_pilot_areas(areas):
    assert len(areas) == 7
    bala = next(a for a in areas if a.id == "yala-bala")
    assert (bala.province, bala.amphoe, bala.tambon, bala.local_government) == ("ยะลา", "กาบัง", "บาละ", "อบต.บาละ")
    assert "กรีดยาง" in bala.occupation_terms and bala.period["start"] == "2019-07-01"


ENTRY = "  - id: {id}\n    name_th: พื้นที่ทดลอง\n    name_en: Test area\n    province: ยะลา\n"


@pytest.mark.parametrize(
    "content, message",
    [
        ("areas: [", "not valid YAML"),
        ("places: []", "top-level 'areas:' list"),
        ("areas:\n  - just-a-string\n", "area #1: expected a mapping"),
        ("areas:\n  - id: a-b\n    name_th: ก\n", "area #1 (a-b): missing name_en, province"),
        ("areas:\n" + ENTRY.format(id="a") + ENTRY.format(id="a"), "area #2 (a): duplicate id"),
        ("areas:\n" + ENTRY.format(id="Bad Id"), "lower-case ASCII slug"),
        ("areas:\n" + ENTRY.format(id="a") + "    colour: red\n", "unknown field(s) colour"),
        ("areas:\n" + ENTRY.format(id="a") + "    aliases: 5\n", "aliases must be a list"),
    ],
)
def test_areas_validation_errors_name_file_and_entry(tmp_path, content, message):
    path = tmp_path / "areas.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AreasError) as caught:
        load_areas(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def _doc(text, metadata=None):
    meta, body, _ = split_front_matter(text)
    return build_document("t", "x.txt", RawText(body, "txt", metadata=meta), metadata)


def _areas_of(doc, areas):
    return {area: rule for area, (_, rule) in area_confidence(attribute(doc, areas)).items()}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ประชุมกลุ่มผู้กรีดยาง ณ ศาลา ต.บาละ อ.กาบัง จ.ยะลา", {"yala-bala": "place"}),
        ("กองทุนหลักประกันสุขภาพ อบต.โคกเคียน จังหวัดนราธิวาส", {"narathiwat-khok-khian": "place"}),
        ("กลุ่มวินมอเตอร์ไซค์รับจ้าง เทศบาลเมืองพัทลุง จังหวัดพัทลุง", {"phatthalung-town": "place"}),
        # a tambon of the same name in another province is not the pilot area
        ("ประชุมที่ ต.โคกเคียน อ.ตะกั่วป่า จ.พังงา", {}),
        # occupation and province without the place: for a person to decide
        ("คนกรีดยางในจังหวัดยะลาประสบปัญหาราคายาง", {"yala-bala": "uncertain"}),
        # occupation without any province: no attribution
        ("คนกรีดยางประสบปัญหาราคายาง", {}),
        # the province only in another paragraph (a regional office's address): no attribution
        ("คนกรีดยางประสบปัญหาราคายาง\n\nประชุมที่ สปสช.เขต 12 สงขลา", {}),
        ("ไม่มีชื่อพื้นที่ใดในข้อความนี้", {}),
    ],
    ids=["tambon-prefix", "local-gov", "municipality", "same-name-other-province", "occupation",
         "occupation-only", "province-elsewhere", "nothing"],
)
def test_areas_attribution_rules(areas, text, expected):
    assert _areas_of(_doc(text), areas) == expected


def test_areas_regional_meeting_belongs_to_each_area_named(areas):
    text = ("เวทีแลกเปลี่ยนระดับเขต ผู้แทนจาก อบต.บาละ จ.ยะลา ทต.ห้วยยอด จ.ตรัง "
            "และ อบต.นาทอน จ.สตูล ร่วมสรุปบทเรียน")
    assert set(_areas_of(_doc(text), areas)) == {"yala-bala", "trang-huai-yot", "satun-na-thon"}


def test_areas_metadata_wins_over_the_text(areas):
    doc = _doc("---\nareas: [satun-na-thon]\n---\nประชุมที่ อบต.บาละ จ.ยะลา")
    found = attribute(doc, areas)
    assert [(a.area_id, a.rule, a.confidence) for a in found] == [("satun-na-thon", "metadata", 1.0)]


def test_areas_sidecar_metadata_is_used(areas):
    doc = _doc("ประชุมที่ อบต.บาละ จ.ยะลา", metadata={"areas": "pattani-nong-chik, yala-bala"})
    assert _areas_of(doc, areas) == {"pattani-nong-chik": "metadata", "yala-bala": "metadata"}


def test_areas_evidence_points_at_the_text(areas):
    doc = _doc("รายงาน ณ ห้องประชุม อบต.แค อ.จะนะ จ.สงขลา กลุ่มคนกรีดยาง")
    found = attribute(doc, areas)
    assert found and all(doc.text[a.start:a.end] == a.evidence for a in found)
    assert {a.rule for a in found} == {"place", "occupation"}


def test_areas_a_name_inside_a_longer_word_is_not_evidence(areas):
    # "แค" is only read with its prefix; "แคร่" (a bamboo bench) is not Khae
    assert _areas_of(_doc("นั่งแคร่ไม้ไผ่ที่สงขลา"), areas) == {}


INTERVIEW_NAMING_ANOTHER_AREA = (
    "ถอดบทเรียนพื้นที่ต้นแบบ กลุ่มผู้กรีดยาง ตำบลบาละ จังหวัดยะลา\nวันที่สัมภาษณ์ 14 สิงหาคม 2566\n"
    "ผู้สัมภาษณ์ นางสาวนูรีดา มะลี (พี่เลี้ยงจังหวัด)\nผู้ให้ข้อมูล นายมะรอนิง สะมะแอ (ประธานกลุ่ม)\n\n"
    "ผู้สัมภาษณ์: กลุ่มเริ่มจากอะไร\n"
    "ผู้ให้ข้อมูล: เริ่มจากเรื่องกรดที่ใช้ทำยางก้อนถ้วย\n"
    "ผู้สัมภาษณ์: กลุ่มได้แนวคิดการหักเงินสมทบมาจากไหน\n"
    "ผู้ให้ข้อมูล: เราไปดูงานที่ ต.ห้วยยอด จ.ตรัง เขาหักผ่านสหกรณ์ ที่บาละเราเลยทำบ้าง "
    "ตอนนี้สมาชิกที่ ต.บาละ ส่งต่อเนื่อง\n"
)


def test_areas_an_interview_keeps_its_main_area_and_demotes_a_passing_mention(areas):
    doc = _doc(INTERVIEW_NAMING_ANOTHER_AREA)
    assert doc.kind == "interview"
    doc.attributions = attribute(doc, areas)
    assert doc.areas == ["yala-bala"]
    mention = [a for a in doc.attributions if a.area_id == "trang-huai-yot"]
    assert mention and all(a.rule == "mention" and a.confidence == 0.3 for a in mention)


# --- issue 15: evidence of the area itself, not one passing mention ------------------------

def _members(text, areas):
    from synthesis.corpus.areas import member_areas

    return set(member_areas(attribute(_doc(text), areas)))


def _rules(text, areas):
    return {(a.area_id, a.rule) for a in attribute(_doc(text), areas)}


@pytest.mark.parametrize("text, members", [
    # a regional meeting: one line about each area, the line opening with it and its group
    ("สรุปเวทีแลกเปลี่ยน 15 มีนาคม 2566\n\nผู้เข้าร่วม 40 คน\n\n"
     "1. ยะลา ต.บาละ กลุ่มผู้กรีดยาง เล่าเรื่องกรด\n2. สงขลา ต.แค กลุ่มผู้กรีดยาง เล่าเรื่องเครื่องตัดหญ้า",
     {"yala-bala", "songkhla-khae"}),
    # the same meeting naming a third area once, mid-sentence: a mention
    ("สรุปเวทีแลกเปลี่ยน 15 มีนาคม 2566\n\nผู้เข้าร่วม 40 คน\n\n"
     "1. ยะลา ต.บาละ กลุ่มผู้กรีดยาง เล่าเรื่องกรด\n2. ยะลา ต.บาละ กลุ่มผู้กรีดยาง ถามต่อ\n"
     "3. ที่ประชุมเสนอให้ดูสื่อความปลอดภัยทางถนนของ ทม.พัทลุง จ.พัทลุง ด้วย",
     {"yala-bala"}),
    # a province-wide fund list: a row naming the local government is not the area's document
    ("สรุปงบกองทุนจังหวัดยะลา ปี 2566\n\n- อบต.กาบัง 388,500 บาท\n- อบต.บาละ 412,000 บาท", set()),
    # a district page: หนองจิก after อำเภอ names the district
    ("ประชุม พชอ. ครั้งที่ 2/2566\n\nณ ที่ว่าการอำเภอหนองจิก จ.ปัตตานี ติดตามงานผู้สูงอายุ", set()),
    # another province's subdistrict of the same name, even where the pilot's province is named too
    ("กองทุนหลักประกันสุขภาพ อบต.นาทอน\n\nโครงการ ต.นาทอน อ.ทองแสนขัน จ.อุตรดิตถ์ ญาติย้ายไปจังหวัดสตูล", set()),
], ids=["regional-lines", "regional-passing", "fund-list", "district-page", "other-province"])
def test_areas_membership_needs_evidence_of_the_area_itself(areas, text, members):
    assert _members(text, areas) == members


@pytest.mark.parametrize("text, expected", [
    # a bare alias that is also a district's name, without support: uncertain, with its evidence
    ("เวทีเยาวชนอ่าวปัตตานี 30 มีนาคม 2567\nเยาวชนจากหนองจิกเล่าเรื่องขยะ\nเยาวชนหนองจิกทำคลิป",
     {("pattani-nong-chik", "uncertain")}),
    # the same alias supported by the occupation group: the area
    ("กลุ่มประมงพื้นบ้านหนองจิก จังหวัดปัตตานี ซ่อมอวน 30 มีนาคม 2567\nชาวประมงหนองจิกร่วม 20 คน",
     {("pattani-nong-chik", "place"), ("pattani-nong-chik", "occupation")}),
    # occupation and province alone: uncertain
    ("งานแสดงสินค้าจักสานกระจูดจังหวัดนราธิวาส 18 สิงหาคม 2566", {("narathiwat-khok-khian", "uncertain")}),
], ids=["bare-district-alias", "alias-with-occupation", "occupation-alone"])
def test_areas_uncertain_cases_are_listed_with_their_evidence(areas, text, expected):
    assert _rules(text, areas) == expected


def test_areas_a_document_after_the_programme_period_is_flagged_not_attributed(areas):
    text = ("กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท\n\nประชุมกลุ่มเพื่อนช่วยเพื่อน12 มีนาคม 2568\n12\n"
            "มีนาคม 2568รายงานจากพื้นที่ โดย ซารีนา ดอเลาะ\n\nณ ต.บาละ อ.กาบัง จ.ยะลา ผู้เข้าร่วม 23 คน")
    found = attribute(_doc(text), areas)
    assert found and {a.rule for a in found} == {"outside_period"}
    assert all("2025-03-12" in a.evidence and "2024-12-31" in a.evidence for a in found)


def test_areas_labelled_set_precision_and_recall():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "facts"))
    from accuracy import attribution_scores

    precision, recall, misses = attribution_scores()
    assert precision >= 0.95 and recall >= 0.9, misses


def test_areas_cases_to_review_are_listed_with_their_evidence(areas):
    import dataclasses

    import pandas as pd

    from synthesis.corpus.areas import attributions_to_review

    texts = {"u.txt": "เวทีเยาวชนอ่าวปัตตานี 30 มีนาคม 2567\nเยาวชนจากหนองจิกเล่าเรื่องขยะ\nเยาวชนหนองจิกทำคลิป",
             "m.txt": "ประชุมกลุ่มผู้กรีดยาง ณ ศาลา ต.บาละ อ.กาบัง จ.ยะลา 5 มีนาคม 2566"}
    rows = [dataclasses.asdict(a) | {"doc_id": path} for path, text in texts.items() for a in attribute(_doc(text), areas)]
    documents = pd.DataFrame({"doc_id": list(texts), "path": list(texts), "date": ["2024-03-30", "2023-03-05"]})
    review = attributions_to_review(pd.DataFrame(rows), documents)
    assert review[["path", "area_id", "rule", "evidence"]].values.tolist() == \
        [["u.txt", "pattani-nong-chik", "uncertain", "หนองจิก"]]

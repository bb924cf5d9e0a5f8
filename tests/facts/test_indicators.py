"""The indicator model: statements by subject, pairing, traps and flags (issue 15)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from synthesis.facts.indicators import build_indicators, indicator_evidence, indicator_table
from synthesis.facts.statements import read_statements
from synthesis.facts.subjects import clean_subject, subject_match

sys.path.insert(0, str(Path(__file__).parent))
from accuracy import indicator_scores  # noqa: E402


def _roles(text):
    return [(s.value, s.role, s.subject) for s in read_statements(text) if s.role != "other"]


@pytest.mark.parametrize("clause, subject", [
    ("ผู้ประกันตนมาตรา 40 อย่างน้อย", "ผู้ประกันตนมาตรา 40"),
    ("ครัวเรือนที่ยังใช้น้ำกรดแบตเตอรี่เหลือไม่เกิน", "ครัวเรือนที่ยังใช้น้ำกรดแบตเตอรี่"),
    ("และมีกลุ่มออมทรัพย์ผู้กรีดยาง", "กลุ่มออมทรัพย์ผู้กรีดยาง"),
    ("ผู้นำ ผู้กรีดยาง และเจ้าหน้าที่", "ผู้นำ ผู้กรีดยาง และเจ้าหน้าที่"),  # ที่ of เจ้าหน้าที่ stays
    ("มี อสอช.", "อสอช."),
])
def test_subjects_clean_keeps_what_is_counted(clause, subject):
    assert clean_subject(clause) == subject


def test_subjects_match_by_words_not_by_position():
    assert subject_match("ผู้ประกันตนมาตรา 40", "เป็นผู้ประกันตนตามมาตรา 40") == 1.0
    assert subject_match("อสอช.", "กลุ่มไลน์เตือนคลื่นลมมีสมาชิก") == 0.0


def test_statements_a_declaration_gives_every_target_with_its_subject():
    text = ("ที่ประชุมตั้งเป้าหมายภายในปี 2567 คือ หน่วยบริการชุมชน 2 หน่วย (หมู่ที่ 2 และหมู่ที่ 5) "
            "ผู้ประกันตนมาตรา 40 อย่างน้อย 45 คน ครัวเรือนที่ยังเผาขยะเหลือไม่เกิน 8 ครัวเรือน มี อสอช. 4 คน")
    rows = read_statements(text, "2021-05-01")
    assert [(s.value, s.role, s.subject, s.comparison) for s in rows] == [
        (2, "target", "หน่วยบริการชุมชน", "="), (45, "target", "ผู้ประกันตนมาตรา 40", ">="),
        (8, "target", "ครัวเรือนที่ยังเผาขยะ", "<="), (4, "target", "อสอช.", "=")]
    assert {s.deadline for s in rows} == {"2024-12-31"}


@pytest.mark.parametrize("text, expected", [
    # from → to: baseline and result of one subject; the bracket restates the target
    ("ผลที่เกิดขึ้นจริง\n1. ผู้ประกันตนมาตรา 40 เพิ่มจาก 9 คน เป็น 33 คน (เป้าหมาย 40 คน)",
     [(9, "baseline", "ผู้ประกันตนมาตรา 40"), (33, "result", "ผู้ประกันตนมาตรา 40"),
      (40, "target", "ผู้ประกันตนมาตรา 40")]),
    # a reduction, with a bare "from" number that takes the unit of the "to"
    ("ครัวเรือนที่เผาขยะลดจาก 27 เหลือ 5 ครัวเรือน",
     [(27, "baseline", "ครัวเรือนที่เผาขยะ"), (5, "result", "ครัวเรือนที่เผาขยะ")]),
    # the trap of issue 15: a LINE group's size is its own subject, not the volunteers' result
    ("ผลที่เกิดขึ้นจริง\n6. อสอช. 4 คน ตามเป้าหมาย กลุ่มไลน์ของหมู่บ้านมีสมาชิก 96 คน",
     [(4, "result", "อสอช."), (96, "result", "กลุ่มไลน์ของหมู่บ้านมีสมาชิก")]),
    # "6 recruited, 5 still active": the 5 is a part, not a result
    ("ผลที่เกิดขึ้นจริง\n5. อสอช. 6 คน ตามเป้าหมาย ยังทำงานอยู่ 5 คน", [(6, "result", "อสอช.")]),
    # counting targets is not a target
    ("ผลที่เกิดขึ้นจริง\n3. ได้เป้าหมาย 5 ข้อ ที่วัดผลเป็นตัวเลขได้", []),
])
def test_statements_roles_and_subjects(text, expected):
    assert _roles(text) == expected


def test_statements_members_in_arrears_are_a_part_not_a_result():
    rows = read_statements("ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน (เป้าหมาย 60 คน) แต่มี 11 คนขาดส่ง")
    arrears = [s for s in rows if s.value == 11]
    assert arrears and arrears[0].role == "other" and arrears[0].qualified


def _docs(*rows):
    return [(f"d{n}", date, text) for n, (date, text) in enumerate(rows)]


def test_indicators_pair_by_subject_and_keep_the_first_target_date():
    docs = _docs(
        ("2020-01-10", "ที่ประชุมตั้งเป้าหมาย คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน และมี อสอช. 6 คน"),
        ("2021-03-01", "ผลที่เกิดขึ้นจริง\n1. ผู้ประกันตนมาตรา 40 เพิ่มขึ้น 19 คน รวมเป็น 40 คน (เป้าหมาย 60 คน)"),
        ("2023-07-21", "ผลที่เกิดขึ้นจริง\n2. ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน (เป้าหมาย 60 คน) "
                       "แต่มี 11 คนขาดส่ง\n5. อสอช. 6 คน ตามเป้าหมาย ยังทำงานอยู่ 5 คน"),
    )
    found = {i.subject: i for i in build_indicators(docs)}
    members = found["ผู้ประกันตนมาตรา 40"]
    assert (members.target.value, members.target.date, members.target.doc_id) == (60, "2020-01-10", "d0")
    assert [r.value for r in members.results] == [40, 64] and members.baseline.value == 21
    assert members.status() == "met" and [n for n, _ in members.notes] == ["ผู้ประกันตนมาตรา 40 · ขาดส่ง"]
    volunteers = found["อสอช."]
    assert volunteers.target.value == 6 and [r.value for r in volunteers.results] == [6]


def test_indicators_flag_two_baselines_and_two_values_for_one_date():
    docs = _docs(
        ("2020-10-08", "ข้อมูลจากแบบสำรวจ\n- เป็นผู้ประกันตนตามมาตรา 40 เพียง 12 คน\n\n"
                       "ที่ประชุมตั้งเป้าหมาย คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 50 คน"),
        ("2022-06-23", "ผลที่เกิดขึ้นจริง\n3. ผู้ประกันตนมาตรา 40 เพิ่มจาก 18 คน เป็น 27 คน (เป้าหมาย 50 คน)\n"
                       "4. ผู้ประกันตนมาตรา 40 รวม 29 คน"),
    )
    (members,) = build_indicators(docs)
    assert any("baselines differ" in f and "12" in f and "18" in f for f in members.flags)
    assert any("two results for one date" in f and "27 / 29" in f for f in members.flags)


def test_indicators_a_restated_target_differing_from_the_set_one_is_flagged():
    docs = _docs(("2020-01-01", "ตั้งเป้าหมาย คือ อสอช. 6 คน"),
                 ("2022-01-01", "ผลที่เกิดขึ้นจริง\n1. อสอช. 5 คน (เป้าหมาย 8 คน)"))
    (volunteers,) = build_indicators(docs)
    assert volunteers.target.value == 6 and any("restated differently" in f for f in volunteers.flags)


def test_indicators_a_reduction_without_target_is_an_indicator():
    (cut,) = build_indicators(_docs(("2023-01-01", "ผู้ถูกกรดกระเด็นใส่ลดจาก 17 คน เหลือ 3 คน")))
    assert (cut.kind, cut.baseline.value, cut.latest.value, cut.status()) == ("change", 17, 3, "no target")


def test_indicators_table_and_evidence_carry_sentence_doc_and_date():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2020-01-01", "2021-01-01"], "title": ["t1", "t2"],
                         "areas": [["x"], ["x", "y"]],
                         "text": ["ตั้งเป้าหมาย คือ อสอช. 6 คน", "ผลที่เกิดขึ้นจริง\n- อสอช. 9 คน"]})
    table = indicator_table(docs, "x")  # b is shared by two areas: not x's own document
    assert table[["indicator", "target", "target_doc", "latest", "status"]].values.tolist() == \
        [["อสอช.", 6, "a", None, "no result"]]
    evidence = indicator_evidence(docs)
    result = evidence[evidence["role"] == "result"].iloc[0]
    text = docs.set_index("doc_id").at[result["doc_id"], "text"]
    assert text[result["start"]:result["end"]].startswith("9") and result["date"] == "2021-01-01"


def _demo_documents(demo_corpus, area):
    from synthesis.corpus.parser import parse_document

    rows = []
    for path in sorted((demo_corpus / "reports").glob(f"{area}_*.txt")):
        text = path.read_text(encoding="utf-8")
        rows.append((path.stem, parse_document(text, path=str(path)).date, text))
    return rows


def test_indicators_demo_bala(demo_corpus):
    found = {i.subject: i for i in build_indicators(_demo_documents(demo_corpus, "yala-bala"))}
    targets = {s: (i.target.value, i.target.doc_id) for s, i in found.items() if i.target and
               i.target.doc_id == "yala-bala_1"}
    assert targets == {"หน่วยบริการชุมชน": (2, "yala-bala_1"), "ผู้ประกันตนมาตรา 40": (60, "yala-bala_1"),
                       "ครัวเรือนที่ยังใช้น้ำกรดแบตเตอรี่": (10, "yala-bala_1"), "อสอช.": (6, "yala-bala_1"),
                       "กลุ่มออมทรัพย์ผู้กรีดยาง": (1, "yala-bala_1")}
    assert found["ผู้ประกันตนมาตรา 40"].latest.value == 64  # never the 11 in arrears
    assert found["อสอช."].latest.value == 6 and found["อสอช."].target.value == 6
    assert found["ครัวเรือนที่ยังใช้น้ำกรดแบตเตอรี่"].baseline.value == 38


def test_indicators_demo_pattani(demo_corpus):
    found = {i.subject: i for i in build_indicators(_demo_documents(demo_corpus, "pattani-nong-chik"))}
    assert found["อสอช."].target.value == 5 and {r.value for r in found["อสอช."].results} == {5}
    assert all(112 not in {r.value for r in i.results} for s, i in found.items() if s != "กลุ่มไลน์")
    members = found["ผู้ประกันตนมาตรา 40"]
    assert any("baselines differ" in f for f in members.flags) and members.latest.value == 41


def test_indicators_labelled_set_precision_and_recall():
    for name, (precision, recall) in indicator_scores().items():
        assert precision >= 0.9 and recall >= 0.9, (name, precision, recall)


@pytest.mark.parametrize("point, supported", [
    ("ผู้ประกันตนมาตรา 40 เพิ่มเป็น 64 คน", [(64, True)]),
    ("ผู้ประกันตนมาตรา 40 เพิ่มเป็น 65 คน", [(65, False)]),
    ("ลดครัวเรือนที่ใช้น้ำกรดเหลือ 6 ครัวเรือน", [(6, True)]),
    ("มีผู้ขาดส่ง 11 คน", [(11, True)]),  # a note of the indicator states it
])
def test_indicators_figure_support_for_card_points(point, supported):
    from synthesis.facts.indicators import figure_support

    docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2020-01-01", "2023-07-21"], "text": [
        "ที่ประชุมตั้งเป้าหมาย คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน ครัวเรือนที่ยังใช้น้ำกรดเหลือไม่เกิน 10 ครัวเรือน",
        "ผลที่เกิดขึ้นจริง\n1. ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน (เป้าหมาย 60 คน) แต่มี 11 คนขาดส่ง\n"
        "2. ครัวเรือนที่ใช้น้ำกรดลดจาก 38 เหลือ 6 ครัวเรือน (เป้าหมายไม่เกิน 10)"]})
    found = figure_support(point, indicator_evidence(docs))
    assert list(found.groupby("value", sort=False)["supported"].any().items()) == supported
    assert found[found["supported"]]["sentence"].notna().all()


@pytest.mark.parametrize("text, expected", [
    # a results-against-targets section: the target word restates, the result follows
    ("ผลเทียบกับเป้าหมาย\n1. หน่วยบริการชุมชน เป้าหมาย 2 หน่วย เกิดขึ้นจริง 2 หน่วย",
     [(2, "target", "หน่วยบริการชุมชน", True), (2, "result", "หน่วยบริการชุมชน", False)]),
    # "exceeds the target of 25": the 25 restates the target, it is no result
    ("ผลที่เกิดขึ้นจริง\n3. ช่างสานสูงอายุเข้ากองทุนสวัสดิการ 27 คน เกินเป้า 25 คน",
     [(27, "result", "ช่างสานสูงอายุเข้ากองทุนสวัสดิการ", False),
      (25, "target", "ช่างสานสูงอายุเข้ากองทุนสวัสดิการ", True)]),
    # a base year's value is a baseline; how much it fell is a change, not a value
    ("ผลเทียบกับเป้าหมาย\n4. อุบัติเหตุของสมาชิก ปีฐาน 31 ครั้ง ปีนี้ 19 ครั้ง ลดลงร้อยละ 38.7",
     [(31, "baseline", "อุบัติเหตุของสมาชิก", False), (19, "result", "อุบัติเหตุของสมาชิก", False),
      (38.7, "change", "อุบัติเหตุของสมาชิก", False)]),
])
def test_statements_results_against_targets(text, expected):
    rows = [(s.value, s.role, s.subject, s.restated) for s in read_statements(text) if s.role != "other"]
    assert rows == expected


@pytest.mark.parametrize("text", [
    "ผลที่เกิดขึ้นจริง\n1. สมัครผู้ประกันตนตามมาตรา 40 รายใหม่ 19 คน",  # never 40 people
    "ผลที่เกิดขึ้นจริง\n2. อสอช. ที่ยังทำงานอยู่ 4 คน จาก 5 คน",  # a part still active
])
def test_statements_numbers_that_are_no_result_of_the_subject(text):
    rows = read_statements(text)
    assert 40 not in [s.value for s in rows]
    assert all(s.role != "result" or s.value == 19 for s in rows)


def test_indicators_an_abbreviation_in_brackets_names_the_indicator_later():
    docs = _docs(("2020-01-01", "ตั้งเป้าหมาย คือ มีอาสาสมัครอาชีวอนามัย (อสอช.) 5 คน"),
                 ("2022-01-01", "ผลที่เกิดขึ้นจริง\n1. ได้ อสอช. 5 คน\n2. อสอช. ที่ยังทำงานอยู่ 4 คน จาก 5 คน"))
    (volunteers,) = build_indicators(docs)
    assert [r.value for r in volunteers.results] == [5] and [f.value for _, f in volunteers.notes] == [4]


def test_indicators_a_negated_subject_is_another_indicator():
    docs = _docs(("2020-01-01", "ข้อมูลจากแบบสำรวจ\n- ฉีดยาฆ่าหญ้าโดยไม่ใส่ถุงมือ ร้อยละ 74"),
                 ("2023-01-01", "ผลที่เกิดขึ้นจริง\n1. คนที่ใส่ถุงมือขณะฉีดยาฆ่าหญ้าเพิ่มจากร้อยละ 26 เป็นร้อยละ 61"))
    wearing = next(i for i in build_indicators(docs) if "ไม่" not in i.subject)
    assert [b.value for b in wearing.baselines] == [26] and not wearing.flags


def test_indicators_a_denominator_starts_no_indicator_of_its_own():
    docs = _docs(("2019-08-04", "ผลสำรวจผู้กรีดยาง 130 คน\nที่ประชุมตั้งเป้าหมาย คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 70 คน"),
                 ("2023-03-14", "ผลที่เกิดขึ้นจริง\n2. ผู้ประกันตนตามมาตรา 40 เพิ่มจาก 34 คน เป็น 81 คน จากผู้กรีดยาง 130 คน "
                                "(ร้อยละ 62) เกินเป้า 70 คน"))
    (members,) = [i for i in build_indicators(docs) if i.target]
    assert (members.subject, members.latest.value, members.baseline.value) == ("ผู้ประกันตนมาตรา 40", 81, 34)
    assert not members.flags and [f.value for f in members.restatements] == [70]


def test_facts_tables_take_documents_without_text():
    from synthesis.facts.organisations import organisations_table
    from synthesis.facts.people import people_table

    docs = pd.DataFrame({"doc_id": ["a", "b"], "date": [None, "2021-01-01"], "text": [float("nan"), None]})
    assert indicator_table(docs).empty and people_table(docs).empty and organisations_table(docs).empty

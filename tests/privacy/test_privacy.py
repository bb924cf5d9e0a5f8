"""Pseudonymization: name detection, stable pseudonyms, the key file, redaction, recall."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synthesis.privacy import KeyLocationError, PseudonymKey, build_key, load_key, redact_frame, redact_text, save_key
from synthesis.privacy.names import bylines, name_variants, speaker_legend, split_name, titled_names
from synthesis.privacy.pseudonyms import default_key_path, link_username
from synthesis.privacy.redact import name_spans

ROOT = Path(__file__).resolve().parents[2]
SALT = "5a" * 32


@pytest.fixture()
def key() -> PseudonymKey:
    return PseudonymKey.new("demo", salt=SALT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประชุมโดยนายสมชาย ใจดี ประธานกลุ่ม", [("สมชาย", "ใจดี", "นาย")]),
        ("วิทยากร ผศ.ดร.แสงดาว ทองคำ บรรยาย", [("แสงดาว", "ทองคำ", "ผศ.ดร.")]),
        ("นางสาวมารียะห์ สาแม และ นางอุไร ศรีสุข", [("มารียะห์", "สาแม", "นางสาว"), ("อุไร", "ศรีสุข", "นาง")]),
        ("นส.นูรีดา มะเก็ง รายงาน", [("นูรีดา", "มะเก็ง", "นส.")]),
        ("นายกเทศมนตรี กล่าวเปิดงาน", []),
        ("โดยอาจารย์วิไลพร ศรีประเสริฐ บรรยาย", [("วิไลพร", "ศรีประเสริฐ", "อาจารย์")]),
        ("ขอบคุณคุณมาลีคะ ในฐานะผู้ประสานงาน", []),
        ("อาจารย์มาลีได้ เล่าต่อ", []),
        ("คุณภาพ ชีวิตดีขึ้น", []),
        ("นายจ้าง ไม่จ่ายค่าแรง", []),
        ("ผลทำนายรายได้ ดีขึ้น", []),
    ],
)
def test_names_titled_names(text, expected):
    assert [(m.first, m.last, m.title) for m in titled_names(text)] == expected


def test_names_titled_name_glued_to_text_is_not_a_name():
    # a title + a long run without space is running text, not a first name
    assert titled_names("นางซาลมะห์ช่วยอธิบายซ้ำเป็นภาษามลายูถิ่น ทำให้เข้าใจ") == []


@pytest.mark.parametrize(
    ("line", "label", "first", "nickname"),
    [
        ("หมายเหตุ ป = นายประสิทธิ์ หนูนวล (พี่สิทธิ์), ส = นางสาวสุภาวดี เพชรรัตน์", "ป", "ประสิทธิ์", "พี่สิทธิ์"),
        ("รฮ = นางสาวรอฮานี เจ๊ะแว, ซ = นางซาลมะห์ ดอเลาะ (ก๊ะมะห์)", "รฮ", "รอฮานี", ""),
    ],
)
def test_names_speaker_legend(line, label, first, nickname):
    entries = speaker_legend(line)
    assert entries[0].label == label and entries[0].first == first and entries[0].nickname == nickname


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("สิงหาคม 2562รายงานจากพื้นที่ โดย supawadee_p\n", ["supawadee_p"]),
        ("มีนาคม 2565รายงานจากพื้นที่ โดย จันทร์เพ็ญ ชูช่วย\n", ["จันทร์เพ็ญ ชูช่วย"]),
    ],
)
def test_names_bylines(text, who):
    assert bylines(text) == who


@pytest.mark.parametrize(
    ("first", "present", "absent"),
    [
        ("ประสิทธิ์", ["พี่สิทธิ์", "คุณประสิทธิ์"], ["พี่ทธิ์", "พี่ธิ์"]),
        ("ซาลมะห์", ["ก๊ะมะห์", "ซาลมะห์"], []),
        ("สมบูรณ์", ["คุณสมบูรณ์"], ["สมบูรณ์"]),  # a common word: never replaced alone
    ],
)
def test_names_variants(first, present, absent):
    forms = name_variants("นาย", first, "ทดสอบ")
    assert all(form in forms for form in present)
    assert not any(form in forms for form in absent)


def test_names_split_name():
    assert split_name("เภสัชกรหญิงวรรณิภา เกื้อสกุล") == ("เภสัชกรหญิง", "วรรณิภา", "เกื้อสกุล")


def test_pseudonyms_stable_and_salted(key):
    again = PseudonymKey.new("demo", salt=SALT)
    other = PseudonymKey.new("demo", salt="77" * 32)
    names = ["สมศักดิ์ ทองแก้ว", "อำไพ แก้วมณี", "ชาตรี บุญมาก", "รอฮานี เจ๊ะแว"]
    first = [key.pseudonym_for(n) for n in names]
    assert first == [again.pseudonym_for(n) for n in reversed(names)][::-1]
    assert len(set(first)) == len(names)
    assert all(p.startswith("บุคคล-") and len(p) == len("บุคคล-000") for p in first)
    assert first != [other.pseudonym_for(n) for n in names]


def test_pseudonyms_collisions_get_distinct_numbers(key):
    pseudonyms = {key.pseudonym_for(f"คน{i} ทดสอบ") for i in range(400)}
    assert len(pseudonyms) == 400


def test_pseudonyms_key_outside_project(tmp_path, key):
    project = tmp_path / "project"
    (project / "lessons").mkdir(parents=True)
    with pytest.raises(KeyLocationError):
        save_key(key, project / "lessons" / "key.json", root=project)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "project" / "lessons").mkdir(parents=True)
    with pytest.raises(KeyLocationError):  # beside the project, but in its repository
        save_key(key, repo / "keys" / "key.json", root=repo / "project")
    key.pseudonym_for("สมศักดิ์ ทองแก้ว")
    path = save_key(key, tmp_path / "keys" / "demo.json", root=project)
    assert path.stat().st_mode & 0o077 == 0
    loaded = load_key(path)
    assert loaded.pseudonym_for("สมศักดิ์ ทองแก้ว") == key.pseudonym_for("สมศักดิ์ ทองแก้ว")
    assert json.loads(path.read_text(encoding="utf-8"))["salt"] == SALT


def test_pseudonyms_default_key_path_in_home(monkeypatch, tmp_path):
    monkeypatch.delenv("SYNTHESIS_KEYS", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_key_path("demo") == tmp_path / ".synthesis" / "pseudonyms" / "demo.json"


def test_pseudonyms_key_created_once(tmp_path):
    from synthesis.privacy import load_or_create_key

    project = tmp_path / "project"
    project.mkdir()
    first, path = load_or_create_key("demo", tmp_path / "keys" / "demo.json", root=project)
    second, _ = load_or_create_key("demo", path, root=project)  # e.g. a second report started at once
    assert path.exists() and first.salt == second.salt
    assert first.pseudonym_for("อำไพ แก้วมณี") == second.pseudonym_for("อำไพ แก้วมณี")
    with pytest.raises(KeyLocationError):
        load_or_create_key("demo", project / "key.json", root=project)


def test_pseudonyms_broken_key_names_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.json"):
        load_key(path)


INTERVIEW = (
    "ผู้สัมภาษณ์ นางจันทร์เพ็ญ ชูช่วย (พี่เลี้ยงจังหวัด)\n"
    "หมายเหตุ จ = นางจันทร์เพ็ญ ชูช่วย, ป = นายประสิทธิ์ หนูนวล (พี่สิทธิ์)\n\n"
    "จ: เล่าให้ฟังหน่อยค่ะ\n"
    "ป: ตอนนั้นพี่สิทธิ์ยังขับวินอยู่ ให้สมศักดิ์ช่วยดูกล่องยา\n"
    "ป: นายสมศักดิ์ ทองแก้ว เป็น อสอช. ดูแลคุณภาพงาน\n"
)


def test_redact_interview_replaces_every_form(key):
    build_key([("i1", INTERVIEW)], key)
    out = redact_text(INTERVIEW, key, doc_id="i1")
    for name in ("จันทร์เพ็ญ", "ประสิทธิ์", "สิทธิ์", "สมศักดิ์", "ชูช่วย", "หนูนวล", "ทองแก้ว"):
        assert name not in out
    assert "\nจ:" not in out and "\nป:" not in out
    assert "คุณภาพ" in out  # a word that starts like คุณ + a nickname stays
    somsak = key.pseudonym_for("สมศักดิ์ ทองแก้ว")
    assert out.count(somsak) == 2
    assert out.count(key.pseudonym_for("ประสิทธิ์ หนูนวล")) == 6  # legend ×3, turns ×2, nickname


def test_redact_quote_uses_document_speakers(key):
    build_key([("i1", INTERVIEW)], key)
    quote = "ป: ตอนนั้นพี่สิทธิ์ยังขับวินอยู่"
    assert redact_text(quote, key, doc_id="i1").startswith(key.pseudonym_for("ประสิทธิ์ หนูนวล") + ":")


@pytest.mark.parametrize(
    "text",
    [
        "ประชุมคณะกรรมการกองทุน ทม.พัทลุง ครั้งที่ 2/2565",
        "คุณภาพชีวิตแรงงานนอกระบบดีขึ้น พี่เลี้ยงช่วยเขียนโครงการ",
        "สมบูรณ์ครบถ้วนตามแผน",
    ],
)
def test_redact_leaves_text_without_names(key, text):
    build_key([("i1", INTERVIEW)], key)
    assert redact_text(text, key) == text


def test_redact_never_splits_a_grapheme(key):
    build_key([("i1", INTERVIEW)], key)
    text = "นายสมศักดิ์ ทองแก้ว"
    for span in name_spans(text, key):
        assert text[span.start:span.end] == span.text


def test_redact_learns_unseen_titled_names(key):
    out = redact_text("วิทยากรคือ นางสาวกมลวรรณ ศรีทอง จาก รพ.", key)
    assert "กมลวรรณ" not in out and key.pseudonym_for("กมลวรรณ ศรีทอง") in out


def test_redact_username_linked_to_person(key):
    build_key([("r1", "ผู้เข้าร่วม นางสาวสุภาวดี เพชรรัตน์\nรายงานจากพื้นที่ โดย supawadee_p\n")], key)
    assert link_username("supawadee_p", key) == "สุภาวดี เพชรรัตน์"
    out = redact_text("รายงานจากพื้นที่ โดย supawadee_p", key)
    assert out.endswith(key.pseudonym_for("สุภาวดี เพชรรัตน์"))


@pytest.mark.parametrize(
    ("username", "owner"),
    [("halimoh_khae", "ฮาลีเมาะ หมัดอะดั้ม"), ("nurida_bl", "นูรีดา มะเก็ง"), ("sukanya_nc", "สุกัญญา ชูแก้ว"),
     ("somchai99", None)],
)
def test_pseudonyms_link_username(key, username, owner):
    for name in ("ฮาลีเมาะ หมัดอะดั้ม", "นูรีดา มะเก็ง", "สุกัญญา ชูแก้ว", "อำไพ แก้วมณี"):
        key.person(name)
    assert link_username(username, key) == owner


def test_pseudonyms_username_tie_broken_by_document(key):
    key.person("รอฮานี เจ๊ะแว")
    key.person("รอฮานี เจ๊ะหมาน")
    assert link_username("rohanee_nt", key) is None
    assert link_username("rohanee_nt", key, nearby=["รอฮานี เจ๊ะหมาน"]) == "รอฮานี เจ๊ะหมาน"


def test_redact_frame_columns(key):
    build_key([("i1", INTERVIEW)], key)
    frame = pd.DataFrame(
        {
            "doc_id": ["i1", "i1"],
            "quote": ["ป: พี่สิทธิ์ขับวิน", "ไม่มีชื่อ"],
            "reporter": ["จันทร์เพ็ญ ชูช่วย", None],
            "participants": [np.array(["นายสมศักดิ์ ทองแก้ว"], dtype=object), []],
            "start": [1, 2],
        }
    )
    out = redact_frame(frame, key)
    assert "สิทธิ์" not in out.loc[0, "quote"] and out.loc[1, "quote"] == "ไม่มีชื่อ"
    assert out.loc[0, "reporter"] == key.pseudonym_for("จันทร์เพ็ญ ชูช่วย")
    assert out.loc[0, "participants"] == [key.pseudonym_for("สมศักดิ์ ทองแก้ว")]
    assert frame.loc[0, "quote"] == "ป: พี่สิทธิ์ขับวิน"  # the input is untouched
    assert out["start"].tolist() == [1, 2]


RECALL_FLOOR = 1.0  # measured by bench/pseudonym_recall.py on the demo corpus


@pytest.mark.slow
@pytest.mark.parametrize(("normalized", "every_file"), [(False, False), (True, False), (False, True)])
def test_pseudonyms_demo_recall(normalized, every_file):
    people_dir = ROOT / "tests" / "data" / "demo_people"
    if not any(people_dir.glob("*.yaml")):
        pytest.skip("no demo name lists")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import pseudonym_recall
    finally:
        sys.path.pop(0)
    result = pseudonym_recall.measure(pseudonym_recall.load_people(people_dir), normalized=normalized,
                                      every_file=every_file)
    assert result["total"] > 0
    recall = result["found"] / result["total"]
    assert recall >= RECALL_FLOOR, f"recall {recall:.4f}; missed: {result['missed']}"

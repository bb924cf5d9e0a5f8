"""Readers by file extension, and bad input: every failure names the file and the reason."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from synthesis.corpus.readers import READERS, ReadError, fix_thai_pdf_order, read_file, split_front_matter

REPORT = "ประชุมกลุ่มผู้กรีดยาง ตำบลบาละ วันที่ 5 มีนาคม 2565\nผู้เข้าร่วม จำนวน ..15... คน"


def test_readers_registry_covers_every_format_of_the_issue():
    for suffix in (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".json", ".jsonl", ".csv"):
        assert suffix in READERS


@pytest.mark.parametrize("name", ["รายงาน ประชุม ครั้งที่ 1.txt", "a b/บันทึก.md"])
def test_readers_thai_path_with_spaces(tmp_path, name):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(REPORT, encoding="utf-8")
    assert read_file(path).text == REPORT


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp874"])
def test_readers_txt_in_each_encoding(tmp_path, encoding):
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.encode(encoding))
    raw = read_file(path)
    assert raw.text == REPORT and raw.format == "txt"


def test_readers_crlf_line_ends_become_newlines(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("บรรทัดหนึ่ง\r\nบรรทัดสอง\r\n".encode())
    assert read_file(path).text == "บรรทัดหนึ่ง\nบรรทัดสอง\n"


@pytest.mark.parametrize(
    "text, meta, body",
    [
        ("---\nareas: [yala-bala]\n---\nเนื้อหา", {"areas": ["yala-bala"]}, "เนื้อหา"),
        ("---\ntitle: บันทึก\ndate: 2565-03-05\n---\n\nเนื้อหา", {"title": "บันทึก", "date": dt.date(2565, 3, 5)}, "\nเนื้อหา"),
        ("ไม่มี front matter\n---\n", {}, "ไม่มี front matter\n---\n"),
    ],
)
def test_readers_front_matter_is_split_from_the_text(text, meta, body):
    found, rest, _ = split_front_matter(text)
    assert found == meta and rest == body


def test_readers_broken_front_matter_is_kept_as_text_with_warning(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("---\nareas: [unclosed\n---\nเนื้อหา", encoding="utf-8")
    raw = read_file(path)
    assert raw.metadata == {} and "เนื้อหา" in raw.text and raw.warnings


HTML = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>รายงานกิจกรรม</title>
<script>var menu = "เมนูหลัก";</script><style>p {{color: red}}</style></head>
<body><nav><a href="/">หน้าแรก</a> <a href="/login">เข้าสู่ระบบ</a></nav>
<header>กองทุนหลักประกันสุขภาพ (ส่วนหัวเว็บ)</header>
<main><h2>ประชุมคณะทำงาน</h2>
<p>วันที่ 5 มีนาคม 2565 ณ <b>ศาลาเอนกประสงค์</b> ต.บาละ
   อ.กาบัง จ.ยะลา</p>
<ul><li>ข้อที่หนึ่ง</li><li>ข้อที่สอง</li></ul>
<table><tr><th>กิจกรรม</th><th>จำนวน</th></tr><tr><td>อบรม</td><td>15 คน</td></tr></table>
</main><footer>ลิขสิทธิ์ เว็บไซต์</footer></body></html>"""


@pytest.mark.parametrize("charset, encoding", [("utf-8", "utf-8"), ("windows-874", "cp874")])
def test_readers_html_drops_furniture_keeps_structure(tmp_path, charset, encoding):
    path = tmp_path / "page.html"
    path.write_bytes(HTML.format(charset=charset).encode(encoding))
    raw = read_file(path)
    assert raw.text.splitlines()[:3] == ["ประชุมคณะทำงาน", "", "วันที่ 5 มีนาคม 2565 ณ ศาลาเอนกประสงค์ ต.บาละ อ.กาบัง จ.ยะลา"]
    assert "- ข้อที่หนึ่ง\n- ข้อที่สอง" in raw.text
    assert "อบรม | 15 คน" in raw.text
    for furniture in ("เมนูหลัก", "หน้าแรก", "ส่วนหัวเว็บ", "ลิขสิทธิ์", "color"):
        assert furniture not in raw.text
    assert raw.metadata["html_title"] == "รายงานกิจกรรม"


def test_readers_docx_paragraphs_headings_and_tables(tmp_path, docx_maker):
    path = docx_maker(tmp_path / "สัมภาษณ์.docx", "บันทึกสัมภาษณ์กลุ่มประมง",
                      ["ผู้สัมภาษณ์: เริ่มเลยค่ะ", "ผู้ให้ข้อมูล: ได้ครับ"],
                      [["ประเด็น", "คำตอบ"], ["รายได้", "ลดลง"]])
    raw = read_file(path)
    assert raw.format == "docx"
    assert raw.text.split("\n\n") == ["บันทึกสัมภาษณ์กลุ่มประมง", "ผู้สัมภาษณ์: เริ่มเลยค่ะ",
                                      "ผู้ให้ข้อมูล: ได้ครับ", "ประเด็น | คำตอบ", "รายได้ | ลดลง\n"]


@pytest.mark.slow
def test_readers_pdf_text_layer_in_thai(tmp_path, pdf_maker):
    line = "ประชุมกลุ่มผู้กรีดยาง วันที่ 5 มีนาคม 2565 ผู้เข้าร่วม 15 คน"
    raw = read_file(pdf_maker(tmp_path / "minutes.pdf", [line]))
    assert raw.format == "pdf" and line in raw.text


@pytest.mark.parametrize(
    "scrambled, fixed",
    [
        ("\u0e48กา", "ก่า"),  # tone mark extracted before its consonant
        ("ก\u0e49\u0e35", "กี้"),  # tone before the upper vowel
        ("น\u0e4d\u0e32", "นำ"),  # nikhahit + sara aa
        ("น\u0e49\u0e4d\u0e32", "น้ำ"),
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),  # nikhahit, tone, sara aa
        ("น\u0e33\u0e49", "น้ำ"),  # tone extracted after sara am
        ("ก\u0e4a\u0e33", "ก๊ำ"),  # right already: unchanged
        ("\uf70aกา", "ก่า"),  # private-use low tone-mark glyph
        ("ผู้ใหญ่", "ผู้ใหญ่"),  # already right: unchanged
        ("ผู \u0e49ใหญ", "ผู้ใหญ"),  # a gap before the tone mark
        ("ท \u0e35\u0e48 นี่", "ที่ นี่"),  # gap inside, real space kept
    ],
)
def test_readers_fix_thai_pdf_order(scrambled, fixed):
    assert fix_thai_pdf_order(scrambled) == fixed


@pytest.mark.parametrize(
    "suffix, content, column",
    [
        (".json", json.dumps([{"id": 1, "text": "บันทึกที่หนึ่ง"}, {"id": 2, "text": "บันทึกที่สอง"}], ensure_ascii=False), "text"),
        (".jsonl", '{"ข้อความ": "บันทึกที่หนึ่ง"}\n{"ข้อความ": "บันทึกที่สอง"}\n', "ข้อความ"),
        (".csv", "id,content\n1,บันทึกที่หนึ่ง\n2,บันทึกที่สอง\n", "content"),
    ],
)
def test_readers_tables_with_a_text_column(tmp_path, suffix, content, column):
    path = tmp_path / f"notes{suffix}"
    path.write_text(content, encoding="utf-8")
    raw = read_file(path)
    assert raw.text == "บันทึกที่หนึ่ง\n\nบันทึกที่สอง\n"
    assert raw.metadata["text_column"] == column


# ---------------------------------------------------------------- bad input (issue 4, item 6)

def _expect(path, reason):
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert caught.value.path == str(path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"], ids=["empty", "whitespace"])
def test_readers_bad_empty_file(tmp_path, content):
    path = tmp_path / "ว่าง.txt"
    path.write_bytes(content)
    _expect(path, "empty")


def test_readers_bad_binary_renamed_txt(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 20)
    _expect(path, "binary data")


def test_readers_bad_file_with_nul_bytes(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(("ข้อความ" * 10).encode() + b"\x00" * 500 + "ท้าย".encode())
    _expect(path, "NUL byte")


def test_readers_bad_truncated_docx(tmp_path, docx_maker):
    good = docx_maker(tmp_path / "full.docx", "หัวข้อ", ["ย่อหน้า"] * 50)
    path = tmp_path / "cut.docx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _expect(path, "not a readable .docx")


def test_readers_bad_truncated_pdf(tmp_path, pdf_maker):
    good = pdf_maker(tmp_path / "full.pdf", ["Minutes of the meeting"] * 20)
    path = tmp_path / "cut.pdf"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _expect(path, "not a readable PDF")


def test_readers_bad_password_protected_pdf(tmp_path, pdf_maker):
    path = pdf_maker(tmp_path / "locked.pdf", ["confidential"], password="s3cret")
    _expect(path, "password-protected")


def test_readers_bad_50mb_file_over_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk, same size
    _expect(path, "50.0 MB")


def test_readers_limit_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_text("ก" * 2000, encoding="utf-8")
    monkeypatch.setenv("SYNTHESIS_MAX_FILE_MB", "0.001")
    _expect(path, "limit")


def test_readers_bad_symlink_loop(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    os.symlink(b, a)
    os.symlink(a, b)
    _expect(a, "symbolic link loop")


def test_readers_bad_unsupported_extension(tmp_path):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK\x03\x04")
    _expect(path, "unsupported file type")


def test_readers_bad_missing_file(tmp_path):
    _expect(tmp_path / "ไม่มี.txt", "No such file")


def test_readers_bad_invalid_json(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    _expect(path, "not valid JSON")


def test_readers_html_wrong_charset_declaration_utf8_wins(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(HTML.format(charset="tis-620").encode("utf-8"))
    assert read_file(path).text.startswith("ประชุมคณะทำงาน")


def test_readers_json_object_holding_a_list_of_records(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"version": 2, "documents": [{"body": "บันทึกหนึ่ง"}, {"body": "บันทึกสอง"}]},
                               ensure_ascii=False), encoding="utf-8")
    assert read_file(path).text == "บันทึกหนึ่ง\n\nบันทึกสอง\n"


@pytest.mark.parametrize(
    "magic, kind",
    [(b"%PDF-1.4\n", "a PDF document"), (b"PK\x03\x04\x14\x00", "a ZIP archive"), (b"\x89PNG\r\n", "a PNG image")],
)
def test_readers_bad_binary_renamed_txt_says_what_it_is(tmp_path, magic, kind):
    path = tmp_path / "รายงาน.txt"
    path.write_bytes(magic + b"rest of the file")
    _expect(path, kind)


def test_readers_xhtml_with_xml_declaration(tmp_path):
    path = tmp_path / "page.html"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>บันทึกกิจกรรม</p></body></html>',
                    encoding="utf-8")
    assert read_file(path).text == "บันทึกกิจกรรม\n"


def test_readers_html_without_text_is_a_named_error(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x()</script></head><body><nav>เมนู</nav></body></html>",
                    encoding="utf-8")
    _expect(path, "no text found")


def test_readers_scanned_pdf_without_text_layer_says_so(tmp_path, pdf_maker):
    path = pdf_maker(tmp_path / "scan.pdf", [])
    _expect(path, "no text layer")

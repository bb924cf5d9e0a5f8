"""Hostile corpus files: pipes, sockets, devices, links in and out of the corpus, bombs and
files over the readers' limits. Each must be refused or fail with a reason that names the
file and the problem (and the limit's variable), without hanging, without reading anything
outside the corpus, and the good files of the same batch must still be ingested."""

from __future__ import annotations

import io
import os
import socket
import stat
import zipfile

import pytest

from tests.hostile.conftest import (assert_good_files_went_on, deadline, failure_of, ingest_quietly,
                                    refusal_of, write_corpus)

SECRET = "ข้อมูลลับนอกคลังเอกสาร รหัสผ่านของเครื่อง"


@pytest.fixture()
def outside(tmp_path):
    """A file outside the corpus that nothing may read."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def store_texts(work) -> str:
    from synthesis.corpus import open_store

    return "\n".join(open_store(work).documents(columns=["doc_id", "text"])["text"])


# -- files that are not files ------------------------------------------------------------------
def test_corpus_files_fifo_refused_without_hanging(tmp_path):
    """A named pipe named like a report is refused by name, never opened (ingest would hang)."""
    corpus = write_corpus(tmp_path / "corpus")
    os.mkfifo(corpus / "บันทึกประชุม.txt")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "named pipe" in refusal_of(report, "บันทึกประชุม.txt")
    assert_good_files_went_on(report)


def test_corpus_files_socket_refused(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(corpus / "ซ็อกเก็ต.txt"))
    try:
        report = ingest_quietly(corpus, tmp_path / "work")
    finally:
        server.close()
    assert "socket" in refusal_of(report, "ซ็อกเก็ต.txt")
    assert_good_files_went_on(report)


def test_corpus_files_device_refused(tmp_path):
    """A character device inside the corpus (made with mknod) is never read."""
    corpus = write_corpus(tmp_path / "corpus")
    try:
        os.mknod(corpus / "zero.txt", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero
    except PermissionError:
        pytest.skip("mknod needs root")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "character device" in refusal_of(report, "zero.txt")
    assert_good_files_went_on(report)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/stdin"])
def test_corpus_files_link_to_device_refused(tmp_path, device):
    corpus = write_corpus(tmp_path / "corpus")
    os.symlink(device, corpus / "รายงาน-อุปกรณ์.txt")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "not read" in refusal_of(report, "รายงาน-อุปกรณ์.txt")
    assert_good_files_went_on(report)


def test_corpus_files_fifo_swapped_in_after_listing_is_not_read(tmp_path):
    """The reader checks what it opened (fstat), not what the listing saw: no hang."""
    from synthesis.corpus.readers import ReadError, read_file

    os.mkfifo(tmp_path / "ท่อ.txt")
    with deadline(10, "read_file on a FIFO"), pytest.raises(ReadError, match=r"ท่อ\.txt: a named pipe"):
        read_file(tmp_path / "ท่อ.txt")


# -- symbolic links --------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["ลิงก์ออกนอก.txt", "nested/deep/out.md"])
def test_corpus_files_link_out_of_corpus_refused(tmp_path, outside, name):
    """A link pointing outside the corpus is refused with that reason; its target never enters the store."""
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / name).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, corpus / name)
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "outside the corpus" in refusal_of(report, name)
    assert_good_files_went_on(report)
    assert SECRET not in store_texts(tmp_path / "work")


def test_corpus_files_relative_link_climbing_out_refused(tmp_path, outside):
    corpus = write_corpus(tmp_path / "corpus")
    os.symlink("../outside/secret.txt", corpus / "up.txt")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "outside the corpus" in refusal_of(report, "up.txt")
    assert SECRET not in store_texts(tmp_path / "work")


def test_corpus_files_link_inside_corpus_read_once(tmp_path):
    """A link to a file the corpus holds under its own name: the file is read once, not twice."""
    corpus = write_corpus(tmp_path / "corpus")
    os.symlink(corpus / "good-report.txt", corpus / "สำเนา-รายงาน.txt")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "read once" in refusal_of(report, "สำเนา-รายงาน.txt")
    assert len(report.added) == 2


def test_corpus_files_link_to_hidden_file_inside_corpus_read_by_its_link(tmp_path):
    """A link to a file inside the corpus that is not listed itself (a hidden folder) is followed once."""
    corpus = write_corpus(tmp_path / "corpus", {".archive/ต้นฉบับ.txt": "บันทึกการลงพื้นที่ตำบลนาทอน อำเภอทุ่งหว้า\n"})
    os.symlink(corpus / ".archive" / "ต้นฉบับ.txt", corpus / "ลิงก์-ก.txt")
    os.symlink(corpus / ".archive" / "ต้นฉบับ.txt", corpus / "ลิงก์-ข.txt")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "ลิงก์-ก.txt" in report.added
    assert "read once" in refusal_of(report, "ลิงก์-ข.txt")


def test_corpus_files_link_to_folder_not_followed(tmp_path, outside):
    corpus = write_corpus(tmp_path / "corpus")
    os.symlink(outside.parent, corpus / "โฟลเดอร์นอก")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "not followed" in refusal_of(report, "โฟลเดอร์นอก")
    assert SECRET not in store_texts(tmp_path / "work")


@pytest.mark.parametrize(("make", "reason"), [
    (lambda c: (os.symlink(c / "b.txt", c / "a.txt"), os.symlink(c / "a.txt", c / "b.txt")), "symbolic link loop"),
    (lambda c: os.symlink(c / "ไม่มีไฟล์นี้.txt", c / "a.txt"), "No such file"),
])
def test_corpus_files_broken_links_fail_with_reason(tmp_path, make, reason):
    corpus = write_corpus(tmp_path / "corpus")
    make(corpus)
    report = ingest_quietly(corpus, tmp_path / "work")
    assert reason in failure_of(report, "a.txt")
    assert_good_files_went_on(report)


def test_corpus_files_sidecar_link_out_of_corpus_refused(tmp_path, outside):
    """A sidecar must be a plain file: a link (it could pull metadata from anywhere) fails its document."""
    corpus = write_corpus(tmp_path / "corpus", {"รายงาน.txt": "รายงานกิจกรรมกลุ่มอาชีพ\n"})
    os.symlink(outside, corpus / "รายงาน.txt.meta.yaml")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "sidecar รายงาน.txt.meta.yaml is a symbolic link" in failure_of(report, "รายงาน.txt")
    assert_good_files_went_on(report)


def test_corpus_files_sidecar_fifo_refused_without_hanging(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"รายงาน.txt": "รายงานกิจกรรมกลุ่มอาชีพ\n"})
    os.mkfifo(corpus / "รายงาน.txt.meta.yaml")
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "named pipe" in failure_of(report, "รายงาน.txt")
    assert_good_files_went_on(report)


# -- size and expansion limits -------------------------------------------------------------------
def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_corpus_files_docx_expanding_past_limit_refused(tmp_path, monkeypatch):
    """A Word file whose parts inflate past SYNTHESIS_MAX_EXPANDED_MB is refused before it is inflated."""
    monkeypatch.setenv("SYNTHESIS_MAX_EXPANDED_MB", "1")
    corpus = write_corpus(tmp_path / "corpus", {"ระเบิด.docx": docx_bytes(["ยางพารา " * 200_000])})
    assert (corpus / "ระเบิด.docx").stat().st_size < 200_000  # small on disk, large inflated
    report = ingest_quietly(corpus, tmp_path / "work")
    reason = failure_of(report, "ระเบิด.docx")
    assert "SYNTHESIS_MAX_EXPANDED_MB" in reason and "1 MB limit" in reason
    assert_good_files_went_on(report)


def test_corpus_files_docx_zip_bomb_member_refused(tmp_path, monkeypatch):
    """A .docx with a member that declares a huge inflated size is refused by its declared sizes."""
    monkeypatch.setenv("SYNTHESIS_MAX_EXPANDED_MB", "5")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))
    corpus = write_corpus(tmp_path / "corpus", {"bomb.docx": buffer.getvalue()})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "SYNTHESIS_MAX_EXPANDED_MB" in failure_of(report, "bomb.docx")


@pytest.mark.parametrize(("name", "make"), [
    ("ยาว.txt", lambda: ("ประชุมกลุ่มแม่บ้าน " * 20_000).encode()),
    ("ยาว.html", lambda: ("<html><body>" + "<p>กลุ่มออมทรัพย์ตำบลนาทอน</p>" * 20_000 + "</body></html>").encode()),
    ("ยาว.jsonl", lambda: "\n".join('{"text": "ผู้รับงานไปทำที่บ้าน %d"}' % i for i in range(30_000)).encode()),
])
def test_corpus_files_text_over_limit_refused(tmp_path, monkeypatch, name, make):
    """A file yielding more text than SYNTHESIS_MAX_TEXT_MB fails with the limit named."""
    monkeypatch.setenv("SYNTHESIS_MAX_TEXT_MB", "0.2")
    corpus = write_corpus(tmp_path / "corpus", {name: make()})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "SYNTHESIS_MAX_TEXT_MB" in failure_of(report, name)
    assert_good_files_went_on(report)


def test_corpus_files_file_over_size_limit_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHESIS_MAX_FILE_MB", "0.01")
    corpus = write_corpus(tmp_path / "corpus", {"ใหญ่.txt": "สมาชิกกลุ่ม " * 2000})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "SYNTHESIS_MAX_FILE_MB" in failure_of(report, "ใหญ่.txt")
    assert_good_files_went_on(report)


def pdf_bytes(pages: int) -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(pages):
        pdf.add_page()
        pdf.cell(0, 10, f"page {number + 1} of the meeting minutes")
    return bytes(pdf.output())


def test_corpus_files_pdf_over_page_limit_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHESIS_MAX_PDF_PAGES", "3")
    corpus = write_corpus(tmp_path / "corpus", {"หนา.pdf": pdf_bytes(5)})
    report = ingest_quietly(corpus, tmp_path / "work")
    reason = failure_of(report, "หนา.pdf")
    assert "5 pages" in reason and "SYNTHESIS_MAX_PDF_PAGES" in reason
    assert_good_files_went_on(report)


def test_corpus_files_pdf_text_limit_stops_extraction(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHESIS_MAX_TEXT_MB", "0.00005")  # about 50 characters
    corpus = write_corpus(tmp_path / "corpus", {"ยาว.pdf": pdf_bytes(4)})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "by page 2" in failure_of(report, "ยาว.pdf")


# -- table files -------------------------------------------------------------------------------
def test_corpus_files_csv_cell_above_field_limit_is_read(tmp_path):
    """A whole transcript in one CSV cell (above the csv module's 131072 default) is a text."""
    transcript = "ผู้ให้สัมภาษณ์เล่าถึงการรวมกลุ่มตัดเย็บ " * 6000
    corpus = write_corpus(tmp_path / "corpus", {"สัมภาษณ์.csv": f'id,text\n1,"{transcript}"\n'})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "สัมภาษณ์.csv" in report.added, report.summary()
    assert len(transcript) > 131072


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("ลึก.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("ผิด.json", '{"text": "ยังไม่จบ', "not valid JSON"),
    ("ว่าง.csv", "", "empty"),
    ("ไม่มีข้อความ.json", '[{"text": null}, {"text": ""}]', "no text"),
])
def test_corpus_files_bad_table_files_fail_with_reason(tmp_path, name, content, reason):
    corpus = write_corpus(tmp_path / "corpus", {name: content})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert reason in failure_of(report, name)
    assert_good_files_went_on(report)


def test_corpus_files_jsonl_deep_line_skipped_others_read(tmp_path):
    lines = ['{"text": "ประชุมกลุ่มแม่บ้านตำบลบาละ"}', "[" * 100_000 + "]" * 100_000,
             '{"text": "อบรมความปลอดภัยผู้รับงานไปทำที่บ้าน"}']
    corpus = write_corpus(tmp_path / "corpus", {"บันทึก.jsonl": "\n".join(lines)})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "บันทึก.jsonl" in report.added
    assert any("line 2" in warning and "nested too deeply" in warning
               for path, warning in report.warnings if path == "บันทึก.jsonl")


@pytest.mark.parametrize(("name", "content"), [
    ("รูป.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ("zip.md", b"PK\x03\x04" + b"\0" * 64),
    ("ไม่ใช่.docx", b"PK\x03\x04 not a zip"),
    ("ไม่ใช่.pdf", b"%PDF-1.7 truncated"),
])
def test_corpus_files_misnamed_binary_fails_with_reason(tmp_path, name, content):
    corpus = write_corpus(tmp_path / "corpus", {name: content})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert failure_of(report, name)
    assert_good_files_went_on(report)


@pytest.mark.parametrize("name", ["<script>alert(1)</script>.txt", "=cmd()|.txt", "ชื่อ\nขึ้นบรรทัด.txt",
                                  "'; DROP TABLE documents;--.md"])
def test_corpus_files_hostile_file_names_ingested_as_text(tmp_path, name):
    """A file name is data: it is stored as it is and nothing in it runs."""
    corpus = write_corpus(tmp_path / "corpus", {name: "รายงานกิจกรรมกลุ่มอาชีพ ตำบลนาทอน\n"})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert name in report.added, report.summary()
    from synthesis.corpus import open_store

    assert name in set(open_store(tmp_path / "work").documents(columns=["doc_id", "path"])["path"])


def test_corpus_files_html_nested_past_parser_depth_warns(tmp_path):
    """libxml2 stops at 256 nested elements: the text it dropped is not lost silently."""
    page = ("<html><body><p>รายงานกิจกรรมกลุ่มตัดเย็บ</p>" + "<div>" * 300 + "ข้อความลึก" + "</div>" * 300
            + "</body></html>")
    corpus = write_corpus(tmp_path / "corpus", {"ลึก.html": page})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "ลึก.html" in report.added
    assert any("256 deep" in warning for path, warning in report.warnings if path == "ลึก.html")


def test_corpus_files_refusals_recorded_in_manifest(tmp_path, outside):
    """What ingest refused is in the store's manifest (for the corpus overview), and a second
    ingest with nothing changed keeps it."""
    from synthesis.corpus.store import read_manifest

    corpus = write_corpus(tmp_path / "corpus")
    os.mkfifo(corpus / "ท่อ.txt")
    ingest_quietly(corpus, tmp_path / "work")
    expected = [{"path": "ท่อ.txt", "reason": "a named pipe (FIFO), not a file: not read"}]
    assert read_manifest(tmp_path / "work")["refused"] == expected
    os.symlink(outside, corpus / "นอก.txt")
    ingest_quietly(corpus, tmp_path / "work")
    assert [r["path"] for r in read_manifest(tmp_path / "work")["refused"]] == ["ท่อ.txt", "นอก.txt"]


@pytest.mark.parametrize("raw_name", ["รายงาน".encode("cp874") + b".txt", b"bad\xff\xfe.md", b"\xe0\xb8\xa3\xe0\xb8.txt"])
def test_corpus_files_name_not_utf8_refused_batch_goes_on(tmp_path, raw_name):
    """A file name in an old encoding (cp874 from a Windows zip): refused with the bytes shown,
    instead of stopping the whole ingest when the store writes the path."""
    corpus = write_corpus(tmp_path / "corpus")
    with open(os.path.join(os.fsencode(corpus), raw_name), "wb") as handle:
        handle.write("ประชุมกลุ่มแม่บ้าน\n".encode())
    report = ingest_quietly(corpus, tmp_path / "work")
    (name, reason), = report.refused
    assert "\\x" in name and "not UTF-8" in reason
    assert_good_files_went_on(report)
    report.summary().encode("utf-8")  # printable


@pytest.mark.parametrize(("name", "content"), [
    ("ครึ่งคู่.jsonl", '{"text": "ประชุม\\ud800กลุ่มแม่บ้าน"}\n'),
    ("ครึ่งคู่.json", '[{"text": "อบรม\\udfffอาชีพ"}]'),
])
def test_corpus_files_json_lone_surrogate_replaced_with_warning(tmp_path, name, content):
    """JSON may escape half a UTF-16 pair: the text is kept with U+FFFD and a warning, never a crash."""
    corpus = write_corpus(tmp_path / "corpus", {name: content})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert name in report.added, report.summary()
    assert any("lone surrogate" in warning for path, warning in report.warnings if path == name)


def pdf_with_stream(inflated: bytes) -> bytes:
    """A small PDF whose page content stream (FlateDecode) inflates to ``inflated``."""
    import zlib

    stream = zlib.compress(inflated, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_corpus_files_pdf_decompression_bomb_refused(tmp_path, monkeypatch):
    """A content stream inflating past SYNTHESIS_MAX_EXPANDED_MB is refused before the PDF parser inflates it."""
    monkeypatch.setenv("SYNTHESIS_MAX_EXPANDED_MB", "2")
    corpus = write_corpus(tmp_path / "corpus", {"ระเบิด.pdf": pdf_with_stream(b" " * (8 << 20))})
    assert (corpus / "ระเบิด.pdf").stat().st_size < 50_000
    report = ingest_quietly(corpus, tmp_path / "work")
    reason = failure_of(report, "ระเบิด.pdf")
    assert "inflates past the 2 MB limit" in reason and "SYNTHESIS_MAX_EXPANDED_MB" in reason
    assert_good_files_went_on(report)


def test_corpus_files_pdf_ordinary_compressed_streams_pass_the_check(tmp_path, monkeypatch):
    """fpdf2 compresses every page stream: an ordinary PDF passes the bomb check and is read."""
    monkeypatch.setenv("SYNTHESIS_MAX_EXPANDED_MB", "1")
    corpus = write_corpus(tmp_path / "corpus", {"ปกติ.pdf": pdf_bytes(3)})
    report = ingest_quietly(corpus, tmp_path / "work")
    assert "ปกติ.pdf" in report.added, report.summary()

"""REFI-QDA projects: the real samples, schema validity, Thai byte for byte, round trips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from synthesis.coding.codebook import parse_codebook
from synthesis.coding.codings import CodingStore, new_coding
from synthesis.corpus.document import make_doc_id, text_sha256
from synthesis.exchange.bridge import (
    coder_name,
    codes_from_project,
    project_from_workbench,
    qda_codes,
    source_path,
    workbench_from_project,
    write_import,
)
from synthesis.exchange.model import QdaCode, QdaProject, QdaSelection, QdaSource, QdaUser, QdaCoding, stable_guid
from synthesis.exchange.qdpx_read import read_qdc, read_qdpx
from synthesis.exchange.qdpx_write import codebook_xml, project_xml, validate_xml, write_qdc, write_qdpx

CODEBOOK = """
version: "1"
codes:
  - {id: success, name_th: ปัจจัยความสำเร็จ, name_en: Success factors, colour: "#2ca02c",
     description: สิ่งที่ทำให้งานสำเร็จ, include: คำอธิบายว่าทำไมได้ผล,
     rules: [{keywords: [ปัจจัยความสำเร็จ], unit: paragraph}]}
  - {id: success.leadership, parent: success, name_th: ภาวะผู้นำ, name_en: Leadership, colour: "#98df8a", key: 1}
  - {id: obstacle, name_th: ปัญหาและอุปสรรค, name_en: Obstacles, colour: "#8c564b", key: o}
"""

TEXTS = {
    "reports/a.txt": "ผู้เข้าร่วม นายสมศักดิ์ ทองแก้ว ประธานกลุ่ม\nปัจจัยความสำเร็จ คือ แกนนำเข้มแข็ง 😀 และกองทุนฯ หนุน\n",
    "interviews/b.txt": "ป: กรีดยางตั้งแต่ตีหนึ่ง น้ำค้างลงหนักค่ะ\nส: อุปสรรคคือราคายางตก\r\nจบ",
}


def _workbench(collection: str = "demo"):
    book = parse_codebook(CODEBOOK)
    rows, codings = [], []
    for path, text in TEXTS.items():
        doc_id = make_doc_id(collection, path)
        rows.append({"doc_id": doc_id, "path": path, "title": path.split("/")[1], "text": text,
                     "areas": ["trang-huai-yot"], "reporter": "ก"})
    a, b = rows[0], rows[1]
    start = a["text"].index("แกนนำ")
    codings.append(new_coding(a["doc_id"], start, start + len("แกนนำเข้มแข็ง"), "แกนนำเข้มแข็ง", text_sha256(a["text"]),
                              "success.leadership", "coder_a", memo="นายสมศักดิ์ ทองแก้ว พูดถึงเรื่องนี้",
                              created="2024-05-01T10:00:00Z"))
    emoji_end = a["text"].index("😀") + 1 + len(" และกองทุนฯ")
    codings.append(new_coding(a["doc_id"], start, emoji_end, a["text"][start:emoji_end], text_sha256(a["text"]),
                              "success", "coder_b", created="2024-05-02T10:00:00Z"))
    s2 = b["text"].index("อุปสรรค")
    codings.append(new_coding(b["doc_id"], s2, len(b["text"]), b["text"][s2:], text_sha256(b["text"]), "obstacle",
                              "rules", origin="rule", created="2024-05-03T10:00:00Z"))
    return book, codings, pd.DataFrame(rows)


SAMPLES = {
    # file: (origin starts with, users, codes, sources, codings)
    "atlasti-23.2-win.qdpx": ("ATLAS.ti", 2, 3, 0, 0),
    "nvivo-15-mac.qdpx": ("NVivo", 2, 262, 2, 0),
    "qc-1.3.2-demo.qdpx": ("qc", 1, 262, 2, 205),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_qdpx_reads_real_samples(refi_qda_dir, name):
    path = refi_qda_dir / "samples" / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    origin, users, codes, sources, codings = SAMPLES[name]
    project = read_qdpx(path)
    assert project.origin.startswith(origin)
    assert (len(project.users), len(project.codes), len(project.sources)) == (users, codes, sources)
    assert sum(len(s.codings) for src in project.sources for s in src.selections) == codings
    assert all(source.text is not None for source in project.sources)
    guids = {code.guid for code in project.codes}
    assert all(code.parent is None or code.parent in guids for code in project.codes)


def test_qdpx_qc_positions_are_character_offsets(refi_qda_dir):
    path = refi_qda_dir / "samples" / "qc-1.3.2-demo.qdpx"
    if not path.exists():
        pytest.skip("qc sample not present")
    source = next(s for s in read_qdpx(path).sources if s.selections)
    lines = source.text.split("\n")
    # qc names each selection after the (0-based) line it codes: start/end are that line's span
    for selection in source.selections[:20]:
        number = int(selection.name.split(":")[1])
        start = sum(len(line) + 1 for line in lines[:number])
        assert (selection.start, selection.end) == (start, start + len(lines[number]) + 1)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_qdpx_imports_real_samples(refi_qda_dir, tmp_path, name):
    path = refi_qda_dir / "samples" / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    project = read_qdpx(path)
    plan = workbench_from_project(project, "imported")
    report = write_import(plan, tmp_path / "corpora" / "imported", tmp_path / "lessons")
    assert not report.refused
    assert len(report.codes_added) == SAMPLES[name][2]
    assert report.codings_added == SAMPLES[name][4]
    stored = CodingStore(tmp_path / "lessons").load()
    assert len(stored) == SAMPLES[name][4]
    for coding in stored:  # each coding points at its own words in the written text
        text = (tmp_path / "corpora" / "imported" / next(
            rel for rel in plan.texts if make_doc_id("imported", rel) == coding.doc_id)).read_text(encoding="utf-8")
        assert text[coding.start:coding.end] == coding.quote
    again = write_import(plan, tmp_path / "corpora" / "imported", tmp_path / "lessons")
    assert again.codings_added == 0 and not again.written and not again.codes_added


def test_qdpx_export_validates_against_schema(refi_qda_dir, tmp_path):
    book, codings, documents = _workbench()
    project = project_from_workbench(book, codings, documents, name="ทดสอบ").project
    validate_xml(project_xml(project), refi_qda_dir / "Project.xsd")
    validate_xml(codebook_xml(qda_codes(book)), refi_qda_dir / "Codebook.xsd")
    assert write_qdpx(project, tmp_path / "p.qdpx", schema=refi_qda_dir / "Project.xsd")
    assert write_qdc(qda_codes(book), tmp_path / "c.qdc", schema=refi_qda_dir / "Codebook.xsd")


def test_qdpx_rewritten_samples_still_validate(refi_qda_dir, tmp_path):
    for name in SAMPLES:
        path = refi_qda_dir / "samples" / name
        if path.exists():
            validate_xml(project_xml(read_qdpx(path)), refi_qda_dir / "Project.xsd")


def test_qdpx_thai_text_byte_for_byte(tmp_path):
    book, codings, documents = _workbench()
    project = project_from_workbench(book, codings, documents).project
    path = tmp_path / "p.qdpx"
    write_qdpx(project, path, schema=False)
    with zipfile.ZipFile(path) as archive:
        for source in project.sources:
            stored = archive.read(f"sources/{source.guid}.txt")
            assert stored == source.text.encode("utf-8")
            assert stored in {t.encode("utf-8") for t in TEXTS.values()}


def test_qdpx_round_trip_same_codebook_and_codings(tmp_path):
    book, codings, documents = _workbench("demo")
    path = tmp_path / "out.qdpx"
    write_qdpx(project_from_workbench(book, codings, documents).project, path, schema=False)
    plan = workbench_from_project(read_qdpx(path), "demo")
    report = write_import(plan, tmp_path / "corpora" / "demo", tmp_path / "lessons")
    assert report.codings_added == len(codings)
    from synthesis.coding.codebook import load_codebook

    again = load_codebook(tmp_path / "lessons" / "codebook.yaml")
    assert list(again) == list(book)  # ids, names, parents, colours, descriptions, rules
    stored = sorted(CodingStore(tmp_path / "lessons").load(), key=lambda c: c.coding_id)
    assert stored == sorted(codings, key=lambda c: c.coding_id)
    for relative, text in TEXTS.items():
        assert (tmp_path / "corpora" / "demo" / relative).read_bytes() == text.encode("utf-8")


def test_qdpx_round_trip_keeps_areas_in_sidecars(tmp_path):
    from synthesis.corpus.areas import load_areas

    book, codings, documents = _workbench("demo")
    areas = [a for a in load_areas(Path(__file__).resolve().parents[2] / "lessons" / "areas.yaml") if a.id == "trang-huai-yot"]
    path = tmp_path / "out.qdpx"
    write_qdpx(project_from_workbench(book, codings, documents, areas).project, path, schema=False)
    project = read_qdpx(path)
    assert [case.name for case in project.cases] == [areas[0].name_th]
    report = write_import(workbench_from_project(project, "demo"), tmp_path / "corpora" / "demo", tmp_path / "lessons")
    sidecar = tmp_path / "corpora" / "demo" / "reports" / "a.txt.meta.yaml"
    assert sidecar.read_text(encoding="utf-8").strip() == "areas:\n- trang-huai-yot"
    assert not report.refused


def test_qdpx_round_trip_with_astral_characters_keeps_offsets(tmp_path):
    # positions are Python string indices (code points): the emoji counts as one character
    book, codings, documents = _workbench()
    coding = next(c for c in codings if c.coder == "coder_b")
    path = tmp_path / "out.qdpx"
    write_qdpx(project_from_workbench(book, codings, documents).project, path, schema=False)
    selection = next(s for src in read_qdpx(path).sources for s in src.selections
                     if any(c.user_guid == stable_guid("user", "coder_b") for c in s.codings))
    assert (selection.start, selection.end) == (coding.start, coding.end)


def test_qdpx_utf16_positions_round_trip(tmp_path):
    book, codings, documents = _workbench("demo")
    coding = next(c for c in codings if c.coder == "coder_b")  # its span ends after an emoji
    path = tmp_path / "out.qdpx"
    write_qdpx(project_from_workbench(book, codings, documents, positions="utf16").project, path, schema=False)
    project = read_qdpx(path)
    selection = next(s for src in project.sources for s in src.selections
                     if any(c.user_guid == stable_guid("user", "coder_b") for c in s.codings))
    assert (selection.start, selection.end) == (coding.start, coding.end + 1)  # the emoji is two UTF-16 units
    plan = workbench_from_project(project, "demo", positions="utf16")
    assert sorted(plan.codings, key=lambda c: c.coding_id) == sorted(codings, key=lambda c: c.coding_id)


def test_qdpx_import_never_overwrites_or_escapes(tmp_path):
    target = tmp_path / "corpora" / "x"
    (target / "reports").mkdir(parents=True)
    (target / "reports" / "a.txt").write_text("ข้อความเดิมของผู้ใช้", encoding="utf-8")
    project = QdaProject(
        name="x",
        users=[QdaUser(guid=stable_guid("u", "1"), name="สมชาย")],
        codes=[QdaCode(guid=stable_guid("c", "1"), name="อุปสรรค")],
        sources=[
            QdaSource(guid=stable_guid("s", "1"), name="reports/a.txt", text="ข้อความใหม่",
                      selections=[QdaSelection(guid=stable_guid("sel", "1"), start=0, end=3,
                                               codings=[QdaCoding(guid=stable_guid("k", "1"), code_guid=stable_guid("c", "1"),
                                                                  user_guid=stable_guid("u", "1"))])]),
            QdaSource(guid=stable_guid("s", "2"), name="../../../escape", text="นอกโฟลเดอร์"),
        ],
    )
    plan = workbench_from_project(project, "x")
    report = write_import(plan, target, tmp_path / "lessons")
    assert (target / "reports" / "a.txt").read_text(encoding="utf-8") == "ข้อความเดิมของผู้ใช้"
    assert any("not overwritten" in r for r in report.refused)
    assert (target / "escape.txt").read_text(encoding="utf-8") == "นอกโฟลเดอร์"
    assert not (tmp_path.parent / "escape.txt").exists()
    assert report.codings_added == 0  # the refused text's codings are not added


def test_qdpx_import_widens_selections_that_cut_a_cluster():
    project = QdaProject(
        name="x",
        codes=[QdaCode(guid=stable_guid("c", "1"), name="ผล")],
        sources=[QdaSource(guid=stable_guid("s", "1"), name="a", text="น้ำท่วมหนัก",
                           selections=[QdaSelection(guid=stable_guid("sel", "1"), start=1, end=5,
                                                    codings=[QdaCoding(guid=stable_guid("k", "1"),
                                                                       code_guid=stable_guid("c", "1"))])])],
    )
    plan = workbench_from_project(project, "x")
    assert [(c.start, c.end, c.quote) for c in plan.codings] == [(0, 5, "น้ำท่")]
    assert any("cut a character cluster" in warning for warning in plan.warnings)


def test_qdpx_import_with_conflicting_codebook_writes_nothing(tmp_path):
    from synthesis.coding.codebook import CodebookError

    lessons = tmp_path / "lessons"
    lessons.mkdir()
    broken = "codes:\n  - {id: a, parent: missing, name_th: ก, name_en: A}\n"
    (lessons / "codebook.yaml").write_text(broken, encoding="utf-8")
    book, codings, documents = _workbench("demo")
    plan = workbench_from_project(project_from_workbench(book, codings, documents).project, "demo")
    with pytest.raises(CodebookError):
        write_import(plan, tmp_path / "corpora" / "demo", lessons)
    assert not (tmp_path / "corpora").exists() and not (lessons / "codings").exists()
    assert (lessons / "codebook.yaml").read_text(encoding="utf-8") == broken


def test_qdpx_import_skips_selections_outside_text():
    project = QdaProject(
        name="x",
        codes=[QdaCode(guid=stable_guid("c", "1"), name="ผล")],
        sources=[QdaSource(guid=stable_guid("s", "1"), name="a", text="สั้น",
                           selections=[QdaSelection(guid=stable_guid("sel", "1"), start=2, end=99,
                                                    codings=[QdaCoding(guid=stable_guid("k", "1"),
                                                                       code_guid=stable_guid("c", "1"))])])],
    )
    plan = workbench_from_project(project, "x")
    assert plan.codings == [] and any("outside its text" in w for w in plan.warnings)


@pytest.mark.parametrize(
    ("names", "ids"),
    [
        ([("rq1 Definition", None), ("Concepts", 0), ("concepts", 0)], ["rq1_definition", "rq1_definition.concepts",
                                                                        "rq1_definition.concepts-2"]),
        ([("ปัจจัยความสำเร็จ", None)], ["c" + stable_guid("c", "0").replace("-", "")[:8]]),
    ],
)
def test_qdpx_foreign_code_ids(names, ids):
    codes = []
    for index, (name, parent) in enumerate(names):
        codes.append(QdaCode(guid=stable_guid("c", str(index)), name=name,
                             parent=None if parent is None else stable_guid("c", str(parent))))
    built, _ = codes_from_project(codes)
    assert [code.id for code in built] == ids
    assert built[-1].name_th == names[-1][0]


@pytest.mark.parametrize(("name", "expected"), [("chrisp", "chrisp"), ("Enric Llagostera", "Enric_Llagostera")])
def test_qdpx_coder_names(name, expected):
    assert coder_name(QdaUser(guid=stable_guid("u", name), name=name)) == expected


@pytest.mark.parametrize(("name", "expected"), [("reports/ก.txt", "reports/ก.txt"), ("C:\\x\\บันทึก", "C_/x/บันทึก.txt")])
def test_qdpx_source_paths(name, expected):
    assert source_path(QdaSource(guid="g", name=name)) == expected


def test_qdpx_qdc_round_trip(tmp_path):
    book = parse_codebook(CODEBOOK)
    write_qdc(qda_codes(book), tmp_path / "c.qdc", schema=False)
    built, _ = codes_from_project(read_qdc(tmp_path / "c.qdc"))
    assert built == list(book)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["1", "o"], ["1", "o"]),
        (["1", "1"], ["1", ""]),  # a key taken by an earlier code is dropped, not doubled
        (["j", "ข"], ["", ""]),  # a reserved key and a Thai letter are not hot keys
    ],
)
def test_qdpx_import_keeps_valid_distinct_hot_keys(keys, expected):
    codes = [QdaCode(guid=stable_guid("code", name), name=name, parent=None, color="#336699",
                     description=f'synthesis: {{"key": "{key}", "name_en": "{name}"}}')
             for name, key in zip(["ราคายาง", "อุปสรรค"], keys)]
    built, _ = codes_from_project(codes)
    assert [code.key for code in built] == expected


def test_qdpx_redacted_export_moves_selections():
    from synthesis.privacy import PseudonymKey, build_key, redact_text

    book, codings, documents = _workbench()
    documents.loc[1, "path"] = "interviews/สัมภาษณ์นายสมศักดิ์ ทองแก้ว.txt"
    key = build_key(zip(documents["doc_id"], documents["text"]), PseudonymKey.new("demo", salt="ab" * 32))
    result = project_from_workbench(book, codings, documents, key=key)
    assert all("สมศักดิ์" not in source.name for source in result.project.sources)
    by_guid = {stable_guid("doc", d): d for d in documents["doc_id"]}
    for source in result.project.sources:
        assert "สมศักดิ์" not in source.text
        for selection in source.selections:
            original = next(c for c in codings if c.doc_id == by_guid[source.guid] and
                            stable_guid("selection", c.doc_id, str(c.start), str(c.end)) == selection.guid)
            assert source.text[selection.start:selection.end] == redact_text(original.quote, key, original.doc_id)
    memos = [note.text for note in result.project.notes]
    assert memos and all("สมศักดิ์" not in memo for memo in memos)


def test_qdpx_export_skips_stale_codings():
    book, codings, documents = _workbench()
    documents.loc[0, "text"] = "ข้อความถูกแก้ไขแล้ว " + documents.loc[0, "text"]
    result = project_from_workbench(book, codings, documents)
    assert result.codings == 1 and sum("no longer" in w for w in result.warnings) == 2


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_qdpx_source_text_from_docx_when_plain_text_missing(tmp_path):
    guid = stable_guid("s", "docx")
    code = stable_guid("c", "1")
    qde = (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>'
        f'<Code guid="{code}" name="อุปสรรค" isCodable="true"/></Codes></CodeBook><Sources>'
        f'<TextSource guid="{guid}" name="บันทึกสัมภาษณ์" richTextPath="internal://{guid}.docx">'
        f'<PlainTextSelection guid="{stable_guid("sel", "1")}" startPosition="0" endPosition="9">'
        f'<Coding guid="{stable_guid("k", "1")}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
        "</TextSource>"
        f'<PDFSource guid="{stable_guid("s", "pdf")}" name="รายงาน.pdf" path="internal://r.pdf">'
        f'<Representation guid="{stable_guid("s", "rep")}" name="รายงาน"><PlainTextContent>ข้อความจาก PDF</PlainTextContent>'
        "</Representation></PDFSource>"
        f'<PictureSource guid="{stable_guid("s", "pic")}" name="ภาพ"/>'
        "</Sources></Project>"
    )
    path = tmp_path / "docx.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr(f"sources/{guid}.docx", _docx_bytes(["ราคายางตก", "รายได้ไม่พอ"]))
    project = read_qdpx(path)
    assert project.sources[0].text == "ราคายางตก\nรายได้ไม่พอ"
    assert project.sources[1].text == "ข้อความจาก PDF" and project.sources[1].kind == "PDFSource"
    assert any("PictureSource" in warning for warning in project.warnings)
    plan = workbench_from_project(project, "x")
    assert [c.quote for c in plan.codings] == ["ราคายางตก"]


def test_qdpx_docx_bomb_inside_archive_is_refused(tmp_path):
    import io

    from synthesis.exchange.safezip import UnsafeArchiveError

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"0" * (20 * 1024 * 1024))
    guid = stable_guid("s", "bomb")
    qde = (f'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
           f'<TextSource guid="{guid}" name="ระเบิด" richTextPath="internal://{guid}.docx"/></Sources></Project>')
    path = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr(f"sources/{guid}.docx", inner.getvalue())
    with pytest.raises(UnsafeArchiveError, match="embedded .docx"):
        read_qdpx(path)

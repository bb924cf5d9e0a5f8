"""Our .qdpx and .qdc read back by an independent REFI-QDA reader (pyrefiqda, models generated
from the REFI-QDA schemas): every source, code, user and selection, offsets inside their text.
Runs on a fresh clone; the stricter XSD check runs too where ../shared/refi-qda is present."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("pyrefiqda", reason="pyrefiqda comes with the test extra (make test)")

from synthesis.coding.codings import new_coding  # noqa: E402
from synthesis.corpus.document import make_doc_id, text_sha256  # noqa: E402
from synthesis.exchange.bridge import project_from_workbench, qda_codes  # noqa: E402
from synthesis.exchange.qdpx_write import write_qdc, write_qdpx  # noqa: E402
from synthesis.exchange.refiqda_check import ReadBackError, checks_line, read_back_qdc, read_back_qdpx  # noqa: E402

from .test_exchange_commands import project  # noqa: E402,F401 — the fixture of a small ingested project
from .test_qdpx import CODEBOOK, _workbench  # noqa: E402


def _export(tmp_path: Path, positions: str = "codepoints", **kwargs) -> tuple[Path, object]:
    book, codings, documents = _workbench()
    project = project_from_workbench(book, codings, documents, name="ทดสอบ", positions=positions, **kwargs).project
    path = tmp_path / "p.qdpx"
    write_qdpx(project, path, schema=False)
    return path, project


@pytest.mark.parametrize("positions", ["codepoints", "utf16"])
def test_refiqda_reader_reads_back_every_source_code_user_and_selection(tmp_path, positions):
    path, project = _export(tmp_path, positions)
    found = read_back_qdpx(path, positions=positions)
    assert found.sources == len(project.sources) == 2
    assert found.codes == len(project.codes) == 3
    assert found.users == len(project.users) == 3
    assert found.selections == sum(len(source.selections) for source in project.sources)
    assert found.codings == 3


@pytest.mark.parametrize("text, quote", [
    ("ปัจจัยความสำเร็จ คือ แกนนำเข้มแข็ง 😀 และกองทุนฯ หนุน", "กองทุนฯ หนุน"),   # after an astral character
    ("ผู้ประกันตนตามมาตรา ๔๐ จำนวน ๓๒ คน\r\nเข้าร่วมครบทุกครั้ง", "เข้าร่วมครบทุกครั้ง"),  # CRLF, Thai digits
    ("กลุ่มจักสานกระจูด\u200bบ้านโคกเคียน ส่งขายได้", "ส่งขายได้"),                # zero-width space
    ("ป: เริ่มกรีดตีหนึ่ง\nส: น้ำค้างลงหนักค่ะ", "น้ำค้างลงหนักค่ะ"),               # the last characters
])
@pytest.mark.parametrize("positions", ["codepoints", "utf16"])
def test_refiqda_reader_thai_selections_inside_their_text(tmp_path, text, quote, positions):
    from synthesis.coding.codebook import parse_codebook

    doc_id = make_doc_id("demo", "a.txt")
    start = text.index(quote)
    coding = new_coding(doc_id, start, start + len(quote), quote, text_sha256(text), "obstacle", "coder_a")
    documents = pd.DataFrame([{"doc_id": doc_id, "path": "a.txt", "title": "ก", "text": text, "areas": []}])
    project = project_from_workbench(parse_codebook(CODEBOOK), [coding], documents, positions=positions).project
    write_qdpx(project, tmp_path / "t.qdpx", schema=False)
    found = read_back_qdpx(tmp_path / "t.qdpx", positions=positions, expect={"sources": 1, "selections": 1})
    assert found.codings == 1
    with zipfile.ZipFile(tmp_path / "t.qdpx") as archive:
        written = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("sources/"))
    assert written == text  # Thai byte for byte


def _rewrite(path: Path, change) -> Path:
    """A copy of the archive with its project XML changed by ``change(xml) -> xml``."""
    out = path.with_name("changed.qdpx")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, change(data.decode("utf-8")).encode("utf-8") if name.endswith(".qde") else data)
    return out


@pytest.mark.parametrize("change, problem", [
    (lambda xml: re.sub(r'endPosition="\d+"', 'endPosition="99999"', xml, count=1), "outside its text"),
    (lambda xml: re.sub(r'targetGUID="[^"]+"', 'targetGUID="00000000-0000-0000-0000-000000000000"', xml, count=1),
     "unknown code"),
    (lambda xml: xml.replace("<Users>", "<Users><Unexpected/>", 1), "cannot read"),
    (lambda xml: re.sub(r'startPosition="\d+"', 'startPosition="ห้า"', xml, count=1), "cannot read"),
    (lambda xml: re.sub(r'<User guid="[^"]+"[^>]*/>', "", xml, count=1), "unknown user"),
])
def test_refiqda_reader_catches_what_a_reader_would_trip_on(tmp_path, change, problem):
    path, _ = _export(tmp_path)
    with pytest.raises(ReadBackError, match=problem) as caught:
        read_back_qdpx(_rewrite(path, change))
    assert "changed.qdpx" in str(caught.value)  # the error names the file


def test_refiqda_reader_counts_must_match_what_was_written(tmp_path):
    path, _ = _export(tmp_path)
    with pytest.raises(ReadBackError, match="sources: 2 read back, 5 written"):
        read_back_qdpx(path, expect={"sources": 5})


def test_refiqda_reader_missing_source_text(tmp_path):
    path, _ = _export(tmp_path)
    out = tmp_path / "no-text.qdpx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            if not name.startswith("sources/"):
                new.writestr(name, old.read(name))
    with pytest.raises(ReadBackError, match="not in the archive"):
        read_back_qdpx(out)


def test_refiqda_reader_not_an_archive(tmp_path):
    bad = tmp_path / "bad.qdpx"
    bad.write_text("ไม่ใช่ไฟล์ zip", encoding="utf-8")
    with pytest.raises(ReadBackError, match="bad.qdpx"):
        read_back_qdpx(bad)


def test_refiqda_reader_reads_our_codebook(tmp_path):
    book, _, _ = _workbench()
    write_qdc(qda_codes(book), tmp_path / "c.qdc", schema=False)
    assert read_back_qdc(tmp_path / "c.qdc", expect_codes=3).codes == 3
    with pytest.raises(ReadBackError, match="2 written"):
        read_back_qdc(tmp_path / "c.qdc", expect_codes=2)
    broken = tmp_path / "broken.qdc"
    broken.write_text((tmp_path / "c.qdc").read_text(encoding="utf-8").replace("isCodable=\"true\"", "isCodable=\"บางที\"", 1),
                      encoding="utf-8")
    with pytest.raises(ReadBackError, match="cannot read"):
        read_back_qdc(broken)


def test_refiqda_reader_redacted_export_reads_back(tmp_path):
    from synthesis.privacy import PseudonymKey, build_key

    book, codings, documents = _workbench()
    key = build_key(zip(documents["doc_id"], documents["text"]), PseudonymKey.new("demo", salt="ab" * 32))
    project = project_from_workbench(book, codings, documents, key=key).project
    write_qdpx(project, tmp_path / "r.qdpx", schema=False)
    found = read_back_qdpx(tmp_path / "r.qdpx", expect={"sources": 2})
    assert found.selections == sum(len(s.selections) for s in project.sources)


def test_refiqda_reader_line_says_what_checked_it(tmp_path):
    path, _ = _export(tmp_path)
    line = checks_line(None, "Project.xsd", lambda: read_back_qdpx(path))
    assert line.startswith("read back by pyrefiqda: 2 sources, 3 codes")
    assert "not schema-checked" not in line and "not checked" not in line


def test_refiqda_reader_and_xsd_agree_where_the_schemas_are(refi_qda_dir, tmp_path):
    path, project = _export(tmp_path)
    write_qdpx(project, tmp_path / "checked.qdpx", schema=refi_qda_dir / "Project.xsd")  # raises when invalid
    read_back_qdpx(tmp_path / "checked.qdpx")
    book, _, _ = _workbench()
    write_qdc(qda_codes(book), tmp_path / "c.qdc", schema=refi_qda_dir / "Codebook.xsd")
    read_back_qdc(tmp_path / "c.qdc")


@pytest.mark.parametrize("sample", ["nvivo-15-mac.qdpx", "qc-1.3.2-demo.qdpx"])
def test_refiqda_reader_reads_other_programs_files(refi_qda_dir, sample):
    path = refi_qda_dir / "samples" / sample
    if not path.exists():
        pytest.skip(f"{sample} not present")
    assert read_back_qdpx(path).sources >= 1


@pytest.mark.slow
@pytest.mark.parametrize("kind, name", [("qdpx", "mini.qdpx"), ("qdc", "codebook.qdc")])
def test_refiqda_reader_export_commands_say_it_was_read_back(project, tmp_path, monkeypatch, capsys, kind, name):
    """`synthesis export qdpx|qdc` on a fresh clone: no schema files, yet checked and said so."""
    from synthesis.cli import main

    monkeypatch.setenv("SYNTHESIS_HOME", str(project))
    monkeypatch.setenv("SYNTHESIS_REFI_SCHEMAS", str(tmp_path / "no-schemas-here"))
    monkeypatch.setattr("synthesis.exchange.qdpx_write.find_schema", lambda name: None)
    out = tmp_path / name
    extra = ["--work", str(project / "work" / "mini")] if kind == "qdpx" else []
    assert main(["export", kind, str(out), *extra, "--lessons", str(project / "lessons")]) == 0
    printed = capsys.readouterr().out
    assert "read back by pyrefiqda" in printed and "not schema-checked" not in printed

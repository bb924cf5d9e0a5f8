"""Hostile REFI-QDA files (.qdpx, .qde, .qdc) through `synthesis import qdpx`: zip slip, zip
bombs, XXE and entity bombs, duplicate and huge member lists, links, pipes, and a rule whose
regular expression backtracks. Each is refused with the file and the problem named, nothing
is written into the corpus or lessons, and nothing outside the target folder is touched."""

from __future__ import annotations

import io
import os
import stat
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from synthesis.coding.codebook import parse_codebook
from synthesis.coding.codings import new_coding
from synthesis.corpus.document import make_doc_id, text_sha256
from synthesis.exchange.bridge import project_from_workbench
from synthesis.exchange.qdpx_write import write_qdpx
from tests.hostile.conftest import deadline

TEXT = "ผู้เข้าร่วม นางสมศรี ทองดี ประธานกลุ่มแม่บ้าน\nปัจจัยความสำเร็จ คือ กองทุนหมุนเวียนของกลุ่ม\n"
CODEBOOK = """
codes:
  - {id: success, name_th: ปัจจัยความสำเร็จ, name_en: Success factors, colour: "#2ca02c"}
  - {id: obstacle, name_th: ปัญหาและอุปสรรค, name_en: Obstacles, colour: "#8c564b"}
"""


def base_qdpx(tmp_path: Path, codebook: str = CODEBOOK) -> Path:
    doc_id = make_doc_id("demo", "reports/a.txt")
    documents = pd.DataFrame([{"doc_id": doc_id, "path": "reports/a.txt", "title": "a", "text": TEXT,
                               "areas": ["yala-bala"], "reporter": "ก"}])
    start = TEXT.index("กองทุน")
    codings = [new_coding(doc_id, start, start + 6, "กองทุน", text_sha256(TEXT), "success", "coder_a",
                          created="2026-01-01T00:00:00Z")]
    project = project_from_workbench(parse_codebook(codebook), codings, documents).project
    path = tmp_path / "base.qdpx"
    write_qdpx(project, path, schema=False)
    return path


def repack(base: Path, target: Path, extra: list[tuple[str | zipfile.ZipInfo, bytes]] = (),
           replace: dict[str, bytes] | None = None) -> Path:
    """A copy of ``base`` with members replaced and hostile members added."""
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
        for name, data in extra:
            out.writestr(name, data)
    return target


@pytest.fixture()
def target(tmp_path):
    """Where an import would write: corpora/ and lessons/ of a scratch project, watched."""
    (tmp_path / "project" / "corpora").mkdir(parents=True)
    (tmp_path / "project" / "lessons").mkdir()
    return tmp_path / "project"


def import_args(path: Path, target: Path) -> list:
    return ["import", "qdpx", path, "--collection", "imported", "--corpora", target / "corpora",
            "--lessons", target / "lessons"]


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def assert_refused(result, path: Path, problem: str, target: Path, tmp_path: Path) -> None:
    assert result.status != 0 and "Traceback" not in result.err
    assert str(path) in result.err and problem in result.err, result.err
    assert files_under(target) == []
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
<Project name="&xxe;" xmlns="urn:QDA-XML:project:1.0"/>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project name="&lol3;" xmlns="urn:QDA-XML:project:1.0"/>"""
UTF16_DOCTYPE = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><Project/>'.encode("utf-16")


@pytest.mark.parametrize(("name", "payload", "problem"), [
    ("../evil.txt", "นอกโฟลเดอร์".encode(), "unsafe member name"),
    ("/tmp/evil.txt", "นอกโฟลเดอร์".encode(), "unsafe member name"),
    ("sources/../../evil.txt", "นอกโฟลเดอร์".encode(), "unsafe member name"),
    ("C:/evil.txt", b"x", "unsafe member name"),
    ("sources\\..\\..\\evil.txt", b"x", "unsafe member name"),
])
def test_exchange_path_traversal_member_refused(tmp_path, target, cli, name, payload, problem):
    """A member naming a path outside the archive refuses the whole archive; nothing is written."""
    path = repack(base_qdpx(tmp_path), tmp_path / "slip.qdpx", [(name, payload)])
    result = cli(*import_args(path, target))
    assert_refused(result, path, problem, target, tmp_path)


def test_exchange_symlink_member_refused(tmp_path, target, cli):
    info = zipfile.ZipInfo("sources/link.txt")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = repack(base_qdpx(tmp_path), tmp_path / "link.qdpx", [(info, b"/etc/passwd")])
    assert_refused(cli(*import_args(path, target)), path, "symbolic link", target, tmp_path)


def test_exchange_duplicate_member_refused(tmp_path, target, cli):
    """Two members with one name: which one would a reader take? The archive is refused."""
    with pytest.warns(UserWarning, match="Duplicate name"):  # zipfile itself frowns on it
        path = repack(base_qdpx(tmp_path), tmp_path / "dup.qdpx", [("project.qde", XXE)])
    assert_refused(cli(*import_args(path, target)), path, "appears more than once", target, tmp_path)


@pytest.mark.parametrize("size_mb", [20, 60])
def test_exchange_zip_bomb_member_refused_while_inflating(tmp_path, target, cli, size_mb):
    """A project.qde that inflates a thousandfold is refused after its first megabyte, fast."""
    bomb = b'<Project xmlns="urn:QDA-XML:project:1.0"/>' + b" " * (size_mb << 20)
    path = repack(base_qdpx(tmp_path), tmp_path / "bomb.qdpx", replace={"project.qde": bomb})
    del bomb
    assert path.stat().st_size < size_mb * 2000
    started = time.monotonic()
    result = cli(*import_args(path, target))
    assert time.monotonic() - started < 10
    assert_refused(result, path, "compression ratio above 200", target, tmp_path)


def test_exchange_too_many_members_refused(tmp_path, target, cli):
    path = repack(base_qdpx(tmp_path), tmp_path / "many.qdpx", [(f"sources/{n}.txt", b"") for n in range(10_001)])
    assert_refused(cli(*import_args(path, target)), path, "members, more than 10000", target, tmp_path)


@pytest.mark.parametrize(("qde", "problem"), [
    (XXE, "DOCTYPE is not allowed"),
    (LAUGHS, "DOCTYPE is not allowed"),
    (UTF16_DOCTYPE, "DOCTYPE is not allowed"),
    (b"<Project" + b"><a" * 5000 + b"/>", "malformed XML"),
    (b"\xff\xfe not xml at all", "malformed XML"),
])
def test_exchange_hostile_xml_refused(tmp_path, target, cli, qde, problem):
    """XXE, entity bombs, DOCTYPEs in UTF-16, absurd nesting: refused before any entity is expanded."""
    path = repack(base_qdpx(tmp_path), tmp_path / "xml.qdpx", replace={"project.qde": qde})
    result = cli(*import_args(path, target))
    assert_refused(result, path, problem, target, tmp_path)
    assert open("/etc/hostname").read().strip() not in result.out + result.err


def test_exchange_bare_qde_with_xxe_refused(tmp_path, target, cli):
    path = tmp_path / "project.qde"
    path.write_bytes(XXE)
    assert_refused(cli(*import_args(path, target)), path, "DOCTYPE is not allowed", target, tmp_path)


@pytest.mark.parametrize(("content", "problem"), [
    (b"this is not a zip", "not a readable zip archive"),
    (b"PK\x03\x04" + b"\0" * 30, "not a readable zip archive"),
])
def test_exchange_not_an_archive_refused(tmp_path, target, cli, content, problem):
    path = tmp_path / "โครงการ.qdpx"
    path.write_bytes(content)
    assert_refused(cli(*import_args(path, target)), path, problem, target, tmp_path)


def test_exchange_truncated_archive_refused(tmp_path, target, cli):
    data = base_qdpx(tmp_path).read_bytes()
    path = tmp_path / "cut.qdpx"
    path.write_bytes(data[: len(data) // 2])
    assert_refused(cli(*import_args(path, target)), path, "not a readable zip archive", target, tmp_path)


@pytest.mark.parametrize("suffix", [".qdpx", ".qde"])
def test_exchange_fifo_refused_without_hanging(tmp_path, target, cli, suffix):
    path = tmp_path / f"ท่อ{suffix}"
    os.mkfifo(path)
    with deadline(20, "import of a FIFO"):
        result = cli(*import_args(path, target))
    assert_refused(result, path, "not", target, tmp_path)


def test_exchange_qdc_fifo_refused_without_hanging(tmp_path):
    from synthesis.exchange.qdpx_read import read_qdc
    from synthesis.exchange.safezip import UnsafeArchiveError

    os.mkfifo(tmp_path / "codes.qdc")
    with deadline(10, "read_qdc of a FIFO"), pytest.raises(UnsafeArchiveError, match="named pipe"):
        read_qdc(tmp_path / "codes.qdc")


def test_exchange_source_path_outside_corpus_stays_inside(tmp_path, target, cli):
    """A source named ``../../x`` inside a valid project lands inside the collection folder."""
    path = base_qdpx(tmp_path)
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde").decode()
    hostile = repack(path, tmp_path / "names.qdpx", replace={"project.qde": qde.replace('name="reports/a.txt"',
                                                                                      'name="../../../evil.txt"')})
    result = cli(*import_args(hostile, target))
    assert "Traceback" not in result.err
    assert not (tmp_path / "evil.txt").exists() and not (target / "evil.txt").exists()
    assert all(Path(target, f).resolve().is_relative_to(target / "corpora" / "imported") or f.startswith("lessons")
               for f in files_under(target))


def test_exchange_imported_rule_regex_cannot_hang_auto_coding(tmp_path, target, cli, monkeypatch):
    """A code's rule imported with a regex that backtracks exponentially: either the import refuses
    it, or `synthesis code --rules` drops it after its time limit with a warning naming it."""
    from tests.hostile.conftest import ingest_quietly, write_corpus

    pattern = "(ก|กก)+ข"
    book = CODEBOOK.replace('colour: "#8c564b"}', f'colour: "#8c564b", rules: [{{regex: \'{pattern}\', unit: any}}]}}')
    path = base_qdpx(tmp_path, book)
    result = cli(*import_args(path, target))
    assert "Traceback" not in result.err
    codebook = target / "lessons" / "codebook.yaml"
    if not codebook.exists() or pattern not in codebook.read_text(encoding="utf-8"):
        return  # refused at import: nothing can backtrack
    corpus = write_corpus(tmp_path / "corpus", {"กกก.txt": "บันทึกเสียงหัวเราะ\n" + "ก" * 60 + "\n"})
    ingest_quietly(corpus, tmp_path / "work")
    monkeypatch.setenv("SYNTHESIS_REGEX_TIMEOUT", "0.1")
    started = time.monotonic()
    coded = cli("code", "--rules", "--work", tmp_path / "work", "--lessons", target / "lessons", "--codebook", codebook)
    assert time.monotonic() - started < 60
    assert coded.status == 0 and "code obstacle rule 1" in coded.err and "SYNTHESIS_REGEX_TIMEOUT" in coded.err

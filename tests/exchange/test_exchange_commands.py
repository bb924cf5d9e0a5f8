"""The exchange commands, end to end on a tiny ingested corpus and the real samples."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from synthesis.cli import main
from synthesis.coding.codings import CodingStore, new_coding

ROOT = Path(__file__).resolve().parents[2]
REPORT = (
    "ประชุมคณะทำงานกลุ่มผู้กรีดยาง ตำบลบาละ\n"
    "วันที่ 5 มีนาคม 2565\n"
    "ผู้เข้าร่วม นายสมศักดิ์ ทองแก้ว ประธานกลุ่ม และนางอำไพ แก้วมณี อสอช.\n\n"
    "ปัจจัยความสำเร็จ คือ แกนนำเข้มแข็ง และกองทุนหลักประกันสุขภาพ อบต.บาละ หนุนต่อเนื่อง\n"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project with lessons/, a two-file corpus ingested into work/, and codings by two coders."""
    from synthesis.corpus.ingest import ingest

    root = tmp_path_factory.mktemp("project")
    (root / "lessons").mkdir()
    shutil.copy(ROOT / "lessons" / "areas.yaml", root / "lessons" / "areas.yaml")
    (root / "lessons" / "codebook.yaml").write_text(
        'version: "1"\ncodes:\n'
        '  - {id: success, name_th: ปัจจัยความสำเร็จ, name_en: Success factors, colour: "#2ca02c"}\n'
        '  - {id: success.leadership, parent: success, name_th: ภาวะผู้นำ, name_en: Leadership, colour: "#98df8a"}\n',
        encoding="utf-8",
    )
    corpus = root / "corpora" / "mini"
    (corpus / "reports").mkdir(parents=True)
    (corpus / "reports" / "yala-bala_1.txt").write_text(REPORT, encoding="utf-8")
    work = root / "work" / "mini"
    ingest(corpus, work, areas_path=root / "lessons" / "areas.yaml", progress=False)
    from synthesis.corpus import open_store

    docs = open_store(work).documents()
    text, doc_id, sha = docs.loc[0, "text"], docs.loc[0, "doc_id"], docs.loc[0, "sha256"]
    start = text.index("แกนนำเข้มแข็ง")
    store = CodingStore(root / "lessons")
    for coder, code in (("coder_a", "success.leadership"), ("coder_b", "success")):
        store.add(new_coding(doc_id, start, start + len("แกนนำเข้มแข็ง"), "แกนนำเข้มแข็ง", sha, code, coder,
                             memo="นายสมศักดิ์ ทองแก้ว เล่า"))
    return root


def _args(project: Path) -> list[str]:
    return ["--work", str(project / "work" / "mini"), "--lessons", str(project / "lessons")]


@pytest.mark.slow
def test_commands_export_qdpx_and_redact(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SYNTHESIS_HOME", str(project))
    out = tmp_path / "mini.qdpx"
    assert main(["export", "qdpx", str(out), *_args(project)]) == 0
    with zipfile.ZipFile(out) as archive:
        texts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("sources/")]
    assert any("สมศักดิ์" in t for t in texts)
    red = tmp_path / "mini-red.qdpx"
    key = tmp_path / "keys" / "mini.json"
    assert main(["export", "qdpx", str(red), *_args(project), "--redact", "--key", str(key)]) == 0
    with zipfile.ZipFile(red) as archive:
        everything = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "สมศักดิ์" not in everything and "อำไพ" not in everything and "บุคคล-" in everything
    people = {person["name"] for person in json.loads(key.read_text(encoding="utf-8"))["people"]}
    assert {"สมศักดิ์ ทองแก้ว", "อำไพ แก้วมณี"} <= people
    # the key is never written into the project
    inside = project / "lessons" / "key.json"
    assert main(["export", "qdpx", str(tmp_path / "x.qdpx"), *_args(project), "--redact", "--key", str(inside)]) == 1
    assert not inside.exists() and not (tmp_path / "x.qdpx").exists()
    assert "outside the project" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("table", ["codings", "matrix", "agreement", "all"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_commands_export_tables(project, tmp_path, monkeypatch, table, suffix):
    monkeypatch.setenv("SYNTHESIS_HOME", str(project))
    out = tmp_path / f"{table}{suffix}"
    assert main(["export", "table", table, str(out), *_args(project), "--unit", "document"]) == 0
    assert out.exists() and out.stat().st_size > 0
    if suffix == ".csv" and table == "codings":
        assert "แกนนำเข้มแข็ง" in out.read_text(encoding="utf-8-sig")
    if suffix == ".xlsx" and table == "all":
        from openpyxl import load_workbook

        assert load_workbook(out).sheetnames == ["codings", "matrix", "matrix_share", "agreement", "disagreements", "units"]


def test_commands_export_qdc(tmp_path, capsys):
    out = tmp_path / "codebook.qdc"
    assert main(["export", "qdc", str(out), "--codebook", str(ROOT / "lessons" / "codebook.yaml")]) == 0
    assert "ปัจจัยความสำเร็จ" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_commands_import_sample(refi_qda_dir, tmp_path, capsys):
    sample = refi_qda_dir / "samples" / "qc-1.3.2-demo.qdpx"
    if not sample.exists():
        pytest.skip("qc sample not present")
    args = ["import", "qdpx", str(sample), "--collection", "qc-demo", "--corpora", str(tmp_path / "corpora"),
            "--lessons", str(tmp_path / "lessons")]
    assert main(args) == 0
    assert sorted(p.name for p in (tmp_path / "corpora" / "qc-demo").iterdir()) == ["admin-1.txt", "board_2017.txt"]
    assert len(CodingStore(tmp_path / "lessons").load("cp")) == 205
    assert main(args) == 0  # a second import changes nothing
    assert "0 codings added, 205 already present" in capsys.readouterr().out


def test_commands_import_bad_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert main(["import", "qdpx", str(bad), "--corpora", str(tmp_path / "c"), "--lessons", str(tmp_path / "l")]) == 1
    assert "bad.qdpx" in capsys.readouterr().err
    assert not (tmp_path / "c").exists() and not (tmp_path / "l").exists()


@pytest.mark.slow
def test_commands_pseudonyms_build_and_list(project, tmp_path, capsys):
    key = tmp_path / "k" / "mini.json"
    assert main(["pseudonyms", "list", "--work", str(project / "work" / "mini"), "--key", str(key)]) == 0
    out = capsys.readouterr().out
    assert "สมศักดิ์ ทองแก้ว" in out and out.count("บุคคล-") >= 2
    first = json.loads(key.read_text(encoding="utf-8"))
    assert main(["pseudonyms", "build", "--work", str(project / "work" / "mini"), "--key", str(key)]) == 0
    again = json.loads(key.read_text(encoding="utf-8"))
    assert again["salt"] == first["salt"] and again["people"] == first["people"]  # stable across runs

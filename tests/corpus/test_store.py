"""The store: incremental ingest, atomic swap, filtered reads."""

from __future__ import annotations

import json
import shutil

import pytest

from synthesis.corpus import ingest, open_store
from synthesis.corpus import store as store_module

REPORT = """กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท

โครงการส่งเสริมสุขภาพผู้กรีดยาง ตำบลบาละ

ประชุมกลุ่มผู้กรีดยาง{n}{day} มีนาคม 2565
{day}
มีนาคม 2565รายงานจากพื้นที่ โดย nurida_bl
circle
กิจกรรมที่ปฎิบัติ (รายละเอียดกิจกรรมที่ทำจริง)

ประชุม ณ ศาลาหมู่ที่ 1 ต.บาละ อ.กาบัง จ.ยะลา ผู้เข้าร่วม จำนวน ..{count}... คน
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "bala"
    (folder / "reports").mkdir(parents=True)
    for n, day in ((1, 5), (2, 12), (3, 19)):
        (folder / "reports" / f"r{n}.txt").write_text(REPORT.format(n=n, day=day, count=10 + n), encoding="utf-8")
    return folder


def _ingest(corpus, tmp_path):
    return ingest(corpus, work_dir=tmp_path / "work" / "bala", progress=False)


def test_store_first_ingest_writes_every_table_and_manifest(corpus, tmp_path):
    report = _ingest(corpus, tmp_path)
    assert sorted(report.added) == ["reports/r1.txt", "reports/r2.txt", "reports/r3.txt"]
    work = tmp_path / "work" / "bala"
    for name in ("documents", "segments", "tokens", "entities", "attributions", "errors"):
        assert (work / f"{name}.parquet").is_file()
    manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    assert set(open_store(work).files()["path"]) == set(report.added)  # the file list: files.parquet
    assert {"parser", "thai", "areas_sha256"} <= set(manifest["versions"])
    assert manifest["versions"]["thai"]["tokenizer_version"]


def test_store_unchanged_files_are_skipped_and_kept(corpus, tmp_path):
    _ingest(corpus, tmp_path)
    before = (tmp_path / "work" / "bala" / "documents.parquet").stat().st_mtime_ns
    again = _ingest(corpus, tmp_path)
    assert len(again.unchanged) == 3 and not (again.added or again.changed or again.removed)
    assert (tmp_path / "work" / "bala" / "documents.parquet").stat().st_mtime_ns == before


def test_store_changed_file_replaces_its_rows_deleted_file_disappears(corpus, tmp_path):
    _ingest(corpus, tmp_path)
    store = open_store(tmp_path / "work" / "bala")
    counts_before = store.table("tokens").groupby("doc_id").size().to_dict()
    (corpus / "reports" / "r1.txt").write_text(REPORT.format(n=1, day=5, count=99), encoding="utf-8")
    (corpus / "reports" / "r3.txt").unlink()
    report = _ingest(corpus, tmp_path)
    assert report.changed == ["reports/r1.txt"] and report.removed == ["reports/r3.txt"]
    assert report.unchanged == ["reports/r2.txt"]
    store = open_store(tmp_path / "work" / "bala")
    docs = store.documents(columns=["path", "participants_count"]).set_index("path")
    assert docs.loc["reports/r1.txt", "participants_count"] == 99
    assert "reports/r3.txt" not in docs.index
    ids = set(store.documents(columns=["doc_id"])["doc_id"])
    for table in ("segments", "tokens", "entities", "attributions"):
        assert set(store.table(table)["doc_id"]) <= ids, table
    tokens = store.table("tokens").groupby("doc_id").size()
    kept_id = store.documents(columns=["doc_id", "path"]).set_index("path").loc["reports/r2.txt", "doc_id"]
    assert tokens[kept_id] == counts_before[kept_id]  # kept rows not duplicated


def test_store_doc_id_is_stable_across_runs(corpus, tmp_path):
    _ingest(corpus, tmp_path)
    first = open_store(tmp_path / "work" / "bala").documents(columns=["doc_id", "path"])
    shutil.rmtree(tmp_path / "work")
    _ingest(corpus, tmp_path)
    second = open_store(tmp_path / "work" / "bala").documents(columns=["doc_id", "path"])
    assert first.sort_values("path").equals(second.sort_values("path"))


def test_store_failed_write_leaves_the_old_store(corpus, tmp_path, monkeypatch):
    _ingest(corpus, tmp_path)
    (corpus / "reports" / "r2.txt").write_text(REPORT.format(n=2, day=12, count=77), encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module.pq, "write_table", broken)
    with pytest.raises(OSError):
        _ingest(corpus, tmp_path)
    monkeypatch.undo()
    store = open_store(tmp_path / "work" / "bala")
    counts = store.documents(columns=["path", "participants_count"]).set_index("path")["participants_count"]
    assert counts["reports/r2.txt"] == 12
    assert not [p for p in (tmp_path / "work").iterdir() if p.name.startswith(".")]


def test_store_interrupted_swap_is_recovered(corpus, tmp_path):
    _ingest(corpus, tmp_path)
    work = tmp_path / "work" / "bala"
    work.rename(tmp_path / "work" / ".bala.old")  # crash between the two renames
    assert len(open_store(work).documents(columns=["doc_id"])) == 3


def test_store_filters_by_date_kind_and_area(corpus, tmp_path):
    _ingest(corpus, tmp_path)
    store = open_store(tmp_path / "work" / "bala")
    assert store.documents(date_from="2022-03-10", columns=["date"])["date"].tolist() == ["2022-03-12", "2022-03-19"] or \
        sorted(store.documents(date_from="2022-03-10", columns=["date"])["date"]) == ["2022-03-12", "2022-03-19"]
    assert len(store.documents(date_to="2022-03-05", columns=["date"])) == 1
    assert len(store.documents(kinds=["interview"], columns=["doc_id"])) == 0
    assert len(store.documents(areas=["yala-bala"], columns=["doc_id"])) == 3
    assert len(store.documents(areas=["satun-na-thon"], columns=["doc_id"])) == 0
    one = store.doc_ids(date_to="2022-03-05")
    assert set(store.table("tokens", doc_ids=one)["doc_id"]) == set(one)
    assert store.table("segments", areas=["satun-na-thon"]).empty
    assert list(store.table("entities", columns=["label"]).columns) == ["label"]


def test_store_reads_only_the_columns_asked(corpus, tmp_path):
    _ingest(corpus, tmp_path)
    frame = open_store(tmp_path / "work" / "bala").documents(columns=["title", "date"])
    assert list(frame.columns) == ["title", "date"]


def test_store_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="synthesis ingest"):
        open_store(tmp_path / "nothing")


def test_store_bad_files_are_recorded_and_the_batch_goes_on(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (corpus / "notes.xlsx").write_bytes(b"PK")
    report = _ingest(corpus, tmp_path)
    assert dict(report.failed) == {"empty.txt": "file is empty",
                                   "photo.txt": dict(report.failed)["photo.txt"]}
    assert "PNG image" in dict(report.failed)["photo.txt"]
    assert report.skipped == ["notes.xlsx"] and len(report.added) == 3
    errors = open_store(tmp_path / "work" / "bala").errors()
    assert sorted(errors["path"]) == ["empty.txt", "photo.txt"]
    assert "FAILED  empty.txt: file is empty" in report.summary()


def test_store_office_lock_and_hidden_files_are_not_ingested(corpus, tmp_path):
    (corpus / "~$รายงาน.docx").write_bytes(b"\x00lock")
    (corpus / ".DS_Store").write_bytes(b"\x00\x00")
    report = _ingest(corpus, tmp_path)
    assert report.ok and len(report.added) == 3 and not report.skipped


def test_store_leftover_temporary_folder_is_cleaned(corpus, tmp_path):
    leftover = tmp_path / "work" / ".bala.new-killed"
    leftover.mkdir(parents=True)
    _ingest(corpus, tmp_path)
    assert not leftover.exists()


def test_store_kept_rows_conform_to_a_newer_schema():
    import pyarrow as pa

    from synthesis.corpus.ingest import _conform

    old = pa.table({"doc_id": ["a"], "path": ["x.txt"], "retired": [1]})
    table = _conform(old, store_module.SCHEMAS["documents"])
    assert table.schema == store_module.SCHEMAS["documents"]
    assert table["path"].to_pylist() == ["x.txt"] and table["date_precision"].to_pylist() == [None]


def test_store_second_ingest_while_one_runs_is_refused(corpus, tmp_path):
    import os

    from synthesis.corpus.store import StoreBusy

    lock = tmp_path / "work" / ".bala.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(str(os.getppid()))  # a live process that is not us
    with pytest.raises(StoreBusy, match="another ingest"):
        _ingest(corpus, tmp_path)


def test_store_stale_lock_of_a_killed_ingest_is_taken_over(corpus, tmp_path):
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    lock = tmp_path / "work" / ".bala.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(str(child.pid))
    assert _ingest(corpus, tmp_path).ok
    assert not lock.exists()


def test_store_sidecar_metadata_change_reingests_its_file(corpus, tmp_path):
    _ingest(corpus, tmp_path)
    (corpus / "reports" / "r2.txt.meta.yaml").write_text("areas: [satun-na-thon]\n", encoding="utf-8")
    report = _ingest(corpus, tmp_path)
    assert report.changed == ["reports/r2.txt"]
    docs = open_store(tmp_path / "work" / "bala").documents(columns=["path", "areas"]).set_index("path")
    assert list(docs.loc["reports/r2.txt", "areas"]) == ["satun-na-thon"]
    assert list(docs.loc["reports/r1.txt", "areas"]) == ["yala-bala"]


def test_store_broken_sidecar_fails_its_file_by_name(corpus, tmp_path):
    (corpus / "reports" / "r3.txt.meta.yaml").write_text("areas: [unclosed\n", encoding="utf-8")
    report = _ingest(corpus, tmp_path)
    assert [path for path, _ in report.failed] == ["reports/r3.txt"]
    assert "r3.txt.meta.yaml" in report.failed[0][1] and "YAML" in report.failed[0][1]


def test_store_unknown_area_in_metadata_is_a_warning(corpus, tmp_path):
    (corpus / "reports" / "r1.txt.meta.yaml").write_text("areas: [no-such-area]\n", encoding="utf-8")
    report = _ingest(corpus, tmp_path)
    assert report.ok
    assert ("reports/r1.txt", "unknown area id(s) in metadata: no-such-area") in report.warnings


def test_store_code_fingerprint_changes_with_the_code(tmp_path, monkeypatch):
    import importlib

    ingest_module = importlib.import_module("synthesis.corpus.ingest")
    before = ingest_module.code_fingerprint()
    assert before == ingest_module.code_fingerprint()  # stable
    package = tmp_path / "synthesis"
    for folder in ("thai", "corpus"):
        (package / folder).mkdir(parents=True)
        (package / folder / "x.py").write_text("# รุ่นแรก\n", encoding="utf-8")
    monkeypatch.setattr(ingest_module, "__file__", str(package / "corpus" / "ingest.py"))
    first = ingest_module.code_fingerprint()
    (package / "thai" / "x.py").write_text("# รุ่นสอง\n", encoding="utf-8")
    assert ingest_module.code_fingerprint() != first

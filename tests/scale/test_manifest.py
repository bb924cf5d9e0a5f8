"""The manifest's file list lives in files.parquet and is read forward, one row group at a time."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from synthesis.corpus import ingest, open_store
from synthesis.corpus import store as store_module
from synthesis.corpus.store import PreviousFiles


def _entries(paths):
    return [{"path": p, "doc_id": f"south:{p}", "file_sha256": "0" * 64} for p in paths]


@pytest.mark.parametrize("old, batches, found, removed", [
    (["ก.txt", "ข.txt", "ค.txt"], [["ก.txt"], ["ค.txt", "ง.txt"]], ["ก.txt", "ค.txt"], ["ข.txt"]),
    (["ยะลา/1.txt", "ยะลา/2.txt"], [["สตูล/1.txt"]], [], ["ยะลา/1.txt", "ยะลา/2.txt"]),
    ([], [["บาละ.txt"]], [], []),
    (["บาละ.txt", "นาทอน.txt"][::-1], [[], ["นาทอน.txt", "บาละ.txt"]], ["นาทอน.txt", "บาละ.txt"], []),
])
def test_store_previous_files_lookup_in_path_order(old, batches, found, removed):
    previous = PreviousFiles.from_entries(_entries(sorted(old)))
    hits = [name for batch in batches for name in previous.lookup(batch)]
    assert hits == found
    assert previous.finish() == removed


def test_store_previous_files_refuses_paths_out_of_order():
    previous = PreviousFiles.from_entries(_entries(["ก.txt", "ข.txt"]))
    previous.lookup(["ข.txt"])
    with pytest.raises(ValueError, match="ascending order"):
        previous.lookup(["ก.txt"])


def test_store_previous_files_reads_a_legacy_manifest(tmp_path):
    manifest = {"files": {"ข.txt": {"doc_id": "south:ข.txt"}, "ก.txt": {"doc_id": "south:ก.txt"}}}
    previous = PreviousFiles(tmp_path, manifest)
    assert previous.lookup(["ข.txt"]) == {"ข.txt": {"doc_id": "south:ข.txt", "path": "ข.txt"}}
    assert previous.finish() == ["ก.txt"]


def test_ingest_file_list_is_parquet_and_reingest_is_exact_across_row_groups(two_area_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "FILES_ROW_GROUP", 3)  # 8 files: the list spans 3 row groups
    work = tmp_path / "work"
    first = ingest(two_area_corpus, work_dir=work, progress=False, batch_files=2)
    assert len(first.added) == 8
    files = pq.ParquetFile(work / "files.parquet")
    assert files.num_row_groups == 3
    listed = open_store(work).files()
    assert listed["path"].tolist() == sorted(first.added)
    assert "files" not in json.loads((work / "manifest.json").read_text(encoding="utf-8"))

    paths = sorted(first.added)
    (two_area_corpus / paths[1]).unlink()
    (two_area_corpus / paths[5]).write_text("ประชุมกลุ่มจักสานคลุ้ม ต.นาทอน 5 มีนาคม 2566\nออมเงิน 20 บาท\n",
                                            encoding="utf-8")
    (two_area_corpus / "yala-bala" / "2565-ใหม่.txt").write_text("ประชุมกลุ่มผู้กรีดยาง ต.บาละ 1 มิถุนายน 2565\n",
                                                                 encoding="utf-8")
    again = ingest(two_area_corpus, work_dir=work, progress=False, batch_files=2)
    assert again.removed == [paths[1]]
    assert again.changed == [paths[5]]
    assert again.added == ["yala-bala/2565-ใหม่.txt"]
    assert sorted(again.unchanged) == sorted(set(paths) - {paths[1], paths[5]})
    store = open_store(work)
    assert store.files()["path"].tolist() == sorted([*again.unchanged, *again.changed, *again.added])
    assert set(store.doc_ids()) == set(store.files()["doc_id"])  # rows of the removed file are gone

    still = ingest(two_area_corpus, work_dir=work, progress=False, batch_files=2)
    assert len(still.unchanged) == 8 and not (still.added or still.changed or still.removed)

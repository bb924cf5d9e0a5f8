"""The per-kernel cache of report inputs: reused while files are unchanged, never stale."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from synthesis.reports import inputs


@pytest.fixture(autouse=True)
def _empty_cache():
    inputs.clear()
    yield
    inputs.clear()


@pytest.mark.parametrize("before, after", [
    ("ผู้นำชุมชนเข้มแข็ง", "ผู้นำชุมชนอ่อนแอ"),  # same length: only mtime/inode tell
    ("กลุ่มจักสานกระจูด", "กลุ่มจักสานกระจูดบ้านแค"),
])
def test_inputs_fingerprint_changes_when_a_file_is_rewritten(tmp_path, before, after):
    path = tmp_path / "consensus.jsonl"
    path.write_text(before, encoding="utf-8")
    first = inputs.fingerprint([path])
    replacement = tmp_path / "consensus.jsonl.tmp"
    replacement.write_text(after, encoding="utf-8")
    os.replace(replacement, path)  # how the project writes files
    assert inputs.fingerprint([path]) != first


def test_inputs_cached_builds_once_while_marks_hold(tmp_path):
    calls = []

    def build():
        calls.append(1)
        return "พื้นที่ต้นแบบ"

    for _ in range(3):
        assert inputs.cached("x", ("k",), (("a", (1, 2, 3)),), build) == "พื้นที่ต้นแบบ"
    assert len(calls) == 1
    inputs.cached("x", ("k",), (("a", (1, 2, 4)),), build)
    assert len(calls) == 2


@pytest.mark.parametrize("code_id, quote", [
    ("success.partnership", "ภาคีเครือข่ายร่วมมือ"),
    ("obstacle.income", "รายได้ไม่แน่นอน"),
])
def test_inputs_codings_sees_a_coding_added_between_two_reports(mini_home, code_id, quote):
    import shutil

    from synthesis.coding import CodingStore, new_coding

    lessons = mini_home / "lessons"
    saved = {p.name: p.read_bytes() for p in (lessons / "codings").glob("*.jsonl")}
    try:
        first = inputs.codings(lessons)
        assert inputs.codings(lessons) is first  # reused while unchanged
        doc = first[0]
        CodingStore(lessons).add(new_coding(doc.doc_id, 0, len(quote), quote, doc.doc_sha256, code_id, "coder_c"))
        second = inputs.codings(lessons)
        assert len(second) == len(first) + 1
        assert any(c.coder == "coder_c" and c.code_id == code_id for c in second)
        assert len(inputs.codings_table(lessons)) == len(second)
    finally:
        for name, data in saved.items():
            (lessons / "codings" / name).write_bytes(data)
        extra = lessons / "codings" / "coder_c.jsonl"
        if extra.exists():
            extra.unlink()
        shutil.rmtree(lessons / "codings" / ".backup", ignore_errors=True)


def test_inputs_codings_table_copies_do_not_leak_changes(mini_home):
    lessons = mini_home / "lessons"
    table = inputs.codings_table(lessons)
    table.loc[:, "coder"] = "แก้ไขแล้ว"
    assert "แก้ไขแล้ว" not in set(inputs.codings_table(lessons)["coder"])


def test_inputs_documents_are_read_again_after_an_ingest(mini_home):
    from synthesis.corpus import open_store

    store = open_store(mini_home / "work" / "mini")
    first = inputs.documents(store, None, None)
    manifest = store.path / "manifest.json"
    os.utime(manifest, ns=(manifest.stat().st_atime_ns, manifest.stat().st_mtime_ns + 1_000_000))
    calls = []
    original = store.documents
    store.documents = lambda **kw: calls.append(kw) or original(**kw)
    second = inputs.documents(store, None, None)
    assert calls and len(second) == len(first)


@pytest.mark.parametrize("value", [pd.DataFrame({"ข้อความ": ["ราคายางตก"], "n": [3]}), {"success": (0.8, 40)}])
def test_inputs_shared_value_is_built_once_per_run_and_read_by_the_others(tmp_path, monkeypatch, value):
    """A second kernel of the run (here: the memory cache forgotten) reads what the first
    wrote; other files' marks build again; outside a run nothing is written."""
    import pickle

    built = []

    def build():
        built.append(1)
        return value

    monkeypatch.setenv(inputs.RUN_FOLDER_VARIABLE, str(tmp_path))
    first = inputs.shared("ตาราง", ("k",), (("a", 1),), build)
    inputs.clear()  # another kernel: nothing in memory
    second = inputs.shared("ตาราง", ("k",), (("a", 1),), build)
    assert len(built) == 1 and pickle.dumps(second) == pickle.dumps(first)
    inputs.clear()
    inputs.shared("ตาราง", ("k",), (("a", 2),), build)  # a file changed: built again
    assert len(built) == 2
    monkeypatch.delenv(inputs.RUN_FOLDER_VARIABLE)
    inputs.clear()
    before = sorted(tmp_path.iterdir())
    inputs.shared("ตาราง", ("k",), (("a", 1),), build)
    assert len(built) == 3 and sorted(tmp_path.iterdir()) == before


def test_inputs_shared_waits_for_the_kernel_that_builds(tmp_path, monkeypatch):
    import threading
    import time

    monkeypatch.setenv(inputs.RUN_FOLDER_VARIABLE, str(tmp_path))
    built, results = [], []

    def slow():
        built.append(1)
        time.sleep(0.3)
        return "สรุป"

    first = threading.Thread(target=lambda: results.append(inputs.shared("cell", (), (), slow)))
    first.start()
    time.sleep(0.05)
    inputs.clear()  # the second caller has nothing in memory: it waits for the lock, then reads
    results.append(inputs.shared("cell", (), (), slow))
    first.join()
    assert results == ["สรุป", "สรุป"] and len(built) == 1


def test_inputs_shared_unpicklable_value_is_still_returned(tmp_path, monkeypatch):
    monkeypatch.setenv(inputs.RUN_FOLDER_VARIABLE, str(tmp_path))
    value = inputs.shared("lambda", (), (), lambda: (lambda: 1))
    assert value() == 1 and not list(tmp_path.glob("*.pickle"))


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_inputs_shared_folder_others_can_write_is_never_used(tmp_path, monkeypatch, mode):
    """A pickle is loaded from the run's folder: one that others could write to is ignored."""
    folder = tmp_path / "run"
    folder.mkdir()
    folder.chmod(mode)
    monkeypatch.setenv(inputs.RUN_FOLDER_VARIABLE, str(folder))
    inputs.clear()
    assert inputs.shared("ตาราง", ("k",), (), lambda: "สรุป") == "สรุป"
    assert not list(folder.iterdir())

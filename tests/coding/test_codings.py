"""Codings store: atomic writes, bad lines kept, coder names checked, nothing outside lessons/."""

from __future__ import annotations

import json

import pytest

from synthesis.coding import CodingStore, new_coding
from synthesis.coding.codings import check_against_codebook, parse_coding
from synthesis.coding.codebook import parse_codebook


def make(start=0, end=5, code="success.leadership", coder="coder_a", quote="ผู้นำ", doc="demo/x.txt"):
    return new_coding(doc, start, end, quote, "sha", code, coder, created="2026-01-01T00:00:00Z")


def test_codings_add_load_remove_update(tmp_path):
    store = CodingStore(tmp_path)
    first, second = make(), make(10, 16, "obstacle", quote="งบน้อย")
    store.add(first, second)
    assert [c.coding_id for c in store.load("coder_a")] == [first.coding_id, second.coding_id]
    changed = store.update(first.coding_id, memo="ผู้นำเข้มแข็ง")
    assert store.load()[0].memo == "ผู้นำเข้มแข็ง" == changed.memo
    store.remove(second.coding_id)
    assert [c.coding_id for c in store.load()] == [first.coding_id]
    with pytest.raises(KeyError):
        store.remove("nope")
    with pytest.raises(ValueError, match="already in the store"):
        store.add(first)


def test_codings_one_file_per_coder(tmp_path):
    store = CodingStore(tmp_path)
    store.add(make(coder="coder_a"), make(coder="coder_b"))
    assert store.coders() == ["coder_a", "coder_b"]
    assert (tmp_path / "codings" / "coder_b.jsonl").is_file()
    assert [c.coder for c in store.load("coder_b")] == ["coder_b"]


@pytest.mark.parametrize("name", ["../evil", "a/b", "..", "", "x..y", "/abs", "ผู้ลงรหัส"])
def test_codings_coder_name_rejected(tmp_path, name):
    store = CodingStore(tmp_path / "project" / "lessons")
    with pytest.raises(ValueError, match="coder name"):
        store.add(make(coder=name))
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('{"coding_id": "x"}', "missing field"),
        (json.dumps({"coding_id": "z", "doc_id": "d", "start": 5, "end": 5, "quote": "ก", "code_id": "c",
                     "coder": "coder_a"}), "zero-length"),
        (json.dumps({"coding_id": "z", "doc_id": "d", "start": 0, "end": 3, "quote": "กขค", "code_id": "c",
                     "coder": "coder_a", "origin": "magic"}), "origin 'magic'"),
        (json.dumps({"coding_id": "z", "doc_id": "d", "start": "0", "end": 3, "quote": "กขค", "code_id": "c",
                     "coder": "coder_a"}), "whole number"),
    ],
)
def test_codings_bad_line_kept_and_reported(tmp_path, line, message):
    store = CodingStore(tmp_path)
    store.add(make())
    path = store.path("coder_a")
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    assert len(store.load()) == 1
    assert any(message in p.message and p.line == 2 for p in store.problems)
    store.add(make(20, 25))  # a later write keeps the bad line as it was
    assert line in path.read_text(encoding="utf-8").splitlines()
    assert len(store.load()) == 2


def test_codings_duplicate_ids_and_overlaps_reported(tmp_path):
    store = CodingStore(tmp_path)
    one = make()
    store.add(one, make(3, 8))
    path = store.path("coder_a")
    path.write_text(path.read_text(encoding="utf-8") + one.to_json() + "\n", encoding="utf-8")
    codings = store.load()
    assert len(codings) == 3  # nothing dropped
    messages = " ".join(p.message for p in store.problems)
    assert "duplicate coding id" in messages and "overlap" in messages


def test_codings_wrong_coder_in_file_reported(tmp_path):
    store = CodingStore(tmp_path)
    store.add(make(coder="coder_a"))
    stray = make(coder="coder_b")
    path = store.path("coder_a")
    path.write_text(path.read_text(encoding="utf-8") + stray.to_json() + "\n", encoding="utf-8")
    store.load()
    assert any("names coder 'coder_b'" in p.message for p in store.problems)


def test_codings_crash_mid_write_keeps_old_file(tmp_path, monkeypatch):
    store = CodingStore(tmp_path)
    store.add(make())
    before = store.path("coder_a").read_text(encoding="utf-8")
    import errno

    import synthesis.lessons_io as lessons_io

    def boom(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lessons_io.os, "replace", boom)
    with pytest.raises(lessons_io.LessonsWriteError, match="coder_a.jsonl: the disk is full"):
        store.add(make(30, 35))
    assert store.path("coder_a").read_text(encoding="utf-8") == before
    assert not [p.name for p in (tmp_path / "codings").iterdir() if p.name.endswith(".tmp")]


def test_codings_recode_after_merge(tmp_path):
    store = CodingStore(tmp_path)
    store.add(make(), make(10, 15, "obstacle"), make(coder="coder_b"))
    assert store.recode({"success.leadership": "success.partners"}) == 2
    assert sorted(c.code_id for c in store.load()) == ["obstacle", "success.partners", "success.partners"]
    assert store.recode(lambda c: "obstacle.budget" if c.code_id == "obstacle" else c.code_id) == 1


def test_codings_replace_coder_keeps_bad_lines(tmp_path):
    store = CodingStore(tmp_path)
    store.add(make(coder="rules"))
    path = store.path("rules")
    path.write_text(path.read_text(encoding="utf-8") + "garbage\n", encoding="utf-8")
    store.replace_coder("rules", [make(40, 45, coder="rules")])
    assert [c.start for c in store.load("rules")] == [40]
    assert "garbage" in path.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="belongs to"):
        store.replace_coder("rules", [make(coder="coder_a")])


def test_codings_unknown_codes_warned():
    book = parse_codebook("codes:\n  - {id: success, name_th: ก, name_en: S}\n")
    warnings = check_against_codebook([make(code="success"), make(code="old.code")], book)
    assert warnings == ["code 'old.code' is not in the codebook (1 coding(s); another codebook version?)"]


def test_codings_parse_round_trip_thai():
    coding = make(quote="กองทุนหลักประกันสุขภาพ อบต.")
    assert parse_coding(coding.to_json()) == coding
    assert "กองทุน" in coding.to_json()  # stored readable, not \\u escapes


def test_codings_files_keep_readable_permissions(tmp_path):
    import os
    import stat

    store = CodingStore(tmp_path)
    previous = os.umask(0o022)
    try:
        store.add(make())
    finally:
        os.umask(previous)
    path = store.path("coder_a")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's 0600
    os.chmod(path, 0o640)
    store.add(make(20, 25))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # an existing file keeps its mode


@pytest.mark.parametrize(
    ("line", "expected_id"),
    [
        ('{"coding_id": "a1b2", "doc_id": "d", "start": 0, "end": 3, "quote": "ยาง", "code_id": "x", "coder": "coder_b"}', "a1b2"),
        ('{"quote": "ราคา \\"coding_id\\": \\"fake\\"", "coding_id": "c3d4", "doc_id": "d", "start": 0, "end": 4, "code_id": "x", "coder": "coder_b"}', "c3d4"),
        ('{"coding_id": "id\\u0e01", "doc_id": "d", "start": 0, "end": 3, "quote": "ยาง", "code_id": "x", "coder": "coder_b"}', "idก"),
        ('{"coding_id": "e5f6", "doc_id": "d", "start": 0, "end": 3, "quote": "ยาง"', "e5f6"),  # damaged line
    ],
)
def test_codings_ids_of_other_coders_refuse_a_new_coding(tmp_path, line, expected_id):
    folder = tmp_path / "codings"
    folder.mkdir()
    (folder / "coder_b.jsonl").write_text(line + "\n", encoding="utf-8")
    store = CodingStore(tmp_path)
    assert store.coding_ids() == {expected_id}
    clash = make(coder="coder_a")
    clash = type(clash)(**{**clash.__dict__, "coding_id": expected_id})
    with pytest.raises(ValueError, match="already in the store"):
        store.add(clash)
    assert not (folder / "coder_a.jsonl").exists()


def test_codings_ids_equal_the_parsed_ids(tmp_path):
    store = CodingStore(tmp_path)
    store.add(make(), make(10, 16, "obstacle", quote="งบน้อย"), make(coder="coder_b"))
    assert store.coding_ids() == {c.coding_id for c in store.load()}

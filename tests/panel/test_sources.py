"""Document sources: reading units and the corpus store adapter."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.panel.sources import StoreSource, open_source, reading_units


@pytest.mark.parametrize("rows, expected", [
    ([(0, 10, "paragraph"), (0, 4, "sentence"), (5, 10, "sentence")], [(0, 10, "paragraph")]),
    ([(0, 4, "sentence"), (5, 10, "sentence")], [(0, 4, "sentence"), (5, 10, "sentence")]),
    ([(3, 9, "turn"), (3, 9, "turn"), (0, 2, "heading")], [(0, 2, "heading"), (3, 9, "turn")]),
    ([(0, 10, "paragraph"), (2, 6, "list_item"), (11, 12, "list_item")], [(0, 10, "paragraph"), (11, 12, "list_item")]),
    ([(5, 5, "paragraph")], []),
])
def test_sources_reading_units_do_not_overlap(rows, expected):
    units = reading_units((s, e, k, None, None, i) for i, (s, e, k) in enumerate(rows))
    assert [(u.start, u.end, u.kind) for u in units] == expected
    assert [u.index for u in units] == list(range(len(units)))


class FakeStore:
    """The two methods of synthesis.corpus.Store the panel uses, over small frames."""

    def __init__(self):
        text = "ผู้ให้ข้อมูล: กลุ่มตั้งกองทุน\nผู้สัมภาษณ์: ช่วยเล่าต่อ"
        self.frames = {
            "documents": pd.DataFrame([{"doc_id": "d1", "title": "สัมภาษณ์", "date": "2024-05-22",
                                        "kind": "interview", "areas": ["trang-huai-yot"], "sha256": "abc",
                                        "text": text},
                                       {"doc_id": "d2", "title": None, "date": None, "kind": "other",
                                        "areas": None, "sha256": "def", "text": "อื่น ๆ"}]),
            "segments": pd.DataFrame([
                {"doc_id": "d1", "seg_id": 2, "kind": "turn", "start": 30, "end": 54, "section": None, "speaker": "ผู้สัมภาษณ์"},
                {"doc_id": "d1", "seg_id": 0, "kind": "turn", "start": 0, "end": 29, "section": None, "speaker": "ผู้ให้ข้อมูล"},
                {"doc_id": "d1", "seg_id": 1, "kind": "sentence", "start": 14, "end": 29, "section": None, "speaker": "ผู้ให้ข้อมูล"},
            ]),
            "tokens": pd.DataFrame([{"doc_id": "d1", "start": s, "end": e} for s, e in [(14, 19), (19, 23), (23, 29)]]),
        }

    def documents(self):
        return self.frames["documents"]

    def table(self, name, doc_ids=None):
        frame = self.frames[name]
        return frame if doc_ids is None else frame[frame["doc_id"].isin(doc_ids)]


def test_sources_store_source_lists_documents_with_metadata():
    infos = StoreSource(FakeStore()).list_documents()
    assert [(i.doc_id, i.title, i.date, i.kind, i.areas) for i in infos] == [
        ("d1", "สัมภาษณ์", "2024-05-22", "interview", ("trang-huai-yot",)), ("d2", "d2", None, "other", ())]


def test_sources_store_source_loads_units_and_tokens():
    doc = StoreSource(FakeStore()).load("d1")
    assert [(s.start, s.end, s.speaker) for s in doc.segments] == [(0, 29, "ผู้ให้ข้อมูล"), (30, 54, "ผู้สัมภาษณ์")]
    assert doc.segment_text(0).endswith("กลุ่มตั้งกองทุน")
    assert doc.tokens == [(14, 19), (19, 23), (23, 29)]
    assert doc.sha256 == "abc"


def test_sources_store_source_unknown_document():
    with pytest.raises(KeyError, match="nope"):
        StoreSource(FakeStore()).load("nope")


def test_sources_open_source_names_both_places_when_missing(tmp_path):
    (tmp_path / "lessons").mkdir()
    with pytest.raises(FileNotFoundError, match="no corpus folder"):
        open_source("missing", tmp_path)


@pytest.mark.parametrize("query, expected", [
    ("coder=coder_b", ("coder_b", "demo")),
    ("collection=tiny&coder=ผู้ลงรหัส", ("ผู้ลงรหัส", "tiny")),
    ("", ("coder_a", "demo")),
    ("other=1", ("coder_a", "demo")),
])
def test_sources_address_overrides(query, expected):
    from synthesis.panel import address_overrides

    assert address_overrides("coder_a", "demo", query) == expected


def test_sources_address_overrides_read_voila_query_string(monkeypatch):
    from synthesis.panel import address_overrides

    monkeypatch.setenv("QUERY_STRING", "coder=coder_c")
    assert address_overrides("coder_a", "demo") == ("coder_c", "demo")
    monkeypatch.delenv("QUERY_STRING")
    assert address_overrides("coder_a", "demo") == ("coder_a", "demo")


def test_sources_store_source_reads_a_document_once():
    store = FakeStore()
    calls = []
    table = store.table
    store.table = lambda name, doc_ids=None: calls.append(name) or table(name, doc_ids)
    source = StoreSource(store)
    assert source.load("d1") is source.load("d1")
    assert calls == ["segments", "tokens"]


def test_sources_store_source_loads_many_with_one_read_per_table():
    store = FakeStore()
    calls = []
    table = store.table
    store.table = lambda name, doc_ids=None: calls.append((name, tuple(doc_ids))) or table(name, doc_ids)
    first, second = StoreSource(store).load_many(["d1", "d2"])
    assert (first.doc_id, len(first.segments), second.doc_id, second.segments) == ("d1", 2, "d2", [])
    assert calls == [("segments", ("d1", "d2")), ("tokens", ("d1", "d2"))]

"""Find similar passages in the panel, and the accept/reject log of machine suggestions (issue 18)."""

from __future__ import annotations

import json

import pytest

from synthesis.panel import DocInfo, ListSource, PanelState, Suggestion
from synthesis.panel.similar import COLD_E5, choose_backend, store_dir_of
from synthesis.panel.widgets import CodingPanel

from .conftest import CODER, make_document

# our own sentences: rubber prices and income (two areas), a savings fund (two areas), back pain of weavers
SIMILAR_TEXTS = {
    "yala1": ("บันทึกกลุ่มผู้กรีดยาง", "2023-05-02", "interview", ("yala-bala",),
              ["ราคายางตกต่ำทำให้รายได้ของผู้กรีดยางไม่พอใช้จ่าย", "กลุ่มแม่บ้านตั้งกองทุนออมทรัพย์ช่วยสมาชิก"]),
    "yala2": ("สรุปเวทีบาละ", "2023-06-10", "meeting_summary", ("yala-bala",),
              ["รายได้จากการกรีดยางลดลงเพราะราคายางตก", "เยาวชนร่วมปลูกป่าชายเลน"]),
    "nara1": ("<script>alert(1)</script> รายงานโคกเคียน", "2022-03-12", "activity_report", ("narathiwat-khok-khian",),
              ["ผู้กรีดยางมีรายได้ไม่แน่นอนเมื่อราคายางตก", "สมาชิกกองทุนออมทรัพย์กู้ยืมยามจำเป็น"]),
    "pat1": ("กลุ่มจักสานกระจูด", None, "activity_report", ("pattani-nong-chik",),
             ["นั่งสานกระจูดนานจนปวดหลัง", "อบรมท่านั่งสานกระจูดที่ถูกต้องลดปวดหลัง"]),
}


@pytest.fixture
def similar_state(lessons, monkeypatch) -> PanelState:
    monkeypatch.setenv("SYNTHESIS_SEMANTIC_BACKEND", "tfidf")
    docs = [make_document(doc_id, *fields) for doc_id, fields in SIMILAR_TEXTS.items()]
    return PanelState(ListSource(docs), lessons, CODER, suggester=_Fixed([]))


class _Fixed:
    def __init__(self, suggestions):
        self.suggestions = suggestions

    def suggest(self, doc):
        return [s for s in self.suggestions if s.doc_id == doc.doc_id]


@pytest.mark.parametrize(("doc_id", "segment", "expected", "expected_other_areas"), [
    ("yala1", 0, {("yala2", 0), ("nara1", 0)}, ("nara1", 0)),  # rubber prices: the other area's says it too
    ("yala1", 1, {("nara1", 1)}, ("nara1", 1)),                 # the savings fund
    ("pat1", 0, set(), None),                                   # back pain: only its own document says it
])
def test_similar_panel_finds_other_documents_passages(similar_state, doc_id, segment, expected,
                                                      expected_other_areas):
    state = similar_state
    state.open(doc_id)
    state.go_to(segment)
    found, backend, note = state.find_similar(k=3)
    assert backend == "tfidf" and note == ""
    assert all(p.doc_id != doc_id for p in found)  # never its own document
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)
    if not expected:
        assert found == []  # nothing in common is not "similar"
    else:
        top = {(p.doc_id, p.start) for p in found[:len(expected)]}
        starts = {(d, state.source.load(d).segments[i].start) for d, i in expected}
        assert top == starts
        assert found[0].title == SIMILAR_TEXTS[found[0].doc_id][0] and found[0].in_collection
    others, _, _ = state.find_similar(k=3, other_areas=True)
    mine = set(SIMILAR_TEXTS[doc_id][3])
    assert all(not mine.intersection(p.areas.split(", ")) for p in others)
    if expected_other_areas:
        d, i = expected_other_areas
        assert (others[0].doc_id, others[0].start) == (d, state.source.load(d).segments[i].start)


def test_similar_panel_from_a_selection_and_from_a_coding(similar_state):
    state = similar_state
    state.open("nara1")
    text = state.doc.text
    start = text.index("กองทุนออมทรัพย์")
    state.select(start, start + len("กองทุนออมทรัพย์"))
    query = state.similar_query()
    assert query["quote"] == "กองทุนออมทรัพย์"
    found, _, _ = state.find_similar(k=1)
    assert found[0].doc_id == "yala1" and "กองทุนออมทรัพย์" in found[0].text
    state.clear_selection()
    state.go_to(0)
    coding = state.apply("obstacle")
    assert state.similar_query(coding.coding_id)["quote"] == text[coding.start:coding.end]
    found, _, _ = state.find_similar(coding.coding_id, k=2)
    assert {p.doc_id for p in found} == {"yala1", "yala2"}
    with pytest.raises(KeyError):
        state.similar_query("no-such-coding")


def test_similar_panel_pane_escapes_titles_and_jumps(similar_state):
    panel = CodingPanel(similar_state, title="ทดสอบ", train_in_background=False)
    panel.open_document("yala1")
    panel.state.go_to(0)
    panel.find_similar(wait=True)
    head, *rows = panel.similar_box.children
    assert "tfidf" in head.value and len(rows) >= 2
    shown = " ".join(r.children[0].value for r in rows)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "narathiwat-khok-khian" in shown and "สรุปเวทีบาละ" in shown
    nara = next(r for r in rows if "โคกเคียน" in r.children[0].value)
    nara.children[1].click()  # jump
    assert panel.state.doc.doc_id == "nara1" and panel.state.selection == (0, len(SIMILAR_TEXTS["nara1"][4][0]))


def test_similar_panel_coding_row_button_searches_from_that_coding(similar_state):
    panel = CodingPanel(similar_state, title="ทดสอบ", train_in_background=False)
    panel.open_document("yala1")
    panel.state.go_to(1)
    panel.state.apply("obstacle")
    panel._redraw()
    row = panel.codings_box.children[0]
    like = row.children[3]
    assert "syn-similar-coding" in like._dom_classes
    like.click()
    panel._similar_thread.join()
    head, *rows = panel.similar_box.children
    assert rows and all("บันทึกกลุ่มผู้กรีดยาง" not in r.children[0].value for r in rows)  # not its own document
    assert "กองทุนออมทรัพย์" in rows[0].children[0].value


def test_similar_panel_cold_e5_falls_back_to_tfidf_and_says_so(tmp_path, monkeypatch):
    import synthesis.semantic.backends as backends

    monkeypatch.delenv("SYNTHESIS_SEMANTIC_BACKEND", raising=False)
    monkeypatch.setattr(backends, "available", lambda name: True)
    store = tmp_path / "work" / "demo"
    store.mkdir(parents=True)
    assert choose_backend(store) == ("tfidf", COLD_E5)
    (tmp_path / "work" / "demo.semantic").mkdir()
    (tmp_path / "work" / "demo.semantic" / "e5.parquet").write_bytes(b"x")
    assert choose_backend(store) == ("e5", "")
    assert choose_backend(store, environ={"SYNTHESIS_SEMANTIC_BACKEND": "tfidf"}) == ("tfidf", "")
    monkeypatch.setattr(backends, "available", lambda name: name == "tfidf")
    assert choose_backend(store) == ("tfidf", "")
    assert choose_backend(None) == ("tfidf", "")


def test_similar_panel_pane_shows_the_cold_cache_note(similar_state):
    panel = CodingPanel(similar_state, title="ทดสอบ", train_in_background=False)
    panel.show_similar([], "tfidf", COLD_E5)
    assert "synthesis embed --backend e5" in panel.similar_box.children[0].value


def test_similar_panel_on_the_store(mini_home, tmp_path, monkeypatch):
    """The real path: a store-backed source and ``synthesis.semantic.similar`` on its index."""
    from synthesis.corpus import open_store
    from synthesis.panel.sources import StoreSource

    monkeypatch.setenv("SYNTHESIS_SEMANTIC_BACKEND", "tfidf")
    lessons = tmp_path / "lessons"
    (lessons / "codings").mkdir(parents=True)
    (lessons / "codebook.yaml").write_text((mini_home / "lessons" / "codebook.yaml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    source = StoreSource(open_store(mini_home / "work" / "mini"))
    assert store_dir_of(source) == mini_home / "work" / "mini"
    state = PanelState(source, lessons, CODER, suggester=_Fixed([]))
    first = state.documents[0].doc_id
    state.open(first)
    state.go_to(1)
    found, backend, _ = state.find_similar(k=5)
    titles = {d.doc_id: d.title for d in state.documents}
    assert backend == "tfidf" and len(found) == 5
    assert all(p.doc_id != first and p.title == titles[p.doc_id] and p.in_collection for p in found)


# --- the accept/reject log ---------------------------------------------------------------------------------------
def _provenance(lessons, machine):
    path = lessons / "machine" / f"{machine}.provenance.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.mark.parametrize(("source", "machine"), [("similar", "machine.word-overlap"), ("rule", "machine.rules")])
def test_similar_panel_accept_and_reject_are_logged_with_the_engine(documents, lessons, source, machine):
    suggestions = [Suggestion("rubber", 0, 30, "success.leadership", 0.87, source),
                   Suggestion("rubber", 31, 63, "obstacle", 0.41, source)]
    state = PanelState(ListSource(documents), lessons, CODER, suggester=_Fixed(suggestions))
    state.open("rubber")
    coding = state.accept(suggestions[0])
    state.reject(suggestions[1])
    log = _provenance(lessons, machine)
    assert [(r["action"], r["code_id"], r["decided_by"]) for r in log] == [
        ("accepted", "success.leadership", CODER), ("rejected", "obstacle", CODER)]
    assert log[0]["coding_id"] == coding.coding_id and log[0]["score"] == 0.87
    assert len(log[0]["weights_sha256"]) == 64 and len(log[0]["input_sha256"]) == 64
    from synthesis.semantic.provenance import text_sha256

    assert log[1]["input_sha256"] == text_sha256(state.doc.text[31:63])
    state.reject_all([suggestions[0]])
    assert [r["action"] for r in _provenance(lessons, machine)][-1] == "rejected"

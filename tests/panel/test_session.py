"""The session behaviours of issue 17: the coder's place, names, undo, hot keys, two tabs,
incremental redraw, retrieval, search, comparison and bulk suggestions (no browser)."""

from __future__ import annotations

import json

import pytest

from synthesis.coding import CodingStore, load_codebook, new_coding
from synthesis.panel import ListSource, PanelState, Suggestion
from synthesis.panel.coder import CoderNameError, explain_refusal, resolve_coder
from synthesis.panel.widgets import CoderPrompt, CodingPanel

from .conftest import CODER


class FixedSuggester:
    def __init__(self, suggestions):
        self.suggestions = suggestions

    def suggest(self, doc):
        return [s for s in self.suggestions if s.doc_id == doc.doc_id]


def records(lessons, coder=CODER) -> list[dict]:
    path = lessons / "codings" / f"{coder}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def panel(documents, lessons):
    suggestions = [Suggestion("rubber", 0, 30, "success.leadership", 0.87),
                   Suggestion("rubber", 31, 63, "obstacle", 0.71), Suggestion("weaving", 0, 37, "obstacle", 0.9)]
    state = PanelState(ListSource(documents), lessons, CODER, suggester=FixedSuggester(suggestions))
    return CodingPanel(state, title="ทดสอบ")


# --- the coder's place -------------------------------------------------------------------------------
def test_session_first_coding_keeps_document_segment_and_list(panel, lessons):
    panel.doc_list.value = "rubber"
    panel._on_view_message(panel.view, {"type": "goto", "index": 2}, [])
    panel._on_view_message(panel.view, {"type": "select", "start": 67, "end": 73}, [])
    selection = panel.state.selection
    panel.key("code", key="4")  # the first coding of the document: its list label gains ✓
    assert panel.state.doc.doc_id == "rubber" and panel.state.segment_index == 2
    assert panel.state.selection == selection and panel.view.current == 2
    assert panel.doc_list.value == "rubber" and panel.doc_list.label.startswith("✓")
    panel.key("code", key="3")  # the next key codes the same words, not the title
    assert [(r["start"], r["end"]) for r in records(lessons)] == [selection, selection]


@pytest.mark.parametrize("change", ["remove_last", "filter_coded", "filter_area", "filter_suggestions"])
def test_session_place_survives_list_changes(panel, change):
    panel.doc_list.value = "rubber"
    panel.key("next")
    panel.key("code", key="1")
    if change == "remove_last":
        panel.key("code", key="1")
    elif change == "filter_coded":
        panel.coded.value = "uncoded"  # the open document leaves the list; it stays open
    elif change == "filter_area":
        panel.area.value = "yala-bala"
    else:
        panel.with_suggestions.value = True
    assert panel.state.doc.doc_id == "rubber" and panel.state.segment_index == 1 and panel.view.current == 1


def test_session_reopening_the_open_document_keeps_the_place(state):
    state.open("rubber")
    state.go_to(2)
    state.select(state.doc.segments[2].start, state.doc.segments[2].start + 6)
    place = (state.segment_index, state.selection)
    state.open("rubber")
    assert (state.segment_index, state.selection) == place


def test_session_actions_patch_only_touched_segments(panel):
    panel.open_document("rubber")
    sent = []
    panel.view.send = lambda content, buffers=None: sent.append(content)
    panel.key("next")
    panel.key("code", key="1")
    patches = [m for m in sent if m["type"] == "patch"]
    assert patches and {s["index"] for m in patches for s in m["segments"]} == {1}
    assert panel.drawn[1]["codes"] == ["success"] and panel.drawn[1]["stripes"][0]["code"] == "success"


# --- who is coding ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("given", "known", "expected"), [
    ("Coder_C", ["coder_c"], "coder_c"),
    ("coder_c", ["Coder_C"], "Coder_C"),
    ("  Dao ", [], "dao"),
    ("coder_b", ["coder_a", "coder_b"], "coder_b"),
])
def test_session_coder_names_ignore_case(given, known, expected):
    assert resolve_coder(given, known) == expected


@pytest.mark.parametrize(("name", "thai"), [
    ("", "ยังไม่ได้ระบุชื่อผู้ลงรหัส"),
    ("   ", "ยังไม่ได้ระบุชื่อผู้ลงรหัส"),
    ("สมศรี", "ใช้ได้เฉพาะตัวอักษรอังกฤษ"),
    ("../coder_a", "ใช้ได้เฉพาะตัวอักษรอังกฤษ"),
    ("a b", "ใช้ได้เฉพาะตัวอักษรอังกฤษ"),
    ("Rules", "สงวนไว้สำหรับการลงรหัสอัตโนมัติ"),
    ("consensus", "สงวนไว้สำหรับรหัสที่ทีมตกลงร่วมกัน"),
])
def test_session_coder_refusals_are_explained_in_thai(name, thai):
    assert thai in explain_refusal(name)
    with pytest.raises(CoderNameError, match=thai):
        resolve_coder(name, [])


def test_session_two_spellings_of_one_coder_write_one_file(documents, lessons):
    first = PanelState(ListSource(documents), lessons, "Coder_Z")
    first.open("rubber")
    first.apply("success")
    second = PanelState(ListSource(documents), lessons, "CODER_z")
    assert second.coder == "coder_z" and len(second.codings) == 1
    assert sorted(p.name for p in (lessons / "codings").glob("*.jsonl")) == ["coder_z.jsonl"]


def test_session_no_default_coder_asks_then_opens(tmp_path, monkeypatch, documents, lessons):
    from synthesis import panel as panel_module

    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setattr(panel_module, "open_source", lambda collection, root: ListSource(documents))
    monkeypatch.setattr("synthesis.paths.lessons_dir", lambda root=None: lessons)
    asked = panel_module.coding_panel(collection="tiny", root=tmp_path)
    assert isinstance(asked, CoderPrompt) and "ใครกำลังลงรหัส" in asked.children[0].children[0].value
    asked.name.value = "สมศรี"
    asked._go()
    assert "ใช้ได้เฉพาะตัวอักษรอังกฤษ" in asked.message.value and isinstance(asked.children[0].children[0].value, str)
    asked.name.value = "Somsri"
    asked._go()
    assert isinstance(asked.children[0], CodingPanel) and asked.children[0].state.coder == "somsri"
    assert not list((lessons / "codings").glob("coder_a*"))


@pytest.mark.parametrize("query", ["coder=", "", "collection=demo"])
def test_session_empty_address_coder_asks(tmp_path, monkeypatch, query, documents, lessons):
    from synthesis import panel as panel_module

    monkeypatch.setenv("QUERY_STRING", query)
    monkeypatch.setattr(panel_module, "open_source", lambda collection, root: ListSource(documents))
    monkeypatch.setattr("synthesis.paths.lessons_dir", lambda root=None: lessons)
    assert isinstance(panel_module.coding_panel(root=tmp_path), CoderPrompt)


def test_session_refused_address_coder_is_explained_not_raised(tmp_path, monkeypatch, documents, lessons):
    from synthesis import panel as panel_module

    monkeypatch.setenv("QUERY_STRING", "coder=../../etc")
    monkeypatch.setattr(panel_module, "open_source", lambda collection, root: ListSource(documents))
    monkeypatch.setattr("synthesis.paths.lessons_dir", lambda root=None: lessons)
    asked = panel_module.coding_panel(root=tmp_path)
    assert isinstance(asked, CoderPrompt) and "ใช้ได้เฉพาะ" in asked.message.value


# --- undo -------------------------------------------------------------------------------------------------
def test_session_toggle_off_then_undo_brings_coding_and_memo_back(state, lessons):
    state.open("rubber")
    coding = state.apply("obstacle")
    state.set_memo(coding.coding_id, "ราคายางตกทั้งตำบล")
    verb, removed = state.toggle("obstacle")
    assert verb == "removed" and records(lessons) == []
    assert "พร้อมบันทึก memo" in state.history.last
    state.undo()
    [back] = records(lessons)
    assert back["coding_id"] == coding.coding_id and back["memo"] == "ราคายางตกทั้งตำบล"
    state.undo()  # the memo
    assert records(lessons)[0]["memo"] == ""
    state.undo()  # the coding itself
    assert records(lessons) == [] and state.undo() is None


def test_session_undo_reject_and_bulk(panel, lessons):
    panel.open_document("rubber")
    state = panel.state
    found = state.suggestions()
    state.reject_all(found)
    assert state.suggestions() == []
    state.undo()
    assert state.suggestions() == found
    assert (lessons / "suggestions" / f"{CODER}-rejected.jsonl").read_text(encoding="utf-8") == ""
    accepted = state.accept_all(found)
    assert len(records(lessons)) == len(accepted) == 2
    state.undo()
    assert records(lessons) == []


def test_session_undo_button_and_ctrl_z(panel, lessons):
    panel.open_document("rubber")
    assert panel.undo_button.disabled
    panel.key("code", key="1")
    assert not panel.undo_button.disabled and "ใส่รหัส" in panel.undo_button.tooltip
    panel.key("undo")
    assert records(lessons) == [] and "เลิกทำแล้ว" in panel.status.value
    panel.key("code", key="2")
    panel.undo_button.click()
    assert records(lessons) == []


# --- hot keys -----------------------------------------------------------------------------------------
def test_session_hotkeys_stay_when_a_code_is_added(state, lessons):
    before = dict(state.hotkeys)
    assert before == {"1": "success", "2": "success.leadership", "3": "mechanism", "4": "obstacle"}
    state.add_code("success.paneltest", "ภาคีใหม่", "New partners", parent="success", colour="#aa0000")
    assert {k: v for k, v in state.hotkeys.items() if k in before} == before
    assert state.hotkeys["5"] == "success.paneltest"
    again = PanelState(state.source, lessons, CODER)  # a new session reads the saved keys
    assert again.hotkeys == state.hotkeys


def test_session_hotkey_configured_and_codebook_key_wins(state, lessons):
    state.set_hotkey("obstacle", "o")
    assert state.hotkeys["o"] == "obstacle" and "4" not in state.hotkeys
    state.open("rubber")
    assert state.toggle_key("O")[1].code_id == "obstacle"
    with pytest.raises(ValueError, match="j และ k"):
        state.set_hotkey("obstacle", "j")
    text = (lessons / "codebook.yaml").read_text(encoding="utf-8")
    (lessons / "codebook.yaml").write_text(text.replace(
        'name_en: Mechanisms\n', 'name_en: Mechanisms\n    key: "1"\n'), encoding="utf-8")
    fresh = PanelState(state.source, lessons, CODER)
    assert fresh.hotkeys["1"] == "mechanism" and fresh.key_of("success") != "1"
    with pytest.raises(ValueError, match="ตามสมุดรหัส"):
        fresh.set_hotkey("success", "1")


def test_session_add_code_keeps_codebook_comments_and_retrains_in_background(documents, lessons):
    import threading

    state = PanelState(ListSource(documents), lessons, CODER)
    state.train_suggester()
    before = (lessons / "codebook.yaml").read_text(encoding="utf-8")
    started = threading.Event()
    release = threading.Event()
    real = state.train_suggester

    def slow_train():
        started.set()
        release.wait(10)
        return real()

    state.train_suggester = slow_train
    state.add_code("obstacle.paneltest", "ขาดคน", "Too few people", parent="obstacle", colour="#123456")
    assert started.wait(5)  # training runs in its thread, the add returned before it finished
    after = (lessons / "codebook.yaml").read_text(encoding="utf-8")
    assert after.startswith(before) and "# a small codebook" in after
    release.set()


# --- two tabs ------------------------------------------------------------------------------------------
def test_session_two_tabs_of_one_coder_keep_both(documents, lessons):
    first = PanelState(ListSource(documents), lessons, CODER)
    second = PanelState(ListSource(documents), lessons, CODER)
    first.open("rubber")
    second.open("weaving")
    first.apply("success")
    second.apply("obstacle")
    first.apply("mechanism", (0, 5))
    assert sorted(r["code_id"] for r in records(lessons)) == ["mechanism", "obstacle", "success"]
    assert len(first.codings) == 3  # re-read when the other tab had written
    assert "weaving" in first.coded_doc_ids()


# --- suggestions --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("people_code", "expected"), [("mechanism", 2 / 3), ("obstacle", 1 / 3)])
def test_session_rule_scores_discriminate(documents, lessons, people_code, expected):
    """A rule people followed scores above the prior (0.5); one they overruled, below."""
    from synthesis.panel.suggestions import rule_scores

    rubber = documents[0]
    seg = rubber.segments[2]  # mechanism's rule (กองทุน) matches here
    people = [new_coding("rubber", seg.start, seg.end, rubber.segment_text(2), rubber.sha256, people_code, "coder_b")]
    codebook = load_codebook(lessons / "codebook.yaml")
    assert rule_scores(codebook, people, ListSource(documents)) == {"mechanism": pytest.approx(expected)}
    CodingStore(lessons).add(*people)
    state = PanelState(ListSource(documents), lessons, CODER)
    state.train_suggester()
    [shown] = [s for s in state.suggestions("rubber") if s.code_id == "mechanism"]
    assert shown.why.startswith("rule 1") and "กองทุน" in shown.why  # the rule stays shown
    assert shown.score != 1.0 or shown.source != "rule"


def test_session_has_suggestions_filter_filters(panel):
    found = panel.state.filter_documents(with_suggestions=True)
    assert [d.doc_id for d in found] == ["rubber", "weaving"]  # "meeting" has none
    panel.state.open("weaving")
    panel.state.accept(panel.state.suggestions()[0])
    assert [d.doc_id for d in panel.state.filter_documents(with_suggestions=True)] == ["rubber"]


def test_session_bulk_pane_lists_then_accepts_a_codes_suggestions(panel, lessons):
    panel.open_document("rubber")
    codes = [value for _, value in panel.bulk_code.options if value]
    assert set(codes) == {"success.leadership", "obstacle"}
    panel.bulk_code.value = "obstacle"
    rows = [c for c in panel.bulk_box.children if "syn-bulk-row" in c._dom_classes]
    assert len(rows) == 1 and "0.71" in rows[0].value
    accept = panel.bulk_box.children[-1].children[0]
    accept.click()
    assert [r["code_id"] for r in records(lessons)] == ["obstacle"]
    assert "obstacle" not in [value for _, value in panel.bulk_code.options]


# --- retrieval, search, definitions, comparison --------------------------------------------------------------------
def test_session_retrieve_a_code_with_context_and_jump(panel, lessons):
    state = panel.state
    state.open("rubber")
    state.apply("success.leadership", (0, 10))
    state.open("weaving")
    state.apply("success", (0, 5))
    found = state.retrieve("success")  # the code and the codes below it
    assert [(r.coding.doc_id, r.coding.code_id) for r in found] == [("rubber", "success.leadership"),
                                                                    ("weaving", "success")]
    assert found[0].before == "" and found[0].after.startswith("ช่วยกัน")
    panel._focus("success")
    panel._retrieve()
    jump = [row for row in panel.retrieved_box.children[1:]][0].children[1]
    jump.click()
    assert state.doc.doc_id == "rubber" and state.selection == (0, 10)
    assert panel.doc_list.value == "rubber"


@pytest.mark.parametrize(("query", "count"), [("กองทุน", 1), ("ยาง", 1), ("ช่วยกัน", 2), ("ไม่มีคำนี้", 0)])
def test_session_search_in_document(state, query, count):
    state.open("rubber")
    matches = state.search_document(query)
    assert len(matches) == count
    assert all(state.doc.text[m.start:m.end] == query for m in matches)


@pytest.mark.parametrize(("query", "codes"), [
    ("ผู้นำ", ["success.leadership"]), ("LEADER", ["success.leadership"]), ("กลไก", ["mechanism"]), ("", None)])
def test_session_search_codebook_hides_other_codes(panel, query, codes):
    panel.code_search.value = query
    shown = [cid for cid, line in zip(panel._tree_ids, panel.tree_box.children) if line.layout.display != "none"]
    assert shown == (codes or panel._tree_ids)


def test_session_definition_pane_is_escaped(documents, lessons):
    text = (lessons / "codebook.yaml").read_text(encoding="utf-8").replace(
        "name_en: Obstacles,", "name_en: Obstacles, include: '<img src=x onerror=alert(1)> ราคาตก',")
    (lessons / "codebook.yaml").write_text(text, encoding="utf-8")
    panel = CodingPanel(PanelState(ListSource(documents), lessons, CODER, suggester=FixedSuggester([])))
    panel._focus("obstacle")
    assert "&lt;img" in panel.definition.value and "<img" not in panel.definition.value
    assert "ใช้เมื่อ" in panel.code_buttons["obstacle"].tooltip


def test_session_compare_and_take_side_into_consensus(panel, lessons):
    store = CodingStore(lessons)
    rubber = panel.state.source.load("rubber")
    seg = rubber.segments[1]
    store.add(new_coding("rubber", seg.start, seg.end, rubber.segment_text(1), rubber.sha256, "obstacle", "coder_b"))
    panel._refresh_compare_options()
    panel.open_document("rubber")
    panel.key("next")
    panel.key("code", key="3")  # mechanism on segment 2 (index 1); coder_b has obstacle there
    panel.compare_with.value = "coder_b"
    panel._run_compare()
    rows = [r for r in panel.compare_box.children[1:]]
    assert len(rows) == 1 and "ต่างกัน 1" in panel.compare_box.children[0].value
    assert panel.drawn[1]["differs"]
    take_b = [b for b in rows[0].children if getattr(b, "description", "") == "รับของ coder_b"][0]
    take_b.click()
    consensus = CodingStore(lessons).load("consensus")
    assert [(c.code_id, c.start, c.end) for c in consensus] == [("obstacle", seg.start, seg.end)]
    take_me = [b for b in rows[0].children if getattr(b, "description", "") == f"รับของ {CODER}"][0]
    take_me.click()
    assert [c.code_id for c in CodingStore(lessons).load("consensus")] == ["mechanism"]
    panel.undo()
    assert [c.code_id for c in CodingStore(lessons).load("consensus")] == ["obstacle"]


@pytest.mark.parametrize("hostile", ['<img src=x onerror="alert(1)">', "<script>alert(1)</script>",
                                     '"><svg onload=alert(1)>'])
def test_session_hostile_names_and_memos_stay_text(documents, lessons, hostile):
    text = (lessons / "codebook.yaml").read_text(encoding="utf-8").replace(
        "name_th: อุปสรรค,", f"name_th: {json.dumps('อุปสรรค ' + hostile, ensure_ascii=False)},")
    (lessons / "codebook.yaml").write_text(text, encoding="utf-8")
    panel = CodingPanel(PanelState(ListSource(documents), lessons, CODER, suggester=FixedSuggester([])))
    panel.open_document("rubber")
    panel.key("code", key="4")
    panel.codings_box.children[0].children[1].value = hostile  # the memo
    shown = panel.codings_box.children[0].children[0].value + panel.status.value
    assert "<img" not in shown and "<script" not in shown and "<svg" not in shown
    stripe = panel.drawn[0]["stripes"][0]
    assert hostile in stripe["title"]  # data for the browser, set there as a title (text), never as HTML
    assert "<" not in "".join(s["html"] for s in panel.drawn).replace("<span", "").replace("</span>", "") \
        .replace("<mark", "").replace("</mark>", "")


@pytest.mark.parametrize(("min_score", "kept"), [(0.5, ["rubber", "weaving"]), (0.88, ["weaving"]), (0.95, [])])
def test_session_has_suggestions_filter_min_score(panel, min_score, kept):
    panel.with_suggestions.value = True
    panel.min_score.value = min_score
    assert [value for _, value in panel.doc_list.options] == kept


def test_session_missing_collection_is_explained(tmp_path, monkeypatch):
    from synthesis import panel as panel_module

    monkeypatch.delenv("QUERY_STRING", raising=False)
    asked = panel_module.coding_panel(coder="coder_x", collection="no-such-collection", root=tmp_path)
    assert isinstance(asked, CoderPrompt)
    assert "เปิดชุดเอกสาร &#39;no-such-collection&#39; ไม่ได้" in asked.message.value


def test_session_a_view_drawn_again_gets_the_patched_segments(panel):
    panel.open_document("rubber")
    synced = []
    panel.view.send_state = lambda key=None: synced.append(key)
    panel._on_view_message(panel.view, {"type": "ready"}, [])
    assert synced == []  # nothing patched yet: the model's copy is current
    panel.key("code", key="1")
    panel._on_view_message(panel.view, {"type": "ready"}, [])
    assert synced == ["segments"] and panel.view.segments[0]["codes"] == ["success"]


def test_session_a_page_that_connects_late_gets_the_status_again(panel):
    """Voilà: what the training thread said between the page's snapshot and the browser's
    connection is lost; the view's "ready" makes the kernel say it again."""
    sent = []
    panel.status.send_state = lambda key=None: sent.append(("status", key))
    panel.suggestions_state.send_state = lambda key=None: sent.append(("suggestions", key))
    panel._on_view_message(panel.view, {"type": "ready"}, [])
    assert sent == [("status", "value"), ("suggestions", "value")]

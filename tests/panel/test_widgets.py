"""The widgets call the state and redraw; driven from Python (no browser)."""

from __future__ import annotations

import json

import pytest

from synthesis.panel import ListSource, PanelState, Suggestion
from synthesis.panel.widgets import CodingPanel

from .conftest import CODER


class FixedSuggester:
    def __init__(self, suggestions):
        self.suggestions = suggestions

    def suggest(self, doc):
        return [s for s in self.suggestions if s.doc_id == doc.doc_id]


@pytest.fixture
def panel(documents, lessons):
    suggestion = Suggestion("rubber", 0, 30, "success.leadership", 0.87)
    state = PanelState(ListSource(documents), lessons, CODER, suggester=FixedSuggester([suggestion]))
    return CodingPanel(state, title="ทดสอบ")


def saved(lessons):
    path = lessons / "codings" / f"{CODER}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_widgets_list_and_filters(panel):
    assert [value for _, value in panel.doc_list.options] == ["rubber", "weaving", "meeting"]
    panel.area.value = "yala-bala"
    assert [value for _, value in panel.doc_list.options] == ["rubber"]
    panel.area.value = ""
    panel.date_from.value = "2023"
    assert "not a date" in panel.status.value


def test_widgets_picking_a_document_draws_it(panel):
    panel.doc_list.value = "weaving"
    assert panel.view.title.startswith("ประชุมกลุ่มจักสานกระจูด")
    assert len(panel.view.segments) == 2 and panel.view.current == 0


def test_widgets_keys_move_and_toggle(panel, lessons):
    panel.open_document("rubber")
    panel.key("next")
    assert panel.view.current == 1
    panel.key("toggle", 4)
    assert [(r["code_id"], r["start"]) for r in saved(lessons)] == [("obstacle", panel.state.doc.segments[1].start)]
    assert panel.drawn[1]["codes"] == ["obstacle"]
    assert "บันทึกแล้ว" in panel.status.value
    panel.key("toggle", 4)
    assert saved(lessons) == []


def test_widgets_selection_message_then_code_button(panel, lessons):
    panel.open_document("rubber")
    panel._on_view_message(panel.view, {"type": "select", "start": 3, "end": 8}, [])
    button = panel.code_buttons["mechanism"]
    button.click()
    [record] = saved(lessons)
    assert record["quote"] == "ผู้นำชุมชน" and record["code_id"] == "mechanism"
    assert button.description.endswith("(1)")


def test_widgets_accept_suggestion_and_memo(panel, lessons):
    panel.open_document("rubber")
    [row] = panel.suggestions_box.children
    assert "0.87" in row.children[0].value
    row.children[1].click()  # accept
    assert [r["origin"] for r in saved(lessons)] == ["suggestion-accepted"]
    assert panel.suggestions_box.children == ()
    [coding_row] = panel.codings_box.children
    coding_row.children[1].value = "ผู้นำพาทำ"  # the memo box
    assert saved(lessons)[0]["memo"] == "ผู้นำพาทำ"


def test_widgets_reject_suggestion(panel, lessons):
    panel.open_document("rubber")
    panel.suggestions_box.children[0].children[2].click()
    assert panel.suggestions_box.children == () and saved(lessons) == []
    assert (lessons / "suggestions" / f"{CODER}-rejected.jsonl").is_file()


def test_widgets_add_code_form(panel, lessons):
    panel.new_id.value, panel.new_th.value, panel.new_en.value = "obstacle.paneltest", "ขาดคน", "Too few people"
    panel.new_parent.value = "obstacle"
    panel._add_code()
    assert "obstacle.paneltest" in (lessons / "codebook.yaml").read_text(encoding="utf-8")
    assert "obstacle.paneltest" in panel.code_buttons
    panel.new_id.value, panel.new_th.value = "obstacle", "ซ้ำ"
    panel._add_code()
    assert "duplicate" in panel.status.value


def test_widgets_remove_button(panel, lessons):
    panel.open_document("rubber")
    panel.key("toggle", 1)
    panel.codings_box.children[0].children[2].click()
    assert saved(lessons) == [] and panel.codings_box.children == ()


def test_widgets_train_suggestions_in_the_background(documents, lessons):
    import threading

    state = PanelState(ListSource(documents), lessons, CODER)
    panel = CodingPanel(state)
    for thread in threading.enumerate():
        if thread.name == "synthesis-panel-train":
            thread.join(timeout=60)
    assert state._suggester is not None and not state.training
    assert "suggestions ready" in panel.status.value


def test_widgets_suggestions_ready_stays_shown_after_other_messages(documents, lessons):
    """The browser test waited for "suggestions ready" in the status line, which an action
    taken before the training ended had overwritten (a flaky wait): readiness has its own place."""
    import threading

    state = PanelState(ListSource(documents), lessons, CODER)
    panel = CodingPanel(state)
    for thread in threading.enumerate():
        if thread.name == "synthesis-panel-train":
            thread.join(timeout=60)
    panel.undo()  # any later message: "nothing to undo"
    assert "suggestions ready" not in panel.status.value
    assert "suggestions ready" in panel.suggestions_state.value

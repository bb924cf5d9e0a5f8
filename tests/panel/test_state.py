"""PanelState: the panel's logic, against a temporary lessons folder."""

from __future__ import annotations

import json

import pytest

from synthesis.coding import CodebookError, CodingStore, load_codebook
from synthesis.panel import ListSource, PanelState, Suggestion
from synthesis.thai.graphemes import is_boundary

from .conftest import CODER


def records(lessons, coder=CODER) -> list[dict]:
    path = lessons / "codings" / f"{coder}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class FixedSuggester:
    def __init__(self, suggestions):
        self.suggestions = suggestions

    def suggest(self, doc):
        return [s for s in self.suggestions if s.doc_id == doc.doc_id]


def test_state_apply_to_segment_is_saved_at_once(state, lessons):
    state.open("rubber")
    state.next_segment()
    coding = state.apply("obstacle")
    saved = records(lessons)
    assert [(r["doc_id"], r["start"], r["end"], r["code_id"], r["origin"], r["coder"]) for r in saved] == [
        ("rubber", coding.start, coding.end, "obstacle", "manual", CODER)]
    assert saved[0]["quote"] == "ปัญหาคือราคายางตกและไม่มีเงินออม"
    assert saved[0]["doc_sha256"] == state.doc.sha256


def test_state_apply_twice_keeps_one_record(state, lessons):
    state.open("rubber")
    first = state.apply("success")
    assert state.apply("success") == first
    assert len(records(lessons)) == 1


@pytest.mark.parametrize("number, code_id", [(1, "success"), (2, "success.leadership"), (3, "mechanism"), (4, "obstacle")])
def test_state_toggle_number_follows_the_tree(state, lessons, number, code_id):
    state.open("weaving")
    verb, coding = state.toggle_number(number)
    assert (verb, coding.code_id) == ("added", code_id)
    verb, _ = state.toggle_number(number)
    assert verb == "removed"
    assert records(lessons) == []


@pytest.mark.parametrize("number", [0, 5, 9, 10])
def test_state_toggle_number_without_a_code_does_nothing(state, lessons, number):
    state.open("weaving")
    assert state.toggle_number(number) is None
    assert records(lessons) == []


@pytest.mark.parametrize("start, end, expected", [
    (2, 4, "ผู้นำ"),                      # inside one word: the whole word
    (3, 8, "ผู้นำชุมชน"),                 # across two words
    (8, 3, "ผู้นำชุมชน"),                 # dragged backwards
])
def test_state_select_snaps_to_whole_tokens(state, start, end, expected):
    state.open("rubber")
    span = state.select(start, end)
    assert state.doc.text[span[0]:span[1]] == expected
    assert is_boundary(state.doc.text, span[0]) and is_boundary(state.doc.text, span[1])


def test_state_select_white_space_only_clears(state):
    state.open("rubber")
    gap = state.doc.segments[0].end  # the blank line between two paragraphs
    assert state.select(gap, gap + 2) is None
    assert state.selection is None


def test_state_select_moves_to_its_segment_and_codes_the_selection(state, lessons):
    state.open("rubber")
    segment = state.doc.segments[2]
    state.select(segment.start + 4, segment.start + 9)
    assert state.segment_index == 2
    coding = state.apply("mechanism")
    assert coding.quote == state.doc.text[coding.start:coding.end]
    assert segment.start <= coding.start < coding.end < segment.end
    assert records(lessons)[0]["quote"] == coding.quote


@pytest.mark.parametrize("moves, expected", [(["next"], 1), (["next"] * 5, 2), (["previous"], 0),
                                             (["next", "next", "previous"], 1)])
def test_state_segment_navigation_is_clamped(state, moves, expected):
    state.open("rubber")
    for move in moves:
        getattr(state, f"{move}_segment")()
    assert state.segment_index == expected


def test_state_navigation_clears_the_selection(state):
    state.open("rubber")
    state.select(0, 4)
    state.next_segment()
    assert state.selection is None
    assert state.target() == (state.segment.start, state.segment.end)


@pytest.mark.parametrize("filters, expected", [
    ({}, ["rubber", "weaving", "meeting"]),
    ({"area": "yala-bala"}, ["rubber"]),
    ({"kind": "activity_report"}, ["weaving"]),
    ({"date_from": "2023-01-01"}, ["rubber"]),
    ({"date_to": "2022-12-31"}, ["weaving"]),
    ({"date_from": "2022-03-12", "date_to": "2022-03-12"}, ["weaving"]),
    ({"status": "coded"}, ["weaving"]),
    ({"status": "uncoded"}, ["rubber", "meeting"]),
])
def test_state_filter_documents(state, filters, expected):
    state.open("weaving")
    state.apply("success")
    assert [d.doc_id for d in state.filter_documents(**filters)] == expected


def test_state_filter_with_suggestions(documents, lessons):
    suggestion = Suggestion("meeting", 0, 10, "mechanism", 0.7)
    state = PanelState(ListSource(documents), lessons, CODER, suggester=FixedSuggester([suggestion]))
    assert [d.doc_id for d in state.filter_documents(with_suggestions=True)] == ["meeting"]


def test_state_filter_rejects_an_unknown_status(state):
    with pytest.raises(ValueError, match="status"):
        state.filter_documents(status="done")


def test_state_memo_is_saved(state, lessons):
    state.open("rubber")
    coding = state.apply("success.leadership")
    state.set_memo(coding.coding_id, "  ผู้นำเป็นคนริเริ่ม ")
    assert records(lessons)[0]["memo"] == "ผู้นำเป็นคนริเริ่ม"
    assert state.doc_codings()[0].memo == "ผู้นำเป็นคนริเริ่ม"


def test_state_remove_deletes_the_record(state, lessons):
    state.open("rubber")
    keep = state.apply("success")
    gone = state.apply("obstacle")
    state.remove(gone.coding_id)
    assert [r["coding_id"] for r in records(lessons)] == [keep.coding_id]
    with pytest.raises(KeyError):
        state.remove(gone.coding_id)


def test_state_accept_and_reject_suggestions(documents, lessons):
    segment_start = 0
    good = Suggestion("rubber", segment_start, 30, "success.leadership", 0.83)
    bad = Suggestion("rubber", segment_start, 30, "obstacle", 0.41)
    state = PanelState(ListSource(documents), lessons, CODER, suggester=FixedSuggester([good, bad]))
    state.open("rubber")
    assert state.segment_suggestions() == [good, bad]
    state.accept(good)
    state.reject(bad)
    assert state.segment_suggestions() == []
    [record] = records(lessons)
    assert (record["code_id"], record["origin"], record["start"], record["end"]) == (
        "success.leadership", "suggestion-accepted", 0, 30)
    again = PanelState(ListSource(documents), lessons, CODER, suggester=FixedSuggester([good, bad]))
    again.open("rubber")
    assert again.segment_suggestions() == []  # accepted is coded; rejected is remembered


def test_state_suggestions_of_codes_not_in_the_codebook_are_hidden(documents, lessons):
    stale = Suggestion("rubber", 0, 30, "gone.code", 0.9)
    state = PanelState(ListSource(documents), lessons, CODER, suggester=FixedSuggester([stale]))
    state.open("rubber")
    assert state.suggestions() == []


def test_state_tree_counts_own_and_below(state):
    state.open("rubber")
    state.apply("success")
    state.next_segment()
    state.apply("success.leadership")
    state.next_segment()
    state.apply("success.leadership")
    rows = {row.code.id: (row.depth, row.number, row.own, row.total) for row in state.tree()}
    assert rows == {"success": (0, 1, 1, 3), "success.leadership": (1, 2, 2, 2),
                    "mechanism": (0, 3, 0, 0), "obstacle": (0, 4, 0, 0)}


def test_state_add_code_writes_a_valid_codebook(state, lessons):
    code = state.add_code("obstacle.paneltest", "ขาดงบประมาณ", "No budget", "obstacle", "#ff9896")
    book = load_codebook(lessons / "codebook.yaml")
    assert book.codes["obstacle.paneltest"].name_th == "ขาดงบประมาณ"
    assert book.codes["obstacle.paneltest"].parent == "obstacle"
    assert code.id in [row.code.id for row in state.tree()]
    assert (lessons / "codebook.yaml").read_text(encoding="utf-8").startswith("# a small codebook")


@pytest.mark.parametrize("code_id, name_th, parent, colour, problem", [
    ("obstacle", "ซ้ำ", None, "#ff0000", "duplicate"),
    ("x.paneltest", "ไม่มีแม่", "nowhere", "#ff0000", "unknown parent"),
    ("paneltest", "สีผิด", None, "red", "colour"),
    ("รหัสไทย", "ชื่อ", None, "#ff0000", "lower-case ASCII"),
    ("paneltest", "", None, "#ff0000", "Thai name"),
])
def test_state_add_code_refuses_bad_codes_and_writes_nothing(state, lessons, code_id, name_th, parent, colour, problem):
    before = (lessons / "codebook.yaml").read_bytes()
    with pytest.raises(CodebookError, match=problem):
        state.add_code(code_id, name_th, "Name", parent, colour)
    assert (lessons / "codebook.yaml").read_bytes() == before
    assert len(state.codebook) == 4


def test_state_apply_needs_a_known_code_and_an_open_document(state):
    with pytest.raises(RuntimeError, match="no document"):
        state.apply("success")
    state.open("rubber")
    with pytest.raises(KeyError, match="not in"):
        state.apply("no.such.code")


@pytest.mark.parametrize("coder", ["../evil", "a/b", ""])
def test_state_refuses_a_coder_name_that_leaves_lessons(documents, lessons, coder):
    with pytest.raises(ValueError):
        PanelState(ListSource(documents), lessons, coder)


def test_state_keeps_other_coders_and_bad_lines(documents, lessons):
    path = lessons / "codings" / f"{CODER}.jsonl"
    path.write_text("not json at all\n", encoding="utf-8")
    state = PanelState(ListSource(documents), lessons, CODER)
    assert any("line kept" in p for p in state.problems)
    state.open("rubber")
    state.apply("success")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "not json at all" and len(lines) == 2
    assert len(CodingStore(lessons).load(CODER)) == 1


def test_state_rules_stand_in_while_the_model_trains(documents, lessons):
    from synthesis.coding import new_coding

    rubber = documents[0]
    seg = rubber.segments[2]  # "สมาชิกตั้งกองทุน..." and the rule keyword กองทุน is a whole token there
    CodingStore(lessons).add(new_coding("rubber", seg.start, seg.end, rubber.segment_text(2), rubber.sha256,
                                        "mechanism", "coder_b"))
    state = PanelState(ListSource(documents), lessons, CODER)
    state.open("weaving")
    state.training = True  # as when the widget trains in its background thread
    during = state.suggestions()
    assert {s.source for s in during} <= {"rule"}
    assert state._suggestions == {}  # the stand-in's answer is not kept
    state.training = False
    state.train_suggester()
    after = state.suggestions("rubber") + state.suggestions("weaving")
    assert after and state._suggestions  # now computed by the trained suggester and cached

"""What changed since the last build: a snapshot beside the report, compared at the next build."""

from __future__ import annotations

import json

import pytest

from synthesis.reports import changes

OLD = {"built": "2026-12-01 10:00 UTC", "commit": "abc",
       "codings": {"coder_a": ["c1", "c2"], "coder_b": ["c9"]},
       "card": {"results 1": "ผู้ประกันตนเพิ่มจาก 34 เป็น 81 คน", "obstacles 1": "ราคายางตก"},
       "documents": {"d1": "รายงานกิจกรรม ครั้งที่ 1"},
       "numbers": {"เอกสาร (documents)": 1, "Krippendorff α": 0.71}}


def _changed(**parts):
    new = json.loads(json.dumps(OLD))
    new.update(parts)
    return new


@pytest.mark.parametrize("new, expected", [
    (_changed(codings={"coder_a": ["c2", "c3", "c4"], "coder_b": ["c9"]}), ("การลงรหัส (codings)", "coder_a: +2 −1")),
    (_changed(codings={"coder_a": ["c1", "c2"]}), ("การลงรหัส (codings)", "coder_b: +0 −1")),
    (_changed(card={**OLD["card"], "results 1": "ผู้ประกันตนเพิ่มจาก 34 เป็น 82 คน"}),
     ("บัตรบทเรียน (card)", "แก้ไข (edited) results 1")),
    (_changed(card={**OLD["card"], "results 2": "ใหม่"}), ("บัตรบทเรียน (card)", "เพิ่ม (added) results 2: ใหม่")),
    (_changed(card={"results 1": OLD["card"]["results 1"]}), ("บัตรบทเรียน (card)", "ลบ (removed) obstacles 1: ราคายางตก")),
    (_changed(documents={**OLD["documents"], "d2": "สัมภาษณ์ประธานกลุ่ม"}),
     ("เอกสาร (documents)", "เพิ่ม (added): สัมภาษณ์ประธานกลุ่ม")),
    (_changed(numbers={"เอกสาร (documents)": 1, "Krippendorff α": 0.74}),
     ("ตัวเลข (numbers)", "Krippendorff α: 0.71 → 0.74")),
])
def test_changes_compare_names_each_change(new, expected):
    rows = [(r["what"], r["detail"]) for r in changes.compare(OLD, new)]
    assert rows == [expected]


def test_changes_compare_first_build_and_no_change():
    assert changes.compare(None, OLD)[0]["what"].startswith("การสร้างครั้งแรก")
    assert changes.compare(OLD, OLD)[0]["what"].startswith("ไม่มีการเปลี่ยนแปลง")


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", ""])
def test_changes_a_broken_snapshot_is_no_snapshot(tmp_path, content):
    path = tmp_path / "snapshot.json"
    path.write_text(content, encoding="utf-8")
    assert changes.read_snapshot(path) is None
    assert changes.read_snapshot(tmp_path / "missing.json") is None


@pytest.fixture()
def area_ctx(mini_home):
    from synthesis.reports import notebook

    return notebook.load_context("mini", str(mini_home / "work" / "mini"), area="songkhla-khae", coder="consensus")


def test_changes_two_builds_then_a_new_coding(area_ctx, mini_home, tmp_path):
    from synthesis.coding import CodingStore, new_coding
    from synthesis.reports import notebook, sections

    first = str(changes.changes_html(area_ctx, tmp_path))
    assert "การสร้างครั้งแรก" in first and (tmp_path / "snapshot.json").is_file()
    saved = json.loads((tmp_path / "snapshot.json").read_text(encoding="utf-8"))
    assert set(saved["codings"]) == {"coder_a", "coder_b", "consensus"}
    assert saved["numbers"]["เอกสาร (documents)"] == len(area_ctx.area_documents)

    again = notebook.load_context("mini", str(mini_home / "work" / "mini"), area="songkhla-khae")
    assert "ไม่มีการเปลี่ยนแปลง" in str(changes.changes_html(again, tmp_path))

    doc_id = area_ctx.area_documents["doc_id"].iloc[0]
    text = area_ctx.store.text(doc_id)
    added = new_coding(doc_id, 0, 12, text[:12], "", "innovation", "coder_a")
    store = CodingStore(mini_home / "lessons")
    store.add(added)
    try:
        later = notebook.load_context("mini", str(mini_home / "work" / "mini"), area="songkhla-khae")
        html = str(changes.changes_html(later, tmp_path))
    finally:
        store.remove(added.coding_id)
    assert "coder_a: +1 −0" in html
    assert sections.all_codings(later)  # the context read the codings again

"""Re-anchoring: codings follow their quote or are flagged, never point at other words."""

from __future__ import annotations

import pytest

from synthesis.coding import new_coding, reanchor
from synthesis.coding.anchor import orphans, text_sha256

OLD = "ผู้นำกลุ่มเข้มแข็ง สมาชิกมีรายได้เพิ่มขึ้น"


def coding_of(quote, text=OLD):
    start = text.index(quote)
    return new_coding("d", start, start + len(quote), quote, text_sha256(text), "outcome", "coder_a")


def test_anchor_unchanged_text_is_ok():
    [result] = reanchor([coding_of("รายได้")], {"d": OLD})
    assert result.status == "ok" and result.coding.start == OLD.index("รายได้")


@pytest.mark.parametrize(
    ("new_text", "status"),
    [
        ("ภาพรวม: " + OLD, "moved"),  # text inserted before
        ("ผู้นำกลุ่มเข้มแข็ง\nสมาชิกมีรายได้เพิ่มขึ้น", "ok"),  # same length, quote still in place
        ("ผู้นำกลุ่มเข้มแข็ง สมาชิกมีหนี้ลดลง", "orphaned"),  # quote gone
    ],
)
def test_anchor_statuses(new_text, status):
    coding = coding_of("รายได้")
    [result] = reanchor([coding], {"d": new_text})
    assert result.status == status
    if status != "orphaned":
        assert new_text[result.coding.start:result.coding.end] == "รายได้"
        assert result.coding.doc_sha256 == text_sha256(new_text)
    else:
        assert result.coding.orphaned and result.coding.quote == "รายได้"


def test_anchor_picks_nearest_of_several_matches():
    text = "สรุป " + OLD + " " + "ข้อความอื่น " * 10 + "รายได้ลด"
    coding = coding_of("รายได้", OLD)
    [result] = reanchor([coding], {"d": text})
    assert result.coding.start == text.index(OLD) + OLD.index("รายได้")
    assert "nearest of" in result.note


def test_anchor_whitespace_only_change():
    coding = coding_of("เข้มแข็ง สมาชิก")
    text = OLD.replace("เข้มแข็ง สมาชิก", "เข้มแข็ง\n\nสมาชิก")
    [result] = reanchor([coding], {"d": text})
    assert result.status == "moved" or result.status == "ok"
    assert text[result.coding.start:result.coding.end] == "เข้มแข็ง\n\nสมาชิก"


def test_anchor_offsets_past_end_and_missing_document():
    coding = coding_of("เพิ่มขึ้น")
    short = "ผู้นำ"
    results = reanchor([coding, new_coding("gone", 0, 3, "กขค", "x", "c", "coder_a")], {"d": short})
    assert [r.status for r in results] == ["orphaned", "missing-document"]
    assert "past the end" in results[0].note
    assert len(orphans(results)) == 2


def test_anchor_accepts_dataframe():
    import pandas as pd

    frame = pd.DataFrame({"doc_id": ["d"], "text": ["ก่อน " + OLD]})
    [result] = reanchor([coding_of("ผู้นำ")], frame)
    assert result.status == "moved" and result.coding.start == 5

"""Units are cut only where a token starts: never inside a Thai word or grapheme cluster."""

from __future__ import annotations

import pytest

from synthesis.semantic.units import pieces, unit_frame, unit_token_starts
from synthesis.thai import analyze
from synthesis.thai.graphemes import is_boundary


@pytest.mark.parametrize("text", [
    "กองทุนหมู่บ้านช่วยให้สมาชิกกู้ยืมเงินดอกเบี้ยต่ำ ชาวสวนยางมีรายได้ไม่พอใช้จ่ายในครอบครัวเพราะราคายางตกต่ำ",
    "ผู้เข้าร่วมอบรมได้เรียนรู้การใช้อุปกรณ์ป้องกันสารเคมี เช่น หน้ากาก ถุงมือ และชุดคลุม ก่อนพ่นยาฆ่าแมลงในแปลงผัก",
    "นางสาวอามีเนาะ สาและ เล่าว่า เมื่อวันที่ 12 มีนาคม 2566 กลุ่มได้ประชุมที่ศาลาหมู่บ้าน",
])
@pytest.mark.parametrize("limit", [12, 25, 40])
def test_units_pieces_cut_only_at_token_starts(text, limit):
    tokens = analyze(text).tokens
    starts = [t.start for t in tokens]
    cut = pieces(text, starts, max_chars=limit)
    assert "".join(cut) == text  # nothing lost, nothing added
    position = 0
    for piece in cut[:-1]:
        position += len(piece)
        assert position in starts, f"cut at {position} is inside a word: {text[position - 3:position + 3]!r}"
        assert is_boundary(text, position)


def test_units_pieces_keep_an_overlong_word_whole():
    word = "โคลีนเอสเตอเรส"
    assert pieces(word + "ตรวจ", [0, len(word)], max_chars=5) == [word, "ตรวจ"]


def test_units_frame_matches_the_coding_units(mini_documents):
    from synthesis.coding.suggest import units_table

    units, tokens = unit_frame(mini_documents)
    expected = units_table(mini_documents)
    assert units[["doc_id", "start", "end"]].values.tolist() == expected[["doc_id", "start", "end"]].values.tolist()
    assert len(tokens) == len(units) and all(units["doc_sha256"].str.len() == 64)
    starts = unit_token_starts(mini_documents, units.head(20))
    for (text, offsets) in zip(units["text"].head(20), starts):
        assert all(0 <= s < len(text) for s in offsets)

"""Keyword in context over whole tokens."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.analysis.kwic import kwic
from synthesis.thai.tokenize import tokenize


@pytest.mark.parametrize(
    ("text", "term", "count"),
    [
        ("สมาชิกปลูกยางพาราทุกบ้าน", "ยา", 0),
        ("ซื้อยาที่ร้าน แล้วกินยาก่อนนอน", "ยา", 2),
        ("สมัครมาตรา 40 แล้ว ส่วนมาตรา 39 ยังไม่สมัคร", "มาตรา 40", 1),
        ("ชาวประมงพื้นบ้าน และประมง", "ประมง", 1),
    ],
)
def test_kwic_whole_tokens_only(text, term, count):
    assert len(kwic({"d": text}, term)) == count


def test_kwic_window_and_columns():
    text = "หนึ่ง สอง สาม ยา สี่ ห้า หก"
    rows = kwic(pd.DataFrame({"doc_id": ["d"], "text": [text]}), "ยา", window=2)
    row = rows.iloc[0]
    assert (row["left"], row["match"], row["right"]) == ("สอง สาม ", "ยา", " สี่ ห้า")
    assert text[row["start"]:row["end"]] == "ยา"


def test_kwic_reuses_store_tokens():
    text = "ซื้อยาที่ร้าน"
    tokens = pd.DataFrame([{"doc_id": "d", "start": t.start, "end": t.end} for t in tokenize(text) if not t.is_space])
    assert len(kwic({"d": text}, "ยา", tokens=tokens)) == 1
    assert len(kwic(["ซื้อยาที่ร้าน", "ยางพารา"], "ยา")) == 1
    with pytest.raises(ValueError):
        kwic({"d": text}, "  ")

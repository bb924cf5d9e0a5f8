"""pos_tag(): bundled perceptron taggers, on demand."""

from __future__ import annotations

import pytest

from synthesis.thai import analyze, tokenize
from synthesis.thai.pos import POS_ENGINES, pos_tag


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("แรงงานนอกระบบ ได้รับสิทธิ", [("แรงงานนอกระบบ", "NOUN"), (" ", "SPACE"), ("ได้รับ", "VERB"), ("สิทธิ", "NOUN")]),
        ("สมาชิก 24 คน", [("สมาชิก", "NOUN"), (" ", "SPACE"), ("24", "NUM"), (" ", "SPACE"), ("คน", "NOUN")]),
    ],
)
def test_pos_orchid_ud_tags(text, expected):
    assert [(t.text, t.pos) for t in pos_tag(tokenize(text))] == expected


@pytest.mark.parametrize("engine", ["orchid_ud", "orchid"])
def test_pos_keeps_offsets_and_tags_every_token(engine):
    tokens = tokenize("กลุ่มจักสานกระจูด ขายสินค้าที่ตลาด")
    tagged = pos_tag(tokens, engine=engine)
    assert [(t.start, t.end, t.text) for t in tagged] == [(t.start, t.end, t.text) for t in tokens]
    assert all(t.pos for t in tagged)


def test_pos_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="bundled ones: orchid_ud"):
        pos_tag(tokenize("ก"), engine="lst20")


def test_pos_only_when_asked():
    assert all(t.pos is None for t in analyze("สมาชิกออมเงิน").tokens)
    assert all(t.pos for t in analyze("สมาชิกออมเงิน", pos=True).tokens)
    assert pos_tag([]) == []


def test_pos_engines_are_bundled():
    assert POS_ENGINES[0] == "orchid_ud"

"""Names after the southern forms of address (ก๊ะ, บัง, แบ, เปาะ, ยายี, บาบอ) in running text:
the labelled set ``tests/data/people/southern_address.yaml``, read by the compiled reader and by
its Python twin, which must agree."""

from pathlib import Path

import pytest

from synthesis.safe_yaml import load_yaml
from synthesis.thai import persons, scan
from synthesis.thai.accel import compiled
from synthesis.thai.persons import common_words, find_persons
from synthesis.thai.tokenize import tokenize

SET = Path(__file__).parents[1] / "data" / "people" / "southern_address.yaml"
CASES = load_yaml(SET.read_text(encoding="utf-8"), str(SET))["cases"]


def _first_names(text: str, tokens=True) -> list[str]:
    return [e.attrs["first_name"] for e in find_persons(text, tokenize(text) if tokens else None)]


def _python_first_names(text: str) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(persons, "_fast", None)
        patch.setattr(scan, "_last", None)
        names = _first_names(text)
    scan._last = None
    return names


def test_persons_southern_set_precision_and_recall():
    found = expected = hits = 0
    for case in CASES:
        got = _first_names(case["text"])
        found, expected = found + len(got), expected + len(case["names"])
        hits += sum(1 for name in got if name in case["names"])
    precision, recall = hits / found, hits / expected
    # measured when the rule was written: 0.91 / 0.91 on 28 sentences (before it: 0.54 / 0.32)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


@pytest.mark.skipif(compiled("entities") is None, reason="_fast_entities is not built")
@pytest.mark.parametrize("case", CASES, ids=lambda case: case["text"][:16])
def test_persons_southern_compiled_reader_equals_python(case):
    assert _first_names(case["text"]) == _python_first_names(case["text"])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ก๊ะยะห์ขายข้าวแกงที่ตลาดนัด", "ยะห์"),  # the name ends before a common word
        ("บังอาแซกรีดยางตั้งแต่ตีสอง", "อาแซ"),  # ... or a compound the TNC lacks
        ("วันนี้บังดอเลาะไม่ได้มา", "ดอเลาะ"),  # a name of rare syllables stays whole
        ("เมื่อวานก๊ะมะห์มาประชุมกลุ่ม", "มะห์"),  # a form of address glued to the word before
    ],
)
def test_persons_southern_name_glued_to_the_sentence(text, name):
    assert _first_names(text) == [name]


@pytest.mark.parametrize("text", ["ผู้ใหญ่บ้านปิดบังข้อมูลบางส่วนไว้", "ชาวบ้านถูกบังคับให้ย้ายที่จอดเรือ",
                                  "ก๊ะอยากบอกว่าตอนนี้รายได้ไม่พอใช้", "ร้านค้าขายแบตเตอรี่ไฟฉายคาดหัว",
                                  "พอรู้ว่ามีกองทุน ก๊ะเลยชวนลูกไปสมัคร"])
def test_persons_southern_letters_inside_a_word_are_no_address(text):
    assert _first_names(text) == []


def test_persons_southern_without_tokens_glued_title_is_not_read():
    # the glued reading needs token starts: without tokens the stricter rule stays
    assert _first_names("เมื่อวานก๊ะมะห์มาประชุมกลุ่ม", tokens=False) == []


@pytest.mark.parametrize(("word", "common"), [("ขาย", True), ("กรีดยาง", True), ("เลาะ", False), ("ซัน", False)])
def test_persons_common_words_hold_sentence_words_not_name_syllables(word, common):
    assert (word in common_words()) is common

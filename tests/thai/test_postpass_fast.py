"""The compiled token post-pass (``_fast_tokenize.post_pass``: rules a-c) and the compiled name
joins (``_fast_tokenize.join_name_parts``) give exactly the tokens of their Python references
(``tokenize._mend_fragments`` then ``tokenize._prefer_common_reading``;
``tokenize._python_join_name_parts``)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.thai import analyze
from synthesis.thai.accel import compiled
from synthesis.thai.dictionary import load_dictionary
from synthesis.thai.spans import Entity, TokenList

tokenize_module = importlib.import_module("synthesis.thai.tokenize")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(compiled("tokenize") is None, reason="_fast_tokenize is not built")


def _cuts_of(pieces: list[str]) -> list[int]:
    cuts = [0]
    for piece in pieces:
        cuts.append(cuts[-1] + len(piece))
    return cuts


def _python_post_pass(cuts: list[int], texts: list[str]) -> tuple[list[int], list[str]]:
    dictionary = load_dictionary()
    cuts, texts = tokenize_module._mend_fragments(cuts, texts, dictionary)
    tokenize_module._prefer_common_reading(cuts, texts, dictionary)
    return cuts, texts


def _both(pieces: list[str]):
    cuts = _cuts_of(pieces)
    python = _python_post_pass(list(cuts), list(pieces))
    fast = tokenize_module._post_pass(list(cuts), list(pieces), load_dictionary())  # compiled: built
    return python, fast


# --- rules a-c, one chunk ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "pieces, expected",
    [
        # a. a bare consonant closes the open syllable before it
        (["คนขับ", "ผ่าน", "แอ", "ป", "ยัง"], ["คนขับ", "ผ่าน", "แอป", "ยัง"]),
        (["เรื่อ", "ง", "กปท.", "บาละ"], ["เรื่อง", "กปท.", "บาละ"]),
        (["รณรงค์", "น"], ["รณรงค์", "น"]),  # not after a closed syllable
        # b. a fragment takes in the fragments and bound syllables next to it
        (["ใช้", "ฟอร์", "มิ", "ก", "ตาม"], ["ใช้", "ฟอร์มิก", "ตาม"]),
        (["ใช้", "กรด", "ฟอร์", "มิ", "ก"], ["ใช้", "กรดฟอร์มิก"]),  # กรด is a bound syllable: taken in
        (["นาง", "นู", "ร", "ฮา", "ยา", "ตี", " ", "ขาย"], ["นาง", "นูรฮายาตี", " ", "ขาย"]),
        (["ระ", "บบ", "บริหาร"], ["ระบบ", "บริหาร"]),  # a joined word stops growing
        (["ละหมาด", "ซุฮ", "รี", "ทุกคน"], ["ละหมาด", "ซุฮรี", "ทุกคน"]),
        # c. the common reading of two words
        (["ยาย", "บอ", "กว่า", "ปวด"], ["ยาย", "บอก", "ว่า", "ปวด"]),
        (["พื้น", "ที่อื่น"], ["พื้นที่", "อื่น"]),
        (["และ", "นา", "ยมะ"], ["และ", "นาย", "มะ"]),
        # c, two pairs in a row: the second reads the first's new word
        (["เอก", "สารสังเคราะห์", "ข้อ", "ความใน"], ["เอกสาร", "สังเคราะห์", "ข้อความ", "ใน"]),
        (["เพื่อน", "ฝูงชน", "บทความ"], None),
        # a or b, then c on the mended tokens, in one chunk
        (["แอ", "ป", "บอ", "กว่า", "ฟอร์", "มิ", "ก", "นา", "ยมะ"], ["แอป", "บอก", "ว่า", "ฟอร์มิก", "นาย", "มะ"]),
        (["ค่า", "น้ำยาง", "ก็", "ดีขึ้น", "ที่", "ตั้งอยู่"], None),  # a domain term, stop words: kept
        (["ฟอร์", " ", "มิ", "12", "ซา", ":", "ลมะห์"], None),  # runs end at spaces, digits, marks
        ([], []),
        (["บอ"], ["บอ"]),
    ],
)
def test_postpass_fast_equals_python_on_thai_chunks(pieces, expected):
    python, fast = _both(pieces)
    assert fast == python
    if expected is not None:
        assert fast[1] == expected
    assert "".join(fast[1]) == "".join(pieces) and fast[0] == _cuts_of(fast[1])


_PIECES = ["นู", "ร", "ฮา", "แอ", "ป", "ฟอร์", "มิ", "ก", "ยา", "มี", "ละห์", "กรด", "สะ", "มะ", "ค่ะ", "ตี",
           "เรื่อ", "ง", "ซุฮ", "รี", "ทุกคน", "บอ", "กว่า", "พื้น", "ที่อื่น", "เอก", "สารสังเคราะห์", "ข้อ",
           "ความใน", "นา", "ยมะ", "ห้อง", "น้ำสะอาด", "ค่า", "น้ำยาง", "ก็", "ดีขึ้น", "ที่", "ตั้งอยู่", "มา",
           "ว่า", "เพื่อน", "ฝูงชน", "บทความ", "ต่อว่า", " ", ":", "12", "ๆ", "a", "ะ", "่"]


@given(st.lists(st.sampled_from(_PIECES), max_size=50))
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_postpass_fast_equals_python_on_any_pieces(pieces):
    python, fast = _both(pieces)
    assert fast == python


@pytest.mark.parametrize("pieces", [["กรด", " ", "ฟอร์"], ["มี", "กรด"], ["ซุฮ", ":", "12"], ["บอ", "กว่า"]])
def test_postpass_fast_gives_back_the_lists_when_nothing_joins(pieces):
    cuts, texts = _cuts_of(pieces), list(pieces)
    new_cuts, new_texts = tokenize_module._post_pass(cuts, texts, load_dictionary())
    assert new_cuts is cuts and new_texts is texts  # (rule c changes them in place)


@pytest.mark.parametrize(
    "text, code",
    [
        ("บอ", tokenize_module._BOUND | tokenize_module.MAY_GROW),
        ("กว่า", tokenize_module._WORD | tokenize_module.MAY_GIVE),
        ("ป", tokenize_module._FRAGMENT),
        ("12", tokenize_module._OTHER),
        ("น้ำยาง", tokenize_module._WORD),  # a domain term neither grows nor gives
    ],
)
def test_postpass_token_codes_are_class_and_rule_c_flags(text, code):
    codes = tokenize_module._TokenCodes(load_dictionary())
    assert codes.code(text) == code and codes.codes == {text: code}
    lexicon, readings = codes.lexicon, codes.readings
    assert code & 3 == lexicon.class_of(text)
    assert bool(code & tokenize_module.MAY_GROW) == (text in readings.extendable)
    assert bool(code & tokenize_module.MAY_GIVE) == (text in readings.splittable)


def test_postpass_fast_asks_each_pair_once():
    """A pair answered once is read from the kept answers; the compiled pass asks ``shift``
    only for pairs it has not seen."""
    codes = tokenize_module._TokenCodes(load_dictionary())
    asked = []

    def shift(first, second):
        asked.append((first, second))
        return codes.readings._best_shift(first, second)

    answers: dict = {}
    fast = compiled("tokenize")
    for _ in range(3):
        pieces = ["ยาย", "บอ", "กว่า", "ปวด", "บอ", "กว่า"]
        cuts, texts = fast.post_pass(_cuts_of(pieces), list(pieces), codes.codes, codes.code,
                                     tokenize_module._mend_run, codes.lexicon, answers, shift, True)
        assert texts == ["ยาย", "บอก", "ว่า", "ปวด", "บอก", "ว่า"]
        for first, second in asked:  # (shift keeps nothing here: the pass reads answers only)
            answers.setdefault(first, {})[second] = codes.readings._best_shift(first, second)
    assert asked == [("บอ", "กว่า"), ("บอ", "กว่า")]  # both in the first call, none after


def test_postpass_words_start_with_letters_on_the_shipped_tables():
    assert tokenize_module._token_codes(load_dictionary()).words_start_with_letters


@pytest.mark.parametrize("words, expected", [({"บอ", "กว่า", "เอก"}, True), ({"บอ", "ๆ"}, False),
                                             ({"บอ", "ATM"}, False), ({"บอ", " ก"}, False), (set(), True)])
def test_postpass_words_start_with_letters(words, expected):
    assert tokenize_module._start_with_letters(words) is expected


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_postpass_fast_skips_lookups_only_where_the_code_is_zero(pieces):
    """A token starting with a character no word starts with is not looked up: the tokens and
    the codes are those of the pass that looks every token up."""
    codes = tokenize_module._TokenCodes(load_dictionary())
    readings, fast = codes.readings, compiled("tokenize")
    results = []
    for skip in (True, False):
        cuts, texts = fast.post_pass(_cuts_of(pieces), list(pieces), codes.codes, codes.code, tokenize_module._mend_run,
                                     codes.lexicon, readings.answers, readings.shift, skip)
        results.append((cuts, texts))
    assert results[0] == results[1]
    for text in set(pieces):
        if text and not tokenize_module._THAI_WORD_CHARS.match(text):
            assert codes.code(text) == 0


def test_postpass_fast_same_tokens_when_the_kept_codes_are_emptied(monkeypatch):
    monkeypatch.setattr(tokenize_module, "_CLASS_CACHE_LIMIT", 8)
    pieces = ["แอ", "ป", "บอ", "กว่า", "ฟอร์", "มิ", "ก", "นา", "ยมะ", "ยาย"]
    python, fast = _both(pieces)
    assert fast == python
    assert len(tokenize_module._token_codes(load_dictionary()).codes) <= 8 + len(pieces)


# --- whole texts: the compiled tokenizer against the Python one ----------------------------------

def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp874", errors="replace")


def _python_tokenized(monkeypatch, text: str):
    with monkeypatch.context() as patch:
        patch.setattr(tokenize_module, "_fast", None)
        patch.setattr(tokenize_module, "_chunk_tokens", tokenize_module._python_chunk_tokens)
        return tokenize_module._tokenized(text, "nlpo3")


def test_postpass_fast_equals_python_on_the_corpus_and_labelled_sets(monkeypatch):
    paths = (sorted((ROOT / "corpora" / "demo").rglob("*.txt"))
             + sorted((ROOT / "tests" / "thai" / "fixtures").rglob("*.txt"))
             + sorted((ROOT / "tests" / "data" / "tokens").glob("*.tsv")))
    texts = [_read(path) for path in paths]
    assert len(texts) > 20
    fast = [tokenize_module._tokenized(text, "nlpo3") for text in texts]
    assert fast == [_python_tokenized(monkeypatch, text) for text in texts]


# --- name parts joined ---------------------------------------------------------------------------

def _joins_both(tokens: TokenList, entities, labels=("PERSON",)):
    fast = tokenize_module.join_name_parts(tokens, entities, labels)
    python = tokenize_module._python_join_name_parts(tokens, entities, labels)
    return ((python.boundaries, python.texts, python.pos, python is tokens),
            (fast.boundaries, fast.texts, fast.pos, fast is tokens))


@pytest.mark.parametrize(
    "text, names",
    [
        ("นางสาวมะนิง สะแลแม ขายกระจูด", ["มะนิง สะแลแม"]),
        ("นายอิบรอฮิม สะมะแอ ประธานกลุ่ม\nนางศิริพร แก้วมณี เป็นผู้บันทึก", ["อิบรอฮิม สะมะแอ", "ศิริพร แก้วมณี"]),
        ("ก๊ะยาวาฮี ดอเลาะ และบังมะ สะมะแอ ร่วมประชุม", ["ยาวาฮี ดอเลาะ", "มะ สะมะแอ"]),
        ("นายชาตรีพี่เลี้ยงเลย", ["ชาตรีพี่เลี้ยงเลย"]),  # a domain term inside: its cuts stay
        ("นางซาลมะห์\u00a0ดอเลาะ\tและสะมะแอ", ["ซาลมะห์\u00a0ดอเลาะ", "สะมะแอ"]),  # other spaces part names
        ("นายอิบรอฮิม ขาย", ["อิบรอฮิม"]),  # no cut inside: the same tokens come back
        ("", []),
    ],
)
def test_postpass_fast_name_joins_equal_python(text, names):
    tokens = tokenize_module.tokenize(text)
    entities = []
    for name in names:
        start = text.index(name)
        entities.append(Entity(start, start + len(name), name, "PERSON"))
    entities.append(Entity(0, len(text), text, "ORG"))  # another label: never joined
    python, fast = _joins_both(tokens, entities)
    assert fast == python


def test_postpass_fast_name_joins_keep_tags():
    tokens = TokenList("สะมะแอ ขาย", [0, 2, 4, 6, 7, 10], pos=["A", "B", "C", "D", "E"])
    python, fast = _joins_both(tokens, [Entity(0, 6, "สะมะแอ", "PERSON"), Entity(7, 10, "ขาย", "ORG")])
    assert fast == python and fast[0] == [0, 6, 7, 10] and fast[2] == ["A", "D", "E"]


_NAME_CHARS = st.sampled_from(["สะ", "มะ", "แอ", "ซา", "ลมะห์", "ดอ", "เลาะ", "พี่เลี้ยง", "ขาย", " ", "\u00a0", "\n",
                               "a", "1", "ก", "่"])


@st.composite
def tokens_and_entities(draw):
    text = "".join(draw(st.lists(_NAME_CHARS, max_size=20)))
    inner = sorted(set(draw(st.lists(st.integers(1, max(len(text) - 1, 1)), max_size=15))) - {len(text)})
    bounds = [0, *[c for c in inner if 0 < c < len(text)], len(text)] if text else [0]
    spans = draw(st.lists(st.tuples(st.integers(-2, len(text) + 2), st.integers(-2, len(text) + 2),
                                    st.sampled_from(["PERSON", "PERSON", "ORG"])), max_size=5))
    entities = [Entity(start, end, "", label) for start, end, label in spans]
    pos = draw(st.one_of(st.none(), st.just([f"T{i}" for i in range(max(len(bounds) - 1, 0))])))
    return TokenList(text, bounds, pos=pos if text else None), entities


@given(tokens_and_entities())
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_postpass_fast_name_joins_equal_python_on_any_tokens(case):
    tokens, entities = case
    python, fast = _joins_both(tokens, entities)
    assert fast == python


def test_postpass_fast_name_joins_equal_python_on_the_corpus():
    for path in sorted((ROOT / "corpora" / "demo").rglob("*.txt"))[:40]:
        doc = analyze(_read(path))
        python, fast = _joins_both(doc.tokens, doc.entities)
        assert fast == python, path.name

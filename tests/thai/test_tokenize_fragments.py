"""Tokens that do not fall apart: unknown words kept whole, name parts joined, programme terms
whole, and the fragment rate measured on a labelled set (``tests/data/tokens``)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.thai import analyze, tokenize
from synthesis.thai.dictionary import load_dictionary
from synthesis.thai.spans import Entity

tokenize_module = importlib.import_module("synthesis.thai.tokenize")
ROOT = Path(__file__).resolve().parents[2]


def _bench():
    name = "token_fragments_bench"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "token_fragments.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _mend(pieces: list[str]) -> list[str]:
    cuts = [0]
    for piece in pieces:
        cuts.append(cuts[-1] + len(piece))
    new_cuts, texts = tokenize_module._mend_fragments(cuts, list(pieces), load_dictionary())
    assert "".join(texts) == "".join(pieces)
    assert [b - a for a, b in zip(new_cuts, new_cuts[1:])] == list(map(len, texts))
    assert set(new_cuts) <= set(cuts)  # cuts are only ever removed
    return texts


# --- the rule, on the engine's pieces --------------------------------------------------------

@pytest.mark.parametrize(
    "pieces, expected",
    [
        # a. a bare consonant closes the open syllable before it
        (["คนขับ", "ผ่าน", "แอ", "ป", "ยัง"], ["คนขับ", "ผ่าน", "แอป", "ยัง"]),
        (["เรื่อ", "ง"], ["เรื่อง"]),
        (["บิล", "หี", "ม"], ["บิลหีม"]),
        # … not a closed one: รณรงค์ is a word, น stays for rule b
        (["รณรงค์", "น"], ["รณรงค์", "น"]),
        # b. a fragment takes in fragments and bound syllables, stopping at free words
        (["ฟอร์", "มิ", "ก", "ตาม"], ["ฟอร์มิก", "ตาม"]),
        (["นู", "ร", "ฮา", "ยา", "ตี"], ["นูรฮายาตี"]),
        (["อิบรอ", "ฮิ", "ม"], ["อิบรอฮิม"]),
        (["เจ๊ะ", "หมา", "น"], ["เจ๊ะหมาน"]),
        (["ละหมาด", "ซุฮ", "รี", "ทุกคน"], ["ละหมาด", "ซุฮรี", "ทุกคน"]),
        (["คุต", "บะห์", "วัน", "ศุกร์"], ["คุตบะห์", "วัน", "ศุกร์"]),
        # a joined piece that is a word stops growing
        (["ระ", "บบ", "บริหาร"], ["ระบบ", "บริหาร"]),
        # titles and stop words are never taken in
        (["นาง", "ศิ", "ริ", "พร"], ["นาง", "ศิริพร"]),
        (["แอ", "ป", "ค่ะ"], ["แอป", "ค่ะ"]),
    ],
)
def test_tokenize_mend_joins_pieces_of_unknown_words(pieces, expected):
    assert _mend(pieces) == expected


@pytest.mark.parametrize(
    "pieces",
    [
        ["ยาย", "มี", "ยา", "กิน"],  # known words are never joined to each other
        ["สะ", "มะ", "แอ"],  # a name of known syllables: left to join_name_parts
        ["ฟอร์", " ", "มิ"],  # runs end at whitespace …
        ["ซา", "2", "ลมะห์"],  # … digits …
        ["ฮา", "(", "ลมะห์", ")", "ยา"],  # … and punctuation
        ["ส", ":", " ", "ตอนแรก"],  # a speaker's letter stands alone
        ["ณ", " ", "ห้อง"],
        ["abc", "ๆ", "ฯ"],
        [],
    ],
)
def test_tokenize_mend_leaves_words_and_lone_pieces(pieces):
    assert _mend(pieces) == pieces


@pytest.mark.parametrize(
    "text, expected",
    [
        ("นางสาวนูรฮายาตี หะมะ", ["นางสาว", "นูรฮายาตี", "หะ", "มะ"]),
        ("ใช้คลอร์ไพริฟอสกำจัดแมลง", ["ใช้", "คลอร์ไพริฟอส", "กำจัด", "แมลง"]),
        ("ดูคลิปในทิกทอก", ["ดู", "คลิป", "ใน", "ทิกทอก"]),
        ("เรื่องกปท.บาละ", ["เรื่อง", "กปท.", "บาละ"]),
    ],
)
def test_tokenize_keeps_unknown_words_whole(text, expected):
    assert [t.text for t in tokenize(text) if not t.is_space] == expected


def _read(pieces: list[str]) -> list[str]:
    cuts = [0]
    for piece in pieces:
        cuts.append(cuts[-1] + len(piece))
    texts = list(pieces)
    tokenize_module._prefer_common_reading(cuts, texts, load_dictionary())
    assert "".join(texts) == "".join(pieces) and all(texts)
    assert [b - a for a, b in zip(cuts, cuts[1:])] == list(map(len, texts))
    return texts


@pytest.mark.parametrize(
    "pieces, expected",
    [
        (["ยาย", "บอ", "กว่า", "ปวด"], ["ยาย", "บอก", "ว่า", "ปวด"]),
        (["พื้น", "ที่อื่น"], ["พื้นที่", "อื่น"]),
        (["ต้อง", "มี", "ห้อง", "น้ำสะอาด"], ["ต้อง", "มี", "ห้องน้ำ", "สะอาด"]),
        (["ใส่", "ถุง", "มือจับ"], ["ใส่", "ถุงมือ", "จับ"]),
        (["และ", "นา", "ยมะ"], ["และ", "นาย", "มะ"]),
        # two pairs in a row: the second sees the first's new word
        (["เอก", "สารสังเคราะห์", "ข้อ", "ความใน"], ["เอกสาร", "สังเคราะห์", "ข้อความ", "ใน"]),
    ],
)
def test_tokenize_common_reading_of_two_words(pieces, expected):
    assert _read(pieces) == expected


@pytest.mark.parametrize(
    "pieces",
    [
        ["ค่า", "น้ำยาง"],  # น้ำยาง is a domain term
        ["ทำงาน", "มา", "กว่า"],  # มาก|ว่า is not clearly more common
        ["ก็", "ดีขึ้น"],  # a stop word grows only on far more evidence
        ["ที่", "ตั้งอยู่"],
        ["ตา", "พร่ามัว"],
        ["บอ", " ", "กว่า"],  # not a pair of adjacent words
        ["ฟอร์มิก", "กว่า"],
        [],
        ["บอ"],
    ],
)
def test_tokenize_common_reading_leaves_the_engine_reading(pieces):
    assert _read(pieces) == pieces


@pytest.mark.parametrize(
    "text, term",
    [
        ("กองทุนสุขภาพตำบลบาละสนับสนุนงบ", "กองทุนสุขภาพตำบล"),
        ("อาสาสมัครอาชีวอนามัยสำรวจความเสี่ยง", "อาสาสมัครอาชีวอนามัย"),
        ("โครงการสร้างเสริมสุขภาวะแรงงาน", "สร้างเสริมสุขภาวะ"),
        ("ผู้กรีดยางใช้กรดฟอร์มิกแทน", "ฟอร์มิก"),
        ("สมาชิกห้ามใช้พาราควอตในสวน", "พาราควอต"),
        ("โครงการพัฒนาหน่วยบริการชุมชน", "โครงการ"),
        ("ทุกครั้งโครงการสะดุด", "โครงการ"),
        ("แกนนำเสนอให้บรรจุในแผน", "แกนนำ"),
        ("ข้อมูล ณ ต.ค. 2566", "ต.ค."),
        ("ใช้เงินซะกาตช่วยส่งเงินสมทบ", "ซะกาต"),
    ],
)
def test_tokenize_programme_terms_are_whole(text, term):
    assert term in [t.text for t in tokenize(text)]


@given(st.lists(st.sampled_from(["นู", "ร", "ฮา", "แอ", "ป", "ฟอร์", "มิ", "ก", "ยา", "มี", "ละห์", "กรด",
                                 "สะ", "มะ", "ค่ะ", " ", "\n", ":", "(", "12", "ะ", "่", "ำ", "เ", "ๆ", "a"]),
                max_size=30).map("".join))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tokenize_mend_only_removes_cuts_inside_thai_runs(text):
    with pytest.MonkeyPatch.context() as patch:  # the rules one by one: on the Python path
        patch.setattr(tokenize_module, "_fast", None)
        patch.setattr(tokenize_module, "_chunk_tokens", tokenize_module._python_chunk_tokens)
        patch.setattr(tokenize_module, "_prefer_common_reading", lambda cuts, texts, dictionary: None)
        mended = tokenize_module.token_boundaries(text)
        patch.setattr(tokenize_module, "_mend_fragments", lambda cuts, texts, dictionary: (cuts, texts))
        engine = tokenize_module.token_boundaries(text)
    assert set(mended) <= set(engine)
    for cut in set(engine) - set(mended):  # a removed cut had Thai letters on both sides
        assert tokenize_module._THAI_WORD_CHARS.fullmatch(text[cut - 1 : cut + 1])


def test_tokenize_mend_same_in_pure_python(monkeypatch):
    text = (ROOT / "tests" / "data" / "tokens" / "segmentation.tsv").read_text("utf-8")
    compiled = tokenize_module.token_boundaries(text)
    monkeypatch.setattr(tokenize_module, "_fast", None)
    monkeypatch.setattr(tokenize_module, "_chunk_tokens", tokenize_module._python_chunk_tokens)
    assert tokenize_module.token_boundaries(text) == compiled


def test_tokenize_version_says_the_rule_changed():
    assert tokenize_module.TOKENIZER_VERSION == "2"


# --- name parts joined ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("นางสาวมะนิง สะแลแม ขายกระจูด", ["นางสาว", "มะนิง", "สะแลแม", "ขาย", "กระจูด"]),
        ("นายอิบรอฮิม สะมะแอ ประธานกลุ่ม", ["นาย", "อิบรอฮิม", "สะมะแอ", "ประธาน", "กลุ่ม"]),
        ("นางศิริพร แก้วมณี เป็นผู้บันทึก", ["นาง", "ศิริพร", "แก้วมณี", "เป็น", "ผู้บันทึก"]),
    ],
)
def test_tokenize_join_name_parts_after_analyze(text, expected):
    doc = analyze(text)
    joined = tokenize_module.join_name_parts(doc.tokens, doc.entities)
    assert [t.text for t in joined if not t.is_space] == expected
    assert "".join(joined.texts) == doc.text
    for entity in doc.entities:  # every entity still starts and ends on token boundaries it had
        if entity.start in doc.tokens.boundaries:
            assert entity.start in joined.boundaries
        if entity.end in doc.tokens.boundaries:
            assert entity.end in joined.boundaries


def test_tokenize_join_name_parts_stops_at_domain_terms():
    text = "นายชาตรีพี่เลี้ยงเลย"  # a name read too far by an entity finder
    tokens = tokenize(text)
    joined = tokenize_module.join_name_parts(tokens, [Entity(3, len(text), text[3:], "PERSON")])
    assert [t.text for t in joined] == ["นาย", "ชาตรี", "พี่เลี้ยง", "เลย"]


def test_tokenize_join_name_parts_keeps_tags_and_ignores_other_labels():
    tokens = tokenize_module.TokenList("สะมะแอ ขาย", [0, 2, 4, 6, 7, 10], pos=["A", "B", "C", "D", "E"])
    assert tokenize_module.join_name_parts(tokens, [Entity(0, 6, "สะมะแอ", "ORG")]) is tokens
    joined = tokenize_module.join_name_parts(tokens, [Entity(0, 6, "สะมะแอ", "PERSON")])
    assert joined.boundaries == [0, 6, 7, 10] and joined.pos == ["A", "D", "E"]


# --- measured on the labelled set ----------------------------------------------------------------

def test_tokenize_labelled_set_reads_cuts():
    rows = _bench().read_labelled()
    assert len(rows) >= 80 and {r.kind for r in rows} == {"name", "loan", "abbr", "term", "plain"}
    first = rows[0]
    assert first.text.startswith("ผู้เข้าร่วม: นางสาวนูรีซัน") and len("ผู้เข้าร่วม") in first.cuts


def test_tokenize_labelled_file_errors_name_the_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# note\nname\tนาง| ซาลมะห์\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2: '\|' next to whitespace"):
        _bench().read_labelled(bad)


def test_tokenize_fragment_rate_on_the_labelled_set():
    bench = _bench()
    rows = bench.read_labelled()
    scores = bench.score_labelled(rows)
    # words other than names: no fragment at all where the rule or the dictionary applies
    for kind in ("abbr", "term", "plain"):
        assert scores[kind].fragments == 0, scores[kind].examples
        assert scores[kind].precision == 1.0
    assert scores["loan"].per_thousand < 80 and scores["loan"].precision >= 0.95
    assert scores["all"].recall >= 0.98
    joined = bench.score_labelled(rows, bench.boundaries_with_names_joined)
    assert joined["name"].per_thousand < 60 and joined["name"].precision >= 0.9
    assert joined["all"].per_thousand < scores["all"].per_thousand / 3


def test_tokenize_fragment_rate_on_the_held_out_set():
    bench = _bench()
    rows = bench.read_labelled(ROOT / "tests" / "data" / "tokens" / "segmentation_heldout.tsv")
    assert len(rows) >= 30
    scores = bench.score_labelled(rows)
    assert scores["abbr"].fragments == scores["term"].fragments == 0
    assert scores["all"].per_thousand < 160 and scores["all"].precision >= 0.88
    joined = bench.score_labelled(rows, bench.boundaries_with_names_joined)
    assert joined["name"].per_thousand < 30
    assert joined["all"].per_thousand < 50 and joined["all"].precision >= 0.95 and joined["all"].recall >= 0.97


def test_tokenize_fragment_score_counts_parts_of_labelled_tokens():
    bench = _bench()
    row = bench.Labelled("loan", "ใช้กรดฟอร์มิก", frozenset({3, 6}))
    split = bench.score_labelled([row], lambda text: [0, 3, 6, 10, 12, 13])  # ใช้|กรด|ฟอร์|มิ|ก
    assert (split["all"].fragments, split["all"].thai_tokens) == (3, 5)
    assert split["all"].precision == pytest.approx(2 / 4) and split["all"].recall == 1.0
    whole = bench.score_labelled([row], lambda text: [0, 3, 6, 13])
    assert whole["all"].fragments == 0 and whole["all"].precision == 1.0


def test_tokenize_corpus_fragments_of_names_and_unknown_pieces():
    bench = _bench()
    text = "นางซาลมะห์ ดอเลาะ ใช้กรดฟอร์ ส: ดี"
    tokens = [(0, 3), (3, 5), (5, 10), (11, 13), (13, 17), (18, 21), (21, 24), (24, 28), (29, 30), (30, 31), (32, 34)]
    count, found = bench.document_fragments(text, tokens, [(3, 17)], bench.word_list())
    assert count == 10
    assert [(text[s:e], kind) for s, e, kind in found] == [
        ("ซา", "name"), ("ลมะห์", "name"), ("ดอ", "name"), ("เลาะ", "name"), ("ฟอร์", "word")]


# --- the post-pass's shortcuts give the same tokens as the plain rules -----------------------------

def _plain_prefer_common_reading(cuts: list[int], texts: list[str]) -> None:
    """Rule c asked of every adjacent pair, left to right (what the prefiltered pass must equal)."""
    readings = tokenize_module._readings(load_dictionary())
    for index in range(len(texts) - 1):
        size = readings.shift(texts[index], texts[index + 1])
        if size:
            first, second = texts[index], texts[index + 1]
            texts[index], texts[index + 1] = first + second[:size], second[size:]
            cuts[index + 1] += size


def _plain_mend_fragments(cuts: list[int], texts: list[str]) -> tuple[list[int], list[str]]:
    """Rules a and b on every run of Thai-letter tokens, without the shortcuts."""
    lexicon = tokenize_module._lexicon(load_dictionary())
    classes = [lexicon.classify(text) for text in texts]
    new_cuts, new_texts, start = [], [], 0
    while start < len(texts):
        end = start + 1
        if classes[start] != tokenize_module._OTHER:
            while end < len(texts) and classes[end] != tokenize_module._OTHER:
                end += 1
        position = start
        for size, text in tokenize_module._mend_run(texts[start:end], classes[start:end], lexicon):
            new_cuts.append(cuts[position])
            new_texts.append(text)
            position += size
        start = end
    return new_cuts + cuts[len(texts):], new_texts


_READING_PIECES = ["บอ", "กว่า", "พื้น", "ที่อื่น", "เอก", "สารสังเคราะห์", "ข้อ", "ความใน", "นา", "ยมะ",
                   "ห้อง", "น้ำสะอาด", "ถุง", "มือจับ", "ยาย", "ปวด", "ค่า", "น้ำยาง", "ก็", "ดีขึ้น", "ที่",
                   "ตั้งอยู่", "มา", "ว่า", "ก", "สาร", "กว่าที่", "ความ", " ", "12", "ฟอร์", "มิ", "แอ", "ป",
                   "เพื่อน", "ฝูงชน", "บทความ", "ซ่อง", "เสพติด", "ต่อว่า"]


def _cuts_of(pieces: list[str]) -> list[int]:
    cuts = [0]
    for piece in pieces:
        cuts.append(cuts[-1] + len(piece))
    return cuts


@given(st.lists(st.sampled_from(_READING_PIECES), max_size=40))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tokenize_common_reading_prefilter_same_as_every_pair(pieces):
    cuts, texts = _cuts_of(pieces), list(pieces)
    plain_cuts, plain_texts = list(cuts), list(texts)
    tokenize_module._prefer_common_reading(cuts, texts, load_dictionary())
    _plain_prefer_common_reading(plain_cuts, plain_texts)
    assert (cuts, texts) == (plain_cuts, plain_texts)


@pytest.mark.parametrize(
    "pieces",
    [
        ["บอ", "กว่า", "บอ", "กว่า"],
        ["เอก", "สารสังเคราะห์", "ข้อ", "ความใน", "บอ", "กว่า"],
        ["นา", "ยมะ", "นา", "ยมะ", "ยาย"],
        # a moved cut makes the next pair a candidate it was not: เพื่อนฝูง|ชนบท|ความ
        ["เพื่อน", "ฝูงชน", "บทความ"],
        ["ซ่อง", "เสพติด", "ต่อว่า", "บอ", "กว่า"],
    ],
)
def test_tokenize_common_reading_prefilter_same_on_runs_of_pairs(pieces):
    cuts, texts = _cuts_of(pieces), list(pieces)
    plain_cuts, plain_texts = list(cuts), list(texts)
    tokenize_module._prefer_common_reading(cuts, texts, load_dictionary())
    _plain_prefer_common_reading(plain_cuts, plain_texts)
    assert (cuts, texts) == (plain_cuts, plain_texts) and texts != pieces


@given(st.lists(st.sampled_from(["นู", "ร", "ฮา", "แอ", "ป", "ฟอร์", "มิ", "ก", "ยา", "มี", "ละห์", "กรด", "สะ",
                                 "มะ", "ค่ะ", "ตี", "เรื่อ", "ง", "ซุฮ", "รี", "ทุกคน", " ", ":", "12", "ๆ", "a"]),
                max_size=40))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tokenize_mend_shortcuts_same_as_every_run(pieces):
    cuts = _cuts_of(pieces)
    assert tokenize_module._mend_fragments(list(cuts), list(pieces), load_dictionary()) == \
        _plain_mend_fragments(cuts, list(pieces))


@pytest.mark.parametrize("pieces", [["กรด", " ", "ฟอร์"], ["มี", "กรด"], ["ซุฮ", ":", "12"]])
def test_tokenize_mend_gives_back_the_lists_when_nothing_joins(pieces):
    cuts, texts = _cuts_of(pieces), list(pieces)
    new_cuts, new_texts = tokenize_module._mend_fragments(cuts, texts, load_dictionary())
    assert new_cuts is cuts and new_texts is texts


@pytest.mark.parametrize(
    "text",
    ["นางสาวมะนิง สะแลแม ขายกระจูด", "นายอิบรอฮิม สะมะแอ ประธานกลุ่ม\nนางศิริพร แก้วมณี เป็นผู้บันทึก",
     "ก๊ะยาวาฮี ดอเลาะ และบังมะ สะมะแอ ร่วมประชุม", ""],
)
def test_tokenize_join_name_parts_strings_match_the_text(text):
    doc = analyze(text)
    joined = tokenize_module.join_name_parts(doc.tokens, doc.entities)
    fresh = tokenize_module.TokenList(joined.text, joined.boundaries)
    assert joined.texts == fresh.texts  # the carried strings are the slices of the text


def test_tokenize_join_name_parts_strings_of_adjacent_and_separate_joins():
    tokens = tokenize_module.TokenList("สะมะแอ ขาย", [0, 2, 4, 6, 7, 10], texts=["สะ", "มะ", "แอ", " ", "ขาย"])
    joined = tokenize_module.join_name_parts(
        tokens, [Entity(0, 6, "สะมะแอ", "PERSON"), Entity(7, 10, "ขาย", "PERSON")])
    assert joined.texts == ["สะมะแอ", " ", "ขาย"] and joined.boundaries == [0, 6, 7, 10]
    assert tokenize_module._joined_texts(list("abcdef"), "abcdef", [0, 1, 2, 3, 4, 5, 6], [1, 4, 5]) == \
        ["ab", "c", "def"]


def test_tokenize_join_name_parts_name_without_inner_cut_is_unchanged():
    tokens = tokenize("นายอิบรอฮิม ขาย")
    start = tokens.boundaries[1]
    end = tokens.boundaries[2]
    person = Entity(start, end, tokens.text[start:end], "PERSON")
    assert tokenize_module.join_name_parts(tokens, [person]) is tokens

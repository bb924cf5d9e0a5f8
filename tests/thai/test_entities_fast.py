"""The compiled loops of the rule entities (``_fast_entities.pyx``) give what their Python
twins give: the same rows, spans, values and order.

Each module keeps its Python path callable (``scan._python_scan``,
``numbers._python_quantity_rows``, ``dates._python_date_starts``, ``places._python_candidates``,
``persons._python_person_rows``, ``entities._python_resolve_rows`` and
``entities._python_snapped_entities``); these tests run both on the demo corpus, the entity
fixtures, hand-written Thai edge cases and random Thai/Latin/digit/mark strings.
"""

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from synthesis.thai import dates, entities, numbers, orgs, persons, places, scan
from synthesis.thai.accel import compiled
from synthesis.thai.normalize import normalize
from synthesis.thai.tokenize import tokenize

pytestmark = pytest.mark.skipif(compiled("entities") is None, reason="_fast_entities is not built")

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
_MODULES = (scan, numbers, dates, places, orgs, persons, entities)


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # the demo corpus holds legacy Thai files too
        return data.decode("cp874", errors="replace")


def _documents() -> list[str]:
    demo = sorted(p for p in (ROOT / "corpora" / "demo").rglob("*") if p.suffix.lower() in (".txt", ".md"))
    texts = [_decoded(p) for p in demo]
    for fixture in sorted(FIXTURES.glob("entities_*.txt")):
        texts += [line for line in fixture.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [normalize(text).text for text in texts]


DOCUMENTS = _documents()


def _python_entities(text, tokens=None):
    """``find_entities`` with every compiled twin switched off."""
    with pytest.MonkeyPatch.context() as patch:
        for module in _MODULES:
            patch.setattr(module, "_fast", None)
        patch.setattr(scan, "_last", None)
        found = entities.find_entities(text, tokens)
    scan._last = None
    return found


def _compiled_entities(text, tokens=None):
    scan._last = None
    return entities.find_entities(text, tokens)


def _HAS_A_MARK(word):
    return any("\u0e31" <= ch <= "\u0e4e" for ch in word)


def _same_scan(text):
    python, fast = scan._python_scan(text), scan._compiled_scan(text)
    assert fast.digit_runs == python.digit_runs
    assert {name: sorted(spans) for name, spans in fast._raw.items()} == {
        name: sorted(spans) for name, spans in python._raw.items()
    }
    assert set(fast._raw) == set(python._raw) and len(fast._raw) == len(python._raw)
    for name in python._raw:
        assert fast.words(name) == python._python_words(name, None)
        assert fast.words(name, _HAS_A_MARK) == python._python_words(name, _HAS_A_MARK)
        assert sorted(fast.occurrences(name)) == sorted(python.occurrences(name))
        assert fast.ordered(name) == python.ordered(name)
    return fast


def _fields(found_places):
    """The fields of ``places._Found`` objects (or of the compiled path's ``PlaceFound``)."""
    return [(f.start, f.end, f.level, f.name, f.candidates, f.unit, f.attrs) for f in found_places]


def _same_rows(text, tokens=None):
    """Every compiled finder equals its Python twin on ``text``; returns the scan."""
    found = _same_scan(text)
    assert numbers.quantity_rows(text, found) == numbers._python_quantity_rows(text, found)
    assert dates._date_starts(text, found) == dates._python_date_starts(text, found)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_fast", None)
        python_dates = dates.date_rows(text, found)
    assert dates.date_rows(text, found) == python_dates
    triggers = found.words("places")
    candidates, python_candidates = places._candidates(text, triggers), places._python_candidates(text, triggers)
    assert _fields(candidates) == _fields(python_candidates)
    with_bare = places._with_bare_districts(text, candidates, found)
    python_with_bare = places._python_with_bare_districts(text, python_candidates, found)
    assert _fields(with_bare) == _fields(python_with_bare)
    places._resolve(text, with_bare)
    places._python_resolve(text, python_with_bare)
    assert _fields(with_bare) == _fields(python_with_bare)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(places, "_fast", None)
        python_places = places.place_rows(text, found)
    assert places.place_rows(text, found) == python_places
    assert persons.person_rows(text, tokens, found) == persons._python_person_rows(text, tokens, found)
    assert orgs.org_rows(text, found) == orgs._python_org_rows(text, found)
    rows = (
        dates.date_rows(text, found) + numbers.quantity_rows(text, found) + places.place_rows(text, found)
        + orgs.org_rows(text, found) + persons.person_rows(text, tokens, found)
    )
    kept = entities._resolve_rows(rows)
    assert kept == entities._python_resolve_rows(rows)
    assert entities._snapped_entities(text, kept) == entities._python_snapped_entities(text, kept)
    return found


def test_entities_fast_every_demo_and_fixture_document_gives_the_python_rows():
    assert len(DOCUMENTS) > 50
    for text in DOCUMENTS:
        _same_rows(text)


def test_entities_fast_every_demo_document_gives_the_python_entities_with_tokens():
    for text in DOCUMENTS[:60]:
        tokens = tokenize(text)
        _same_rows(text, tokens)
        assert _compiled_entities(text, tokens) == _python_entities(text, tokens)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "ร้อยละ 60 ของ 15 คน ๓ แห่ง 50,000 บาท 5 หมื่นบาท 1.5 ล้านบาท",
        "จำนวน ....12..... คน ..5...คน 5… คน 12. คน",
        "3-5 คน 5 - 6 หน่วย 40–400 บาท 50 -บาท 50,000.- บาท",
        "เวลา 09.00-12.00 น. และ เวลา 13.30 ถึง 15.00-16.00",
        "1) ข้อแรก\n2. ประเด็น\n  3) ข้อ\n- 4. หัวข้อ\n1.1. ย่อย",
        "BA.5 x5 5x 21/7/65 5/ 2:30 1,2345 12,345,678.90",
        "1.ประเด็น 2.พื้นที่ 15 คนงาน 15 คนี 7 หน่วยงาน",
        "วันที่ 11-12 กันยายน 2565 ๑๙-๒๐ เมย. ๖๒ 30 ก.ย. - 2 ต.ค. 2565 21-07-2565 1.2.2565",
        "วันที่4กันยายน2563 1 ถึงวันที่ 3 มค 65 วันที่ 1\n  มกราคม 2565 กันยายน 2563 ก.ย. 63",
        "31 กุมภาพันธ์ 2565 29 กุมภาพันธ์ 2563 29 ก.พ. 2643 29 ก.พ. 2000 1 มกราคม 2342 27 กุมภาพันธ์ 2013",
        "30 ธ.ค. - 2 ม.ค. 2566 12 - 10 มีนาคม 2565 5 มีนาคม พ. ศ. 2565 5 มี.ค. ค.ศ. 65 5 มี.ค. พ.\tศ. 2565",
        "21/13/65 31/4/2565 21.07.65 ๒๑/๗/๖๕ 1/1/2342 มิถุนายน 2343 ธันวาคม ๒๕๖๕",
        "ต.แค อ.จะนะ จ.สงขลา ตำบลโคกเคียน อำเภอเมืองนราธิวาส อบต.บาละ ทต.หนองจิก ทม.พัทลุง",
        "ที่จังหวัดยะลา5 ครั้ง จว.ยะลา เขตพระนคร แขวงวังบูรพาภิรมย์ รพ.สต.บ้านนา ศอ.บต.",
        "ตำบล และ อำเภอ เมือง จังหวัด สงขลาแล้ว เสงขลา หาดใหญ่ สะเดา ไปสงขลา",
        "รพ.ส\nต.บาละ ศอ.บ\nต.บาละ .ก\nจ.ยะลา ก.ข\nอ.จะนะ .กข\nต.แค \nต.แค",
        "อบต.เมือง ทต.เมืองยะลา อบต.ยะลา ทม.สงขลา เทศบาลนครหาดใหญ่ อบจ.ยะลา เขตหาดใหญ่ แขวงบาละ",
        "ตำบลโคกเคียน\n\nอำเภอตากใบ หาดใหญ่ จ.สงขลา\n \t\nตำบลโคกเคียน จ.พังงา หาดใหญ่ จะนะ",
        "นายสมชาย ใจดี -ผศ.ดร.แสงดาว ทองคำ โดยอาจารย์อรดี วงศ์ดี ได้กล่าวว่า",
        "นางสาวสุดารัตน์ ทองคำพี่เลี้ยง คุณอดุลย์เอาเงิน ก๊ะอยากบอกว่า บังหมัด ก๊ะยะห์",
        "-นายก ข -นางค ง นายกฮาซัน นายจ้าง นางพยาบาล คุณภาพ ผอ.รพ.สต. อ.หนองจิก",
        "ผอ.สสส. ผอ.สสสร้าง ผอ.สสส ร่วม ผอ.สปสช.เขต 12 อ.จะนะ อ.สมศรี ดีใจ ผอ.กองทุน นายสปสช ดี",
        "รายงานโดย นายสมศักดิ์ รักดี รายงานโดย ทีมงาน ว่าที่ ร.ต.สมชาย ดีมาก",
        "นายอับดุล เจะมะ ผู้ใหญ่บ้าน และ กำนันสมพร สุขใจ สปสช.เขต 12 สคร.12 พมจ.ยะลา",
        "สปสช.เขต12สงขลา สสส. สสสร้าง สสส สปสช เขต 12 สสจ.สงขลา สสจ. จังหวัดตรัง สสจ.ตรัง รพ.สต.บาละ",
        "อบต บาละ สคร 12 สคร.ที่ 12 พมจ จ.ยะลา กศน.อำเภอหนองจิก กศน.อ.หนองจิก รพ.สต",
        "สปสช.เขต 123 สปสช. เขต\t12 สปสช.ที่ 5 สคร.12 สคร. 1 สคร.  12 สปสช.เขต๑๒ สปสช.เขต 1๒3 สปสช.เขตยะลา",
        "สสจ. จังหวัดยะลา สสจ.จ. ยะลา สสจ.\tจ.ยะลา สสจ.  ยะลา สสจ.จังหวัด ยะลา สสจ.จังหวัดจังหวัดยะลา สสจ.จ.",
        "\ud800 จ.ยะลา 5 คน ต.\udfff",
        "ได้ 5\u0301 คน จ.ยะลา\u0301 ปี 👍🏽 5 คน",
        "๑,๒๐๐ บาท ๐๙.๓๐ น. ๕ หน่วย ๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕ คน",
        "123456789012345678 คน 1234567890123456789 คน ๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙ แห่ง 000 คน 007 กลุ่ม",
    ],
)
def test_entities_fast_hand_written_cases_match_python(text):
    _same_rows(text)
    _same_rows(text, tokenize(text))
    assert _compiled_entities(text) == _python_entities(text)


_PIECES = [
    "1", "12", "2565", "๑๙", "๕", "09.00", "50,000", "1.5", ".", "..", "…", ",", ")", "-", "–", "/", ":",
    " ", "\t", "\n", "\u00a0", "ร้อยละ", "คน", "หน่วย", "หน่วยงาน", "บาท", "หมื่นบาท", "%", "เปอร์เซ็นต์",
    "เวลา", "น.", "กันยายน", "ก.ย.", "กย", "มค", "เมย.", "พ.ศ.", "ถึงวันที่", "BA", "x", "•",
    "จ.", "อ.", "ต.", "อำเภอ", "ตำบล", "จังหวัด", "อบต.", "เทศบาลตำบล", "เขต", "สงขลา", "ยะลา", "หนองจิก",
    "บาละ", "เมือง", "หาดใหญ่", "โคกเคียน", "รพ.สต.", "สปสช.", "สสส", "นาย", "นางสาว", "ผศ.ดร.", "คุณ",
    "อาจารย์", "ก๊ะ", "นายก", "รายงานโดย", "สมชาย", "ใจดี", "ได้", "และ", "กล่าว", "ว่า", "ค่ะ",
    "ก", "ข", "เ", "ั", "่", "้", "ำ", "ะ", "า", "\u0301", "😀", "ฯ",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
@example("นายก ข จ.ยะลา5คน ร้อยละ.5")
@example("ต.ก่ ...5..คน 12-")
def test_entities_fast_random_thai_latin_strings_match_python(text):
    _same_rows(text)
    assert _compiled_entities(text) == _python_entities(text)
    tokens = tokenize(text)
    _same_rows(text, tokens)
    assert _compiled_entities(text, tokens) == _python_entities(text, tokens)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("กขคงจนมยรลวสหอะาำิีึืุู่้๊๋็์เแโใไๆฯ๐๑๒ 0123456789.,-/:\n")), max_size=80))
def test_entities_fast_random_characters_match_python(text):
    _same_rows(text)


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (["อ.", "ผอ.", "อำเภอ"], "ผอ.สมใจ ที่อำเภอ 12 คน"),
        (["ab", "b", "abc", "bc"], "xabcabx bcab"),
        (["กา", "กาก", "ากา"], "กากากาก"),
    ],
)
def test_entities_fast_scan_finds_overlapping_words_like_aho_corasick(words, text):
    scan.register("test_fast_scan", words)
    try:
        _same_scan(text)
    finally:
        scan.register("test_fast_scan", [])


def test_entities_fast_scan_falls_back_to_python_for_words_beyond_the_bmp():
    scan.register("test_fast_emoji", ["ดี👍", "ok"])
    try:
        text = "งานดี👍 ok 5 คน"
        assert scan._compiled_scan(text).words("test_fast_emoji") == [(3, 6), (7, 9)]
        assert scan._trie is False  # the compiled table holds the BMP only: the reference scanned it
    finally:
        scan.register("test_fast_emoji", [])
    assert scan._compiled_scan("ok").digit_runs == [] and scan._trie


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\n \tก.")), max_size=40))
def test_entities_fast_paragraph_breaks_are_those_of_the_regex(text):
    assert places._fast.paragraph_breaks(text) == places._paragraph_breaks(text)


def test_entities_fast_scan_occurrences_read_like_a_dict():
    found = scan._compiled_scan("อำเภอหนองจิก จ.ยะลา 5 คน")
    raw = found._raw
    assert "places" in raw and "no such finder" not in raw
    assert raw.get("no such finder") is None and raw.get("no such finder", ()) == ()
    with pytest.raises(KeyError):
        raw["no such finder"]
    assert raw["places"] is raw.get("places")  # made once
    assert dict(raw.items()).keys() == set(raw.keys()) == set(raw)
    assert found.words("places") == [(0, 5), (13, 15), (15, 19)]  # อำเภอ, จ., ยะลา


_ROWS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(entities.LABEL_PRIORITY + ("OTHER",))).map(
        lambda t: (t[0], t[0] + t[1], t[2], "value", "rule", {})
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(_ROWS)
@example([(0, 4, "NUMBER", 1, "rule", {}), (2, 6, "COUNT", 2, "rule", {}), (2, 6, "DATE", 3, "rule", {})])
def test_entities_fast_overlaps_resolve_like_python(rows):
    # equal spans and equal lengths: the label's rank, then the earlier start, then the finders' order
    fast = entities._resolve_rows(rows)
    python = entities._python_resolve_rows(rows)
    assert [id(row) for row in fast] == [id(row) for row in python]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("กเแาำะิ่้ \r\n\u200d\u0301") + ["👍", "🏽", "🇹", "🇭"]), min_size=1, max_size=20),
       st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=6))
def test_entities_fast_snapping_gives_the_python_spans(text, spans):
    ends = sorted({min(a, len(text)) for a, _ in spans} | {min(b, len(text)) for _, b in spans})
    rows = [(start, end, "NUMBER", 1, "rule", {}) for start, end in zip(ends, ends[1:])]  # non-empty spans
    assert entities._snapped_entities(text, rows) == entities._python_snapped_entities(text, rows)


@pytest.mark.parametrize(
    ("start", "end", "text", "label", "value", "source", "attrs"),
    [
        (0, 11, "4 ก.ย. 2563", "DATE", "2020-09-04", "rule", {"era": "BE"}),
        (3, 13, "สมชาย ใจดี", "PERSON", "สมชาย ใจดี", "rule", {"title": "นาย", "surname": "ใจดี"}),
        (5, 10, "15 คน", "COUNT", 15, "rule", {"unit": "คน"}),
        (0, 4, "ยะลา", "PLACE", None, "gazetteer", {}),
    ],
)
def test_entities_fast_entity_maker_makes_equal_frozen_entities(start, end, text, label, value, source, attrs):
    from dataclasses import FrozenInstanceError

    from synthesis.thai.spans import Entity

    maker = entities._entity_maker()
    assert maker.direct  # the slots are written in place, not through Entity(...)
    made = maker(start, end, text, label, value, source, attrs)
    expected = Entity(start, end, text, label, value, source, attrs)
    assert type(made) is Entity and made == expected and repr(made) == repr(expected)
    assert made.attrs is attrs  # the row's own dict, as Entity(...) keeps it
    with pytest.raises(FrozenInstanceError):
        made.start = 99


def test_entities_fast_entity_maker_calls_a_class_without_slots():
    from dataclasses import dataclass

    @dataclass
    class Plain:  # no __slots__: no member descriptors to write through
        start: int
        end: int
        text: str
        label: str
        value: object = None
        source: str = "rule"
        attrs: dict = None

    maker = entities._fast.EntityMaker(Plain)
    assert not maker.direct
    assert maker(0, 4, "ยะลา", "PLACE", "ยะลา", "gazetteer", {}) == Plain(0, 4, "ยะลา", "PLACE", "ยะลา", "gazetteer", {})


@pytest.mark.parametrize("text", ["ร้อยละ 60", "ร้อยละ\t \t5 และร้อยละ", "ร้อยละ", "ร้อยละ๕๐ ร้อยละ 3-5", "คิดเป็นร้อยละ  ..5.."])
def test_entities_fast_after_percent_word_positions_match_python(text):
    found = scan._compiled_scan(text)
    assert numbers._fast.after_percent_word(text, found.words("percent_word")) == numbers._after_percent_word(text, found)
    assert found.occurrences("percent_word") == [(start, -neg_end) for start, neg_end in found._raw.get("percent_word", ())]


@pytest.mark.parametrize(
    "text",
    [
        "ร้อยละ 60 ของ 15 คน ๓ แห่ง 50,000 บาท", "วันที่ 11-12 กันยายน 2565 21/7/65 ๑๙-๒๐ เมย. ๖๒", "12345 1 2 3", "ไม่มีตัวเลข", "",
        "ผอ.สสส. ผอ.สปสช.เขต 12 นายสมชาย ใจดี ผอ.กองทุน 1 มค 65",
    ],
)
def test_entities_fast_finders_read_the_spans_of_either_scan(text):
    python, fast = scan._python_scan(text), scan._compiled_scan(text)
    assert isinstance(python.runs, list) and fast.digit_runs == python.digit_runs == python.runs
    assert numbers.quantity_rows(text, python) == numbers.quantity_rows(text, fast)
    assert dates._date_starts(text, python) == dates._date_starts(text, fast)
    assert persons.person_rows(text, None, python) == persons.person_rows(text, None, fast)
    for name in ("day_months", "orgs", "persons"):
        assert fast.occurrence_array(name).as_list() == fast.occurrences(name)
        assert python.occurrence_array(name) == python.occurrences(name)


@pytest.mark.parametrize("cut", [16384, 32768, 65536])  # the scan's half block, block, two blocks
@pytest.mark.parametrize("before", [0, 1, 2, 3, 5, 8])
def test_entities_fast_scan_reads_words_across_its_halves_and_blocks(cut, before):
    # a trigger word, a digit run and a district name start just before where the compiled
    # scan splits the text (its two chains of reads, its blocks)
    filler = "ขข ๑ก " * (cut // 6 + 1)
    text = filler[: cut - before] + "จังหวัดยะลา12345 คน หาดใหญ่ ผศ.ดร.สมใจ" + filler[:50]
    _same_scan(text)
    _same_scan(text[: cut + 1])  # a second half one longer than the first
    _same_scan(text[: cut - 1])


def test_entities_fast_scan_of_long_documents_matches_python():
    text = "\n".join(DOCUMENTS)[:150_000]
    _same_scan(text)


_MANY_ROWS = st.lists(
    st.tuples(st.integers(0, 400), st.integers(0, 12), st.sampled_from(entities.LABEL_PRIORITY)).map(
        lambda t: (t[0], t[0] + t[1], t[2], "value", "rule", {})
    ),
    min_size=20,
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(_MANY_ROWS, st.integers(1, 6))
def test_entities_fast_many_rows_resolve_like_python(rows, runs):
    # as find_entities gives them: a few runs (one per finder), each sorted by start
    size = -(-len(rows) // runs)
    rows = [row for k in range(0, len(rows), size) for row in sorted(rows[k : k + size], key=lambda r: r[0])]
    fast = entities._resolve_rows(rows)
    python = entities._python_resolve_rows(rows)
    assert [id(row) for row in fast] == [id(row) for row in python]

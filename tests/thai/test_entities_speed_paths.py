"""The fast paths of the rule entities give what the plain finders give.

``find_entities`` scans the text once (``synthesis.thai.scan``), lets each finder return rows,
resolves overlaps on rows and builds only the kept entities. These tests pin that the result
is the one the public finders and :func:`resolve_overlaps` give, on the restructured cases:
a date over a number, a place after each prefix, a title and its name, glued forms.
"""

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from synthesis.thai import entities, graphemes, scan
from synthesis.thai.dates import find_dates
from synthesis.thai.entities import find_entities, resolve_overlaps
from synthesis.thai.numbers import find_quantities
from synthesis.thai.orgs import find_orgs
from synthesis.thai.persons import find_persons
from synthesis.thai.places import find_places
from synthesis.thai.spans import Entity
from synthesis.thai.tokenize import tokenize
from synthesis.thai.trie import trie_pattern

FIXTURES = Path(__file__).parent / "fixtures"


def _by_public_finders(text, tokens=None):
    """What find_entities gave before the shared scan: every finder, then one resolution."""
    found = find_dates(text) + find_quantities(text) + find_places(text) + find_orgs(text)
    found += find_persons(text, tokens)
    return [entities._snapped(text, e) for e in resolve_overlaps(found)]


def _summary(found):
    return [(e.label, e.text, e.value) for e in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("วันที่ 11 กันยายน 2565 มี 15 คน", [("DATE", "11 กันยายน 2565", "2022-09-11"), ("COUNT", "15 คน", 15)]),
        ("๑๙-๒๐ เมย. ๖๒ รวม ๓ แห่ง", [("DATE", "๑๙-๒๐ เมย. ๖๒", "2019-04-19"), ("COUNT", "๓ แห่ง", 3)]),
        ("ประชุม 21/7/65 จำนวน 5 หน่วย", [("DATE", "21/7/65", "2022-07-21"), ("COUNT", "5 หน่วย", 5)]),
        ("4 มค 2565 ร้อยละ 60", [("DATE", "4 มค 2565", "2022-01-04"), ("PERCENT", "ร้อยละ 60", 60)]),
        ("1 ถึงวันที่ 3 ม.ค. 65", [("DATE", "1 ถึงวันที่ 3 ม.ค. 65", "2022-01-01")]),
        ("วันที่ 1\n  มกราคม 2565", [("DATE", "1\n  มกราคม 2565", "2022-01-01")]),
        ("30 ก.ย. - 2 ต.ค. 2565 งบ 50,000 บาท", [("DATE", "30 ก.ย. - 2 ต.ค. 2565", "2022-09-30"), ("MONEY", "50,000 บาท", 50000)]),
        ("กันยายน 2563 มี 12 กลุ่ม", [("DATE", "กันยายน 2563", "2020-09-01"), ("COUNT", "12 กลุ่ม", 12)]),
        ("31 กุมภาพันธ์ 2565", [("NUMBER", "31", 31), ("NUMBER", "2565", 2565)]),  # no such day
    ],
)
def test_entities_speed_date_wins_over_its_numbers(text, expected):
    found = find_entities(text)
    assert _summary(found) == expected
    assert found == _by_public_finders(text)


@pytest.mark.parametrize(
    ("text", "span", "level"),
    [
        ("ที่จังหวัดยะลา5 ครั้ง", "จังหวัดยะลา", "province"),
        ("ที่ จ.ยะลา", "จ.ยะลา", "province"),
        ("ที่ จว.ยะลา", "จว.ยะลา", "province"),
        ("ที่อำเภอหนองจิก", "อำเภอหนองจิก", "amphoe"),
        ("ที่ อ.หนองจิก", "อ.หนองจิก", "amphoe"),
        ("ที่ตำบลบาละ", "ตำบลบาละ", "tambon"),
        ("ที่ ต.บาละ", "ต.บาละ", "tambon"),
        ("ที่ อบต.บาละ", "อบต.บาละ", "local_gov"),
        ("ที่ ทต.หนองจิก", "ทต.หนองจิก", "local_gov"),
        ("ที่ ทม.พัทลุง", "ทม.พัทลุง", "local_gov"),
        ("ที่เทศบาลตำบลบาละ", "เทศบาลตำบลบาละ", "local_gov"),
        ("ที่องค์การบริหารส่วนตำบลบาละ", "องค์การบริหารส่วนตำบลบาละ", "local_gov"),
        ("ที่ สงขลา และ", "สงขลา", "province"),
    ],
)
def test_entities_speed_place_after_each_prefix(text, span, level):
    found = find_entities(text)
    places = [e for e in found if e.label == "PLACE"]
    assert [(e.text, e.attrs["level"]) for e in places] == [(span, level)]
    assert found == _by_public_finders(text)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("โดยนายสมชาย ใจดี กล่าว", "สมชาย ใจดี", "นาย"),
        ("-นส.อารีรัตน์ ทองดี", "อารีรัตน์ ทองดี", "นส."),
        ("ผศ.ดร.แสงดาว ทองคำ ได้กล่าวว่า", "แสงดาว ทองคำ", "ผศ.ดร."),
        ("บังหมัด เล่าว่า", "หมัด", "บัง"),
        ("รายงานโดย สุดา ทองดี", "สุดา ทองดี", None),
    ],
)
def test_entities_speed_title_then_name(text, name, title):
    found = find_entities(text, tokenize(text))
    persons = [e for e in found if e.label == "PERSON"]
    assert [(e.text, e.attrs["title"]) for e in persons] == [(name, title)]
    assert found == _by_public_finders(text, tokenize(text))


@pytest.mark.parametrize(
    "text",
    [
        "ผอ.รพ.สต.บาละ",  # อ. and ต. inside abbreviations
        "อ.หนองจิก จ.ปัตตานี ผอ.กองสาธารณสุข",
        "สคร.12 และ สสจ.สงขลา ร่วมกับ อบต.โคกเคียน",
        "เวลา 09.00-12.00 น. มี 1) กลุ่มแรก 2.ประเด็น",
        "..5...คน และ ....12..... คน รวม 3-5 หน่วย",
        "ร้อยละ   60 และ 40–400 บาท BA.5 1477x1108",
        "",
        "   ",
        "😀 ๕ คน 😀",
    ],
)
def test_entities_speed_mixed_lines_match_the_public_finders(text):
    assert find_entities(text) == _by_public_finders(text)


def test_entities_speed_fixture_sentences_match_the_public_finders():
    lines = []
    for name in ("entities_gold.txt", "entities_heldout.txt"):
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                lines.append(re.sub(r"</?[A-Z]+>", "", line))
    text = "\n".join(lines)
    assert find_entities(text) == _by_public_finders(text)
    tokens = tokenize(text)
    assert find_entities(text, tokens) == _by_public_finders(text, tokens)


class _LazyTokens:
    """A token sequence that only offers its boundaries: building a Token fails the test."""

    def __init__(self, tokens):
        self.boundaries = [t.start for t in tokens] + [tokens[-1].end]

    def __len__(self):
        return len(self.boundaries) - 1

    def __getitem__(self, index):
        raise AssertionError("a Token was built")

    def __iter__(self):
        raise AssertionError("the tokens were iterated")


@pytest.mark.parametrize(
    "text", ["นายสมชาย วิมลภูษิตได้กล่าวว่า", "ผู้เข้าร่วม -นางสาวอารีรัตน์ ทองดีเป็นประธาน -นายก ข"]
)
def test_entities_speed_lazy_tokens_give_the_same_names(text):
    tokens = tokenize(text)
    assert find_entities(text, _LazyTokens(tokens)) == find_entities(text, tokens)


def test_entities_speed_entities_are_built_like_the_dataclass():
    text = "จำนวน 15 คน"
    built = entities._entity(text, 6, 11, "COUNT", 15, "rule", {"unit": "คน"})
    assert built == Entity(6, 11, "15 คน", "COUNT", 15, "rule", {"unit": "คน"})
    assert type(built) is Entity
    with pytest.raises(AttributeError):
        built.start = 0  # still frozen


@pytest.mark.parametrize("text", ["\ud800 จ.ยะลา 5 คน", "ต.\udfff"])
def test_entities_speed_lone_surrogates_are_scanned(text):
    assert find_entities(text) == _by_public_finders(text)


_WORDS = ["อ.", "ผอ.", "อำเภอ", "อบต.", "ต.", "รพ.สต.", "สต", "จังหวัด", "จ."]
_THAI_TEXT = st.text(alphabet=st.sampled_from(list("อผำเภบต.รพสจังหวัด 0123๔๕x")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(_THAI_TEXT)
def test_entities_speed_scan_words_are_those_of_a_trie_regex(text):
    scan.register("test_scan_words", _WORDS)
    found = scan.scan(text)
    assert found.words("test_scan_words") == [m.span() for m in re.finditer(trie_pattern(_WORDS), text)]
    assert found.digit_runs == [m.span() for m in re.finditer("[0-9๐-๙]+", text)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("ได้ 5\u0301 คน", "5\u0301"),  # a combining accent on the digit: the span takes it
        ("จ.ยะลา\u0301 ปี", "จ.ยะลา\u0301"),
    ],
)
def test_entities_speed_spans_take_a_combining_mark_that_follows(text, span):
    # The old check only knew Thai marks: "5" alone split "5\u0301" and analyze dropped it.
    found = find_entities(text)
    assert span in [e.text for e in found]
    assert all(graphemes.is_boundary(text, e.start) and graphemes.is_boundary(text, e.end) for e in found)


_QUANTITY_PIECES = [
    "1", "12", "2565", "๑๙", "09.00", "12.00", "50,000", "1.5", ".", "..", "…", ",", ")", "(", "-", "–", "/",
    " ", "  ", "\t", "\n", "ร้อยละ", "คน", "หน่วย", "หน่วยงาน", "บาท", "หมื่นบาท", "%", "เปอร์เซ็นต์", "เวลา", "น.",
    "กันยายน", "ก.ย.", "กย", "มค", "ม.ค", "เมย.", "พ.ศ.", "ค.ศ.", "ถึง", "ถึงวันที่", "BA", "x", "ที่", "กลุ่ม", "•",
]
_REPORTISH = st.lists(st.sampled_from(_QUANTITY_PIECES), max_size=25).map("".join)


def _quantities_the_slow_way(text):
    """Every digit run read with the full pattern, as before the fast path existed."""
    from synthesis.thai import numbers

    rows, last_end = [], 0
    for pos, end in scan.scan(text).digit_runs:
        if pos < last_end:
            continue
        row, last_end = numbers._read_at(text, pos, end, last_end)
        if row is not None:
            rows.append(row)
    return rows


@settings(max_examples=300, deadline=None)
@given(_REPORTISH)
@example("1) ข้อแรก\n2. ประเด็น\n  3) ข้อ")  # list markers
@example("5… คน ..5...คน 12. คน")  # form blanks
@example("ร้อยละ 5 ร้อยละ60 ร้อยละ  .7")
@example("3-5 คน 5 - 6 หน่วย 40–400 บาท 50 -บาท")  # ranges, money after a dash
@example("1,000 บาท 1.5 ล้านบาท 09.00-12.00 น. เวลา 13.30")  # thousands, decimals, clock times
@example("BA.5 x5 5x 21/7/65 5/ 2:30")  # codes
def test_entities_speed_number_fast_path_reads_like_the_full_pattern(text):
    from synthesis.thai import numbers

    assert numbers.quantity_rows(text, scan.scan(text)) == _quantities_the_slow_way(text)


@settings(max_examples=300, deadline=None)
@given(_REPORTISH)
@example("ประชุม 21-07-2565 และ 1.2.2565 และ 21/7/65")  # numeric dates
@example("11 - 12\n กันยายน 2565, 1 ถึงวันที่ 3 มค 65, 4มค2565")  # day, range, line break, month
@example("กันยายน 2563 และ ก.ย. 63")  # month and year only
def test_entities_speed_dates_tried_only_where_one_can_start(text):
    from synthesis.thai import dates

    found = scan.scan(text)
    every_start = sorted({s for s, _ in found.digit_runs} | {s for s, _ in found.words("months")})
    expected, last_end = [], 0
    for pos in every_start:  # the date pattern at every digit run and month word
        if pos >= last_end and (m := dates._DATE.match(text, pos)):
            expected.append(m.span())
            last_end = m.end()
    assert [m.span() for m in dates._date_matches(text, found)] == expected

"""The compiled rules of segment() (``_fast_segment.pyx``) give exactly what the Python rules give.

``segment.py`` keeps its pure-Python code as the reference (``_python_segment``,
``_rule_sentence_spans``); these tests compare both paths on the demo corpus, on hand-written
Thai edge cases of every rule (joining words, titled names, brackets, inline items,
punctuation after Latin words, clusters cut by a space, turns, continuations) and on random
Thai/Latin/space/digit/mark strings. They skip when the extension is not built.
"""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from synthesis.thai import normalize
from synthesis.thai import segment as segment_module  # the function; the module is below
from synthesis.thai.accel import compiled

segment_py = sys.modules["synthesis.thai.segment"]
fast = compiled("segment")
needs_fast = pytest.mark.skipif(fast is None, reason="_fast_segment is not built (or SYNTHESIS_PURE_PYTHON=1)")

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def _both(text):
    """(compiled, python) segments of ``text``, as comparable tuples."""
    def rows(segments):
        return [(s.start, s.end, s.text, s.kind, s.section, s.speaker) for s in segments]
    return rows(fast.segment_rules(text)), rows(segment_py._python_segment(text, "rules"))


def _python_sentence_spans(text, start, end):
    return segment_py._snapped(text, segment_py._rule_sentence_spans(text, start, end))


def _texts():
    paths = sorted((ROOT / "corpora" / "demo").rglob("*.txt")) + sorted((ROOT / "corpora" / "demo").rglob("*.md"))
    paths += sorted(FIXTURES.glob("*.txt"))
    return [pytest.param(path, id=str(path.relative_to(ROOT))) for path in paths]


@needs_fast
@pytest.mark.parametrize("path", _texts())
def test_segment_fast_equals_python_on_corpus_documents(path):
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raw = data.decode("cp874")  # the demo's legacy-encoded field note
    for text in (raw, normalize(raw).text):
        fast_rows, python_rows = _both(text)
        assert fast_rows == python_rows


# Our own report-like sentences, long enough for a cut at a space (MIN_SENTENCE_CHARS = 40).
LONG_A = "สมาชิกกลุ่มจักสานร่วมกันสำรวจความเสี่ยงจากการทำงานที่บ้านทุกหลัง"
LONG_B = "เจ้าหน้าที่สาธารณสุขอำเภอมาตรวจวัดความดันให้แกนนำทุกคนในวันนั้น"
LONG_C = "กลุ่มตกลงจะบันทึกอาการปวดหลังของสมาชิกไว้ในสมุดประจำกลุ่ม"


@needs_fast
@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        " \t\n  \n",
        "ก",
        "่",  # a mark alone
        " ่ก",  # a mark after a space: the line start snaps back
        f"{LONG_A} {LONG_B}",  # a cut at a space between Thai words
        f"{LONG_A} และ{LONG_B}",  # a joining word after the gap
        f"{LONG_A}และ {LONG_B}",  # a joining word before the gap
        f"{LONG_A}ของ {LONG_B}",
        f"{LONG_A} เป็นต้น {LONG_B}",
        f"{LONG_A} ๆ {LONG_B}",
        f"{LONG_A}นายสมชาย ใจดี {LONG_B}",  # a titled full name: no cut after the name
        f"{LONG_A} นางสาวสุดา {LONG_B}",
        f"{LONG_A}น.ส.สุดา {LONG_B}",
        f"{LONG_A}ผศ.ดร.วิชัย {LONG_B}",
        f"{LONG_A} คุณมานี มีนา {LONG_B}",
        f"{LONG_A} (ดูรายละเอียดในภาคผนวก {LONG_B}) {LONG_C}",  # brackets protect their spaces
        f"{LONG_A} “{LONG_B} {LONG_C}” ต่อไป",
        f'{LONG_A} "{LONG_B} {LONG_C}" ต่อไป',
        f"{LONG_A} [{LONG_B} {LONG_C}] ต่อไป",
        f"{LONG_A} «{LONG_B} {LONG_C}» ต่อไป",
        f"{LONG_A} ({LONG_B}\n{LONG_C})",  # a bracket never closes across a line
        f"{LONG_A} ร้อยละ 80 7.ได้ระบบข้อมูลสุขภาพของกลุ่ม {LONG_B}",  # an inline item
        f"{LONG_A} 12. ได้แผนงาน {LONG_B}",
        f"{LONG_A} 3 ) ได้แผน {LONG_B}",
        f"{LONG_A} 13.30 น. เริ่มประชุม {LONG_B}",  # a time, not an item
        "สั้น 7.ได้ระบบ",  # an item too near the start
        f"{LONG_A}! {LONG_B}? {LONG_C}",
        f"{LONG_A}... {LONG_B}",
        f"{LONG_A} สปสช. {LONG_B}",  # a dot after Thai letters is an abbreviation
        f"The group met the district office. {LONG_A}",  # a dot after a Latin word
        f"{LONG_A} see Dr. Somchai today. {LONG_B}",  # after an abbreviation it is not
        f"{LONG_A} a. {LONG_B}",  # one letter
        f"{LONG_A} 2565. {LONG_B}",  # after digits
        f"{LONG_A} end\n. {LONG_B}",
        f"{LONG_A} ๑๒ {LONG_B}",  # Thai digits are not Thai letters
        f"{LONG_A}  \u00a0 {LONG_B}",  # several spaces, a no-break space
        f"{LONG_A} ่{LONG_B}",  # a sentence that would start with a mark
        f"{LONG_A} {LONG_B[:14]}",  # too little text after the gap
        "สรุปผล\n\n1. ได้แผนงาน\nจ: ดีมาก\nจ: ใช่",
        "# หัวข้อ\nเนื้อหา",
        "หัวข้อ\n\n1) รายการแรก\n2) รายการสอง\n   ต่อจากรายการสอง\n\nจบ",
        "หัวข้อ:\n\nย่อหน้า",  # a line ending in ':' is not a heading
        "ก. ทำป้าย\nข) จัดเวที\n๑. ผู้ประกันตน\n(3) มุมทำงาน\n- ประสาน\n• คืนข้อมูล\n1.1. แกนนำ",
        "1.\n2)",  # a marker with nothing after it
        "12 สิงหาคม 2562 ประชุม\n13.30 น. เริ่ม",
        "ผู้สัมภาษณ์: ถามหนึ่ง\nผู้ให้ข้อมูล: ตอบหนึ่ง\n  ต่อจากคำตอบ\nผู้สัมภาษณ์ : ถามสอง\nผู้ให้ข้อมูล：ตอบสอง",
        f"จ: {LONG_A} {LONG_B}\nจ: {LONG_C}",
        "วันที่: 12 ส.ค.\nเวลา: 9.00 น.",  # labels used once are not turns
        "บรรทัด\r\nถัดไป\r\n",
        "แรงงานนอกระบบ 😀 👍🏽 ประชุม",
        "\ud800 จ.ยะลา 5 คน ต.\udfff\n\udfff่ ก",  # lone surrogates (a broken decode upstream)
        "เ\nก",  # a leading vowel at a line end
        f"{LONG_A} เ{LONG_B}",
    ],
)
def test_segment_fast_equals_python_on_edge_cases(text):
    fast_rows, python_rows = _both(text)
    assert fast_rows == python_rows
    for start, end in [(0, len(text)), (len(text) // 3, len(text))]:
        assert fast.rule_sentence_spans(text, start, end) == _python_sentence_spans(text, start, end)


@needs_fast
def test_segment_fast_is_what_segment_uses():
    text = f"สรุปผล\n\n1. {LONG_A} {LONG_B}"
    assert segment_py._fast is fast
    assert segment_module(text) == segment_py._python_segment(text)
    assert segment_py.sentence_spans(text, 12, len(text)) == _python_sentence_spans(text, 12, len(text))


@needs_fast
@pytest.mark.parametrize(("start", "end"), [(-1, 3), (2, 1), (0, 99)])
def test_segment_fast_sentence_spans_rejects_bounds_outside_the_text(start, end):
    with pytest.raises(ValueError, match="start <= end"):
        fast.rule_sentence_spans("ได้แผนงาน", start, end)


@needs_fast
def test_segment_fast_docstring_examples():
    result = doctest.testmod(fast, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_segment_fast_pure_python_switch_turns_it_off():
    code = "import sys, synthesis.thai.segment; print(sys.modules['synthesis.thai.segment']._fast)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"SYNTHESIS_PURE_PYTHON": "1", "PATH": ""})
    assert out.stdout.strip() == "None"


# Pieces that exercise every rule: long Thai phrases, joining words, titles, names, numbers,
# items, punctuation, brackets, quotes, labels, markers, marks and leading vowels on their own.
_PIECES = st.sampled_from(
    [LONG_A, LONG_B, LONG_C, "ประชุมกลุ่ม", "ผู้ประกันตนตามมาตรา 40", "แรงงานนอกระบบ", "กระจูด"]
    + ["และ", "ของ", "ที่", "ได้แก่", "จำนวน", "ร้อยละ", "เป็นต้น", "รวมทั้ง", "ๆ", "ฯ", "ดร."]
    + ["นาย", "นางสาว", "น.ส.", "ผศ.", "คุณ", "สมชาย", "ใจดี", "ทองคำ"]
    + [" ", " ", " ", "  ", "\n", "\n\n", "\n  ", "\t", "\u00a0", "\r\n"]
    + ["1. ", "2) ", "7.", " 12.", "(3) ", "ก. ", "- ", "• ", "# ", "๑. ", "13.30 น.", "80", "๒๕๖๕"]
    + [".", "!", "?", "...", "(", ")", "“", "”", '"', "[", "]", "«", "»"]
    + ["จ: ", "ผู้ให้ข้อมูล: ", ":", "：", "report", "Dr.", "end.", "ok"]
    + ["่", "ี", "ั", "ำ", "เ", "า", "\u200d", "😀", "👍🏽", "\u0301", "\ud800"]
)
_random_texts = st.lists(_PIECES, max_size=60).map("".join)


@needs_fast
@given(_random_texts)
@example(f"{LONG_A} นายสมชาย ใจดี {LONG_B}")
@example("จ: ก\nจ: ข\n  " + LONG_A + " " + LONG_B)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_segment_fast_equals_python_on_random_text(text):
    fast_rows, python_rows = _both(text)
    assert fast_rows == python_rows


@needs_fast
@given(_random_texts, st.integers(0, 400), st.integers(0, 400))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_segment_fast_sentence_spans_equal_python_on_random_ranges(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert fast.rule_sentence_spans(text, start, end) == _python_sentence_spans(text, start, end)


class _Note(str):
    """A str subclass: the compiled functions take exact str, segment() then runs in Python."""


@needs_fast
def test_segment_fast_str_subclass_takes_the_python_path():
    text = _Note(f"หัวข้อ\n\n{LONG_A} {LONG_B}")
    assert segment_module(text) == segment_py._python_segment(str(text))
    assert segment_py.sentence_spans(text) == _python_sentence_spans(str(text), 0, len(text))


# The compiled twin mirrors these patterns by hand (the word tables and limits it is given).
# Changing one of them means changing _fast_segment.pyx too: this test is the reminder.
MIRRORED_PATTERNS = {
    "_MARK_OR_ITEM": (
        r"(?P<item>\.(?:(?<=\s[0-9๐-๙]\.)|(?<=\s[0-9๐-๙][0-9๐-๙]\.))(?=(?![0-9๐-๙])\s?\)?\s?[ก-๛]))"
        r"|[.!?]+(?=\s)"
    ),
    "_INLINE_ITEM": r"[0-9๐-๙]{1,2}\.(?![0-9๐-๙])\s?\)?\s?[ก-๛]",
    "_BRACKETED": r"\([^()\n]*\)|“[^“”\n]*”|\[[^\[\]\n]*\]|\"[^\"\n]*\"|«[^«»\n]*»",
    "_LATIN_WORD_BEFORE": r"[A-Za-z]+$",
    "_HEADING_MARK": r"#+\s*",
    "_MAY_END": r"[.!?]",
    "_OPENING": r"[(\[“\"«]",
    "_LIST_MARKER": (
        r"(?:[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)](?!\d)"
        r"|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})+(?=\s)(?!\s*(?:น\.|นาฬิกา|[-–]))"
        r"|\(\s*[0-9๐-๙ก-ฮa-zA-Z]{1,3}\s*\)"
        r"|[ก-ฮ][.)](?=\s)"
        r"|[-–—•●○◦▪■□♦◆❖✓✔➢➤►>*·](?=\s*\S)"
        r")\s*"
    ),
    "_TURN": r"([^\s:：][^:：\n]{0,19}?)\s*[:：]\s*(?=\S)",
}


@pytest.mark.parametrize("name", sorted(MIRRORED_PATTERNS))
def test_segment_fast_mirrored_patterns_are_unchanged(name):
    assert getattr(segment_py, name).pattern == MIRRORED_PATTERNS[name]


def test_segment_fast_mirrored_gap_and_name_patterns_are_unchanged():
    assert segment_py._THAI_GAP.pattern.startswith("[\u0e01-\u0e4e](?<!")
    assert "\\s+(?=[\u0e01-\u0e4e])(?!" in segment_py._THAI_GAP.pattern
    assert segment_py._TITLED_NAME.pattern.endswith(r")[ก-๛]{2,25}(?: [ก-๛]{2,25})?$")


# The C twins of _LIST_MARKER and _TURN, against the regexes, on the lines that decide them.
_MARKER_AND_TURN_PIECES = st.sampled_from(
    list("0123456789๐๑๒๓๔๕๖๗๘๙") + ["١", "٣", "１"]  # other decimal digits: \d, not [0-9๐-๙]
    + [".", ")", "(", " ", "  ", "\t", "\u00a0", "\n", ":", "：", " : "]
    + ["ก", "ข", "ฮ", "ะ", "า", "่", "น.", "นาฬิกา", "น", "-", "–", "—", "•", "✓", "*", ">", "·", "a", "Z"]
    + ["จ", "ผู้ให้ข้อมูล", "ผู้สัมภาษณ์", "แกนนำ", "x" * 18, "😀"]
)
_marker_lines = st.lists(_MARKER_AND_TURN_PIECES, min_size=1, max_size=14).map("".join)


@needs_fast
@pytest.mark.parametrize(
    "line",
    [
        "1. ได้แผน", "1) ได้แผน", "1.1. แกนนำ", "1.1 แกนนำ", "12.3.4. ข้อ", "๑. ผู้ประกันตน", "๑.๒ ข้อ",
        "1234. ไม่ใช่", "1.2345 ไม่ใช่", "1.2", "1.", "1.1", "1.1 ", "1.1   ก", "1.5٣", "3.)", "1..",
        "13.30 น. เริ่ม", "13.30 นาฬิกา", "13.30   นาฬิ", "13.30 - 14.00", "13.30 – 14.00", "9.1 น",
        "(1) มุม", "( ก ) ข้อ", "(abc) ข้อ", "(abcd) ข้อ", "()", "( 12 )", "(1", "ก. ทำป้าย", "ข) จัด",
        "ก.ทำ", "ก.", "ะ. ก", "- ประสาน", "-", "-   ", "• คืนข้อมูล", "✓ก", "> ก", "* *", "· ก", "a. b",
    ],
)
def test_segment_fast_list_marker_twin_equals_regex(line):
    for end in range(1, len(line) + 1):
        match = segment_py._LIST_MARKER.match(line, 0, end)
        assert fast.list_marker_end(line, 0, end) == (-1 if match is None else match.end()), (line, end)


@needs_fast
@given(_marker_lines, st.integers(0, 3))
@settings(max_examples=400, deadline=None)
def test_segment_fast_list_marker_twin_equals_regex_on_random_lines(line, offset):
    start = min(offset, len(line) - 1)
    for end in (len(line), (start + len(line) + 1) // 2):
        if end > start:
            match = segment_py._LIST_MARKER.match(line, start, end)
            assert fast.list_marker_end(line, start, end) == (-1 if match is None else match.end())


def _turn(text, start, end):
    match = segment_py._TURN.match(text, start, end)
    return None if match is None else (match.end(1), match.end())


@needs_fast
@pytest.mark.parametrize(
    "line",
    [
        "จ: ดีมาก", "จ:ดี", "จ :  ดี", "ผู้ให้ข้อมูล: ตอบ", "ผู้ให้ข้อมูล：ตอบ", "ผู้ให้ข้อมูล  :  ตอบ",
        "x" * 20 + ": เกิน", "x" * 19 + ": พอดี", "x" * 19 + "   : พอดี", ": ไม่มีชื่อ", " จ: ช่องว่างนำ",
        "จ:", "จ:   ", "จ: :", "จ::ดี", "วันที่ 12: ข้อ", "จ\n: ข้ามบรรทัด", "จ \n : ดี", "จ ข ค: ดี",
    ],
)
def test_segment_fast_turn_twin_equals_regex(line):
    for end in range(1, len(line) + 1):
        assert fast.turn_match(line, 0, end) == _turn(line, 0, end), (line, end)


@needs_fast
@given(_marker_lines, st.integers(0, 3))
@settings(max_examples=400, deadline=None)
def test_segment_fast_turn_twin_equals_regex_on_random_lines(line, offset):
    start = min(offset, len(line) - 1)
    for end in (len(line), (start + len(line) + 1) // 2):
        if end > start:
            assert fast.turn_match(line, start, end) == _turn(line, start, end)


@needs_fast
@pytest.mark.parametrize(
    ("start", "end", "text", "kind", "speaker"),
    [(0, 2, "ดี", "sentence", None), (5, 9, "จ: ดี", "turn", "จ"), (10**12, 10**12 + 1, "ก", "heading", None)],
)
def test_segment_fast_new_segment_equals_make_segment(start, end, text, kind, speaker):
    from synthesis.thai.spans import Segment, make_segment

    made = fast.new_segment(start, end, text, kind, speaker)
    expected = make_segment(start, end, text, kind, None, speaker)
    assert fast.builds_segments_itself()
    assert type(made) is Segment and made == expected and hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    with pytest.raises(AttributeError):  # still frozen
        made.start = 3


@needs_fast
def test_segment_fast_new_segment_holds_one_reference_to_each_value():
    # the slots are filled in C: each segment must own exactly one reference to each value
    text, speaker = "ข้อ" * 7, "ผู้ให้" + "ข้อมูล"  # made at run time: not shared constants
    before = sys.getrefcount(text), sys.getrefcount(speaker)
    made = [fast.new_segment(0, 21, text, "turn", speaker) for _ in range(100)]
    assert (sys.getrefcount(text), sys.getrefcount(speaker)) == (before[0] + 100, before[1] + 100)
    assert all(segment.text is text and segment.speaker is speaker for segment in made)
    del made
    assert (sys.getrefcount(text), sys.getrefcount(speaker)) == before


@needs_fast
def test_segment_fast_segments_stay_out_of_the_cyclic_collector():
    # they hold only numbers, strings and None: the collector need not walk them
    import gc

    segments = fast.segment_rules(f"หัวข้อ\n\nจ: {LONG_A} {LONG_B}\nจ: ใช่")
    assert fast.builds_segments_itself() and len(segments) == 6
    assert not any(gc.is_tracked(segment) for segment in segments)
    assert segments == segment_py._python_segment(f"หัวข้อ\n\nจ: {LONG_A} {LONG_B}\nจ: ใช่")


@needs_fast
def test_segment_fast_other_segment_class_falls_back_to_make_segment():
    # A class with other fields than Segment's: the twin must not build it field by field.
    from dataclasses import dataclass

    from synthesis.thai.spans import Segment, make_segment

    @dataclass(frozen=True, slots=True)
    class Wider:
        start: int
        end: int
        text: str
        kind: str
        section: str | None = None
        speaker: str | None = None
        extra: int = 0

    calls = []

    def counting_make(*args):
        calls.append(args)
        return make_segment(*args)

    def configure(segment_class, make):
        fast.configure(
            join_before=segment_py._JOIN_BEFORE, join_after=segment_py._JOIN_AFTER,
            titles=segment_py._TITLES, latin_abbreviations=segment_py._LATIN_ABBREVIATIONS,
            max_heading_chars=segment_py.MAX_HEADING_CHARS, max_speaker_chars=segment_py.MAX_SPEAKER_CHARS,
            min_sentence_chars=segment_py.MIN_SENTENCE_CHARS, min_following_chars=segment_py.MIN_FOLLOWING_CHARS,
            min_item_chars=segment_py.MIN_ITEM_CHARS, segment_class=segment_class, make_segment=make,
        )

    try:
        configure(Wider, counting_make)
        assert not fast.builds_segments_itself()
        text = f"หัวข้อ\n\n{LONG_A} {LONG_B}"
        assert fast.segment_rules(text) == segment_py._python_segment(text)
        assert len(calls) == 4  # heading, paragraph, two sentences
    finally:
        configure(Segment, make_segment)
    assert fast.builds_segments_itself()


@needs_fast
@pytest.mark.parametrize(
    "crowd",
    [
        "... " * 12,  # many marks between one unit and the next
        "(ก) " * 12,  # many bracket openings
        "ก: ข " * 12,  # many colons
        "ไม่ " * 40,  # many spaces
        "!? “ข” [ค] «ง» " * 6,
    ],
)
def test_segment_fast_equals_python_when_units_are_far_apart_in_the_found_places(crowd):
    # The twin finds the marks, brackets, colons and spaces once, and each unit looks up the
    # first at or after its start by walking on from the last answer a few steps, then
    # bisecting: lines crowded with them put the next unit's first far from the last one.
    text = "\n".join(
        [f"{LONG_A} {crowd}{LONG_B} {LONG_C}", "จ: ถาม", f"1. {crowd}{LONG_A}. {LONG_B}", "จ: ตอบ"] * 3
    )
    fast_rows, python_rows = _both(text)
    assert fast_rows == python_rows


@needs_fast
@given(st.lists(st.integers(0, 200), max_size=60).map(sorted), st.lists(st.integers(-5, 210), max_size=40))
@settings(max_examples=300, deadline=None)
def test_segment_fast_place_search_equals_bisect(positions, starts):
    # searches that go back (not in segment(), where units come in text order) bisect again
    from bisect import bisect_left

    assert fast.first_at_or_after(positions, starts) == [bisect_left(positions, start) for start in starts]


def test_segment_fast_gap_search_reused_across_marks(monkeypatch):
    # A unit of many marks and no gap between Thai words: the Python rules once searched it to
    # its end for every mark (quadratic: minutes on 160,000 characters); now once per unit.
    searches, pattern = [], segment_py._THAI_GAP

    class CountingGap:
        def search(self, *args):
            searches.append(args[1:])
            return pattern.search(*args)

    monkeypatch.setattr(segment_py, "_THAI_GAP", CountingGap())
    text = " 1.ก" * 500 + " done. " * 200
    spans = segment_py._rule_sentence_spans(text)
    assert len(spans) > 300 and len(searches) <= 2

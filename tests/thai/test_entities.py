"""find_entities: all sources combined, overlaps resolved, offsets safe."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synthesis.thai import graphemes
from synthesis.thai.entities import find_entities, resolve_overlaps
from synthesis.thai.spans import ENTITY_LABELS, Entity

REPORT = (
    "ประชุมคณะทำงาน วันที่ 11-12 กันยายน 2565 ณ สปสช.เขต 12 อ.หาดใหญ่ จ.สงขลา\n"
    "ผู้เข้าร่วม -นายสมชาย ใจดี -นส.อารีรัตน์ ทองดี รวม 15 คน งบ 50,000 บาท ร้อยละ 60\n"
)


def test_entities_report_line_gets_every_label():
    found = find_entities(REPORT)
    summary = [(e.label, e.text) for e in found]
    assert summary == [
        ("DATE", "11-12 กันยายน 2565"),
        ("ORG", "สปสช.เขต 12"),
        ("PLACE", "อ.หาดใหญ่"),
        ("PLACE", "จ.สงขลา"),
        ("PERSON", "สมชาย ใจดี"),
        ("PERSON", "อารีรัตน์ ทองดี"),
        ("COUNT", "15 คน"),
        ("MONEY", "50,000 บาท"),
        ("PERCENT", "ร้อยละ 60"),
    ]
    assert found[0].value == "2022-09-11" and found[0].attrs["end"] == "2022-09-12"


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        ("วันที่ 11 กันยายน 2565", "DATE", "11 กันยายน 2565"),  # not NUMBER 11, NUMBER 2565
        ("อบต.บาละ ร่วมด้วย", "PLACE", "อบต.บาละ"),  # not ORG อบต.
        ("ผู้แทนสสจ.สงขลา", "ORG", "สสจ.สงขลา"),  # not PLACE สงขลา
        ("จังหวัดละ 3-5 หน่วย", "COUNT", "3-5 หน่วย"),
    ],
)
def test_entities_longest_span_wins(text, label, span):
    (entity,) = find_entities(text)
    assert (entity.label, entity.text) == (label, span)


def test_entities_equal_length_goes_to_the_more_specific_label():
    a = Entity(0, 5, "12345", "NUMBER")
    b = Entity(0, 5, "12345", "DATE")
    assert resolve_overlaps([a, b]) == [b]


def test_entities_sorted_and_non_overlapping():
    found = find_entities(REPORT * 3)
    assert [e.start for e in found] == sorted(e.start for e in found)
    for left, right in zip(found, found[1:]):
        assert left.end <= right.start


@pytest.mark.parametrize("text", ["", "   \n\t", "hello world", "🙂🙂", "\x00\x01\x02", "ก" * 50000])
def test_entities_odd_input_gives_a_valid_result(text):
    for entity in find_entities(text):
        assert entity.label in ENTITY_LABELS


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["จ.", "สงขลา", "ต.", "แค", "อ.", "นาย", "สมชาย", " ", "ใจดี", "๑๒", "12", "/", "-", "ก.ย.", "2565",
             "สปสช.", "เขต", "คน", "ร้อยละ", "่", "ี", "เ", "ำ", "\n", ".", "บาท", "อบต.", "บาละ"]
        ),
        max_size=30,
    )
)
def test_entities_spans_never_split_a_grapheme_cluster(pieces):
    text = "".join(pieces)
    for entity in find_entities(text):
        assert text[entity.start : entity.end] == entity.text
        assert graphemes.is_boundary(text, entity.start) and graphemes.is_boundary(text, entity.end)


@pytest.mark.parametrize(
    ("label", "text", "value", "credible"),
    [
        ("ORG", "สมาคมผู้ประกอบการประมงพื้นบ้าน", None, True),
        ("ORG", "กองทุนฯ", None, False),
        ("ORG", "กองทุนเห็นผลชัด", None, False),  # a clause after the head word
        ("ORG", "ห้องประชุมใหญ่", None, False),  # no organisation word
        ("PLACE", "โรงแรมคริสตัล", None, False),  # not in the gazetteer
        ("PLACE", "หาดใหญ่", None, True),
        ("PERSON", "สุนิสา แก้วประดิษฐ์", None, True),
        ("PERSON", "นิงคิดว่า", None, False),
        ("PERSON", "บ้านนายมะรอนิง สะมะแอ", None, False),
        ("DATE", "วันพรุ่งนี้", None, False),
    ],
)
def test_entities_crf_findings_must_be_credible(label, text, value, credible):
    from synthesis.thai.entities import _crf_is_credible

    entity = Entity(0, len(text), text, label, value if value is not None else (text if label != "DATE" else None), "crf")
    assert _crf_is_credible(entity) is credible


def _load_bench():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "entities_eval.py"
    spec = importlib.util.spec_from_file_location("entities_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("fixture", ["entities_gold.txt", "entities_heldout.txt"])
def test_entities_rules_quality_on_gold_fixtures(fixture):
    from pathlib import Path

    bench = _load_bench()
    examples = bench.load_gold(Path(__file__).parent / "fixtures" / fixture)
    assert len(examples) >= 20
    scores = bench.score(bench.rules, examples)
    precision, recall, f1, _ = scores["ALL (micro)"]
    assert precision >= 0.9 and recall >= 0.85 and f1 >= 0.9, scores


def test_entities_gold_loader_rejects_unbalanced_marks(tmp_path):
    bench = _load_bench()
    bad = tmp_path / "bad.txt"
    bad.write_text("ประชุมที่<PLACE>จ.สงขลา</ORG>\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt:1"):
        bench.load_gold(bad)


def test_entities_on_real_pages(seeds_dir):
    for page in sorted(seeds_dir.glob("*.txt")):
        text = page.read_text(encoding="utf-8-sig")
        found = find_entities(text)
        labels = {e.label for e in found}
        assert {"DATE", "PLACE", "ORG"} <= labels, page.name
        for entity in found:
            assert text[entity.start : entity.end] == entity.text
            assert graphemes.is_boundary(text, entity.start) and graphemes.is_boundary(text, entity.end)
        for entity in found:
            if entity.label == "DATE":
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entity.value), (page.name, entity)

"""Codebook: loading, validation with lines, editing operations, atomic saving."""

from __future__ import annotations

import pytest

from synthesis.coding import CodebookError, load_codebook, parse_codebook, save_codebook
from synthesis.coding.codebook import Code, dump_codebook

GOOD = """\
# header comment kept on save
version: "2"
codes:
  - id: success
    name_th: ปัจจัยความสำเร็จ
    name_en: Success factors
    colour: "#2ca02c"
  - id: success.leadership
    parent: success
    name_th: ภาวะผู้นำ
    name_en: Leadership
    colour: "#98df8a"
    rules:
      - keywords: [ผู้นำ, แกนนำ]
        unit: sentence
  - id: success.partners
    parent: success
    name_th: ภาคีหนุนเสริม
    name_en: Supporting partners
    colour: "#17becf"
  - id: obstacle
    name_th: อุปสรรค
    name_en: Obstacles
    colour: "#d62728"
"""


def test_codebook_navigation():
    book = parse_codebook(GOOD)
    assert [c.id for c in book.top_level()] == ["success", "obstacle"]
    assert [c.id for c in book.children("success")] == ["success.leadership", "success.partners"]
    assert book.path("success.leadership") == ["success", "success.leadership"]
    assert book.top_of("success.partners") == "success"
    assert book.codes["success.leadership"].rules[0].keywords == ("ผู้นำ", "แกนนำ")
    assert book.version == "2"


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("  - {id: success, name_th: ซ้ำ, name_en: Dup, colour: '#000000'}\n", "duplicate id 'success'"),
        ("  - {id: x, parent: nowhere, name_th: ก, name_en: X, colour: '#000000'}\n", "unknown parent 'nowhere'"),
        ("  - {id: y, name_th: ข, name_en: Y, colour: 'green'}\n", "is not #RRGGBB"),
        ("  - {id: z, name_th: ค, name_en: Z, rules: [{regex: 'ผู้นำ('}]}\n", "does not compile"),
        ("  - {id: w, name_th: ง, name_en: W, rules: [{keywords: [ยา], unit: page}]}\n", "unit 'page'"),
        ("  - {id: v, name_th: จ, name_en: V, rules: [{entities: [CITY]}]}\n", "unknown entity label 'CITY'"),
        ("  - {id: Bad Id, name_th: ฉ, name_en: B}\n", "lower-case ASCII"),
        ("  - {id: u, name_en: U}\n", "missing 'name_th'"),
    ],
)
def test_codebook_validation_names_problem_and_line(snippet, expected):
    text = GOOD + snippet
    line = text.count("\n")  # the added entry is the last line
    with pytest.raises(CodebookError) as caught:
        parse_codebook(text, source="book.yaml")
    message = str(caught.value)
    assert expected in message
    assert f"book.yaml:{line}" in message


def test_codebook_validation_lists_every_problem():
    text = GOOD + "  - {id: a, parent: b, name_th: ก, name_en: A}\n  - {id: b, parent: a, name_th: ข, name_en: B}\n" \
                  "  - {id: c, name_th: ค, name_en: C, colour: red}\n"
    with pytest.raises(CodebookError) as caught:
        parse_codebook(text)
    problems = caught.value.problems
    assert any("cycle" in p for p in problems)
    assert any("#RRGGBB" in p for p in problems)


def test_codebook_bad_yaml_has_line():
    with pytest.raises(CodebookError, match=r":3: not valid YAML"):
        parse_codebook("codes:\n  - id: a\n   name_th: [ผิด\n")


def test_codebook_rename_and_move_keep_id():
    book = parse_codebook(GOOD)
    renamed = book.rename("success.leadership", name_th="ผู้นำชุมชน")
    assert renamed.codes["success.leadership"].name_th == "ผู้นำชุมชน"
    assert book.codes["success.leadership"].name_th == "ภาวะผู้นำ"  # original untouched
    moved = book.move("success.partners", "obstacle")
    assert moved.path("success.partners") == ["obstacle", "success.partners"]
    with pytest.raises(CodebookError, match="descendant"):
        book.move("success", "success.leadership")


def test_codebook_merge_moves_children_and_rules():
    book = parse_codebook(GOOD)
    merged, mapping = book.merge("success.leadership", "success.partners")
    assert mapping == {"success.leadership": "success.partners"}
    assert "success.leadership" not in merged
    assert merged.codes["success.partners"].rules[0].keywords == ("ผู้นำ", "แกนนำ")
    merged2, _ = book.merge("success", "obstacle")
    assert merged2.codes["success.leadership"].parent == "obstacle"


def test_codebook_split_adds_parts_as_children():
    book = parse_codebook(GOOD)
    parts = [Code("obstacle.budget", "งบประมาณ", "Budget"), Code("obstacle.time", "เวลา", "Time")]
    split = book.split("obstacle", parts)
    assert [c.id for c in split.children("obstacle")] == ["obstacle.budget", "obstacle.time"]
    with pytest.raises(CodebookError, match="two parts"):
        book.split("obstacle", parts[:1])


def test_codebook_change_id_updates_children():
    book, mapping = parse_codebook(GOOD).change_id("success", "factors")
    assert mapping == {"success": "factors"}
    assert book.codes["success.leadership"].parent == "factors"


def test_codebook_save_round_trip_keeps_header(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(GOOD, encoding="utf-8")
    book = load_codebook(path)
    save_codebook(book.rename("obstacle", name_en="Barriers"), path)
    again = load_codebook(path)
    assert again.codes["obstacle"].name_en == "Barriers"
    assert again.codes["success.leadership"].rules == book.codes["success.leadership"].rules
    assert path.read_text(encoding="utf-8").startswith("# header comment kept on save")
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_codebook_save_refuses_invalid_and_keeps_old_file(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(GOOD, encoding="utf-8")
    book = load_codebook(path)
    book.codes["obstacle"] = Code("obstacle", "อุปสรรค", "Obstacles", parent="missing")
    with pytest.raises(CodebookError, match="unknown parent"):
        save_codebook(book, path)
    assert path.read_text(encoding="utf-8") == GOOD


def test_codebook_missing_file_names_it(tmp_path):
    with pytest.raises(CodebookError, match="nope.yaml"):
        load_codebook(tmp_path / "nope.yaml")


def test_codebook_dump_is_parseable():
    book = parse_codebook(GOOD)
    assert parse_codebook(dump_codebook(book)).codes == book.codes

"""Codebook: loading, validation with lines, editing operations, atomic saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis.coding import CodebookError, load_codebook, parse_codebook, save_codebook
from synthesis.coding.codebook import Code, dump_codebook, edit_codebook, merge_codebook_text

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
        ("  - {id: t, name_th: ฌ, name_en: T, rules: [{regex: '(กลุ่ม\\s*)+ออม'}]}\n", "nested repeat"),
        ("  - {id: s, name_th: ญ, name_en: S, rules: [{regex: '(?:ยาง(?:พารา)*)*แผ่น'}]}\n", "nested repeat"),
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


@pytest.mark.parametrize("pattern", [r"ออม(?:ทรัพย์)?", r"(?:ผ่านการอบรม|ได้รับ)[^\n]{0,40}?[0-9๐-๙]+\s*คน", r"(?:อบต|ทต)\.[ก-๙]"])
def test_codebook_bounded_regex_is_accepted(pattern):
    book = parse_codebook(GOOD + f"  - {{id: r, name_th: ฎ, name_en: R, rules: [{{regex: '{pattern}'}}]}}\n")
    assert book.codes["r"].rules[0].regex == pattern


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
    # no temporary file left behind (the empty lock file of lessons_io is expected)
    assert [p for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == [path]


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


# --- round-trip saving: an edit changes only what it changes ----------------------------------
ROOT = Path(__file__).resolve().parents[2]
COMMENTED = """\
# หัวแฟ้ม: สมุดรหัสของทีม (header)
version: "1"
codes:
  # --- ปัจจัยความสำเร็จ ---------------------------------------------
  - id: success
    name_th: ปัจจัยความสำเร็จ   # ชื่อที่ทีมตกลงกัน
    name_en: Success factors
    colour: "#2ca02c"
  - {id: success.leadership, parent: success, name_th: ผู้นำชุมชน, name_en: Leadership, colour: '#98df8a'}
  - id: success.fund
    parent: success
    name_th: กองทุนชุมชน
    name_en: Community fund
    colour: "#17becf"
  # --- อุปสรรค ------------------------------------------------------
  - id: obstacle
    name_th: อุปสรรค
    name_en: Obstacles
    colour: "#d62728"
"""


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def test_codebook_merge_unchanged_is_byte_identical():
    assert merge_codebook_text(COMMENTED, parse_codebook(COMMENTED)) == COMMENTED


def test_codebook_merge_real_codebook_add_appends_only(tmp_path):
    text = (ROOT / "lessons" / "codebook.yaml").read_text(encoding="utf-8")
    book = parse_codebook(text)
    parent = next(iter(book.codes))
    added = book.add(Code("paneltest.new", "รหัสใหม่ของทีม", "New code", parent=parent, colour="#123456"))
    merged = merge_codebook_text(text, added)
    removed, new_lines = _changed_lines(text, merged)
    assert removed == []
    assert new_lines[0].strip() == "- id: paneltest.new" and len(new_lines) == 5
    assert merged.startswith(text)  # every comment and every old line kept, in order
    assert parse_codebook(merged).codes["paneltest.new"].parent == parent


@pytest.mark.parametrize(
    ("edit", "removed_has", "added_has"),
    [
        (lambda b: b.rename("obstacle", name_th="อุปสรรคและข้อจำกัด"), ["name_th: อุปสรรค"],
         ["name_th: อุปสรรคและข้อจำกัด"]),
        (lambda b: b.rename("success.leadership", name_en="Local leaders"), ["Leadership"], ["Local leaders"]),
        (lambda b: b.move("success.fund", "obstacle"), ["parent: success"], ["parent: obstacle"]),
        (lambda b: b.move("success.fund", None), ["parent: success"], []),
    ],
)
def test_codebook_merge_changes_only_the_changed_field(edit, removed_has, added_has):
    merged = merge_codebook_text(COMMENTED, edit(parse_codebook(COMMENTED)))
    removed, added = _changed_lines(COMMENTED, merged)
    assert len(removed) == 1 and all(part in removed[0] for part in removed_has)
    assert len(added) == len(added_has) and all(part in line for part, line in zip(added_has, added))
    assert "# ชื่อที่ทีมตกลงกัน" in merged and "# --- อุปสรรค" in merged


def test_codebook_merge_remove_keeps_next_section_comment():
    book, _ = parse_codebook(COMMENTED).merge("success.fund", "success")
    merged = merge_codebook_text(COMMENTED, book)
    assert "success.fund" not in merged
    assert "# --- อุปสรรค" in merged and merged.index("# --- อุปสรรค") < merged.index("id: obstacle")
    assert parse_codebook(merged).codes == book.codes


def test_codebook_merge_change_id_keeps_place_and_comment():
    book, _ = parse_codebook(COMMENTED).change_id("success", "factors")
    merged = merge_codebook_text(COMMENTED, book)
    assert merged.index("id: factors") < merged.index("id: obstacle")
    assert "# ชื่อที่ทีมตกลงกัน" in merged
    assert parse_codebook(merged).codes == book.codes


def test_codebook_edit_starts_from_the_file_on_disk(tmp_path):
    """Two sessions that loaded the codebook before either added a code both keep theirs."""
    import threading

    path = tmp_path / "codebook.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    codes = [Code(f"obstacle.part{i}", f"ข้อจำกัดที่ {i}", f"Part {i}", parent="obstacle") for i in range(6)]
    threads = [threading.Thread(target=edit_codebook, args=(path, lambda b, c=c: b.add(c))) for c in codes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    again = load_codebook(path)
    assert {c.id for c in codes} <= set(again.codes)
    assert path.read_text(encoding="utf-8").startswith(COMMENTED)


def test_codebook_edit_refused_writes_nothing(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    with pytest.raises(CodebookError, match="duplicate id 'obstacle'"):
        edit_codebook(path, lambda b: b.add(Code("obstacle", "ซ้ำ", "Dup")))
    assert path.read_text(encoding="utf-8") == COMMENTED


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", "1"), (3, "3"), ("Q", "q"), ("", "")],
)
def test_codebook_hotkey_field_read(value, expected):
    text = COMMENTED.replace("    name_en: Obstacles\n", f"    name_en: Obstacles\n    key: {value!r}\n")
    assert parse_codebook(text).codes["obstacle"].key == expected


@pytest.mark.parametrize(
    ("snippet", "problem"),
    [
        ("    key: j\n", "key 'j' must be one digit or letter"),
        ("    key: '12'\n", "must be one digit or letter"),
        ("    key: ก\n", "must be one digit or letter"),
    ],
)
def test_codebook_hotkey_field_refused(snippet, problem):
    text = COMMENTED.replace("    name_en: Obstacles\n", "    name_en: Obstacles\n" + snippet)
    with pytest.raises(CodebookError, match=problem):
        parse_codebook(text)


def test_codebook_hotkey_unique():
    text = COMMENTED.replace("    name_en: Obstacles\n", "    name_en: Obstacles\n    key: '4'\n").replace(
        "    name_en: Success factors\n", "    name_en: Success factors\n    key: '4'\n")
    with pytest.raises(CodebookError, match="key '4' is already the key of 'success'"):
        parse_codebook(text)


def test_codebook_atomic_write_is_lessons_io():
    from synthesis import lessons_io
    from synthesis.coding import codebook

    assert codebook.atomic_write_text is lessons_io.atomic_write_text


def test_codebook_alias_bomb_refused_with_file_name():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))
    with pytest.raises(CodebookError, match="book.yaml: YAML refused"):
        parse_codebook(bomb + "codes: []\n", source="book.yaml")

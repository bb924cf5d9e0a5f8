"""The framework matrix: cells, counts, views, edits that win and go stale, exports."""

from __future__ import annotations

import multiprocessing
import threading

import pandas as pd
import pytest

from synthesis.coding import load_codebook, new_coding
from synthesis.corpus.areas import Area
from synthesis.findings.matrix import export_matrix, framework_matrix, matrix_wide
from synthesis.findings.matrix_edits import MatrixEditError, load_edits, save_edit

from .conftest import ROOT, documents_frame

BALA = Area("yala-bala", "พื้นที่ต้นแบบบาละ", "Bala", "ยะลา", tambon="บาละ", occupation_th="กลุ่มผู้กรีดยาง",
            aliases=("บาละ",))
HUAI_YOT = Area("trang-huai-yot", "พื้นที่ต้นแบบห้วยยอด", "Huai Yot", "ตรัง", tambon="ห้วยยอด",
                occupation_th="กลุ่มผู้กรีดยาง", aliases=("ห้วยยอด",))
KHAE = Area("songkhla-khae", "พื้นที่ต้นแบบแค", "Khae", "สงขลา", tambon="แค", occupation_th="กลุ่มวินมอเตอร์ไซค์รับจ้าง",
            aliases=("ตำบลแค",))
TEXT_1 = "ผู้ให้ข้อมูล: สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน\nผู้ให้ข้อมูล: ราคายางตกเหลือสี่สิบบาท"
TEXT_2 = "สหกรณ์หักเงินสมทบจากค่ายางทุกเดือนตามที่สมาชิกยินยอม"


@pytest.fixture()
def small():
    book = load_codebook(ROOT / "lessons" / "codebook.yaml")
    docs = documents_frame([
        {"doc_id": "d1", "areas": ["yala-bala"], "text": TEXT_1, "kind": "interview"},
        {"doc_id": "d2", "areas": ["yala-bala"], "text": TEXT_2, "reporter": "นางสาวอารีนา"},
    ])
    segments = pd.DataFrame([
        {"doc_id": "d1", "seg_id": 0, "kind": "turn", "start": 0, "end": 48, "section": None, "speaker": "ผู้ให้ข้อมูล",
         "text": TEXT_1[:48]},
        {"doc_id": "d1", "seg_id": 1, "kind": "turn", "start": 49, "end": len(TEXT_1), "section": None,
         "speaker": "ผู้ให้ข้อมูล", "text": TEXT_1[49:]},
    ])
    quote_1 = "สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน"
    start_1 = TEXT_1.index(quote_1)
    codings = [new_coding("d1", start_1, start_1 + len(quote_1), quote_1, "", "mechanism.savings", coder)
               for coder in ("coder_a", "coder_b", "consensus")]
    codings.append(new_coding("d2", 0, len(TEXT_2), TEXT_2, "", "mechanism", "coder_a"))
    economy = "ราคายางตกเหลือสี่สิบบาท"
    start_2 = TEXT_1.index(economy)
    codings.append(new_coding("d1", start_2, start_2 + len(economy), economy, "", "context.economy", "coder_b"))
    return book, docs, segments, codings


def _cell(matrix, row, theme):
    return matrix[(matrix["row"] == row) & (matrix["theme"] == theme)].iloc[0]


def test_matrix_cell_counts_segments_documents_informants_coders(small):
    book, docs, segments, codings = small
    matrix = framework_matrix(codings, docs, book, [BALA, KHAE], segments)
    cell = _cell(matrix, "yala-bala", "mechanism")
    # one span coded by three coders is one segment; the interview speaker and d2's reporter are two informants
    assert (cell["segments"], cell["documents"], cell["informants"], cell["coders"]) == (2, 2, 2, 2)
    assert cell["coder_names"] == ["coder_a", "coder_b"]
    assert len(cell["coding_ids"]) == 4 and cell["status"] == "draft"
    assert cell["summary"].startswith("สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน")


def test_matrix_every_cell_is_present_and_empty_cells_say_so(small):
    book, docs, segments, codings = small
    matrix = framework_matrix(codings, docs, book, [BALA, KHAE], segments)
    assert len(matrix) == 2 * len(book.top_level())
    empty = _cell(matrix, "songkhla-khae", "mechanism")
    assert (empty["status"], empty["segments"], empty["summary"]) == ("empty", 0, "")


def test_matrix_sub_code_level_and_occupation_view(small):
    book, docs, segments, codings = small
    sub = framework_matrix(codings, docs, book, [BALA, HUAI_YOT, KHAE], segments, level="sub")
    assert "mechanism.savings" in set(sub["theme"]) and "mechanism" not in set(sub["theme"])
    assert _cell(sub, "yala-bala", "mechanism.savings")["segments"] == 1
    by_group = framework_matrix(codings, docs, book, [BALA, HUAI_YOT, KHAE], segments, by="occupation")
    assert list(dict.fromkeys(by_group["row"])) == ["กลุ่มผู้กรีดยาง", "กลุ่มวินมอเตอร์ไซค์รับจ้าง"]
    assert _cell(by_group, "กลุ่มผู้กรีดยาง", "mechanism")["documents"] == 2


def test_matrix_wide_is_rows_by_themes_in_thai(small):
    book, docs, segments, codings = small
    grid = matrix_wide(framework_matrix(codings, docs, book, [BALA], segments))
    assert list(grid.index) == ["พื้นที่ต้นแบบบาละ"]
    assert grid.loc["พื้นที่ต้นแบบบาละ", book.label("mechanism")].startswith("สหกรณ์")


def test_matrix_edit_wins_over_redraft_then_goes_stale_with_what_changed(small, tmp_path):
    book, docs, segments, codings = small
    path = tmp_path / "matrix.yaml"
    first = framework_matrix(codings, docs, book, [BALA], segments)
    evidence = _cell(first, "yala-bala", "mechanism")["coding_ids"]
    save_edit(path, "area/top", "yala-bala", "mechanism", "สหกรณ์เป็นกลไกเก็บเงินสมทบ", "mentor_a", evidence)
    edits, problems = load_edits(path)
    again = _cell(framework_matrix(codings, docs, book, [BALA], segments, edits=edits), "yala-bala", "mechanism")
    assert (again["summary"], again["status"], again["edited_by"]) == ("สหกรณ์เป็นกลไกเก็บเงินสมทบ", "edited", "mentor_a")
    assert again["draft_summary"].startswith("สหกรณ์หักเงินสมทบ") and not problems
    newer = new_coding("d2", 0, 6, TEXT_2[:6], "", "mechanism.savings", "coder_b")
    stale = _cell(framework_matrix(codings + [newer], docs, book, [BALA], segments, edits=edits), "yala-bala", "mechanism")
    assert stale["status"] == "stale" and stale["summary"] == "สหกรณ์เป็นกลไกเก็บเงินสมทบ"
    assert "เพิ่ม 1 รายการ" in stale["stale_reason"] and newer.coding_id in stale["stale_reason"]


@pytest.mark.parametrize("editor, summary", [("", "สรุป"), ("mentor_a", "  ")])
def test_matrix_edit_needs_an_editor_and_text(tmp_path, editor, summary):
    with pytest.raises(MatrixEditError):
        save_edit(tmp_path / "matrix.yaml", "area/top", "yala-bala", "success", summary, editor, [])


def test_matrix_edits_keep_unreadable_entries_and_refuse_to_overwrite_broken_yaml(tmp_path):
    path = tmp_path / "matrix.yaml"
    path.write_text("cells:\n  - view: area/top\n    row: yala-bala\n    note: ไม่มีสรุป\n", encoding="utf-8")
    save_edit(path, "area/top", "yala-bala", "success", "มัสยิดเป็นช่องทางหลัก", "mentor_a", ["c1"])
    text = path.read_text(encoding="utf-8")
    assert "note: ไม่มีสรุป" in text and "มัสยิดเป็นช่องทางหลัก" in text
    edits, problems = load_edits(path)
    assert len(edits) == 1 and "cell 1" in problems[0] and "matrix.yaml" in problems[0]
    path.write_text("cells: [\n", encoding="utf-8")
    with pytest.raises(MatrixEditError, match="matrix.yaml line"):
        save_edit(path, "area/top", "yala-bala", "obstacle", "ราคายาง", "mentor_b", [])
    assert path.read_text(encoding="utf-8") == "cells: [\n"


def _edit_in_process(path, theme):
    save_edit(path, "area/top", "yala-bala", theme, f"สรุปของ {theme}", "mentor_p", [theme])


def test_matrix_concurrent_edits_lose_nothing(tmp_path):
    path = tmp_path / "matrix.yaml"
    themes = ["context", "goals", "activities", "mechanism", "partners", "outputs", "outcomes", "success"]
    threads = [threading.Thread(target=save_edit, args=(path, "area/top", "yala-bala", t, f"สรุป {t}", "mentor_t", [t]))
               for t in themes[:4]]
    processes = [multiprocessing.get_context("fork").Process(target=_edit_in_process, args=(path, t)) for t in themes[4:]]
    for worker in processes + threads:  # fork before any thread runs (a forked lock held by a thread never frees)
        worker.start()
    for worker in processes + threads:
        worker.join(60)
    assert all(p.exitcode == 0 for p in processes)
    edits, problems = load_edits(path)
    assert sorted(theme for _, _, theme in edits) == sorted(themes) and not problems


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_matrix_export_has_the_html_content_and_no_formula(small, tmp_path, suffix):
    book, docs, segments, codings = small
    matrix = framework_matrix(codings, docs, book, [BALA], segments)
    matrix.loc[0, "summary"] = "=HYPERLINK(\"http://x\")"
    written = export_matrix(matrix, tmp_path / f"matrix.{suffix}")
    if suffix == "xlsx":
        from openpyxl import load_workbook

        book_x = load_workbook(written[0])
        values = [c.value for row in book_x["cells"].iter_rows() for c in row]
        assert all(c.data_type != "f" for row in book_x["cells"].iter_rows() for c in row)
        assert "สหกรณ์" in " ".join(str(v) for v in values if v)
    else:
        text = "".join(p.read_text(encoding="utf-8-sig") for p in written)
        assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text and "สหกรณ์" in text


def test_matrix_demo_has_seven_areas_and_every_theme(demo):
    matrix = framework_matrix(demo["codings"], demo["documents"], demo["codebook"], demo["areas"], demo["segments"],
                              details=demo["details"])
    assert matrix["row"].nunique() == 7
    assert set(matrix["theme"]) == {c.id for c in demo["codebook"].top_level()}
    filled = matrix[matrix["status"] != "empty"]
    assert (filled["summary"].str.len() > 0).all() and (filled["segments"] > 0).all()

"""Spreadsheet exports: Thai intact in CSV and XLSX, one sheet per table, no formulas."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from synthesis.coding.codebook import parse_codebook
from synthesis.coding.codings import new_coding
from synthesis.exchange.tabular import codings_table, matrix_tables, sheet_name, write_tables

BOOK = parse_codebook("""
version: "1"
codes:
  - {id: success, name_th: ปัจจัยความสำเร็จ, name_en: Success factors}
  - {id: success.leadership, parent: success, name_th: ภาวะผู้นำ, name_en: Leadership}
  - {id: obstacle, name_th: อุปสรรค, name_en: Obstacles}
""")
DOCS = pd.DataFrame([
    {"doc_id": "d1", "path": "reports/a.txt", "title": "ประชุมกลุ่มผู้กรีดยาง", "date": "2024-05-01",
     "reporter": "นูรฮายาตี", "areas": ["yala-bala"], "text": "แกนนำเข้มแข็ง ราคายางตก"},
    {"doc_id": "d2", "path": "reports/b.txt", "title": "ประมงพื้นบ้าน", "date": "2024-06-01",
     "reporter": None, "areas": ["pattani-nong-chik", "yala-bala"], "text": "=SUM(A1) ผู้นำชุมชน"},
])
CODINGS = [
    new_coding("d1", 0, 13, "แกนนำเข้มแข็ง", "", "success.leadership", "coder_a"),
    new_coding("d1", 14, 23, "ราคายางตก", "", "obstacle", "coder_a"),
    new_coding("d2", 0, 8, "=SUM(A1)", "", "obstacle", "coder_b", memo="ตัวอย่าง"),
]


def test_tabular_codings_table_columns():
    table = codings_table(CODINGS, DOCS, BOOK)
    assert table.loc[0, "code_th"] == "ภาวะผู้นำ" and table.loc[0, "top_code"] == "success"
    assert table.loc[2, "areas"] == "pattani-nong-chik; yala-bala"
    assert list(table["quote"]) == ["แกนนำเข้มแข็ง", "ราคายางตก", "=SUM(A1)"]


def test_tabular_matrix_counts():
    tables = matrix_tables(CODINGS, DOCS, BOOK)
    matrix = tables["matrix"].set_index("code_id")
    assert matrix.loc["obstacle", "yala-bala"] == 2 and matrix.loc["success", "yala-bala"] == 1
    assert matrix.loc["obstacle", "pattani-nong-chik"] == 1
    assert tables["matrix"].loc[0, "code_th"] in ("ปัจจัยความสำเร็จ", "อุปสรรค")


def test_tabular_csv_thai_with_bom(tmp_path):
    tables = {"codings": codings_table(CODINGS, DOCS, BOOK), "extra": pd.DataFrame({"ก": ["ข"]})}
    written = write_tables(tables, tmp_path / "codings.csv")
    assert written == [tmp_path / "codings.csv", tmp_path / "codings-extra.csv"]
    data = written[0].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "แกนนำเข้มแข็ง".encode("utf-8") in data
    back = pd.read_csv(written[0], encoding="utf-8-sig")
    assert back.loc[0, "quote"] == "แกนนำเข้มแข็ง"


def test_tabular_xlsx_one_sheet_per_table_no_formulas(tmp_path):
    tables = {"codings": codings_table(CODINGS, DOCS, BOOK), **matrix_tables(CODINGS, DOCS, BOOK)}
    path = write_tables(tables, tmp_path / "out.xlsx")[0]
    book = load_workbook(path)
    assert book.sheetnames == ["codings", "matrix", "matrix_share"]
    sheet = book["codings"]
    header = [cell.value for cell in sheet[1]]
    quotes = [row[header.index("quote")].value for row in sheet.iter_rows(min_row=2)]
    assert quotes == ["แกนนำเข้มแข็ง", "ราคายางตก", "'=SUM(A1)"]  # neutralised, as in CSV
    cell = next(row[header.index("quote")] for row in sheet.iter_rows(min_row=2) if row[header.index("quote")].value == "'=SUM(A1)")
    assert cell.data_type == "s"


def test_tabular_rejects_other_formats(tmp_path):
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        write_tables({"a": pd.DataFrame()}, tmp_path / "out.ods")


@pytest.mark.parametrize(("name", "expected"), [("codings", "codings"), ("a/b:c", "a_b_c"),
                                                 ("ปัจจัยความสำเร็จและอุปสรรคของพื้นที่", "ปัจจัยความสำเร็จและอุปสรรคของ")])
def test_tabular_sheet_names(name, expected):
    from synthesis.thai.graphemes import is_boundary

    result = sheet_name(name)
    assert result == expected and len(result) <= 31 and is_boundary(name.replace("/", "_").replace(":", "_"), len(result))


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"คลิก\")", "+66 81 234 5678", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1", "＝1+1", "- ประชุมกลุ่มแม่บ้าน"])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_tabular_cells_never_start_a_formula(tmp_path, text, suffix):
    frame = pd.DataFrame({"quote": [text, "ประชุม = ดี"], "count": [-3, 4], "share": [-0.5, 0.25]})
    path = write_tables({"t": frame}, tmp_path / f"out.{suffix}")[0]
    if suffix == "csv":
        back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
        quotes, counts = list(back["quote"]), list(back["count"])
    else:
        sheet = load_workbook(path)["t"]
        quotes = [row[0].value for row in sheet.iter_rows(min_row=2)]
        counts = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert quotes == ["'" + text, "ประชุม = ดี"]
    assert counts == [-3, 4]  # numbers stay numbers

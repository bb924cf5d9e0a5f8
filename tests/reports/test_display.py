"""Tables in reports: whole numbers as whole numbers, ratios with two decimals, Thai headers,
a sentence instead of an empty table, escaped text, a frame that scrolls."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from lxml import html as lxml_html

from synthesis.reports.display import NO_DATA, format_number, format_table, show, table_html, thai_header


@pytest.mark.parametrize("value, text", [
    (60.0, "60"), (np.int64(36), "36"), (np.float64(12.0), "12"), (0.4321, "0.43"), (-3.192e-04, "0.00"),
    (-0.456, "-0.46"), (1e-7, "0.00"), (float("nan"), "—"), (None, "—"), (math.inf, "∞"), (2567, "2567"),
])
def test_display_number_formats(value, text):
    assert format_number(value) == text


def test_display_column_of_ratios_keeps_two_decimals_everywhere():
    frame = pd.DataFrame({"รหัส (code)": ["ปัจจัยความสำเร็จ", "อุปสรรค"], "kappa": [1.0, 0.456]})
    assert format_table(frame)["ค่าแคปปา (kappa)"].tolist() == ["1.00", "0.46"]


def test_display_column_of_counts_with_a_gap_stays_whole():
    frame = pd.DataFrame({"ผู้เข้าร่วม (participants)": [60.0, float("nan"), 35.0]})
    assert format_table(frame).iloc[:, 0].tolist() == ["60", "—", "35"]


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"วันที่ (date)": [], "ชื่อเรื่อง (title)": []}),
    pd.DataFrame(),
    None,
])
def test_display_empty_table_says_no_data(frame):
    page = str(table_html(frame))
    assert "ไม่มีข้อมูล" in page and "<table" not in page and "<th" not in page


@pytest.mark.parametrize("name, header", [("count", "จำนวนครั้ง (count)"), ("slug", "รหัสพื้นที่ (slug)"),
                                          ("target_count", "ความถี่ในรายงานนี้ (target count)"), ("κ", "ค่าแคปปา (κ)"),
                                          ("วันที่ (date)", "วันที่ (date)"), ("เอกสาร", "เอกสาร")])
def test_display_headers_are_thai(name, header):
    assert thai_header(name) == header


@pytest.mark.parametrize("text", ['<script>alert("ยาง")</script>', "<img src=x onerror=alert(1)>",
                                  "[คลิก](javascript:alert(1))"])
def test_display_cells_are_escaped(text):
    tree = lxml_html.fragment_fromstring(str(table_html(pd.DataFrame({"ข้อความ": [text], "count": [1]}))))
    assert not tree.xpath("//script|//img|//a")
    assert text in tree.text_content()


def test_display_table_scrolls_inside_its_frame():
    tree = lxml_html.fragment_fromstring(str(table_html(pd.DataFrame({"พื้นที่": ["ยะลา"], "count": [2.0]}))))
    assert tree.get("class") == "table-scroll"
    assert [td.text for td in tree.xpath("//td")] == ["ยะลา", "2"]


def test_display_show_writes_html_into_the_notebook(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    show(pd.DataFrame({"count": []}))
    assert NO_DATA in shown[0].data


def test_display_notebook_show_uses_it(monkeypatch):
    from synthesis.reports import notebook

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    notebook.show(pd.DataFrame({"count": [60.0]}))
    assert "<td>60</td>" in shown[0].data


def test_display_doctests():
    import doctest

    import synthesis.reports.display

    assert doctest.testmod(synthesis.reports.display).failed == 0


@pytest.mark.parametrize("columns", [["path", "area_id", "confidence", "evidence"], ["term", "target_count", "score"],
                                     ["code", "n (segments)", "κ"]])
def test_display_no_english_only_header_left(columns):
    import re

    frame = pd.DataFrame([[1] * len(columns)], columns=columns)
    assert all(re.search(r"[\u0e00-\u0e7f]", header) for header in format_table(frame).columns)

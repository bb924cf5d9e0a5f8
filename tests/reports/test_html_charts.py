"""Heatmaps and paired bars written as HTML tables: numbers kept, colours on the right scale,
every label escaped."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from synthesis.reports.html_charts import heatmap_table, paired_bars_table, scale_colour


def _cells(html: str) -> list[tuple[str, str]]:
    """(style, text) of every ``<td>``."""
    return re.findall(r'<td style="([^"]*)">([^<]*)</td>', html)


@pytest.mark.parametrize("rows, columns", [(["ปัจจัยความสำเร็จ", "อุปสรรค"], ["ยะลา", "ตรัง"]),
                                           (["บริบท", "ผลลัพธ์"], ["สตูล: นาทอน", "ปัตตานี: หนองจิก"])])
def test_html_charts_heatmap_writes_values_in_cells(rows, columns):
    html = str(heatmap_table(pd.DataFrame([[1, 0], [3, 2]], index=rows, columns=columns), "รหัส × พื้นที่"))
    assert sorted(text for _, text in _cells(html)) == ["0", "1", "2", "3"]
    assert all(name in html for name in rows + columns)


def test_html_charts_cooccurrence_scale_ignores_the_diagonal():
    codes = ["ปัจจัยความสำเร็จ", "อุปสรรค", "นวัตกรรม"]
    matrix = pd.DataFrame([[144, 11, 2], [11, 106, 0], [2, 0, 24]], index=codes, columns=codes)
    cells = dict((text, style) for style, text in _cells(str(heatmap_table(matrix, "รหัสที่ปรากฏร่วมกัน"))))
    assert "background:#e6e6e6" in cells["144"]  # grey, the number still written
    assert f"background:{scale_colour(11, 11)}" in cells["11"]  # the largest pair tops the scale
    assert "เส้นทแยง" in str(heatmap_table(matrix, "ร่วม"))  # and the page says why it is grey


def test_html_charts_area_heatmap_keeps_every_cell_in_the_scale():
    matrix = pd.DataFrame([[100, 25], [50, 75]], index=["บริบท", "ผลลัพธ์"], columns=["ยะลา", "ตรัง"])
    cells = dict((text, style) for style, text in _cells(str(heatmap_table(matrix, "รหัส × พื้นที่"))))
    assert all("#e6e6e6" not in style for style in cells.values())
    assert f"background:{scale_colour(100, 100)}" in cells["100"]
    assert f"background:{scale_colour(25, 100)}" in cells["25"]


def test_html_charts_heatmap_numbers_on_dark_cells_are_white():
    cells = dict((text, style) for style, text in
                 _cells(str(heatmap_table(pd.DataFrame([[100, 5]], index=["บริบท"], columns=["ยะลา", "ตรัง"]), "ร้อยละ"))))
    assert "color:#fff" in cells["100"] and "color:#000" in cells["5"]


def test_html_charts_heatmap_missing_value_is_a_dash_outside_the_scale():
    cells = _cells(str(heatmap_table(pd.DataFrame([[float("nan"), 4.0]], index=["ก"], columns=["ข", "ค"]), "t")))
    assert cells[0] == ("background:#e6e6e6;color:#000;text-align:center", "—")


def test_html_charts_empty_heatmap_says_so():
    assert "ไม่มีข้อมูล" in str(heatmap_table(pd.DataFrame(), "รหัส"))


@pytest.mark.parametrize("label", ['<img src=x onerror="alert(1)">', "<script>alert('ยาง')</script>"])
def test_html_charts_escape_every_label(label):
    heat = str(heatmap_table(pd.DataFrame([[1]], index=[label], columns=[label]), label, corner=label))
    bars = str(paired_bars_table(pd.DataFrame({"code": [label], "a": [1], "b": [2]}), "code", "a", "b", label,
                                 scale_label=label))
    for html in (heat, bars):
        assert "<img" not in html and "<script" not in html and "&lt;" in html


@pytest.mark.parametrize("here, there, widths", [(50, 25, ["80px", "40px"]), (100, 0, ["160px", "0px"])])
def test_html_charts_paired_bars_are_to_scale_with_their_numbers(here, there, widths):
    frame = pd.DataFrame({"รหัส (code)": ["ปัจจัยความสำเร็จ"], "พื้นที่นี้": [here], "พื้นที่อื่น": [there]})
    html = str(paired_bars_table(frame, "รหัส (code)", "พื้นที่นี้", "พื้นที่อื่น", "รหัสบทเรียน",
                                 scale_label="% ของเอกสาร", top=100))
    assert re.findall(r"width:(\d+px);height:0.8em;background", html) == widths
    assert f"</span> {here}</span>" in html and f"</span> {there}</span>" in html
    assert "พื้นที่นี้" in html and "พื้นที่อื่น" in html  # the legend


def _dots(html: str) -> list[tuple[str, float]]:
    """(title, left %) of every dot of a timeline."""
    return [(title, float(left)) for title, left in
            re.findall(r'<span title="([^"]*)" style="position:absolute;left:([0-9.]+)%', html)]


@pytest.mark.parametrize("dates, lefts", [(["2020-01-01", "2021-01-01", "2022-01-01"], [1.0, 50.0, 99.0]),
                                          (["2023-03-10", "2023-03-10"], [1.0, 1.0])])
def test_html_charts_timeline_places_documents_to_scale(dates, lefts):
    from synthesis.reports.html_charts import timeline_html

    docs = pd.DataFrame({"date": dates, "kind": ["activity_report"] * len(dates),
                         "title": [f"อบรมครั้งที่ {n}" for n in range(len(dates))]})
    dots = _dots(str(timeline_html(docs, "เส้นเวลา")))
    assert [left for _, left in dots] == pytest.approx(lefts, abs=0.2)  # 2020 has 366 days
    assert [title for title, _ in dots] == [f"{d} · อบรมครั้งที่ {n}" for n, d in enumerate(dates)]


def test_html_charts_timeline_one_row_per_kind_undated_left_out():
    from synthesis.reports.html_charts import timeline_html
    from synthesis.reports.sections.documents import kind_label

    docs = pd.DataFrame({"date": ["2020-01-01", "2021-05-02", None], "kind": ["interview", "activity_report", "interview"]})
    html = str(timeline_html(docs, "เส้นเวลา", labels=kind_label))
    assert re.findall(r"<tr><th>([^<]+)</th>", html) == ["รายงานกิจกรรม (activity report)", "สัมภาษณ์ถอดบทเรียน (interview)"]
    assert len(_dots(html)) == 2 and ">2021<" in html


@pytest.mark.parametrize("dates", [[None], ["ไม่ระบุ"]])
def test_html_charts_timeline_without_dates_says_so(dates):
    from synthesis.reports.html_charts import timeline_html

    assert "ไม่มีเอกสารที่ระบุวันที่" in str(timeline_html(pd.DataFrame({"date": dates, "kind": ["other"]}), "เส้นเวลา"))


@pytest.mark.parametrize("title", ['"><img src=x onerror=alert(1)>', "<script>alert('ยาง')</script>"])
def test_html_charts_timeline_escapes_titles_and_kinds(title):
    from synthesis.reports.html_charts import timeline_html

    html = str(timeline_html(pd.DataFrame({"date": ["2022-01-01"], "kind": [title], "title": [title]}), title))
    assert "<img" not in html and "<script" not in html and len(_dots(html)) == 1

"""Charts carry Thai labels that render with a real Thai font, never boxes."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

from synthesis.reports.fonts import THAI_FONT_FAMILY, font_face_css, thai_font_file, use_thai_font
from synthesis.reports.plotting import bar_chart, timeline_chart


@pytest.mark.parametrize("labels", [
    ["แรงงานนอกระบบ", "ผู้ประกันตนตามมาตรา 40", "น้ำ"],
    ["กระจูด", "คลุ้ม", "วินมอเตอร์ไซค์"],
    ["สปสช.", "อบต.แค", "ร้อยละ ๖๐"],
])
def test_plotting_bar_chart_draws_thai_without_missing_glyphs(labels):
    frame = pd.DataFrame({"term": labels, "count": range(len(labels), 0, -1)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        figure = bar_chart(frame, "term", "count", "คำที่พบบ่อย")
        figure.savefig(io.BytesIO(), format="png")
    assert [tick.get_text() for tick in figure.axes[0].get_yticklabels()] == labels[::-1]


def test_plotting_font_is_the_thai_font():
    assert use_thai_font() == THAI_FONT_FAMILY
    from matplotlib import font_manager

    found = font_manager.findfont(font_manager.FontProperties(family=THAI_FONT_FAMILY), fallback_to_default=False)
    assert found.endswith(".ttf")


def test_plotting_timeline_puts_each_kind_on_its_own_row():
    docs = pd.DataFrame({"date": ["2563-01-01".replace("2563", "2020"), "2021-05-02", None],
                         "kind": ["activity_report", "interview", "activity_report"]})
    figure = timeline_chart(docs, "เส้นเวลา")
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["activity_report", "interview"]


def test_plotting_timeline_without_dates_says_so():
    figure = timeline_chart(pd.DataFrame({"date": [None], "kind": ["other"]}), "เส้นเวลา")
    assert "ไม่มีเอกสาร" in figure.axes[0].texts[0].get_text()


def test_fonts_font_face_embeds_the_font_file():
    css = font_face_css()
    assert THAI_FONT_FAMILY in css and "base64," in css
    assert thai_font_file().stat().st_size > 50_000


@pytest.mark.parametrize("names", [["สปสช.", "อบต.แค", "รพ.สต.แค"], ["สำนักงานแรงงานจังหวัดสตูล", "พมจ.", "กศน."]])
def test_plotting_network_chart_labels_every_organisation(names):
    from synthesis.reports.plotting import network_chart

    links = pd.DataFrame({"source": names[:-1], "target": names[1:], "weight": [2, 1]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = network_chart(links, "เครือข่ายองค์กร")
        figure.savefig(io.BytesIO(), format="png")
    assert {t.get_text() for t in figure.axes[0].texts} == set(names)


def test_plotting_heatmap_writes_values_in_cells():
    from synthesis.reports.plotting import heatmap_chart

    matrix = pd.DataFrame([[1, 0], [3, 2]], index=["ปัจจัยความสำเร็จ", "อุปสรรค"], columns=["ยะลา", "ตรัง"])
    figure = heatmap_chart(matrix, "รหัส × พื้นที่")
    assert sorted(t.get_text() for t in figure.axes[0].texts) == ["0", "1", "2", "3"]


def test_plotting_participants_chart_plots_dated_counts():
    from synthesis.reports.plotting import participants_chart

    docs = pd.DataFrame({"date": ["2021-01-05", "2022-02-01", None], "participants_count": [12, 30, 5]})
    line = participants_chart(docs, "ผู้เข้าร่วม").axes[0].lines[0]
    assert list(line.get_ydata()) == [12.0, 30.0]


@pytest.mark.parametrize("labels", [["ผู้ประกันตน", "วินมอเตอร์ไซค์"], ["อสม.", "รพ.สต.แค"]])
def test_plotting_figure_png_is_the_figure_at_its_own_size(labels):
    import base64

    from PIL import Image

    from synthesis.reports.plotting import figure_png

    figure = bar_chart(pd.DataFrame({"term": labels, "count": [3, 1]}), "term", "count", "คำ")
    image = Image.open(io.BytesIO(base64.b64decode(figure_png(figure))))
    width, height = figure.get_size_inches() * figure.dpi
    assert image.format == "PNG" and image.size == (round(width), round(height))


def test_plotting_heatmap_values_do_not_move_the_margins():
    from synthesis.reports.plotting import heatmap_chart

    matrix = pd.DataFrame([[10, 0], [3, 200]], index=["ปัจจัยความสำเร็จ", "อุปสรรค"], columns=["ยะลา", "ตรัง"])
    figure = heatmap_chart(matrix, "รหัส × พื้นที่")
    assert all(not text.get_in_layout() for text in figure.axes[0].texts)


def test_fonts_thai_font_is_registered_once():
    from matplotlib import font_manager

    use_thai_font()
    count = sum(1 for font in font_manager.fontManager.ttflist if font.name == THAI_FONT_FAMILY)
    use_thai_font()
    use_thai_font()
    assert sum(1 for font in font_manager.fontManager.ttflist if font.name == THAI_FONT_FAMILY) == count

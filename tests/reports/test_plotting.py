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

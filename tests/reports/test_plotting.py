"""Charts carry Thai labels that render with a real Thai font, never boxes."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

from synthesis.reports.fonts import THAI_FONT_FAMILY, font_face_css, thai_font_file, use_thai_font
from synthesis.reports.plotting import bar_chart


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
    key = "\n".join(t.get_text() for t in figure.axes[1].texts)
    assert all(name in key for name in names)
    assert sorted(t.get_text() for t in figure.axes[0].texts) == ["1", "2", "3"]


@pytest.mark.parametrize("labels", [["ผู้ประกันตน", "วินมอเตอร์ไซค์"], ["อสม.", "รพ.สต.แค"]])
def test_plotting_figure_png_is_the_figure_at_its_own_size(labels):
    import base64

    from PIL import Image

    from synthesis.reports.plotting import figure_png

    figure = bar_chart(pd.DataFrame({"term": labels, "count": [3, 1]}), "term", "count", "คำ")
    image = Image.open(io.BytesIO(base64.b64decode(figure_png(figure))))
    width, height = figure.get_size_inches() * figure.dpi
    assert image.format == "PNG" and image.size == (round(width), round(height))


def test_fonts_thai_font_is_registered_once():
    from matplotlib import font_manager

    use_thai_font()
    count = sum(1 for font in font_manager.fontManager.ttflist if font.name == THAI_FONT_FAMILY)
    use_thai_font()
    use_thai_font()
    assert sum(1 for font in font_manager.fontManager.ttflist if font.name == THAI_FONT_FAMILY) == count


def _text_boxes(figure, axes):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [text.get_window_extent(renderer) for text in axes.texts]


def _overlaps(boxes) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


@pytest.mark.parametrize("nodes, density", [(8, 0.5), (14, 0.35), (25, 0.25)])
def test_plotting_network_labels_do_not_overlap(nodes, density):
    import itertools
    import random

    from synthesis.reports.plotting import network_chart

    stems = ["โรงพยาบาลส่งเสริมสุขภาพตำบล", "สำนักงานประกันสังคมจังหวัด", "องค์การบริหารส่วนตำบล",
             "กองทุนหลักประกันสุขภาพท้องถิ่น", "สำนักงานสาธารณสุขอำเภอ"]
    names = [f"{stems[n % len(stems)]} {n}" for n in range(nodes)]
    chance = random.Random(nodes)
    rows = [(a, b, chance.randint(1, 4)) for a, b in itertools.combinations(names, 2) if chance.random() < density]
    figure = network_chart(pd.DataFrame(rows, columns=["source", "target", "weight"]), "เครือข่าย", top=500)
    graph_axes, key_axes = figure.axes
    assert _overlaps(_text_boxes(figure, graph_axes)) == []  # the numbers on the nodes
    assert _overlaps(_text_boxes(figure, key_axes)) == []  # the names, listed by number
    figure_box = figure.bbox
    assert all(figure_box.x0 - 1 <= box.x0 and box.x1 <= figure_box.x1 + 1 for box in _text_boxes(figure, key_axes))


def test_plotting_spread_apart_keeps_a_minimum_distance():
    import numpy as np

    from synthesis.reports.plotting import spread_apart

    crowded = {f"องค์กร{n}": (0.01 * n, 0.0) for n in range(10)}
    points = np.array(list(spread_apart(crowded, 0.25).values()))
    gaps = [np.hypot(*(points[i] - points[j])) for i in range(10) for j in range(i + 1, 10)]
    assert min(gaps) >= 0.249


@pytest.mark.parametrize("counts", [[3, 1, 2], [12, 7, 30]])
def test_plotting_counts_have_whole_number_ticks_and_thai_axis(counts):
    figure = bar_chart(pd.DataFrame({"term": ["ยาง", "กระจูด", "คลุ้ม"], "count": counts}), "term", "count", "คำ")
    axes = figure.axes[0]
    figure.canvas.draw() if hasattr(figure.canvas, "draw") else None
    ticks = axes.get_xticks()
    assert all(float(tick).is_integer() for tick in ticks)
    assert axes.get_xlabel() == "จำนวนครั้ง (count)"

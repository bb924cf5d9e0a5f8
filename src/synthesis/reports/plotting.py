"""Charts for the reports: small functions that take DataFrames and return Figures.

They never call ``plt.show``; the notebook displays what they return. All set the Thai font
first, so labels never come out as boxes.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from synthesis.reports.fonts import use_thai_font


def _figure(width: float, height: float) -> tuple[Figure, object]:
    use_thai_font()
    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    return figure, figure.add_subplot()


def bar_chart(frame: pd.DataFrame, label: str, value: str, title: str, *, top: int = 20) -> Figure:
    """A horizontal bar chart of the ``top`` rows, largest first at the top.

    >>> fig = bar_chart(pd.DataFrame({"term": ["กรีดยาง"], "count": [3]}), "term", "count", "คำ")
    >>> fig.axes[0].get_title()
    'คำ'
    """
    rows = frame.nlargest(top, value).iloc[::-1]
    figure, axes = _figure(7, max(2.0, 0.32 * len(rows) + 1))
    axes.barh(rows[label].astype(str), rows[value], color="#2a7f62")
    axes.set_title(title)
    axes.set_xlabel(value)
    return figure


def timeline_chart(documents: pd.DataFrame, title: str) -> Figure:
    """Documents as points on a time axis, one row per document kind.

    ``documents`` needs ``date`` (ISO string or null) and ``kind``; undated rows are left out.
    """
    dated = documents.dropna(subset=["date"]).copy()
    figure, axes = _figure(8, 2.6)
    if dated.empty:
        axes.text(0.5, 0.5, "ไม่มีเอกสารที่ระบุวันที่ (no dated documents)", ha="center", va="center")
        axes.set_axis_off()
        return figure
    dated["when"] = pd.to_datetime(dated["date"])
    kinds = sorted(dated["kind"].unique())
    for row, kind in enumerate(kinds):
        part = dated[dated["kind"] == kind]
        axes.scatter(part["when"], [row] * len(part), s=60, label=kind)
    axes.set_yticks(range(len(kinds)), kinds)
    axes.set_ylim(-0.8, len(kinds) - 0.2)
    axes.set_title(title)
    axes.grid(axis="x", alpha=0.3)
    return figure

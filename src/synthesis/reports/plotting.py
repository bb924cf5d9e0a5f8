"""Charts for the reports: small functions that take DataFrames and return Figures.

They never call ``plt.show``; the notebook displays what they return. All set the Thai font
first, so labels never come out as boxes.
"""

from __future__ import annotations

import base64
import io

import pandas as pd
from matplotlib.figure import Figure

from synthesis.reports.fonts import use_thai_font


def _figure(width: float, height: float) -> tuple[Figure, object]:
    use_thai_font()
    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    return figure, figure.add_subplot()


def figure_png(figure: Figure) -> str:
    """The figure as a base64 PNG (what IPython displays), drawn once.

    IPython's inline backend saves with ``bbox_inches="tight"``, which measures every
    figure once more before drawing it. Our figures lay themselves out
    (``layout="constrained"``), so they are drawn at their own size; and compressed with
    zlib's fastest level (our flat-coloured charts come out about a fifth larger, in a
    fifth of the time).

    >>> figure_png(bar_chart(pd.DataFrame({"term": ["ยาง"], "count": [1]}), "term", "count", "คำ"))[:8]
    'iVBORw0K'
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi, facecolor=figure.get_facecolor(),
                   edgecolor=figure.get_edgecolor(), pil_kwargs={"compress_level": 1})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


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


def participants_chart(documents: pd.DataFrame, title: str) -> Figure:
    """Participant counts of dated documents over time (``date``, ``participants_count``)."""
    rows = documents.dropna(subset=["date", "participants_count"]).sort_values("date")
    figure, axes = _figure(8, 2.8)
    if rows.empty:
        axes.text(0.5, 0.5, "ไม่มีจำนวนผู้เข้าร่วมในเอกสาร (no participant counts)", ha="center", va="center")
        axes.set_axis_off()
        return figure
    when = pd.to_datetime(rows["date"])
    axes.plot(when, rows["participants_count"].astype(float), marker="o", color="#2a7f62")
    axes.set_ylabel("คน (people)")
    axes.set_ylim(bottom=0)
    axes.set_title(title)
    axes.grid(alpha=0.3)
    return figure


def network_chart(links: pd.DataFrame, title: str, *, top: int = 25, seed: int = 12) -> Figure:
    """Organisations as nodes, linked when named in the same document (``source``,
    ``target``, ``weight``); the layout is seeded, so the same data gives the same picture."""
    import networkx as nx

    figure, axes = _figure(8, 6)
    axes.set_axis_off()
    axes.set_title(title)
    if links.empty:
        axes.text(0.5, 0.5, "ไม่พบองค์กรที่ปรากฏร่วมกัน (no organisations named together)", ha="center", va="center")
        return figure
    graph = nx.Graph()
    for row in links.head(top).itertuples(index=False):
        graph.add_edge(row.source, row.target, weight=row.weight)
    layout = nx.spring_layout(graph, seed=seed, weight="weight")
    widths = [0.8 + graph[a][b]["weight"] for a, b in graph.edges]
    nx.draw_networkx_edges(graph, layout, ax=axes, width=widths, alpha=0.4, edge_color="#555555")
    sizes = [300 + 120 * graph.degree(node, weight="weight") for node in graph.nodes]
    nx.draw_networkx_nodes(graph, layout, ax=axes, node_size=sizes, node_color="#9fd3c7")
    for node, (x, y) in layout.items():
        axes.text(x, y, node, ha="center", va="center", fontsize=9)
    return figure


def heatmap_chart(matrix: pd.DataFrame, title: str, *, fmt: str = "{:.0f}") -> Figure:
    """A labelled heatmap of a numeric table (rows × columns), values written in the cells."""
    figure, axes = _figure(max(6, 0.75 * len(matrix.columns) + 4), max(3, 0.45 * len(matrix) + 2))
    if matrix.empty:
        axes.text(0.5, 0.5, "ไม่มีข้อมูล (no data)", ha="center", va="center")
        axes.set_axis_off()
        return figure
    values = matrix.to_numpy(dtype=float)
    image = axes.imshow(values, cmap="YlGn", aspect="auto")
    axes.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns], rotation=35, ha="right")
    axes.set_yticks(range(len(matrix.index)), [str(i) for i in matrix.index])
    for (row, col), value in pd.DataFrame(values).stack().items():
        # inside its cell, so it never moves the margins: the layout need not measure it
        axes.text(col, row, fmt.format(value), ha="center", va="center", fontsize=8, in_layout=False)
    figure.colorbar(image, ax=axes, shrink=0.8)
    axes.set_title(title)
    return figure

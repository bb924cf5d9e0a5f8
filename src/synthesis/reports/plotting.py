"""Charts for the reports: small functions that take DataFrames and return Figures.

They never call ``plt.show``; the notebook displays what they return. All set the Thai font
first, so labels never come out as boxes.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

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


# Thai names of the value columns the sections chart (an axis a Thai reader sees is in Thai)
AXIS_LABELS = {
    "count": "จำนวนครั้ง (count)",
    "documents": "จำนวนเอกสาร (documents)",
    "share": "สัดส่วน (share)",
    "participants_count": "จำนวนผู้เข้าร่วม (participants)",
}


def axis_label(column: str) -> str:
    """The label an axis showing ``column`` gets: its Thai name when we know one.

    >>> axis_label("count"), axis_label("ร้อยละ")
    ('จำนวนครั้ง (count)', 'ร้อยละ')
    """
    return AXIS_LABELS.get(column, column)


def _integer_axis(axis, values) -> None:
    """Whole-number ticks on an axis of counts (no ``2.5`` people)."""
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").dropna()
    if len(numbers) and (numbers % 1 == 0).all():
        axis.set_major_locator(MaxNLocator(integer=True))


def bar_chart(frame: pd.DataFrame, label: str, value: str, title: str, *, top: int = 20,
              xlabel: str | None = None) -> Figure:
    """A horizontal bar chart of the ``top`` rows, largest first at the top; the value axis
    is labelled ``xlabel`` (default: the column's Thai name, see :func:`axis_label`).

    >>> fig = bar_chart(pd.DataFrame({"term": ["กรีดยาง"], "count": [3]}), "term", "count", "คำ")
    >>> fig.axes[0].get_title(), fig.axes[0].get_xlabel()
    ('คำ', 'จำนวนครั้ง (count)')
    """
    rows = frame.nlargest(top, value).iloc[::-1]
    figure, axes = _figure(7, max(2.0, 0.32 * len(rows) + 1))
    axes.barh(rows[label].astype(str), rows[value], color="#2a7f62")
    axes.set_title(title)
    axes.set_xlabel(xlabel or axis_label(value))
    _integer_axis(axes.xaxis, rows[value])
    return figure


def spread_apart(layout: dict, min_distance: float, *, rounds: int = 200) -> dict:
    """Positions pushed apart until no two are closer than ``min_distance`` (or ``rounds``
    passes are done): what keeps network nodes, and the numbers on them, from overlapping.

    >>> spread = spread_apart({"ก": (0.0, 0.0), "ข": (0.01, 0.0)}, 0.2)
    >>> round(float(np.hypot(*(np.array(spread["ก"]) - spread["ข"]))), 2) >= 0.2
    True
    """
    names = list(layout)
    points = np.array([layout[name] for name in names], dtype=float)
    for _ in range(rounds):
        moved = False
        for i in range(len(points)):
            offsets = points[i] - points
            distance = np.hypot(offsets[:, 0], offsets[:, 1])
            distance[i] = np.inf
            close = distance < min_distance
            if not close.any():
                continue
            moved = True
            for j in np.flatnonzero(close):
                direction = offsets[j] / distance[j] if distance[j] > 1e-9 else np.array([np.cos(i + j), np.sin(i + j)])
                push = (min_distance - distance[j]) / 2 + 1e-6
                points[i] += direction * push
                points[j] -= direction * push
        if not moved:
            break
    return {name: tuple(point) for name, point in zip(names, points)}


def network_chart(links: pd.DataFrame, title: str, *, top: int = 25, seed: int = 12) -> Figure:
    """Organisations as nodes, linked when named in the same document (``source``,
    ``target``, ``weight``); the layout is seeded, so the same data gives the same picture.

    Names never sit on top of each other: each node carries a number (1 = the most linked)
    and the names are listed by number beside the graph; nodes are pushed apart so that
    their numbers never overlap either.
    """
    import networkx as nx

    if links.empty:
        figure, axes = _figure(8, 3)
        axes.set_axis_off()
        axes.set_title(title)
        axes.text(0.5, 0.5, "ไม่พบองค์กรที่ปรากฏร่วมกัน (no organisations named together)", ha="center", va="center")
        return figure
    graph = nx.Graph()
    for row in links.head(top).itertuples(index=False):
        graph.add_edge(str(row.source), str(row.target), weight=row.weight)
    ranked = sorted(graph.nodes, key=lambda node: (-graph.degree(node, weight="weight"), node))
    number = {node: n for n, node in enumerate(ranked, start=1)}
    figure = Figure(figsize=(9, max(5.0, 0.26 * len(ranked) + 1.2)), dpi=110, layout="constrained")
    use_thai_font()
    axes, key = figure.subplots(1, 2, width_ratios=[3, 2])
    axes.set_axis_off()
    key.set_axis_off()
    figure.suptitle(title)
    layout = spread_apart(nx.spring_layout(graph, seed=seed, weight="weight"), 0.25)
    widths = [0.8 + graph[a][b]["weight"] for a, b in graph.edges]
    nx.draw_networkx_edges(graph, layout, ax=axes, width=widths, alpha=0.4, edge_color="#555555")
    sizes = [260 + 60 * min(graph.degree(node, weight="weight"), 10) for node in graph.nodes]
    nx.draw_networkx_nodes(graph, layout, ax=axes, node_size=sizes, node_color="#9fd3c7")
    for node, (x, y) in layout.items():
        axes.text(x, y, str(number[node]), ha="center", va="center", fontsize=9)
    axes.margins(0.08)
    step = 1 / max(len(ranked), 1)
    for n, node in enumerate(ranked):
        key.text(0, 1 - (n + 0.5) * step, f"{number[node]}  {node}", ha="left", va="center",
                 fontsize=9, transform=key.transAxes)
    return figure

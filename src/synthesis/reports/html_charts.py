"""Charts that are tables: a heatmap and paired bars written as HTML, not drawn as images.

A heatmap is a table whose cells are coloured; a bar chart of a few percentages is a table
whose cells hold bars. Written as HTML they cost nothing to draw (matplotlib took 0.3–0.5 s
per heatmap, most of it laying out text), their Thai is real text (selectable, searchable,
as large as the page's on a phone, read out by a screen reader), and every number stays
written beside its colour or bar. Every label is escaped (``synthesis.reports.html_safe``);
the only markup and styles are this module's own (colours and widths it computes).

>>> import pandas as pd
>>> html = str(heatmap_table(pd.DataFrame([[1, 0]], index=["<b>"], columns=["ยะลา", "ตรัง"]), "รหัส"))
>>> "&lt;b&gt;" in html and "<b>" not in html.replace("<b>รหัส</b>", "")
True
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from synthesis.reports import html_safe as h

HEATMAP_COLOURS = "YlGn"  # the colour map the matplotlib heatmaps used
MISSING_COLOUR = "#e6e6e6"  # cells outside the colour scale (the diagonal, missing values)
DARK_SHARE = 0.6  # above this share of the scale a cell's number is written in white
BAR_COLOURS = ("#2a7f62", "#bbbbbb")
BAR_WIDTH_PX = 160  # the length of a bar at the top of its scale


def _hex(rgba) -> str:
    return "#" + "".join(f"{round(255 * channel):02x}" for channel in rgba[:3])


def scale_colour(value: float, top: float) -> str:
    """The colour of ``value`` on the heatmap scale from 0 to ``top`` (``YlGn``).

    >>> scale_colour(0, 10), scale_colour(10, 10)
    ('#ffffe5', '#004529')
    """
    import matplotlib

    share = 0.0 if top <= 0 else min(max(value / top, 0.0), 1.0)
    return _hex(matplotlib.colormaps[HEATMAP_COLOURS](share))


def _number(value: float, fmt: str) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else fmt.format(value)


def heatmap_table(matrix: pd.DataFrame, title: str, *, fmt: str = "{:.0f}", diagonal: bool | None = None,
                  corner: str = "") -> h.Safe:
    """A numeric table (rows × columns) as a heatmap: each cell coloured on a scale from 0 to
    the largest value, its number written in it (white on the darkest cells), a legend of the
    scale under it.

    In a co-occurrence table (square, the same labels on both sides) the diagonal holds each
    row's own total, far above every pair: it is left out of the colour scale (grey cells,
    numbers kept), so the pairs are told apart. ``diagonal=True``/``False`` forces it.

    >>> html = str(heatmap_table(pd.DataFrame([[144, 11], [11, 106]], index=["ก", "ข"], columns=["ก", "ข"]), "ร่วม"))
    >>> "background:#e6e6e6" in html and ">144<" in html  # the diagonal: grey, number kept
    True
    """
    heading = h.tag("p", h.tag("b", title))
    if matrix.empty:
        return h.join([heading, h.tag("p", h.tag("i", "ไม่มีข้อมูล (no data)"))])
    values = matrix.to_numpy(dtype=float)
    if diagonal is None:
        diagonal = len(matrix) > 1 and list(matrix.index) == list(matrix.columns)
    outside = np.isnan(values)
    if diagonal:
        outside |= np.eye(len(values), len(values[0]), dtype=bool)
    scaled = values[~outside]
    top = float(scaled.max()) if scaled.size else 1.0
    head = h.tag("thead", h.tag("tr", h.tag("th", corner), *(h.tag("th", str(c)) for c in matrix.columns)))
    rows = []
    for r, label in enumerate(matrix.index):
        cells = [h.tag("th", str(label))]
        for c in range(values.shape[1]):
            value = values[r, c]
            if outside[r, c]:
                style = f"background:{MISSING_COLOUR};color:#000;text-align:center"
            else:
                dark = value > DARK_SHARE * top
                style = (f"background:{scale_colour(value, top)};color:{'#fff' if dark else '#000'};"
                         "text-align:center")
            cells.append(h.tag("td", _number(value, fmt), style=style))
        rows.append(h.tag("tr", *cells))
    stops = ", ".join(scale_colour(top * step / 4, top) for step in range(5))
    legend = h.tag("p", h.tag("small", "สเกลสี (colour scale): ", _number(0.0, fmt), " ",
                              h.tag("span", "", style=f"display:inline-block;width:120px;height:0.8em;"
                                                      f"vertical-align:middle;background:linear-gradient(to right, {stops})"),
                              " ", _number(top, fmt)))
    parts = [heading, h.tag("table", head, h.tag("tbody", *rows), cls="heatmap"), legend]
    if diagonal:
        parts.append(h.tag("p", h.tag("small", "ช่องสีเทาบนเส้นทแยง: จำนวนของรหัสนั้นเอง ไม่นับในสเกลสี "
                                               "(grey diagonal: each row's own total, left out of the colour scale)")))
    return h.join(parts)


def bar(value: float, top: float, colour: str = BAR_COLOURS[0], fmt: str = "{:.0f}") -> h.Safe:
    """A bar of ``value`` on a scale from 0 to ``top`` (``BAR_WIDTH_PX`` long at the top),
    followed by its number, for a table cell.

    >>> str(bar(5, 10))
    '<span style="white-space:nowrap"><span style="display:inline-block;width:80px;height:0.8em;background:#2a7f62;vertical-align:middle"></span> 5</span>'
    """
    width = 0 if top <= 0 or value != value else round(BAR_WIDTH_PX * min(value / top, 1.0))
    return h.tag("span", h.tag("span", "", style=f"display:inline-block;width:{width}px;height:0.8em;"
                                                 f"background:{colour};vertical-align:middle"),
                 " ", _number(value, fmt), style="white-space:nowrap")


def paired_bars_table(frame: pd.DataFrame, label: str, first: str, second: str, title: str, *,
                      scale_label: str, top: float | None = None, fmt: str = "{:.0f}") -> h.Safe:
    """Two bars per row (``first`` dark, ``second`` grey), each with its number, on one
    scale from 0 to ``top`` (default: the largest value); the column names are the legend.

    >>> frame = pd.DataFrame({"code": ["บริบท"], "here": [50], "there": [25]})
    >>> html = str(paired_bars_table(frame, "code", "here", "there", "รหัส", scale_label="%", top=100))
    >>> "width:80px" in html and "width:40px" in html
    True
    """
    heading = h.tag("p", h.tag("b", title))
    if frame.empty:
        return h.join([heading, h.tag("p", h.tag("i", "ไม่มีข้อมูล (no data)"))])
    numbers = frame[[first, second]].to_numpy(dtype=float)
    top = float(np.nanmax(numbers)) if top is None else float(top)
    rows = [{label: row[0],
             scale_label: h.join([bar(a, top, BAR_COLOURS[0], fmt), h.tag("br"), bar(b, top, BAR_COLOURS[1], fmt)])}
            for row, (a, b) in zip(frame[[label]].itertuples(index=False), numbers)]
    key = h.join([h.join([h.tag("span", "", style=f"display:inline-block;width:0.8em;height:0.8em;background:{colour}"),
                          " ", name]) for colour, name in zip(BAR_COLOURS, (first, second))], " ")
    return h.join([heading, h.tag("p", h.tag("small", key)), h.table(rows, cls="bars")])


# matplotlib's first colours, as the image timeline used them: one per document kind
KIND_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")
TRACK_STYLE = "position:relative;height:1.4em;min-width:320px;border-bottom:1px solid #ccc"


def _position(day: pd.Timestamp, first: pd.Timestamp, span_days: float) -> float:
    """Where ``day`` sits on the axis, in % of its width (kept inside 1–99 % so a dot is whole)."""
    return 1 + 98 * (day - first).days / span_days


def timeline_html(documents: pd.DataFrame, title: str, *, labels=None) -> h.Safe:
    """Documents as dots on a time axis, one row per kind, written as HTML: each dot where its
    date falls between the first and the last date (to scale, as on a chart), its date and
    title shown when pointed at; the years marked under the axis. ``documents`` needs
    ``date`` (ISO or null) and ``kind`` (``title`` when present); undated rows are left out.
    ``labels`` names a kind (default: the kind itself).

    >>> docs = pd.DataFrame({"date": ["2020-01-01", "2022-01-01"], "kind": ["interview", "interview"]})
    >>> html = str(timeline_html(docs, "เส้นเวลา"))
    >>> "left:1.0%" in html and "left:99.0%" in html and ">2021<" in html
    True
    """
    heading = h.tag("p", h.tag("b", title))
    dated = documents.dropna(subset=["date"])
    when = pd.to_datetime(dated["date"], errors="coerce") if len(dated) else pd.Series(dtype="datetime64[ns]")
    dated = dated.assign(when=when).dropna(subset=["when"])
    if dated.empty:
        return h.join([heading, h.tag("p", h.tag("i", "ไม่มีเอกสารที่ระบุวันที่ (no dated documents)"))])
    first, last = dated["when"].min(), dated["when"].max()
    span_days = max((last - first).days, 1)
    name = labels or (lambda kind: str(kind))
    titles = dated["title"] if "title" in dated.columns else pd.Series([""] * len(dated), index=dated.index)
    rows = []
    for number, kind in enumerate(sorted(dated["kind"].unique())):
        colour = KIND_COLOURS[number % len(KIND_COLOURS)]
        part = dated[dated["kind"] == kind].sort_values("when", kind="stable")
        dots = [h.tag("span", "", title=f"{day.date().isoformat()} · {text if isinstance(text, str) and text else '—'}",
                      style=f"position:absolute;left:{_position(day, first, span_days):.1f}%;top:0.35em;"
                            f"width:0.7em;height:0.7em;margin-left:-0.35em;border-radius:50%;background:{colour}")
                for day, text in zip(part["when"], titles.loc[part.index])]
        rows.append(h.tag("tr", h.tag("th", name(kind)), h.tag("td", h.tag("div", *dots, style=TRACK_STYLE))))
    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    ticks = [h.tag("span", str(year), style=f"position:absolute;left:{_position(pd.Timestamp(year, 1, 1), first, span_days):.1f}%;"
                                            "transform:translateX(-50%);font-size:0.8em;color:#555")
             for year in years]
    axis = h.tag("tr", h.tag("th", ""), h.tag("td", h.tag("div", *ticks, style="position:relative;height:1.4em;min-width:320px")))
    note = h.tag("p", h.tag("small", f"{first.date().isoformat()} – {last.date().isoformat()} · ",
                            "ชี้ที่จุดเพื่อดูวันที่และชื่อเอกสาร (point at a dot for its date and title)"))
    return h.join([heading, h.tag("table", h.tag("tbody", *rows, axis), cls="timeline", style="width:100%"), note])

"""The codes: this area against the others, codes × areas, codes on the same segment."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import area_labels, code_area_shares, codebook, reported_codings

__all__ = ["code_comparison", "code_comparison_chart", "code_area_heatmap", "code_cooccurrence_chart"]


def code_comparison(context: ReportContext) -> pd.DataFrame:
    """Each top-level code: the share of this area's coded documents holding it, against the
    mean share in the other areas (documents of the date range)."""
    book = codebook(context)
    matrix = code_area_shares(context)
    this = context.area.id
    others = [a.id for a in context.areas if a.id != this and a.id in matrix.columns]
    rows = []
    for code in book.top_level():
        here = float(matrix.at[code.id, this]) if code.id in matrix.index and this in matrix.columns else 0.0
        there = float(matrix.loc[code.id, others].mean()) if code.id in matrix.index and others else 0.0
        rows.append({"code_id": code.id, "รหัส (code)": f"{code.name_th} ({code.name_en})",
                     "พื้นที่นี้ (this area)": round(100 * here), "พื้นที่อื่นเฉลี่ย (other areas)": round(100 * there),
                     "ต่าง (difference)": round(100 * (here - there))})
    return pd.DataFrame(rows)


def code_comparison_chart(comparison: pd.DataFrame) -> Figure:
    """Grouped bars: share of documents (%) per top-level code, this area vs the others."""
    from synthesis.reports.plotting import _figure

    figure, axes = _figure(8, max(3.0, 0.35 * len(comparison) + 1))
    labels = comparison["รหัส (code)"].str.replace(r" \(.*\)$", "", regex=True)
    y = range(len(comparison))
    axes.barh([i + 0.2 for i in y], comparison["พื้นที่นี้ (this area)"], height=0.4, label="พื้นที่นี้", color="#2a7f62")
    axes.barh([i - 0.2 for i in y], comparison["พื้นที่อื่นเฉลี่ย (other areas)"], height=0.4, label="พื้นที่อื่น", color="#bbbbbb")
    axes.set_yticks(list(y), labels)
    axes.invert_yaxis()
    axes.set_xlabel("% ของเอกสารที่ลงรหัสแล้ว (% of coded documents)")
    axes.legend(loc="lower right")
    axes.set_title("รหัสบทเรียน: พื้นที่นี้เทียบกับพื้นที่อื่น")
    return figure


def code_area_heatmap(context: ReportContext) -> Figure:
    """Top-level codes × areas: % of each area's documents that hold the code."""
    from synthesis.reports.plotting import heatmap_chart

    book = codebook(context)
    matrix = code_area_shares(context)
    columns = [a.id for a in context.areas if a.id in matrix.columns]
    matrix = (100 * matrix[columns]).rename(columns=area_labels(context))
    matrix.index = [book.label(c) if c in book else c for c in matrix.index]
    return heatmap_chart(matrix, "รหัส × พื้นที่: % ของเอกสารที่ลงรหัสแล้ว (code × area, % of coded documents)")


def code_cooccurrence_chart(context: ReportContext) -> Figure:
    """How often two top-level codes fall on the same segment, over the whole collection."""
    from synthesis.analysis.codes import cooccurrence
    from synthesis.reports.plotting import heatmap_chart

    book = codebook(context)
    doc_ids = list(context.documents["doc_id"])
    wanted = set(doc_ids)
    codings = [c for c in reported_codings(context) if c.doc_id in wanted]
    segments = context.store.table("segments", doc_ids=doc_ids)
    matrix = cooccurrence(codings, segments, window=0, codebook=book, top_level=True)
    labels = {c: book.label(c) if c in book else c for c in matrix.index}
    return heatmap_chart(matrix.rename(index=labels, columns=labels),
                         "รหัสที่ปรากฏร่วมกันในส่วนเดียวกัน (codes on the same segment)")

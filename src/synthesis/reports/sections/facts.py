"""Facts the texts state: numeric targets next to the results reported."""

from __future__ import annotations

import pandas as pd

from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import area_table


__all__ = ["area_segments", "targets_and_results"]


def area_segments(context: ReportContext, segments: pd.DataFrame) -> pd.DataFrame:
    """The segments that speak of this area: all of a document attributed to this area
    alone; of a document shared by several areas, only segments naming the area."""
    area = context.area
    shared = {d for d, areas in zip(context.area_documents["doc_id"], context.area_documents["areas"])
              if len(list(areas)) > 1}
    names = [n for n in (*area.aliases, area.local_government, area.province) if n]
    names_here = segments["text"].map(lambda text: any(name in text for name in names))
    return segments[~segments["doc_id"].isin(shared) | names_here]


def targets_and_results(context: ReportContext) -> pd.DataFrame:
    """Numeric targets stated in the texts next to the numbers reported as achieved."""
    from synthesis.analysis.targets import numeric_statements, targets_vs_achieved

    docs = context.area_documents
    segments = area_segments(context, area_table(context, "segments"))
    # only the columns it reads: it looks a date and a title up for every number
    statements = numeric_statements(docs[["doc_id", "date", "title"]], segments, area_table(context, "entities"))
    table = targets_vs_achieved(statements)
    return table.rename(columns={"subject": "เรื่อง (what)", "unit": "หน่วย (unit)", "target": "เป้าหมาย (target)",
                                 "achieved": "ทำได้ (achieved)", "statement": "ข้อความ (statement)",
                                 "target date": "วันที่ตั้งเป้า", "result date": "วันที่รายงานผล",
                                 "how": "จับคู่โดย (paired by)"})

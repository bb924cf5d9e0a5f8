"""The sections of the reports, as pure functions of a ``ReportContext``.

Each returns a DataFrame, a Figure or Markdown text that the notebook displays; none reads
files other than through the store, so a report costs what its own area's rows cost.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from synthesis.reports.notebook import ReportContext
from synthesis.reports.plotting import bar_chart, timeline_chart

KIND_NAMES = {
    "activity_report": "รายงานกิจกรรม (activity report)",
    "meeting_summary": "สรุปการประชุม (meeting summary)",
    "interview": "สัมภาษณ์ถอดบทเรียน (interview)",
    "other": "อื่น ๆ (other)",
}


def area_title(context: ReportContext) -> str:
    """The Markdown title of an area report."""
    area = context.area
    return (f"# {area.name_th}\n\n**{area.name_en}** · จังหวัด{area.province} · "
            f"รายงานสังเคราะห์บทเรียน (lesson-learned synthesis report)")


def area_profile(context: ReportContext) -> pd.DataFrame:
    """The area's profile from ``lessons/areas.yaml``, one row per field."""
    area = context.area
    period = area.period or {}
    rows = [
        ("จังหวัด (province)", area.province),
        ("อำเภอ (district)", area.amphoe),
        ("ตำบล (subdistrict)", area.tambon),
        ("องค์กรปกครองส่วนท้องถิ่น (local government)", area.local_government),
        ("กลุ่มอาชีพ (occupation group)", f"{area.occupation_th} ({area.occupation_en})"),
        ("ช่วงโครงการ (programme period)", f"{period.get('start', '')} – {period.get('end', '')}"),
        ("จำนวนเอกสาร (documents)", len(context.area_documents)),
    ]
    return pd.DataFrame(rows, columns=["รายการ (field)", "ข้อมูล (value)"])


def documents_table(context: ReportContext) -> pd.DataFrame:
    """The area's documents in date order: date, kind, title, reporter."""
    docs = context.area_documents.sort_values("date", na_position="last")
    return pd.DataFrame({
        "วันที่ (date)": docs["date"].fillna("—"),
        "ประเภท (kind)": docs["kind"].map(lambda kind: KIND_NAMES.get(kind, kind)),
        "ชื่อเรื่อง (title)": docs["title"],
        "ผู้รายงาน (reporter)": docs["reporter"].fillna("—"),
    }).reset_index(drop=True)


def documents_timeline(context: ReportContext) -> Figure:
    """Documents on a time axis, one row per kind."""
    return timeline_chart(context.area_documents,
                          "เส้นเวลาของเอกสารและกิจกรรม (timeline of documents)")


def word_frequencies(context: ReportContext, top: int = 25) -> pd.DataFrame:
    """The most frequent content words of the area's documents (stop words removed)."""
    from synthesis.thai.keywords import word_frequencies as count_words

    doc_ids = list(context.area_documents["doc_id"])
    tokens = context.store.table("tokens", doc_ids=doc_ids)
    token_lists = [group["text"].tolist() for _, group in tokens.groupby("doc_id", sort=False)]
    return count_words(token_lists).head(top).reset_index(drop=True)


def word_frequency_chart(frequencies: pd.DataFrame) -> Figure:
    return bar_chart(frequencies, "term", "count", "คำที่พบบ่อย (most frequent words)")


def collection_title(context: ReportContext, heading: str) -> str:
    """The Markdown title of a collection-wide report."""
    return f"# {heading}\n\nคลังเอกสาร (collection) `{context.collection}` · {len(context.documents)} เอกสาร"


def documents_by_area(context: ReportContext) -> pd.DataFrame:
    """How many documents of each kind each area has (a document may count for several)."""
    rows = []
    for area in context.areas:
        docs = context.documents[context.documents["areas"].map(lambda ids: area.id in list(ids))]
        counts = docs["kind"].value_counts()
        rows.append({"พื้นที่ (area)": area.name_th, "slug": area.id,
                     **{KIND_NAMES.get(kind, kind): int(counts.get(kind, 0)) for kind in KIND_NAMES},
                     "รวม (total)": len(docs)})
    return pd.DataFrame(rows)


def unattributed_documents(context: ReportContext) -> pd.DataFrame:
    """Documents that no pilot area claimed: to check by hand."""
    docs = context.documents[context.documents["areas"].map(lambda ids: len(list(ids)) == 0)]
    return docs[["path", "kind", "title"]].reset_index(drop=True)


def ingest_errors(context: ReportContext) -> pd.DataFrame:
    """Files the last ingest could not read, with the reason."""
    return context.store.table("errors")

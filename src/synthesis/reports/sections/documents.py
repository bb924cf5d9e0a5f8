"""The documents of a report: titles, the area's profile, documents and timeline, what happened."""

from __future__ import annotations

import pandas as pd

from synthesis.reports import html_safe as h
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import KIND_NAMES, with_text

__all__ = [
    "area_title",
    "table_of_contents",
    "area_profile",
    "documents_table",
    "documents_timeline",
    "collection_title",
    "documents_by_area",
    "unattributed_documents",
    "ingest_errors",
    "activities_and_outcomes",
]


def area_title(context: ReportContext) -> h.Safe:
    """The title of an area report (escaped HTML: names come from ``lessons/areas.yaml``)."""
    area = context.area
    return h.join([h.tag("h1", area.name_th),
                   h.tag("p", h.tag("b", area.name_en), f" · จังหวัด{area.province} · "
                         "รายงานสังเคราะห์บทเรียน (lesson-learned synthesis report)")])


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


def kind_label(kind: str) -> str:
    """The Thai name of a document kind, as the report's tables write it.

    >>> kind_label("activity_report"), kind_label("new_kind")
    ('รายงานกิจกรรม (activity report)', 'new kind')
    """
    return KIND_NAMES.get(kind) or str(kind).replace("_", " ")


def documents_timeline(context: ReportContext) -> h.Safe:
    """The area's documents on a time axis, one row per kind (its Thai name), written as HTML
    (``synthesis.reports.html_charts.timeline_html``)."""
    from synthesis.reports.html_charts import timeline_html

    return timeline_html(context.area_documents, "เส้นเวลาของเอกสารและกิจกรรม (timeline of documents)",
                         labels=kind_label)


def collection_title(context: ReportContext, heading: str) -> h.Safe:
    """The title of a collection-wide report (escaped HTML)."""
    return h.join([h.tag("h1", heading),
                   h.tag("p", "คลังเอกสาร (collection) ", h.tag("code", context.collection),
                         f" · {len(context.documents)} เอกสาร (documents)")])


def table_of_contents(parts: list[tuple[str, str]]) -> h.Safe:
    """A table of contents: ``parts`` are ``(anchor id, title)`` in page order; each links to
    the place in the page (the heading cells carry ``<a id=…>``).

    >>> str(table_of_contents([("card", "บัตรบทเรียน")]))
    '<nav><b>สารบัญ (contents)</b><ul><li><a href="#card">บัตรบทเรียน</a></li></ul></nav>'
    """
    return h.tag("nav", h.tag("b", "สารบัญ (contents)"),
                 h.tag("ul", *(h.tag("li", h.tag("a", title, href=f"#{anchor}")) for anchor, title in parts)))


def documents_by_area(context: ReportContext) -> pd.DataFrame:
    """How many documents of each kind each area has (a document may count for several)."""
    rows = []
    for area in context.areas:
        docs = context.documents[context.documents["areas"].map(lambda ids: area.id in list(ids)).astype(bool)]
        counts = docs["kind"].value_counts()
        rows.append({"พื้นที่ (area)": area.name_th, "slug": area.id,
                     **{KIND_NAMES.get(kind, kind): int(counts.get(kind, 0)) for kind in KIND_NAMES},
                     "รวม (total)": len(docs)})
    return pd.DataFrame(rows)


def unattributed_documents(context: ReportContext) -> pd.DataFrame:
    """Documents that no pilot area claimed: to check by hand."""
    docs = context.documents[context.documents["areas"].map(lambda ids: len(list(ids)) == 0).astype(bool)]
    return docs[["path", "kind", "title"]].reset_index(drop=True)


def ingest_errors(context: ReportContext) -> pd.DataFrame:
    """Files the last ingest could not read, with the reason."""
    return context.store.table("errors")


def _excerpt(text: str, span, limit: int = 420) -> str:
    if not span:
        return ""
    start, end = span
    part = " ".join(text[start:end].split())
    return part if len(part) <= limit else part[:limit].rsplit(" ", 1)[0] + " …"


def activities_and_outcomes(context: ReportContext) -> pd.DataFrame:
    """Each activity report's date, title, what was done and what came of it (excerpts)."""
    import json

    docs = context.area_documents
    docs = with_text(context, docs[docs["kind"] == "activity_report"].sort_values("date", na_position="last"))
    rows = []
    for doc in docs.itertuples(index=False):
        sections = json.loads(doc.sections) if isinstance(doc.sections, str) and doc.sections else {}
        rows.append({"วันที่ (date)": doc.date or "—", "กิจกรรม (activity)": doc.title,
                     "สิ่งที่ทำ (what was done)": _excerpt(doc.text, sections.get("activities")),
                     "ผลที่เกิดขึ้น (outputs and outcomes)": _excerpt(doc.text, sections.get("outcomes"))})
    return pd.DataFrame(rows)

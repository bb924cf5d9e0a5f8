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


# --- who took part -----------------------------------------------------------------------

def participants_over_time(context: ReportContext) -> Figure:
    """Participant counts stated in the area's reports, by date."""
    from synthesis.reports.plotting import participants_chart

    return participants_chart(context.area_documents, "จำนวนผู้เข้าร่วมตามช่วงเวลา (participants over time)")


def _area_entities(context: ReportContext, label: str) -> pd.DataFrame:
    doc_ids = list(context.area_documents["doc_id"])
    entities = context.store.table("entities", doc_ids=doc_ids)
    return entities[entities["label"] == label]


def partner_organisations(context: ReportContext, top: int = 20) -> pd.DataFrame:
    """The organisations named in the area's documents, by number of documents."""
    from synthesis.analysis.network import organisation_counts

    counts = organisation_counts(_area_entities(context, "ORG")).head(top)
    return counts.rename(columns={"organisation": "องค์กร (organisation)", "mentions": "ครั้ง (mentions)",
                                  "documents": "เอกสาร (documents)"})


def organisation_network(context: ReportContext) -> Figure:
    """Organisations linked when named in the same document of the area."""
    from synthesis.analysis.network import organisation_links
    from synthesis.reports.plotting import network_chart

    return network_chart(organisation_links(_area_entities(context, "ORG")),
                         "เครือข่ายองค์กรที่ทำงานร่วมกัน (organisations named together)")


def people_by_role(context: ReportContext) -> pd.DataFrame:
    """People and the roles the texts give them: reporter, interview speaker, named person.

    With ``redact`` the names are replaced by the collection's stable pseudonyms.
    """
    docs = context.area_documents
    rows = [{"name": r, "role": "ผู้รายงาน (reporter)", "doc_id": d}
            for d, r in zip(docs["doc_id"], docs["reporter"]) if isinstance(r, str) and r]
    segments = context.store.table("segments", doc_ids=list(docs["doc_id"]))
    if "speaker" in segments:
        turns = segments.dropna(subset=["speaker"])
        rows += [{"name": s, "role": "ผู้พูดในการสัมภาษณ์ (interview speaker)", "doc_id": d}
                 for d, s in zip(turns["doc_id"], turns["speaker"])]
    persons = _area_entities(context, "PERSON")
    rows += [{"name": v, "role": "ผู้ถูกกล่าวถึง (named)", "doc_id": d}
             for d, v in zip(persons["doc_id"], persons["value"]) if isinstance(v, str) and v]
    table = pd.DataFrame(rows, columns=["name", "role", "doc_id"])
    if table.empty:
        return pd.DataFrame(columns=["ชื่อ (name)", "บทบาท (roles)", "เอกสาร (documents)"])
    grouped = table.groupby("name").agg(roles=("role", lambda r: ", ".join(sorted(set(r)))),
                                        documents=("doc_id", "nunique")).reset_index()
    grouped = grouped.sort_values(["documents", "name"], ascending=[False, True])
    if context.parameters.get("redact"):
        grouped["name"] = redact_names(context, grouped["name"])
    return grouped.rename(columns={"name": "ชื่อ (name)", "roles": "บทบาท (roles)",
                                   "documents": "เอกสาร (documents)"}).reset_index(drop=True)


def redact_names(context: ReportContext, names: pd.Series) -> pd.Series:
    """Stable pseudonyms for a column of names (the key never enters the report)."""
    from synthesis.privacy import pseudonymize_names

    return pseudonymize_names(names, collection=context.collection)


# --- what happened -----------------------------------------------------------------------

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
    docs = docs[docs["kind"] == "activity_report"].sort_values("date", na_position="last")
    rows = []
    for doc in docs.itertuples(index=False):
        sections = json.loads(doc.sections) if isinstance(doc.sections, str) and doc.sections else {}
        rows.append({"วันที่ (date)": doc.date or "—", "กิจกรรม (activity)": doc.title,
                     "สิ่งที่ทำ (what was done)": _excerpt(doc.text, sections.get("activities")),
                     "ผลที่เกิดขึ้น (outputs and outcomes)": _excerpt(doc.text, sections.get("outcomes"))})
    return pd.DataFrame(rows)


def targets_and_results(context: ReportContext) -> pd.DataFrame:
    """Numeric targets stated in the texts next to the numbers reported as achieved."""
    from synthesis.analysis.targets import numeric_statements, targets_vs_achieved

    docs = context.area_documents
    doc_ids = list(docs["doc_id"])
    statements = numeric_statements(docs, context.store.table("segments", doc_ids=doc_ids),
                                    context.store.table("entities", doc_ids=doc_ids))
    table = targets_vs_achieved(statements)
    return table.rename(columns={"unit": "หน่วย (unit)", "target": "เป้าหมาย (target)",
                                 "achieved": "ทำได้ (achieved)", "target statement": "ข้อความเป้าหมาย",
                                 "achieved statement": "ข้อความผลลัพธ์", "target date": "วันที่ตั้งเป้า",
                                 "achieved date": "วันที่รายงานผล"})

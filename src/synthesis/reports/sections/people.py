"""Who took part: participants, partner organisations and their network, people by role."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import area_table, redacted

__all__ = [
    "participants_over_time",
    "partner_organisations",
    "organisation_network",
    "SPEAKER_ROLE_LABELS",
    "people_by_role",
]


def participants_over_time(context: ReportContext) -> Figure:
    """Participant counts stated in the area's reports, by date."""
    from synthesis.reports.plotting import participants_chart

    return participants_chart(context.area_documents, "จำนวนผู้เข้าร่วมตามช่วงเวลา (participants over time)")


def _area_entities(context: ReportContext, label: str) -> pd.DataFrame:
    entities = area_table(context, "entities")
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


SPEAKER_ROLE_LABELS = ("ผู้สัมภาษณ์", "ผู้ให้ข้อมูล", "ผู้ถาม", "ผู้ตอบ")


def people_by_role(context: ReportContext) -> pd.DataFrame:
    """People and the roles the texts give them: reporter, interview speaker, named person.

    With ``redact`` the names are replaced by the collection's stable pseudonyms.
    """
    docs = context.area_documents
    rows = [{"name": r, "role": "ผู้รายงาน (reporter)", "doc_id": d}
            for d, r in zip(docs["doc_id"], docs["reporter"]) if isinstance(r, str) and r]
    segments = area_table(context, "segments")
    if "speaker" in segments:
        turns = segments.dropna(subset=["speaker"])
        turns = turns[~turns["speaker"].isin(SPEAKER_ROLE_LABELS)]  # a role, not a person
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
    grouped = redacted(context, grouped)
    return grouped.rename(columns={"name": "ชื่อ (name)", "roles": "บทบาท (roles)",
                                   "documents": "เอกสาร (documents)"}).reset_index(drop=True)

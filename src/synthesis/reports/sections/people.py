"""Who took part: participants per activity of the area (and, apart, the regional meetings it
joined), partner organisations and their network, people by role.

Every figure comes from the facts layer (``synthesis.facts``) and carries the sentence that
states it, collapsed under the row, so that a reader can check each number in the report.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd
from matplotlib.figure import Figure

from synthesis.reports import html_safe as h
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import KIND_NAMES, area_labels, redacted, with_text

__all__ = [
    "area_participants",
    "participants_table",
    "area_regional_meetings",
    "regional_participation_table",
    "area_organisations",
    "partner_organisations",
    "organisation_network",
    "area_people",
    "people_by_role",
]


def _once(context: ReportContext, name: str, build):
    if name not in context.extras:
        context.extras[name] = build()
    return context.extras[name]


def _area_texts(context: ReportContext) -> pd.DataFrame:
    """The area's documents (its own and the meetings it shares) with their texts, once."""
    return _once(context, "area_texts", lambda: with_text(context, context.area_documents))


def _number(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _sentence(sentence) -> h.Safe:
    """A source sentence collapsed under its figure, or a dash when the text gave none."""
    if not isinstance(sentence, str) or not sentence:
        return h.Safe("—")
    return h.details("ข้อความ (sentence)", h.tag("small", h.one_line(sentence, 300)))


def area_participants(context: ReportContext) -> pd.DataFrame:
    """The area's own activities with a participant count
    (``synthesis.facts.participants.participants_by_activity``): documents attributed to this
    area alone; regional and multi-area meetings are not the area's activity. Once per report."""
    from synthesis.facts.participants import participants_by_activity

    return _once(context, "participants",
                 lambda: participants_by_activity(_area_texts(context), context.area.id))


def participants_table(context: ReportContext) -> list[dict]:
    """:func:`area_participants` in date order as records for ``html_safe.table``: date, kind,
    title, participants (a bar to scale with the number: the table is the chart of the area's
    participants over time) and the sentence that states the count."""
    from synthesis.reports.html_charts import bar

    rows = area_participants(context)
    rows = rows.sort_values("date", kind="stable", na_position="last") if len(rows) else rows
    counts = pd.to_numeric(rows["participants"], errors="coerce") if len(rows) else pd.Series(dtype=float)
    top = float(counts.max()) if counts.notna().any() else 0.0
    return [{"วันที่ (date)": row.date or "—", "ประเภท (kind)": KIND_NAMES.get(row.kind, row.kind),
             "กิจกรรม (activity)": row.title or "ไม่มีชื่อเรื่อง",
             "ผู้เข้าร่วม (participants)": bar(count, top, fmt="{:g}") if count == count else _number(row.participants),
             "ที่มา (source)": _sentence(row.participants_sentence)}
            for row, count in zip(rows.itertuples(index=False), counts)]


def area_regional_meetings(context: ReportContext) -> pd.DataFrame:
    """Regional and multi-area meetings that include the area
    (``synthesis.facts.participants.regional_participation``): their whole attendance and the
    participants and people from this area where the text says. Once per report."""
    from synthesis.facts.participants import regional_participation

    return _once(context, "regional_participation",
                 lambda: regional_participation(_area_texts(context), context.area, context.areas))


def regional_participation_table(context: ReportContext) -> list[dict]:
    """:func:`area_regional_meetings` as records for ``html_safe.table``."""
    labels = area_labels(context)
    return [{"วันที่ (date)": row.date or "—", "การประชุม (meeting)": row.title or "ไม่มีชื่อเรื่อง",
             "พื้นที่ที่ร่วม (areas)": ", ".join(labels.get(a, a) for a in row.areas),
             "ผู้เข้าร่วมทั้งหมด (all participants)": _number(row.participants_total),
             "จากพื้นที่นี้ (from this area)": _number(row.from_area),
             "ที่มา (source)": _sentence(row.from_area_sentence),
             "บุคคลจากพื้นที่นี้ (people from this area)": ", ".join(row.people_from_area) or "—"}
            for row in area_regional_meetings(context).itertuples(index=False)]


def area_organisations(context: ReportContext) -> pd.DataFrame:
    """The organisations of the area's own documents
    (``synthesis.facts.organisations.organisations_table``: local organisations by pattern,
    generic type words and other provinces' offices left out). Once per report."""
    from synthesis.facts.organisations import organisations_table

    return _once(context, "organisations", lambda: organisations_table(_area_texts(context), context.area))


def partner_organisations(context: ReportContext, top: int = 20) -> list[dict]:
    """The ``top`` organisations of :func:`area_organisations` by number of documents, as
    records for ``html_safe.table``, each with the first sentence naming it."""
    return [{"องค์กร (organisation)": row.organisation, "ครั้ง (mentions)": int(row.mentions),
             "เอกสาร (documents)": int(row.documents), "ที่มา (source)": _sentence(row.first_sentence)}
            for row in area_organisations(context).head(top).itertuples(index=False)]


def organisation_links_of(organisations: pd.DataFrame) -> pd.DataFrame:
    """Pairs of organisations named in the same document, with the number of such documents
    (``source``, ``target``, ``weight``), from an organisations table's ``doc_ids``.

    >>> orgs = pd.DataFrame({"organisation": ["อบต.แค", "สปสช.", "มัสยิดกลาง"],
    ...                      "doc_ids": [["a", "b"], ["a", "b"], ["c"]]})
    >>> organisation_links_of(orgs).to_dict("records")
    [{'source': 'สปสช.', 'target': 'อบต.แค', 'weight': 2}]
    """
    by_doc: dict[str, set] = {}
    for name, doc_ids in zip(organisations["organisation"], organisations["doc_ids"]):
        for doc_id in doc_ids:
            by_doc.setdefault(doc_id, set()).add(name)
    counts: dict[tuple[str, str], int] = {}
    for names in by_doc.values():
        for pair in combinations(sorted(names), 2):
            counts[pair] = counts.get(pair, 0) + 1
    frame = pd.DataFrame([{"source": a, "target": b, "weight": w} for (a, b), w in counts.items()],
                         columns=["source", "target", "weight"])
    return frame.sort_values(["weight", "source", "target"], ascending=[False, True, True]).reset_index(drop=True)


__all__.append("organisation_links_of")


def organisation_network(context: ReportContext) -> Figure:
    """Organisations of :func:`area_organisations` linked when named in the same document."""
    from synthesis.reports.plotting import network_chart

    return network_chart(organisation_links_of(area_organisations(context)),
                         "เครือข่ายองค์กรที่ทำงานร่วมกัน (organisations named together)")


def area_people(context: ReportContext) -> pd.DataFrame:
    """The people of the area's own documents whose role the texts give
    (``synthesis.facts.people.people_table`` with ``roles_only``: one row per real person,
    name variants merged, a reporter's user name linked). Once per report."""
    from synthesis.facts.people import people_table

    return _once(context, "people", lambda: people_table(_area_texts(context), context.area.id, roles_only=True))


def people_by_role(context: ReportContext) -> list[dict]:
    """:func:`area_people` as records for ``html_safe.table``: person, roles, documents and
    the sentence each role comes from. With ``redact`` the names are replaced by the
    collection's stable pseudonyms (in the sentences too)."""
    rows = []
    for row in area_people(context).itertuples(index=False):
        sources = [h.tag("li", h.tag("b", role), ": ", h.one_line(sentence, 240))
                   for role, _, sentence in row.role_sources if isinstance(sentence, str) and sentence]
        rows.append({"ชื่อ (name)": row.person, "บทบาท (roles)": ", ".join(row.roles),
                     "เอกสาร (documents)": int(row.documents),
                     "ที่มา (source)": h.details("ข้อความ (sentences)", h.tag("ul", *sources)) if sources else h.Safe("—")})
    return redacted(context, rows)

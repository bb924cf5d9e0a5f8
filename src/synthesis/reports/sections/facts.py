"""Facts the texts state: the area's indicators
(``synthesis.facts.indicators``: baseline, target, values over time, each with its sentence)
and the contradictions among them (the same indicator stated differently by two documents)."""

from __future__ import annotations

import pandas as pd

from synthesis.reports import html_safe as h
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import with_text

__all__ = ["area_indicators", "indicators_table", "contradictions", "contradictions_html"]


STATUS_TH = {"met": "ถึงเป้า (met)", "not met": "ยังไม่ถึงเป้า (not met)", "no result": "ยังไม่มีผล (no result yet)",
             "no target": "ไม่มีเป้า (no target)"}


def area_indicators(context: ReportContext) -> pd.DataFrame:
    """The area's indicators (``synthesis.facts.indicators``: baseline, target, values over
    time, flags), from the documents attributed to this area alone; once per report."""
    if "indicators" not in context.extras:
        from synthesis.facts.indicators import indicator_table

        docs = with_text(context, context.area_documents)
        context.extras["indicators"] = indicator_table(docs, context.area.id)
    return context.extras["indicators"]


def _titled(context: ReportContext, doc_id, date) -> str:
    titles = context.extras.setdefault("titles", dict(zip(context.documents["doc_id"], context.documents["title"])))
    if not isinstance(doc_id, str):
        return "—"
    return f"{titles.get(doc_id) or 'ไม่มีชื่อเรื่อง'} ({date or 'ไม่ระบุวันที่'})"


def _number(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def indicators_table(context: ReportContext) -> list[dict]:
    """The reader's view of :func:`area_indicators` as records for ``html_safe.table``:
    indicator, unit, baseline, target, latest value with its date, status, and the sentences
    with their documents collapsed under "sources"."""
    table = area_indicators(context)
    rows = []
    for row in table.itertuples(index=False):
        sentences = [(label, sentence, doc, date) for label, sentence, doc, date in (
            ("ค่าตั้งต้น (baseline)", row.baseline_sentence, row.baseline_doc, row.baseline_date),
            ("เป้าหมาย (target)", row.target_sentence, row.target_doc, row.target_date),
            ("ล่าสุด (latest)", row.latest_sentence, row.latest_doc, row.latest_date)) if isinstance(sentence, str)]
        evidence = h.details("ที่มา (sources)", h.tag("ul", *(
            h.tag("li", h.tag("b", label), ": ", h.one_line(sentence, 300), h.tag("br"),
                  h.tag("small", _titled(context, doc, date)))
            for label, sentence, doc, date in sentences))) if sentences else h.Safe("—")
        rows.append({"ตัวชี้วัด (indicator)": row.indicator, "หน่วย (unit)": row.unit or "—",
                     "ค่าตั้งต้น (baseline)": _number(row.baseline), "เป้าหมาย (target)": _number(row.target),
                     "ล่าสุด (latest)": f"{_number(row.latest)} ({row.latest_date or '—'})",
                     "สถานะ (status)": STATUS_TH.get(row.status, row.status), "ที่มา (sources)": evidence})
    return rows


def contradictions(context: ReportContext) -> pd.DataFrame:
    """The same indicator or claim stated differently by two documents of this area: the
    baselines, declared targets and same-day results that differ
    (``synthesis.findings.contradictions``, each with both documents' titles, dates and
    sentences), then what the indicator model flags (``synthesis.facts.indicators``: two
    baselines, two results for one date, a target restated differently)."""
    from synthesis.reports.sections.card import area_contradictions

    rows = []
    for row in area_contradictions(context).itertuples(index=False):
        detail = h.join([row.text_th, h.tag("br"),
                         h.tag("small", "— ", f"{row.title_a or 'ไม่มีชื่อเรื่อง'} ({row.date_a or 'ไม่ระบุวันที่'}): ",
                               h.one_line(row.sentence_a, 240)), h.tag("br"),
                         h.tag("small", "— ", f"{row.title_b or 'ไม่มีชื่อเรื่อง'} ({row.date_b or 'ไม่ระบุวันที่'}): ",
                               h.one_line(row.sentence_b, 240))])
        rows.append({"ตัวชี้วัด (indicator)": row.subject, "ข้อขัดแย้ง (contradiction)": detail})
    titles = dict(zip(context.documents["doc_id"], context.documents["title"].fillna("ไม่มีชื่อเรื่อง")))
    for row in area_indicators(context).itertuples(index=False):
        for flag in row.flags:
            for doc_id, title in titles.items():  # a reader sees titles, never document ids
                flag = flag.replace(doc_id, title)
            rows.append({"ตัวชี้วัด (indicator)": row.indicator, "ข้อขัดแย้ง (contradiction)": flag})
    return pd.DataFrame(rows, columns=["ตัวชี้วัด (indicator)", "ข้อขัดแย้ง (contradiction)"], dtype=object)


def contradictions_html(context: ReportContext) -> h.Safe:
    """:func:`contradictions` as a table, or a sentence when there are none."""
    found = contradictions(context)
    if found.empty:
        return h.tag("p", "ไม่พบตัวเลขของเรื่องเดียวกันที่เอกสารระบุไม่ตรงกัน (no indicator stated differently by two documents).")
    return h.join([h.tag("p", h.tag("b", "ข้อขัดแย้ง (contradictions)")), h.table(found.to_dict("records"))])

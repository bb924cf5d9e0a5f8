"""The strongest coded quotes of an area, chosen by a stated rule."""

from __future__ import annotations

import pandas as pd

from synthesis.reports import html_safe as h
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import (
    MANUAL_ORIGINS, all_codings, codebook, reported_codings, reported_table, with_text,
)

__all__ = ["QUOTE_RULE", "strongest_quotes", "quotes_html"]


QUOTE_RULE = (
    "กติกาการเลือกข้อความอ้างอิง: ในแต่ละรหัสหลัก เรียงข้อความที่ลงรหัสของพื้นที่นี้ตาม (1) จำนวนผู้ลงรหัสที่ลงรหัสข้อความเดียวกัน "
    "(2) บทสัมภาษณ์ก่อนรายงาน เพราะเป็นคำพูดของผู้ให้ข้อมูลเอง (3) ความยาวที่อ่านได้ (40–400 ตัวอักษร) (4) เอกสารที่ใหม่กว่า "
    "แล้วแสดงสองข้อความแรกของแต่ละรหัส "
    "(How quotes are chosen: for each top-level code, the reported codings of this area are ranked by (1) how many "
    "coders coded the same passage with a code under it, (2) interviews before reports, (3) a readable length, "
    "40-400 characters, (4) the most recent document; the first two per code are shown.)"
)


def strongest_quotes(context: ReportContext, per_code: int = 2) -> pd.DataFrame:
    """The strongest quotes of each top-level code in this area, chosen by ``QUOTE_RULE``."""
    from synthesis.analysis.codes import coded_quotes

    book = codebook(context)
    docs = with_text(context, context.area_documents)
    reported = reported_table(context)
    reported = reported[reported["doc_id"].isin(set(docs["doc_id"]))]
    # only the columns it reads: it looks each quote's document up row by row
    quotes = coded_quotes(reported, docs[["doc_id", "title", "date", "areas", "text"]], code_id=None,
                          area=context.area.id)
    if quotes.empty:
        return pd.DataFrame(columns=["รหัส (code)", "ข้อความ (quote)", "ที่มา (source)"])
    support = _coder_support(context, book)
    kinds = docs.set_index("doc_id")["kind"]
    quotes["top"] = quotes["code_id"].map(lambda c: book.top_of(c) if c in book else c.split(".")[0])
    quotes["support"] = [support.get((d, s, e, t), 0) for d, s, e, t in
                         zip(quotes["doc_id"], quotes["start"], quotes["end"], quotes["top"])]
    quotes["is_interview"] = quotes["doc_id"].map(kinds).eq("interview")
    length = quotes["quote"].str.len()
    quotes["readable"] = (length >= 40) & (length <= 400)
    quotes = quotes.sort_values(["support", "is_interview", "readable", "date"], ascending=False)
    # the first ``per_code`` distinct passages of each code, in the order of the rule
    best = quotes.drop_duplicates(["top", "doc_id", "start"]).groupby("top", sort=False).head(per_code)
    by_code: dict[str, list] = {}
    for quote in best.itertuples():
        by_code.setdefault(quote.top, []).append(quote)
    rows = []
    for code in book.top_level():
        for quote in by_code.get(code.id, []):
            rows.append({"รหัส (code)": code.name_th, "ข้อความ (quote)": " ".join(quote.quote.split()),
                         "ที่มา (source)": f"{quote.title} ({quote.date or 'ไม่ระบุวันที่'})",
                         "coders": int(quote.support)})
    return pd.DataFrame(rows)


def _coder_support(context: ReportContext, book) -> dict[tuple, int]:
    """(doc, start, end, top code) → how many people coded an overlapping passage with it,
    for the codings of this report's documents."""
    here = set(context.area_documents["doc_id"])
    people: dict[tuple[str, str], list] = {}
    for c in all_codings(context):
        if c.doc_id in here and c.origin in MANUAL_ORIGINS and c.coder != "consensus":
            top = book.top_of(c.code_id) if c.code_id in book else c.code_id.split(".")[0]
            people.setdefault((c.doc_id, top), []).append(c)
    support = {}
    for c in reported_codings(context):
        if c.doc_id not in here:
            continue
        top = book.top_of(c.code_id) if c.code_id in book else c.code_id.split(".")[0]
        others = people.get((c.doc_id, top), [])
        support[(c.doc_id, c.start, c.end, top)] = len({o.coder for o in others
                                                         if o.start < c.end and c.start < o.end})
    return support


def quotes_html(quotes: pd.DataFrame) -> h.Safe:
    """Quotes as block quotes under their code, each with its source (title and date: no
    offsets, no link into the raw files) and how many coders agreed; all escaped."""
    if quotes.empty:
        return h.tag("p", h.tag("i", "ยังไม่มีการลงรหัสในพื้นที่นี้ (no codings in this area yet)."))
    parts = []
    for code, group in quotes.groupby("รหัส (code)", sort=False):
        parts.append(h.tag("p", h.tag("b", code)))
        for row in group.itertuples(index=False):
            parts.append(h.tag("blockquote", h.one_line(row[1]), h.tag("br"),
                               h.tag("small", "— ", row[2], f" · ผู้ลงรหัสที่เห็นตรงกัน (coders agreeing) {row[3]} คน")))
    return h.join(parts)

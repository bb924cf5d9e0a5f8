"""Collection-wide parts: shared and specific factors, cards compared, attribution, parse gaps,
coding progress."""

from __future__ import annotations

import pandas as pd

from synthesis.reports import html_safe as h
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import all_codings, area_labels, codebook, reported_codings

__all__ = ["shared_and_specific", "cards_comparison", "cards_comparison_html", "distinctive_findings",
           "distinctive_findings_html", "attribution_table", "parse_gaps", "coding_progress"]


def shared_and_specific(context: ReportContext, parents: tuple[str, ...] = ("success", "obstacle")) -> pd.DataFrame:
    """Success factors and obstacles: in how many areas each appears, shared or area-specific."""
    from synthesis.analysis.codes import document_areas

    book = codebook(context)
    areas = document_areas(context.documents)
    labels = area_labels(context)
    frame = pd.DataFrame([{"doc_id": c.doc_id, "code_id": c.code_id} for c in reported_codings(context)])
    rows = []
    for parent in parents:
        if parent not in book:
            continue
        for code_id in book.descendants(parent):
            if code_id == parent or frame.empty:
                continue
            docs = frame.loc[frame["code_id"] == code_id, "doc_id"]
            found = sorted(set(areas.loc[areas["doc_id"].isin(docs), "area"]) & set(labels))
            if not found:
                continue
            rows.append({"กลุ่ม (group)": book.label(parent), "รหัส (code)": book.label(code_id),
                         "จำนวนพื้นที่ (areas)": len(found),
                         "ลักษณะ (kind)": "ร่วมหลายพื้นที่ (shared)" if len(found) > 1 else "เฉพาะพื้นที่ (specific)",
                         "พื้นที่ (where)": ", ".join(labels[a] for a in found)})
    table = pd.DataFrame(rows, columns=["กลุ่ม (group)", "รหัส (code)", "จำนวนพื้นที่ (areas)", "ลักษณะ (kind)", "พื้นที่ (where)"])
    return table.sort_values(["กลุ่ม (group)", "จำนวนพื้นที่ (areas)"], ascending=[True, False]).reset_index(drop=True)


def cards_comparison(context: ReportContext) -> pd.DataFrame:
    """The areas' lesson cards of this collection side by side: one row per card section,
    one column per area (field by field), points joined by " • "; "—" where a card has none."""
    from synthesis.findings.cards import CARD_SECTIONS
    from synthesis.findings.scope import load_collection_cards

    cards, errors = load_collection_cards(context.collection)
    context.extras["card_errors"] = errors
    labels = area_labels(context)
    rows = []
    for name, (thai, english, _) in CARD_SECTIONS.items():
        row = {"หัวข้อ (field)": f"{thai} ({english})"}
        for area in context.areas:
            card = cards.get(area.id)
            points = card.sections.get(name, []) if card else []
            row[labels[area.id]] = " • ".join(p.text for p in points) if points else "—"
        rows.append(row)
    return pd.DataFrame(rows)


def cards_comparison_html(context: ReportContext) -> h.Safe:
    """:func:`cards_comparison` as a table, each point a list item; a collection without
    cards says so (never another collection's)."""
    from synthesis.findings.cards import CARD_SECTIONS
    from synthesis.findings.scope import NO_CARDS_TH, load_collection_cards

    cards, errors = load_collection_cards(context.collection)
    notes = [h.tag("p", h.tag("mark", "⚠️ ", error)) for error in errors]
    if not cards:
        return h.join([*notes, h.tag("p", h.tag("b", NO_CARDS_TH))])
    labels = area_labels(context)
    shown = [a for a in context.areas if a.id in cards]
    rows = []
    for name, (thai, english, _) in CARD_SECTIONS.items():
        row = {"หัวข้อ (field)": h.tag("b", f"{thai} ({english})")}
        for area in shown:
            points = cards[area.id].sections.get(name, [])
            row[labels[area.id]] = h.bullets(p.text for p in points) if points else h.Safe("—")
        rows.append(row)
    missing = [labels[a.id] for a in context.areas if a.id not in cards]
    if missing:
        notes.append(h.tag("p", "พื้นที่ที่ยังไม่มีบัตรบทเรียน (areas with no card yet): ", ", ".join(missing)))
    return h.join([*notes, h.table(rows, cls="cards")])


DISTINCTIVE_PARENTS = ("success", "obstacle", "mechanism")


def distinctive_findings(context: ReportContext, parents: tuple[str, ...] = DISTINCTIVE_PARENTS,
                         top: int = 5) -> pd.DataFrame:
    """What is specific to each area in what it says about success factors, obstacles and
    mechanisms: the words of the area's coded passages (under ``parents``) used more than in
    the other areas' coded passages (log-likelihood, stop words out, seen in ≥ 2 passages),
    each with one passage that holds it; so a local mechanism (a mosque's Friday sermon, a
    cooperative's deduction) surfaces even when every area shares the broad code."""
    from synthesis.thai.keywords import distinctive_terms as keyness

    book = codebook(context)
    wanted = {c for parent in parents if parent in book for c in book.descendants(parent)}
    areas_of = dict(zip(context.documents["doc_id"], context.documents["areas"].map(list)))
    passages: dict[str, dict[str, str]] = {}
    for c in reported_codings(context):
        if c.code_id in wanted:
            for area in areas_of.get(c.doc_id, []):
                passages.setdefault(area, {})[c.quote] = book.label(c.code_id)
    labels = area_labels(context)
    rows = []
    for area in context.areas:
        own = passages.get(area.id, {})
        if not own:
            continue
        others = [q for a, texts in passages.items() if a != area.id for q in texts]
        terms = keyness(list(own), others, method="log-likelihood", min_count=2)
        for term in terms["term"].head(top):
            if len(term) < 2:
                continue
            # a term is shown with a passage that holds it; the tokenizer may have read it
            # across a normalised form that no passage holds verbatim: then it is left out
            example = next(((q, code) for q, code in own.items() if term in q), None)
            if example is None:
                continue
            quote, code = example
            rows.append({"พื้นที่ (area)": labels[area.id], "คำเฉพาะ (distinctive word)": term,
                         "รหัส (code)": code, "ตัวอย่าง (example)": " ".join(quote.split())})
    return pd.DataFrame(rows, columns=["พื้นที่ (area)", "คำเฉพาะ (distinctive word)", "รหัส (code)",
                                       "ตัวอย่าง (example)"])


def distinctive_findings_html(context: ReportContext) -> h.Safe:
    """:func:`distinctive_findings` as a table, with its rule."""
    table = distinctive_findings(context)
    rule = h.tag("p", h.tag("small", "คำที่พื้นที่หนึ่งใช้ในข้อความที่ลงรหัสปัจจัยความสำเร็จ อุปสรรค และกลไก มากกว่าพื้นที่อื่น "
                                     "(log-likelihood) พร้อมตัวอย่างข้อความ (words an area's coded passages on success "
                                     "factors, obstacles and mechanisms use more than the other areas', with an example)."))
    records = [{**row, "ตัวอย่าง (example)": h.one_line(row["ตัวอย่าง (example)"], 240)}
               for row in table.to_dict("records")]
    return h.join([rule, h.table(records)])


def attribution_table(context: ReportContext) -> pd.DataFrame:
    """Each document-to-area attribution with its rules, evidence and confidence (the highest
    of its rules); uncertain cases (below 0.8, e.g. an occupation named without a place) first."""
    table = context.store.table("attributions")
    docs = context.documents.set_index("doc_id")
    table = table[table["doc_id"].isin(docs.index)]
    if table.empty:
        return pd.DataFrame(columns=["path", "area_id", "rules", "confidence", "uncertain", "evidence"])
    grouped = table.groupby(["doc_id", "area_id"]).agg(
        rules=("rule", lambda r: ", ".join(sorted(set(r)))),
        confidence=("confidence", "max"),
        evidence=("evidence", lambda e: ", ".join(dict.fromkeys(e))[:160]),
    ).reset_index()
    grouped.insert(0, "path", grouped["doc_id"].map(docs["path"]))
    grouped["uncertain"] = grouped["confidence"] < 0.8
    grouped = grouped.sort_values(["uncertain", "confidence", "path"], ascending=[False, True, True])
    return grouped[["path", "area_id", "rules", "confidence", "uncertain", "evidence"]].reset_index(drop=True)


def parse_gaps(context: ReportContext) -> pd.DataFrame:
    """Documents the parser could not fully read: no date, no title, or parser warnings."""
    docs = context.documents
    warnings_col = docs["warnings"] if "warnings" in docs else pd.Series([None] * len(docs))
    rows = []
    for doc, warns in zip(docs.itertuples(index=False), warnings_col):
        problems = []
        if not doc.date:
            problems.append("ไม่พบวันที่ (no date)")
        if not doc.title:
            problems.append("ไม่พบชื่อเรื่อง (no title)")
        if isinstance(warns, str) and warns not in ("", "[]"):
            problems.append(warns)
        elif warns is not None and not isinstance(warns, str) and len(warns):
            problems.extend(map(str, warns))
        if problems:
            rows.append({"path": doc.path, "kind": doc.kind, "problems": "; ".join(problems)})
    return pd.DataFrame(rows, columns=["path", "kind", "problems"])


def coding_progress(context: ReportContext) -> pd.DataFrame:
    """Per coder: how many documents carry their codings, of how many, and how many codings."""
    total = len(context.documents)
    ids = set(context.documents["doc_id"])
    frame = pd.DataFrame([{"coder": c.coder, "doc_id": c.doc_id, "origin": c.origin, "created": c.created}
                          for c in all_codings(context) if c.doc_id in ids])
    if frame.empty:
        return pd.DataFrame(columns=["coder", "documents", "of", "codings", "last coded"])
    table = frame.groupby("coder").agg(documents=("doc_id", "nunique"), codings=("doc_id", "size"),
                                       last=("created", "max")).reset_index()
    table.insert(2, "of", total)
    table["share"] = (100 * table["documents"] / max(total, 1)).round().astype(int).astype(str) + "%"
    return table.rename(columns={"last": "last coded"})

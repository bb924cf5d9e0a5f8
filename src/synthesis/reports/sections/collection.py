"""Collection-wide parts: the cards compared field by field, attribution, parse gaps, coding
progress (shared and area-specific findings are in :mod:`.matrix`)."""

from __future__ import annotations

import pandas as pd

from synthesis.reports import html_safe as h
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import all_codings, area_labels

__all__ = ["cards_comparison", "cards_comparison_html", "attribution_table", "attributions_to_review_table",
           "refused_files", "parse_gaps", "coding_progress"]


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


REVIEW_RULE_TH = {
    "uncertain": "ไม่แน่ใจ: หลักฐานไม่พอ (uncertain: not enough evidence of the area itself)",
    "outside_period": "นอกช่วงโครงการ (outside the area's programme period)",
}


def attributions_to_review(context: ReportContext) -> pd.DataFrame:
    """The (document, area) pairs a person should decide
    (``synthesis.corpus.areas.attributions_to_review``: uncertain or outside-period evidence
    and no member rule), for this report's documents: ``path``, ``date``, ``area_id``,
    ``rule``, ``evidence``."""
    from synthesis.corpus.areas import attributions_to_review as to_review

    docs = context.documents
    attributions = context.store.table("attributions")
    attributions = attributions[attributions["doc_id"].isin(set(docs["doc_id"]))]
    return to_review(attributions, docs)


__all__ += ["attributions_to_review", "REVIEW_RULE_TH"]


def attributions_to_review_table(context: ReportContext) -> list[dict]:
    """:func:`attributions_to_review` as records for ``html_safe.table``: the file, its date,
    the area (by name), why it waits and the evidence found (the document is not counted in
    the area until a person decides)."""
    labels = area_labels(context)
    return [{"ไฟล์ (file)": row.path, "วันที่ (date)": row.date or "—",
             "พื้นที่ (area)": labels.get(row.area_id, row.area_id),
             "เหตุที่ต้องตรวจ (why)": REVIEW_RULE_TH.get(row.rule, row.rule),
             "หลักฐาน (evidence)": h.one_line(row.evidence, 300)}
            for row in attributions_to_review(context).itertuples(index=False)]


def refused_files(context: ReportContext) -> list[dict]:
    """The files the last ingest refused to read (links out of the corpus, pipes, devices),
    with the reason, from the store's manifest (``manifest["refused"]``)."""
    refused = context.store.manifest.get("refused", []) if isinstance(context.store.manifest, dict) else []
    rows = []
    for item in refused:
        path, reason = (item.get("path"), item.get("reason")) if isinstance(item, dict) else (tuple(item) + ("", ""))[:2]
        rows.append({"ไฟล์ (file)": str(path), "เหตุผล (reason)": str(reason or "—")})
    return rows


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

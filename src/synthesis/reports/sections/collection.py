"""Collection-wide parts: shared and specific factors, cards compared, attribution, parse gaps,
coding progress."""

from __future__ import annotations

import pandas as pd

from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import all_codings, area_labels, codebook, reported_codings


__all__ = ["shared_and_specific", "cards_comparison", "attribution_table", "parse_gaps", "coding_progress"]


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
    """The areas' lesson cards side by side: one row per area, one column per card section."""
    from synthesis.analysis.cards import CARD_SECTIONS, load_cards
    from synthesis.paths import lessons_dir

    cards, errors = load_cards(lessons_dir() / "cards")
    context.extras["card_errors"] = errors
    rows = []
    for area in context.areas:
        card = cards.get(area.id)
        row = {"พื้นที่ (area)": area_labels(context)[area.id]}
        for name, (thai, _, _) in CARD_SECTIONS.items():
            points = card.sections.get(name, []) if card else []
            row[thai] = " • ".join(p.text for p in points) if points else "—"
        rows.append(row)
    return pd.DataFrame(rows)


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

"""The area's lesson card, first in its report: each point with its grade and reasons, its
flags, and its evidence (quotes, document, date, speaker, coders, memos) collapsed under it.

The card is the collection's own (``lessons/collections/<collection>/cards/<area>.yaml``): a
collection without cards says so and never shows another collection's lessons. The evidence
is copied into the page (no link into the raw corpus files, which break when a report is
e-mailed); every string from the card, the corpus and the memos is escaped.
"""

from __future__ import annotations

import pandas as pd

from synthesis.reports import html_safe as h
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import area_table, codebook, with_text

__all__ = ["NO_CARD_FOR_AREA", "area_card", "card_evidence", "area_contradictions", "point_assessments",
           "lesson_card_html",
           "card_key_terms"]

NO_CARD_FOR_AREA = "ยังไม่มีบัตรบทเรียนของพื้นที่นี้ (no lesson card for this area yet)"
KIND_TH = {"interview": "สัมภาษณ์", "activity_report": "รายงานกิจกรรม", "meeting_summary": "สรุปการประชุม"}


def area_card(context: ReportContext):
    """``(card, message)``: this area's card in this collection, or None and why not (no
    cards in the collection, none for the area, or the file's error). Read once per report."""
    if "card" not in context.extras:
        from synthesis.findings.cards import CardError, load_card
        from synthesis.findings.scope import NO_CARDS_TH, card_path, cards_dir

        path = card_path(context.collection, context.area.id)
        card, message = None, ""
        if not cards_dir(context.collection).is_dir() or not any(cards_dir(context.collection).glob("*.yaml")):
            message = NO_CARDS_TH
        elif not path.is_file():
            message = NO_CARD_FOR_AREA
        else:
            try:
                card = load_card(path)
            except CardError as error:
                message = f"บัตรบทเรียนอ่านไม่ได้ (the lesson card cannot be read): {error}"
        context.extras["card"] = (card, message, path)
    card, message, _ = context.extras["card"]
    return card, message


def card_evidence(context: ReportContext, card) -> pd.DataFrame:
    """The evidence rows (``synthesis.findings.evidence`` columns) of every coding the card
    cites, with fellow coders and memos from every coder of the collection."""
    from synthesis.reports.sections.matrix import collection_details

    cited = {c for _, _, point in card.points() for c in point.codings}
    details = collection_details(context)
    return details[details["coding_id"].isin(cited)]


def area_contradictions(context: ReportContext) -> pd.DataFrame:
    """The same indicator stated differently by two documents of this area
    (``synthesis.findings.contradictions``), once per report."""
    if "contradictions" not in context.extras:
        from synthesis.findings.contradictions import contradictions

        docs = with_text(context, context.area_documents)
        context.extras["contradictions"] = contradictions(docs, context.area.id)
    return context.extras["contradictions"]


def point_assessments(context: ReportContext, card) -> dict[tuple[str, int], dict]:
    """For each point ``(section, number)``: its grade (``synthesis.findings.cards.grade``:
    adequacy, coherence, coder agreement on the codes over the whole collection) with the
    Thai reasons, and its flags
    (``synthesis.findings.cards.flags``: unsupported, unknown codings, evidence newer than
    the card, numbers no cited passage states)."""
    from synthesis.findings.cards.flags import card_flags, card_last_edited
    from synthesis.findings.cards.grade import grade_point
    from synthesis.reports.sections.matrix import collection_agreement, collection_details

    from synthesis.reports.sections.matrix import records_by_coding

    details = collection_details(context)
    by_id = records_by_coding(context)
    agreement = collection_agreement(context)
    contradictions = area_contradictions(context)
    area_card(context)
    _, _, path = context.extras["card"]
    found: dict[tuple[str, int], dict] = {}
    for section, number, point in card.points():
        cited = [by_id[c][0] for c in point.codings if c in by_id]  # a coding's first evidence row
        grade = grade_point(point.text, cited, agreement, contradictions, section, details, codebook(context))
        found[(section, number)] = {"grade": f"{grade.label_th} ({grade.label_en})", "level": grade.level,
                                    "reasons": list(grade.reasons), "flags": []}
    flags = card_flags(card, details, card_last_edited(card, path))
    for row in flags.itertuples(index=False):
        found[(row.section, int(row.point))]["flags"].append(f"{row.flag_th}: {row.detail}")
    return found


GRADE_COLOUR = {3: "#2a7f62", 2: "#8a6d00", 1: "#b03a2e", 0: "#7b241c"}


def _evidence_html(rows: list[dict]) -> h.Safe:
    """The evidence rows (detail records) of one point as a list of quotes with their source,
    context, code, coders and memos."""
    if not rows:
        return h.tag("p", h.tag("i", "ไม่มีข้อความอ้างอิงที่ค้นพบ (no quote found for the cited codings)"))
    items = []
    for row in rows:
        source = [row["title"] or "ไม่มีชื่อเรื่อง", row["date"] or "ไม่ระบุวันที่", KIND_TH.get(row["kind"], row["kind"])]
        if isinstance(row["speaker"], str) and row["speaker"]:
            source.append(f"ผู้พูด (speaker): {row['speaker']}")
        parts = [h.tag("blockquote", h.one_line(row["quote"])),
                 h.tag("small", "ที่มา (source): ", h.join([s for s in source if s], " · "))]
        if row["context"] and " ".join(str(row["context"]).split()) != row["quote"]:
            parts.append(h.tag("small", h.tag("br"), "บริบท (context): ", h.one_line(row["context"], 600)))
        parts.append(h.tag("small", h.tag("br"), "รหัส (code): ", row["code_name"],
                           " · ผู้ลงรหัส (coders): ", ", ".join(row["coders"]) or row["coder"]))
        if len(row["memos"]):
            parts.append(h.tag("small", h.tag("br"), "บันทึกของผู้ลงรหัส (memos): ",
                               h.join([h.one_line(m) for m in row["memos"]], " | ")))
        items.append(h.tag("li", *parts))
    return h.tag("ul", *items)


def lesson_card_html(context: ReportContext) -> h.Safe:
    """The area's card as an HTML fragment: title and setting, then each section's points,
    each with its grade and reasons, its flags (⚠️), and its evidence in a closed
    ``<details>``; or a sentence saying why there is no card."""
    from synthesis.findings.cards import CARD_SECTIONS

    card, message = area_card(context)
    if card is None:
        hint = f"synthesis cards draft --collection {context.collection} --area {context.area.id}"
        return h.join([h.tag("p", h.tag("b", message)),
                       h.tag("p", "เริ่มร่างบัตรได้ด้วยคำสั่ง (draft one with) ", h.tag("code", hint))])
    from synthesis.reports.sections.matrix import records_by_coding

    card_evidence(context, card)  # listed as read by this report
    by_id = records_by_coding(context)
    assessed = point_assessments(context, card)
    parts = [h.tag("h3", card.title)] if card.title else []
    setting = [f"{key}: {value}" for key, value in card.setting.items() if value]
    edited = " ".join(x for x in (card.last_edited, card.edited_by and f"โดย {card.edited_by}") if x)
    if setting or edited:
        parts.append(h.tag("p", h.tag("small", h.join(
            setting + ([f"แก้ไขล่าสุด (last edited): {edited}"] if edited else []), " · "))))
    for name, (thai, english, _) in CARD_SECTIONS.items():
        points = card.sections.get(name) or []
        if not points:
            continue
        items = []
        for number, point in enumerate(points, start=1):
            info = assessed[(name, number)]
            line = [h.escape(point.text)]
            line.append(h.tag("span", f" · ความเชื่อมั่น (confidence): {info['grade']}",
                              style=f"color:{GRADE_COLOUR[info['level']]};font-weight:bold"))
            block = [h.tag("p", *line)]
            if info["reasons"]:
                block.append(h.tag("small", "เหตุผล (reasons): ", h.join(info["reasons"], "; ")))
            for flag in info["flags"]:
                block.append(h.tag("p", h.tag("mark", "⚠️ ", flag)))
            rows = [record for c in point.codings for record in by_id.get(c, ())]
            label = f"หลักฐาน {len(rows)} ข้อความ (evidence: {len(rows)} quotes)"
            block.append(h.details(label, _evidence_html(rows)))
            if point.memo:
                block.append(h.tag("small", "หมายเหตุ (note): ", point.memo))
            items.append(h.tag("li", *block))
        parts.append(h.tag("h4", f"{thai} ({english})"))
        parts.append(h.tag("ol", *items))
    return h.join(parts)


COLLOCATION_SHARE = 0.8


def _collocations(context: ReportContext) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """How often two tokens stand next to each other (no space between) in the area's
    documents, and how often each token occurs."""
    tokens = area_table(context, "tokens").sort_values(["doc_id", "start"])
    pairs: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}
    previous = (None, None, None)
    for doc_id, start, end, text in zip(tokens["doc_id"], tokens["start"], tokens["end"], tokens["text"]):
        counts[text] = counts.get(text, 0) + 1
        if previous[0] == doc_id and previous[1] == start:
            pairs[(previous[2], text)] = pairs.get((previous[2], text), 0) + 1
        previous = (doc_id, end, text)
    return pairs, counts


def card_key_terms(context: ReportContext, top: int = 5) -> list[str]:
    """The card's key terms, for KWIC when the user chose none: the words of its points (whole
    tokens) that are among the area's distinctive words (log-likelihood against the other
    areas), most distinctive first.

    Two distinctive tokens the tokenizer cut apart are one term when, in the area's
    documents, they nearly always stand together (the pair is at least ``COLLOCATION_SHARE`` of each one's
    occurrences, twice or more: ``กรด`` + ``ฟอร์มิก`` → ``กรดฟอร์มิก``); a term inside a longer
    chosen one is left out; the area's place names (tambon, district, province, local
    government, aliases) say nothing in its own report and are left out."""
    from synthesis.reports.sections.words import distinctive_terms
    from synthesis.thai.tokenize import tokenize

    card, _ = area_card(context)
    if card is None:
        return []
    area = context.area
    places = [n for n in (area.tambon, area.amphoe, area.province, area.local_government, *area.aliases) if n]
    rank = {term: index for index, term in enumerate(distinctive_terms(context, top=80)["term"])
            if len(term) > 1 and not any(term in place for place in places)}
    pairs, counts = _collocations(context)

    def together(left: str, right: str) -> bool:
        both = pairs.get((left, right), 0)
        return both >= 2 and both >= COLLOCATION_SHARE * max(counts.get(left, 0), counts.get(right, 0))

    found: dict[str, int] = {}
    for _, _, point in card.points():
        words = [token for token in tokenize(point.text) if token.text.strip()]
        runs: list[list] = []
        for token in words:
            previous = runs[-1][-1] if runs else None
            if previous is not None and previous.end == token.start and previous.text in rank \
                    and token.text in rank and together(previous.text, token.text):
                runs[-1].append(token)
            else:
                runs.append([token])
        for run in runs:
            parts = [rank[token.text] for token in run if token.text in rank]
            term = "".join(token.text for token in run)
            if parts and len(term) > 2 and not any(term in place for place in places):
                found[term] = min(found.get(term, len(rank)), *parts)
    ordered = sorted(found, key=lambda term: (found[term], -len(term)))
    chosen = [term for term in ordered
              if not any(term in other for other in ordered if len(other) > len(term))]
    return chosen[:top]

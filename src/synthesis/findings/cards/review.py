"""A card ready to show: every point with its evidence, grade and flags (what reports render).

>>> import pandas as pd
>>> from synthesis.findings.cards.model import CardPoint, LessonCard
>>> card = LessonCard("yala-bala", sections={"obstacles": [CardPoint("ราคายางตก", [])]})
>>> table = card_points(card, pd.DataFrame(columns=["coding_id"]), {})
>>> table.loc[0, "grade_th"], table.loc[0, "point_flags"][0]["flag"]
('ต่ำมาก', 'unsupported')
"""

from __future__ import annotations

import pandas as pd

from synthesis.findings.cards.flags import card_flags
from synthesis.findings.cards.grade import grade_point
from synthesis.findings.cards.model import CARD_SECTIONS, LessonCard

POINT_COLUMNS = ["section", "section_th", "point", "text", "coding_ids", "grade", "grade_th", "grade_en",
                 "grade_reasons", "documents", "informants", "areas", "alpha", "point_flags", "evidence", "memo"]
EVIDENCE_FIELDS = ["coding_id", "code_id", "code_name", "doc_id", "title", "date", "kind", "speaker", "quote",
                   "context", "coders", "memos"]


def card_points(card: LessonCard, details: pd.DataFrame, agreement_by_code: dict,
                contradictions: pd.DataFrame | None = None, last_edited: str = "", codebook=None) -> pd.DataFrame:
    """One row per point of ``card``: its text, the cited codings' evidence (quote, document,
    date, speaker, coders, memos, context; self-contained), its grade with Thai reasons and
    its flags. ``details``: :func:`synthesis.findings.evidence.coding_details` of the
    collection; ``agreement_by_code``: :func:`synthesis.findings.cards.grade.code_agreement`."""
    from synthesis.findings.evidence import detail_records

    known = {r["coding_id"]: r for r in detail_records(details)}
    flags = card_flags(card, details, last_edited)
    flags_of = {}
    for record in flags.to_dict("records"):
        flags_of.setdefault((record["section"], record["point"]), []).append(
            {k: record[k] for k in ("flag", "flag_th", "detail", "coding_ids")})
    columns = list(details.columns)
    rows = []
    for section, number, point in card.points():
        present = [known[c] for c in dict.fromkeys(point.codings) if c in known]
        cited = pd.DataFrame(present, columns=columns)
        grade = grade_point(point.text, cited, agreement_by_code, contradictions, section, details, codebook)
        evidence = [{field: (None if _missing(row.get(field)) else row.get(field)) for field in EVIDENCE_FIELDS}
                    for row in present]
        rows.append({"section": section, "section_th": CARD_SECTIONS[section][0], "point": number, "text": point.text,
                     "coding_ids": list(point.codings), **grade.as_dict(),
                     "point_flags": flags_of.get((section, number), []),
                     "evidence": evidence, "memo": point.memo})
    return pd.DataFrame(rows, columns=POINT_COLUMNS)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)

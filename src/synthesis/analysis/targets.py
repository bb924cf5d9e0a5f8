"""Numbers the texts state as targets, next to the numbers they report as achieved.

The rule, stated so a reviewer can check it:

1. Every COUNT or PERCENT entity is read in the smallest segment (sentence or list item)
   that holds it.
2. It is a *target* when the nearest cue before it in that segment is a target cue
   (เป้าหมาย, ตั้งเป้า, อย่างน้อย, ไม่น้อยกว่า, คาดว่า, วางแผน); *achieved* when the nearest cue
   is an achievement cue (เกิด, ได้รับ, สามารถ, เพิ่มขึ้น, สำเร็จ, แล้ว, จัดตั้งได้) or, failing
   any cue, when the segment lies in the outcomes section. Other numbers are left out.
3. A target is paired with the achieved statement of the same unit, dated no earlier than
   the target, whose words overlap its own most (Jaccard on word sets, at least
   ``MIN_OVERLAP``), the latest of equal matches. Durations (ปี, เดือน, วัน, ชั่วโมง) are not
   targets: they say how long, not how many.
"""

from __future__ import annotations

import json
import re

import pandas as pd

TARGET_CUES = ("เป้าหมาย", "ตั้งเป้า", "อย่างน้อย", "ไม่น้อยกว่า", "คาดว่า", "วางแผน", "ตั้งใจ")
ACHIEVED_CUES = ("เกิด", "ได้รับ", "สามารถ", "เพิ่มขึ้น", "สำเร็จ", "แล้ว", "จัดตั้งได้", "ผ่าน", "ได้")
_CUE = re.compile("|".join(sorted(TARGET_CUES + ACHIEVED_CUES, key=len, reverse=True)))
_UNIT_LABELS = ("COUNT", "PERCENT")
DURATION_UNITS = ("ปี", "เดือน", "วัน", "ชั่วโมง", "นาที")
MIN_OVERLAP = 0.12


def _innermost(segments: pd.DataFrame, start: int, end: int) -> pd.Series | None:
    holding = segments[(segments["start"] <= start) & (segments["end"] >= end)]
    if holding.empty:
        return None
    return holding.loc[(holding["end"] - holding["start"]).idxmin()]


def _role(prefix: str, section: str | None) -> str | None:
    cues = list(_CUE.finditer(prefix))
    if cues:
        return "target" if cues[-1].group(0) in TARGET_CUES else "achieved"
    return "achieved" if section == "outcomes" else None


def numeric_statements(documents: pd.DataFrame, segments: pd.DataFrame,
                       entities: pd.DataFrame) -> pd.DataFrame:
    """Target and achieved statements of the given documents, one row per number.

    Columns: doc_id, date, title, role, label, unit, value, statement (the segment's text).
    """
    columns = ["doc_id", "date", "title", "role", "label", "unit", "value", "statement"]
    rows = []
    numbers = entities[entities["label"].isin(_UNIT_LABELS)]
    segs_by_doc = {doc_id: group for doc_id, group in segments.groupby("doc_id")}
    docs = documents.set_index("doc_id")
    for entity in numbers.itertuples(index=False):
        doc_segments = segs_by_doc.get(entity.doc_id)
        if doc_segments is None or entity.doc_id not in docs.index:
            continue
        segment = _innermost(doc_segments, entity.start, entity.end)
        if segment is None:
            continue
        prefix = segment["text"][: entity.start - segment["start"]]
        role = _role(prefix, segment.get("section"))
        if role is None:
            continue
        attrs = json.loads(entity.attrs) if isinstance(entity.attrs, str) and entity.attrs else {}
        unit = "%" if entity.label == "PERCENT" else attrs.get("unit")
        if unit in DURATION_UNITS:
            continue
        rows.append({"doc_id": entity.doc_id, "date": docs.at[entity.doc_id, "date"],
                     "title": docs.at[entity.doc_id, "title"], "role": role, "label": entity.label,
                     "unit": unit, "value": float(entity.value), "statement": segment["text"].strip()})
    return pd.DataFrame(rows, columns=columns)


def _words(text: str) -> set[str]:
    from synthesis.thai import words

    return {w for w in words(text) if len(w) > 1 and not re.fullmatch(r"[0-9๐-๙.,%]+", w)}


def targets_vs_achieved(statements: pd.DataFrame) -> pd.DataFrame:
    """Pair each target with the best-matching achieved statement (rule 3 of the module).

    Columns: unit, target, achieved (NaN when nothing matched), target statement, achieved
    statement, target date, achieved date.
    """
    targets = statements[statements["role"] == "target"]
    achieved = statements[statements["role"] == "achieved"].sort_values("date", na_position="first")
    rows = []
    for target in targets.itertuples(index=False):
        target_words = _words(target.statement)
        best, best_score = None, 0.0
        for candidate in achieved[achieved["unit"] == target.unit].itertuples(index=False):
            if target.date and candidate.date and candidate.date < target.date:
                continue
            candidate_words = _words(candidate.statement)
            union = target_words | candidate_words
            score = len(target_words & candidate_words) / len(union) if union else 0.0
            if score >= MIN_OVERLAP and score >= best_score:  # ">=": the latest of equal matches wins
                best, best_score = candidate, score
        rows.append({
            "unit": target.unit, "target": target.value,
            "achieved": best.value if best is not None else float("nan"),
            "target statement": target.statement,
            "achieved statement": best.statement if best is not None else "",
            "target date": target.date, "achieved date": best.date if best is not None else None,
        })
    return pd.DataFrame(rows, columns=["unit", "target", "achieved", "target statement",
                                       "achieved statement", "target date", "achieved date"])

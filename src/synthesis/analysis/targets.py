"""Numbers the texts state as targets, next to the numbers they report as achieved.

Reports write a result and its target side by side: ``38 คน (เป้าหมาย 50 คน)``,
``ร้อยละ 64 เป้าหมายร้อยละ 80``, ``เป้าหมาย ๓ หน่วย เกิดขึ้น ๓ หน่วย``. The rule, stated so a
reviewer can check it:

1. Every COUNT or PERCENT in a segment (the smallest sentence, list item or paragraph that
   holds it) is a *target* when a target cue (เป้าหมาย, เป้า, ตั้งเป้า, อย่างน้อย, ไม่น้อยกว่า)
   stands in its clause (the text before it back to the previous bracket, comma, number,
   จาก or และ), otherwise a *reported* number. Durations (ปี, เดือน, วัน …) are left out: they say how long, not how many.
2. A target is paired with the nearest reported number of the same unit in the same segment.
   Failing that, with the latest reported number of the same unit in a later document whose
   subject (the words just before the number) overlaps the target's subject by at least
   ``MIN_OVERLAP`` (Jaccard on words). Otherwise the result is left empty.
"""

from __future__ import annotations

import json
import re

import pandas as pd

TARGET_CUE = re.compile(r"ตั้งเป้าหมาย|เป้าหมาย|ตั้งเป้า|เป้า|อย่างน้อย|ไม่น้อยกว่า")
DURATION_UNITS = ("ปี", "เดือน", "วัน", "ชั่วโมง", "นาที")
MIN_OVERLAP = 0.3
_SUBJECT_STOP = re.compile(r"[(),:;]| จาก | และ |[0-9๐-๙]")
_CUE_WORDS = re.compile(r"ตั้งเป้าหมาย|เป้าหมาย|ตั้งเป้า|เป้า|อย่างน้อย|ไม่น้อยกว่า|เพิ่มจาก|เพิ่มขึ้น|เหลือ|ทำได้|"
                        r"มีจริง|เกิดขึ้น|ยังไม่ถึง|ไม่เกิน|เกิน|เป็น|รวม|ได้")
COLUMNS = ["doc_id", "date", "title", "seg_start", "start", "role", "unit", "value", "subject", "statement"]


def _segments_by_doc(segments: pd.DataFrame) -> dict[str, list[tuple[int, int, str]]]:
    """Per document, its sentences/items/paragraphs/turns as (start, end, text), shortest
    first, so the first that holds a number is the smallest."""
    kinds = segments[segments["kind"].isin(["sentence", "list_item", "paragraph", "turn"])]
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for doc_id, start, end, text in zip(kinds["doc_id"], kinds["start"], kinds["end"], kinds["text"]):
        by_doc.setdefault(doc_id, []).append((int(start), int(end), text))
    for spans in by_doc.values():
        spans.sort(key=lambda span: span[1] - span[0])
    return by_doc


def _clause(before: str) -> str:
    """The text just before a number, back to the previous bracket, comma, number, จาก or และ."""
    cut = 0
    for match in _SUBJECT_STOP.finditer(before):
        cut = match.end()
    return before[cut:][-60:]


def _subject(clause: str) -> str:
    """The clause without its cue and linking words: what the number counts. Cut to its last
    40 characters at a grapheme-cluster boundary, never inside one."""
    from synthesis.thai.graphemes import snap_right

    words = " ".join(_CUE_WORDS.sub(" ", clause).split())
    if len(words) > 40:
        words = words[snap_right(words, len(words) - 40):]
        space = words.find(" ")
        if 0 <= space < 15:  # prefer to start at a word
            words = words[space:]
    return words.strip()


def numeric_statements(documents: pd.DataFrame, segments: pd.DataFrame,
                       entities: pd.DataFrame) -> pd.DataFrame:
    """Target and reported numbers of the given documents and segments, one row each.

    Only segments present in ``segments`` count, so a caller can restrict them (e.g. to the
    sentences of a regional meeting that name one area).
    """
    docs = documents.set_index("doc_id")
    numbers = entities[entities["label"].isin(("COUNT", "PERCENT"))]
    by_doc = _segments_by_doc(segments)
    rows = []
    for entity in numbers.itertuples(index=False):
        if entity.doc_id not in docs.index:
            continue
        holding = next(((s, e, t) for s, e, t in by_doc.get(entity.doc_id, ())
                        if s <= entity.start and entity.end <= e), None)
        if holding is None:
            continue
        segment = {"start": holding[0], "text": holding[2]}
        attrs = json.loads(entity.attrs) if isinstance(entity.attrs, str) and entity.attrs else {}
        unit = "%" if entity.label == "PERCENT" else attrs.get("unit")
        if unit is None or unit in DURATION_UNITS:
            continue
        clause = _clause(segment["text"][: entity.start - segment["start"]])
        role = "target" if TARGET_CUE.search(clause) else "reported"
        rows.append({"doc_id": entity.doc_id, "date": docs.at[entity.doc_id, "date"],
                     "title": docs.at[entity.doc_id, "title"], "seg_start": int(segment["start"]),
                     "start": int(entity.start), "role": role, "unit": unit, "value": float(entity.value),
                     "subject": _subject(clause), "statement": " ".join(segment["text"].split())})
    return pd.DataFrame(rows, columns=COLUMNS)


def _words(text: str) -> set[str]:
    from synthesis.thai import words

    return {w for w in words(text) if len(w) > 1}


def targets_vs_achieved(statements: pd.DataFrame) -> pd.DataFrame:
    """Each target with its result, by the rule of this module.

    Columns: subject, unit, target, achieved (NaN when none), statement, target date, result
    date, how (``same sentence``, ``later document`` or ``—``).
    """
    columns = ["subject", "unit", "target", "achieved", "statement", "target date", "result date", "how"]
    if statements.empty:
        return pd.DataFrame(columns=columns)
    reported = statements[statements["role"] == "reported"]
    words_of: dict[str, set[str]] = {}
    rows = []
    for target in statements[statements["role"] == "target"].itertuples(index=False):
        same = reported[(reported["doc_id"] == target.doc_id) & (reported["seg_start"] == target.seg_start)
                        & (reported["unit"] == target.unit)]
        result, how, subject = None, "—", target.subject
        if not same.empty:
            result = same.loc[(same["start"] - target.start).abs().idxmin()]
            how, subject = "same sentence", target.subject or result["subject"]
        elif target.subject:
            mine = words_of.setdefault(target.subject, _words(target.subject))
            later = reported[(reported["unit"] == target.unit) & (reported["doc_id"] != target.doc_id)]
            later = later[later["date"].fillna("") > (target.date or "")].sort_values("date")
            for candidate in later.itertuples(index=False):
                theirs = words_of.setdefault(candidate.subject, _words(candidate.subject))
                union = mine | theirs
                if union and len(mine & theirs) / len(union) >= MIN_OVERLAP:
                    result, how = candidate._asdict(), "later document"
        rows.append({"subject": subject, "unit": target.unit, "target": target.value,
                     "achieved": result["value"] if result is not None else float("nan"),
                     "statement": target.statement if how != "later document"
                     else f"{target.statement} → {result['statement']}",
                     "target date": target.date, "result date": result["date"] if result is not None else None,
                     "how": how})
    return pd.DataFrame(rows, columns=columns).drop_duplicates(["unit", "target", "achieved", "statement"])

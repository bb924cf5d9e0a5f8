"""Flags a mentor must see on a lesson card, one row per (point, flag):

- ``unsupported``: the point cites no coding;
- ``unknown_coding``: it cites coding ids that do not exist (any more) in this collection;
- ``newer_evidence``: codings of the area, under the codes the point cites, created after the
  card's last edit, that the card does not cite anywhere (e.g. a recommendation the latest
  report says is already done); another coder's coding of a passage the card cites (same
  document, overlapping offsets) is the same evidence and is left out. The last edit is the card's ``last_edited`` field, else the
  date of the last git commit of the card file (:func:`card_last_edited`);
- ``number_not_in_evidence``: a number of the point (digits or Thai number words) that no
  cited passage states (a Buddhist-Era year matches its short and Common-Era forms).

>>> import pandas as pd
>>> from synthesis.findings.cards.model import CardPoint, LessonCard
>>> card = LessonCard("yala-bala", sections={"results": [CardPoint("ผู้ประกันตนเพิ่มเป็น 64 คน", ["c1"])]})
>>> rows = pd.DataFrame({"coding_id": ["c1"], "code_id": ["outcomes"], "quote": ["ผู้ประกันตนเพิ่มเป็น 46 คน"],
...                      "created": ["2025-01-01T00:00:00Z"], "areas": [["yala-bala"]], "doc_id": ["d"],
...                      "date": ["2024-01-01"], "title": ["รายงาน"]})
>>> card_flags(card, rows)["flag"].tolist()
['number_not_in_evidence']
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd

from synthesis.findings.cards.model import LessonCard

FLAG_COLUMNS = ["section", "point", "text", "flag", "flag_th", "detail", "coding_ids"]
FLAGS_TH = {
    "unsupported": "ไม่มีการลงรหัสสนับสนุน",
    "unknown_coding": "อ้างถึงการลงรหัสที่ไม่มีอยู่",
    "newer_evidence": "มีหลักฐานใหม่กว่าบัตรบทเรียน",
    "number_not_in_evidence": "ตัวเลขที่ไม่พบในข้อความที่อ้าง",
}


def card_last_edited(card: LessonCard, path: Path | None = None) -> str:
    """When a person last edited the card: its ``last_edited`` field, else the last git commit
    that added or changed its file, following moves (ISO, UTC), else ``""`` (unknown: newer evidence cannot be checked).

    >>> card_last_edited(LessonCard("a", last_edited="2024-12-20"))
    '2024-12-20'
    """
    if card.last_edited:
        return card.last_edited
    if path is None or not Path(path).is_file():
        return ""
    try:
        done = subprocess.run(["git", "log", "-1", "--follow", "--diff-filter=AM", "--format=%cI", "--",
                               Path(path).name], cwd=Path(path).parent,
                              capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _utc(value: str) -> pd.Timestamp | None:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    if pd.isna(stamp):
        return None
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _spans_by_doc(records) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for r in records:
        start, end = r.get("start"), r.get("end")
        if r.get("doc_id") is not None and start is not None and end is not None:
            spans.setdefault(r["doc_id"], []).append((int(start), int(end)))
    return spans


def _overlaps(record: dict, spans: dict[str, list[tuple[int, int]]]) -> bool:
    """Does ``record``'s passage overlap a passage the card cites (same document)? Another
    coder's coding of a cited passage is the same evidence, not newer evidence.

    >>> _overlaps({"doc_id": "d", "start": 10, "end": 20}, {"d": [(15, 40)]})
    True
    >>> _overlaps({"doc_id": "d", "start": 10, "end": 15}, {"d": [(15, 40)]}), _overlaps({"doc_id": "e", "start": 15, "end": 20}, {"d": [(15, 40)]})
    (False, False)
    """
    start, end = record.get("start"), record.get("end")
    if start is None or end is None:
        return False
    return any(s < end and start < e for s, e in spans.get(record.get("doc_id"), ()))


def card_flags(card: LessonCard, details: pd.DataFrame, last_edited: str = "") -> pd.DataFrame:
    """The flags of one card against its collection's codings (:func:`coding_details` rows:
    ``coding_id, code_id, quote, created, areas``, and ``doc_id, date, title`` for details).
    ``last_edited`` defaults to the card's own field."""
    from synthesis.findings.numerals import point_numbers, same_number, stated_numbers

    from synthesis.findings.evidence import detail_records

    records = detail_records(details)
    known = {r["coding_id"]: r for r in records}
    cited_anywhere = {cid for _, _, point in card.points() for cid in point.codings}
    edited = _utc(last_edited or card.last_edited)
    cited_spans = _spans_by_doc(known[c] for c in cited_anywhere if c in known)
    in_area = [r for r in records if r.get("areas") is not None and card.area in list(r["areas"])
               and r["coding_id"] not in cited_anywhere and not _overlaps(r, cited_spans)] if edited is not None else []
    created = {r["coding_id"]: _utc(str(r.get("created") or "")) for r in in_area}
    rows = []

    def flag(section, number, point, kind, detail, ids=()):
        rows.append({"section": section, "point": number, "text": point.text, "flag": kind, "flag_th": FLAGS_TH[kind],
                     "detail": detail, "coding_ids": list(ids)})

    for section, number, point in card.points():
        if not point.codings:
            flag(section, number, point, "unsupported", "ข้อนี้ไม่ได้อ้างการลงรหัสใดเลย (cites no coding)")
            continue
        missing = [c for c in point.codings if c not in known]
        if missing:
            flag(section, number, point, "unknown_coding", f"ไม่พบในคอลเลกชันนี้: {', '.join(missing)}", missing)
        present = [known[c] for c in point.codings if c in known]
        if not present:
            continue
        passages: set = set()
        for row in present:
            passages |= stated_numbers(str(row["quote"]))
        absent = [written for written, values in point_numbers(point.text) if not same_number(values, passages)]
        if absent:
            flag(section, number, point, "number_not_in_evidence",
                 f"ไม่พบตัวเลข {', '.join(absent)} ในข้อความที่อ้าง (not in any cited passage)")
        if edited is not None and in_area:
            codes = {row["code_id"] for row in present}
            newer, seen = [], set()
            for row in in_area:
                stamp = created[row["coding_id"]]
                key = (row.get("doc_id"), row["quote"])
                if row["code_id"] in codes and stamp is not None and stamp > edited and key not in seen:
                    seen.add(key)
                    newer.append(row)
            if newer:
                listed = "; ".join(f"“{' '.join(str(r['quote']).split())[:80]}” ({r.get('title', '')} {r.get('date', '')})"
                                   for r in newer)
                flag(section, number, point, "newer_evidence",
                     f"ลงรหัสหลังการแก้ไขบัตรครั้งล่าสุด ({last_edited or card.last_edited}) และบัตรยังไม่ได้อ้าง: {listed}",
                     [r["coding_id"] for r in newer])
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)

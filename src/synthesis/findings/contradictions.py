"""Contradictions: the same indicator stated differently by two documents of one area.

Statements come from the indicator reader of :mod:`synthesis.facts.statements` (each number
with its role, subject in the text's words, unit, sentence). Two statements of two different
documents of the area contradict when they have the same unit, the same subject
(:func:`synthesis.facts.subjects.same_subject` ≥ :data:`SAME_SUBJECT`), different values, and:

- both are **baselines** (a ``จาก`` of a from → to, a survey figure, or a plain value dated no
  later than the first from → to or result of that subject: the starting point cannot change);
- or both are **declared targets** (a target restated beside a result is not a declaration);
- or both are **results dated the same day**.

A result that grows over time is progress, not a contradiction. Only documents attributed to
the area alone are read (a regional meeting speaks of many areas at once), and not the
spoken turns of an interview (``ส: …``: people round and mix figures as they talk; the
written reports are what a baseline is checked against). Subjects of opposite polarity
(``ไม่ใส่ถุงมือ`` and ``ใส่ถุงมือ``) are never the same.

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2020-11-10", "2022-06-01"], "areas": [["x"], ["x"]],
...     "title": ["", ""], "text": ["ข้อมูลจากแบบสำรวจ\\n1. ครัวเรือนที่ใช้น้ำกรดแบตเตอรี่ 38 ครัวเรือน",
...                                 "ครัวเรือนที่ใช้น้ำกรดแบตเตอรี่ลดจาก 42 ครัวเรือน เหลือ 9 ครัวเรือน"]})
>>> contradictions(docs, "x")[["role", "value_a", "value_b"]].values.tolist()
[['baseline', 38, 42]]
"""

from __future__ import annotations

import re

import pandas as pd

SAME_SUBJECT = 0.5
_TURN = re.compile(r"^\s*[^\s:：0-9๐-๙][^\s:：]{0,23}\s?[:：]")
_NEGATION = re.compile(r"ไม่|มิได้|ปราศจาก")
CONTRADICTION_COLUMNS = ["area", "role", "role_th", "subject", "unit", "value_a", "doc_a", "date_a", "title_a",
                         "sentence_a", "value_b", "doc_b", "date_b", "title_b", "sentence_b", "text_th"]
ROLE_TH = {"baseline": "ค่าตั้งต้น", "target": "เป้าหมาย", "result": "ผลในวันเดียวกัน"}


def _area_documents(documents: pd.DataFrame, area: str | None) -> pd.DataFrame:
    if area is None or "areas" not in documents.columns:
        return documents
    only = documents["areas"].map(lambda value: value is not None and list(value) == [area])
    return documents[only.astype(bool)]


def _statements(documents: pd.DataFrame) -> list[dict]:
    from synthesis.facts.statements import read_statements

    rows = []
    titles = documents["title"] if "title" in documents.columns else [""] * len(documents)
    for doc_id, date, text, title in zip(documents["doc_id"], documents["date"], documents["text"], titles):
        date = date if isinstance(date, str) else ""
        for s in read_statements(text or "", date or None):
            if _TURN.match(s.sentence):
                continue
            if s.role not in ("baseline", "target", "result", "value") or (s.role == "target" and s.restated):
                continue
            rows.append({"doc_id": doc_id, "date": date, "title": title if isinstance(title, str) else "",
                         "value": s.value, "unit": s.unit, "role": s.role, "subject": s.subject,
                         "sentence": s.sentence})
    return rows


def _baseline_values(rows: list[dict], same) -> None:
    """A plain value dated no later than the first from → to or result of its subject is a baseline."""
    for row in rows:
        if row["role"] != "value" or not row["date"]:
            continue
        later = [r["date"] for r in rows if r["role"] in ("baseline", "result") and r["date"] and r["doc_id"] != row["doc_id"]
                 and r["unit"] == row["unit"] and same(row, r)]
        if later and row["date"] <= min(later):
            row["role"] = "baseline"


def contradictions(documents: pd.DataFrame, area: str | None = None) -> pd.DataFrame:
    """The contradictions among the documents of ``area`` (columns
    :data:`CONTRADICTION_COLUMNS`), one row per distinct pair of values of one subject."""
    from synthesis.facts.subjects import same_subject

    def same(one: dict, other: dict) -> bool:
        if bool(_NEGATION.search(one["subject"])) != bool(_NEGATION.search(other["subject"])):
            return False
        return same_subject(one["subject"], other["subject"], one["unit"], other["unit"]) >= SAME_SUBJECT

    rows = _statements(_area_documents(documents, area))
    _baseline_values(rows, same)
    found, seen = [], set()
    for i, one in enumerate(rows):
        for other in rows[i + 1:]:
            if one["doc_id"] == other["doc_id"] or one["role"] != other["role"] or one["role"] == "value":
                continue
            if one["unit"] != other["unit"] or one["value"] == other["value"]:
                continue
            if one["role"] == "result" and (not one["date"] or one["date"] != other["date"]):
                continue
            if not same(one, other):
                continue
            first, second = sorted((one, other), key=lambda r: (r["date"], r["doc_id"]))
            key = (one["role"], one["unit"], frozenset((first["value"], second["value"])))
            if key in seen:
                continue
            seen.add(key)
            unit = one["unit"] or ""
            found.append({
                "area": area or "", "role": one["role"], "role_th": ROLE_TH[one["role"]], "subject": first["subject"],
                "unit": unit, "value_a": first["value"], "doc_a": first["doc_id"], "date_a": first["date"],
                "title_a": first["title"], "sentence_a": first["sentence"], "value_b": second["value"],
                "doc_b": second["doc_id"], "date_b": second["date"], "title_b": second["title"],
                "sentence_b": second["sentence"],
                "text_th": (f"{ROLE_TH[one['role']]}ของ “{first['subject']}” ไม่ตรงกัน: {first['value']:g} {unit} "
                            f"({first['date']}) กับ {second['value']:g} {unit} ({second['date']})"),
            })
    return pd.DataFrame(found, columns=CONTRADICTION_COLUMNS)

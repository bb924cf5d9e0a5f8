"""Numbers the texts state as targets, next to the values reported as reached: the old
table of the area report, now read by the indicator model of :mod:`synthesis.facts`.

The pairing is by subject, never by the nearest number (issue 15): each target opens an
indicator with what it counts in the text's words, and a number joins it only when its own
subject holds the indicator's words (``แต่มี 11 คนขาดส่ง`` never becomes the result of
``ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน``). New code should call
:func:`synthesis.facts.indicators.indicator_table` (baseline, target, values over time,
flags, every sentence); :func:`targets_vs_achieved` keeps the columns the reports used.

A document's text is put back together from the segments given (so a caller can restrict
them, e.g. to the sentences of a regional meeting that name one area); the entity table is
no longer needed and is accepted for the callers that pass it.
"""

from __future__ import annotations

import pandas as pd

from synthesis.facts.statements import Statement, read_statements

SEGMENT_KINDS = ("sentence", "list_item", "paragraph", "turn")
COLUMNS = ["doc_id", "date", "title", "seg_start", "start", "end", "role", "unit", "value", "subject",
           "statement", "comparison", "restated", "qualified", "paired", "meets", "deadline"]
TABLE_COLUMNS = ["subject", "unit", "target", "achieved", "statement", "target date", "result date", "how"]


def _texts(segments: pd.DataFrame) -> dict[str, str]:
    """Per document, its text rebuilt from the segments at their offsets (gaps become line
    breaks, so a segment is never glued to one left out)."""
    kinds = segments[segments["kind"].isin(SEGMENT_KINDS)] if "kind" in segments else segments
    pieces: dict[str, list[tuple[int, int, str]]] = {}
    for doc_id, start, end, text in zip(kinds["doc_id"], kinds["start"], kinds["end"], kinds["text"]):
        if isinstance(text, str):
            pieces.setdefault(doc_id, []).append((int(start), int(end), text))
    texts = {}
    for doc_id, spans in pieces.items():
        chars = ["\n"] * max(end for _, end, _ in spans)
        for start, end, text in spans:
            chars[start:start + len(text)] = text[: end - start]
        texts[doc_id] = "".join(chars)
    return texts


def numeric_statements(documents: pd.DataFrame, segments: pd.DataFrame,
                       entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """The numeric statements (:func:`synthesis.facts.statements.read_statements`) of the
    given documents, one row each, read from the given segments only.

    ``role`` is ``target``, ``baseline``, ``result``, ``change``, ``value`` or ``other``.
    """
    texts = _texts(segments)
    rows = []
    for doc_id, date, title in zip(documents["doc_id"], documents["date"], documents["title"]):
        date = date if isinstance(date, str) else None
        for s in read_statements(texts.get(doc_id, ""), date):
            rows.append({"doc_id": doc_id, "date": date, "title": title, "seg_start": s.line_start,
                         "start": s.start, "end": s.end, "role": s.role, "unit": s.unit, "value": s.value,
                         "subject": s.subject, "statement": s.sentence, "comparison": s.comparison,
                         "restated": s.restated, "qualified": s.qualified, "paired": s.paired,
                         "meets": s.meets, "deadline": s.deadline})
    return pd.DataFrame(rows, columns=COLUMNS)


def targets_vs_achieved(statements: pd.DataFrame) -> pd.DataFrame:
    """Each target with its latest result, paired by subject (the indicator model).

    Columns: subject, unit, target, achieved (NaN when none), statement, target date,
    result date, how (``same sentence``, ``same document``, ``later document`` or ``—``).
    """
    from synthesis.facts.indicators import indicators_of_statements

    if statements.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    read = []
    for doc_id, rows in statements.groupby("doc_id", sort=False):
        first = rows.iloc[0]
        doc = _Doc(doc_id, first["date"] if isinstance(first["date"], str) else None, first["title"])
        read.append((doc, [_statement(row) for row in rows.itertuples(index=False)]))
    read.sort(key=lambda pair: (pair[0].date or "", pair[0].doc_id))
    table = []
    for indicator in indicators_of_statements(read):
        target, latest = indicator.target, indicator.latest
        if target is None:
            continue
        if latest is None:
            how, statement = "—", target.sentence
        elif latest.doc_id != target.doc_id:
            how, statement = "later document", f"{target.sentence} → {latest.sentence}"
        else:
            how = "same sentence" if latest.sentence == target.sentence else "same document"
            statement = target.sentence if how == "same sentence" else f"{target.sentence} → {latest.sentence}"
        table.append({"subject": indicator.subject, "unit": indicator.unit, "target": float(target.value),
                      "achieved": float(latest.value) if latest else float("nan"), "statement": statement,
                      "target date": target.date, "result date": latest.date if latest else None, "how": how})
    return pd.DataFrame(table, columns=TABLE_COLUMNS)


class _Doc:
    def __init__(self, doc_id: str, date: str | None, title):
        self.doc_id, self.date, self.title = doc_id, date, title if isinstance(title, str) else ""


def _statement(row) -> Statement:
    return Statement(value=row.value, unit=row.unit, role=row.role, subject=row.subject,
                     comparison=row.comparison, restated=bool(row.restated), qualified=bool(row.qualified),
                     meets=row.meets if isinstance(row.meets, bool) else None,
                     deadline=row.deadline if isinstance(row.deadline, str) else None,
                     start=int(row.start), end=int(row.end), sentence=row.statement, line_start=int(row.seg_start),
                     paired=bool(row.paired))

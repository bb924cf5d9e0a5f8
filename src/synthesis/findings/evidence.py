"""The evidence behind a finding: each cited coding with its source, context, coders and memos.

Self-contained: the passage and the sentence or paragraph around it are copied in, so a
report that shows them never links into the raw corpus files (links break when a report is
e-mailed).

>>> import pandas as pd
>>> from synthesis.coding import new_coding
>>> docs = pd.DataFrame({"doc_id": ["d"], "title": ["ถอดบทเรียน"], "date": ["2024-11-08"], "kind": ["interview"],
...                      "areas": [["yala-bala"]], "text": ["ราคายางตก เงินไม่พอใช้"]})
>>> a = new_coding("d", 0, 9, "ราคายางตก", "", "context.economy", "coder_a", memo="ปีที่ราคาต่ำสุด")
>>> b = new_coding("d", 0, 9, "ราคายางตก", "", "context.economy", "coder_b")
>>> row = evidence_table([a.coding_id], [a, b], docs).iloc[0]
>>> row["coders"], row["memos"]
(['coder_a', 'coder_b'], ['coder_a: ปีที่ราคาต่ำสุด'])
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Iterable

import pandas as pd

from synthesis.analysis.codes import codings_frame, document_areas

EVIDENCE_COLUMNS = ["coding_id", "code_id", "code_name", "doc_id", "title", "date", "kind", "areas", "speaker",
                    "reporter", "quote", "context", "coder", "coders", "memos", "created", "start", "end"]
# Segment kinds that make a readable context, finest first.
CONTEXT_KINDS = ("sentence", "list_item", "turn", "paragraph")
CONTEXT_MAX_CHARS = 600


def _segments_by_doc(segments: pd.DataFrame | None, doc_ids: set[str]) -> dict[str, list[tuple]]:
    by_doc: dict[str, list[tuple]] = defaultdict(list)
    if segments is None or len(segments) == 0:
        return by_doc
    chosen = segments[segments["doc_id"].isin(doc_ids)]
    speakers = chosen["speaker"] if "speaker" in chosen.columns else [None] * len(chosen)
    for doc_id, kind, start, end, speaker in zip(chosen["doc_id"], chosen["kind"], chosen["start"],
                                                 chosen["end"], speakers):
        by_doc[doc_id].append((int(start), int(end), kind, speaker if isinstance(speaker, str) and speaker else None))
    for spans in by_doc.values():
        spans.sort()
    return by_doc


def _context_span(spans: list[tuple], start: int, end: int, starts: list[int] | None = None) -> tuple[int, int] | None:
    """The smallest readable segment that holds the whole coded span and something more
    (``starts``: the spans' start offsets, when the caller keeps them)."""
    if starts is None:
        starts = [s[0] for s in spans]
    best = None
    for s, e, kind, _ in spans[:bisect_right(starts, start)]:
        if kind in CONTEXT_KINDS and s <= start and end <= e and (e - s) > (end - start):
            if best is None or (e - s) < (best[1] - best[0]):
                best = (s, e)
    return best


def _speaker_at(spans: list[tuple], start: int, starts: list[int] | None = None) -> str | None:
    if starts is None:
        starts = [s[0] for s in spans]
    for s, e, kind, speaker in reversed(spans[:bisect_right(starts, start)]):
        if kind == "turn" and s <= start < e and speaker:
            return speaker
    return None


def _trim_context(text: str, start: int, end: int, quote_start: int, quote_end: int) -> str:
    """The context, cut to ``CONTEXT_MAX_CHARS`` around the quote, on whole clusters, one line."""
    from synthesis.thai.graphemes import snap_left, snap_right

    if end - start > CONTEXT_MAX_CHARS:
        room = max(0, (CONTEXT_MAX_CHARS - (quote_end - quote_start)) // 2)
        start = snap_left(text, max(start, quote_start - room))
        end = snap_right(text, min(end, quote_end + room))
    return " ".join(text[start:end].split())


def coding_details(codings, documents: pd.DataFrame, segments: pd.DataFrame | None = None,
                   codebook=None) -> pd.DataFrame:
    """Every (non-orphaned) coding with its document, speaker, context, fellow coders and memos.

    ``coders``: the coders who applied the same code to an overlapping span of the same
    document (the coding's own coder included); ``memos``: their non-empty memos as
    ``"coder: memo"``. Columns: :data:`EVIDENCE_COLUMNS`.

    >>> coding_details([], pd.DataFrame({"doc_id": [], "text": []})).columns[:3].tolist()
    ['coding_id', 'code_id', 'code_name']
    """
    frame = codings_frame(codings)
    if frame.empty:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    wanted = set(frame["doc_id"])
    columns = [c for c in ("doc_id", "title", "date", "kind", "reporter", "text") if c in documents.columns]
    chosen = documents[documents["doc_id"].isin(wanted)]
    docs = {record["doc_id"]: {"title": _field(record, "title"), "date": _field(record, "date", None),
                               "kind": _field(record, "kind"), "reporter": _field(record, "reporter") or "",
                               "text": _field(record, "text")}
            for record in chosen[columns].to_dict("records")}
    areas = document_areas(chosen).groupby("doc_id")["area"].agg(lambda a: sorted(set(a))).to_dict()
    spans = _segments_by_doc(segments, wanted)
    starts = {doc_id: [s[0] for s in doc_spans] for doc_id, doc_spans in spans.items()}
    # the columns as Python lists: iterating Arrow-backed string columns row by row is slow
    coding_ids, code_ids, doc_ids, quotes, coder_names, memo_texts, created, begins, ends = (
        frame[name].tolist() for name in ("coding_id", "code_id", "doc_id", "quote", "coder", "memo", "created",
                                          "start", "end"))
    same_code: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for doc_id, code_id, start, end, coder, memo in zip(doc_ids, code_ids, begins, ends, coder_names, memo_texts):
        same_code[(doc_id, code_id)].append((start, end, coder, memo or ""))
    no_doc = {"title": "", "date": None, "kind": "", "reporter": "", "text": ""}
    labels: dict[str, str] = {}
    rows = []
    for coding_id, code_id, doc_id, quote, coder, when, start, end in zip(
            coding_ids, code_ids, doc_ids, quotes, coder_names, created, begins, ends):
        doc = docs.get(doc_id, no_doc)
        text = doc["text"]
        overlapping = [(c, m) for s, e, c, m in same_code[(doc_id, code_id)] if s < end and start < e]
        coders = sorted({c for c, _ in overlapping})
        memos = sorted({f"{c}: {m.strip()}" for c, m in overlapping if m and m.strip()})
        doc_spans = spans.get(doc_id, [])
        around = _context_span(doc_spans, start, end, starts[doc_id]) if doc_spans else None
        if text and around:
            context = _trim_context(text, around[0], around[1], start, end)
        elif text:
            context = _trim_context(text, max(0, start - 120), min(len(text), end + 120), start, end)
        else:
            context = " ".join(str(quote).split())
        if code_id not in labels:
            labels[code_id] = codebook.label(code_id) if codebook is not None and code_id in codebook else code_id
        rows.append({
            "coding_id": coding_id, "code_id": code_id, "code_name": labels[code_id],
            "doc_id": doc_id, "title": doc["title"], "date": doc["date"], "kind": doc["kind"],
            "areas": areas.get(doc_id, []), "speaker": _speaker_at(doc_spans, start, starts[doc_id]) if doc_spans else None,
            "reporter": doc["reporter"],
            "quote": str(quote), "context": context, "coder": coder, "coders": coders,
            "memos": memos, "created": when, "start": int(start), "end": int(end),
        })
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def _field(record: dict, name: str, default=""):
    """A document field as the evidence shows it: ``default`` when missing or NaN, else the
    value."""
    value = record.get(name)
    return default if value is None or (isinstance(value, float) and pd.isna(value)) else value


def evidence_table(coding_ids: Iterable[str], codings, documents: pd.DataFrame,
                   segments: pd.DataFrame | None = None, codebook=None,
                   details: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence rows of ``coding_ids``, in the order given; unknown ids are left out.

    Pass ``details`` (from :func:`coding_details`) to reuse it across many points.
    """
    wanted = list(dict.fromkeys(coding_ids))
    if details is None:
        frame = codings_frame(codings)
        frame = frame[frame["coding_id"].isin(set(wanted))] if len(frame) else frame
        details = coding_details(frame, documents, segments, codebook) if len(frame) else None
        if details is not None and len(wanted):
            # fellow coders and memos come from every coding, not only the cited ones
            everyone = codings_frame(codings)
            everyone = everyone[everyone["doc_id"].isin(set(details["doc_id"]))
                                & everyone["code_id"].isin(set(details["code_id"]))]
            details = coding_details(everyone, documents, segments, codebook)
    if details is None or details.empty:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    indexed = details.drop_duplicates("coding_id").set_index("coding_id", drop=False)
    present = [i for i in wanted if i in indexed.index]
    return indexed.loc[present].reset_index(drop=True)


def case_areas(details: pd.DataFrame, areas) -> pd.Series:
    """The pilot areas each coding speaks of: its document's area when the document has one;
    for a document of several areas (a forum, a synthesis meeting), the areas its passage or
    context names (place names, aliases, occupation words), else all the document's areas.

    >>> from synthesis.corpus.areas import Area
    >>> bala = Area("yala-bala", "บาละ", "Bala", "ยะลา", tambon="บาละ", aliases=("บาละ",))
    >>> khae = Area("songkhla-khae", "แค", "Khae", "สงขลา", tambon="แค", aliases=("ตำบลแค",))
    >>> rows = pd.DataFrame({"areas": [["yala-bala", "songkhla-khae"]], "quote": ["ที่บาละใช้มัสยิด"],
    ...                      "context": ["ที่บาละใช้มัสยิด"]})
    >>> case_areas(rows, [bala, khae]).tolist()
    [['yala-bala']]
    """
    names = {area.id: [n for n in {*area.place_names(), area.tambon, *area.occupation_terms} if n and len(n) >= 3]
             for area in areas}
    result = []
    for doc_areas, quote, context in zip(details["areas"].tolist(), details["quote"].tolist(),
                                         details["context"].tolist()):
        doc_areas = list(doc_areas) if doc_areas is not None else []
        if len(doc_areas) <= 1:
            result.append(doc_areas)
            continue
        named = [a for a in doc_areas if any(n in quote for n in names.get(a, ()))]
        if not named:
            named = [a for a in doc_areas if any(n in context for n in names.get(a, ()))]
        result.append(named or doc_areas)
    return pd.Series(result, index=details.index, dtype=object)


_RECORDS: list = []  # [(details, records)]: the last details table read as records


def detail_records(details: pd.DataFrame) -> list[dict]:
    """``details`` as a list of dicts, kept for the last table asked (cards read it per point).

    >>> detail_records(pd.DataFrame({"coding_id": ["c1"]}))
    [{'coding_id': 'c1'}]
    """
    if _RECORDS and _RECORDS[0][0] is details:
        return _RECORDS[0][1]
    records = details.to_dict("records") if len(details) else []
    _RECORDS[:] = [(details, records)]
    return records

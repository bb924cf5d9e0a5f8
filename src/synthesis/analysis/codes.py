"""Queries over codings for the report notebooks: DataFrames in, DataFrames out.

``codings`` is a list of :class:`synthesis.coding.Coding` or a DataFrame with their fields;
``documents`` is the store's documents table (``doc_id``, ``title``, ``date``, ``areas`` as a
list, ``text``); ``segments`` the store's segments table. Orphaned codings (see
:mod:`synthesis.coding.anchor`) are left out of every query.

>>> import pandas as pd
>>> from synthesis.coding import new_coding
>>> docs = pd.DataFrame({"doc_id": ["d"], "title": ["ถอดบทเรียน"], "date": ["2023-08-14"],
...                      "areas": [["yala-bala"]], "text": ["ผู้นำเข้มแข็ง"]})
>>> matrix = code_area_matrix([new_coding("d", 0, 5, "ผู้นำ", "", "success.leadership", "a")], docs)
>>> int(matrix.loc["success", "yala-bala"])
1
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import asdict, is_dataclass
from typing import Iterable

import pandas as pd

NO_AREA = "(no area)"
CODING_COLUMNS = ["coding_id", "doc_id", "start", "end", "quote", "doc_sha256", "code_id", "coder",
                  "created", "origin", "memo", "orphaned"]


def codings_frame(codings) -> pd.DataFrame:
    """Codings as a DataFrame (one row each), without orphaned ones."""
    if isinstance(codings, pd.DataFrame):
        frame = codings.copy()
    else:
        frame = pd.DataFrame([asdict(c) if is_dataclass(c) else dict(c) for c in codings], columns=CODING_COLUMNS)
    if "orphaned" in frame.columns:
        frame = frame[~frame["orphaned"].fillna(False).astype(bool)]
    return frame.reset_index(drop=True)


def document_areas(documents: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, area``: one row per document and area (``(no area)`` when it has none)."""
    if "areas" in documents.columns:
        areas = documents["areas"].map(lambda value: list(value) if value is not None and len(value) else [NO_AREA])
    elif "area" in documents.columns:
        areas = documents["area"].map(lambda value: [value] if isinstance(value, str) and value else [NO_AREA])
    else:
        areas = pd.Series([[NO_AREA]] * len(documents), index=documents.index)
    frame = pd.DataFrame({"doc_id": documents["doc_id"], "area": areas}).explode("area")
    return frame.reset_index(drop=True)


def _roll_up(frame: pd.DataFrame, codebook, top_level: bool) -> pd.DataFrame:
    if not top_level:
        return frame
    if codebook is not None:
        top = {code: codebook.top_of(code) if code in codebook else code for code in frame["code_id"].unique()}
    else:  # without a codebook, ids are read as dotted paths
        top = {code: code.split(".")[0] for code in frame["code_id"].unique()}
    return frame.assign(code_id=frame["code_id"].map(top))


def code_frequencies(codings, documents: pd.DataFrame, by: str = "area", codebook=None,
                     top_level: bool = False) -> pd.DataFrame:
    """How often each code was applied, per area, document or coder.

    Columns: ``code_id``, the ``by`` column, ``codings`` (number of codings) and ``documents``
    (number of distinct documents holding the code).
    """
    if by not in ("area", "document", "coder"):
        raise ValueError("by must be 'area', 'document' or 'coder'")
    frame = _roll_up(codings_frame(codings), codebook, top_level)
    if by == "area":
        frame = frame.merge(document_areas(documents), on="doc_id", how="left").fillna({"area": NO_AREA})
    key = {"area": "area", "document": "doc_id", "coder": "coder"}[by]
    grouped = frame.groupby(["code_id", key], sort=True)
    result = pd.DataFrame({"codings": grouped.size(), "documents": grouped["doc_id"].nunique()}).reset_index()
    return result.rename(columns={"doc_id": "document"}).sort_values(["code_id", key if by != "document" else "document"],
                                                                   ignore_index=True)


def code_area_matrix(codings, documents: pd.DataFrame, codebook=None, top_level: bool = True,
                     share: bool = False) -> pd.DataFrame:
    """Codes (rows) by areas (columns): number of codings, or with ``share=True`` the share of
    each area's documents that hold the code at least once (0–1)."""
    frame = _roll_up(codings_frame(codings), codebook, top_level)
    areas = document_areas(documents)
    frame = frame.merge(areas, on="doc_id", how="inner")
    if share:
        docs_per_area = areas.groupby("area")["doc_id"].nunique()
        holding = frame.groupby(["code_id", "area"])["doc_id"].nunique().unstack(fill_value=0)
        holding = holding.reindex(columns=docs_per_area.index, fill_value=0)
        matrix = holding.div(docs_per_area, axis=1)
    else:
        matrix = frame.groupby(["code_id", "area"]).size().unstack(fill_value=0)
        matrix = matrix.reindex(columns=sorted(areas["area"].unique()), fill_value=0)
    if codebook is not None:
        order = [c.id for c in (codebook.top_level() if top_level else codebook)]
        matrix = matrix.reindex([c for c in order if c in matrix.index] + [c for c in matrix.index if c not in order])
    matrix.columns.name = "area"
    matrix.index.name = "code_id"
    return matrix


def _unit_code_sets(frame: pd.DataFrame, segments: pd.DataFrame | None) -> dict[str, list[set[str]]]:
    """Per document, the code set of each unit in text order (finest segments, or the codings'
    own overlapping clusters when no segments are given)."""
    by_doc: dict[str, list[set[str]]] = {}
    if segments is None or len(segments) == 0:
        for doc_id, group in frame.sort_values("start").groupby("doc_id"):
            clusters, end = [], -1
            for start, stop, code in zip(group["start"], group["end"], group["code_id"]):
                if start >= end:
                    clusters.append(set())
                clusters[-1].add(code)
                end = max(end, stop)
            by_doc[doc_id] = clusters
        return by_doc
    from synthesis.coding.agreement import units_from_segments

    units = units_from_segments(segments[segments["doc_id"].isin(frame["doc_id"].unique())], "segment")
    spans_by_doc = {doc_id: sorted(zip(group["start"], group["end"], group["code_id"]))
                    for doc_id, group in frame.groupby("doc_id")}
    for doc_id, group in units.groupby("doc_id"):
        spans = spans_by_doc.get(doc_id, [])
        starts = [span[0] for span in spans]
        sets = []
        for start, end in zip(group["start"], group["end"]):
            # codings starting before the unit's end that end after its start
            sets.append({code for s, e, code in spans[:bisect_left(starts, end)] if e > start})
        by_doc[doc_id] = sets
    return by_doc


def cooccurrence(codings, segments: pd.DataFrame | None = None, window: int = 0, codebook=None,
                 top_level: bool = False) -> pd.DataFrame:
    """Code × code counts of units where both codes occur (``window=0``) or occur within
    ``window`` units of each other (pairs of units counted once). The diagonal holds the
    number of units that carry the code. Units are the finest segments when ``segments`` is
    given, else runs of overlapping codings."""
    if window < 0:
        raise ValueError("window must be ≥ 0")
    frame = _roll_up(codings_frame(codings), codebook, top_level)
    codes = sorted(frame["code_id"].unique())
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for sets in _unit_code_sets(frame, segments).values():
        for i, here in enumerate(sets):
            for code in here:
                counts[(code, code)] += 1
            for j in range(i, min(len(sets), i + window + 1)):
                pairs = {(a, b) for a in here for b in sets[j] if a != b}
                if j != i:
                    pairs |= {(b, a) for a, b in pairs}
                for a, b in pairs:
                    counts[(a, b)] += 1
    matrix = pd.DataFrame(0, index=pd.Index(codes, name="code_id"), columns=pd.Index(codes, name="code_id"))
    for (a, b), n in counts.items():
        matrix.loc[a, b] = n
    return matrix


def _context(text: str, start: int, end: int, size: int) -> tuple[str, str]:
    from synthesis.thai.graphemes import snap_left, snap_right

    before = text[snap_left(text, max(0, start - size)):start]
    after = text[end:snap_right(text, min(len(text), end + size))]
    return before, after


def coded_quotes(codings, documents: pd.DataFrame, segments: pd.DataFrame | None = None,
                 code_id: str | Iterable[str] | None = None, area: str | None = None, context: int = 80,
                 codebook=None, coder: str | None = None) -> pd.DataFrame:
    """The coded passages reports cite, with their source and context.

    ``code_id``: one code (with everything below it when a ``codebook`` is given) or several;
    ``area``: only documents of this area. Columns: ``code_id, doc_id, title, date, area``
    (the area asked for, else all the document's areas), ``areas, coder, start, end, quote,
    before, after, section``; ``before``/``after`` hold up to
    ``context`` characters, never cutting a Thai character cluster.
    """
    frame = codings_frame(codings)
    if code_id is not None:
        wanted = [code_id] if isinstance(code_id, str) else list(code_id)
        if codebook is not None:
            wanted = [d for c in wanted if c in codebook for d in codebook.descendants(c)] + wanted
        frame = frame[frame["code_id"].isin(set(wanted))]
    if coder is not None:
        frame = frame[frame["coder"] == coder]
    areas = document_areas(documents)
    if area is not None:
        frame = frame[frame["doc_id"].isin(set(areas.loc[areas["area"] == area, "doc_id"]))]
    docs = documents.set_index("doc_id")
    joined_areas = areas.groupby("doc_id")["area"].agg(lambda a: ", ".join(sorted(a)))
    sections: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    if segments is not None and len(segments) and "section" in segments.columns:
        named = segments[segments["section"].map(lambda value: isinstance(value, str) and bool(value))]
        named = named[named["doc_id"].isin(set(frame["doc_id"]))]
        for doc_id, start, end, name in zip(named["doc_id"], named["start"], named["end"], named["section"]):
            sections[doc_id].append((start, end, name))
    rows = []
    for row in frame.sort_values(["doc_id", "start"]).itertuples(index=False):
        doc = docs.loc[row.doc_id] if row.doc_id in docs.index else None
        text = doc["text"] if doc is not None and "text" in docs.columns else ""
        before, after = _context(text, row.start, row.end, context) if text else ("", "")
        section = next((name for start, end, name in sections.get(row.doc_id, ())
                        if start <= row.start <= end), None)
        rows.append({
            "code_id": row.code_id, "doc_id": row.doc_id,
            "title": doc["title"] if doc is not None and "title" in docs.columns else "",
            "date": doc["date"] if doc is not None and "date" in docs.columns else None,
            "area": area or joined_areas.get(row.doc_id, NO_AREA),
            "areas": joined_areas.get(row.doc_id, NO_AREA), "coder": row.coder,
            "start": row.start, "end": row.end, "quote": row.quote, "before": before, "after": after,
            "section": section,
        })
    columns = ["code_id", "doc_id", "title", "date", "area", "areas", "coder", "start", "end", "quote", "before",
               "after", "section"]
    return pd.DataFrame(rows, columns=columns)


__all__ = ["code_area_matrix", "code_frequencies", "coded_quotes", "codings_frame", "cooccurrence",
           "document_areas"]

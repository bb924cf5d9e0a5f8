"""The framework matrix (charting, as in the Framework Method): cases × themes of a collection.

Rows are pilot areas (``by="area"``) or occupation groups (``by="occupation"``); columns the
codebook's top-level codes (``level="top"``) or its sub-codes (``level="sub"``). Each cell
holds a draft summary of its coded segments (:mod:`synthesis.findings.summaries`), the counts
behind it (segments, documents, informants, coders) and the ids of the codings it drew on.

A person's edit of a cell summary lives in ``lessons/collections/<c>/matrix.yaml`` (see
:mod:`synthesis.findings.matrix_edits`) with who edited it and when; the edited text wins
over any redraft, and a cell whose evidence changed since its edit is flagged ``stale`` with
what changed.

Counts: *segments* are distinct coded spans (one passage coded by two coders is one
segment); *documents* distinct documents; *informants* distinct speakers of interview turns
holding the passages, plus, for passages outside any turn, the document's reporter (or the
document itself when none is named); *coders* distinct coders (``consensus`` and ``rules``
are not coders).

>>> import pandas as pd
>>> from synthesis.coding import load_codebook, new_coding
>>> from synthesis.corpus.areas import Area
>>> docs = pd.DataFrame({"doc_id": ["d"], "title": ["รายงาน"], "date": ["2023-01-01"], "kind": ["activity_report"],
...                      "areas": [["yala-bala"]], "text": ["สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน"], "reporter": [""]})
>>> codings = [new_coding("d", 0, 34, "สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน", "", "mechanism.savings", c)
...            for c in ("coder_a", "coder_b")]
>>> bala = Area("yala-bala", "พื้นที่ต้นแบบบาละ", "Bala", "ยะลา", occupation_th="กลุ่มผู้กรีดยาง")
>>> cell = framework_matrix(codings, docs, load_codebook(), [bala]).query("theme == 'mechanism'").iloc[0]
>>> cell["summary"], int(cell["segments"]), int(cell["coders"])
('สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน', 1, 2)
"""

from __future__ import annotations

import pandas as pd

from synthesis.findings.evidence import case_areas, coding_details
from synthesis.findings.summaries import NOT_CODERS, summarize_columns, summary_text

VIEWS = ("area", "occupation")
LEVELS = ("top", "sub")
MATRIX_COLUMNS = ["view", "row", "row_th", "theme", "theme_th", "summary", "draft_summary", "status", "stale_reason",
                  "edited_by", "edited_at", "segments", "documents", "informants", "coders", "coder_names",
                  "coding_ids", "sentences"]
STATUS_TH = {"draft": "ร่างโดยเครื่อง (draft)", "edited": "แก้ไขโดยผู้วิจัย (edited)",
             "stale": "แก้ไขแล้วแต่หลักฐานเปลี่ยน (stale)", "empty": "ไม่มีหลักฐาน (no evidence)"}


def view_key(by: str, level: str) -> str:
    """The name of a matrix view, as edits record it.

    >>> view_key("area", "top")
    'area/top'
    """
    if by not in VIEWS:
        raise ValueError(f"by must be one of {', '.join(VIEWS)}, not {by!r}")
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    return f"{by}/{level}"


def _themes(codebook, level: str) -> list[tuple[str, str]]:
    if level == "top":
        return [(c.id, codebook.label(c.id)) for c in codebook.top_level()]
    return [(c.id, codebook.label(c.id)) for c in codebook if c.parent]


def _theme_of(codebook, code_id: str, level: str) -> str | None:
    if code_id not in codebook:
        return None
    if level == "top":
        return codebook.top_of(code_id)
    code = next((c for c in codebook if c.id == code_id), None)
    return code_id if code is not None and code.parent else None


def _rows(areas, by: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Row keys with Thai labels, and area id → row key."""
    if by == "area":
        return [(a.id, a.name_th) for a in areas], {a.id: a.id for a in areas}
    rows, of_area = [], {}
    for a in areas:
        group = a.occupation_th or a.occupation_en or a.id
        if group not in [r for r, _ in rows]:
            rows.append((group, group))
        of_area[a.id] = group
    return rows, of_area


def _informants(speakers, reporters, doc_ids) -> int:
    keys = set()
    for speaker, reporter, doc_id in zip(speakers, reporters, doc_ids):
        if isinstance(speaker, str) and speaker:
            keys.add(("speaker", speaker))
        elif isinstance(reporter, str) and reporter:
            keys.add(("reporter", reporter))
        else:
            keys.add(("document", doc_id))
    return len(keys)


def cell_evidence(codings, documents: pd.DataFrame, codebook, areas, segments: pd.DataFrame | None = None,
                  by: str = "area", level: str = "top", details: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every coding placed in its matrix cells: the coding's details plus ``row`` and ``theme``
    (a coding about two areas appears in both rows).

    >>> cell_evidence([], pd.DataFrame({"doc_id": [], "text": []}), None, []).empty
    True
    """
    view_key(by, level)
    if details is None:
        details = coding_details(codings, documents, segments, codebook)
    if details.empty:
        return details.assign(row=[], theme=[])
    _, row_of_area = _rows(areas, by)
    frame = details.assign(case=case_areas(details, areas),
                           theme=details["code_id"].map(lambda c: _theme_of(codebook, c, level)))
    frame = frame.dropna(subset=["theme"]).explode("case")
    frame = frame.assign(row=frame["case"].map(row_of_area)).dropna(subset=["row"])
    return frame.drop(columns=["case"]).drop_duplicates(["coding_id", "row"]).reset_index(drop=True)


def framework_matrix(codings, documents: pd.DataFrame, codebook, areas, segments: pd.DataFrame | None = None,
                     by: str = "area", level: str = "top", edits: dict | None = None,
                     details: pd.DataFrame | None = None) -> pd.DataFrame:
    """The matrix in long form: one row per (row, theme) cell, every cell present (empty
    cells say so). Columns: :data:`MATRIX_COLUMNS`; ``sentences`` holds the draft summary's
    sentences as ``{"text", "coding_ids", "documents", "coders"}`` dicts.

    ``edits``: from :func:`synthesis.findings.matrix_edits.load_edits` (cells a person edited).
    """
    view = view_key(by, level)
    placed = cell_evidence(codings, documents, codebook, areas, segments, by, level, details)
    rows, _ = _rows(areas, by)
    # the cells' rows as positions in column lists: a DataFrame per cell costs more than its summary
    names = ("row", "theme", "coding_id", "doc_id", "coder", "quote", "date", "start", "end", "speaker", "reporter")
    columns = {name: placed[name].tolist() for name in names} if len(placed) else {}
    groups: dict[tuple[str, str], list[int]] = {}
    for position, key in enumerate(zip(columns.get("row", []), columns.get("theme", []))):
        groups.setdefault(key, []).append(position)
    edits = edits or {}
    out = []
    for row, row_th in rows:
        for theme, theme_th in _themes(codebook, level):
            positions = groups.get((row, theme))
            record = {"view": view, "row": row, "row_th": row_th, "theme": theme, "theme_th": theme_th,
                      "edited_by": "", "edited_at": "", "stale_reason": ""}
            if not positions:
                record.update(summary="", draft_summary="", status="empty", segments=0, documents=0, informants=0,
                              coders=0, coder_names=[], coding_ids=[], sentences=[])
            else:
                cell = {name: [values[p] for p in positions] for name, values in columns.items()}
                sentences = summarize_columns(cell["coding_id"], cell["doc_id"], cell["coder"], cell["quote"],
                                              cell["date"])
                draft = summary_text(sentences)
                coder_names = sorted(set(cell["coder"]) - NOT_CODERS)
                record.update(
                    summary=draft, draft_summary=draft, status="draft",
                    segments=len(set(zip(cell["doc_id"], cell["start"], cell["end"]))),
                    documents=len(set(cell["doc_id"])),
                    informants=_informants(cell["speaker"], cell["reporter"], cell["doc_id"]),
                    coders=len(coder_names), coder_names=coder_names, coding_ids=sorted(cell["coding_id"]),
                    sentences=[{"text": s.text, "coding_ids": s.coding_ids, "supporting_ids": s.supporting_ids,
                                "documents": s.documents, "coders": s.coders} for s in sentences])
            edit = edits.get((view, row, theme))
            if edit is not None:
                from synthesis.findings.matrix_edits import evidence_change

                record.update(summary=edit.summary, edited_by=edit.edited_by, edited_at=edit.edited_at)
                change = evidence_change(edit.evidence, record["coding_ids"])
                record.update(status="stale" if change else "edited", stale_reason=change)
            out.append(record)
    return pd.DataFrame(out, columns=MATRIX_COLUMNS)


def matrix_wide(long: pd.DataFrame, value: str = "summary") -> pd.DataFrame:
    """The matrix as a grid: rows × themes holding ``value`` (``summary``, ``segments`` …),
    labelled in Thai.

    >>> long = pd.DataFrame({"row_th": ["บาละ"], "theme_th": ["ปัจจัยความสำเร็จ"], "summary": ["มัสยิด"],
    ...                      "row": ["yala-bala"], "theme": ["success"]})
    >>> matrix_wide(long).loc["บาละ", "ปัจจัยความสำเร็จ"]
    'มัสยิด'
    """
    rows = list(dict.fromkeys(long["row_th"]))
    themes = list(dict.fromkeys(long["theme_th"]))
    grid = long.pivot(index="row_th", columns="theme_th", values=value).reindex(index=rows, columns=themes)
    grid.index.name, grid.columns.name = "กรณี (case)", "ประเด็น (theme)"
    return grid


def matrix_export_tables(long: pd.DataFrame, evidence: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The tables of an export, same content as the HTML: the grid of summaries, one row per
    cell with counts, status and linked codings, and (when given) the evidence rows.

    >>> tables = matrix_export_tables(pd.DataFrame({"row_th": ["บาละ"], "theme_th": ["บริบท"], "summary": ["ก"],
    ...     "row": ["yala-bala"], "theme": ["context"], "view": ["area/top"], "draft_summary": ["ก"],
    ...     "status": ["draft"], "stale_reason": [""], "edited_by": [""], "edited_at": [""], "segments": [1],
    ...     "documents": [1], "informants": [1], "coders": [2], "coder_names": [["a", "b"]],
    ...     "coding_ids": [["c1"]], "sentences": [[]]}))
    >>> list(tables)
    ['matrix', 'cells']
    """
    cells = long.drop(columns=["sentences"]).assign(
        status_th=long["status"].map(STATUS_TH),
        coder_names=long["coder_names"].map(lambda v: "; ".join(v)),
        coding_ids=long["coding_ids"].map(lambda v: "; ".join(v)))
    grid = matrix_wide(long).reset_index()
    tables = {"matrix": grid, "cells": cells}
    if evidence is not None and len(evidence):
        tables["evidence"] = evidence.assign(**{c: evidence[c].map(lambda v: "; ".join(v) if isinstance(v, list) else v)
                                                for c in ("coders", "memos", "areas") if c in evidence.columns})
    return tables


def export_matrix(long: pd.DataFrame, path, evidence: pd.DataFrame | None = None) -> list:
    """Write the matrix to ``path`` (``.xlsx``: one sheet per table; ``.csv``: one file per
    table); no cell is ever a spreadsheet formula. Returns the files written."""
    from synthesis.exchange.tabular import neutralise_frame, write_tables

    tables = matrix_export_tables(long, evidence)
    return write_tables({name: neutralise_frame(frame) for name, frame in tables.items()}, path)

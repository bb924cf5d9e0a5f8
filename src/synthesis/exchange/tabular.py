"""Spreadsheet exports: codings with their quotes and documents, the code × area matrix, agreement.

Each export is a dict of named tables. ``write_tables`` writes them to ``.xlsx`` (one sheet
per table) or ``.csv`` (the first table to the path given, the others next to it as
``<stem>-<table>.csv``). CSV is written as UTF-8 with a BOM so that Excel shows Thai.

No cell of an export is ever a formula: :func:`neutralise_cell` (used by every tabular
export, CSV and XLSX alike) prefixes ``'`` to text from the data that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return (or their full-width forms), as OWASP
advises against CSV injection; numbers stay numbers.

>>> sheet_name("codings/ผู้กรีดยาง: ปัจจัยความสำเร็จและอุปสรรค")
'codings_ผู้กรีดยาง_ ปัจจัยความ'
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from synthesis.exchange.safezip import atomic_write_bytes
from synthesis.thai.graphemes import snap_left

WRITERS = ("csv", "xlsx")


def _areas(value) -> str:
    if value is None or isinstance(value, float):
        return ""
    return "; ".join(str(v) for v in list(value))


def codings_table(codings, documents: pd.DataFrame, codebook=None) -> pd.DataFrame:
    """One row per coding: document, areas, code (id, Thai, English, top-level), coder, quote, memo."""
    from synthesis.analysis.codes import codings_frame

    frame = codings_frame(codings)
    meta_columns = [c for c in ("doc_id", "path", "title", "date", "kind", "reporter", "areas") if c in documents.columns]
    meta = documents[meta_columns].copy()
    if "areas" in meta.columns:
        meta["areas"] = meta["areas"].map(_areas)
    frame = frame.merge(meta, on="doc_id", how="left")
    if codebook is not None:
        frame["code_th"] = frame["code_id"].map(lambda c: codebook.label(c, "th"))
        frame["code_en"] = frame["code_id"].map(lambda c: codebook.label(c, "en"))
        frame["top_code"] = frame["code_id"].map(lambda c: codebook.top_of(c) if c in codebook else c)
    order = ["coding_id", "doc_id", "path", "title", "date", "kind", "reporter", "areas", "code_id", "code_th",
             "code_en", "top_code", "coder", "origin", "start", "end", "quote", "memo", "created"]
    return frame[[c for c in order if c in frame.columns]].sort_values(["doc_id", "start", "code_id", "coder"],
                                                                       ignore_index=True)


def matrix_tables(codings, documents: pd.DataFrame, codebook=None, top_level: bool = True) -> dict[str, pd.DataFrame]:
    """The code × area matrix as counts and as the share of each area's documents holding the code."""
    from synthesis.analysis.codes import code_area_matrix

    tables = {}
    for name, share in (("matrix", False), ("matrix_share", True)):
        matrix = code_area_matrix(codings, documents, codebook=codebook, top_level=top_level, share=share)
        table = matrix.reset_index()
        if codebook is not None:
            table.insert(1, "code_th", table["code_id"].map(lambda c: codebook.label(c, "th")))
        tables[name] = table
    return tables


def agreement_tables(codings, units: pd.DataFrame, coders: list[str]) -> dict[str, pd.DataFrame]:
    """Agreement per code (with ``ALL``) and the units where the coders differ."""
    from synthesis.coding.agreement import agreement, disagreements

    table = agreement(codings, units, coders)
    summary = pd.DataFrame(
        [{"coders": ", ".join(coders), "units": table.attrs.get("units"),
          "uncoded_units": table.attrs.get("uncoded_units"), "uncoded": table.attrs.get("uncoded")}]
    )
    return {"agreement": pd.DataFrame(table), "disagreements": disagreements(codings, units, coders), "units": summary}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_cell(value):
    """A cell value that no spreadsheet reads as a formula: text starting with ``= + - @``,
    tab, CR or LF (or a full-width ``＝ ＋ － ＠``) gets a leading ``'``; anything else,
    numbers included, is returned as it is.

    >>> neutralise_cell("=1+2"), neutralise_cell("- ประชุมกลุ่ม"), neutralise_cell(-5)
    ("'=1+2", "'- ประชุมกลุ่ม", -5)
    >>> neutralise_cell("ประชุม =1+1")
    'ประชุม =1+1'
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and column name through :func:`neutralise_cell`.

    >>> neutralise_frame(pd.DataFrame({"@x": ["+66 81", 3]})).to_dict("list")
    {"'@x": ["'+66 81", 3]}
    """
    out = frame.copy()
    out.columns = [neutralise_cell(str(c)) if isinstance(c, str) else c for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    return out


_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str) -> str:
    """An Excel sheet name: no ``[]:*?/\\``, at most 31 characters, never cut inside a Thai cluster."""
    cleaned = _SHEET_UNSAFE.sub("_", name)
    if len(cleaned) > 31:
        cleaned = cleaned[:snap_left(cleaned, 31)]
    return cleaned or "sheet"


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists as ``a; b``; text starting with = + - @ (…) neutralised (:func:`neutralise_cell`)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(
                lambda v: _areas(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist") and not isinstance(v, str) else v
            )
    return neutralise_frame(out)


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per table (Thai text as is; a cell is never a formula)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            _excel_safe(frame).to_excel(writer, sheet_name=sheet_name(name), index=False)
            sheet = writer.sheets[sheet_name(name)]
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    if cell.data_type == "f":  # a quote starting with "=" is text, never a formula
                        cell.data_type = "s"
            for cells in sheet.columns:  # readable widths; Thai needs room
                width = max((len(str(c.value)) for c in cells[:200] if c.value is not None), default=8)
                sheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def write_tables(tables: dict[str, pd.DataFrame], path: str | Path) -> list[Path]:
    """Write ``tables`` to ``path`` (``.csv`` or ``.xlsx``); returns the files written."""
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in WRITERS:
        raise ValueError(f"{path}: write .csv or .xlsx, not {path.suffix or 'no extension'}")
    if suffix == "xlsx":
        atomic_write_bytes(path, xlsx_bytes(tables))
        return [path]
    written = []
    for index, (name, frame) in enumerate(tables.items()):
        target = path if index == 0 else path.with_name(f"{path.stem}-{name}.csv")
        # CRLF rows (as Excel writes them): a cell holding a lone CR or LF is then quoted,
        # so text from the data can never start a row of its own
        data = _excel_safe(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
        atomic_write_bytes(target, data)
        written.append(target)
    return written

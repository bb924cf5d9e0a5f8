"""``.json``, ``.jsonl`` and ``.csv`` files that hold texts in a column."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from synthesis.corpus.encoding import DecodeError, decode_bytes
from synthesis.corpus.readers.base import RawText

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

TEXT_COLUMNS = ("text", "content", "body", "ข้อความ", "เนื้อหา", "transcript")


def _pick_text_column(rows: list[dict[str, Any]]) -> str:
    keys = list(dict.fromkeys(k for row in rows for k in row))
    for name in TEXT_COLUMNS:
        for key in keys:
            if str(key).strip().lower() == name:
                return key
    lengths = {k: sum(len(str(r.get(k) or "")) for r in rows) for k in keys}
    if not lengths:
        raise DecodeError("has no columns")
    return max(lengths, key=lengths.get)


def _records_to_raw(rows: list[dict[str, Any]], fmt: str, encoding: str | None,
                    warnings: list[str]) -> RawText:
    rows = [r for r in rows if isinstance(r, dict)]
    if not rows:
        raise DecodeError("has no records with a text field")
    column = _pick_text_column(rows)
    texts = [str(r[column]).strip() for r in rows if r.get(column) not in (None, "")]
    warnings = [*warnings, f"text taken from column {column!r} of {len(rows)} record(s)"]
    text, lone = _LONE_SURROGATE.subn("\ufffd", "\n\n".join(texts) + "\n")
    if lone:  # JSON may escape half a UTF-16 pair ("\\ud800"): no UTF-8 store can hold it
        warnings.append(f"{lone} lone surrogate escape(s) replaced by U+FFFD")
    return RawText(text, fmt, encoding, warnings, {"text_column": column})


def read_json(data: bytes) -> RawText:
    decoded = decode_bytes(data)
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise DecodeError(f"is not valid JSON ({error})") from None
    except RecursionError:
        raise DecodeError("is JSON nested too deeply to read") from None
    if isinstance(value, dict):
        # {"documents": [{...}, ...]}: the one list of records inside
        lists = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        value = lists[0] if len(lists) == 1 else [value]
    rows = value if isinstance(value, list) else [value]
    return _records_to_raw(rows, "json", decoded.encoding, decoded.warnings)


def read_jsonl(data: bytes) -> RawText:
    decoded = decode_bytes(data)
    rows, warnings = [], list(decoded.warnings)
    for number, line in enumerate(decoded.text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                warnings.append(f"line {number} is not JSON, skipped ({error.msg})")
            except RecursionError:
                warnings.append(f"line {number} is JSON nested too deeply, skipped")
    return _records_to_raw(rows, "jsonl", decoded.encoding, warnings)


def read_csv(data: bytes) -> RawText:
    decoded = decode_bytes(data)
    try:
        dialect = csv.Sniffer().sniff(decoded.text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    # a whole transcript in one cell is a text, not an attack: the file size limit bounds it
    if csv.field_size_limit() < len(decoded.text) + 1:
        csv.field_size_limit(len(decoded.text) + 1)
    reader = csv.DictReader(io.StringIO(decoded.text), dialect=dialect)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise DecodeError(f"is not a readable CSV (row {reader.line_num}: {error})") from None
    return _records_to_raw(rows, "csv", decoded.encoding, decoded.warnings)

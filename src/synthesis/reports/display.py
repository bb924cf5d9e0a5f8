"""How a report shows a table: numbers a reader can read, Thai headers, a sentence for nothing.

``show(frame)`` (what the notebooks call through ``synthesis.reports.notebook.show``) writes a
DataFrame as an escaped HTML table (``synthesis.reports.html_safe.table``) with

- whole numbers as whole numbers (``60``, never ``60.0``), other numbers with two decimals
  (``0.43``, never ``-3.192e-04``), the same decimals down a column;
- the Thai name of the columns still named in English only (``count`` → ``จำนวนครั้ง (count)``);
- "ไม่มีข้อมูล (no data)" instead of a table with a header row and nothing under it;
- a frame that scrolls sideways when the table is wider than the screen, its first column
  held in place (the page's CSS, ``synthesis.reports.render``).

>>> str(format_table(pd.DataFrame({"count": [60.0, 3.0], "kappa": [0.4321, -0.0003192]})).iloc[:, 1].tolist())
"['0.43', '0.00']"
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import pandas as pd

from synthesis.reports import html_safe

NO_DATA = "ไม่มีข้อมูล (no data)"
TABLE_CLASS = "report-table"

# Columns the sections name in English only: their Thai names, English kept after them.
THAI_HEADERS = {
    "count": "จำนวนครั้ง (count)",
    "documents": "เอกสาร (documents)",
    "term": "คำ (term)",
    "code": "รหัส (code)",
    "code_id": "รหัส (code id)",
    "area": "พื้นที่ (area)",
    "slug": "รหัสพื้นที่ (slug)",
    "kind": "ประเภท (kind)",
    "date": "วันที่ (date)",
    "title": "ชื่อเรื่อง (title)",
    "share": "สัดส่วน (share)",
    "coder": "ผู้ลงรหัส (coder)",
    "coders": "ผู้ลงรหัส (coders)",
    "kappa": "ค่าแคปปา (kappa)",
    "alpha": "ค่าแอลฟา (alpha)",
    "n": "จำนวน (n)",
    "file": "ไฟล์ (file)",
    "error": "ข้อผิดพลาด (error)",
    "reason": "เหตุผล (reason)",
    "path": "ไฟล์ (path)",
    "area_id": "รหัสพื้นที่ (area id)",
    "rules": "กฎ (rules)",
    "confidence": "ความมั่นใจ (confidence)",
    "uncertain": "ไม่แน่ชัด (uncertain)",
    "evidence": "หลักฐาน (evidence)",
    "of": "จากทั้งหมด (of)",
    "codings": "การลงรหัส (codings)",
    "last coded": "ลงรหัสล่าสุด (last coded)",
    "n (segments)": "จำนวนส่วนข้อความ (n, segments)",
    "κ": "ค่าแคปปา (κ)",
    "score": "คะแนน (score)",
    "target_count": "ความถี่ในรายงานนี้ (target count)",
    "reference_count": "ความถี่ในเอกสารอื่น (reference count)",
}


def thai_header(name: object) -> str:
    """A column's header as a Thai reader sees it: the Thai name of an English-only column
    we know, else the name as it is (the sections already write ``ไทย (English)``).

    >>> thai_header("count"), thai_header("วันที่ (date)")
    ('จำนวนครั้ง (count)', 'วันที่ (date)')
    """
    text = str(name)
    return THAI_HEADERS.get(text.strip().lower(), text)


def _is_number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _is_whole(value: object) -> bool:
    return isinstance(value, Integral) or (isinstance(value, float) and value.is_integer())


def format_number(value: object, *, decimals: int = 2, whole: bool | None = None) -> str:
    """A number as a report writes it: whole numbers without decimals, others with
    ``decimals`` places (a tiny negative rounds to ``0.00``, never ``-0.00``); NaN → ``—``.

    ``whole`` forces the choice (a column decides once for all its cells).

    >>> format_number(60.0), format_number(-3.192e-04), format_number(0.456), format_number(7, whole=False)
    ('60', '0.00', '0.46', '7.00')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return html_safe.EMPTY
    number = float(value)
    if math.isinf(number):
        return "∞" if number > 0 else "−∞"
    if whole if whole is not None else _is_whole(value):
        return str(int(round(number)))
    text = f"{number:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _column(values: pd.Series) -> pd.Series:
    numbers = [v for v in values if _is_number(v) and not (isinstance(v, float) and math.isnan(v))]
    if not numbers or len(numbers) < sum(1 for v in values if v is not None and not _is_missing(v)):
        return values.map(_cell)  # text, or numbers mixed with text: each cell on its own
    whole = all(_is_whole(v) for v in numbers)
    return values.map(lambda v: format_number(v, whole=whole) if _is_number(v) else _cell(v))


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays
        return False


def _cell(value: object):
    if isinstance(value, html_safe.Safe):
        return value
    if _is_number(value):
        return format_number(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    if _is_missing(value):
        return html_safe.EMPTY
    return value


def format_table(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every number written as the report writes it (see
    :func:`format_number`, decided per column) and Thai headers (:func:`thai_header`);
    the index is dropped, as it means nothing to a reader.

    >>> format_table(pd.DataFrame({"count": [3.0, 12.0], "ชื่อ": ["ยาง", None]})).to_dict("list")
    {'จำนวนครั้ง (count)': ['3', '12'], 'ชื่อ': ['ยาง', '—']}
    """
    columns = {}
    for position, name in enumerate(frame.columns):
        header = thai_header(name)
        while header in columns:  # two columns may map to one Thai name
            header += " "
        columns[header] = _column(frame.iloc[:, position].astype(object))
    return pd.DataFrame(columns).reset_index(drop=True)


def table_html(frame: pd.DataFrame | None, *, empty: str = NO_DATA) -> html_safe.Safe:
    """The HTML a report shows for ``frame``: the formatted, escaped table in a frame that
    scrolls sideways, or the ``empty`` sentence when there is no row.

    >>> str(table_html(pd.DataFrame({"count": []})))
    '<p class="no-data"><i>ไม่มีข้อมูล (no data)</i></p>'
    >>> "<td>60</td>" in str(table_html(pd.DataFrame({"count": [60.0]})))
    True
    """
    if frame is None or len(frame) == 0 or len(frame.columns) == 0:
        return html_safe.tag("p", html_safe.tag("i", empty), cls="no-data")
    return html_safe.tag("div", html_safe.table(format_table(frame), cls=TABLE_CLASS), cls="table-scroll")


def show(frame: pd.DataFrame | None, *, empty: str = NO_DATA) -> None:
    """Display ``frame`` in the notebook as :func:`table_html` writes it."""
    from IPython.display import HTML, display

    display(HTML(str(table_html(frame, empty=empty))))

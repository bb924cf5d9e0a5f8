"""Pages that list: several activity records on one page (``activity_list``) and the funds of
an area (``fund_list``).

An activity list is split into its activities, each a record (``report.records``) with its own
title, date, reporter and span of the text; the page's ``date`` is its first activity's and
``date_end`` its last's. Two layouts: the fund site's activity blocks one after the other (each
with its own ``<month> <year>รายงานจากพื้นที่ โดย …`` line), and a pipe table whose header has an
activity column and a date column. :func:`record_texts` gives the records as documents of their
own (ids ``<doc_id>#<n>``).

>>> from synthesis.corpus.parser import parse_document
>>> r = parse_document("| ลำดับ | กิจกรรม | วันที่ |\\n|---|---|---|\\n| 1 | ประชุมชี้แจง | 5 มีนาคม 2566 |\\n"
...                    "| 2 | อบรมแกนนำ | 12 เมษายน 2566 |\\n")
>>> r.kind, [(x["title"], x["date"]) for x in r.records], (r.date, r.date_end)
('activity_list', [('ประชุมชี้แจง', '2023-03-05'), ('อบรมแกนนำ', '2023-04-12')], ('2023-03-05', '2023-04-12'))
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.fields import apply_fields, consistent_date, document_era, field_date
from synthesis.corpus.parser.forms import page_title, project_line
from synthesis.corpus.parser.fund_report import REPORTED_BY, parse_fund_report
from synthesis.corpus.parser.kinds import Page, PageKind, is_fund_line, register_kind
from synthesis.corpus.parser.lines import Line, split_lines, strip_span
from synthesis.corpus.parser.record import ParsedReport

_DAY_LINE = re.compile(r"^[ \t]*[0-9๐-๙]{1,2}[ \t]*$")
_SEPARATOR_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}")
_FUND_LIST_HEADING = re.compile(r"รายชื่อกองทุน|รายการกองทุน|กองทุน.{0,30}ในพื้นที่|กองทุนทั้งหมด|ทำเนียบกองทุน")
_FUND_CODE = re.compile(r"L[0-9]{4}")
_FOOTER = re.compile(r"^[ \t]*Categories[ \t]*:", re.M | re.I)


def _table(page: Page) -> tuple[list[str], list[tuple[Line, list[str]]]] | None:
    """The first pipe table of the page: header cells and the data rows with their cells."""
    rows = [ln for ln in page.lines if ln.stripped.startswith("|") and ln.stripped.endswith("|")]
    if len(rows) < 3:
        return None
    cells = [(ln, [c.strip() for c in ln.stripped.strip("|").split("|")]) for ln in rows]
    header = cells[0][1]
    data = [(ln, c) for ln, c in cells[1:] if not _SEPARATOR_ROW.match(ln.text)]
    return header, data


def _activity_columns(header: list[str]) -> tuple[int, int] | None:
    activity = next((i for i, c in enumerate(header) if "กิจกรรม" in c), None)
    date = next((i for i, c in enumerate(header) if c.startswith(("วันที่", "วัน/เดือน", "ว/ด/ป", "วัน เดือน"))), None)
    return (activity, date) if activity is not None and date is not None else None


def _is_activity_list(page: Page) -> bool:
    if len(page.reported) >= 2:
        return True
    table = _table(page)
    if table is None or _activity_columns(table[0]) is None:
        return False
    _, date_column = _activity_columns(table[0])
    dated = [c for _, c in table[1] if len(c) > date_column and thai.find_dates(c[date_column])]
    return len(dated) >= 2


def _read_activity_list(report: ParsedReport, page: Page) -> None:
    report.kind = "activity_list"
    apply_fields(report, page.fields)
    if page.reported:
        _blocks(report, page)
    else:
        _table_rows(report, page)
    if page.banner is not None and is_fund_line(page.banner.stripped) and not report.fund:
        report.fund = page.banner.stripped
    dated = [r for r in report.records if r["date"]]
    if dated:
        first = min(dated, key=lambda r: r["date"])
        report.date, report.date_text = first["date"], first["date_text"]
        report.date_precision = first["date_precision"]
        last = max((r["date_end"] or r["date"]) for r in dated)
        report.date_end = last if last != report.date else None


def _blocks(report: ParsedReport, page: Page) -> None:
    """The fund site's activity blocks: each from its title line to the next block's."""
    text = report.text
    starts = []
    previous_end = 0
    line_starts = [ln.start for ln in page.lines]
    for match in page.reported:
        first, last = bisect.bisect_left(line_starts, previous_end), bisect.bisect_right(line_starts, match.start())
        before = [ln for ln in page.lines[first:last] if ln.end <= match.start() and ln.stripped]
        if before and _DAY_LINE.match(before[-1].text):
            before = before[:-1]
        starts.append(before[-1].start if before else match.start())
        previous_end = match.end()
    header_lines = [ln for ln in page.lines if ln.end <= starts[0] and ln.stripped
                    and (page.banner is None or ln.start != page.banner.start)]
    for line in header_lines:
        if report.project is None and not is_fund_line(line.stripped):
            report.project = re.sub(r"^ชื่อโครงการ[ \t]*[:：]?[ \t]*", "", line.stripped)
    report.title = page_title(page) if header_lines else None
    for n, start in enumerate(starts, 1):
        end = starts[n] if n < len(starts) else len(text)
        footer = _FOOTER.search(text, start, end)  # a "Categories:" footer closes the page
        start, end = strip_span(text, start, footer.start() if footer else end)
        chunk = text[start:end]
        reported = REPORTED_BY.search(chunk)
        if reported is None:  # cannot happen for a block found by its reported line; never fail a file
            continue
        sub = ParsedReport(text=chunk)
        parse_fund_report(sub, split_lines(chunk), reported)
        report.records.append(_record(len(report.records) + 1, sub.title, sub.date, sub.date_end, sub.date_text,
                                      sub.date_precision, sub.reporter, start, end))
    if report.title is None and report.records:
        report.title = report.project or report.records[0]["title"]


def _table_rows(report: ParsedReport, page: Page) -> None:
    header, rows = _table(page)
    activity_column, date_column = _activity_columns(header)
    era = document_era(report.text)
    report.title = page_title(page)
    for line, cells in rows:
        if len(cells) <= max(activity_column, date_column):
            continue
        found = thai.find_dates(cells[date_column])
        date, end = consistent_date(found[0], era) if found else (None, None)
        report.records.append(_record(len(report.records) + 1, cells[activity_column] or None, date, end,
                                      found[0].text if found else None,
                                      found[0].attrs.get("precision", "day") if found else None,
                                      None, line.start, line.end))
    if report.project is None:
        report.project = project_line(page)
    if report.title is None:
        report.title = report.project


def _record(n: int, title, date, date_end, date_text, precision, reporter, start: int, end: int) -> dict[str, Any]:
    return {"n": n, "title": title, "date": date, "date_end": date_end, "date_text": date_text,
            "date_precision": precision, "reporter": reporter, "start": start, "end": end}


def record_texts(report: ParsedReport, doc_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The activity records of a list page as documents of their own: ``(id, text, record)``
    with ids ``<doc_id>#<n>``; empty for every other kind.

    >>> from synthesis.corpus.parser import parse_document
    >>> r = parse_document("| กิจกรรม | วันที่ |\\n| ประชุม | 5 มี.ค. 2566 |\\n| อบรม | 6 มี.ค. 2566 |\\n")
    >>> [(i, t) for i, t, _ in record_texts(r, "abc")]
    [('abc#1', '| ประชุม | 5 มี.ค. 2566 |'), ('abc#2', '| อบรม | 6 มี.ค. 2566 |')]
    """
    if report.kind != "activity_list":
        return []
    return [(f"{doc_id}#{r['n']}", report.text[r["start"]:r["end"]], r) for r in report.records]


def record_documents(document, areas=None) -> list:
    """The activity records of a list page as store documents of their own, ids
    ``<doc_id>#<n>`` (empty for every other kind): each is built from its record's text like a
    file of its own, keeps the page's path, project and fund, takes the title, date and reporter
    the list gave its record, and is attributed to ``areas`` when given (to the areas of the
    page, when the page was attributed: its records need not name the place again).
    Ingest stores these instead of the list page, so no word is counted twice.

    >>> from synthesis.corpus.document import build_document
    >>> from synthesis.corpus.readers import RawText
    >>> page = build_document("demo", "list.txt", RawText("โครงการออม\\n| กิจกรรม | วันที่ |\\n"
    ...                       "| ประชุม | 5 มี.ค. 2566 |\\n| อบรม | 6 มี.ค. 2566 |\\n", "txt"))
    >>> [(d.doc_id == page.doc_id + "#2", d.kind, d.parsed.title, d.parsed.date, d.parsed.project)
    ...  for d in record_documents(page)][1]
    (True, 'activity_report', 'อบรม', '2023-03-06', 'โครงการออม')
    """
    from synthesis.corpus.document import build_document
    from synthesis.corpus.readers import RawText

    page = document.parsed
    kept = {k: v for k, v in document.metadata.items() if k not in ("title", "date", "date_end", "date_text", "kind")}
    if document.areas and not any(k in kept for k in ("areas", "area")):
        kept["areas"] = document.areas  # a record belongs to the areas of its project's page
    records = []
    for doc_id, text, record in record_texts(page, document.doc_id):
        sub = build_document(document.collection, document.path, RawText(text, document.format), kept)
        sub.doc_id = doc_id
        parsed = sub.parsed
        parsed.kind = "activity_report"
        if record["date"]:
            parsed.date_end = None
        for key in ("title", "date", "date_end", "date_text", "date_precision", "reporter"):
            if record[key] is not None:
                setattr(parsed, key, record[key])
        parsed.project = parsed.project or page.project
        parsed.fund = parsed.fund or page.fund
        if areas is not None:
            from synthesis.corpus.areas import attribute

            sub.attributions = attribute(sub, areas)
        records.append(sub)
    return records


def _is_fund_list(page: Page) -> bool:
    if page.head_matches(_FUND_LIST_HEADING, lines=2):
        return True
    coded = [ln for ln in page.lines if "กองทุน" in ln.text and _FUND_CODE.search(ln.text)]
    return len(coded) >= 3


def _read_fund_list(report: ParsedReport, page: Page) -> None:
    report.kind = "fund_list"
    apply_fields(report, page.fields)
    report.title = page_title(page)
    found = field_date(report, page.fields, ("report_date",))
    if found is not None:
        entity, _, (report.date, report.date_end) = found
        report.date_text, report.date_precision = entity.text, entity.attrs.get("precision", "day")


register_kind(PageKind("activity_list", "listings", 20, _is_activity_list, _read_activity_list))
register_kind(PageKind("fund_list", "listings", 90, _is_fund_list, _read_fund_list))

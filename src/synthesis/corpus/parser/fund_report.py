"""Fund-website activity reports: header lines, reporter, the activity and outcome sections."""

from __future__ import annotations

import re

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.fields import apply_fields
from synthesis.corpus.parser.kinds import Page, PageKind, is_fund_line, is_site_banner, register_kind
from synthesis.corpus.parser.lines import Line, strip_span
from synthesis.corpus.parser.people import participants
from synthesis.corpus.parser.places import first_place
from synthesis.corpus.parser.record import ParsedReport
from synthesis.corpus.parser.title import set_date

REPORTED_BY = re.compile(r"^(?P<month_year>.*?)รายงานจากพื้นที่[ \t]*โดย[ \t]*(?P<reporter>.*?)[ \t]*$",
                         re.M)
_DAY_LINE = re.compile(r"^[ \t]*(?P<day>[0-9๐-๙]{1,2})[ \t]*$")
_ACTIVITY_HEADING = re.compile(r"^[ \t]*กิจกรรมที่(?:ปฏิบัติ|ปฎิบัติ|ได้ปฏิบัติ|ได้ปฎิบัติ|ทำ)")
_OUTCOME_HEADING = re.compile(r"^[ \t]*ผลที่เกิดขึ้น(?:จริง)?")
_PROJECT_LABEL = re.compile(r"^ชื่อโครงการ[ \t]*[:：]?[ \t]*")


def _read_activity_report(report: ParsedReport, page: Page) -> None:
    parse_fund_report(report, page.lines, page.reported[0])
    date = (report.date, report.date_end, report.date_text, report.date_precision)
    project, fund = report.project, report.fund
    apply_fields(report, page.fields)  # labelled fields of the page; its date stays the activity's
    report.date, report.date_end, report.date_text, report.date_precision = date
    report.project, report.fund = project or report.project, fund or report.fund


register_kind(PageKind("activity_report", "fund_report", 30, lambda page: len(page.reported) == 1,
                       _read_activity_report))


def parse_fund_report(report: ParsedReport, lines: list[Line], match: re.Match) -> None:
    """Fill ``report`` from a fund-website page; ``match`` is its :data:`REPORTED_BY` line."""
    text = report.text
    report.kind = "activity_report"
    report.reporter = match.group("reporter").strip() or None
    month_year = match.group("month_year").strip()
    header = [ln for ln in lines if ln.end <= match.start() and ln.stripped]
    day = None
    if header and _DAY_LINE.match(header[-1].text):
        day = _DAY_LINE.match(header[-1].text).group("day")
        header = header[:-1]
    title_line = header[-1] if header else None
    date_text = f"{day} {month_year}" if day and month_year else (month_year or None)
    if title_line is not None:
        report.title = _strip_glued_date(title_line.stripped, day, month_year)
        header = header[:-1]
    for line in header:
        # the fund line, then the project line (``โครงการ…`` on one site, a bare name on another)
        stripped = _PROJECT_LABEL.sub("", line.stripped)
        if is_site_banner(stripped):
            continue
        if stripped.startswith("โครงการ") and report.project is None:
            report.project = stripped
        elif report.fund is None and report.project is None and is_fund_line(stripped):
            report.fund = stripped
        elif report.project is None:
            report.project = stripped
    if date_text:
        report.date_text = date_text
        found = thai.find_dates(date_text)
        if found:
            set_date(report, found[0])
    _fund_sections(report, lines, after=match.end())
    activity = report.section_spans.get("activities", (match.end(), len(text)))
    activity_lines = [ln for ln in lines if activity[0] <= ln.start < activity[1]]
    report.place = first_place(text, activity_lines)
    report.participants_count, report.participants = participants(
        text, lines, (match.end(), len(text)))


def _strip_glued_date(title: str, day: str | None, month_year: str) -> str:
    """``ประชุมกลุ่ม5 มีนาคม 2565`` -> ``ประชุมกลุ่ม`` (the date shown again below the title)."""
    if day and month_year:
        words = [re.escape(w) for w in month_year.split()]
        pattern = re.escape(day) + r"[ \t]*" + r"[ \t]*".join(words) + r"[ \t]*$"
        stripped = re.sub(pattern, "", title).rstrip()
        if stripped != title and stripped:
            return stripped
    for entity in reversed(thai.find_dates(title)):
        if not title[entity.end:].strip():
            return title[: entity.start].rstrip() or title
    return title


def _fund_sections(report: ParsedReport, lines: list[Line], after: int) -> None:
    text = report.text
    headings: list[tuple[str, Line]] = []
    for line in lines:
        if line.start < after:
            continue
        if _ACTIVITY_HEADING.match(line.text) and "activities" not in dict(headings):
            headings.append(("activities", line))
        elif _OUTCOME_HEADING.match(line.text) and "outcomes" not in dict(headings):
            headings.append(("outcomes", line))
    for index, (name, heading) in enumerate(headings):
        end = headings[index + 1][1].start if index + 1 < len(headings) else len(text)
        start, end = strip_span(text, heading.end, end)
        # a "circle" marker line (an icon on the website) closes the section before it
        body = text[start:end]
        marker = list(re.finditer(r"\n[ \t]*circle[ \t]*$", body))
        if marker:
            start, end = strip_span(text, start, start + marker[-1].start())
        report.sections[name] = text[start:end]
        report.section_spans[name] = (start, end)

"""Report structure: what kind of document a text is, and its title, date, reporter, place,
participants, sections, targets and (for interviews) speaker turns.

Four kinds, tried in this order:

- ``activity_report``: a fund-website page (fund line, project line, title glued to its date,
  day line, ``<month> <year>รายงานจากพื้นที่ โดย <reporter>``, the activity section
  ``กิจกรรมที่ปฏิบัติ…`` and the outputs/outcomes section ``ผลที่เกิดขึ้นจริง…``);
- ``interview``: a transcript whose lines start with speaker labels (``ผู้สัมภาษณ์:``, ``จ:``);
- ``meeting_summary``: a title line with its date, a ``#`` heading, numbered sections, a
  ``Categories:`` footer;
- ``other``: title from the first line, date from the first dated phrase.

Every offset is into the normalized text (``ParsedReport.text``). A field the text does not
state is ``None`` (or empty), never guessed.

>>> r = parse_document("กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท\\n\\nโครงการทดลอง\\n\\n"
...                    "ประชุมกลุ่ม5 มีนาคม 2565\\n5\\nมีนาคม 2565รายงานจากพื้นที่ โดย somchai\\n")
>>> r.kind, r.title, r.date, r.reporter, r.fund
('activity_report', 'ประชุมกลุ่ม', '2022-03-05', 'somchai', 'กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท')
"""

from __future__ import annotations

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.fund_report import REPORTED_BY, parse_fund_report
from synthesis.corpus.parser.interview import looks_like_interview, parse_interview, turn_lines
from synthesis.corpus.parser.lines import Line, split_lines
from synthesis.corpus.parser.meeting import looks_like_meeting, parse_meeting
from synthesis.corpus.parser.people import participants
from synthesis.corpus.parser.places import first_place, named_places
from synthesis.corpus.parser.record import KINDS, ParsedReport
from synthesis.corpus.parser.targets import stated_targets
from synthesis.corpus.parser.title import title_and_date

PARSER_VERSION = "1"

__all__ = ["KINDS", "Line", "PARSER_VERSION", "ParsedReport", "parse_document", "split_lines"]


def parse_document(text: str, *, path: str | None = None, normalized: bool = False) -> ParsedReport:
    """Parse the structure of one document.

    ``text`` is normalized first (pass ``normalized=True`` if it already is); ``path`` only
    names the file in warnings.

    >>> r = parse_document("ผู้สัมภาษณ์ นางสาวมาลี ดีงาม\\n\\nจ: ถามหนึ่ง\\nป: ตอบหนึ่ง\\n"
    ...                    "จ: ถามสอง\\nป: ตอบสอง\\n")
    >>> r.kind, [t["speaker"] for t in r.turns]
    ('interview', ['จ', 'ป', 'จ', 'ป'])
    """
    if not normalized:
        text = thai.normalize_text(text)
    report = ParsedReport(text=text)
    lines = split_lines(text)
    reported = REPORTED_BY.search(text)
    turns = turn_lines(lines)
    if reported:
        parse_fund_report(report, lines, reported)
    elif looks_like_interview(turns, lines):
        parse_interview(report, lines, turns)
        title_and_date(report, lines)
    elif looks_like_meeting(lines, text):
        parse_meeting(report, lines)
        title_and_date(report, lines)
        report.place = first_place(text, lines[:6])
    else:
        title_and_date(report, lines)
    if report.kind != "activity_report" and report.participants_count is None:
        count, names = participants(text, lines, (0, len(text)))
        report.participants_count = count
        if names and not report.participants:
            report.participants = names
    report.provinces, report.amphoe, report.tambon = named_places(text)
    report.targets = stated_targets(text, lines)
    if report.title is None and path:
        report.warnings.append(f"{path}: no title line found")
    return report

"""Report structure: what kind of document a text is, and its title, date, reporter, place,
participants, sections, targets, labelled fields and (for interviews) speaker turns.

Kinds are a registry (:mod:`synthesis.corpus.parser.kinds`), one module per family of layouts,
tried in this order:

- ``interview`` (:mod:`interview`): a transcript whose lines start with speaker labels;
- ``activity_list`` (:mod:`listings`): several activity records on one page, split into
  ``records`` each with its own date;
- ``activity_report`` (:mod:`fund_report`): a fund-website page (fund line, project line, title
  glued to its date, day line, ``<month> <year>รายงานจากพื้นที่ โดย <reporter>``, the activity
  and outputs/outcomes sections);
- ``monitoring_visit``, ``final_report``, ``progress_report``, ``evaluation``,
  ``project_proposal`` (:mod:`forms`): forms recognised by their heading (a monitoring form also
  by its visit date field), read by their labelled fields (:mod:`fields`);
- ``fund_list`` (:mod:`listings`), ``project_detail`` (:mod:`forms`: two or more project fields);
- ``meeting_summary`` (:mod:`meeting`): a ``#`` heading, numbered sections, a ``Categories:``
  footer, or a meeting heading;
- ``news`` (:mod:`news`): a news heading or a publication line;
- ``other``: title from the first line, date from the first dated phrase.

A document's ``date`` is the date of what it reports (activity, visit, report), never a
project or contract period (``period_start``, ``period_end``). Site furniture (icon words,
photo lists, menus: :mod:`synthesis.corpus.furniture`) is removed before a text is read.
Every offset is into the text the parser was given once normalized (``ParsedReport.text``).
A field the text does not state is ``None`` (or empty), never guessed.

>>> r = parse_document("กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท\\n\\nโครงการทดลอง\\n\\n"
...                    "ประชุมกลุ่ม5 มีนาคม 2565\\n5\\nมีนาคม 2565รายงานจากพื้นที่ โดย somchai\\n")
>>> r.kind, r.title, r.date, r.reporter, r.fund
('activity_report', 'ประชุมกลุ่ม', '2022-03-05', 'somchai', 'กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท')
"""

from __future__ import annotations

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.furniture import strip_furniture
from synthesis.corpus.parser.fund_report import REPORTED_BY
from synthesis.corpus.parser.interview import turn_lines
from synthesis.corpus.parser.kinds import kind_of, make_page, registered_kinds
from synthesis.corpus.parser.lines import Line, split_lines
from synthesis.corpus.parser.listings import record_texts
from synthesis.corpus.parser.people import participants
from synthesis.corpus.parser.places import place_records, places_of
from synthesis.corpus.parser.record import KINDS, ParsedReport
from synthesis.corpus.parser.targets import stated_targets
from synthesis.corpus.parser.title import title_and_date
from synthesis.thai.place_resolution import read_places

PARSER_VERSION = "2"

__all__ = ["KINDS", "Line", "PARSER_VERSION", "ParsedReport", "parse_document", "record_texts",
           "registered_kinds", "split_lines"]


def parse_document(text: str, *, path: str | None = None, normalized: bool = False) -> ParsedReport:
    """Parse the structure of one document.

    ``text`` is normalized and its site furniture removed first (pass ``normalized=True`` if
    both are done already, as ``build_document`` does); ``path`` only names the file in warnings.

    >>> r = parse_document("ผู้สัมภาษณ์ นางสาวมาลี ดีงาม\\n\\nจ: ถามหนึ่ง\\nป: ตอบหนึ่ง\\n"
    ...                    "จ: ถามสอง\\nป: ตอบสอง\\n")
    >>> r.kind, [t["speaker"] for t in r.turns]
    ('interview', ['จ', 'ป', 'จ', 'ป'])
    """
    if not normalized:
        text = strip_furniture(thai.normalize_text(text)).text
    report = ParsedReport(text=text)
    page = make_page(text, list(REPORTED_BY.finditer(text)), turn_lines(split_lines(text)))
    kind = kind_of(page)
    if kind is not None:
        kind.read(report, page)
    else:
        lines = [ln for ln in page.lines if page.banner is None or ln.start != page.banner.start]
        title_and_date(report, lines)
    if report.kind != "activity_report" and report.participants_count is None:
        count, names = participants(text, page.lines, (0, len(text)))
        report.participants_count = count
        if names and not report.participants:
            report.participants = names
    found = read_places(text)
    report.provinces, report.amphoe, report.tambon = places_of(found)
    report.places = place_records(found)
    report.local_governments = list(dict.fromkeys(p.label for p in found if p.level == "local_gov"))
    report.targets = stated_targets(text, page.lines)
    if report.title is None and path:
        report.warnings.append(f"{path}: no title line found")
    return report

"""Meeting summaries and policy notes: numbered sections and the ``Categories:`` footer."""

from __future__ import annotations

import re

from synthesis.corpus.parser.lines import Line, strip_span
from synthesis.corpus.parser.record import ParsedReport

_CATEGORIES = re.compile(r"^[ \t]*Categories[ \t]*:[ \t]*(?P<cats>.+)$", re.M | re.I)


_NUMBERED = re.compile(r"^[ \t]*(?P<n>[0-9๐-๙]{1,2})\.(?![0-9๐-๙])[ \t]*(?P<head>\S.*)$")


def looks_like_meeting(lines: list[Line], text: str) -> bool:
    top = [ln for ln in lines[:12] if ln.stripped][:4]
    return bool(_CATEGORIES.search(text)) or any(ln.stripped.startswith("#") for ln in top)


def parse_meeting(report: ParsedReport, lines: list[Line]) -> None:
    text = report.text
    report.kind = "meeting_summary"
    footer = _CATEGORIES.search(text)
    if footer:
        report.categories = [c.strip() for c in re.split(r"[,،]", footer.group("cats")) if c.strip()]
    body_end = footer.start() if footer else len(text)
    numbered = [ln for ln in lines if ln.start < body_end and _NUMBERED.match(ln.text)]
    for index, line in enumerate(numbered):
        end = numbered[index + 1].start if index + 1 < len(numbered) else body_end
        start, end = strip_span(text, line.start, end)
        name = _heading_name(_NUMBERED.match(line.text))
        if name in report.sections:
            continue
        report.sections[name] = text[start:end]
        report.section_spans[name] = (start, end)


def _heading_name(match: re.Match) -> str:
    """``1.สถานการณ์แรงงานนอกระบบ`` -> ``1. สถานการณ์แรงงานนอกระบบ`` (long lines cut at a space)."""
    head = match.group("head").strip()
    if len(head) > 80:
        cut = head.rfind(" ", 0, 80)
        head = head[: cut if cut > 20 else 80].rstrip()
    return f"{match.group('n')}. {head}"


_MEETING_HEADING = re.compile(r"^(?:สรุป|บันทึก|รายงาน)?(?:ผล)?การประชุม|^สรุปผลการประชุม")


def _is_meeting(page) -> bool:
    return looks_like_meeting(page.lines, page.text) or page.head_matches(_MEETING_HEADING, lines=2)


def _read_meeting(report: ParsedReport, page) -> None:
    from synthesis.corpus.parser.places import first_place
    from synthesis.corpus.parser.title import title_and_date

    parse_meeting(report, page.lines)
    title_and_date(report, page.lines)
    report.place = first_place(page.text, page.lines[:6])


def _register() -> None:
    from synthesis.corpus.parser.kinds import PageKind, register_kind

    register_kind(PageKind("meeting_summary", "meeting", 110, _is_meeting, _read_meeting))


_register()

"""News pages: a ``ข่าว``/``ข่าวประชาสัมพันธ์`` heading or a publication line (``เผยแพร่เมื่อ``,
``โพสต์เมื่อ``) near the top. Title: the headline; date: the event the news reports when the
body's first sentence dates it, else the publication date.

>>> from synthesis.corpus.parser import parse_document
>>> r = parse_document("ข่าวประชาสัมพันธ์\\nกองทุนตำบลแคมอบอุปกรณ์ป้องกันสารเคมี\\n"
...                    "เผยแพร่เมื่อ 20 มิถุนายน 2566\\nเมื่อวันที่ 18 มิถุนายน 2566 กองทุน…\\n")
>>> r.kind, r.title, r.date, r.report_date
('news', 'กองทุนตำบลแคมอบอุปกรณ์ป้องกันสารเคมี', '2023-06-18', '2023-06-20')
"""

from __future__ import annotations

import re

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.fields import apply_fields, consistent_date, date_spans, document_era
from synthesis.corpus.parser.forms import page_title
from synthesis.corpus.parser.kinds import Page, PageKind, register_kind
from synthesis.corpus.parser.record import ParsedReport

_NEWS_HEADING = re.compile(r"^(?:\[?ข่าว(?:ประชาสัมพันธ์|กิจกรรม|สาร)?\]?|News)[ \t]*:?[ \t]*$|^ข่าว(?:ประชาสัมพันธ์)?[ \t]*:")
_PUBLISHED = re.compile(r"^[ \t]*(?:เผยแพร่|โพสต์|ลงข่าว|ประกาศ|Posted)(?:เมื่อ|วันที่| on)?[ \t]*(?:วันที่)?[ \t]*:?[ \t]*(?=\S)")


def _published_line(page: Page):
    return next((ln for ln in page.lines[:12] if _PUBLISHED.match(ln.text) and thai.find_dates(ln.text)), None)


def _is_news(page: Page) -> bool:
    return page.head_matches(_NEWS_HEADING, lines=2) or _published_line(page) is not None


def _read_news(report: ParsedReport, page: Page) -> None:
    report.kind = "news"
    apply_fields(report, page.fields)
    head = [ln for ln in page.head if not _NEWS_HEADING.match(ln.stripped)]
    report.title = page_title(Page(page.text, page.lines, page.fields, head=head))
    era = document_era(report.text)
    published = _published_line(page)
    if published is not None:
        entity = thai.find_dates(published.text)[0]
        report.report_date = consistent_date(entity, era)[0]
    excluded = date_spans(page.fields) + ([(published.start, published.end)] if published else [])
    for entity in thai.find_dates(report.text):
        if any(s <= entity.start < e for s, e in excluded):
            continue
        report.date, report.date_end = consistent_date(entity, era)
        report.date_text, report.date_precision = entity.text, entity.attrs.get("precision", "day")
        return
    if published is not None:
        entity = thai.find_dates(published.text)[0]
        report.date, report.date_end = consistent_date(entity, era)
        report.date_text, report.date_precision = entity.text, entity.attrs.get("precision", "day")


register_kind(PageKind("news", "news", 120, _is_news, _read_news))

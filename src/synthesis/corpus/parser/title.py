"""Title from the first line and date from the first dated phrase (every kind but fund reports)."""

from __future__ import annotations

import re

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.lines import Line
from synthesis.corpus.parser.record import ParsedReport


def first_date(text: str):
    """The first DATE entity of ``text``, or None."""
    return next(iter(thai.find_dates(text)), None)


def set_date(report: ParsedReport, entity) -> None:
    """Date, end of a range and precision from a DATE entity of the Thai layer, a two-digit
    year read in the era of the document's four-digit years (:func:`fields.consistent_date`).

    >>> r = ParsedReport(text="ปีงบประมาณ 2023 ประชุม 5 มี.ค. 23")
    >>> set_date(r, first_date(r.text)); r.date
    '2023-03-05'
    """
    from synthesis.corpus.parser.fields import consistent_date, document_era

    report.date, report.date_end = consistent_date(entity, document_era(report.text))
    report.date_precision = entity.attrs.get("precision", "day")


def title_and_date(report: ParsedReport, lines: list[Line]) -> None:
    """Title from the first line (date phrase cut off), date from the first dated phrase."""
    text = report.text
    first = next((ln for ln in lines if ln.stripped and not ln.stripped.startswith("#")), None)
    if first is None:
        return
    title = first.stripped.strip('"“”\'')
    entity = first_date(first.text)
    if entity is not None:
        cut = re.search(r"(?:[ \t]*(?:วันที่|เมื่อวันที่|เมื่อ|ระหว่างวันที่))?[ \t]*$",
                        first.text[: entity.start])
        head = first.text[: cut.start() if cut else entity.start].strip().strip('"“”\'')
        if len(head) >= 8:
            title = head
    report.title = title or None
    if entity is None:
        entity = first_date(text)
    if entity is not None:
        report.date_text = entity.text
        set_date(report, entity)

"""Project pages and forms: project detail, proposal, progress and final reports, monitoring
visits and evaluations. Their fields are labelled (:mod:`fields`); their heading says which form.

What dates each form (never its project or contract period, which goes to ``period_start`` and
``period_end``):

- ``monitoring_visit``: the visit (``วันที่ลงพื้นที่ติดตาม``), else the report date;
- ``progress_report``, ``final_report``, ``evaluation``: the report date (``วันที่รายงาน``,
  ``วันที่ประเมิน``), else the visit or activity date, else the first date outside the period;
- ``project_detail``, ``project_proposal``: the date the page states for itself (report date,
  ``วันที่เสนอโครงการ``), else none.

>>> from synthesis.corpus.parser import parse_document
>>> r = parse_document("แบบติดตามโครงการ\\nชื่อโครงการ : ออมเพื่อสุขภาพ\\n"
...                    "ระยะเวลาตามสัญญา : 1 มีนาคม 2566 - 30 กันยายน 2566\\n"
...                    "วันที่ลงพื้นที่ติดตาม : 12 กรกฎาคม 2566\\n")
>>> r.kind, r.title, r.project, r.date, (r.period_start, r.period_end)
('monitoring_visit', 'แบบติดตามโครงการ', 'ออมเพื่อสุขภาพ', '2023-07-12', ('2023-03-01', '2023-09-30'))
"""

from __future__ import annotations

import re

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.fields import apply_fields, consistent_date, date_spans, document_era, field_date
from synthesis.corpus.parser.kinds import Page, PageKind, is_fund_line, register_kind
from synthesis.corpus.parser.record import ParsedReport

_MONITORING = re.compile(r"^(?:แบบ|บันทึก|รายงาน)?(?:การ)?(?:บันทึก)?(?:การ)?(?:ลงพื้นที่)?(?:ติดตาม|ติดตามและประเมินผล)"
                         r"(?:โครงการ|ผล|การดำเนินงาน|และสนับสนุน|ความก้าวหน้า)")
_FINAL = re.compile(r"ฉบับสมบูรณ์|รายงานปิดโครงการ|ปิดโครงการ|\(?ส\.?[ \t]*3\)?[ \t]*$|^แบบ[ \t]*ส\.?[ \t]*3|"
                    r"รายงานผลการดำเนินงานโครงการ[ \t]*\(?สรุป|สรุปผลการดำเนินโครงการ")
_PROGRESS = re.compile(r"รายงานความก้าวหน้า|รายงาน(?:ผลการดำเนินงาน)?งวดที่|ความก้าวหน้าโครงการ|^แบบ[ \t]*ส\.?[ \t]*[12]\b|"
                       r"\(ส\.?[ \t]*[12]\)")
_EVALUATION = re.compile(r"^(?:แบบ|ผล|รายงาน)(?:การ)?ประเมิน|ประเมินผลโครงการ|ประเมินคุณค่า|รายงานการประเมินผล")
_PROPOSAL = re.compile(r"แบบเสนอโครงการ|ข้อเสนอโครงการ|แบบฟอร์มเสนอ|เสนอขอรับ(?:การสนับสนุน|งบประมาณ)|"
                       r"^แบบ[ \t]*(?:กปท|ฟอร์ม)[ \t.-]*10")
_DETAIL = re.compile(r"^รายละเอียดโครงการ|^ข้อมูลโครงการ")
_PROPOSAL_SECTION = re.compile(r"^[ \t]*(?:[0-9๐-๙]{1,2}\.[ \t]*)?หลักการและเหตุผล")
_PROJECT_FIELDS = ("project", "project_code", "contract_number", "budget", "period", "responsible", "organisation")

DATE_FIELDS_OF_KIND = {
    "monitoring_visit": ("visit_date", "report_date", "activity_date"),
    "progress_report": ("report_date", "visit_date", "activity_date"),
    "final_report": ("report_date", "visit_date", "activity_date"),
    "evaluation": ("report_date", "visit_date", "activity_date"),
    "project_detail": ("report_date",),
    "project_proposal": ("report_date",),
}
_FIRST_DATE_FALLBACK = {"progress_report", "final_report", "evaluation", "monitoring_visit"}


def _is_monitoring(page: Page) -> bool:
    return page.head_matches(_MONITORING) or "visit_date" in page.fields.values


def _is_proposal(page: Page) -> bool:
    return page.head_matches(_PROPOSAL) or (
        any(_PROPOSAL_SECTION.match(ln.text) for ln in page.lines) and _project_fields(page) >= 1)


def _project_fields(page: Page) -> int:
    return sum(1 for name in _PROJECT_FIELDS if name in page.fields.values)


def _is_detail(page: Page) -> bool:
    return page.head_matches(_DETAIL) or _project_fields(page) >= 2


def read_form(report: ParsedReport, page: Page, kind: str) -> None:
    """Fill ``report`` from a form or project page of ``kind``."""
    report.kind = kind
    apply_fields(report, page.fields)
    if page.banner is not None and is_fund_line(page.banner.stripped) and not report.fund:
        report.fund = page.banner.stripped
    report.title = page_title(page)
    if not report.project:
        report.project = project_line(page) or (report.title if kind in ("project_detail", "project_proposal")
                                                 else None)
    _form_date(report, page, kind)


def page_title(page: Page) -> str | None:
    """The first content line that is not a labelled field, its trailing date cut off."""
    line = next((ln for ln in page.head if ln.start not in page.fields.label_lines and not ln.stripped.startswith("|")),
                None)
    if line is None:
        return None
    title = line.stripped.strip('"“”\'')
    dates = thai.find_dates(title)
    if dates and not title[dates[-1].end:].strip():
        head = re.sub(r"[ \t]*(?:วันที่|เมื่อวันที่|เมื่อ|ประจำวันที่|ณ วันที่)?[ \t]*$", "", title[: dates[-1].start])
        if len(head) >= 8:
            title = head
    return title or None


_PROJECT_IN_HEADING = re.compile(r"โครงการ(?=[^ \t)]{3})")


def project_line(page: Page) -> str | None:
    """The project a head line names without a label: a line ``โครงการ…``, or a heading that
    ends with it (``รายงานความก้าวหน้า โครงการวินปลอดภัย``, ``กิจกรรมของโครงการคนกรีดยาง…``)."""
    for line in page.head:
        if line.start in page.fields.label_lines:
            continue
        match = _PROJECT_IN_HEADING.search(line.stripped)
        if match:
            return line.stripped[match.start():]
    return None


def _form_date(report: ParsedReport, page: Page, kind: str) -> None:
    found = field_date(report, page.fields, DATE_FIELDS_OF_KIND[kind])
    if found is not None:
        entity, _, (date, end) = found
        _set(report, entity, date, end)
        return
    if kind not in _FIRST_DATE_FALLBACK:
        return
    excluded = date_spans(page.fields)
    era = document_era(report.text)
    for entity in thai.find_dates(report.text):
        if any(start <= entity.start < end for start, end in excluded):
            continue
        _set(report, entity, *consistent_date(entity, era))
        return


def _set(report: ParsedReport, entity, date: str | None, end: str | None) -> None:
    report.date, report.date_end = date, end
    report.date_text = entity.text
    report.date_precision = entity.attrs.get("precision", "day")


def _reader(kind: str):
    return lambda report, page: read_form(report, page, kind)


register_kind(PageKind("monitoring_visit", "forms", 40, _is_monitoring, _reader("monitoring_visit")))
register_kind(PageKind("final_report", "forms", 50, lambda p: p.head_matches(_FINAL), _reader("final_report")))
register_kind(PageKind("progress_report", "forms", 60, lambda p: p.head_matches(_PROGRESS), _reader("progress_report")))
register_kind(PageKind("evaluation", "forms", 70, lambda p: p.head_matches(_EVALUATION), _reader("evaluation")))
register_kind(PageKind("project_proposal", "forms", 80, _is_proposal, _reader("project_proposal")))
register_kind(PageKind("project_detail", "forms", 100, _is_detail, _reader("project_detail")))

"""The structured record of one parsed document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("activity_report", "meeting_summary", "interview", "project_detail", "project_proposal",
         "progress_report", "final_report", "monitoring_visit", "evaluation", "fund_list",
         "activity_list", "news", "other")
# The Thai name of each kind, English after it, as reports and the panel show it.
KIND_LABELS = {
    "activity_report": "รายงานกิจกรรม (activity report)",
    "meeting_summary": "สรุปการประชุม (meeting summary)",
    "interview": "สัมภาษณ์ถอดบทเรียน (interview)",
    "project_detail": "รายละเอียดโครงการ (project page)",
    "project_proposal": "ข้อเสนอโครงการ (project proposal)",
    "progress_report": "รายงานความก้าวหน้า (progress report)",
    "final_report": "รายงานฉบับสมบูรณ์ (final report)",
    "monitoring_visit": "บันทึกการติดตามโครงการ (monitoring visit)",
    "evaluation": "การประเมินผล (evaluation)",
    "fund_list": "รายชื่อกองทุน (fund list)",
    "activity_list": "รายการกิจกรรม (activity list)",
    "news": "ข่าว (news)",
    "other": "อื่น ๆ (other)",
}


@dataclass
class ParsedReport:
    """The structured record of one document; see :func:`parse_document`."""

    text: str
    kind: str = "other"
    title: str | None = None
    date: str | None = None
    date_end: str | None = None
    date_text: str | None = None
    date_precision: str | None = None  # "day", or "month" when the text gives only month and year
    reporter: str | None = None
    project: str | None = None
    fund: str | None = None
    provinces: list[str] = field(default_factory=list)
    amphoe: list[str] = field(default_factory=list)
    tambon: list[str] = field(default_factory=list)
    place: dict[str, Any] | None = None
    participants_count: int | None = None
    participants: list[str] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    section_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    targets: list[dict[str, Any]] = field(default_factory=list)
    turns: list[dict[str, Any]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    interviewer: str | None = None
    # labelled fields of forms and project pages (None or empty when the text does not state them)
    project_code: str | None = None
    contract_number: str | None = None
    budget: float | None = None
    responsible: str | None = None
    organisation: str | None = None
    period_start: str | None = None  # the project or contract period: never the document's date
    period_end: str | None = None
    period_text: str | None = None
    visit_date: str | None = None
    report_date: str | None = None
    area_name: str | None = None
    target_groups: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # every labelled field, as written
    # places as read by synthesis.thai.place_resolution (level, name, written, province, ambiguous …)
    places: list[dict[str, Any]] = field(default_factory=list)
    local_governments: list[str] = field(default_factory=list)  # อบต.X, ทต.X: organisations
    # activity_list: one record per activity (title, date, date_end, reporter, start, end, text)
    records: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The fields of ``synthesis parse FILE --json`` (everything but the full text)."""
        record = asdict(self)
        record.pop("text")
        record["section_spans"] = {k: list(v) for k, v in self.section_spans.items()}
        return record

    def section_at(self, offset: int) -> str | None:
        """The name of the section that holds character ``offset``, if any."""
        for name, (start, end) in self.section_spans.items():
            if start <= offset < end:
                return name
        return None

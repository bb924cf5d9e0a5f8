"""The structured record of one parsed document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("activity_report", "meeting_summary", "interview", "other")


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

"""Labelled fields of the programme's forms, read as fields: ``label value`` lines, a label
line with its value on the next line, and the pipe-table rendering (``| label | value |``).

Each label is a known Thai label (:data:`LABELS`) at the start of a line or table cell,
followed by a colon, a tab, spaces or the end of the line; the value runs to the end of the
line or cell (or, when the label stands alone, is the next non-empty line). Lists (target
groups, objectives) also take the bulleted or numbered lines that follow their label.

>>> f = read_fields("| ชื่อโครงการ | ออมเพื่อสุขภาพ |\\nรหัสโครงการ : 66-L1234-2-05\\nงบประมาณ\\n25,000.00 บาท\\n")
>>> f.values["project"], f.values["project_code"], f.budget
('ออมเพื่อสุขภาพ', '66-L1234-2-05', 25000.0)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.lines import Line, split_lines

# field -> its labels (longest are tried first, so ``ระยะเวลาตามสัญญา`` wins over ``ระยะเวลา``)
LABELS: dict[str, tuple[str, ...]] = {
    "project": ("ชื่อโครงการ", "ชื่อโครงการภาษาไทย", "ชื่อโครงการ/กิจกรรม", "โครงการ"),
    "project_code": ("รหัสโครงการ", "รหัส โครงการ"),
    "contract_number": ("เลขที่สัญญา", "สัญญาเลขที่", "เลขที่ข้อตกลง", "รหัสสัญญา", "เลขที่ข้อตกลงดำเนินงาน"),
    "budget": ("งบประมาณ", "งบประมาณที่ได้รับ", "งบประมาณที่ได้รับอนุมัติ", "งบประมาณตามสัญญา",
               "งบประมาณโครงการ", "งบประมาณทั้งหมด", "จำนวนเงิน", "งบประมาณที่ขอ", "งบประมาณที่เสนอขอ"),
    "responsible": ("ผู้รับผิดชอบ", "ผู้รับผิดชอบโครงการ", "หัวหน้าโครงการ", "ผู้เสนอโครงการ",
                    "ผู้ประสานงานโครงการ", "ชื่อผู้รับผิดชอบ"),
    "organisation": ("องค์กร", "ชื่อองค์กร", "หน่วยงาน", "หน่วยงานที่รับผิดชอบ", "องค์กรผู้รับผิดชอบ",
                     "องค์กรที่รับผิดชอบ", "กลุ่ม/องค์กร", "ชื่อกลุ่ม/องค์กร", "หน่วยงาน/องค์กร", "องค์กรที่เสนอ"),
    "period": ("ระยะเวลาดำเนินงาน", "ระยะเวลาดำเนินการ", "ระยะเวลาตามสัญญา", "ระยะเวลาโครงการ",
               "ระยะเวลา", "ระยะเวลาดำเนินโครงการ", "ช่วงเวลาดำเนินงาน"),
    "period_start": ("วันที่เริ่มต้น", "วันเริ่มต้นโครงการ", "วันที่เริ่มโครงการ", "เริ่มต้นโครงการ"),
    "period_end": ("วันที่สิ้นสุด", "วันสิ้นสุดโครงการ", "วันที่สิ้นสุดโครงการ", "สิ้นสุดโครงการ"),
    "visit_date": ("วันที่ลงพื้นที่ติดตาม", "วันที่ติดตาม", "วันที่ลงพื้นที่", "วันที่ติดตามโครงการ",
                   "วันที่ติดตามและประเมินผล", "วันที่ลงติดตาม"),
    "report_date": ("วันที่รายงาน", "วันที่ส่งรายงาน", "รายงาน ณ วันที่", "วันที่บันทึก", "วันที่ประเมิน",
                    "วันที่ประเมินผล", "วันที่จัดทำรายงาน", "วันที่เสนอโครงการ", "วันที่เผยแพร่", "ข้อมูล ณ วันที่"),
    "activity_date": ("วันที่จัดกิจกรรม", "วันที่ดำเนินกิจกรรม", "วันที่ดำเนินการ", "วัน/เดือน/ปี"),
    "fund": ("กองทุน", "ชื่อกองทุน", "กองทุนหลักประกันสุขภาพ", "กองทุนฯ"),
    "area": ("พื้นที่", "พื้นที่ดำเนินการ", "พื้นที่ดำเนินงาน", "พื้นที่เป้าหมาย", "พื้นที่ดำเนินโครงการ"),
    "target_groups": ("กลุ่มเป้าหมาย", "กลุ่มเป้าหมายหลัก", "ผู้ได้รับประโยชน์", "กลุ่มผู้ได้รับประโยชน์"),
    "objectives": ("วัตถุประสงค์", "วัตถุประสงค์ของโครงการ", "วัตถุประสงค์โครงการ"),
    "visitor": ("ผู้ติดตาม", "ผู้ลงพื้นที่ติดตาม", "พี่เลี้ยงผู้ติดตาม", "ผู้ประเมิน"),
}
LIST_FIELDS = ("target_groups", "objectives")
# Labels that are everyday words: a value after them needs a colon or a tab (or a table cell).
_WEAK_LABELS = frozenset({"โครงการ", "พื้นที่", "องค์กร", "หน่วยงาน", "กองทุน", "กองทุนฯ", "ระยะเวลา",
                          "กองทุนหลักประกันสุขภาพ"})
DATE_FIELDS = ("period_start", "period_end", "visit_date", "report_date", "activity_date")

_LABEL_TO_FIELD = {label: name for name, labels in LABELS.items() for label in labels}
_LABEL = re.compile("|".join(re.escape(label) for label in sorted(_LABEL_TO_FIELD, key=len, reverse=True)))
_SEPARATOR = re.compile(r"[ \t]*(?:[:：][ \t]*|\t+[ \t]*|[ \t]+|$)")
_ITEM = re.compile(r"^[ \t]*(?:[-•*·]|[0-9๐-๙]{1,2}[.)]|\([0-9๐-๙]{1,2}\))[ \t]*(?P<item>\S.*)$")
_NUMBER = re.compile(r"[0-9๐-๙][0-9๐-๙,]*(?:\.[0-9๐-๙]+)?")
_TWO_DIGIT_YEAR = re.compile(r"(?<![0-9๐-๙])[0-9๐-๙]{2}[ \t]*$")
_FOUR_DIGIT_YEAR = re.compile(r"(?<![0-9๐-๙])(?:25[0-9]{2}|19[0-9]{2}|20[0-9]{2})(?![0-9๐-๙])")


@dataclass
class Field:
    """One labelled field: its name, label as written, value and where the value is."""

    name: str
    label: str
    value: str
    start: int
    end: int


@dataclass
class Fields:
    """The labelled fields of a text (the first of each name in ``values``, all in ``found``)."""

    found: list[Field] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    label_lines: set[int] = field(default_factory=set)  # starts of lines that hold a label

    def first(self, name: str) -> Field | None:
        return next((f for f in self.found if f.name == name), None)

    @property
    def budget(self) -> float | None:
        """The budget in baht (``25,000.00 บาท`` → 25000.0)."""
        value = self.values.get("budget")
        number = _NUMBER.search(value or "")
        if number is None:
            return None
        parsed = thai.parse_number(number.group(0))
        return float(parsed) if parsed is not None else None


def read_fields(text: str, lines: list[Line] | None = None) -> Fields:
    """The labelled fields of ``text`` (see the module notes).

    >>> read_fields("วัตถุประสงค์\\n1. ลดการใช้สารเคมี\\n2. ออมเงิน\\n\\nอื่น ๆ\\n").lists["objectives"]
    ['ลดการใช้สารเคมี', 'ออมเงิน']
    """
    lines = lines if lines is not None else split_lines(text)
    fields = Fields()
    for index, line in enumerate(lines):
        for name, label, start, end in _line_fields(line, index, lines):
            fields.found.append(Field(name, label, text[start:end], start, end))
            fields.label_lines.add(line.start)
            if name in LIST_FIELDS and name not in fields.lists:
                fields.lists[name] = _list_items(text[start:end], lines, index)
    for f in fields.found:
        if f.value and f.name not in fields.values:
            fields.values[f.name] = f.value
    return fields


def _line_fields(line: Line, index: int, lines: list[Line]) -> list[tuple[str, str, int, int]]:
    """(field, label, value start, value end) of the labels on one line."""
    stripped = line.text.strip()
    if stripped.startswith("|"):
        return _table_fields(line)
    indent = len(line.text) - len(line.text.lstrip())
    match = _LABEL.match(line.text, indent)
    if not match:
        return []
    separator = _SEPARATOR.match(line.text, match.end())
    label = match.group(0)
    if separator is None or (separator.end() == match.end() and match.end() < len(line.text)):
        return []  # a word that starts with a label ("วัตถุประสงค์ของการประชุม…")
    if label in _WEAK_LABELS and separator.group(0).strip(" ") == "" and separator.end() < len(line.text):
        return []  # "พื้นที่ ที่ดำเนินการ…": an everyday word at a line start needs a colon or a tab
    value_start = line.start + separator.end()
    value_end = line.start + len(line.text.rstrip())
    if value_start >= value_end:  # the value is on the next non-empty line
        following = next((ln for ln in lines[index + 1:index + 3] if ln.stripped), None)
        if following is None or _LABEL.match(following.text.strip()) and _is_label_line(following):
            return [(_LABEL_TO_FIELD[label], label, value_start, value_start)]
        if _LABEL_TO_FIELD[label] in LIST_FIELDS and _ITEM.match(following.text):
            return [(_LABEL_TO_FIELD[label], label, value_start, value_start)]
        value_start = following.start + len(following.text) - len(following.text.lstrip())
        value_end = following.start + len(following.text.rstrip())
    return [(_LABEL_TO_FIELD[label], label, value_start, value_end)]


def _is_label_line(line: Line) -> bool:
    match = _LABEL.match(line.text.strip())
    if not match:
        return False
    rest = line.text.strip()[match.end():]
    return not rest or rest[0] in " \t:："


def _table_fields(line: Line) -> list[tuple[str, str, int, int]]:
    """``| label | value | label | value |``: each label cell with the cell after it."""
    cells: list[tuple[int, int]] = []
    position = line.text.index("|")
    while True:
        following = line.text.find("|", position + 1)
        if following < 0:
            break
        start, end = position + 1, following
        while start < end and line.text[start] in " \t":
            start += 1
        while end > start and line.text[end - 1] in " \t":
            end -= 1
        cells.append((start, end))
        position = following
    found = []
    for i, (start, end) in enumerate(cells[:-1]):
        cell = line.text[start:end].rstrip(":： ")
        if cell in _LABEL_TO_FIELD:
            value_start, value_end = cells[i + 1]
            found.append((_LABEL_TO_FIELD[cell], cell, line.start + value_start, line.start + value_end))
    return found


def _list_items(value: str, lines: list[Line], index: int) -> list[str]:
    """The items of a list field: its value split on commas, or the item lines after it."""
    if value.strip():
        return [part.strip() for part in re.split(r"[,،]|[ \t]+และ[ \t]*", value) if part.strip()]
    items = []
    for line in lines[index + 1:]:
        if not line.stripped:
            if items:
                break
            continue
        match = _ITEM.match(line.text)
        if not match:
            break
        items.append(match.group("item").strip())
    return items


def consistent_date(entity, era: str | None) -> tuple[str | None, str | None]:
    """(date, end) of a DATE entity read in the document's era: a two-digit year is the end of
    a CE year in a form whose four-digit years are CE (``5 มี.ค. 23`` in a form dated 2023).

    >>> from synthesis.corpus.thai_bridge import find_dates
    >>> consistent_date(find_dates("5 มี.ค. 23")[0], "CE"), consistent_date(find_dates("5 มี.ค. 66")[0], "BE")
    (('2023-03-05', None), ('2023-03-05', None))
    """
    value, end = entity.value, entity.attrs.get("end")
    if era == "CE" and _TWO_DIGIT_YEAR.search(entity.text) and not _FOUR_DIGIT_YEAR.search(entity.text):
        value, end = _plus_years(value, 43), _plus_years(end, 43)  # 25yy BE read as 20yy CE
    return value, end


def _plus_years(iso: str | None, years: int) -> str | None:
    if not iso:
        return iso
    year, rest = iso.split("-", 1)
    return f"{int(year) + years:04d}-{rest}"


def document_era(text: str) -> str | None:
    """``CE`` when most four-digit years of ``text`` are Common Era, ``BE`` when most are
    Buddhist Era, None without four-digit years.

    >>> document_era("1 มกราคม 2023 ถึง 31 ธันวาคม 2023"), document_era("ปี 2566")
    ('CE', 'BE')
    """
    years = [int(y) for y in _FOUR_DIGIT_YEAR.findall(text)]
    if not years:
        return None
    ce = sum(1 for y in years if y < 2400)
    return "CE" if ce > len(years) - ce else "BE"


def apply_fields(report, fields: Fields) -> None:
    """Copy the labelled fields into ``report`` (a :class:`ParsedReport`): dates in ISO read in
    the document's era, the period's start and end, the budget in baht, the lists.

    The document's ``date`` is not set here: each kind says which field dates it.
    """
    era = document_era(report.text)
    report.fields = dict(fields.values)
    values = fields.values
    report.project_code = values.get("project_code")
    report.contract_number = values.get("contract_number")
    report.budget = fields.budget
    report.responsible = values.get("responsible")
    report.organisation = values.get("organisation")
    report.area_name = values.get("area")
    if values.get("project") and not report.project:
        report.project = values["project"]
    if values.get("fund") and not report.fund:
        report.fund = values["fund"]
    report.target_groups = fields.lists.get("target_groups", [])
    report.objectives = fields.lists.get("objectives", [])
    period = values.get("period")
    if period:
        report.period_start, report.period_end = read_period(period, era)
        report.period_text = period
    for name in ("period_start", "period_end", "visit_date", "report_date"):
        value = values.get(name)
        found = thai.find_dates(value) if value else []
        if found and getattr(report, name) is None:
            setattr(report, name, consistent_date(found[0], era)[0])


_MONTH_RANGE = re.compile(r"(?P<first>[\u0e01-\u0e4e.]+)[ \t]*(?:-|–|ถึง)[ \t]*(?P<last>[\u0e01-\u0e4e.]+)[ \t]*"
                          r"(?P<year>(?:พ\.ศ\.|ค\.ศ\.)?[ \t]*[0-9๐-๙]{2,4})")


def read_period(value: str, era: str | None = None) -> tuple[str | None, str | None]:
    """(start, end) of a project period as written: a date range, two dates, or a range of
    months (``กรกฎาคม - ธันวาคม 2566``); a month alone ends on its last day.

    >>> read_period("1 มี.ค. 2566 - 30 ก.ย. 2566"), read_period("6 เดือน (กรกฎาคม - ธันวาคม 2566)")
    (('2023-03-01', '2023-09-30'), ('2023-07-01', '2023-12-31'))
    """
    months = _MONTH_RANGE.search(value)
    if months:
        first = thai.find_dates(f"{months.group('first')} {months.group('year')}")
        last = thai.find_dates(f"{months.group('last')} {months.group('year')}")
        if first and last and first[0].attrs.get("precision") == "month" == last[0].attrs.get("precision"):
            start, end = consistent_date(first[0], era)[0], consistent_date(last[0], era)[0]
            if start > end:  # "ตุลาคม - กันยายน 2566": the first month is in the year before
                start = _plus_years(start, -1)
            return start, _month_end(end)
    found = thai.find_dates(value)
    if not found:
        return None, None
    start, end = consistent_date(found[0], era)
    if end is None and len(found) > 1:  # "1 มี.ค. 2566 ถึงวันที่ 30 ก.ย. 2566" read as two dates
        last = found[-1]
        end = consistent_date(last, era)[0]
        if last.attrs.get("precision") == "month":
            end = _month_end(end)
    return start, end


def _month_end(iso: str | None) -> str | None:
    if not iso:
        return iso
    day = dt.date.fromisoformat(iso)
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (following - dt.timedelta(days=1)).isoformat()


def field_date(report, fields: Fields, names: tuple[str, ...]):
    """The DATE entity (offsets in the text) of the first of ``names`` the text states, with
    its value read in the document's era: ``(entity, date, end)`` or None."""
    era = document_era(report.text)
    for name in names:
        for f in fields.found:
            if f.name != name or not f.value:
                continue
            found = thai.find_dates(f.value)
            if found:
                return found[0], f.start, consistent_date(found[0], era)
    return None


def date_spans(fields: Fields) -> list[tuple[int, int]]:
    """Where the values of period fields are: dates there never date the document."""
    return [(f.start, f.end) for f in fields.found if f.name in ("period", "period_start", "period_end")]

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

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from synthesis.corpus import thai_bridge as thai

PARSER_VERSION = "1"

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


# ---------------------------------------------------------------- lines with offsets

@dataclass(frozen=True)
class Line:
    start: int
    end: int  # end of the content, before the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` with their offsets.

    >>> [(l.start, l.text) for l in split_lines("ab\\ncd")]
    [(0, 'ab'), (3, 'cd')]
    """
    lines, start = [], 0
    for raw in text.split("\n"):
        lines.append(Line(start, start + len(raw), raw))
        start += len(raw) + 1
    return lines


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start:end`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------- shared field readers

_REPORTED_BY = re.compile(r"^(?P<month_year>.*?)รายงานจากพื้นที่[ \t]*โดย[ \t]*(?P<reporter>.*?)[ \t]*$",
                          re.M)
_DAY_LINE = re.compile(r"^[ \t]*(?P<day>[0-9๐-๙]{1,2})[ \t]*$")
_ACTIVITY_HEADING = re.compile(r"^[ \t]*กิจกรรมที่(?:ปฏิบัติ|ปฎิบัติ|ได้ปฏิบัติ|ได้ปฎิบัติ|ทำ)")
_OUTCOME_HEADING = re.compile(r"^[ \t]*ผลที่เกิดขึ้น(?:จริง)?")
_PARTICIPANT_LINE = re.compile(r"ผู้เข้าร่วม|ผู้เข้าประชุม|ผู้ร่วมประชุม|ผู้ร่วมกิจกรรม|ผู้ร่วมเวที|เข้าร่วม")
_PARTICIPANT_WORDS = r"(?:ผู้เข้าร่วม(?:ประชุม|กิจกรรม|อบรม|เวที|โครงการ)?|ผู้เข้าประชุม|ผู้ร่วมประชุม|ผู้ร่วมกิจกรรม|ผู้เข้าอบรม)"
_STATED_COUNT = re.compile(_PARTICIPANT_WORDS + r"[ \t]*(?:ทั้งหมด|ทั้งสิ้น|รวม)?[ \t]*(?:จำนวน)?[ \t]*[.…]*[ \t]*"
                           r"(?P<n>[0-9๐-๙][0-9๐-๙,]*)[ \t]*[.…]*[ \t]*(?P<unit>คน|ท่าน|ราย)")
_COUNT = re.compile(r"จำนวน[ \t]*[.…]*[ \t]*(?P<n>[0-9๐-๙][0-9๐-๙,]*)[ \t]*[.…]*[ \t]*"
                    r"(?P<unit>คน|ท่าน|ราย)")
_TARGET_WORDS = re.compile(r"เป้าหมาย|เป้า|ตัวชี้วัด|ตัวชีวัด|อย่างน้อย|ไม่น้อยกว่า|ไม่ต่ำกว่า|ให้ได้")
_PLACE_START = re.compile(r"(?:^|[ \t(])ณ[ \t.]*(?=\S)")
_VENUE_START = re.compile(r"(?:^|(?<=[ \t.])|(?<=ที่))(?=(?:ห้องประชุม|โรงแรม|ศาลา|อาคาร))")
_CATEGORIES = re.compile(r"^[ \t]*Categories[ \t]*:[ \t]*(?P<cats>.+)$", re.M | re.I)


def _first_date(text: str):
    """The first DATE entity of ``text``, or None."""
    return next(iter(thai.find_dates(text)), None)


def _place_phrase(text: str, line: Line, start_pattern: re.Pattern = _PLACE_START) -> dict[str, Any] | None:
    """The place of a meeting: ``ณ <room, building, ต. อ. จ.>`` on one line."""
    match = start_pattern.search(line.text)
    if not match:
        return None
    begin = line.start + match.end()
    rest = line.text[match.end():]
    # The phrase ends after the province when it is named, else at a wide gap or the line end.
    province = re.search(r"(?:จังหวัด|จ\.)[ \t]*[\u0e01-\u0e4e]+", rest)
    if province:
        stop = province.end()
    else:
        gap = re.search(r"[ \t]{2,}|(?<=\S) (?=เพื่อ|จัด|โดย|มี)", rest)
        stop = gap.start() if gap else len(rest)
    stop = min(stop, 200)
    start, end = _strip_span(text, begin, begin + stop)
    phrase = text[start:end].rstrip(".…")
    end = start + len(phrase)
    place: dict[str, Any] = {"text": phrase, "start": start, "end": end, "venue": None,
                             "tambon": None, "amphoe": None, "province": None}
    found = [e for e in thai.find_places(phrase) if _admin_level(e)]
    place["province"] = next((str(e.value) for e in found if e.attrs["level"] == "province"), None)
    if place["province"] is None:
        place["province"] = next((e.attrs.get("province") for e in found
                                  if e.attrs.get("province") and not e.attrs.get("ambiguous")), None)
    for entity in found:
        level = _admin_level(entity)
        if level != "province" and place[level] is None and \
                (not entity.attrs.get("ambiguous") or _agrees(entity, {place["province"]})):
            place[level] = _place_name(entity)
    # the venue is what comes before the first administrative name: room, building, village
    first = min((e.start for e in found if e.attrs["level"] != "local_gov"), default=len(phrase))
    venue = phrase[:first].strip(" ,")
    place["venue"] = venue or None
    return place


_TAMBON_UNITS = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล")


def _admin_level(entity) -> str | None:
    """province, amphoe or tambon; a subdistrict council or municipality (อบต., ทต.) names its
    tambon. ``อ.เมือง`` whose province is unknown names no district."""
    level = entity.attrs.get("level")
    if level == "local_gov":
        return "tambon" if entity.attrs.get("unit") in _TAMBON_UNITS else None
    if level == "amphoe" and entity.value == "เมือง" and not entity.attrs.get("district_name"):
        return None
    return level


def _agrees(entity, provinces: set[str]) -> bool:
    """The place lies in one of ``provinces`` (for a name found in several, one candidate does)."""
    candidates = {entity.attrs.get("province")} | set(entity.attrs.get("candidates") or [])
    return bool(provinces & candidates)


def _place_name(entity) -> str:
    """``อ.เมือง`` is the capital district of its province: ``เมืองพัทลุง``."""
    return str(entity.attrs.get("district_name") or entity.value)


def _first_place(text: str, lines: list[Line]) -> dict[str, Any] | None:
    """The first ``ณ …`` place in ``lines``; failing that, a line naming a room or hall."""
    for pattern in (_PLACE_START, _VENUE_START):
        for line in lines:
            place = _place_phrase(text, line, pattern)
            if place and (pattern is _PLACE_START or place["province"] or place["tambon"]):
                return place
    return None


def _places(text: str) -> tuple[list[str], list[str], list[str]]:
    """Provinces, amphoe and tambon named in ``text``, in order of first mention.

    An amphoe or tambon is kept only when its province is one the text names (or, for a name
    found in several provinces, one of its candidates is): ``ตำบล และ`` in a sentence about
    levels of government is not a place in Nan.
    """
    found = thai.find_places(text)
    provinces = list(dict.fromkeys(str(e.value) for e in found if e.attrs.get("level") == "province"))
    named = set(provinces)
    amphoe: dict[str, None] = {}
    tambon: dict[str, None] = {}
    for entity in found:
        level = _admin_level(entity)
        if level in ("amphoe", "tambon") and _agrees(entity, named):
            (amphoe if level == "amphoe" else tambon)[_place_name(entity)] = None
    return provinces, list(amphoe), list(tambon)


def _participants(text: str, lines: list[Line], within: tuple[int, int]) -> tuple[int | None, list[str]]:
    """The stated participant count and the names listed with it."""
    count = None
    names: list[str] = []
    candidates = [ln for ln in lines if within[0] <= ln.start < within[1]]
    for index, line, match in _count_lines(candidates):
        count = thai.parse_number(match.group("n"))
        # Names follow on the same line or on the lines up to the next blank line.
        block_end = line.end
        for following in candidates[index + 1:]:
            if not following.stripped or _COUNT.search(following.text):
                break
            block_end = following.end
        names = _person_names(text, line.start + match.end(), block_end)
        break
    return (int(count) if isinstance(count, (int, float)) else None), names


def _count_lines(candidates: list[Line]):
    """Lines stating the participant count: first those that say who took part, else the
    report form's dotted blank (``จำนวน ....12..... คน``)."""
    for index, line in enumerate(candidates):
        match = _STATED_COUNT.search(line.text)
        if match:
            yield index, line, match
            return
    for index, line in enumerate(candidates):
        match = _COUNT.search(line.text)
        before = line.text[: match.start()] if match else ""
        previous = candidates[index - 1].text if index else ""
        if match and (_PARTICIPANT_LINE.search(before) or _PARTICIPANT_LINE.search(previous)):
            yield index, line, match
            return
    for index, line in enumerate(candidates):
        match = _COUNT.search(line.text)
        if match and re.search(r"[.…]{2}", match.group()):
            yield index, line, match
            return


def _person_names(text: str, start: int, end: int) -> list[str]:
    names = [str(e.value or e.text).strip() for e in thai.find_persons(text[start:end])]
    return list(dict.fromkeys(n for n in names if n))


def _targets(text: str, lines: list[Line]) -> list[dict[str, Any]]:
    """Numbers stated as targets or indicators, with their unit and the line they stand in."""
    targets = []
    for line in lines:
        if not _TARGET_WORDS.search(line.text):
            continue
        for entity in thai.find_quantities(line.text):
            if entity.label not in ("COUNT", "PERCENT", "MONEY", "NUMBER"):
                continue
            targets.append({
                "label": entity.label,
                "value": entity.value,
                "unit": entity.attrs.get("unit") or {"PERCENT": "ร้อยละ", "MONEY": "บาท"}.get(entity.label),
                "text": entity.text,
                "start": line.start + entity.start,
                "end": line.start + entity.end,
                "context": line.stripped[:300],
            })
    return targets


# ---------------------------------------------------------------- activity reports

def _parse_activity_report(report: ParsedReport, lines: list[Line], match: re.Match) -> None:
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
        if line.stripped.startswith("โครงการ") and report.project is None:
            report.project = line.stripped
        elif report.fund is None and report.project is None:
            report.fund = line.stripped
    if date_text:
        report.date_text = date_text
        found = thai.find_dates(date_text)
        if found:
            _set_date(report, found[0])
    _fund_sections(report, lines, after=match.end())
    activity = report.section_spans.get("activities", (match.end(), len(text)))
    activity_lines = [ln for ln in lines if activity[0] <= ln.start < activity[1]]
    report.place = _first_place(text, activity_lines)
    report.participants_count, report.participants = _participants(
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
        start, end = _strip_span(text, heading.end, end)
        # a "circle" marker line (an icon on the website) closes the section before it
        body = text[start:end]
        marker = list(re.finditer(r"\n[ \t]*circle[ \t]*$", body))
        if marker:
            start, end = _strip_span(text, start, start + marker[-1].start())
        report.sections[name] = text[start:end]
        report.section_spans[name] = (start, end)


# ---------------------------------------------------------------- interviews

_TURN = re.compile(r"^[ \t]*(?P<speaker>[^\s:：()0-9๐-๙\-•*#>][^:：\n]{0,24}?)[ \t]*[:：][ \t]*(?P<body>\S.*)$")
# Labels followed by a colon that are fields of a form, not speakers.
_NOT_SPEAKERS = re.compile(r"^(?:Categories|วัตถุประสงค์|หมายเหตุ|สถานที่|วันที่|เวลา|เรื่อง|หัวข้อ|"
                           r"ผลที่|ข้อสังเกต|สิ่งที่ได้เรียนรู้|ปัจจัย|ปัญหา|แผน|ที่มา|สรุป|ประเด็น|"
                           r"http|https|Tel|โทร)", re.I)
_LEGEND = re.compile(r"(?P<label>[^\s=,]{1,12})[ \t]*=[ \t]*(?P<name>[^,=\n]+?)(?=,|$|\n)")
_INTERVIEWER = re.compile(r"^[ \t]*ผู้สัมภาษณ์[ \t]*[:：]?[ \t]*(?P<who>.+)$", re.M)
_INFORMANT = re.compile(r"^[ \t]*ผู้ให้(?:ข้อมูล|สัมภาษณ์)[ \t]*[:：]?[ \t]*(?P<who>.+)$", re.M)


def _turn_lines(lines: list[Line]) -> list[tuple[Line, re.Match]]:
    turns = []
    for line in lines:
        match = _TURN.match(line.text)
        if match and not _NOT_SPEAKERS.match(match.group("speaker")):
            turns.append((line, match))
    return turns


def _same_person(a: str | None, b: str | None) -> bool:
    """``นางสาวรอฮานี เจ๊ะแว`` and ``รอฮานี เจ๊ะแว`` are the same person."""
    if not a or not b:
        return False
    return a == b or a.endswith(b) or b.endswith(a)


def _looks_like_interview(turns: list[tuple[Line, re.Match]], lines: list[Line]) -> bool:
    """At least two speakers with two turns each, and turns make up most of the lines after
    the first one (a report with a few ``label: text`` lines is not a transcript)."""
    speakers: dict[str, int] = {}
    for _, match in turns:
        speakers[match.group("speaker").strip()] = speakers.get(match.group("speaker").strip(), 0) + 1
    if len(turns) < 4 or sum(1 for n in speakers.values() if n >= 2) < 2:
        return False
    after = [ln for ln in lines if ln.start >= turns[0][0].start and ln.stripped]
    return len(turns) >= 0.5 * len(after)


def _parse_interview(report: ParsedReport, lines: list[Line], turns: list[tuple[Line, re.Match]]) -> None:
    text = report.text
    report.kind = "interview"
    first_turn = turns[0][0].start
    header = text[:first_turn]
    legend: dict[str, str] = {}
    for line in split_lines(header):
        if "=" in line.text:
            body = re.sub(r"^[ \t]*(?:หมายเหตุ|อักษรย่อ|ผู้พูด)[ \t]*[:：]?", "", line.text)
            for m in _LEGEND.finditer(body):
                legend[m.group("label").strip()] = re.sub(r"\s*\(.*?\)\s*$", "", m.group("name")).strip()
    interviewer = _INTERVIEWER.search(header)
    if interviewer:
        names = _person_names(text, interviewer.start("who"), interviewer.end("who"))
        report.interviewer = names[0] if names else interviewer.group("who").split("(")[0].strip()
    people = [report.interviewer] if report.interviewer else []
    informant = _INFORMANT.search(header)
    if informant:
        people += _person_names(text, informant.start("who"), informant.end("who"))
    for name in legend.values():
        if not any(_same_person(name, known) for known in people):
            people.append(name)
    report.participants = list(dict.fromkeys(p for p in people if p))
    for index, (line, match) in enumerate(turns):
        end = turns[index + 1][0].start if index + 1 < len(turns) else len(text)
        start, end = _strip_span(text, line.start, end)
        label = match.group("speaker").strip()
        name = legend.get(label)
        role = None
        if label.startswith("ผู้สัมภาษณ์") or (name and _same_person(name, report.interviewer)):
            role = "interviewer"
        elif label.startswith("ผู้ให้") or name:
            role = "informant"
        report.turns.append({
            "speaker": label, "speaker_name": name, "role": role,
            "start": start, "end": end, "text_start": line.start + match.start("body"),
        })


# ---------------------------------------------------------------- meeting summaries

_NUMBERED = re.compile(r"^[ \t]*(?P<n>[0-9๐-๙]{1,2})\.(?![0-9๐-๙])[ \t]*(?P<head>\S.*)$")


def _looks_like_meeting(lines: list[Line], text: str) -> bool:
    top = [ln for ln in lines[:12] if ln.stripped][:4]
    return bool(_CATEGORIES.search(text)) or any(ln.stripped.startswith("#") for ln in top)


def _parse_meeting(report: ParsedReport, lines: list[Line]) -> None:
    text = report.text
    report.kind = "meeting_summary"
    footer = _CATEGORIES.search(text)
    if footer:
        report.categories = [c.strip() for c in re.split(r"[,،]", footer.group("cats")) if c.strip()]
    body_end = footer.start() if footer else len(text)
    numbered = [ln for ln in lines if ln.start < body_end and _NUMBERED.match(ln.text)]
    for index, line in enumerate(numbered):
        end = numbered[index + 1].start if index + 1 < len(numbered) else body_end
        start, end = _strip_span(text, line.start, end)
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


# ---------------------------------------------------------------- title and date of the rest

def _set_date(report: ParsedReport, entity) -> None:
    report.date = entity.value
    report.date_end = entity.attrs.get("end")
    report.date_precision = entity.attrs.get("precision", "day")


def _title_and_date(report: ParsedReport, lines: list[Line]) -> None:
    """Title from the first line (date phrase cut off), date from the first dated phrase."""
    text = report.text
    first = next((ln for ln in lines if ln.stripped and not ln.stripped.startswith("#")), None)
    if first is None:
        return
    title = first.stripped.strip('"“”\'')
    entity = _first_date(first.text)
    if entity is not None:
        cut = re.search(r"(?:[ \t]*(?:วันที่|เมื่อวันที่|เมื่อ|ระหว่างวันที่))?[ \t]*$",
                        first.text[: entity.start])
        head = first.text[: cut.start() if cut else entity.start].strip().strip('"“”\'')
        if len(head) >= 8:
            title = head
    report.title = title or None
    if entity is None:
        entity = _first_date(text)
    if entity is not None:
        report.date_text = entity.text
        _set_date(report, entity)


# ---------------------------------------------------------------- entry point

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
    reported = _REPORTED_BY.search(text)
    turns = _turn_lines(lines)
    if reported:
        _parse_activity_report(report, lines, reported)
    elif _looks_like_interview(turns, lines):
        _parse_interview(report, lines, turns)
        _title_and_date(report, lines)
    elif _looks_like_meeting(lines, text):
        _parse_meeting(report, lines)
        _title_and_date(report, lines)
        report.place = _first_place(text, lines[:6])
    else:
        _title_and_date(report, lines)
    if report.kind != "activity_report" and report.participants_count is None:
        count, names = _participants(text, lines, (0, len(text)))
        report.participants_count = count
        if names and not report.participants:
            report.participants = names
    report.provinces, report.amphoe, report.tambon = _places(text)
    report.targets = _targets(text, lines)
    if report.title is None and path:
        report.warnings.append(f"{path}: no title line found")
    return report

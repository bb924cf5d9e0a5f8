"""Interview transcripts: speaker turns, the legend of initials, interviewer and informants."""

from __future__ import annotations

import re

from synthesis.corpus.parser.lines import Line, split_lines, strip_span
from synthesis.corpus.parser.people import person_names
from synthesis.corpus.parser.record import ParsedReport

_TURN = re.compile(r"^[ \t]*(?P<speaker>[^\s:：()0-9๐-๙\-•*#>][^:：\n]{0,24}?)[ \t]*[:：][ \t]*(?P<body>\S.*)$")
# Labels followed by a colon that are fields of a form, not speakers.
_NOT_SPEAKERS = re.compile(r"^(?:Categories|วัตถุประสงค์|หมายเหตุ|สถานที่|วันที่|เวลา|เรื่อง|หัวข้อ|"
                           r"ผลที่|ข้อสังเกต|สิ่งที่ได้เรียนรู้|ปัจจัย|ปัญหา|แผน|ที่มา|สรุป|ประเด็น|"
                           r"http|https|Tel|โทร)", re.I)
_LEGEND = re.compile(r"(?P<label>[^\s=,]{1,12})[ \t]*=[ \t]*(?P<name>[^,=\n]+?)(?=,|$|\n)")
_ROLE = re.compile(r"^(?:ผู้สัมภาษณ์|ผู้ให้ข้อมูล|ผู้ให้สัมภาษณ์|ผู้บันทึก|ผู้ถอดเทป)")
_INTRODUCES_PERSON = re.compile(r"^(?:นางสาว|นาง|นาย|น\.ส\.|นส\.|ผศ\.|รศ\.|ศ\.|ดร\.|อาจารย์|คุณ)")
_HEADER_LINES = 8  # the people are introduced at the top of a transcript
_INTERVIEWER = re.compile(r"^[ \t]*ผู้สัมภาษณ์[ \t]*[:：]?[ \t]*(?P<who>.+)$", re.M)
_INFORMANT = re.compile(r"^[ \t]*ผู้ให้(?:ข้อมูล|สัมภาษณ์)[ \t]*[:：]?[ \t]*(?P<who>.+)$", re.M)


def turn_lines(lines: list[Line]) -> list[tuple[Line, re.Match]]:
    """Lines that open a speaker turn (``ผู้ให้ข้อมูล: …``, ``ป: …``), leaving out form fields
    and the header lines that introduce the people (``ผู้สัมภาษณ์: นางสาวอรทัย ยอดดี``)."""
    turns = []
    for index, line in enumerate(lines):
        match = _TURN.match(line.text)
        if not match or _NOT_SPEAKERS.match(match.group("speaker")):
            continue
        if index < _HEADER_LINES and _ROLE.match(match.group("speaker")) and \
                _INTRODUCES_PERSON.match(match.group("body")):
            continue
        turns.append((line, match))
    return turns


def _same_person(a: str | None, b: str | None) -> bool:
    """``นางสาวรอฮานี เจ๊ะแว`` and ``รอฮานี เจ๊ะแว`` are the same person."""
    if not a or not b:
        return False
    return a == b or a.endswith(b) or b.endswith(a)


def looks_like_interview(turns: list[tuple[Line, re.Match]], lines: list[Line]) -> bool:
    """At least two speakers with two turns each, and turns make up most of the lines after
    the first one (a report with a few ``label: text`` lines is not a transcript)."""
    speakers: dict[str, int] = {}
    for _, match in turns:
        speakers[match.group("speaker").strip()] = speakers.get(match.group("speaker").strip(), 0) + 1
    if len(turns) < 4 or sum(1 for n in speakers.values() if n >= 2) < 2:
        return False
    after = [ln for ln in lines if ln.start >= turns[0][0].start and ln.stripped]
    return len(turns) >= 0.5 * len(after)


def parse_interview(report: ParsedReport, lines: list[Line], turns: list[tuple[Line, re.Match]]) -> None:
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
        names = person_names(text, interviewer.start("who"), interviewer.end("who"))
        report.interviewer = names[0] if names else interviewer.group("who").split("(")[0].strip()
    people = [report.interviewer] if report.interviewer else []
    informant = _INFORMANT.search(header)
    if informant:
        people += person_names(text, informant.start("who"), informant.end("who"))
    for name in legend.values():
        if not any(_same_person(name, known) for known in people):
            people.append(name)
    report.participants = list(dict.fromkeys(p for p in people if p))
    for index, (line, match) in enumerate(turns):
        end = turns[index + 1][0].start if index + 1 < len(turns) else len(text)
        start, end = strip_span(text, line.start, end)
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


def _read_interview(report: ParsedReport, page) -> None:
    from synthesis.corpus.parser.title import title_and_date

    parse_interview(report, page.lines, page.turns)
    title_and_date(report, page.lines)


def _register() -> None:
    from synthesis.corpus.parser.kinds import PageKind, register_kind

    register_kind(PageKind("interview", "interview", 10, lambda page: looks_like_interview(page.turns, page.lines),
                           _read_interview))


_register()

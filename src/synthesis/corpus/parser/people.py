"""Participants: the stated count (``จำนวน ..5... คน``) and the names listed with it."""

from __future__ import annotations

import re

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.lines import Line

_PARTICIPANT_LINE = re.compile(r"ผู้เข้าร่วม|ผู้เข้าประชุม|ผู้ร่วมประชุม|ผู้ร่วมกิจกรรม|ผู้ร่วมเวที|เข้าร่วม")
_PARTICIPANT_WORDS = r"(?:ผู้เข้าร่วม(?:ประชุม|กิจกรรม|อบรม|เวที|โครงการ)?|ผู้เข้าประชุม|ผู้ร่วมประชุม|ผู้ร่วมกิจกรรม|ผู้เข้าอบรม)"
_STATED_COUNT = re.compile(_PARTICIPANT_WORDS + r"[ \t]*(?:ทั้งหมด|ทั้งสิ้น|รวม)?[ \t]*(?:จำนวน)?[ \t]*[.…]*[ \t]*"
                           r"(?P<n>[0-9๐-๙][0-9๐-๙,]*)[ \t]*[.…]*[ \t]*(?P<unit>คน|ท่าน|ราย)")
_COUNT = re.compile(r"จำนวน[ \t]*[.…]*[ \t]*(?P<n>[0-9๐-๙][0-9๐-๙,]*)[ \t]*[.…]*[ \t]*"
                    r"(?P<unit>คน|ท่าน|ราย)")


def participants(text: str, lines: list[Line], within: tuple[int, int]) -> tuple[int | None, list[str]]:
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
        names = person_names(text, line.start + match.end(), block_end)
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


def person_names(text: str, start: int, end: int) -> list[str]:
    names = [str(e.value or e.text).strip() for e in thai.find_persons(text[start:end])]
    return list(dict.fromkeys(n for n in names if n))

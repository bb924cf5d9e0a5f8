"""Numeric statements of one document: each number a text gives as a target, a baseline or
a result, with what it counts (its subject in the text's words), its unit and its sentence.

The rules, in the order they are tried for each counted number of a line:

1. **Target.** A number in a line that sets targets (``ตั้งเป้าหมาย … คือ``, ``ตัวชี้วัด``,
   a list item under ``ตั้งเป้าหมาย ดังนี้``) is a declared target, each with its own
   subject: ``ที่ประชุมตั้งเป้าหมาย คือ หน่วยบริการชุมชน 2 หน่วย ผู้ประกันตนมาตรา 40
   อย่างน้อย 60 คน`` gives two. A number right after a target word later in a line
   (``(เป้าหมาย 60 คน)``, ``ยังไม่ถึงเป้าร้อยละ 80``) restates the target of the result
   before it: role ``target``, ``restated`` true, never a result. ``ตามเป้าหมาย`` marks the
   result before it as meeting its target; it starts no target of its own.
2. **From → to.** ``เพิ่มจาก 21 คน เป็น 64 คน``, ``ลดจาก 38 เหลือ 6 ครัวเรือน``: the first is a
   baseline, the second a result, of one subject. ``เพิ่มขึ้น 19 คน รวมเป็น 40 คน``: a change,
   then a result. ``9 คน จาก 41 คน`` (no ``เป็น``): the 41 is a denominator (``other``).
3. **Block.** Numbers of a survey block (``ข้อมูลจากแบบสำรวจ``, ``คืนข้อมูลสำรวจ … พบว่า`` and
   its list) are baselines; numbers under the ``ผลที่เกิดขึ้นจริง`` (results) heading are results.
4. Otherwise a number is a ``value``: what the indicator model makes of it depends on its
   date (before the target was set: a baseline; after: a result).

A number whose clause only qualifies the subject before it (``แต่มี 11 คนขาดส่ง``,
``ยังทำงานอยู่ 5 คน``) gets a subject of its own (``qualified``), so that it is never read as
the result of that subject's target.

>>> rows = read_statements("ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน (เป้าหมาย 60 คน) แต่มี 11 คนขาดส่ง")
>>> [(s.value, s.role, s.subject) for s in rows]
[(21, 'baseline', 'ผู้ประกันตนมาตรา 40'), (64, 'result', 'ผู้ประกันตนมาตรา 40'), (60, 'target', 'ผู้ประกันตนมาตรา 40'), (11, 'other', 'ผู้ประกันตนมาตรา 40 · ขาดส่ง')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, replace

from synthesis.facts.quantities import Quantity, counted_quantities
from synthesis.facts.subjects import clean_subject

ROLES = ("target", "baseline", "result", "change", "value", "other")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[0-9๐-๙]+(?:[.)][0-9๐-๙]*)+|[-•*]|\(?[ก-ฮ][.)])[ \t]*")
_DECLARES = re.compile(r"(?:ตั้ง|กำหนด|วาง)(?:เป้าหมาย|เป้า)|ตัวชี้วัด|เป้าหมาย(?:ของ\S*)?(?:ภายใน\S*(?:[ \t]*[0-9๐-๙]+[ \t]*ปี)?)?[ \t]*(?:คือ|ดังนี้|ได้แก่|[:：])")
_ANNOUNCES_LIST = re.compile(r"(?:ดังนี้|ได้แก่|[:：])[ \t]*$")
_MEETS = re.compile(r"(?:ครบ)?ตามเป้า(?:หมาย)?(?:ที่ตั้งไว้)?|(?<!ไม่)ถึงเป้า(?:หมาย)?|เกินเป้า(?:หมาย)?|บรรลุเป้า(?:หมาย)?")
_NOT_MET = re.compile(r"ยังไม่ถึงเป้า(?:หมาย)?|ต่ำกว่าเป้า(?:หมาย)?|ไม่ถึงเป้า(?:หมาย)?")
_TARGET_WORD = re.compile(r"(?:ยังไม่ถึง|ต่ำกว่า|ไม่ถึง)?เป้า(?:หมาย)?[ \t]*(?:ที่ตั้งไว้|คือ|[:：])?[ \t]*"
                          r"(?:(?:อย่างน้อย|ไม่น้อยกว่า|ไม่ต่ำกว่า|ไม่เกิน|ไม่มากกว่า|เหลือไม่เกิน|เหลือ)[ \t]*)?$")
_NO_TARGET_AFTER = re.compile(r"(?:ได้|มี|ตั้ง|กำหนด)[ \t]*เป้า")
_FROM = re.compile(r"(?:เพิ่มขึ้นจาก|เพิ่มจาก|ลดลงจาก|ลดจาก|จากเดิม|จาก)[ \t]*$")
_TO = re.compile(r"^[ \t]*(?:คน|ราย|ครัวเรือน)?[ \t]*(?:เป็น|เหลือ|มาเป็น|เพิ่มเป็น|ลดเหลือ|ลดลงเหลือ|เป็นจำนวน)[ \t]*$")
_CHANGE = re.compile(r"(?:เพิ่มขึ้น|เพิ่ม|ลดลง)[ \t]*(?:อีก)?[ \t]*$")
_BASELINE_CUE = re.compile(r"(?:ปีฐาน|ค่าฐาน|ข้อมูลฐาน|จากเดิม|เดิม|ก่อนเริ่มโครงการ|ก่อนมีโครงการ)(?:[ \t]*(?:ปี|พ\.ศ\.)?[ \t]*[0-9๐-๙]{4})?[ \t]*(?:มี|อยู่ที่|คือ)?[ \t]*$")
_TOTAL = re.compile(r"^[ \t]*(?:รวมเป็น|รวม|ทั้งหมดเป็น)[ \t]*$")
_RESULT_CUE = re.compile(r"ได้จริง|ทำได้|มีจริง|เกิดขึ้นจริง|สะสม|ผลการดำเนินงาน")
_QUALIFIER = re.compile(r"^[ \t]*(?:แต่|ยัง|ที่ยัง|ในจำนวนนี้|เฉพาะ|ส่วน|โดย|ขณะที่|(?=ขาดส่ง|หยุดส่ง|ลาออก|เลิก|ไม่ได้ส่ง))")
_STILL = re.compile(r"(?:ที่)?ยัง(?:คง)?(?:ทำงานอยู่|ทำงาน|ทำหน้าที่|อยู่ใน|ส่งต่อ|ส่งเงิน)")
_TIME_ONLY = re.compile(r"(?:(?:ใน)?ปี(?:งบประมาณ)?(?:นี้|ที่แล้ว|ก่อน|ล่าสุด)?|ปัจจุบัน|ล่าสุด|เดือนนี้|ตอนนี้|"
                        r"ข้อมูล[ \t]*ณ[ \t]*วันที่)(?:[ \t]*(?:พ\.ศ\.)?[ \t]*[0-9๐-๙]{2,4})?")
_PART = re.compile(r"^[ \t]*(?:ใน|ละ|ต่อ|ครั้งละ|วันละ|เดือนละ|ปีละ|กลุ่มละ|หมู่บ้านละ|ชุมชนละ)[ \t]*$")
_COMPARISON = (("อย่างน้อย", ">="), ("ไม่น้อยกว่า", ">="), ("ไม่ต่ำกว่า", ">="), ("เหลือไม่เกิน", "<="),
               ("ไม่เกิน", "<="), ("ไม่มากกว่า", "<="))
_RESULT_HEADING = re.compile(r"ผลที่เกิดขึ้น|ผลผลิต|ผลลัพธ์|ผลการดำเนินงาน|ผลการดำเนินการ|ผลการติดตาม|ผลเทียบ|"
                             r"เทียบกับเป้าหมาย|สรุปผลการ")
_OTHER_HEADING = re.compile(r"^[ \t]*(?:กิจกรรมที่ปฏิบัติ|กิจกรรมที่ปฎิบัติ|วัตถุประสงค์|กระบวนการ|ปัญหา|ข้อสังเกต|ขั้นต่อไป|"
                            r"สิ่งที่|บทเรียน|งบประมาณ|วิธีการ)")
_SURVEY = re.compile(r"สำรวจ|ข้อมูลตั้งต้น|ข้อมูลพื้นฐาน|ข้อมูลเบื้องต้น|ก่อนเริ่มโครงการ|ก่อนมีโครงการ|ข้อมูลฐาน")
_SURVEY_OPENS = re.compile(r"(?:พบว่า|ดังนี้|[:：)])[ \t]*$")
_DEADLINE_YEAR = re.compile(r"ภายใน(?:ปี|สิ้นปี)[ \t]*(?:พ\.ศ\.)?[ \t]*([0-9๐-๙]{4})")
_DEADLINE_YEARS = re.compile(r"ภายใน[ \t]*([0-9๐-๙]+)[ \t]*ปี")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass
class Statement:
    """One number of a text and what the text says it is."""

    value: float
    unit: str | None
    role: str  # one of ROLES
    subject: str
    comparison: str = "="  # ">=" (อย่างน้อย), "<=" (ไม่เกิน) or "="
    comparison_th: str = ""
    restated: bool = False  # a target repeated beside a result, not where it was set
    qualified: bool = False  # a part of the subject before it (ยังทำงานอยู่, ขาดส่ง)
    meets: bool | None = None  # the text says the target is met (ตามเป้าหมาย) or not
    paired: bool = False  # one end of a from → to statement (เพิ่มจาก 21 คน เป็น 64 คน)
    deadline: str | None = None  # ISO date, for a target
    start: int = 0  # offsets of the number in the document's text
    end: int = 0
    sentence: str = ""  # the line that states it, spaces collapsed
    line_start: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


_READ_CACHE: dict[tuple[str, str | None], tuple[Statement, ...]] = {}
_READ_CACHE_LIMIT = 512  # documents; a report reads its area's documents several times


def read_statements(text: str, date: str | None = None) -> list[Statement]:
    """The numeric statements of a document's text, in order (see the module's rules).

    ``date`` (ISO) is the document's date, used for a deadline given as ``ภายใน 3 ปี``.
    Read once per (text, date) in a process: the indicators, the contradictions and the
    targets of one report read the same documents; each call gets its own copies.

    >>> read_statements("อบรม 30 คน", None) is not read_statements("อบรม 30 คน", None)
    True
    """
    key = (text, date)
    kept = _READ_CACHE.get(key)
    if kept is None:
        if len(_READ_CACHE) >= _READ_CACHE_LIMIT:
            _READ_CACHE.clear()
        kept = _READ_CACHE[key] = tuple(_read_statements(text, date))
    return [replace(statement) for statement in kept]


def _read_statements(text: str, date: str | None) -> list[Statement]:
    found: list[Statement] = []
    section = None  # "result" or "survey"
    target_list_depth: int | None = None
    list_deadline = None
    offset = 0
    for raw_line in text.split("\n"):
        line_start, offset = offset, offset + len(raw_line) + 1
        line = raw_line.rstrip()
        if not line.strip():
            if section == "survey":
                section = None
            continue
        marker = _LIST_MARKER.match(line)
        depth = _depth(marker.group()) if marker and marker.group().strip() else None
        quantities = counted_quantities(line, bare=True)
        counted = [q for q in quantities if q.label != "NUMBER"]
        if not counted and len(line) < 90:
            if _RESULT_HEADING.search(line):
                section = "result"
            elif _OTHER_HEADING.search(line):
                section = None
        if section == "survey" and depth is None and not _SURVEY.search(line):
            section = None
        in_target_list = target_list_depth is not None and depth is not None and depth > target_list_depth
        if target_list_depth is not None and not in_target_list:
            target_list_depth = None
        declares = _DECLARES.search(line)
        content = line[marker.end() if marker else 0:]
        if (declares and _ANNOUNCES_LIST.search(line)) or \
                (not counted and re.match(r"[ \t]*(?:ร่วมกัน)?(?:ตั้ง|กำหนด)?(?:เป้าหมาย|ตัวชี้วัด)", content)):
            target_list_depth, list_deadline = depth or 0, _deadline(line, date)
        survey_here = section != "result" and _SURVEY.search(line)
        found += _line_statements(line, line_start, marker.end() if marker else 0, quantities,
                                  declared_from=0 if in_target_list else (declares.start() if declares else None),
                                  block="survey" if (section == "survey" or survey_here) else section,
                                  date=date)
        if in_target_list and list_deadline:
            for statement in found:
                if statement.line_start == line_start and statement.role == "target":
                    statement.deadline = statement.deadline or list_deadline
        if survey_here and (_SURVEY_OPENS.search(line) or not counted):  # a survey heading opens a block
            section = "survey"
    return found


_MONTH_OR_YEAR_WORD = re.compile(r"(?:มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|"
                                 r"ตุลาคม|พฤศจิกายน|ธันวาคม|ปี|พ\.ศ\.|[ก-ฮ]\.[ก-ฮ]\.)[ \t]*$")


def _is_date_year(line: str, q: Quantity) -> bool:
    """``ธันวาคม 2562รายงาน``: a year that the Thai layer read as a count of ``ราย``."""
    return isinstance(q.value, int) and 2400 <= q.value <= 2700 and \
        bool(_MONTH_OR_YEAR_WORD.search(line[max(0, q.start - 12):q.start]))


def _depth(marker: str) -> int:
    numbers = re.findall(r"[0-9๐-๙]+", marker)
    return len(numbers) if numbers else 9


def _line_statements(line: str, line_start: int, content_start: int, quantities: list[Quantity],
                     declared_from: int | None, block: str | None, date: str | None) -> list[Statement]:
    sentence = " ".join(line[content_start:].split())
    deadline = _deadline(line, date) if declared_from is not None else None
    rows: list[Statement] = []
    boundary = content_start
    last_subject = ""
    pending_to: Quantity | None = None  # the "to" number of a from → to pair, with its unit
    pending_role = "result"
    quantities = [q for q in quantities if q.start >= content_start]
    for index, q in enumerate(quantities):
        clause_start = max(boundary, _last_break(line, boundary, q.start))
        clause = line[clause_start:q.start]
        following = quantities[index + 1] if index + 1 < len(quantities) else None
        between = line[q.end:following.start] if following else ""
        unit = q.unit
        if _is_date_year(line, q):
            continue
        if q.label == "NUMBER":
            # a bare number counts only as the "from" of a pair or the value of a bracketed target
            if following and _FROM.search(clause) and _TO.match(between) and following.label != "NUMBER":
                unit = following.unit
            elif rows and _TARGET_WORD.search(clause) and not _NO_TARGET_AFTER.search(clause):
                unit = rows[-1].unit
            else:
                continue
        meets = _MEETS.search(clause)
        if meets and rows:
            rows[-1].meets = True
            if clause[meets.end():].strip():  # "6 คน ตามเป้าหมาย ยังทำงานอยู่ 5 คน": the mark is no subject
                clause = clause[:meets.start()] + " " + clause[meets.end():]
            # else "27 คน เกินเป้า 25 คน": the number after the mark restates the target
        comparison, comparison_th = _comparison(clause)
        statement = Statement(value=q.value, unit=unit, role="value", subject="", comparison=comparison,
                              comparison_th=comparison_th, start=line_start + q.start,
                              end=line_start + q.end, sentence=sentence, line_start=line_start)
        own = clean_subject(_without_target_words(clause))
        if _TIME_ONLY.fullmatch(own):
            own = ""  # "ปีนี้ 19 ครั้ง": when, not what; the subject is the one before
        target_word = _TARGET_WORD.search(clause)
        is_part = bool(_PART.match(clause) or re.search(r"\Sละ[ \t]*$", clause)
                       or (re.match(r"[ \t(]*(?:ของ|จาก)(?!เดิม|เป้า)\S", clause) and not _FROM.search(clause))
                       or (_FROM.search(clause) and not (following and _TO.match(between))))
        if pending_to is q:
            statement.role, statement.subject = pending_role, last_subject
            statement.paired = rows[-1].paired
        elif is_part:
            statement.role, statement.subject = "other", own or last_subject
        elif declared_from is not None and q.start > declared_from and not rows_after_result(rows):
            statement.role, statement.deadline = "target", deadline
            statement.subject = own or _after_subject(line, q, following) or last_subject
            if q.unit == "%" and own:  # "เรือร้อยละ 80 มีเสื้อชูชีพ": the share's subject goes on after it
                after = _after_subject(line, q, following)
                statement.subject = f"{own}มี{after}" if after and line[q.end:].lstrip().startswith("มี") else own
        elif target_word and not _NO_TARGET_AFTER.search(clause) and (rows or not own):
            statement.role, statement.restated = "target", True
            statement.subject = own if own and not rows else last_subject
            if _NOT_MET.search(clause) and rows:
                rows[-1].meets = False
        elif target_word and not _NO_TARGET_AFTER.search(clause):
            # "หน่วยบริการชุมชน เป้าหมาย 2 หน่วย": set here, or restated under the results heading
            statement.role, statement.subject = "target", own
            statement.restated = block == "result"
            statement.deadline = None if statement.restated else _deadline(line, date)
        else:
            qualifier = _QUALIFIER.match(clause)
            if qualifier and last_subject:
                detail = clean_subject(clause[qualifier.end():]) or _after_subject(line, q, following)
                statement.role, statement.qualified = "other", True
                statement.subject = f"{last_subject} · {detail}" if detail else last_subject
            else:
                # nothing but link words before it: the subject of the number before, in the
                # same line ("เกิดขึ้นจริง 2 หน่วย", "คิดเป็นร้อยละ 69"); at a line's start, the words after it
                after = _after_subject(line, q, following)
                if not own and re.search(r"มี[ \t]*$", clause) and after:
                    own = after  # "27 คน มี 3 รายได้รับสวัสดิการ": มี brings in something else
                statement.subject = own or (last_subject if rows else after)
                if following and _FROM.search(clause) and _TO.match(between):
                    statement.role, pending_to, pending_role = "baseline", following, "result"
                    statement.paired = True
                elif following and _CHANGE.search(clause) and _TOTAL.match(between):
                    statement.role, pending_to, pending_role = "change", following, "result"
                elif _CHANGE.search(clause):
                    statement.role = "change"  # "ลดลงร้อยละ 38.7": how much it moved, not a value
                    statement.subject = own or last_subject
                elif _BASELINE_CUE.search(clause):
                    statement.role = "baseline"
                    statement.subject = clean_subject(_BASELINE_CUE.sub(" ", clause)) or last_subject
                elif block == "survey":
                    statement.role = "baseline"
                elif block == "result" or _RESULT_CUE.search(clause):
                    statement.role = "result"
            still = _STILL.search(statement.subject) if not statement.qualified else None
            if still and statement.role in ("value", "result"):
                # "อสอช. ที่ยังทำงานอยู่ 4 คน": those of the subject still active, a part of it
                base = statement.subject[:still.start()].strip() or last_subject
                statement.role, statement.qualified = "other", True
                statement.subject = f"{base} · {statement.subject[still.start():].strip()}" if base else statement.subject
            if q.unit == "%" and statement.role not in ("other",) and not own and rows and \
                    clause.strip(" \t") in ("(", ""):
                statement.subject = last_subject  # "43 ลำ (ร้อยละ 71)": the same subject as a share
        if not statement.subject:
            statement.role = "other" if statement.role == "value" else statement.role
        if not statement.qualified and statement.subject and not is_part:
            last_subject = statement.subject
        rows.append(statement)
        boundary = q.end
    return rows


def rows_after_result(rows: list[Statement]) -> bool:
    """A declaration line that already reported a result (``ได้ … (เป้าหมาย …)``) declares no more."""
    return any(r.role in ("result", "baseline") for r in rows)


def _last_break(line: str, boundary: int, start: int) -> int:
    """Where the clause of a number starts: after the last bracket, colon or ``คือ`` before it."""
    best = boundary
    for match in re.finditer(r"[)\]:：;,]|คือ|ดังนี้|ได้แก่|ประกอบด้วย", line[boundary:start]):
        if match.group() == ")":
            opened = line.rfind("(", boundary, boundary + match.start())
            if opened != -1 and not re.search(r"[0-9๐-๙]", line[opened:boundary + match.start()]):
                continue  # a bracket that only names something: "(กรดซัลฟิวริก)"
        best = boundary + match.end()
    return best


def _without_target_words(clause: str) -> str:
    clause = re.sub(r"\(?[ \t]*(?:ยังไม่ถึง|ต่ำกว่า|ไม่ถึง|ตั้ง|กำหนด|วาง)?เป้า(?:หมาย)?(?:ร่วมกัน)?|ตัวชี้วัด", " ", clause)
    return _TARGET_WORD.sub("", clause)


def _after_subject(line: str, q: Quantity, following: Quantity | None) -> str:
    """The words right after a number, when the words before it say nothing (``ร้อยละ 62
    ของครัวเรือนมีหนี้``, ``มี 11 คนขาดส่ง``): up to the next space, bracket or number."""
    rest = line[q.end: following.start if following else len(line)]
    rest = re.split(r"[ \t]{2,}|[()（）:,]|[0-9๐-๙]", rest, maxsplit=1)[0]
    chunk = rest.strip().split(" ")[0] if rest.strip() else ""
    return clean_subject(chunk)


def _comparison(clause: str) -> tuple[str, str]:
    tail = clause.rstrip()[-20:]
    for word, symbol in _COMPARISON:
        if word in tail:
            return symbol, word
    return "=", ""


def _deadline(line: str, date: str | None) -> str | None:
    """``ภายในปี 2565`` → 2022-12-31; ``ภายใน 3 ปี`` → three years after the document's date."""
    year = _DEADLINE_YEAR.search(line)
    if year:
        value = int(year.group(1).translate(_THAI_DIGITS))
        return f"{value - 543 if value > 2400 else value}-12-31"
    years = _DEADLINE_YEARS.search(line)
    if years and date:
        try:
            start = dt.date.fromisoformat(date[:10])
        except ValueError:
            return None
        n = int(years.group(1).translate(_THAI_DIGITS))
        try:
            return start.replace(year=start.year + n).isoformat()
        except ValueError:  # 29 February
            return start.replace(year=start.year + n, day=28).isoformat()
    return None

"""Participants per activity of an area, and what regional meetings had from the area.

An area's chart counts only the area's own activities (documents attributed to it alone:
activity reports, its own meetings). A regional or multi-area meeting is not the area's
activity: it is listed apart, with its whole attendance and, where the text says, the
participants from this area (a count of people on a line naming the area, ``ผู้แทนจาก
ต.บาละ 4 คน``) and the people it names on the lines about the area.

>>> rows = area_people_in_meeting("2.2 ยะลา ต.บาละ นายมะรอนิง สะมะแอ นำเสนอ", ["ต.บาละ", "บาละ"])
>>> rows["people"], rows["count"]
(['มะรอนิง สะมะแอ'], None)
"""

from __future__ import annotations

import re

import pandas as pd

from synthesis.facts.quantities import counted_quantities

PEOPLE_UNITS = frozenset({"คน", "ท่าน", "ราย"})
_ATTENDING = re.compile(r"ผู้แทน|ตัวแทน|ผู้เข้าร่วม|เข้าร่วม|มาร่วม|ร่วมเวที|จาก")
ACTIVITY_COLUMNS = ["doc_id", "date", "kind", "title", "participants", "participants_sentence"]
REGIONAL_COLUMNS = ["doc_id", "date", "title", "areas", "participants_total", "from_area",
                    "from_area_sentence", "people_from_area"]


def _area_names(area) -> list[str]:
    names = [*area.place_names()] if hasattr(area, "place_names") else list(area)
    return sorted({n for n in names if n}, key=len, reverse=True)


def _sentence_of(text: str, value) -> str | None:
    """The line that states a participant count (for the report's link back)."""
    if value is None or value != value:
        return None
    number = str(int(value)) if float(value).is_integer() else str(value)
    for line in text.split("\n"):
        if ("ผู้เข้าร่วม" in line or "จำนวน" in line or "รวม" in line) and number in line:
            return " ".join(line.split())[:300]
    return None


def _only(areas, area_id: str) -> bool:
    return areas is not None and list(areas) == [area_id]


def _several(areas, area_id: str) -> bool:
    return areas is not None and area_id in list(areas) and len(list(areas)) > 1


def participants_by_activity(documents: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The area's own activities (documents attributed to it alone, with a participant
    count), by date: ``doc_id``, ``date``, ``kind``, ``title``, ``participants`` and the
    sentence that states it.

    >>> docs = pd.DataFrame({"doc_id": ["a", "m"], "date": ["2021-03-09", "2022-11-16"],
    ...     "kind": ["activity_report", "meeting_summary"], "title": ["อบรม", "เวทีเขต"],
    ...     "participants_count": [58.0, 72.0], "areas": [["yala-bala"], ["yala-bala", "satun-na-thon"]],
    ...     "text": ["ผู้เข้าร่วมรวม 58 คน", "ผู้เข้าร่วม 72 คน"]})
    >>> participants_by_activity(docs, "yala-bala")[["doc_id", "participants"]].values.tolist()
    [['a', 58.0]]
    """
    own = documents[documents["areas"].map(lambda areas: _only(areas, area_id)).astype(bool)]
    own = own.dropna(subset=["participants_count"]).sort_values("date", na_position="last")
    rows = [{"doc_id": d, "date": t, "kind": k, "title": h, "participants": float(n),
             "participants_sentence": _sentence_of(x if isinstance(x, str) else "", n)}
            for d, t, k, h, n, x in zip(own["doc_id"], own["date"], own["kind"], own["title"],
                                         own["participants_count"], own.get("text", [""] * len(own)))]
    return pd.DataFrame(rows, columns=ACTIVITY_COLUMNS)


def area_people_in_meeting(text: str, names: list[str], other_names: list[str] = ()) -> dict:
    """From a multi-area meeting's text: the count of participants from the area where a
    line naming the area states one, and the people named on those lines. On a line naming
    other areas too, a person belongs to the area named nearest to them."""
    from synthesis.thai.persons import find_persons

    count, sentence, people = None, None, []
    for line in text.split("\n"):
        mine = _positions(line, names)
        if not mine:
            continue
        theirs = _positions(line, [n for n in other_names if n not in names])
        for person in find_persons(line):
            def distance(p: int) -> int:
                return 0 if person.start <= p < person.end else min(abs(person.start - p), abs(p - person.end))

            if theirs and min(map(distance, theirs)) < min(map(distance, mine)):
                continue
            if person.value not in people:
                people.append(person.value)
        if count is None and not theirs:
            for q in counted_quantities(line):
                clause = line[max(0, q.start - 40):q.start]
                if q.unit in PEOPLE_UNITS and _ATTENDING.search(clause) and any(n in clause for n in names):
                    count, sentence = q.value, " ".join(line.split())[:300]
                    break
    return {"count": count, "sentence": sentence, "people": people}


def _positions(line: str, names) -> list[int]:
    found = []
    for name in names:
        start = line.find(name)
        while start != -1:
            found.append(start)
            start = line.find(name, start + 1)
    return found


def regional_participation(documents: pd.DataFrame, area, all_areas=()) -> pd.DataFrame:
    """Regional and multi-area meetings that include the area, apart from its activities:
    total attendance, participants from this area where the text says (else empty), and the
    people named on the lines about the area. ``area`` is an :class:`~synthesis.corpus.areas.Area`;
    ``all_areas`` (all the pilot areas) lets a line naming several areas be split among them."""
    shared = documents[documents["areas"].map(lambda areas: _several(areas, area.id)).astype(bool)]
    shared = shared.sort_values("date", na_position="last")
    names = _area_names(area)
    other_names = [n for other in all_areas if other.id != area.id for n in _area_names(other)]
    rows = []
    for row in shared.itertuples(index=False):
        text = getattr(row, "text", "")
        found = area_people_in_meeting(text if isinstance(text, str) else "", names, other_names)
        total = getattr(row, "participants_count", None)
        rows.append({"doc_id": row.doc_id, "date": row.date, "title": row.title, "areas": list(row.areas),
                     "participants_total": None if total is None or total != total else float(total),
                     "from_area": found["count"], "from_area_sentence": found["sentence"],
                     "people_from_area": found["people"]})
    return pd.DataFrame(rows, columns=REGIONAL_COLUMNS)

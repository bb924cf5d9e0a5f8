"""The place of an activity (``ณ <venue> ต. อ. จ.``) and the places a text names.

Places are read with :func:`synthesis.thai.place_resolution.read_places`: a province inside an
institution's or a health region's name is none, a local government (``อบต.แค``) is an
organisation and not a subdistrict, a district or subdistrict without its province is kept
(resolved when unique, flagged when ambiguous), spelling variants resolve to the gazetteer's name.
"""

from __future__ import annotations

import re
from typing import Any

from synthesis.corpus.parser.lines import Line, strip_span
from synthesis.thai.place_resolution import PlaceReading, read_places

_PLACE_START = re.compile(r"(?:^|[ \t(])ณ[ \t.]*(?=\S)")
_VENUE_START = re.compile(r"(?:^|(?<=[ \t.])|(?<=ที่))(?=(?:ห้องประชุม|โรงแรม|ศาลา|อาคาร))")


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
    start, end = strip_span(text, begin, begin + stop)
    phrase = text[start:end].rstrip(".…")
    end = start + len(phrase)
    place: dict[str, Any] = {"text": phrase, "start": start, "end": end, "venue": None,
                             "tambon": None, "amphoe": None, "province": None}
    found = read_places(phrase)
    place["local_government"] = next((p.label for p in found if p.level == "local_gov"), None)
    place["province"] = next((p.name for p in found if p.level == "province"), None)
    if place["province"] is None:
        place["province"] = next((p.province for p in found if p.province and not p.ambiguous
                                  and p.level != "local_gov"), None) or \
            next((p.province for p in found if p.province and not p.ambiguous), None)
    for reading in found:
        level = reading.level
        if level in ("amphoe", "tambon") and place[level] is None and \
                (not reading.ambiguous or place["province"] in reading.candidates):
            place[level] = reading.name
    # the venue is what comes before the first administrative name: room, building, village
    first = min((p.start for p in found if p.level != "local_gov"), default=len(phrase))
    venue = phrase[:first].strip(" ,")
    place["venue"] = venue or None
    return place


def first_place(text: str, lines: list[Line]) -> dict[str, Any] | None:
    """The first ``ณ …`` place in ``lines``; failing that, a line naming a room or hall."""
    for pattern in (_PLACE_START, _VENUE_START):
        for line in lines:
            place = _place_phrase(text, line, pattern)
            if place and (pattern is _PLACE_START or place["province"] or place["tambon"]):
                return place
    return None


def named_places(text: str) -> tuple[list[str], list[str], list[str]]:
    """Provinces, amphoe and tambon named in ``text``, in order of first mention.

    Provinces are those written and those of a district or subdistrict that is in one province
    only (``อำเภอเมืองนราธิวาส`` names Narathiwat); local governments are not subdistricts.

    >>> named_places("ณ อบต.บาละ อ.รือเสาะ สปสช.เขต 12 สงขลา")
    (['ยะลา', 'นราธิวาส'], ['รือเสาะ'], [])
    """
    return places_of(read_places(text))


def places_of(found: list[PlaceReading]) -> tuple[list[str], list[str], list[str]]:
    """(provinces, amphoe, tambon) of readings: written provinces first, then resolved ones;
    the districts and subdistricts that fit them (:func:`_fits`)."""
    written = [p.name for p in found if p.level == "province"]
    resolved = [p.province for p in found
                if p.level in ("amphoe", "tambon", "local_gov") and p.province and not p.ambiguous]
    provinces = list(dict.fromkeys(written + resolved))
    amphoe = list(dict.fromkeys(p.name for p in found if p.level == "amphoe" and _fits(p, written)))
    tambon = list(dict.fromkeys(p.name for p in found if p.level == "tambon" and _fits(p, written)))
    return provinces, amphoe, tambon


def _fits(reading: PlaceReading, written: list[str]) -> bool:
    """A resolved district or subdistrict is listed; an ambiguous one too when the text writes
    no province or one of its candidates (``ต.ตลาดเมืองหาดใหญ่ จ.สงขลา`` names no ตำบลตลาด of
    another province). Every reading stays in ``report.places``, flagged."""
    return not reading.ambiguous or not written or bool(set(reading.candidates) & set(written))


def place_records(found: list[PlaceReading]) -> list[dict[str, Any]]:
    """The readings as plain records for ``ParsedReport.places``."""
    return [{"level": p.level, "name": p.label, "written": p.written, "province": p.province,
             "district": p.district, "ambiguous": p.ambiguous, "candidates": p.candidates,
             "resolved_by": p.resolved_by, "variant": p.variant, "start": p.start, "end": p.end}
            for p in found]

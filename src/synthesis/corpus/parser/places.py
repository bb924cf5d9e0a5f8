"""The place of an activity (``ณ <venue> ต. อ. จ.``) and the places a text names."""

from __future__ import annotations

import re
from typing import Any

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.lines import Line, strip_span

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

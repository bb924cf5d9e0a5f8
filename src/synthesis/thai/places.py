"""PLACE entities: provinces, districts, subdistricts and local government units.

How a place is found:

- a **province** by its name alone (``สงขลา``) or after ``จังหวัด``/``จ.``/``จว.``; a few province
  names that are also common words (``เลย``, ``แพร่``, ``ตาก``, ``น่าน``) need the prefix;
- a **district** after ``อำเภอ``/``อ.`` (or ``เขต`` in Bangkok); ``อ.เมือง`` is the capital
  district of the province named nearby; a bare district name (``หาดใหญ่``) only in a text that
  names its province, and never for the few that are everyday words (``สะเดา``);
- a **subdistrict** only after ``ตำบล``/``ต.`` (or ``แขวง``): 7,436 names include everyday words;
- a **local government unit** after ``อบต.``, ``ทต.``, ``ทม.``, ``ทน.``, ``เทศบาลตำบล/เมือง/นคร``,
  ``องค์การบริหารส่วนตำบล`` (the place name after it), or ``อบจ.``/``องค์การบริหารส่วนจังหวัด``.

Names are read with a dictionary lookup right after each prefix (never by scanning every name).
A name that exists in several provinces is resolved with the provinces and districts named in
the same stretch of text (:data:`CONTEXT_CHARS` either side, same paragraph), then with the
provinces the whole text names; what stays open is flagged ``ambiguous`` with its candidates.

>>> [(e.text, e.value, e.attrs["level"], e.attrs["province"]) for e in find_places("ต.แค อ.จะนะ จ.สงขลา")]
[('ต.แค', 'แค', 'tambon', 'สงขลา'), ('อ.จะนะ', 'จะนะ', 'amphoe', 'สงขลา'), ('จ.สงขลา', 'สงขลา', 'province', 'สงขลา')]
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from synthesis.thai.accel import compiled
from synthesis.thai.gazetteer import Place, _lengths_by_start, gazetteer
from synthesis.thai.scan import Scan, register, scan
from synthesis.thai.spans import Entity

CONTEXT_CHARS = 120
# Province names that are also common words: only read after a province prefix.
PREFIX_ONLY_PROVINCES = frozenset({"เลย", "แพร่", "ตาก", "น่าน", "กรุงเทพ", "สุราษฎร์", "กทม"})

_LOCAL_GOV_UNITS = {
    # written prefix → (canonical unit name, level of the name that follows)
    "องค์การบริหารส่วนตำบล": ("องค์การบริหารส่วนตำบล", "tambon"),
    "องค์การบริหารส่วนจังหวัด": ("องค์การบริหารส่วนจังหวัด", "province"),
    "เทศบาลตำบล": ("เทศบาลตำบล", "tambon"),
    "เทศบาลเมือง": ("เทศบาลเมือง", "tambon"),
    "เทศบาลนคร": ("เทศบาลนคร", "tambon"),
    "อบต.": ("องค์การบริหารส่วนตำบล", "tambon"),
    "อบจ.": ("องค์การบริหารส่วนจังหวัด", "province"),
    "ทต.": ("เทศบาลตำบล", "tambon"),
    "ทม.": ("เทศบาลเมือง", "tambon"),
    "ทน.": ("เทศบาลนคร", "tambon"),
}
_PREFIXES = {
    "จังหวัด": "province", "จว.": "province", "จ.": "province",
    "อำเภอ": "amphoe", "อ.": "amphoe", "เขต": "amphoe",
    "ตำบล": "tambon", "ต.": "tambon", "แขวง": "tambon",
}
_THAI_RUN = re.compile("[\u0e01-\u0e4e]{2,20}")
_LEADING_VOWELS = "เแโใไ"


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    level: str  # province / amphoe / tambon / local_gov
    name: str
    candidates: list[Place]
    unit: str | None = None  # canonical local government unit
    attrs: dict = field(default_factory=dict)


def _trigger_words() -> list[str]:
    # Every word a place may start with: unit and level prefixes, bare province names.
    bare = [name for name in gazetteer().provinces if name not in PREFIX_ONLY_PROVINCES]
    return [*_LOCAL_GOV_UNITS, *_PREFIXES, *bare]


register("places", _trigger_words)


# "ต." inside a dotted abbreviation ("รพ.สต.", "ศอ.บต.") is no subdistrict prefix.
_INSIDE_ABBREVIATION = re.compile(r"\.[\u0e01-\u0e2e]{1,2}$")


def _read_name(text: str, pos: int, level: str) -> tuple[str, list[Place]] | None:
    """The place name of ``level`` at ``pos`` and its candidate places."""
    tables = _tables()
    if level == "province":
        names, index = tables.provinces, tables.province_lengths
        name = _longest_name_at(text, pos, names, index)
        return (name, [names[name]]) if name else None
    if level == "amphoe":
        name = _longest_name_at(text, pos, tables.districts, tables.district_lengths)
        if name:
            return name, list(tables.districts[name])
        if text.startswith("เมือง", pos):  # อ.เมือง: the capital district of a province nearby
            return "เมือง", list(gazetteer().capital_district.values())
        return None
    name = _longest_name_at(text, pos, tables.subdistricts, tables.subdistrict_lengths)
    return (name, list(tables.subdistricts[name])) if name else None


@dataclass(frozen=True, slots=True)
class _Tables:
    """The gazetteer's name tables with, per two-letter start, the name lengths (longest first)."""

    provinces: dict
    province_lengths: dict
    districts: dict
    district_lengths: dict
    subdistricts: dict
    subdistrict_lengths: dict


@functools.cache
def _tables() -> _Tables:
    g = gazetteer()
    return _Tables(
        g.provinces, _lengths_by_start(g.provinces),
        g.districts, _lengths_by_start(g.districts),
        g.subdistricts, _lengths_by_start(g.subdistricts),
    )  # fmt: skip


# Marks that belong to the character before them: a name may not end just before one.
_CLUSTER_TAIL = frozenset("\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3B))) + "".join(map(chr, range(0x0E47, 0x0E4F))) + "ะาำ")


def _longest_name_at(text: str, pos: int, names: dict, lengths_by_start: dict) -> str | None:
    """``gazetteer.longest_name_at`` for the gazetteer's own tables, with their length index."""
    lengths = lengths_by_start.get(text[pos : pos + 2])
    if lengths:
        size = len(text)
        for length in lengths:
            end = pos + length
            if end <= size:
                candidate = text[pos:end]
                if candidate in names and (end == size or text[end] not in _CLUSTER_TAIL):
                    return candidate
    return None


def _read_local_gov_name(text: str, pos: int, level: str) -> tuple[str, list[Place]] | None:
    """The name after อบต./ทต./เทศบาล…: a subdistrict's, a district's (ทต.หนองจิก) or a
    province's (ทม.พัทลุง); the longest reading wins, a tie keeps every candidate."""
    if level == "province":
        return _read_name(text, pos, "province")
    readings = [r for r in (_read_name(text, pos, lv) for lv in ("tambon", "amphoe", "province")) if r and r[0] != "เมือง"]
    if not readings:
        return None
    name = max((name for name, _ in readings), key=len)
    return name, [p for read_name, candidates in readings if read_name == name for p in candidates]


@functools.cache
def _stop_words() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def _spaced_common_word(text: str, prefix_end: int, name_start: int, name: str) -> bool:
    """A prefix, a space, then a name that is a common word ("ตำบล และ", "อำเภอ เมือง")
    or only the start of a longer word: the prefix is the plain noun, not a place."""
    if name_start == prefix_end:
        return False
    return name in _stop_words() or name == "เมือง" or _continues(text, name_start + len(name))


def _candidates(text: str, triggers: list[tuple[int, int]]) -> list[_Found]:
    """A :class:`_Found` for each place read at a trigger word, left to right."""
    if _fast is not None:
        return _fast.place_candidates(_fast_reader(), text, triggers)
    return _python_candidates(text, triggers)


# The compiled twin of _python_candidates (``_fast_entities.pyx``), or None.
_fast = compiled("entities")


@functools.cache
def _fast_reader():
    """The tables and words the compiled reader takes (built once)."""
    return _fast.PlaceReader(_tables(), gazetteer().capital_district.values(), _LOCAL_GOV_UNITS, _PREFIXES, _stop_words())


def _python_candidates(text: str, triggers: list[tuple[int, int]]) -> list[_Found]:
    """The reference of :func:`_candidates`."""
    g = gazetteer()
    found: list[_Found] = []
    last_end = 0
    for trigger_start, trigger_end in triggers:
        if trigger_start < last_end:
            continue
        word = text[trigger_start:trigger_end]
        if word in _LOCAL_GOV_UNITS:
            unit, name_level = _LOCAL_GOV_UNITS[word]
            name_start = trigger_end + 1 if trigger_end < len(text) and text[trigger_end] in " \t" else trigger_end
            read = _read_local_gov_name(text, name_start, name_level)
            if read is None:
                continue
            name, places = read
            end = name_start + len(name)
            found.append(_Found(trigger_start, end, "local_gov", name, places, unit))
            last_end = end
            continue
        if word in _PREFIXES:
            if len(word) == 2 and _INSIDE_ABBREVIATION.search(text, max(0, trigger_start - 3), trigger_start):
                continue
            level = _PREFIXES[word]
            name_start = trigger_end + 1 if trigger_end < len(text) and text[trigger_end] in " \t" else trigger_end
            read = _read_name(text, name_start, level)
            if read and word in ("เขต", "แขวง"):  # Bangkok's level words
                bangkok = [p for p in read[1] if p.province_code == "10"]
                read = (read[0], bangkok) if bangkok else None
            if read is None or _spaced_common_word(text, trigger_end, name_start, read[0]):
                continue
            name, places = read
            end = name_start + len(name)
            found.append(_Found(trigger_start, end, level, name, places))
            last_end = end
            continue
        # a bare province name
        if (trigger_start > 0 and text[trigger_start - 1] in _LEADING_VOWELS) or _continues(text, trigger_end):
            continue
        found.append(_Found(trigger_start, trigger_end, "province", word, [g.provinces[word]]))
        last_end = trigger_end
    return found


def _continues(text: str, index: int) -> bool:
    if index >= len(text):
        return False
    ch = text[index]
    return ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"


def _paragraph_breaks(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]


def _paragraph_bounds(breaks: list[int], length: int, pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(breaks, pos)
    return (breaks[i - 1] if i > 0 else 0), (breaks[i] if i < len(breaks) else length)


def _narrow(found: _Found, provinces: set[str], districts: set[str]) -> None:
    """Keep the candidates that fit the provinces/districts named around ``found``."""
    if len(found.candidates) <= 1:
        return
    by_district = [p for p in found.candidates if p.district_code in districts]
    if by_district and found.level in ("tambon", "local_gov"):
        found.candidates = by_district
        return
    by_province = [p for p in found.candidates if p.province_code in provinces]
    if by_province:
        found.candidates = by_province


def _settled(candidates: list[Place], level: str) -> tuple[str | None, str | None]:
    """(province code, district code of a district) of a found place, when it is certain."""
    if len(candidates) == 1 or (candidates and len({p.province_code for p in candidates}) == 1):
        first = candidates[0]
        return first.province_code, first.district_code if level == "amphoe" else None
    return None, None


def _resolve(text: str, found: list[_Found]) -> None:
    """Narrow the candidates of ambiguous places (in place) with what is named around them."""
    if _fast is not None:
        _fast.resolve_places(text, found, CONTEXT_CHARS)
    else:
        _python_resolve(text, found)


def _python_resolve(text: str, found: list[_Found]) -> None:
    """The reference of :func:`_resolve`."""
    ambiguous = [i for i, f in enumerate(found) if len(f.candidates) > 1]
    if not ambiguous:
        return
    starts = [f.start for f in found]
    breaks = _paragraph_breaks(text)
    for _ in range(2):  # a district resolved in the first pass can resolve a subdistrict
        # what each place was at the start of the pass (narrowing replaces the candidate lists)
        before_pass = [f.candidates for f in found]
        settled: dict[int, tuple[str | None, str | None]] = {}
        for i in ambiguous:
            f = found[i]
            if len(f.candidates) <= 1:
                continue
            lo, hi = _paragraph_bounds(breaks, len(text), f.start)
            lo, hi = max(lo, f.start - CONTEXT_CHARS), min(hi, f.end + CONTEXT_CHARS)
            provinces, districts = set(), set()
            for j in range(bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)):
                if j == i:
                    continue
                if j not in settled:
                    settled[j] = _settled(before_pass[j], found[j].level)
                province_code, district_code = settled[j]
                if province_code:
                    provinces.add(province_code)
                if district_code and len(found[j].candidates) == 1:
                    districts.add(found[j].candidates[0].district_code)
            _narrow(f, provinces, districts)
    text_provinces = {f.candidates[0].province_code for f in found if f.level == "province"}
    for i in ambiguous:
        f = found[i]
        if len({p.province_code for p in f.candidates}) > 1 and text_provinces:
            before = len(f.candidates)
            _narrow(f, text_provinces, set())
            if len(f.candidates) < before and len({p.province_code for p in f.candidates}) == 1:
                f.attrs["resolved_by"] = "document"


def _to_row(f: _Found) -> tuple:
    if len(f.candidates) == 1 and not f.attrs:  # the common case: one place, read once per name
        key = (f.level, f.name, f.candidates[0], f.unit)
        known = _ONE_PLACE_ROWS.get(key)
        if known is None:
            known = _ONE_PLACE_ROWS[key] = _row_values(f)
        value, attrs = known
        return f.start, f.end, "PLACE", value, "gazetteer", dict(attrs)
    value, attrs = _row_values(f)
    return f.start, f.end, "PLACE", value, "gazetteer", attrs


_ONE_PLACE_ROWS: dict[tuple, tuple[str, dict]] = {}


def _row_values(f: _Found) -> tuple[str, dict]:
    """(value, attrs) of a found place."""
    g = gazetteer()
    province_codes = sorted({p.province_code for p in f.candidates})
    province = g.province_name(province_codes[0]) if len(province_codes) == 1 else None
    attrs = {"level": f.level, "province": province, "ambiguous": len(province_codes) > 1, **f.attrs}
    if attrs["ambiguous"]:
        attrs["candidates"] = [g.province_name(code) for code in province_codes]
    name = f.name
    if f.level == "province":
        name = f.candidates[0].name
    elif f.level == "amphoe" and f.name == "เมือง" and len(f.candidates) == 1:
        attrs["district_name"] = f.candidates[0].name
    if f.level == "tambon" and len({p.district_code for p in f.candidates}) == 1 and f.candidates:
        attrs["district"] = g.district_by_code[f.candidates[0].district_code].name
    if f.unit:
        attrs["unit"] = f.unit
    if len(f.candidates) == 1:
        attrs["code"] = f.candidates[0].code
    return name, attrs


def find_places(text: str) -> list[Entity]:
    """PLACE entities with ``attrs`` level, province, ambiguous (+ candidates), code when unique.

    ``value`` is the province name for a province, the name without its prefix otherwise.

    >>> [(e.value, e.attrs["ambiguous"], e.attrs.get("candidates")) for e in find_places("ตำบลโคกเคียน")]
    [('โคกเคียน', True, ['พังงา', 'นราธิวาส'])]
    >>> [(e.value, e.attrs["province"]) for e in find_places("ตำบลโคกเคียน อำเภอเมืองนราธิวาส")]
    [('โคกเคียน', 'นราธิวาส'), ('เมืองนราธิวาส', 'นราธิวาส')]
    """
    return [Entity(s, e, text[s:e], label, value, source, attrs) for s, e, label, value, source, attrs in place_rows(text)]


def place_rows(text: str, found: Scan | None = None) -> list[tuple]:
    """(start, end, "PLACE", value, "gazetteer", attrs) of every place: :func:`find_places`
    without building entities (``find_entities`` builds only those that survive)."""
    found = found or scan(text)
    if _fast is not None:  # the same steps, each compiled, without a Python call between them
        return _fast.place_rows(
            _fast_reader(), text, found, _bare_district_names, _FAST_ONE_PLACE_ROWS, _row_values, CONTEXT_CHARS
        )
    places = _candidates(text, found.words("places"))
    places = _with_bare_districts(text, places, found)
    _resolve(text, places)
    return [_to_row(f) for f in places]


_FAST_ONE_PLACE_ROWS: dict[str, list] = {}  # the compiled path's _ONE_PLACE_ROWS, by name (bare ones too)


# District names that are also everyday words or phrases: never read without อำเภอ/อ.
PREFIX_ONLY_DISTRICTS = frozenset(
    {"สะเดา", "พนม", "ศรีนครินทร์", "พระพรหม", "จุฬาภรณ์", "วิภาวดี", "เฉลิมพระเกียรติ", "เมือง", "บ้านนา", "ท่าศาลา"}
)


def _bare_district_words() -> list[str]:
    return [
        d.name for d in gazetteer().district_by_code.values() if len(d.name) >= 3 and d.name not in PREFIX_ONLY_DISTRICTS
    ]


register("districts", _bare_district_words)


@lru_cache(maxsize=64)
def _bare_district_names(province_codes: frozenset[str]) -> frozenset[str]:
    return frozenset(
        d.name
        for d in gazetteer().district_by_code.values()
        if d.province_code in province_codes and len(d.name) >= 3 and d.name not in PREFIX_ONLY_DISTRICTS
    )


def _with_bare_districts(text: str, found: list[_Found], scanned: Scan) -> list[_Found]:
    """Add district names written without อำเภอ (``หาดใหญ่``), read only in a text that names
    their province: alone, a district name is too often an ordinary word or a person's name."""
    if _fast is not None:
        return _fast.with_bare_districts(_fast_reader(), text, found, scanned, _bare_district_names)
    return _python_with_bare_districts(text, found, scanned)


def _python_with_bare_districts(text: str, found: list[_Found], scanned: Scan) -> list[_Found]:
    """The reference of :func:`_with_bare_districts`."""
    provinces = frozenset(
        f.candidates[0].province_code for f in found if len({p.province_code for p in f.candidates}) == 1
    )
    names = _bare_district_names(provinces) if provinces else None
    if not names:
        return found
    g = gazetteer()
    taken = [(f.start, f.end) for f in found]
    starts = [a for a, _ in taken]
    extra = []
    for start, end in scanned.words("districts", names.__contains__):
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < taken[i][1]:
            continue  # inside a place already found ("อ.หาดใหญ่", "เทศบาลนครหาดใหญ่")
        if (start > 0 and text[start - 1] in _LEADING_VOWELS) or _continues(text, end):
            continue
        name = text[start:end]
        places = [p for p in g.districts[name] if p.province_code in provinces]
        extra.append(_Found(start, end, "amphoe", name, places, attrs={"bare": True}))
    return sorted(found + extra, key=lambda f: f.start) if extra else found

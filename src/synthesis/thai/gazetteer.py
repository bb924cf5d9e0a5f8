"""Thai administrative names from ``geothai``, indexed once for fast lookups by name.

77 provinces, 928 districts (อำเภอ/เขต) and 7,436 subdistricts (ตำบล/แขวง). Names are keyed
without their level word (Bangkok's ``เขตพระนคร`` is keyed ``พระนคร``), so a finder that has
just read a prefix such as ``อ.`` looks up the words after it with :func:`longest_name_at`
instead of scanning every name.

>>> gazetteer().provinces["สงขลา"].code
'90'
>>> [d.province_code for d in gazetteer().districts["จะนะ"]]
['90']
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from functools import lru_cache

import geothai

# Other ways reports write a province; value is the official name.
PROVINCE_ALIASES = {
    "กรุงเทพฯ": "กรุงเทพมหานคร",
    "กรุงเทพ": "กรุงเทพมหานคร",
    "กทม.": "กรุงเทพมหานคร",
    "กทม": "กรุงเทพมหานคร",
    "นครศรีฯ": "นครศรีธรรมราช",
    "สุราษฎร์ฯ": "สุราษฎร์ธานี",
    "สุราษฎร์": "สุราษฎร์ธานี",
    "อยุธยา": "พระนครศรีอยุธยา",
    "โคราช": "นครราชสีมา",
}
# Level words that geothai keeps at the start of some names.
_LEVEL_WORDS = ("เขต", "แขวง")


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative area: ``level`` is province, amphoe or tambon."""

    name: str
    level: str
    code: str
    province_code: str
    district_code: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    provinces: dict[str, Place]  # name or alias → province
    province_by_code: dict[str, Place]
    districts: dict[str, list[Place]]  # name → districts with that name
    district_by_code: dict[str, Place]
    subdistricts: dict[str, list[Place]]  # name → subdistricts with that name
    capital_district: dict[str, Place]  # province code → its อำเภอเมือง
    max_name_length: int

    def province_name(self, code: str | None) -> str | None:
        place = self.province_by_code.get(code or "")
        return place.name if place else None


def _strip_level_word(name: str) -> str:
    for word in _LEVEL_WORDS:
        if name.startswith(word) and len(name) > len(word) + 1:
            return name[len(word) :]
    return name


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built from geothai on first use (about 50 ms) and kept."""
    provinces: dict[str, Place] = {}
    by_code: dict[str, Place] = {}
    districts: dict[str, list[Place]] = {}
    district_by_code: dict[str, Place] = {}
    subdistricts: dict[str, list[Place]] = {}
    capital: dict[str, Place] = {}
    for province in geothai.provinces():
        place = Place(province.name_th, "province", province.code, province.code)
        provinces[province.name_th] = place
        by_code[province.code] = place
        for district in geothai.districts(province.code):
            name = _strip_level_word(district.name_th)
            d_place = Place(name, "amphoe", district.code, province.code, district.code)
            districts.setdefault(name, []).append(d_place)
            district_by_code[district.code] = d_place
            if name.startswith("เมือง") and province.code not in capital:
                capital[province.code] = d_place
            for sub in geothai.subdistricts(district.code):
                s_name = _strip_level_word(sub.name_th)
                s_place = Place(s_name, "tambon", sub.code, province.code, district.code)
                subdistricts.setdefault(s_name, []).append(s_place)
    for alias, official in PROVINCE_ALIASES.items():
        provinces[alias] = provinces[official]
    longest = max(len(n) for table in (provinces, districts, subdistricts) for n in table)
    return Gazetteer(provinces, by_code, districts, district_by_code, subdistricts, capital, longest)


def longest_name_at(text: str, pos: int, names: dict, max_length: int | None = None) -> str | None:
    """The longest key of ``names`` that ``text`` has at ``pos`` and that ends on a cluster edge.

    >>> longest_name_at("ต.แค อ.จะนะ", 2, gazetteer().subdistricts)
    'แค'
    """
    cached = _INDEXES.get(id(names))
    lengths = (cached[1] if cached is not None and cached[0] is names else _lengths_by_start(names)).get(
        text[pos : pos + 2]
    )
    if not lengths:
        return None
    limit = min(len(text) - pos, max_length or gazetteer().max_name_length)
    for length in lengths:
        if length > limit:
            continue
        candidate = text[pos : pos + length]
        if candidate in names and not _continues_cluster(text, pos + length):
            return candidate
    return None


_INDEXES: dict[int, tuple[dict, dict[str, list[int]]]] = {}


def _lengths_by_start(names: dict) -> dict[str, list[int]]:
    """For each two-character start of a key of ``names``, the key lengths, longest first.

    Cached per table: a lookup then tries the few lengths that can match instead of all.
    """
    cached = _INDEXES.get(id(names))
    if cached is None or cached[0] is not names:
        index: dict[str, set[int]] = {}
        for name in names:
            if len(name) >= 2:
                index.setdefault(name[:2], set()).add(len(name))
        cached = (names, {start: sorted(lengths, reverse=True) for start, lengths in index.items()})
        _INDEXES[id(names)] = cached
    return cached[1]


def words_pattern(words) -> str:
    """A regex matching any of ``words``, longest first, built as a trie (fast on long texts).

    An alternation of hundreds of literals is tried one by one at every position; the trie
    shares prefixes so each position costs a few character tests.

    >>> import re; re.findall(words_pattern(["สตูล", "สงขลา", "ส"]), "สงขลา สตูล ส")
    ['สงขลา', 'สตูล', 'ส']
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        ends_here = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:  # longer words first: the optional tail is greedy
            return "(?:" + body + ")?"
        return body

    return build(trie)


def _continues_cluster(text: str, index: int) -> bool:
    """True if ``text[index]`` is a Thai mark that belongs to the character before it."""
    if index >= len(text):
        return False
    ch = text[index]
    return ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e" or ch in "ะาำ"

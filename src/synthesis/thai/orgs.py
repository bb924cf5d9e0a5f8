"""ORG entities from the agency lexicon ``data/orgs.yaml``: abbreviations expanded.

Every full name, alias and abbreviation in the lexicon is matched (abbreviations with and
without their dots, unless the entry says ``dotless: false``); the longest match wins.
An entry with ``region`` also takes a region number (``สปสช.เขต 12``, ``สคร.12``); an entry with
``province`` also takes a following province name (``สสจ.สงขลา``). ``value`` is the canonical
full name (with its region), ``attrs["abbr"]`` the usual abbreviation.

>>> [(e.text, e.value, e.attrs["abbr"]) for e in find_orgs("ประชุมที่ สปสช.เขต12สงขลา กับ สสส.")]
[('สปสช.เขต12', 'สำนักงานหลักประกันสุขภาพแห่งชาติ เขต 12', 'สปสช.'), ('สสส.', 'สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ', 'สสส.')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from synthesis.thai.accel import compiled
from synthesis.thai.gazetteer import gazetteer, longest_name_at, words_pattern
from synthesis.thai.numbers import parse_number
from synthesis.thai.places import _fast_reader as _place_reader
from synthesis.thai.scan import Scan, register, scan
from synthesis.thai.spans import Entity

_THAI_LETTER = "\u0e01-\u0e4e"


@dataclass(frozen=True, slots=True)
class Org:
    name: str
    abbr: str | None
    region_word: str | None
    takes_province: bool
    takes_place: str | None = None  # "tambon" or "district": a place name may follow


@dataclass(frozen=True)
class _Lexicon:
    dotted: dict[str, Org]  # full names, aliases, abbreviations with their dots
    dotless: dict[str, Org]  # abbreviations without dots: must not run on into a word
    pattern: re.Pattern[str]


def _validated(entries: object, source: str) -> list[dict]:
    if not isinstance(entries, list):
        raise ValueError(f"{source}: expected a list of organisations, got {type(entries).__name__}")
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"{source}: entry {i + 1} has no 'name'")
    return entries


def build_lexicon(yaml_text: str, source: str = "orgs.yaml") -> _Lexicon:
    """A lexicon from YAML text; a clear ``ValueError`` names ``source`` when it is malformed.

    >>> build_lexicon("- name: กรมอนามัย").dotted["กรมอนามัย"].name
    'กรมอนามัย'
    """
    try:
        entries = _validated(yaml.safe_load(yaml_text), source)
    except yaml.YAMLError as error:
        raise ValueError(f"{source}: not valid YAML: {error}") from error
    dotted: dict[str, Org] = {}
    dotless: dict[str, Org] = {}
    for entry in entries:
        org = Org(
            entry["name"], entry.get("abbr"), entry.get("region"), bool(entry.get("province")), entry.get("place")
        )
        if org.takes_place not in (None, "tambon", "district"):
            raise ValueError(f"{source}: place of {org.name} must be tambon or district, not {org.takes_place!r}")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(f"{source}: aliases of {org.name} must be a list of names")
        for form in [org.name, *aliases]:
            dotted.setdefault(form, org)
        if org.abbr:
            dotted.setdefault(org.abbr, org)
            bare = org.abbr.replace(".", "")
            if entry.get("dotless", True) and len(bare) >= 3:
                dotless.setdefault(bare, org)
                if org.abbr.count(".") > 1:  # "รพ.สต" without its last dot
                    dotless.setdefault(org.abbr.rstrip("."), org)
    # One plain trie of every form (fast to scan); a dotless form is checked after the match.
    pattern = re.compile(words_pattern([*dotted, *dotless]))
    return _Lexicon(dotted, dotless, pattern)


_DOTLESS_MAY_GLUE = ("เขต", "จังหวัด")


def org_at(text: str, pos: int) -> tuple[str, Org] | None:
    """The lexicon form written at ``pos`` and its organisation, or None.

    >>> org_at("ทีมสปสช.เขต 12", 3)[1].abbr
    'สปสช.'
    """
    m = lexicon().pattern.match(text, pos)
    return _accepted(text, m) if m else None


def _accepted(text: str, m: re.Match[str]) -> tuple[str, Org] | None:
    return _accepted_at(text, m.start(), m.end())


def _accepted_at(text: str, start: int, end: int) -> tuple[str, Org] | None:
    lex = lexicon()
    written = text[start:end]
    if written in lex.dotted:
        return written, lex.dotted[written]
    # An abbreviation without its dots must not run on into a Thai word ("สสสร้าง").
    if end < len(text) and (text[end] == "." or "\u0e01" <= text[end] <= "\u0e4e") and not text.startswith(_DOTLESS_MAY_GLUE, end):
        return None
    return written, lex.dotless[written]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The shipped lexicon, read once."""
    text = resources.files("synthesis.thai").joinpath("data/orgs.yaml").read_text(encoding="utf-8")
    return build_lexicon(text, "synthesis/thai/data/orgs.yaml")


def _lexicon_forms() -> list[str]:
    lex = lexicon()
    return [*lex.dotted, *lex.dotless]


register("orgs", _lexicon_forms)

_REGION = re.compile(r"[ \t]?(?:(?P<word>เขต|ที่)[ \t]?)?(?P<number>[0-9๐-๙]{1,2})(?![0-9๐-๙])")
_PROVINCE_LEAD = re.compile(r"[ \t]?(?:จังหวัด|จ\.)?[ \t]?")


def find_orgs(text: str) -> list[Entity]:
    """ORG entities: value is the canonical full name, ``attrs["abbr"]`` the abbreviation.

    ``attrs`` also has ``region`` (a number) or ``province`` when the name carries one.

    >>> [(e.text, e.value) for e in find_orgs("สคร.12 และ พมจ.ยะลา")]
    [('สคร.12', 'สำนักงานป้องกันควบคุมโรคที่ 12'), ('พมจ.ยะลา', 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดยะลา')]
    """
    return [Entity(s, e, text[s:e], label, value, source, attrs) for s, e, label, value, source, attrs in org_rows(text)]


def org_rows(text: str, found: Scan | None = None) -> list[tuple]:
    """(start, end, "ORG", value, "lexicon", attrs) of every organisation: :func:`find_orgs`
    without building entities (``find_entities`` builds only those that survive)."""
    if _fast is not None:
        return _fast.org_rows(_fast_reader(), text, (found or scan(text)).words("orgs"))
    return _python_org_rows(text, found)


# The compiled twin of _python_org_rows (``_fast_entities.pyx``), or None.
_fast = compiled("entities")


@functools.cache
def _fast_reader():
    """The lexicon and name tries the compiled reader takes (built once)."""
    return _fast.OrgReader(lexicon(), _DOTLESS_MAY_GLUE, _place_reader())


def _python_org_rows(text: str, found: Scan | None = None) -> list[tuple]:
    """The reference of :func:`org_rows`."""
    rows = []
    last_end = 0
    for start, end in (found or scan(text)).words("orgs"):
        if start < last_end:
            continue
        accepted = _accepted_at(text, start, end)
        if accepted is None:
            continue
        written, org = accepted
        value = org.name
        attrs: dict = {"abbr": org.abbr}
        if org.region_word:
            region = _REGION.match(text, end)
            if region and (region.group("word") or written.endswith(".") or org.region_word == "ที่"):
                number = parse_number(region.group("number"))
                value = f"{org.name}{' ' if org.region_word == 'เขต' else ''}{org.region_word} {number}"
                attrs["region"] = number
                end = region.end()
        if org.takes_province:
            lead = _PROVINCE_LEAD.match(text, end)
            province = longest_name_at(text, lead.end(), gazetteer().provinces)
            if province:
                attrs["province"] = gazetteer().provinces[province].name
                said_province = lead.group().strip() != ""  # "…จังหวัดตรัง", "…จ.ตรัง"
                joiner = "จังหวัด" if said_province and not value.endswith("จังหวัด") else ""
                value = f"{value}{joiner}{attrs['province']}"
                end = lead.end() + len(province)
        if org.takes_place and "province" not in attrs:
            table = gazetteer().subdistricts if org.takes_place == "tambon" else gazetteer().districts
            place_start = end + 1 if text[end : end + 1] in (" ", "\t") and org.takes_place == "district" else end
            place = longest_name_at(text, place_start, table)
            if place:
                attrs[org.takes_place] = place
                value = f"{org.name}{place}"
                end = place_start + len(place)
        rows.append((start, end, "ORG", value, "lexicon", attrs))
        last_end = end
    return rows

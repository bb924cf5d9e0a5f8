"""Pilot areas (``lessons/areas.yaml``) and the attribution of documents to them.

Rules, strongest first (each attribution keeps its evidence span and a confidence):

1. ``metadata`` (1.0): the document's front matter or sidecar ``<file>.meta.yaml`` lists
   ``areas:``. When present it decides alone.
2. ``place`` (0.9): the text names the area's local government unit, its tambon, or one of
   its aliases, and the area's province agrees (named in the document, or the place resolved
   to it by the gazetteer).
3. ``occupation`` (0.6): the text names the area's occupation group with its province (or
   amphoe) in the same paragraph, within :data:`OCCUPATION_WINDOW` characters.

A document naming several areas (a regional meeting) belongs to each. An activity report or
an interview is about one place, though it may name another in passing ("we learnt this from
Huai Yot"): when such a document names several areas, the area named in its head (up to
the first blank line, at most :data:`HEAD_CHARS` characters: the fund line of a fund report, the
header of an interview), else the one it
names most often, keeps the attribution; the others are kept as ``mention`` (0.3), evidence
only, not among the document's areas.

>>> [a.id for a in load_areas()][:2]
['narathiwat-khok-khian', 'yala-bala']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from synthesis.paths import lessons_dir

RULE_CONFIDENCE = {"metadata": 1.0, "place": 0.9, "occupation": 0.6, "mention": 0.3}
SINGLE_AREA_KINDS = ("activity_report", "interview")
HEAD_CHARS = 400
MAX_EVIDENCE_PER_RULE = 5
OCCUPATION_WINDOW = 200  # characters either side of an occupation term to look for the province
_ADMIN_PREFIXES = ("ตำบล", "ต.", "อบต.", "ทต.", "ทม.", "ทน.", "เทศบาล", "องค์การบริหารส่วนตำบล")
_AREA_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster


class AreasError(ValueError):
    """``areas.yaml`` is not valid; the message names the file and the entry."""


@dataclass(frozen=True)
class Area:
    id: str
    name_th: str
    name_en: str
    province: str
    amphoe: str | None = None
    tambon: str | None = None
    local_government: str | None = None
    occupation_th: str | None = None
    occupation_en: str | None = None
    occupation_terms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    period: dict[str, str] = field(default_factory=dict)

    def place_names(self) -> list[str]:
        """Names that point at this area in a text, longest first."""
        names = {self.local_government, *self.aliases}
        if self.tambon:
            names |= {f"ตำบล{self.tambon}", f"ต.{self.tambon}", f"อบต.{self.tambon}",
                      f"ทต.{self.tambon}", f"เทศบาลตำบล{self.tambon}"}
        return sorted((n for n in names if n), key=len, reverse=True)


@dataclass(frozen=True)
class Attribution:
    doc_id: str
    area_id: str
    rule: str
    evidence: str
    start: int | None
    end: int | None
    confidence: float


_REQUIRED = ("id", "name_th", "name_en", "province")
_LISTS = ("occupation_terms", "aliases")
_KNOWN = set(Area.__dataclass_fields__)


def default_areas_path() -> Path:
    return lessons_dir() / "areas.yaml"


def load_areas(path: str | Path | None = None) -> list[Area]:
    """Read and validate the pilot areas; raises :class:`AreasError` naming file and entry."""
    path = Path(path) if path else default_areas_path()
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_YAML_LOADER)
    except OSError as error:
        raise AreasError(f"{path}: cannot read ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        raise AreasError(f"{path}: not valid YAML: {error}") from None
    entries = data.get("areas") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise AreasError(f"{path}: expected a top-level 'areas:' list")
    areas, seen = [], set()
    for index, entry in enumerate(entries, 1):
        where = f"{path}: area #{index}" + (f" ({entry.get('id')})" if isinstance(entry, dict) else "")
        if not isinstance(entry, dict):
            raise AreasError(f"{where}: expected a mapping of fields")
        missing = [k for k in _REQUIRED if not entry.get(k)]
        if missing:
            raise AreasError(f"{where}: missing {', '.join(missing)}")
        unknown = sorted(set(entry) - _KNOWN)
        if unknown:
            raise AreasError(f"{where}: unknown field(s) {', '.join(unknown)}")
        if not _AREA_ID.match(str(entry["id"])):
            raise AreasError(f"{where}: id must be a lower-case ASCII slug (a-z, 0-9, -)")
        if entry["id"] in seen:
            raise AreasError(f"{where}: duplicate id {entry['id']!r}")
        seen.add(entry["id"])
        values: dict[str, Any] = {}
        for key, value in entry.items():
            if key in _LISTS:
                if isinstance(value, str):
                    value = [value]
                if not isinstance(value, list):
                    raise AreasError(f"{where}: {key} must be a list")
                values[key] = tuple(str(v) for v in value)
            elif key == "period":
                if not isinstance(value, dict):
                    raise AreasError(f"{where}: period must be {{start: …, end: …}}")
                values[key] = {k: (v.isoformat() if isinstance(v, dt.date) else str(v))
                               for k, v in value.items()}
            else:
                values[key] = None if value is None else str(value)
        areas.append(Area(**values))
    return areas


def _metadata_areas(metadata: dict[str, Any]) -> list[str]:
    value = metadata.get("areas", metadata.get("area"))
    if value is None:
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    return [str(v) for v in value if str(v).strip()]


def _occurrences(text: str, term: str, bounds: set[int] | None) -> list[tuple[int, int]]:
    """Where ``term`` occurs as whole words (at token boundaries when ``bounds`` is given)."""
    found = []
    start = text.find(term)
    while start != -1 and len(found) < MAX_EVIDENCE_PER_RULE * 4:
        end = start + len(term)
        if bounds is None or (start in bounds and end in bounds):
            found.append((start, end))
        start = text.find(term, start + 1)
    return found


def _province_near(text: str, start: int, end: int, area: Area) -> bool:
    """The area's province (or amphoe) is named in the same paragraph, near the occupation."""
    left = text.rfind("\n\n", max(0, start - OCCUPATION_WINDOW), start)
    right = text.find("\n\n", end, end + OCCUPATION_WINDOW)
    window = text[(left + 2 if left != -1 else max(0, start - OCCUPATION_WINDOW)):
                  (right if right != -1 else end + OCCUPATION_WINDOW)]
    return any(name and name in window for name in (area.province, area.amphoe))


def attribute(doc, areas: list[Area]) -> list[Attribution]:
    """The areas a document belongs to, each with its evidence.

    ``doc`` needs ``doc_id``, ``text``, ``metadata`` and (optionally) ``tokens`` and
    ``entities`` (PLACE entities with ``attrs["province"]``); a :class:`Document` has them.
    """
    text = doc.text
    known = {a.id: a for a in areas}
    listed = _metadata_areas(getattr(doc, "metadata", {}) or {})
    if listed:
        return [Attribution(doc.doc_id, area_id, "metadata", f"areas: {area_id}", None, None,
                            RULE_CONFIDENCE["metadata"])
                for area_id in dict.fromkeys(listed) if area_id in known]
    tokens = getattr(doc, "tokens", None) or []
    if hasattr(tokens, "boundaries"):  # a TokenList: its offsets, without making Token objects
        bounds = set(tokens.boundaries) if tokens else None
    else:
        bounds = {t.start for t in tokens} | {t.end for t in tokens} if tokens else None
    places = [e for e in getattr(doc, "entities", []) or [] if e.label == "PLACE"]
    provinces_named = {str(e.attrs.get("province") or "") for e in places if not e.attrs.get("ambiguous")}
    provinces_named |= {str(e.value) for e in places if e.attrs.get("level") == "province"}
    result: list[Attribution] = []
    place_counts: dict[str, int] = {}
    for area in areas:
        province_ok = area.province in provinces_named or area.province in text
        place_hits = []
        for name in area.place_names():
            # a prefixed name (ต.แค, อบต.บาละ) is a word boundary of its own
            prefixed = name.startswith(_ADMIN_PREFIXES)
            for start, end in _occurrences(text, name, None if prefixed else bounds):
                if not any(s <= start < e for s, e in place_hits):
                    place_hits.append((start, end))
        for entity in places:
            if entity.value == area.tambon and entity.attrs.get("level") == "tambon":
                if entity.attrs.get("province") == area.province and \
                        not any(s <= entity.start < e for s, e in place_hits):
                    place_hits.append((entity.start, entity.end))
        if place_hits and province_ok:
            place_counts[area.id] = len(place_hits)
            for start, end in sorted(place_hits)[:MAX_EVIDENCE_PER_RULE]:
                result.append(Attribution(doc.doc_id, area.id, "place", text[start:end], start, end,
                                          RULE_CONFIDENCE["place"]))
        if province_ok:
            occupation_hits = []
            for term in sorted(area.occupation_terms, key=len, reverse=True):
                for start, end in _occurrences(text, term, bounds):
                    if not any(s <= start < e for s, e in occupation_hits) and \
                            _province_near(text, start, end, area):
                        occupation_hits.append((start, end))
            for start, end in sorted(occupation_hits)[:MAX_EVIDENCE_PER_RULE]:
                result.append(Attribution(doc.doc_id, area.id, "occupation", text[start:end], start,
                                          end, RULE_CONFIDENCE["occupation"]))
    if getattr(doc, "kind", None) in SINGLE_AREA_KINDS:
        blank = text.find("\n\n")
        head_end = min(HEAD_CHARS, blank if blank != -1 else len(text))
        result = _focus_on_main_area(result, place_counts, head_end)
    return result


def _focus_on_main_area(result: list[Attribution], place_counts: dict[str, int],
                        head_end: int) -> list[Attribution]:
    """Keep the area a single-place document is about; demote the others to ``mention``."""
    if len({a.area_id for a in result}) < 2 or not place_counts:
        return result
    in_head = {a.area_id for a in result
               if a.rule == "place" and a.start is not None and a.start < head_end}
    if in_head:
        main = in_head
    else:
        most = max(place_counts.values())
        main = {area_id for area_id, count in place_counts.items() if count == most}
    return [a if a.area_id in main else
            Attribution(a.doc_id, a.area_id, "mention", a.evidence, a.start, a.end, RULE_CONFIDENCE["mention"])
            for a in result]


def area_confidence(attributions: list[Attribution]) -> dict[str, tuple[float, str]]:
    """Per area the best confidence and the rule that gave it."""
    best: dict[str, tuple[float, str]] = {}
    for a in attributions:
        if a.area_id not in best or a.confidence > best[a.area_id][0]:
            best[a.area_id] = (a.confidence, a.rule)
    return best

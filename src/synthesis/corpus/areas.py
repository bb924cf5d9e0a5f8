"""Pilot areas (``lessons/areas.yaml``) and the attribution of documents to them.

A document belongs to an area by evidence of the area itself, never by one passing mention.
Rules, strongest first (each attribution keeps its evidence span and a confidence):

1. ``metadata`` (1.0): the document's front matter or sidecar ``<file>.meta.yaml`` lists
   ``areas:``. When present it decides alone.
2. ``place`` (0.9): the text names the area's subdistrict (``ต.บาละ``, ``ตำบลบาละ``), its local
   government (``อบต.บาละ``, ``ทต.หนองจิก``) or an alias, the area's province agrees, and the
   naming is more than a passing mention: in the document's head (up to the first blank line,
   at most :data:`HEAD_CHARS` characters), on two lines or more, or at the start of a line
   that also names its occupation group (``2.5 พัทลุง ทม.พัทลุง กลุ่มวินมอเตอร์ไซค์…``: the
   line is about the area, not a fund list's row). A name followed by another
   province or district (``ต.โคกเคียน อ.ตะกั่วป่า จ.พังงา``) is another place; a bare alias
   right after ``อ.``/``อำเภอ``/``จ.``/``รพ.`` names the district, not the area
   (``สำนักงานประมงอำเภอหนองจิก``).
3. ``occupation`` (0.6): the area's occupation group with its province (or amphoe) in the same
   paragraph, within :data:`OCCUPATION_WINDOW` characters: evidence beside the place (it
   supports a district-name alias and makes a line about the area), never alone.
4. ``uncertain`` (0.5): the only evidence is a bare alias that is also a district or province
   name (``หนองจิก``, ``ห้วยยอด``) or the occupation group with the province (rubber is
   tapped in three provinces' areas; a district office's page names the fishers), without
   the subdistrict or the local government. Listed for a person to decide, with its evidence.
5. ``mention`` (0.3): one passing mention (one line, outside the head); or, in an activity
   report or interview about another area, any naming of this one (the area named in the
   head, else the one named most, keeps the document); so too in a document of no known kind
   whose head names one area (a mentor's note, a news page).
6. ``outside_period`` (0.2): evidence for an area in a document dated outside the area's
   programme period (``period`` in areas.yaml): kept and flagged, not a member.

Only ``metadata``, ``place`` and ``occupation`` make a document the area's
(:data:`MEMBER_RULES`, :func:`member_areas`).

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
from synthesis.safe_yaml import load_yaml

RULE_CONFIDENCE = {"metadata": 1.0, "place": 0.9, "occupation": 0.6, "uncertain": 0.5, "mention": 0.3,
                   "outside_period": 0.2}
MEMBER_RULES = ("metadata", "place", "occupation")  # occupation only ever beside a place
# Kinds about one project of one place: their head's area is the document's area, others are mentions.
SINGLE_AREA_KINDS = ("activity_report", "interview", "monitoring_visit", "progress_report", "final_report",
                     "evaluation", "project_detail", "project_proposal")
HEAD_CHARS = 400
MAX_EVIDENCE_PER_RULE = 5
OCCUPATION_WINDOW = 200  # characters either side of an occupation term to look for the province
_PEOPLE_PREFIXES = ("ผู้", "คน", "ชาว", "ช่าง", "กลุ่ม", "การ")  # ผู้กรีดยาง is one token: กรีดยาง in it
_ADMIN_PREFIXES = ("ตำบล", "ต.", "อบต.", "ทต.", "ทม.", "ทน.", "เทศบาล", "องค์การบริหารส่วนตำบล")
# a bare name right after these words is the district, province or an office named after it
_DISTRICT_BEFORE = re.compile(r"(?:อ\.|อำเภอ|จ\.|จังหวัด|รพ\.|โรงพยาบาล|สภ\.|สสอ\.|กศน\.)[ \t]*$")
# a province or district written right after a place name: whose place it is
_LEVEL_AFTER = re.compile(r"[ \t]*(?:(?:อ\.|อำเภอ)[ \t]*(?P<amphoe>[ก-๛]+)[ \t]*)?"
                          r"(?:(?:จ\.|จังหวัด)[ \t]*(?P<province>[ก-๛]+))?")
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
        data = load_yaml(path.read_text(encoding="utf-8-sig"), source=str(path), loader=_YAML_LOADER)
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
    """The areas a document belongs to, each with its evidence (rules of this module).

    ``doc`` needs ``doc_id``, ``text``, ``metadata`` and (optionally) ``tokens``, ``entities``
    (PLACE entities with ``attrs["province"]``), ``kind`` and ``parsed.date``; a
    :class:`Document` has them.
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
    blank = text.find("\n\n")
    head_end = min(HEAD_CHARS, blank if blank != -1 else len(text))
    result: list[Attribution] = []
    place_counts: dict[str, int] = {}
    for area in areas:
        if not (area.province in provinces_named or area.province in text):
            continue
        found = _area_evidence(text, area, bounds, places, head_end)
        if found and found[0][0] == "place":
            place_counts[area.id] = sum(1 for rule, _, _ in found if rule == "place")
        result += [Attribution(doc.doc_id, area.id, rule, text[s:e], s, e, RULE_CONFIDENCE[rule])
                   for rule, s, e in found]
    kind = getattr(doc, "kind", None)
    head_areas = {a.area_id for a in result if a.rule == "place" and a.start is not None and a.start < head_end}
    if kind in SINGLE_AREA_KINDS or (kind == "other" and len(head_areas) == 1):
        result = _focus_on_main_area(result, place_counts, head_end)
    return _within_period(result, known, _document_date(doc))


def _area_evidence(text: str, area: Area, bounds: set[int] | None, places: list,
                   head_end: int) -> list[tuple[str, int, int]]:
    """(rule, start, end) of each piece of evidence for one area, by the module's rules."""
    strong, bare = _place_hits(text, area, bounds, places)
    occupation_hits: list[tuple[int, int]] = []
    for term in sorted(area.occupation_terms, key=len, reverse=True):
        for start, end in _occurrences(text, term, None):
            # occupation terms are long words: one side at a word boundary is enough
            # (ผู้กรีดยาง and วินมอเตอร์ไซค์รับจ้าง are single tokens)
            if bounds is not None and end not in bounds and end != len(text) and start not in bounds \
                    and not text[:start].endswith(_PEOPLE_PREFIXES):
                continue
            if not any(s <= start < e for s, e in occupation_hits) and _province_near(text, start, end, area):
                occupation_hits.append((start, end))
    occupation_hits.sort()
    ambiguous = [hit for hit in bare if _is_admin_name(text[hit[0]:hit[1]])]
    supported = strong or occupation_hits
    place_hits = sorted(strong + [hit for hit in bare if hit not in ambiguous or supported])
    if not place_hits:  # a district-name alias or the occupation alone: for a person to decide
        return [("uncertain", s, e) for s, e in sorted(ambiguous + occupation_hits)[:MAX_EVIDENCE_PER_RULE]]
    lines = {_line_of(text, start) for start, _ in place_hits}
    occupation_lines = {_line_of(text, start) for start, _ in occupation_hits}
    passing = not (any(start < head_end for start, _ in place_hits) or len(lines) >= 2
                   or any(_opens_line(text, start) and _line_of(text, start) in occupation_lines
                          for start, _ in place_hits))
    rule = "mention" if passing else "place"
    return [(rule, s, e) for s, e in place_hits[:MAX_EVIDENCE_PER_RULE]] + \
        [("mention" if passing else "occupation", s, e) for s, e in occupation_hits[:MAX_EVIDENCE_PER_RULE]]


def _line_of(text: str, start: int) -> int:
    return text.count("\n", 0, start)


TOPIC_CHARS = 40  # a name this near the start of its line (after a list number) is the line's topic
_ITEM_MARKER = re.compile(r"[ \t]*(?:[0-9๐-๙]+(?:[.)][0-9๐-๙]*)+|[-•*])?[ \t]*")


def _opens_line(text: str, start: int) -> bool:
    """The name stands at the start of its line (``2.5 พัทลุง ทม.พัทลุง กลุ่มวิน…``): the line
    is about the area, not a passing mention in a line about another."""
    line_start = text.rfind("\n", 0, start) + 1
    marker = _ITEM_MARKER.match(text, line_start)
    return start - (marker.end() if marker else line_start) <= TOPIC_CHARS


def _place_hits(text: str, area: Area, bounds: set[int] | None,
                places: list) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the text names the area: (prefixed names and local government, bare aliases).
    A name followed by another province or district, or a bare alias naming the district
    (after อ./อำเภอ/รพ. …), is left out."""
    strong: list[tuple[int, int]] = []
    bare: list[tuple[int, int]] = []

    def taken(start: int) -> bool:
        return any(s <= start < e for s, e in strong + bare)

    elsewhere = own = False
    for name in area.place_names():
        prefixed = name.startswith(_ADMIN_PREFIXES)
        for start, end in _occurrences(text, name, None if prefixed else bounds):
            if _other_place_follows(text, end, area):
                elsewhere = True
                continue
            own = own or _own_place_follows(text, end, area)
            if taken(start):
                continue
            if not prefixed and _DISTRICT_BEFORE.search(text[max(0, start - 20):start]):
                continue
            (strong if prefixed else bare).append((start, end))
    if elsewhere and not own:  # the document places this name in another province: all its uses
        return [], []
    for entity in places:
        if entity.value == area.tambon and entity.attrs.get("level") == "tambon" and \
                entity.attrs.get("province") == area.province and not taken(entity.start):
            strong.append((entity.start, entity.end))
    return strong, bare


def _other_place_follows(text: str, end: int, area: Area) -> bool:
    """``ต.โคกเคียน อ.ตะกั่วป่า จ.พังงา``: the district or province written after the name is
    not the area's."""
    after = _LEVEL_AFTER.match(text, end, min(len(text), end + 60))
    if not after:
        return False
    amphoe, province = after.group("amphoe"), after.group("province")
    if province and not province.startswith(area.province):
        return True
    return bool(amphoe and area.amphoe and not amphoe.startswith(area.amphoe)
                and not area.amphoe.startswith(amphoe))


def _own_place_follows(text: str, end: int, area: Area) -> bool:
    """The area's own district or province is written right after the name."""
    after = _LEVEL_AFTER.match(text, end, min(len(text), end + 60))
    if not after:
        return False
    amphoe, province = after.group("amphoe"), after.group("province")
    return bool((province and province.startswith(area.province)) or
                (amphoe and area.amphoe and amphoe.startswith(area.amphoe)))


def _is_admin_name(name: str) -> bool:
    """A bare alias that is also a district's or a province's name (หนองจิก, ห้วยยอด)."""
    from synthesis.thai.gazetteer import gazetteer

    found = gazetteer()
    return name in found.districts or name in found.provinces


def _document_date(doc) -> str | None:
    parsed = getattr(doc, "parsed", None)
    date = getattr(parsed, "date", None) if parsed is not None else getattr(doc, "date", None)
    return str(date)[:10] if date else None


def _within_period(result: list[Attribution], known: dict[str, Area], date: str | None) -> list[Attribution]:
    """Evidence for an area in a document dated outside its programme period becomes
    ``outside_period``, its evidence saying so."""
    if not date:
        return result
    kept = []
    for a in result:
        period = known[a.area_id].period if a.area_id in known else {}
        start, end = period.get("start"), period.get("end")
        before, after = bool(start and date < start), bool(end and date > end)
        if (before or after) and a.rule in ("place", "occupation", "uncertain"):
            edge = f"ก่อน {start}" if before else f"หลัง {end}"
            a = Attribution(a.doc_id, a.area_id, "outside_period",
                            f"{a.evidence} (เอกสาร {date} {edge}: นอกช่วงโครงการ, outside the programme period)",
                            a.start, a.end, RULE_CONFIDENCE["outside_period"])
        kept.append(a)
    return kept


def member_areas(attributions: list[Attribution]) -> list[str]:
    """The areas a document belongs to: those with a ``metadata``, ``place`` or
    ``occupation`` attribution (a mention, an uncertain case or one outside the period is not).

    >>> member_areas([Attribution("d", "a", "uncertain", "หนองจิก", 0, 7, 0.5)])
    []
    """
    return list(dict.fromkeys(a.area_id for a in attributions if a.rule in MEMBER_RULES))


def _focus_on_main_area(result: list[Attribution], place_counts: dict[str, int],
                        head_end: int) -> list[Attribution]:
    """Keep the area a single-place document is about; demote the others to ``mention``."""
    members = {a.area_id for a in result if a.rule in MEMBER_RULES}
    if len(members) < 2 or not place_counts:
        return result
    in_head = {a.area_id for a in result
               if a.rule == "place" and a.start is not None and a.start < head_end}
    if in_head:
        main = in_head
    else:
        most = max(place_counts.values())
        main = {area_id for area_id, count in place_counts.items() if count == most}
    return [a if a.area_id in main or a.rule not in MEMBER_RULES else
            Attribution(a.doc_id, a.area_id, "mention", a.evidence, a.start, a.end, RULE_CONFIDENCE["mention"])
            for a in result]


def area_confidence(attributions: list[Attribution]) -> dict[str, tuple[float, str]]:
    """Per area the best confidence and the rule that gave it."""
    best: dict[str, tuple[float, str]] = {}
    for a in attributions:
        if a.area_id not in best or a.confidence > best[a.area_id][0]:
            best[a.area_id] = (a.confidence, a.rule)
    return best


REVIEW_RULES = ("uncertain", "outside_period")


def attributions_to_review(attributions, documents):
    """The (document, area) pairs a person should decide: evidence that is ``uncertain`` or
    ``outside_period`` and no member rule for that pair; one row each with its evidence.

    ``attributions`` and ``documents`` are the store's tables (``doc_id``, ``area_id``,
    ``rule``, ``evidence``; ``doc_id``, ``path``, ``date``).

    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"], "area_id": ["x"], "rule": ["uncertain"], "evidence": ["หนองจิก"]})
    >>> attributions_to_review(a, pd.DataFrame({"doc_id": ["d"], "path": ["p.txt"], "date": ["2023-01-01"]})).values.tolist()
    [['p.txt', '2023-01-01', 'x', 'uncertain', 'หนองจิก']]
    """
    import pandas as pd

    columns = ["path", "date", "area_id", "rule", "evidence"]
    if attributions.empty:
        return pd.DataFrame(columns=columns)
    members = set(zip(*(attributions[attributions["rule"].isin(MEMBER_RULES)][k] for k in ("doc_id", "area_id"))))
    review = attributions[attributions["rule"].isin(REVIEW_RULES)]
    keep = pd.Series([pair not in members for pair in zip(review["doc_id"], review["area_id"])],
                     index=review.index, dtype=bool)
    review = review[keep]
    grouped = (review.groupby(["doc_id", "area_id", "rule"], as_index=False)
               .agg(evidence=("evidence", lambda s: ", ".join(dict.fromkeys(s)))))
    rows = grouped.merge(documents[["doc_id", "path", "date"]], on="doc_id", how="left")
    return rows[columns].sort_values(["path", "area_id"]).reset_index(drop=True)

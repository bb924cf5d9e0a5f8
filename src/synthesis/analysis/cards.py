"""Lesson cards: the curated lessons of a pilot area, in ``lessons/cards/<area>.yaml``.

A card has six sections (context, what was done, results, success factors, obstacles,
recommendations); each point is a sentence a person wrote, with the ids of the codings that
support it. ``draft_card`` groups coded quotes under the headings as a starting point; a
person edits it. Cards are the researchers' own writing: they are validated before they are
written, written atomically, and a draft never overwrites an existing card.

Example file::

    area: songkhla-khae
    title: บทเรียนกลุ่มผู้กรีดยาง ตำบลแค
    sections:
      success_factors:
        - text: กองทุนหลักประกันสุขภาพ อบต. สนับสนุนงบประมาณต่อเนื่อง
          codings: [c-1a2b3c4d]
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

# Card section → (Thai heading, English heading, top-level code ids whose quotes it gathers).
CARD_SECTIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "context": ("บริบทและปัญหา", "Context and problem", ("context", "goals")),
    "actions": ("สิ่งที่ทำ", "What was done", ("activities", "mechanism", "partners")),
    "results": ("ผลที่เกิดขึ้น", "Results", ("outputs", "outcomes")),
    "success_factors": ("ปัจจัยความสำเร็จ", "Success factors", ("success",)),
    "obstacles": ("อุปสรรคและปัญหา", "Obstacles", ("obstacle",)),
    "recommendations": ("ข้อเสนอแนะ", "Recommendations", ("recommendation",)),
}


class CardError(ValueError):
    """A card file that cannot be used, with the file and what is wrong."""


@dataclass
class CardPoint:
    text: str
    codings: list[str] = field(default_factory=list)
    memo: str = ""


@dataclass
class LessonCard:
    area: str
    title: str = ""
    sections: dict[str, list[CardPoint]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "area": self.area,
            "title": self.title,
            "sections": {
                name: [{"text": p.text, "codings": list(p.codings), **({"memo": p.memo} if p.memo else {})}
                       for p in self.sections.get(name, [])]
                for name in CARD_SECTIONS if self.sections.get(name)
            },
        }


def parse_card(data: object, source: str = "<card>") -> LessonCard:
    """Validate a card's YAML data; every problem is named with the file and place.

    >>> parse_card({"area": "yala-bala", "sections": {"obstacles": [{"text": "ราคายางตกต่ำ"}]}}).sections["obstacles"][0].text
    'ราคายางตกต่ำ'
    """
    if not isinstance(data, dict) or not isinstance(data.get("area"), str) or not data["area"]:
        raise CardError(f"{source}: a card is a mapping with a non-empty 'area'")
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        raise CardError(f"{source}: 'sections' must be a mapping of section name to points")
    problems, parsed = [], {}
    for name, points in sections.items():
        if name not in CARD_SECTIONS:
            problems.append(f"unknown section {name!r} (known: {', '.join(CARD_SECTIONS)})")
            continue
        parsed[name] = []
        for index, point in enumerate(points or [], start=1):
            if isinstance(point, str):
                point = {"text": point}
            if not isinstance(point, dict) or not str(point.get("text", "")).strip():
                problems.append(f"{name} point {index}: needs a non-empty 'text'")
                continue
            codings = point.get("codings") or []
            if not isinstance(codings, list) or not all(isinstance(c, str) for c in codings):
                problems.append(f"{name} point {index}: 'codings' must be a list of coding ids")
                continue
            parsed[name].append(CardPoint(str(point["text"]).strip(), codings, str(point.get("memo", ""))))
    if problems:
        raise CardError(f"{source}: " + "; ".join(problems))
    return LessonCard(data["area"], str(data.get("title", "")), parsed)


def load_card(path: Path) -> LessonCard:
    """Read and validate one card file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise CardError(f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})") from error
    return parse_card(data, str(path))


def load_cards(folder: Path) -> tuple[dict[str, LessonCard], list[str]]:
    """All cards of a folder by area, and the errors of those that could not be read."""
    cards, errors = {}, []
    for path in sorted(folder.glob("*.yaml")):
        if path.name.endswith(".draft.yaml"):
            continue
        try:
            card = load_card(path)
        except CardError as error:
            errors.append(str(error))
            continue
        cards[card.area] = card
    return cards, errors


def save_card(card: LessonCard, path: Path) -> Path:
    """Write a card atomically after checking it reads back the same."""
    text = yaml.safe_dump(card.to_dict(), allow_unicode=True, sort_keys=False, width=100)
    parse_card(yaml.safe_load(text), str(path))  # validate before anything is replaced
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)
    return path


def card_section_of(code_id: str) -> str | None:
    """The card section that gathers quotes of a code (by its top-level id).

    >>> card_section_of("success.leadership")
    'success_factors'
    """
    top = code_id.split(".", 1)[0]
    for name, (_, _, codes) in CARD_SECTIONS.items():
        if top in codes:
            return name
    return None


def draft_card(area_id: str, title: str, quotes: pd.DataFrame, *, per_section: int = 6,
               max_chars: int = 220) -> LessonCard:
    """A draft card from coded quotes (columns coding_id, code_id, code_name, quote, date).

    Under each section, one point per code (most-coded codes first), quoting its most
    recent passage; a person rewrites the points into lessons.
    """
    card = LessonCard(area_id, title, {})
    if quotes.empty:
        return card
    quotes = quotes.assign(section=quotes["code_id"].map(card_section_of)).dropna(subset=["section"])
    for section, group in quotes.groupby("section", sort=False):
        points = []
        by_code = group.groupby("code_id")
        order = by_code.size().sort_values(ascending=False).index
        for code_id in order[:per_section]:
            rows = by_code.get_group(code_id).sort_values("date", na_position="first")
            quote = " ".join(str(rows.iloc[-1]["quote"]).split())
            if len(quote) > max_chars:
                quote = quote[:max_chars].rsplit(" ", 1)[0] + " …"
            name = rows.iloc[-1].get("code_name") or code_id
            points.append(CardPoint(f"{name}: {quote}", list(rows["coding_id"])))
        card.sections[section] = points
    return card


def unsupported_points(card: LessonCard, coding_ids: Iterable[str]) -> pd.DataFrame:
    """Points with no supporting coding, or citing codings that do not exist (any more)."""
    known = set(coding_ids)
    rows = []
    for section, points in card.sections.items():
        for index, point in enumerate(points, start=1):
            missing = [c for c in point.codings if c not in known]
            if not point.codings:
                reason = "ไม่มีการลงรหัสสนับสนุน (no supporting coding)"
            elif missing:
                reason = f"อ้างถึงการลงรหัสที่ไม่มีอยู่ (unknown codings): {', '.join(missing)}"
            else:
                continue
            rows.append({"section": section, "point": index, "text": point.text, "reason": reason})
    return pd.DataFrame(rows, columns=["section", "point", "text", "reason"])

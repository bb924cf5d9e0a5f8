"""Lesson cards: the lessons of a pilot area, in
``lessons/collections/<collection>/cards/<area>.yaml`` (see :mod:`synthesis.findings.scope`).

A card follows the ถอดบทเรียน form: its setting (area, group, period), then six sections
(context, what was done, results, success factors, obstacles, recommendations); each point is
a sentence with the ids of the codings that support it. Cards are the researchers' own
writing: validated before they are written, written through :mod:`synthesis.lessons_io`
(locked, atomic), and a draft never overwrites a card a person edited (``draft_hash``: the
hash of the points as drafted; a card whose points hash differently was edited).

Example file::

    area: songkhla-khae
    title: บทเรียนกลุ่มผู้กรีดยาง ตำบลแค
    last_edited: 2024-12-20
    sections:
      success_factors:
        - text: กองทุนหลักประกันสุขภาพ อบต. สนับสนุนงบประมาณต่อเนื่อง
          codings: [c-1a2b3c4d]
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

from synthesis.safe_yaml import load_yaml

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


# What the setting of a card may say (ถอดบทเรียน: บริบท — area, group, period).
SETTING_KEYS = ("area_th", "group", "period", "documents")


@dataclass
class LessonCard:
    area: str
    title: str = ""
    sections: dict[str, list[CardPoint]] = field(default_factory=dict)
    setting: dict[str, str] = field(default_factory=dict)
    last_edited: str = ""
    edited_by: str = ""
    draft_hash: str = ""

    def to_dict(self) -> dict:
        data: dict = {"area": self.area, "title": self.title}
        if self.setting:
            data["setting"] = {k: str(v) for k, v in self.setting.items()}
        for key in ("last_edited", "edited_by", "draft_hash"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        data["sections"] = {
            name: [{"text": p.text, "codings": list(p.codings), **({"memo": p.memo} if p.memo else {})}
                   for p in self.sections.get(name, [])]
            for name in CARD_SECTIONS if self.sections.get(name)
        }
        return data

    def points_hash(self) -> str:
        """A hash of the points (text and citations): changes whenever a person edits one.

        >>> LessonCard("a", sections={"results": [CardPoint("ก", ["c1"])]}).points_hash()[:8]
        '894420a6'
        """
        content = [[name, [[p.text, list(p.codings)] for p in self.sections.get(name, [])]]
                   for name in CARD_SECTIONS]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]

    def is_untouched_draft(self) -> bool:
        """True when the card is a tool draft no person has edited since.

        >>> LessonCard("a").is_untouched_draft()
        False
        """
        return bool(self.draft_hash) and self.draft_hash == self.points_hash()

    def points(self):
        """``(section, number, point)`` for every point, in card order (numbers from 1)."""
        for name in CARD_SECTIONS:
            for index, point in enumerate(self.sections.get(name, []), start=1):
                yield name, index, point


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
    setting = data.get("setting") or {}
    if not isinstance(setting, dict):
        problems.append("'setting' must be a mapping (area_th, group, period)")
        setting = {}
    if problems:
        raise CardError(f"{source}: " + "; ".join(problems))
    return LessonCard(data["area"], str(data.get("title", "")), parsed,
                      {str(k): str(v) for k, v in setting.items()},
                      str(data.get("last_edited") or ""), str(data.get("edited_by") or ""),
                      str(data.get("draft_hash") or ""))


def load_card(path: Path) -> LessonCard:
    """Read and validate one card file."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), source=str(path))
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


def card_text(card: LessonCard) -> str:
    """The YAML text of a card (Thai as is)."""
    return yaml.safe_dump(card.to_dict(), allow_unicode=True, sort_keys=False, width=100)


def save_card(card: LessonCard, path: Path) -> Path:
    """Write a card (locked, atomic, through ``lessons_io``) after checking it reads back the same."""
    from synthesis.lessons_io import write_text

    text = card_text(card)
    parse_card(load_yaml(text, source=str(path)), str(path))  # validate before anything is replaced
    write_text(path, text)
    return path


def edit_card(path: Path, change, edited_by: str, now: str | None = None) -> LessonCard:
    """Change a card under its lock: re-read it, apply ``change(card)`` (which edits the card
    in place), stamp ``last_edited``/``edited_by`` and write it atomically, so two people
    editing one card at once both keep their change. ``edited_by`` is required.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "yala-bala.yaml"
    >>> _ = save_card(LessonCard("yala-bala"), target)
    >>> card = edit_card(target, lambda c: c.sections.setdefault("obstacles", []).append(CardPoint("ราคายางตก")), "mentor_a")
    >>> card.edited_by, [p.text for p in load_card(target).sections["obstacles"]]
    ('mentor_a', ['ราคายางตก'])
    """
    from datetime import datetime, timezone

    from synthesis.lessons_io import update_text

    if not edited_by or not edited_by.strip():
        raise CardError(f"{path}: an edit needs the editor's name")
    result: list[LessonCard] = []

    def transform(current: str) -> str:
        if not current.strip():
            raise CardError(f"{path}: no card to edit")
        try:
            card = parse_card(load_yaml(current, source=str(path)), str(path))
        except yaml.YAMLError as error:
            raise CardError(f"{path}: not valid YAML ({error}); nothing was changed") from error
        change(card)
        card.last_edited = now or datetime.now(timezone.utc).isoformat(timespec="seconds")
        card.edited_by = edited_by.strip()
        text = card_text(card)
        parse_card(load_yaml(text, source=str(path)), str(path))
        result.append(card)
        return text

    update_text(path, transform)
    return result[-1]


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


__all__ = ["CARD_SECTIONS", "SETTING_KEYS", "CardError", "CardPoint", "LessonCard", "card_section_of", "card_text",
           "edit_card",
           "load_card", "load_cards", "parse_card", "save_card", "unsupported_points"]

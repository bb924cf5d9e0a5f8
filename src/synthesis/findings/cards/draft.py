"""Drafting a lesson card in the ถอดบทเรียน form from an area's coded segments.

The form: the setting (area, occupation group, period), then context → what was done →
results → why (success factors, conditions) → obstacles → recommendations. Each section
gathers the codings of its codes (:data:`~synthesis.findings.cards.model.CARD_SECTIONS`);
within a section, each sub-code (and the top-level code itself) is one candidate point,
most-supported first (documents, then segments). A point's text is the best sentence of its
codings by the summary rule (:func:`synthesis.findings.summaries.summarize`: what several
documents and coders agree on), with its citations: the codings whose passage holds it. A
sentence already used by another point is not used twice. At most :data:`POINTS_PER_SECTION`
points per section.

A draft records ``draft_hash`` (the hash of its points); :func:`save_draft` replaces a card
only while it still hashes the same, i.e. no person has edited it; otherwise the draft goes
beside it as ``<area>.draft.yaml``.

>>> import pandas as pd
>>> from synthesis.coding import load_codebook
>>> from synthesis.corpus.areas import Area
>>> area = Area("yala-bala", "พื้นที่ต้นแบบบาละ", "Bala", "ยะลา", tambon="บาละ", occupation_th="กลุ่มผู้กรีดยาง")
>>> rows = pd.DataFrame({"coding_id": ["c1"], "code_id": ["success.local_fit"], "doc_id": ["d1"],
...     "coder": ["coder_a"], "quote": ["ใช้คุตบะห์วันศุกร์ของโต๊ะอิหม่ามสื่อสารเรื่องความปลอดภัย"],
...     "date": ["2023-08-14"], "areas": [["yala-bala"]], "context": [""], "start": [0], "end": [10]})
>>> card = draft_card(area, rows, load_codebook())
>>> card.sections["success_factors"][0].text, card.sections["success_factors"][0].codings
('ใช้คุตบะห์วันศุกร์ของโต๊ะอิหม่ามสื่อสารเรื่องความปลอดภัย', ['c1'])
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from synthesis.findings.cards.model import CARD_SECTIONS, CardPoint, LessonCard, card_text, parse_card
from synthesis.findings.summaries import summarize

POINTS_PER_SECTION = 4
# Polite particles that end a spoken clause; a written lesson drops them.
_PARTICLES = re.compile(r"\s*(?:นะคะ|นะครับ|ครับ|ค่ะ|คะ|จ้ะ|จ้า)(?=\s|$)")


def lesson_sentence(text: str) -> str:
    """A quoted sentence as a card point: one line, without spoken polite particles.

    >>> lesson_sentence("ต้องทำเรื่องสุขภาพให้ได้เงินด้วยครับ ถ้าเปลี่ยนแล้วเขาได้ราคา\\nเขาเปลี่ยนเอง")
    'ต้องทำเรื่องสุขภาพให้ได้เงินด้วย ถ้าเปลี่ยนแล้วเขาได้ราคา เขาเปลี่ยนเอง'
    """
    return " ".join(_PARTICLES.sub("", text).split())


def _section_of(code_id: str, codebook) -> str | None:
    top = codebook.top_of(code_id) if code_id in codebook else code_id.split(".", 1)[0]
    for name, (_, _, codes) in CARD_SECTIONS.items():
        if top in codes:
            return name
    return None


def card_setting(area, rows: pd.DataFrame) -> dict[str, str]:
    """The setting of a card: area, occupation group, period (from the area's programme period,
    else its coded documents' dates) and how many documents the draft drew on.

    >>> from synthesis.corpus.areas import Area
    >>> a = Area("x", "พื้นที่ต้นแบบ", "X", "ยะลา", tambon="บาละ", occupation_th="กลุ่มผู้กรีดยาง")
    >>> card_setting(a, pd.DataFrame({"doc_id": ["d1", "d2"], "date": ["2020-11-01", "2024-06-25"]}))["period"]
    '2020-11-01 – 2024-06-25'
    """
    place = " ".join(p for p in (f"ตำบล{area.tambon}" if area.tambon else "",
                                 f"อำเภอ{area.amphoe}" if area.amphoe else "", f"จังหวัด{area.province}")
                     if p and p not in area.name_th)
    period = area.period or {}
    if period.get("start") and period.get("end"):
        span = f"{period['start']} – {period['end']}"
    else:
        dates = sorted(str(d) for d in rows.get("date", pd.Series(dtype=object)).dropna() if str(d))
        span = f"{dates[0]} – {dates[-1]}" if dates else ""
    return {"area_th": f"{area.name_th} {place}".strip(), "group": area.occupation_th or "",
            "period": span, "documents": str(rows["doc_id"].nunique()) if len(rows) else "0"}


def draft_card(area, rows: pd.DataFrame, codebook, per_section: int = POINTS_PER_SECTION) -> LessonCard:
    """A draft card of one area from its codings' details (:func:`coding_details` rows of the
    area: ``coding_id, code_id, doc_id, coder, quote``, optionally ``date``)."""
    title = f"บทเรียน{area.occupation_th or ''} ตำบล{area.tambon or ''} จังหวัด{area.province}".replace(" ตำบล ", " ")
    card = LessonCard(area.id, title, {}, card_setting(area, rows))
    if rows is None or rows.empty:
        card.draft_hash = card.points_hash()
        return card
    rows = rows.assign(section=rows["code_id"].map(lambda c: _section_of(c, codebook))).dropna(subset=["section"])
    used: set[str] = set()
    for section in CARD_SECTIONS:
        chosen = rows[rows["section"] == section]
        if chosen.empty:
            continue
        groups = []
        for code_id, group in chosen.groupby("code_id", sort=True):
            support = (group["doc_id"].nunique(), group.drop_duplicates(["doc_id", "start", "end"]).shape[0])
            groups.append((-support[0], -support[1], code_id, group))
        points = []
        for *_, group in sorted(groups, key=lambda g: g[:3]):
            for sentence in summarize(group, max_sentences=3, max_chars=10_000):
                text = lesson_sentence(sentence.text)
                if text in used or not text:
                    continue
                used.add(text)
                points.append(CardPoint(text, sentence.supporting_ids))
                break
            if len(points) >= per_section:
                break
        if points:
            card.sections[section] = points
    card.draft_hash = card.points_hash()
    return card


class _Edited(Exception):
    """The card on disk was edited by a person: the draft goes beside it."""


def save_draft(card: LessonCard, path: Path) -> Path:
    """Write a draft card to ``path`` unless a person edited the card there (then to
    ``<area>.draft.yaml`` beside it). Checked and written under the card's lock; returns the
    file written.
    """
    import yaml

    from synthesis.safe_yaml import load_yaml

    from synthesis.lessons_io import update_text, write_text

    path = Path(path)
    text = card_text(card)

    def transform(current: str) -> str:
        if current.strip():
            try:
                existing = parse_card(load_yaml(current, source=str(path)), str(path))
            except (yaml.YAMLError, ValueError):
                raise _Edited from None  # unreadable: a person's file, never replaced
            if not existing.is_untouched_draft():
                raise _Edited
        return text

    try:
        update_text(path, transform)
        return path
    except _Edited:
        beside = path.with_name(f"{path.stem}.draft.yaml")
        write_text(beside, text)
        return beside

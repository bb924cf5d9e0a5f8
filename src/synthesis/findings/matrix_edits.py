"""Edited framework-matrix summaries: ``lessons/collections/<collection>/matrix.yaml``.

A reviewable YAML list, one entry per edited cell::

    cells:
      - view: area/top            # by/level of the matrix
        row: yala-bala            # area id (or occupation group)
        theme: success            # code id
        summary: มัสยิดและสหกรณ์ที่คนเชื่อถือเป็นช่องทางหลัก …
        edited_by: mentor_a
        edited_at: '2026-12-07T10:00:00+00:00'
        evidence: [0a1b…, 3c4d…]  # the coding ids the cell had when it was edited

The edited text always wins over a redraft; when the cell's codings today differ from
``evidence``, the cell is *stale* and :func:`evidence_change` says what changed. Writes go
through :func:`synthesis.lessons_io.update_text` (locked, re-read under the lock, atomic): two
mentors editing two cells at once both keep their edit. Entries that cannot be read are kept
in the file as they are and reported; a file that is not valid YAML is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

from synthesis.safe_yaml import load_yaml

HEADER = ("# Edited summaries of the framework matrix (synthesis matrix edit). One entry per cell;\n"
          "# `evidence` is the cell's coding ids when it was edited (a change makes the cell stale).\n")
REQUIRED = ("view", "row", "theme", "summary")


class MatrixEditError(ValueError):
    """A matrix-edits file that cannot be used, naming the file and what is wrong."""


@dataclass
class CellEdit:
    view: str
    row: str
    theme: str
    summary: str
    edited_by: str = ""
    edited_at: str = ""
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"view": self.view, "row": self.row, "theme": self.theme, "summary": self.summary,
                "edited_by": self.edited_by, "edited_at": self.edited_at, "evidence": sorted(self.evidence)}


def _parse(text: str, source: str) -> tuple[list, list[CellEdit | None], list[str]]:
    """Raw entries, the edit each one is (None when unreadable) and the problems found."""
    try:
        data = load_yaml(text, source=source) if text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise MatrixEditError(f"{source}{where}: not valid YAML ({getattr(error, 'problem', error)})") from error
    data = data or {}
    if not isinstance(data, dict) or not isinstance(data.get("cells", []), list):
        raise MatrixEditError(f"{source}: expected a mapping with a 'cells' list")
    raw = data.get("cells") or []
    edits, problems = [], []
    for index, entry in enumerate(raw, start=1):
        missing = [k for k in REQUIRED if not isinstance(entry, dict) or not str(entry.get(k) or "").strip()]
        evidence = entry.get("evidence", []) if isinstance(entry, dict) else None
        if missing or not isinstance(evidence, list):
            what = f"missing {', '.join(missing)}" if missing else "'evidence' must be a list of coding ids"
            problems.append(f"{source}: cell {index}: {what}; kept as it is and ignored")
            edits.append(None)
            continue
        edits.append(CellEdit(str(entry["view"]), str(entry["row"]), str(entry["theme"]), str(entry["summary"]).strip(),
                              str(entry.get("edited_by") or ""), str(entry.get("edited_at") or ""),
                              [str(e) for e in evidence]))
    return raw, edits, problems


def load_edits(path: str | Path) -> tuple[dict[tuple[str, str, str], CellEdit], list[str]]:
    """``({(view, row, theme): edit}, problems)``; no file means no edits.

    >>> import tempfile
    >>> load_edits(Path(tempfile.mkdtemp()) / "matrix.yaml")
    ({}, [])
    """
    path = Path(path)
    if not path.is_file():
        return {}, []
    try:
        _, edits, problems = _parse(path.read_text(encoding="utf-8"), str(path))
    except MatrixEditError as error:
        return {}, [str(error)]
    return {(e.view, e.row, e.theme): e for e in edits if e is not None}, problems


def save_edit(path: str | Path, view: str, row: str, theme: str, summary: str, edited_by: str,
              evidence: list[str], now: str | None = None) -> CellEdit:
    """Record a person's summary of one cell (replacing their earlier edit of that cell).

    ``edited_by`` is required: there is no default editor.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "matrix.yaml"
    >>> save_edit(target, "area/top", "yala-bala", "success", "มัสยิดเป็นช่องทางหลัก", "mentor_a", ["c1"]).row
    'yala-bala'
    >>> load_edits(target)[0][("area/top", "yala-bala", "success")].summary
    'มัสยิดเป็นช่องทางหลัก'
    """
    from synthesis.lessons_io import update_text

    if not edited_by or not edited_by.strip():
        raise MatrixEditError("an edit needs the editor's name (edited_by)")
    if not summary or not summary.strip():
        raise MatrixEditError("an edited summary cannot be empty")
    edit = CellEdit(view, row, theme, summary.strip(), edited_by.strip(),
                    now or datetime.now(timezone.utc).isoformat(timespec="seconds"), sorted(set(evidence)))
    path = Path(path)

    def transform(current: str) -> str:
        raw, edits, _ = _parse(current, str(path))  # raises on invalid YAML: nothing is written
        kept = [entry for entry, parsed in zip(raw, edits)
                if parsed is None or (parsed.view, parsed.row, parsed.theme) != (view, row, theme)]
        kept.append(edit.to_dict())
        return HEADER + yaml.safe_dump({"cells": kept}, allow_unicode=True, sort_keys=False, width=100)

    update_text(path, transform)
    return edit


def evidence_change(at_edit: list[str], now: list[str]) -> str:
    """What changed in a cell's evidence since its edit, in Thai (empty when nothing did).

    >>> evidence_change(["c1", "c2"], ["c2", "c3"])
    'หลักฐานเปลี่ยนหลังการแก้ไข: เพิ่ม 1 รายการ (c3); หายไป 1 รายการ (c1)'
    >>> evidence_change(["c1"], ["c1"])
    ''
    """
    added = sorted(set(now) - set(at_edit))
    removed = sorted(set(at_edit) - set(now))
    if not added and not removed:
        return ""
    parts = []
    if added:
        parts.append(f"เพิ่ม {len(added)} รายการ ({', '.join(added[:10])}{' …' if len(added) > 10 else ''})")
    if removed:
        parts.append(f"หายไป {len(removed)} รายการ ({', '.join(removed[:10])}{' …' if len(removed) > 10 else ''})")
    return "หลักฐานเปลี่ยนหลังการแก้ไข: " + "; ".join(parts)

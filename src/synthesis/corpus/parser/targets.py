"""Targets and indicators stated as numbers (``อย่างน้อยร้อยละ 60``), with their unit."""

from __future__ import annotations

import re
from typing import Any

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.parser.lines import Line

_TARGET_WORDS = re.compile(r"เป้าหมาย|เป้า|ตัวชี้วัด|ตัวชีวัด|อย่างน้อย|ไม่น้อยกว่า|ไม่ต่ำกว่า|ให้ได้")


def stated_targets(text: str, lines: list[Line]) -> list[dict[str, Any]]:
    """Numbers stated as targets or indicators, with their unit and the line they stand in."""
    targets = []
    for line in lines:
        if not _TARGET_WORDS.search(line.text):
            continue
        for entity in thai.find_quantities(line.text):
            if entity.label not in ("COUNT", "PERCENT", "MONEY", "NUMBER"):
                continue
            targets.append({
                "label": entity.label,
                "value": entity.value,
                "unit": entity.attrs.get("unit") or {"PERCENT": "ร้อยละ", "MONEY": "บาท"}.get(entity.label),
                "text": entity.text,
                "start": line.start + entity.start,
                "end": line.start + entity.end,
                "context": line.stripped[:300],
            })
    return targets

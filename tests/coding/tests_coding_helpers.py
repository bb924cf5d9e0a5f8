"""Shared Thai examples for the agreement and reconciliation tests."""

from __future__ import annotations

import pandas as pd

from synthesis.coding import new_coding

TEXT = "ผู้นำเข้มแข็ง\nงบประมาณน้อย\nสมาชิกมีรายได้\nอบต.สนับสนุน"


def units():
    rows, at = [], 0
    for line in TEXT.split("\n"):
        rows.append({"doc_id": "d", "start": at, "end": at + len(line), "text": line, "kind": "paragraph"})
        at += len(line) + 1
    return pd.DataFrame(rows)


def code(coder, line_no, code_id, doc="d"):
    unit = units().iloc[line_no]
    return new_coding(doc, int(unit.start), int(unit.end), unit.text, "h", code_id, coder)


CODINGS = [
    code("a", 0, "success"), code("b", 0, "success"),
    code("a", 1, "obstacle"), code("b", 1, "obstacle"), code("b", 1, "success"),
    code("a", 2, "outcome"),
    # line 3 uncoded by both
]

"""Reconciliation into a consensus coder."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.coding import reconcile
from tests_coding_helpers import CODINGS, units


def test_reconcile_keeps_agreed_codes_and_reports_open_ones():
    agreed, open_rows = reconcile(CODINGS, units(), ["a", "b"])
    assert sorted((c.quote, c.code_id) for c in agreed) == [("งบประมาณน้อย", "obstacle"), ("ผู้นำเข้มแข็ง", "success")]
    assert {c.coder for c in agreed} == {"consensus"}
    assert list(open_rows["text"]) == ["งบประมาณน้อย", "สมาชิกมีรายได้"]


def test_reconcile_decisions_settle_disagreements():
    table = units()
    decisions = pd.DataFrame([
        {"doc_id": "d", "start": table.start[2], "end": table.end[2], "decision": "outcome"},
        {"doc_id": "d", "start": table.start[1], "end": table.end[1], "decision": "obstacle; success"},
        {"doc_id": "d", "start": table.start[3], "end": table.end[3], "decision": "partners"},
    ])
    agreed, open_rows = reconcile(CODINGS, table, ["a", "b"], decisions=decisions)
    got = sorted((c.quote, c.code_id) for c in agreed)
    assert ("สมาชิกมีรายได้", "outcome") in got and ("งบประมาณน้อย", "success") in got
    assert ("อบต.สนับสนุน", "partners") in got  # a code neither coder used, added on discussion
    assert len(open_rows) == 0
    memo = {c.code_id: c.memo for c in agreed if c.quote == "งบประมาณน้อย"}
    assert memo["success"] == "decided in reconciliation; applied by b"


@pytest.mark.parametrize(("policy", "count"), [("agreed", 2), ("majority", 2), ("any", 4)])
def test_reconcile_policies(policy, count):
    agreed, _ = reconcile(CODINGS, units(), ["a", "b"], policy=policy)
    assert len(agreed) == count


def test_reconcile_rejects_bad_consensus_name():
    with pytest.raises(ValueError, match="coder name"):
        reconcile(CODINGS, units(), ["a", "b"], consensus="../x")

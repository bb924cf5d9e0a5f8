"""Machine coders compared with each person: per-code κ, precision and recall."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from synthesis.coding import new_coding
from synthesis.semantic.compare import COLUMNS, machine_vs_humans

UNITS = pd.DataFrame({"doc_id": ["d"] * 6 + ["e"] * 2, "start": [0, 10, 20, 30, 40, 50, 0, 10],
                      "end": [10, 20, 30, 40, 50, 60, 10, 20]})


def _c(doc, start, code, coder):
    return new_coding(doc, start, start + 5, "ข้อความ", "", code, coder,
                      origin="rule" if coder.startswith("machine.") else "manual")


def test_compare_counts_kappa_precision_recall():
    person = [_c("d", s, "fund", "coder_a") for s in (0, 10, 20)]
    machine = [_c("d", s, "fund", "machine.e5") for s in (0, 10, 40)] + [_c("e", 0, "fund", "machine.e5")]
    table = machine_vs_humans(person + machine, UNITS)
    assert list(table.columns) == COLUMNS
    row = table.iloc[0]
    # unit e is outside what coder_a coded: not counted
    assert (row["both"], row["machine_only"], row["human_only"], row["units"]) == (2, 1, 1, 6)
    assert row["precision"] == pytest.approx(2 / 3) and row["recall"] == pytest.approx(2 / 3)
    assert row["kappa"] == pytest.approx(1 / 3)


def test_compare_one_row_per_machine_person_and_code():
    codings = [_c("d", 0, "fund", "coder_a"), _c("d", 10, "health", "coder_b"),
               _c("d", 0, "fund", "machine.e5"), _c("d", 10, "health", "rules")]
    table = machine_vs_humans(codings, UNITS)
    pairs = set(zip(table["machine"], table["human"], table["code_id"]))
    assert ("machine.e5", "coder_a", "fund") in pairs and ("rules", "coder_b", "health") in pairs
    assert not any(h.startswith("machine.") or h == "rules" for h in table["human"])


def test_compare_a_code_only_the_person_used_has_no_precision():
    table = machine_vs_humans([_c("d", 0, "fund", "coder_a"), _c("d", 20, "other", "machine.e5")], UNITS)
    fund = table[table["code_id"] == "fund"].iloc[0]
    assert math.isnan(fund["precision"]) and fund["recall"] == 0

"""The report section comparing machine coders with each human coder (issue 18)."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture()
def machine_home(mini_project, tmp_path, monkeypatch):
    """A copy of the mini project (its codings are shared by other tests) made current."""
    home = tmp_path / "project"
    shutil.copytree(mini_project, home)
    monkeypatch.setenv("SYNTHESIS_HOME", str(home))
    return home


def _context(home, area=None):
    from synthesis.reports import notebook

    return notebook.load_context("mini", str(home / "work" / "mini"), area=area, coder="consensus")


def _add_machine_codings(home, code_of_third="obstacle.income"):
    """machine.tfidf agrees with consensus on the first two sentences of one document, codes
    the third with ``code_of_third`` and misses the fourth."""
    from synthesis.coding import CodingStore, new_coding

    store = CodingStore(home / "lessons")
    consensus = [c for c in store.load() if c.coder == "consensus"]
    doc_id = sorted({c.doc_id for c in consensus})[0]
    mine = sorted((c for c in consensus if c.doc_id == doc_id), key=lambda c: c.start)
    codes = [mine[0].code_id, mine[1].code_id, code_of_third]
    machine = [new_coding(c.doc_id, c.start, c.end, c.quote, c.doc_sha256, code, "machine.tfidf", origin="rule")
               for c, code in zip(mine[:3], codes)]
    store.add(*machine)
    return doc_id, mine


def test_machine_section_says_when_no_machine_coder(machine_home):
    from synthesis.reports.sections.machine import machine_coders_html

    html = str(machine_coders_html(_context(machine_home)))
    assert "ไม่มีผู้ลงรหัสที่เป็นเครื่อง" in html
    assert "<table" not in html


def test_machine_section_counts_precision_and_recall_per_code(machine_home):
    from synthesis.reports.sections.machine import machine_coders_html, machine_coders_table

    _, mine = _add_machine_codings(machine_home)
    context = _context(machine_home)
    compared = machine_coders_table(context)
    assert set(compared["machine"]) == {"machine.tfidf"}
    assert {"coder_a", "coder_b", "consensus"} <= set(compared["human"])
    rows = compared[compared["human"] == "consensus"].set_index("code_id")
    # agreed codes: one unit each, both coded it
    assert float(rows.at[mine[0].code_id, "precision"]) == 1.0
    assert float(rows.at[mine[0].code_id, "recall"]) == 1.0
    # obstacle.income: consensus coded it on sentence 2, machine on 2 and 3 -> precision 0.5
    assert rows.at["obstacle.income", "both"] == 1 and rows.at["obstacle.income", "machine_only"] == 1
    assert float(rows.at["obstacle.income", "precision"]) == 0.5
    # the fourth sentence's code the machine never gave: recall 0
    assert float(rows.at[mine[3].code_id, "recall"]) == 0.0
    html = str(machine_coders_html(context))
    assert "<table" in html and "machine.tfidf" in html and "ไม่มีผู้ลงรหัสที่เป็นเครื่อง" not in html


@pytest.mark.parametrize("code_id", ["<script>alert(1)</script>", "=HYPERLINK(\"x\")<b>ตัวหนา</b>"])
def test_machine_section_escapes_codes_from_the_data(machine_home, code_id):
    from synthesis.reports.sections.machine import machine_coders_html

    _add_machine_codings(machine_home, code_of_third=code_id)
    html = str(machine_coders_html(_context(machine_home)))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html or "&lt;b&gt;" in html


def test_machine_section_of_an_area_without_machine_codings_says_so(machine_home):
    from synthesis.reports.sections.machine import machine_coders_html

    doc_id, _ = _add_machine_codings(machine_home)
    context = _context(machine_home)
    area_of_doc = set(context.documents.set_index("doc_id").at[doc_id, "areas"])
    other = next(a.id for a in context.areas if a.id not in area_of_doc
                 and (context.documents["areas"].map(lambda ids, a=a.id: a in set(ids))).any())
    assert "ไม่มีผู้ลงรหัสที่เป็นเครื่อง" in str(machine_coders_html(_context(machine_home, area=other)))

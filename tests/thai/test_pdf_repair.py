"""Broken PDF Thai repaired by stated rules with a change log (synthesis.thai.pdf_repair)."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis.thai.pdf_repair import repair_pdf_thai

DATA = Path(__file__).parent.parent / "data"


def cases() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "pdf_repair" / "cases.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            broken, written = line.split("\t")
            rows.append((broken, written))
    return rows


def measure() -> dict[str, float]:
    """Recall: broken cases fully repaired; precision: changes that belong to a right repair
    (a change in clean text, or in a case left wrong, is a false one)."""
    broken = [(b, w) for b, w in cases() if b != w]
    right = sum(1 for b, w in broken if repair_pdf_thai(b).text == w)
    true_changes = false_changes = 0
    for b, w in cases():
        result = repair_pdf_thai(b)
        if b != w and result.text == w:
            true_changes += len(result.changes)
        else:
            false_changes += len(result.changes)
    return {"recall": right / len(broken), "precision": true_changes / max(1, true_changes + false_changes),
            "broken": len(broken), "clean": len(cases()) - len(broken)}


@pytest.mark.parametrize("broken, written", cases())
def test_pdf_repair_labelled_case(broken, written):
    assert repair_pdf_thai(broken).text == written


def test_pdf_repair_precision_and_recall_on_the_labelled_cases():
    scores = measure()
    assert scores["broken"] >= 30 and scores["clean"] >= 8
    assert scores["recall"] >= 0.95 and scores["precision"] >= 0.95, scores


@pytest.mark.parametrize(
    "broken, rules",
    [
        ("จำานวน", ["sara-am-doubled"]),
        ("ต าบล", ["sara-am-spaced"]),
        ("นํ้า", ["sara-am-split"]),
        ("ที ่", ["detached-mark"]),
        ("ก่่", ["doubled-mark"]),
        ("ก าร", ["stray-space"]),
        ("จ ำานวน", ["detached-mark", "sara-am-doubled"]),
    ],
)
def test_pdf_repair_change_log_names_each_rule(broken, rules):
    assert [c.rule for c in repair_pdf_thai(broken).changes] == rules


def test_pdf_repair_change_log_offsets_point_into_the_text_the_rule_saw():
    result = repair_pdf_thai("สมาชิก จำานวน 81 คน ต าบลแค")
    first, second = result.changes
    assert "สมาชิก จำานวน 81 คน ต าบลแค"[first.start:first.end] == first.original == "ำา"
    assert second.original == " า" and second.replacement == "ำ"


@pytest.mark.parametrize("text", ["จำนวน 81 คน ตำบลแค", "น้ำดื่ม", "Output 2566", "การประชุม"])
def test_pdf_repair_is_idempotent_and_leaves_right_text_alone(text):
    assert repair_pdf_thai(text).text == text and repair_pdf_thai(text).changes == []
    once = repair_pdf_thai("จ ำานวน ต าบล น ้ า").text
    assert repair_pdf_thai(once).text == once


def test_pdf_repair_in_the_pdf_reader_and_numbers_read(tmp_path):
    """A PDF drawn with the broken forms (fpdf2, no shaping): its text comes back repaired,
    a warning counts the repairs, and 'จำานวน 81 คน' is a count of 81."""
    from fpdf import FPDF

    from synthesis.corpus.parser import parse_document
    from synthesis.corpus.readers.pdf import read_pdf
    from synthesis.corpus.thai_bridge import find_quantities
    from synthesis.reports.fonts import thai_font_file

    pdf = FPDF()
    pdf.add_font("thai", fname=str(thai_font_file()))
    pdf.set_font("thai", size=12)
    pdf.add_page()
    for line in ("ประชุมกลุ่มตัดเย็บผ้า ต าบลปากพูน", "ผู้เข้าร่วม จำานวน 81 คน ด าเนินการโดยกลุ่ม"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "broken.pdf"
    pdf.output(str(path))
    raw = read_pdf(path.read_bytes())
    assert "ตำบลปากพูน" in raw.text and "จำนวน 81 คน" in raw.text and "ดำเนินการ" in raw.text
    assert any(w.startswith("repaired broken PDF Thai: 3 changes") for w in raw.warnings)
    assert parse_document(raw.text).participants_count == 81
    assert [81, "คน"] in [[q.value, q.attrs.get("unit")] for q in find_quantities(raw.text)]

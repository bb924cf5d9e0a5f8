"""Fixtures for the corpus tests: binary files (docx, pdf, legacy encodings) made on the fly."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest


def thai_font() -> str:
    import fontpkg_noto_sans_thai

    found = glob.glob(os.path.join(os.path.dirname(fontpkg_noto_sans_thai.__file__), "files", "*.ttf"))
    if not found:
        pytest.skip("no Thai TTF font to build a PDF fixture")
    return found[0]


def make_pdf(path: Path, lines: list[str], *, password: str | None = None) -> Path:
    """A PDF with a Thai text layer (Noto Sans Thai embedded); optionally password-protected."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    pdf.add_page()
    if all(line.isascii() for line in lines):
        pdf.set_font("helvetica", size=12)  # no font to embed: fast
    else:
        pdf.add_font("thai", fname=thai_font())  # parsing the TTF takes a few seconds
        pdf.set_font("thai", size=12)
    for line in lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_docx(path: Path, heading: str, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


@pytest.fixture
def pdf_maker():
    return make_pdf


@pytest.fixture
def docx_maker():
    return make_docx

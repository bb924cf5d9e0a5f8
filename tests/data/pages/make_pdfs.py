"""Build the PDF pages of the labelled set from their text sources (``*.pdf.txt``).

The sources hold Thai as broken PDF extraction gives it (``จ ำานวน``, ``ต าบล``, ``น ้า``): the
PDF is drawn glyph by glyph with fpdf2 and no shaping, so its text layer gives back exactly
the broken text and the reader's repair is what the test measures. Run it again after editing
a source: ``.venv/bin/python tests/data/pages/make_pdfs.py``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from fpdf import FPDF

from synthesis.reports.fonts import thai_font_file

HERE = Path(__file__).parent


def make_pdf(source: Path) -> Path:
    """``NAME.pdf.txt`` → ``NAME.pdf``, one line of the source per line of the page."""
    pdf = FPDF()
    pdf.set_compression(False)
    pdf.set_creation_date(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))  # same bytes each run
    pdf.add_font("thai", fname=str(thai_font_file()))
    pdf.set_font("thai", size=12)
    pdf.add_page()
    for line in source.read_text(encoding="utf-8").splitlines():
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    target = source.with_name(source.name.removesuffix(".txt"))
    pdf.output(str(target))
    return target


if __name__ == "__main__":
    for source in sorted(HERE.glob("*.pdf.txt")):
        print(make_pdf(source))

"""PDF printing: A4, titled by the report, no heading left at a page bottom, tables broken
between rows, charts whole, the title and page numbers in the footer; a clear message, not a
crash, when no browser is installed."""

from __future__ import annotations

import pytest

from synthesis.reports import pdf


def test_pdf_without_browser_raises_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfUnavailable, match="Chromium"):
        pdf.html_to_pdf(tmp_path / "r.html", tmp_path / "r.pdf")


def _needs_chromium():
    if pdf.find_browser() is None:
        pytest.skip("no Chromium on this machine")


@pytest.mark.slow
def test_pdf_prints_thai_html_when_chromium_is_installed(tmp_path):
    _needs_chromium()
    html = tmp_path / "r.html"
    html.write_text("<html><meta charset='utf-8'><body>รายงานสังเคราะห์บทเรียน</body></html>", encoding="utf-8")
    out = pdf.html_to_pdf(html, tmp_path / "r.pdf")
    assert out.read_bytes().startswith(b"%PDF")


TITLE = "พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลแค"
SECTION_WORDS = ["บริบท", "กิจกรรม", "ผลลัพธ์", "ปัจจัยความสำเร็จ", "อุปสรรค", "ข้อเสนอแนะ", "นวัตกรรม"]


def _long_report():
    """An executed notebook laid out like a report: headings, paragraphs of varying length,
    long tables and a chart, so that some headings would fall at a page bottom."""
    import pandas as pd
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    from synthesis.reports.display import table_html
    from synthesis.reports.plotting import bar_chart, figure_png

    cells = [new_code_cell("title", outputs=[new_output("display_data", data={
        "text/html": f"<h1>{TITLE}</h1>", "text/plain": "title"})])]
    sentence = "ผู้กรีดยางรวมกลุ่มกันออมเงินและซื้ออุปกรณ์ป้องกันสารเคมี ทุกเดือนมีการประชุมสรุปผล "
    for n in range(18):
        word = SECTION_WORDS[n % len(SECTION_WORDS)]
        cells.append(new_markdown_cell(f"## หัวข้อที่ {n + 1} {word}\n\n" + sentence * (1 + (n * 5) % 9)))
        if n % 3 == 0:
            rows = pd.DataFrame({"ลำดับ": range(1, 26 + n), "กิจกรรม": [f"{word} ครั้งที่ {i}" for i in range(1, 26 + n)],
                                 "ผู้เข้าร่วม": [float(20 + i) for i in range(25 + n)]})
            cells.append(new_code_cell("table", outputs=[new_output("display_data", data={
                "text/html": str(table_html(rows)), "text/plain": "table"})]))
        if n % 4 == 1:
            chart = bar_chart(pd.DataFrame({"term": SECTION_WORDS, "count": range(7, 0, -1)}), "term", "count", word)
            cells.append(new_code_cell("chart", outputs=[new_output("display_data", data={
                "image/png": figure_png(chart), "text/plain": "chart"})]))
    return new_notebook(cells=cells)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    _needs_chromium()
    import pdfplumber

    from synthesis.reports.render import write_html

    folder = tmp_path_factory.mktemp("pdf")
    html = write_html(_long_report(), folder / "report.html", show_code=False)
    path = pdf.html_to_pdf(html, folder / "report.pdf")
    with pdfplumber.open(path) as document:
        pages = [(page.width, page.height, page.extract_text(), page.extract_words(), page.images)
                 for page in document.pages]
        metadata = dict(document.metadata)
    return pages, metadata


@pytest.mark.slow
@pytest.mark.browser
def test_pdf_is_a4_and_titled_by_the_report(printed):
    pages, metadata = printed
    assert len(pages) > 3
    assert all(abs(width - 595.3) < 2 and abs(height - 841.9) < 2 for width, height, *_ in pages)
    assert metadata.get("Title") == TITLE


def _skeleton(text: str) -> str:
    """Text as PDF extraction can compare it: Thai marks come out of a PDF reordered or split
    (``ำ`` as ``ํ`` + ``า``), so only the base letters are kept, without spaces."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Zs", "Cc") and c not in "ํา")


def _body_lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # the footer (title, "n / N") is the page's last line
    return [line for line in lines if not line.endswith(tuple(f"/ {n}" for n in range(1, 100)))]


@pytest.mark.slow
@pytest.mark.browser
def test_pdf_footer_has_title_and_page_numbers(printed):
    pages, _ = printed
    total = len(pages)
    for number, (_, _, text, _, _) in enumerate(pages, start=1):
        last = [line.strip() for line in text.splitlines() if line.strip()][-1]
        assert last.endswith(f"{number} / {total}")
        assert _skeleton(TITLE) in _skeleton(last)


@pytest.mark.slow
@pytest.mark.browser
def test_pdf_no_heading_at_a_page_bottom(printed):
    pages, _ = printed
    for number, (_, _, text, _, _) in enumerate(pages[:-1], start=1):
        body = _body_lines(text)
        assert body and not _skeleton(body[-1]).startswith(_skeleton("หัวข้อที่")), \
            f"page {number} ends with a heading: {body[-1]!r}"


@pytest.mark.slow
@pytest.mark.browser
def test_pdf_tables_break_between_rows_and_repeat_their_header(printed):
    pages, _ = printed
    starts = [_skeleton(text.splitlines()[0]) for _, _, text, _, _ in pages[1:]]
    continued = [line for line in starts if line.startswith(_skeleton("ลำดับ"))]
    assert continued, "no table ran over a page"  # the layout above makes some
    for line in continued:  # a page that starts inside a table starts with its header row
        assert _skeleton("กิจกรรม") in line and _skeleton("ผู้เข้าร่วม") in line


@pytest.mark.slow
@pytest.mark.browser
def test_pdf_charts_are_whole(printed):
    pages, _ = printed
    images = [image for *_, page_images in pages for image in page_images]
    assert len(images) == 5  # each chart on one page, none cut in two
    assert all(image["bottom"] <= 842 and image["top"] >= 0 for image in images)

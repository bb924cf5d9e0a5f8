"""PDF printing gives a clear message, not a crash, when no browser is installed."""

from __future__ import annotations

import pytest

from synthesis.reports import pdf


def test_pdf_without_browser_raises_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfUnavailable, match="Chromium"):
        pdf.html_to_pdf(tmp_path / "r.html", tmp_path / "r.pdf")


@pytest.mark.slow
def test_pdf_prints_thai_html_when_chromium_is_installed(tmp_path):
    if pdf.find_browser() is None:
        pytest.skip("no Chromium on this machine")
    html = tmp_path / "r.html"
    html.write_text("<html><meta charset='utf-8'><body>รายงานสังเคราะห์บทเรียน</body></html>", encoding="utf-8")
    out = pdf.html_to_pdf(html, tmp_path / "r.pdf")
    assert out.read_bytes().startswith(b"%PDF")

"""The index page links every built report and names the failed ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis.reports.index import write_index
from synthesis.reports.runner import ReportJob, ReportResult


@pytest.mark.parametrize("title", ["พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลแค", "กลุ่มจักสาน <กระจูด> & คลุ้ม"])
def test_index_links_reports_and_lists_failures(tmp_path, title):
    ok_dir, bad_dir = tmp_path / "songkhla-khae", tmp_path / "yala-bala"
    ok_dir.mkdir()
    (ok_dir / "report.html").write_text("x", encoding="utf-8")
    results = [
        ReportResult(ReportJob("area", "songkhla-khae", {}, ok_dir), True, 1.0, {"html": ok_dir / "report.html"}),
        ReportResult(ReportJob("area", "yala-bala", {}, bad_dir), False, 1.0, {}, error="KeyError: 'date'"),
    ]
    page = write_index(results, {"songkhla-khae": title}, tmp_path, "demo").read_text(encoding="utf-8")
    assert 'href="songkhla-khae/report.html"' in page
    assert "&lt;กระจูด&gt;" in page or "<กระจูด>" not in title
    assert "ล้มเหลว" in page and "KeyError" in page

"""The index page links every built report and names the failed ones."""

from __future__ import annotations

import os
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


def _result(folder: Path, ok: bool = True, error: str | None = None) -> ReportResult:
    files = {"html": folder / "report.html"} if ok else {}
    return ReportResult(ReportJob("area", folder.name, {}, folder), ok, 1.0, files, error=error)


def _build(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("x", encoding="utf-8")


def test_index_area_run_keeps_every_report_on_disk(tmp_path):
    """A run with --area rebuilds one report; the others keep their rows and links."""
    for slug in ("songkhla-khae", "yala-bala", "cross-area", "overview"):
        _build(tmp_path / slug, "report.html", "review.html", "notebook.ipynb")
    os.utime(tmp_path / "yala-bala" / "report.html", (1_700_000_000, 1_700_000_000))
    titles = {"songkhla-khae": "ตำบลแค", "yala-bala": "บาลอ"}
    page = write_index([_result(tmp_path / "songkhla-khae")], titles, tmp_path, "demo").read_text(encoding="utf-8")
    for slug in ("songkhla-khae", "yala-bala", "cross-area", "overview"):
        assert f'href="{slug}/report.html"' in page and f'href="{slug}/review.html"' in page
    assert "2023-11-14 22:13 UTC" in page  # yala-bala's date: when its page was written
    assert "จากการสร้างครั้งก่อน" in page  # and it says it comes from an earlier run
    assert page.index("songkhla-khae") < page.index("yala-bala") < page.index("cross-area") < page.index("overview")


def test_index_lists_only_files_that_exist(tmp_path):
    _build(tmp_path / "songkhla-khae", "report.html")
    (tmp_path / "notes").mkdir()  # a folder without report files is not a report
    page = write_index([], {}, tmp_path, "demo").read_text(encoding="utf-8")
    assert 'href="songkhla-khae/report.html"' in page
    assert "review.html" not in page and "report.pdf" not in page and "notes" not in page


def test_index_failure_of_this_run_shows_over_an_older_page(tmp_path):
    _build(tmp_path / "yala-bala", "report.html")
    page = write_index([_result(tmp_path / "yala-bala", ok=False, error="ValueError: <bad>")],
                       {}, tmp_path, "demo").read_text(encoding="utf-8")
    assert "ล้มเหลว" in page and "ValueError: &lt;bad&gt;" in page
    assert 'href="yala-bala/report.html"' in page


def test_index_without_reports_says_so(tmp_path):
    page = write_index([], {}, tmp_path / "new", "demo").read_text(encoding="utf-8")
    assert "ไม่มีข้อมูล" in page


def test_index_is_readable_on_a_phone(tmp_path):
    page = write_index([], {}, tmp_path, "demo").read_text(encoding="utf-8")
    assert 'name="viewport"' in page and "max-width: 600px" in page

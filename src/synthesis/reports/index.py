"""The ``index.html`` of a collection's reports: one row per report, with its links."""

from __future__ import annotations

import html
import os
from datetime import datetime, timezone
from pathlib import Path

from synthesis.reports.fonts import CSS_FONT_STACK
from synthesis.reports.runner import ReportResult

_LINKS = (("html", "รายงาน (report)"), ("review", "ฉบับตรวจทาน (review, with code)"),
          ("pdf", "PDF"), ("notebook", "notebook"))


def write_index(results: list[ReportResult], titles: dict[str, str], out_dir: Path,
                collection: str) -> Path:
    """Write ``out_dir/index.html`` linking every report; failed reports are listed as such.

    ``titles`` maps a report slug to the title shown (an area's Thai name).
    """
    rows = []
    for result in results:
        slug = result.job.slug
        links = " · ".join(
            f'<a href="{html.escape(_relative(result.files[key], out_dir))}">{label}</a>'
            for key, label in _LINKS
            if key in result.files and result.files[key].is_file()
        )
        status = "ok" if result.ok else f"<b>ล้มเหลว (failed)</b>: {html.escape(result.error or '')}"
        rows.append(
            f"<tr><td>{html.escape(titles.get(slug, slug))}<br><code>{html.escape(slug)}</code></td>"
            f"<td>{links}</td><td>{status}</td></tr>"
        )
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8">
<title>รายงานสังเคราะห์บทเรียน: {html.escape(collection)}</title>
<style>body {{ font-family: {CSS_FONT_STACK}; margin: 2em; line-height: 1.6; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 0.4em 0.8em; text-align: left; }}</style>
</head><body>
<h1>รายงานสังเคราะห์บทเรียน (synthesis reports): {html.escape(collection)}</h1>
<p>สร้างเมื่อ (built) {made}</p>
<table><tr><th>รายงาน (report)</th><th>ไฟล์ (files)</th><th>สถานะ (status)</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""
    out_dir.mkdir(parents=True, exist_ok=True)
    index = out_dir / "index.html"
    tmp = index.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(index)
    return index


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()

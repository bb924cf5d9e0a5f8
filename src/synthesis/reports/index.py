"""The ``index.html`` of a collection's reports: one row for every report on disk, with its
links and its date.

The index lists what exists in the reports folder, not only what this run built: a run with
``--area`` rebuilds one report and the others keep their rows and links. This run's results
add their status (a failure and its reason); a report from an earlier run shows the date of
its files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from synthesis.reports.fonts import CSS_FONT_STACK
from synthesis.reports.html_safe import escape
from synthesis.reports.runner import ReportResult

# (key in ReportResult.files, file name in a report's folder, link label)
_LINKS = (("html", "report.html", "รายงาน (report)"),
          ("review", "review.html", "ฉบับตรวจทาน (review, with code)"),
          ("pdf", "report.pdf", "PDF"),
          ("notebook", "notebook.ipynb", "notebook"))
# collection-wide reports after the areas
_LAST = ("cross-area", "overview")


@dataclass
class IndexRow:
    """One report folder as the index shows it."""

    slug: str
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    ok: bool | None = None  # None: not built by this run (what is on disk is shown)
    error: str = ""

    @property
    def built(self) -> datetime | None:
        """When the report's page (else any of its files) was last written."""
        page = self.files.get("html") or next(iter(self.files.values()), None)
        if page is None:
            return None
        return datetime.fromtimestamp(page.stat().st_mtime, timezone.utc)


def report_rows(results: list[ReportResult], out_dir: Path, order: list[str]) -> list[IndexRow]:
    """Every report folder of ``out_dir`` with its files on disk, this run's status on top.

    Rows follow ``order`` (area slugs), then the cross-area and overview reports, then any
    other folder by name.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "yala-bala").mkdir(); (root / "yala-bala" / "report.html").write_text("x")
    1
    >>> [(row.slug, sorted(row.files)) for row in report_rows([], root, [])]
    [('yala-bala', ['html'])]
    """
    rows: dict[str, IndexRow] = {}
    if out_dir.is_dir():
        for folder in sorted(p for p in out_dir.iterdir() if p.is_dir()):
            files = _files_on_disk(folder)
            if files:
                rows[folder.name] = IndexRow(folder.name, folder, files)
    for result in results:
        slug = result.job.slug
        row = rows.setdefault(slug, IndexRow(slug, result.job.out_dir))
        row.files.update({key: path for key, path in result.files.items() if path.is_file()})
        row.ok, row.error = result.ok, ("" if result.ok else result.error or "")
    rank = {slug: n for n, slug in enumerate([*order, *_LAST])}
    return sorted(rows.values(), key=lambda row: (rank.get(row.slug, len(rank)), row.slug))


def _files_on_disk(folder: Path) -> dict[str, Path]:
    return {key: folder / name for key, name, _ in _LINKS if (folder / name).is_file()}


def write_index(results: list[ReportResult], titles: dict[str, str], out_dir: Path,
                collection: str) -> Path:
    """Write ``out_dir/index.html`` linking every report on disk; this run's failures are
    named with their reason.

    ``titles`` maps a report slug to the title shown (an area's Thai name); its order is the
    order of the rows.
    """
    lines = []
    for row in report_rows(results, out_dir, list(titles)):
        links = " · ".join(
            f'<a href="{escape(_relative(row.files[key], out_dir))}">{label}</a>'
            for key, _, label in _LINKS if key in row.files)
        if row.ok is False:
            status = f"<b>ล้มเหลว (failed)</b>: {escape(row.error)}"
        elif "html" in row.files:
            status = "สร้างแล้ว (built)" if row.ok else "จากการสร้างครั้งก่อน (earlier run)"
        else:
            status = "ไม่มีรายงาน (no report page)"
        built = row.built.strftime("%Y-%m-%d %H:%M UTC") if row.built else "—"
        lines.append(
            f"<tr><td>{escape(titles.get(row.slug, row.slug))}<br><code>{escape(row.slug)}</code></td>"
            f"<td>{links}</td><td>{built}</td><td>{status}</td></tr>")
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join(lines) or '<tr><td colspan="4">ไม่มีข้อมูล (no reports yet)</td></tr>'
    page = f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>รายงานสังเคราะห์บทเรียน: {escape(collection)}</title>
<style>body {{ font-family: {CSS_FONT_STACK}; margin: 2em; line-height: 1.6; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 0.4em 0.8em; text-align: left; vertical-align: top; }}
@media (max-width: 600px) {{ body {{ margin: 0.8em; }} table, tbody, tr, td, th {{ display: block; }}
  tr:first-child {{ display: none; }} tr {{ border: 1px solid #ccc; margin: 0 0 0.8em; }} td {{ border: 0; }} }}</style>
</head><body>
<h1>รายงานสังเคราะห์บทเรียน (synthesis reports): {escape(collection)}</h1>
<p>ปรับปรุงหน้านี้เมื่อ (index updated) {made}</p>
<table><tr><th>รายงาน (report)</th><th>ไฟล์ (files)</th><th>วันที่สร้าง (built)</th><th>สถานะ (status)</th></tr>
{body}
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

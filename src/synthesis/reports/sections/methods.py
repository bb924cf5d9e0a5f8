"""How a report was made: versions, inputs, coders and agreement."""

from __future__ import annotations

import pandas as pd

from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import all_codings, area_table, codebook, reported_codings


__all__ = ["methods", "agreement_summary"]


def methods(context: ReportContext) -> pd.DataFrame:
    """How this report was made, from the run itself: versions, inputs, coders, agreement."""
    import hashlib
    import json
    import platform
    import subprocess
    from datetime import datetime, timezone

    from synthesis import __version__
    from synthesis.paths import lessons_dir, project_root

    manifest = context.store.manifest
    files = context.store.files(columns=["path", "sha256"])  # the file list is files.parquet
    files = files if files["path"].is_monotonic_increasing else files.sort_values("path")
    listing = "\n".join(files["path"].astype(str) + "\t" + files["sha256"].fillna("").astype(str))
    fingerprint = hashlib.sha256(listing.encode()).hexdigest()[:12]  # one line per file, in path order
    versions = manifest.get("versions", {})
    thai = versions.get("thai", {})
    book_file = lessons_dir() / "codebook.yaml"
    book_hash = hashlib.sha256(book_file.read_bytes()).hexdigest()[:12] if book_file.is_file() else "—"
    coders = pd.Series([c.coder for c in all_codings(context)]).value_counts()
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project_root(),
                                capture_output=True, text=True, timeout=5).stdout.strip() or "—"
    except (OSError, subprocess.SubprocessError):
        commit = "—"
    reported_codings(context)  # sets which coder was used
    rows = [
        ("วันที่สร้างรายงาน (run)", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("พารามิเตอร์ (parameters)", json.dumps(context.parameters, ensure_ascii=False, default=str)),
        ("คลังเอกสาร (corpus)", f"{context.collection}: {len(files)} files, fingerprint {fingerprint}, "
                                f"ingested {manifest.get('created', '—')}"),
        ("เอกสารในรายงาน (documents used)", f"{len(context.area_documents)} of {len(context.documents)} in the date range"),
        ("ตัวตัดคำ (tokenizer)", f"{thai.get('engine', '—')} (nlpo3 {thai.get('nlpo3', '—')}, "
                                 f"pythainlp {thai.get('pythainlp', '—')}), dictionary {str(thai.get('dictionary_sha256', '—'))[:12]}"),
        ("ตัวแยกโครงสร้างรายงาน (parser)", f"version {versions.get('parser', '—')}"),
        ("สมุดรหัส (codebook)", f"lessons/codebook.yaml sha256 {book_hash}, {len(codebook(context))} codes"),
        ("ผู้ลงรหัส (coders)", ", ".join(f"{name} ({n})" for name, n in coders.items()) or "—"),
        ("การลงรหัสที่รายงาน (codings reported)", context.extras.get("coder_used", "—")),
        ("ความสอดคล้องระหว่างผู้ลงรหัส (agreement)", agreement_summary(context)),
        ("ซอฟต์แวร์ (software)", f"synthesis {__version__} (git {commit}), Python {platform.python_version()}"),
    ]
    return pd.DataFrame(rows, columns=["รายการ (item)", "ค่า (value)"])


def agreement_summary(context: ReportContext, coders: tuple[str, str] = ("coder_a", "coder_b")) -> str:
    """Krippendorff's α, Cohen's κ and % agreement of two coders on this report's documents,
    at the segment level, uncoded segments counted as agreement on absence."""
    from synthesis.coding import agreement, units_from_segments

    codings = [c for c in all_codings(context) if c.coder in coders]
    doc_ids = set(context.area_documents["doc_id"])
    if not {c.coder for c in codings} >= set(coders):
        return f"— (needs codings by both {coders[0]} and {coders[1]})"
    units = units_from_segments(area_table(context, "segments"), unit="segment")
    table = agreement([c for c in codings if c.doc_id in doc_ids], units, list(coders))
    overall = table[table["code_id"] == "ALL"].iloc[0]
    if not table.attrs.get("units"):
        return "— (no document coded by both)"
    return (f"{coders[0]} vs {coders[1]}, {table.attrs['units']} segments: "
            f"Krippendorff α = {overall['krippendorff_alpha']:.2f}, Cohen κ = {overall['cohen_kappa']:.2f}, "
            f"agreement {100 * overall['percent_agreement']:.0f}% ({table.attrs['uncoded']})")

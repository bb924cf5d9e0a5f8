"""The methods appendix of every report: how it was made, from the run itself.

Parameters (no absolute paths), the corpus fingerprint and versions; the codebook with each
code's definition; which documents were coded and by whom (and which were not); the coding
and reconciliation procedure; per-code agreement with its n and prevalence next to the
overall figure, and agreement on coded units alone; the card file's hash and last edit.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from synthesis.reports import html_safe as h
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import (
    CODER_PAIR, agreement_table, all_codings, codebook, reported_codings,
)

__all__ = ["PROCEDURE", "methods", "agreement_summary", "effective_parameters", "codebook_table",
           "coding_coverage", "agreement_per_code", "card_file", "procedure_html"]

PROCEDURE = (
    "ขั้นตอนการลงรหัสและการหาข้อยุติ: ผู้ลงรหัสสองคน (coder_a, coder_b) ลงรหัสเอกสารชุดเดียวกันอย่างอิสระตามสมุดรหัส "
    "แล้ววัดความสอดคล้องระดับประโยค/ส่วนย่อยของเอกสาร (synthesis agree) ส่วนที่ทั้งสองลงรหัสตรงกันบันทึกเป็นผู้ลงรหัส "
    "\"consensus\" (synthesis reconcile) ส่วนที่ไม่ตรงกันตัดสินร่วมกันก่อนรวม; รายงานนี้ใช้การลงรหัสของ consensus "
    "เว้นแต่ระบุไว้เป็นอื่น. "
    "(Coding and reconciliation: two coders code the same documents independently against the codebook; agreement "
    "is measured on segments; the codings both made are written as coder \"consensus\" and disagreements are "
    "settled together; this report uses the consensus codings unless stated otherwise.)"
)


def effective_parameters(context: ReportContext) -> dict[str, object]:
    """The parameters the report ran with, paths shown relative to the project (or by their
    last part when outside it): no absolute path in a report.

    >>> from types import SimpleNamespace
    >>> effective_parameters(SimpleNamespace(parameters={"corpus_dir": "/home/u/x/corpora/demo", "area": "a"}))["corpus_dir"]
    '…/demo'
    """
    from synthesis.paths import project_root

    root = project_root().resolve()
    shown = {}
    for name, value in context.parameters.items():
        if isinstance(value, str) and value.startswith("/"):
            path = Path(value)
            try:
                value = path.resolve().relative_to(root).as_posix()
            except (ValueError, OSError):
                value = f"…/{path.name}"
        shown[name] = value
    return shown


def _git_commit() -> str:
    from synthesis.reports.review import commit

    head = commit()
    return head[:12] + (" + uncommitted changes" if "uncommitted" in head else "") if len(head) >= 40 else head


def card_file(context: ReportContext) -> str:
    """The card file of this area (or the collection's cards folder): its path in the
    project, sha256 and last edit (the last commit that changed it, else its modification
    time, and ``last_edited`` of the card when it says)."""
    import subprocess
    from datetime import datetime, timezone

    from synthesis.findings.scope import card_path, cards_dir
    from synthesis.paths import project_root

    root = project_root()
    if context.area is None:
        folder = cards_dir(context.collection)
        files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        if not files:
            return "ไม่มีบัตรบทเรียนในคอลเลกชันนี้ (no lesson cards in this collection)"
        digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:12]
        return f"{len(files)} cards, combined sha256 {digest}"
    path = card_path(context.collection, context.area.id)
    if not path.is_file():
        return "ไม่มีบัตรบทเรียนของพื้นที่นี้ (no card for this area)"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    try:
        last = subprocess.run(["git", "log", "-1", "--format=%cs %h", "--", str(path)], cwd=root,
                              capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        last = ""
    modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = path.name
    return (f"{shown} sha256 {digest}; last commit {last or '— (not committed)'}; "
            f"file modified {modified}")


def methods(context: ReportContext) -> pd.DataFrame:
    """How this report was made, from the run itself: versions, inputs, coders, agreement."""
    import json
    import platform
    from datetime import datetime, timezone

    from synthesis import __version__
    from synthesis.paths import lessons_dir

    manifest = context.store.manifest
    files = context.store.files(columns=["path", "sha256"])  # the file list is files.parquet
    files = files if files["path"].is_monotonic_increasing else files.sort_values("path")
    listing = "\n".join(files["path"].astype(str) + "\t" + files["sha256"].fillna("").astype(str))
    fingerprint = hashlib.sha256(listing.encode()).hexdigest()[:12]  # one line per file, in path order
    versions = manifest.get("versions", {})
    thai = versions.get("thai", {})
    book_file = lessons_dir() / "codebook.yaml"
    book_hash = hashlib.sha256(book_file.read_bytes()).hexdigest()[:12] if book_file.is_file() else "—"
    coders = pd.Series([c.coder for c in all_codings(context)], dtype=object).value_counts()
    reported_codings(context)  # sets which coder was used
    rows = [
        ("วันที่สร้างรายงาน (run)", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("พารามิเตอร์ (parameters)", json.dumps(effective_parameters(context), ensure_ascii=False, default=str)),
        ("คลังเอกสาร (corpus)", f"{context.collection}: {len(files)} files, fingerprint {fingerprint}, "
                                f"ingested {manifest.get('created', '—')}"),
        ("เอกสารในรายงาน (documents used)", f"{len(context.area_documents)} of {len(context.documents)} in the date range"),
        ("ตัวตัดคำ (tokenizer)", f"{thai.get('engine', '—')} (nlpo3 {thai.get('nlpo3', '—')}, "
                                 f"pythainlp {thai.get('pythainlp', '—')}), dictionary {str(thai.get('dictionary_sha256', '—'))[:12]}"),
        ("ตัวแยกโครงสร้างรายงาน (parser)", f"version {versions.get('parser', '—')}"),
        ("สมุดรหัส (codebook)", f"lessons/codebook.yaml sha256 {book_hash}, {len(codebook(context))} codes"),
        ("บัตรบทเรียน (lesson card)", card_file(context)),
        ("ผู้ลงรหัส (coders)", ", ".join(f"{name} ({n})" for name, n in coders.items()) or "—"),
        ("การลงรหัสที่รายงาน (codings reported)", context.extras.get("coder_used", "—")),
        ("ความสอดคล้องระหว่างผู้ลงรหัส (agreement)", agreement_summary(context)),
        ("ซอฟต์แวร์ (software)", f"synthesis {__version__} (git {_git_commit()}), Python {platform.python_version()}"),
    ]
    return pd.DataFrame(rows, columns=["รายการ (item)", "ค่า (value)"])


def agreement_summary(context: ReportContext, coders: tuple[str, str] = CODER_PAIR) -> str:
    """Krippendorff's α, Cohen's κ and % agreement of two coders on this report's documents,
    at the segment level: over every segment of the documents both coded (uncoded segments
    count as agreement on absence), then over the segments at least one of them coded."""
    codings = [c for c in all_codings(context) if c.coder in coders]
    if not {c.coder for c in codings} >= set(coders):
        return f"— (needs codings by both {coders[0]} and {coders[1]})"
    table = agreement_table(context, coders)
    if table.empty or not table.attrs.get("units"):
        return "— (no document coded by both)"
    overall = table[table["code_id"] == "ALL"].iloc[0]
    text = (f"{coders[0]} vs {coders[1]}, {table.attrs['units']} segments of {table.attrs['documents']} documents: "
            f"Krippendorff α = {overall['krippendorff_alpha']:.2f}, Cohen κ = {overall['cohen_kappa']:.2f}, "
            f"agreement {100 * overall['percent_agreement']:.0f}% ({table.attrs['uncoded']})")
    coded = agreement_table(context, coders, coded_units_only=True)
    if not coded.empty and coded.attrs.get("units"):
        alone = coded[coded["code_id"] == "ALL"].iloc[0]
        text += (f"; on the {coded.attrs['units']} coded segments alone: α = {alone['krippendorff_alpha']:.2f}, "
                 f"agreement {100 * alone['percent_agreement']:.0f}%")
    return text


def agreement_per_code(context: ReportContext, coders: tuple[str, str] = CODER_PAIR) -> pd.DataFrame:
    """Per code: n (segments compared), prevalence (% of segments either coder gave the code),
    α and κ on all segments, and α on the coded segments alone; the overall rows first."""
    every = agreement_table(context, coders)
    if every.empty:
        return pd.DataFrame()
    coded = agreement_table(context, coders, coded_units_only=True).set_index("code_id")
    book = codebook(context)
    rows = []
    for row in sorted(every.itertuples(index=False), key=lambda r: (r.code_id != "ALL", r.code_id)):
        alone = coded.loc[row.code_id] if row.code_id in coded.index else None
        name = "รวมทุกรหัส (all codes)" if row.code_id == "ALL" else (
            f"{book.label(row.code_id)} ({row.code_id})" if row.code_id in book else row.code_id)
        rows.append({
            "รหัส (code)": name, "n (segments)": int(row.units),
            "ความชุก (prevalence)": f"{100 * row.coded_by_any / max(row.units, 1):.0f}%",
            "α ทุกส่วน (all segments)": round(float(row.krippendorff_alpha), 2) if pd.notna(row.krippendorff_alpha) else None,
            "κ": round(float(row.cohen_kappa), 2) if pd.notna(row.cohen_kappa) else None,
            "% ตรงกัน (agreement)": f"{100 * row.percent_agreement:.0f}%",
            "α เฉพาะส่วนที่ลงรหัส (coded segments only)": (
                round(float(alone["krippendorff_alpha"]), 2)
                if alone is not None and pd.notna(alone["krippendorff_alpha"]) else None),
        })
    return pd.DataFrame(rows)


def codebook_table(context: ReportContext) -> pd.DataFrame:
    """The codebook: each code with its Thai and English name and its definition (with what
    it includes and excludes)."""
    rows = []
    for code in codebook(context):
        definition = "; ".join(part for part in (
            code.description, code.include and f"รวม (include): {code.include}",
            code.exclude and f"ไม่รวม (exclude): {code.exclude}") if part)
        rows.append({"รหัส (code id)": code.id, "ชื่อ (name)": f"{code.name_th} ({code.name_en})",
                     "นิยาม (definition)": definition or "—"})
    return pd.DataFrame(rows)


def coding_coverage(context: ReportContext) -> pd.DataFrame:
    """Each of the report's documents (date order) with how many codings each coder made in
    it; a document nobody coded says so."""
    docs = context.area_documents.sort_values(["date", "title"], na_position="last")
    counts: dict[tuple[str, str], int] = {}
    for c in all_codings(context):
        counts[(c.doc_id, c.coder)] = counts.get((c.doc_id, c.coder), 0) + 1
    coders = sorted({coder for _, coder in counts})
    rows = []
    for doc in docs.itertuples(index=False):
        row = {"วันที่ (date)": doc.date or "—", "เอกสาร (document)": doc.title or "—"}
        for coder in coders:
            row[coder] = counts.get((doc.doc_id, coder), 0)
        row["สถานะ (status)"] = ("ลงรหัสแล้ว (coded)" if any(counts.get((doc.doc_id, c)) for c in coders)
                                 else "ยังไม่ได้ลงรหัส (not coded)")
        rows.append(row)
    return pd.DataFrame(rows)


def procedure_html() -> h.Safe:
    """The coding and reconciliation procedure, Thai first."""
    return h.tag("p", PROCEDURE)

"""The framework matrix in the reports: the area's row in an area report, the full matrix
(areas × themes) in the cross-area report, the gaps it shows (themes with no evidence),
saturation per area, and the findings shared by areas or specific to one.

The matrix itself is ``synthesis.findings.matrix`` (summaries drafted from coded segments,
edited ones from ``lessons/collections/<collection>/matrix.yaml``); it is the same for every
report of a run, so it is built once per kernel while the store, the codings, the codebook
and the edits are unchanged. Every summary, name and quote is escaped.
"""

from __future__ import annotations

import pandas as pd

from synthesis.reports import html_safe as h
from synthesis.reports import inputs
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import (
    CODER_PAIR, EVIDENCE_DOCUMENT_COLUMNS, all_codings, area_labels, codebook, collection_agreement_table, note_read,
    quiet_reads, with_text,
)

__all__ = ["MATRIX_RULE", "collection_details", "collection_agreement", "placed_codings", "framework_matrix",
           "records_by_coding", "area_matrix_row", "matrix_html", "theme_gaps", "gaps_html", "area_saturation", "saturation_html",
           "shared_findings",
           "shared_findings_html", "matrix_counts"]

MATRIX_RULE = (
    "แต่ละช่องคือบทสรุปร่างที่เลือกประโยคจากข้อความที่ลงรหัสไว้ โดยให้น้ำหนักกับสิ่งที่ผู้ลงรหัสหลายคนและเอกสารหลายฉบับ"
    "ตรงกัน และตัดประโยคที่ซ้ำกันออก (synthesis.findings.summaries); บทสรุปที่ผู้วิจัยแก้ไขแล้วแสดงแทนร่าง "
    "และถ้าหลักฐานเปลี่ยนหลังการแก้ไขจะขึ้นว่า \"หลักฐานเปลี่ยน\". "
    "(Each cell: a draft summary of sentences chosen from its coded segments, favouring what several coders and "
    "documents agree on, near-duplicates removed; an edited summary replaces the draft and is flagged stale when "
    "its evidence changed since.)"
)


def _run_key(context: ReportContext, *more) -> tuple:
    from synthesis.paths import lessons_dir

    return (str(context.store.path), str(lessons_dir()), context.collection,
            context.parameters.get("date_from") or None, context.parameters.get("date_to") or None, *more)


def _run_marks(context: ReportContext, *files) -> tuple:
    from synthesis.paths import lessons_dir

    lessons = lessons_dir()
    return (inputs.store_marks(context.store), inputs.codings_marks(lessons),
            inputs.fingerprint([lessons / "codebook.yaml", lessons / "areas.yaml", *files]))


def collection_details(context: ReportContext) -> pd.DataFrame:
    """Every coding of the collection with its document, speaker, context, fellow coders and
    memos, its span and the document's reporter (``synthesis.findings.evidence.coding_details``):
    what the matrix, the card's evidence, grades and flags read.
    The same for every report of a run: built once per kernel while the store, the codings
    and the codebook are unchanged (shared, not copied: callers must not change it)."""
    from synthesis.findings.evidence import coding_details

    codings, book = all_codings(context), codebook(context)  # listed as read by this report

    def build() -> pd.DataFrame:
        from synthesis.paths import lessons_dir

        coded = sorted({c.doc_id for c in codings})
        with quiet_reads(context):
            documents = with_text(context, context.documents[context.documents["doc_id"].isin(coded)])
        segments = context.store.table("segments", doc_ids=coded) if coded else None
        # the same codings as ``codings``, as the table the kernel keeps (no dataclass → dict per coding)
        table = inputs.codings_table(lessons_dir())
        table = table[table["doc_id"].isin(set(context.documents["doc_id"]))]
        return coding_details(table, documents[EVIDENCE_DOCUMENT_COLUMNS], segments, book)

    details = inputs.shared("collection_details", _run_key(context), _run_marks(context), build)
    note_read(context, "store: documents (text) and segments of the coded documents, with every coding "
              "(synthesis.findings.evidence)", "every coding of this collection", len(details))
    return details


def collection_agreement(context: ReportContext) -> dict[str, tuple[float, int]]:
    """Per code, Krippendorff's α of the human coders over every segment of the documents
    they both coded in the collection, and how many segments any of them coded
    (``synthesis.findings.cards.grade.code_agreement``): what a card point's grade reads.
    Once per kernel."""
    from synthesis.coding import units_from_segments
    from synthesis.findings.cards.grade import code_agreement

    everyone = all_codings(context)
    humans = {c.coder for c in everyone} - {"consensus", "rules"}
    if humans == set(CODER_PAIR):
        # the same computation as the collection's agreement table of the methods appendix
        # (the documents both coded, every segment of them): read that table, built once
        table = collection_agreement_table(context, CODER_PAIR)
        return {row.code_id: (float(row.krippendorff_alpha), int(row.coded_by_any))
                for row in table.itertuples() if row.code_id != "ALL"}

    def build() -> dict:
        codings = [c for c in everyone if c.coder not in ("consensus", "rules")]
        coders: dict[str, set] = {}
        for c in codings:
            coders.setdefault(c.doc_id, set()).add(c.coder)
        shared = sorted(d for d, who in coders.items() if len(who) >= 2)
        if not shared:
            return {}
        units = units_from_segments(context.store.table("segments", doc_ids=shared), unit="segment")
        return code_agreement([c for c in codings if c.doc_id in set(shared)], units)

    agreement = inputs.shared("collection_agreement", _run_key(context), _run_marks(context), build)
    note_read(context, "store: segments of the documents two coders coded (agreement per code)",
              "coders other than consensus and rules", len(agreement))
    return agreement


def placed_codings(context: ReportContext, by: str = "area", level: str = "top") -> pd.DataFrame:
    """Every coding placed in its matrix cells (``synthesis.findings.matrix.cell_evidence``:
    the details plus ``row`` and ``theme``), once per kernel."""
    from synthesis.findings.matrix import cell_evidence

    codings, book, details = all_codings(context), codebook(context), collection_details(context)
    placed = inputs.shared("placed_codings", _run_key(context, by, level), _run_marks(context),
                           lambda: cell_evidence(codings, None, book, context.areas, by=by, level=level,
                                                 details=details))
    note_read(context, "codings placed in matrix cells (synthesis.findings.matrix.cell_evidence)",
              f"by {by}, {level}-level themes", len(placed))
    return placed


def framework_matrix(context: ReportContext, by: str = "area", level: str = "top") -> pd.DataFrame:
    """The collection's matrix in long form (``synthesis.findings.matrix.MATRIX_COLUMNS``),
    built once per kernel while its inputs are unchanged (a copy: callers may change it)."""
    from synthesis.findings.matrix import framework_matrix as build_matrix
    from synthesis.findings.matrix_edits import load_edits
    from synthesis.findings.scope import matrix_path

    edits_file = matrix_path(context.collection)

    codings, book, details = all_codings(context), codebook(context), collection_details(context)

    def build() -> pd.DataFrame:
        edits, problems = load_edits(edits_file) if edits_file.is_file() else ({}, [])
        matrix = build_matrix(codings, None, book, context.areas, by=by, level=level, edits=edits, details=details)
        matrix.attrs["edit_problems"] = problems
        return matrix

    matrix = inputs.shared("framework_matrix", _run_key(context, by, level), _run_marks(context, edits_file), build)
    note_read(context, "framework matrix (synthesis.findings.matrix)",
              f"by {by}, {level}-level themes, edits from lessons/collections/{context.collection}/matrix.yaml",
              len(matrix))
    return matrix.copy()


def matrix_counts(cell) -> str:
    """The counts behind a cell, in Thai.

    >>> matrix_counts({"segments": 3, "documents": 2, "informants": 2, "coders": 1})
    '3 ข้อความ · 2 เอกสาร · 2 ผู้ให้ข้อมูล · 1 ผู้ลงรหัส'
    """
    return (f"{cell['segments']} ข้อความ · {cell['documents']} เอกสาร · "
            f"{cell['informants']} ผู้ให้ข้อมูล · {cell['coders']} ผู้ลงรหัส")


STATUS_NOTE = {"draft": "ร่างโดยเครื่อง (draft)", "edited": "แก้ไขโดยผู้วิจัย (edited)",
               "stale": "⚠️ แก้ไขแล้วแต่หลักฐานเปลี่ยน (stale)"}


def _cell_html(cell, evidence: list[dict] | None = None) -> h.Safe:
    """A cell's summary, counts and status, and (when given, as detail records) the coded
    segments it drew on, one per document and passage, collapsed."""
    if cell["status"] == "empty":
        return h.tag("i", "ไม่มีหลักฐาน (no evidence)")
    status = STATUS_NOTE.get(cell["status"], cell["status"])
    if cell["status"] in ("edited", "stale") and cell["edited_by"]:
        status += f" โดย {cell['edited_by']} {cell['edited_at']}"
    parts = [h.tag("p", cell["summary"]), h.tag("small", matrix_counts(cell), " · ", status)]
    if cell["status"] == "stale" and cell["stale_reason"]:
        parts.append(h.tag("p", h.tag("mark", cell["stale_reason"])))
    if evidence:
        seen, items = set(), []
        for row in evidence:
            if (row["doc_id"], row["quote"]) in seen:
                continue
            seen.add((row["doc_id"], row["quote"]))
            items.append(h.tag("li", h.one_line(row["quote"], 300), h.tag("br"),
                               h.tag("small", f"{row['title'] or 'ไม่มีชื่อเรื่อง'} ({row['date'] or 'ไม่ระบุวันที่'})",
                                     f" · {row['code_name']}")))
        parts.append(h.details(f"ข้อความที่ใช้ {len(items)} ข้อความ (segments drawn on)", h.tag("ul", *items)))
    return h.join(parts)


def records_by_coding(context: ReportContext) -> dict[str, list[dict]]:
    """The evidence rows of :func:`collection_details` as records, by coding id (built once
    per kernel with the details table)."""
    from synthesis.findings.evidence import detail_records

    details = collection_details(context)

    def build() -> dict[str, list[dict]]:
        by_id: dict[str, list[dict]] = {}
        for record in detail_records(details):
            by_id.setdefault(record["coding_id"], []).append(record)
        return by_id

    return inputs.cached("records_by_coding", _run_key(context), _run_marks(context), build)


def area_matrix_row(context: ReportContext, level: str = "top") -> h.Safe:
    """This area's row of the matrix: one line per theme with its summary, counts, status
    and (collapsed) the coded segments it drew on."""
    matrix = framework_matrix(context, "area", level)
    row = matrix[matrix["row"] == context.area.id]
    if row.empty or (row["status"] == "empty").all():
        return h.tag("p", h.tag("i", "ยังไม่มีการลงรหัสในพื้นที่นี้ จึงยังไม่มีบทสรุปในตาราง (no codings here yet)"))
    by_id = records_by_coding(context)
    lines = []
    for cell in row.to_dict("records"):
        mine = [record for i in cell["coding_ids"] for record in by_id.get(i, ())]
        lines.append({"ประเด็น (theme)": cell["theme_th"], "สรุป (summary)": _cell_html(cell, mine)})
    return h.table(lines)


def matrix_html(context: ReportContext, by: str = "area", level: str = "top") -> h.Safe:
    """The full matrix, read in two steps: a grid of rows (areas or occupation groups) ×
    themes holding each cell's counts (segments · documents, "—" for no evidence, ✎ for an
    edited summary, ⚠️ for a stale one); then, per theme, each row's summary with its counts
    and status, collapsed (the summaries of sixteen themes side by side do not fit a page)."""
    matrix = framework_matrix(context, by, level)
    if matrix.empty:
        return h.tag("p", h.tag("i", "ไม่มีข้อมูล (no data)"))
    if by == "area":  # "จังหวัด: ตำบล" reads better in a grid than the areas' full names
        matrix["row_th"] = matrix["row"].map(area_labels(context)).fillna(matrix["row_th"])
    themes = list(dict.fromkeys(matrix["theme_th"]))
    mark = {"edited": " ✎", "stale": " ⚠️"}
    grid = []
    for row_th, cells in matrix.groupby("row_th", sort=False):
        by_theme = {cell["theme_th"]: cell for cell in cells.to_dict("records")}
        grid.append({"กรณี (case)": h.tag("b", row_th), **{
            theme: (f"{by_theme[theme]['segments']} · {by_theme[theme]['documents']}"
                    + mark.get(by_theme[theme]["status"], "")) if by_theme[theme]["status"] != "empty" else "—"
            for theme in themes}})
    per_theme = []
    for theme_th, cells in matrix.groupby("theme_th", sort=False):
        rows = [{"กรณี (case)": h.tag("b", cell["row_th"]), "สรุป (summary)": _cell_html(cell)}
                for cell in cells.to_dict("records")]
        filled = int((cells["status"] != "empty").sum())
        per_theme.append(h.details(f"{theme_th} — มีหลักฐาน {filled} จาก {len(cells)} กรณี (evidence in {filled} of {len(cells)})",
                                   h.table(rows)))
    problems = matrix.attrs.get("edit_problems") or []
    note = h.tag("p", h.tag("mark", "⚠️ matrix.yaml: ", "; ".join(map(str, problems)))) if problems else ""
    legend = h.tag("p", h.tag("small", "ตัวเลขในช่อง: จำนวนข้อความที่ลงรหัส · จำนวนเอกสาร; ✎ บทสรุปที่ผู้วิจัยแก้ไข; "
                                      "⚠️ หลักฐานเปลี่ยนหลังการแก้ไข; — ไม่มีหลักฐาน (cell: coded segments · documents; "
                                      "✎ edited summary; ⚠️ stale; — no evidence)"))
    return h.join([note, legend, h.table(grid, cls="matrix"),
                   h.tag("p", h.tag("b", "บทสรุปรายประเด็น (summaries, theme by theme)")), *per_theme])


def theme_gaps(context: ReportContext, level: str = "top") -> pd.DataFrame:
    """For each theme, the areas with no evidence at all, named in Thai (a gap is a finding).
    In an area report: the themes this area has no evidence for."""
    matrix = framework_matrix(context, "area", level)
    empty = matrix[matrix["status"] == "empty"]
    if context.area is not None:
        empty = empty[empty["row"] == context.area.id]
        return pd.DataFrame({"ประเด็นที่ไม่มีหลักฐาน (themes with no evidence)": empty["theme_th"].tolist()})
    rows = []
    for theme_th, group in matrix.groupby("theme_th", sort=False):
        missing = group.loc[group["status"] == "empty", "row_th"].tolist()
        rows.append({"ประเด็น (theme)": theme_th,
                     "พื้นที่ที่ไม่มีหลักฐาน (areas with no evidence)": ", ".join(missing) if missing else "—",
                     "จำนวน (count)": len(missing)})
    return pd.DataFrame(rows)


def gaps_html(context: ReportContext) -> h.Safe:
    """The gaps as a sentence or a table, Thai first."""
    gaps = theme_gaps(context)
    if gaps.empty:
        return h.tag("p", "ทุกประเด็นมีหลักฐานอย่างน้อยหนึ่งข้อความ (every theme has at least one coded segment here).")
    if context.area is not None:
        return h.tag("p", "ประเด็นที่พื้นที่นี้ยังไม่มีหลักฐานเลย (themes with no evidence in this area): ",
                     h.tag("b", ", ".join(gaps.iloc[:, 0])))
    return h.table(gaps)


def area_saturation(context: ReportContext) -> pd.DataFrame:
    """New codes per added document of this area in document date order
    (``synthesis.findings.coverage.saturation``), once per report."""
    if "saturation" not in context.extras:
        from synthesis.findings.coverage import saturation

        context.extras["saturation"] = saturation(placed_codings(context), context.area_documents, context.area.id)
    return context.extras["saturation"]


def saturation_html(context: ReportContext) -> h.Safe:
    """Saturation in this area with its Thai note, then one row per added document in date
    order with its new codes and the codes found so far drawn as bars (HTML,
    ``synthesis.reports.html_charts``): the codes-so-far bars stop growing at saturation."""
    from synthesis.findings.coverage import saturation_note
    from synthesis.reports.html_charts import BAR_COLOURS, bar

    table = area_saturation(context)
    top = float(table["cumulative_codes"].max()) if len(table) else 0.0
    rows = [{"ลำดับ (order)": row.order, "วันที่ (date)": row.date or "—", "เอกสาร (document)": row.title or "—",
             "รหัสใหม่ (new codes)": bar(row.new_codes, top, BAR_COLOURS[1]),
             "รหัสสะสม (codes so far)": bar(row.cumulative_codes, top, BAR_COLOURS[0])}
            for row in table.itertuples(index=False)]
    return h.join([h.tag("p", h.tag("b", "ความอิ่มตัวของข้อมูล (saturation): "), saturation_note(table)),
                   h.tag("p", h.tag("small", "รหัสใหม่ต่อเอกสารที่เพิ่มตามลำดับวันที่ และรหัสสะสม: แท่งรหัสสะสมที่หยุดยาวขึ้นคือความอิ่มตัว "
                                             "(new codes per added document in date order, and the codes so far: "
                                             "when the codes-so-far bars stop growing, the data are saturated)")),
                   h.table(rows)])


def shared_findings(context: ReportContext) -> pd.DataFrame:
    """Per sub-code with evidence: shared by all areas, by several, or specific to one, and
    the words that set each area's coded segments under it apart
    (``synthesis.findings.crossarea.shared_vs_specific``; names never count as words)."""
    from synthesis.findings.crossarea import name_terms, shared_vs_specific

    table = shared_vs_specific(placed_codings(context, level="sub"), context.areas, codebook(context),
                               exclude=name_terms(context.areas))
    labels = area_labels(context)
    rows = []
    for row in table[table["n_areas"] > 0].sort_values(["n_areas", "code_id"], ascending=[True, True]).itertuples():
        words = "; ".join(f"{labels.get(area, area)}: {', '.join(terms)}" for area, terms in row.distinctive.items() if terms)
        rows.append({"รหัสย่อย (sub-code)": row.code_th, "ลักษณะ (shared or specific)": row.status_th,
                     "พื้นที่ (areas)": ", ".join(labels.get(a, a) for a in row.areas_with),
                     "คำเฉพาะของแต่ละพื้นที่ (what sets each area apart)": words or "—"})
    return pd.DataFrame(rows)


def shared_findings_html(context: ReportContext) -> h.Safe:
    """:func:`shared_findings` as a table with its rule, area-specific first."""
    rule = ("รหัสย่อยที่มีหลักฐานในพื้นที่เดียว หลายพื้นที่ หรือทุกพื้นที่ และคำที่พื้นที่หนึ่งใช้ในข้อความที่ลงรหัสนั้นมากกว่าพื้นที่อื่น "
            "(log-likelihood, p < 0.05) จึงเห็นกลไกเฉพาะถิ่นแม้ทุกพื้นที่มีรหัสเดียวกัน "
            "(sub-codes with evidence in one, several or all areas, and the words of each area's coded segments "
            "under them that set it apart)")
    return h.join([h.tag("p", h.tag("small", rule)), h.table(shared_findings(context))])

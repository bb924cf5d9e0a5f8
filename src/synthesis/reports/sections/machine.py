"""Machine coders against each human coder (issue 18): per code, Cohen's κ and the machine's
precision and recall with the person as the reference, from
:func:`synthesis.semantic.compare.machine_vs_humans` on the report's documents.

>>> # machine_coders_html(context)  # an escaped fragment; "ไม่มีผู้ลงรหัสที่เป็นเครื่อง" if no machine coded
"""

from __future__ import annotations

import math

import pandas as pd

from synthesis.reports.html_safe import Safe, join, table, tag
from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import all_codings, codebook, note_read

__all__ = ["machine_coders_table", "machine_coders_html", "NO_MACHINE_CODER"]

NO_MACHINE_CODER = "ไม่มีผู้ลงรหัสที่เป็นเครื่อง (no machine coder)"


def _units(context: ReportContext, doc_ids: list[str]) -> pd.DataFrame:
    """The finest non-heading segments of ``doc_ids``: the units machines and people are compared on."""
    from synthesis.coding.agreement import units_from_segments

    segments = context.store.table("segments", doc_ids=doc_ids)
    note_read(context, "store: segments", f"{len(doc_ids)} documents coded by a machine and a person", len(segments))
    segments = segments[segments["kind"] != "heading"]
    if segments.empty:
        return pd.DataFrame(columns=["doc_id", "start", "end"])
    return units_from_segments(segments, "segment")


def machine_coders_table(context: ReportContext) -> pd.DataFrame:
    """Per machine coder, human coder and code of this report's documents: κ, precision, recall
    and the unit counts (``machine_vs_humans``' columns); empty when no machine coded here."""
    from synthesis.semantic.compare import machine_vs_humans
    from synthesis.semantic.provenance import is_machine_coder

    wanted = set(context.area_documents["doc_id"])
    codings = [c for c in all_codings(context) if c.doc_id in wanted]
    machines = sorted({c.coder for c in codings if is_machine_coder(c.coder) or c.coder == "rules"})
    if not machines:
        return pd.DataFrame()
    machine_docs = {c.doc_id for c in codings if c.coder in machines}
    human_docs = {c.doc_id for c in codings if c.coder not in machines}
    shared = sorted(machine_docs & human_docs)
    if not shared:
        return pd.DataFrame()
    return machine_vs_humans([c for c in codings if c.doc_id in shared], _units(context, shared), machines=machines)


def _number(value) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.2f}"


def machine_coders_html(context: ReportContext) -> Safe:
    """The comparison as an escaped table (codes by their codebook labels), or a note saying no
    machine coder exists (or none shares a document with a person)."""
    compared = machine_coders_table(context)
    if compared.empty:
        return tag("p", NO_MACHINE_CODER, cls="note")
    book = codebook(context)
    rows = [{"เครื่อง (machine)": r.machine, "ผู้ลงรหัส (human)": r.human,
             "รหัส (code)": book.label(r.code_id) if r.code_id in book else r.code_id,
             "κ": _number(r.kappa), "ความแม่นยำ (precision)": _number(r.precision),
             "ความครบถ้วน (recall)": _number(r.recall), "ตรงกัน (both)": int(r.both),
             "เครื่องเท่านั้น (machine only)": int(r.machine_only), "คนเท่านั้น (human only)": int(r.human_only),
             "หน่วย (units)": int(r.units)} for r in compared.itertuples()]
    note = tag("p", "เทียบกับคนเป็นเกณฑ์ บนหน่วยข้อความของเอกสารที่ทั้งสองฝ่ายลงรหัส "
                    "(the person is the reference, on the units of documents both coded)", cls="note")
    return join([table(rows), note])

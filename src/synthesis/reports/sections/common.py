"""What several report parts share: the report's tables read once, the codings and the codebook,
the privacy key."""

from __future__ import annotations

import contextlib

import pandas as pd

from synthesis.reports import inputs
from synthesis.reports.notebook import ReportContext

__all__ = [
    "EVIDENCE_DOCUMENT_COLUMNS",
    "note_read",
    "agreement_table",
    "collection_agreement_table",
    "agreement_by_code",
    "CODER_PAIR",
    "KIND_NAMES",
    "area_table",
    "with_text",
    "privacy_key",
    "redacted",
    "MANUAL_ORIGINS",
    "codebook",
    "all_codings",
    "reported_coder",
    "reported_codings",
    "reported_table",
    "coded_documents",
    "code_area_shares",
    "area_labels",
    "token_lists",
]


KIND_NAMES = {
    "activity_report": "รายงานกิจกรรม (activity report)",
    "meeting_summary": "สรุปการประชุม (meeting summary)",
    "interview": "สัมภาษณ์ถอดบทเรียน (interview)",
    "other": "อื่น ๆ (other)",
}


def area_table(context: ReportContext, name: str) -> pd.DataFrame:
    """The store's ``name`` table (tokens, entities, segments) for this report's documents,
    read once per report."""
    key = f"table:{name}"
    if key not in context.extras:
        context.extras[key] = context.store.table(name, doc_ids=list(context.area_documents["doc_id"]))
        note_read(context, f"store: {name}", f"{len(context.area_documents)} documents of this report",
                  len(context.extras[key]))
    return context.extras[key]


def with_text(context: ReportContext, docs: pd.DataFrame) -> pd.DataFrame:
    """``docs`` (rows of the documents table) with their ``text`` column, read from the store
    for these documents only: the report context holds the documents without their texts, so
    that a report's cost does not grow with the rest of the archive."""
    if "text" in docs.columns:
        return docs
    if docs.empty:
        return docs.assign(text=pd.Series(dtype="object"))
    # several parts of a report ask for the texts of the same documents (the area's): read once
    key = ("texts", tuple(docs["doc_id"]))
    texts = context.extras.get(key)
    if texts is None:
        texts = context.store.table("documents", doc_ids=docs["doc_id"].tolist(), columns=["doc_id", "text"])
        texts = context.extras[key] = texts.drop_duplicates("doc_id")
    note_read(context, "store: documents (text)", f"{len(docs)} documents", len(texts))
    return docs.merge(texts, on="doc_id", how="left", validate="one_to_one")


def privacy_key(context: ReportContext):
    """The collection's pseudonym key (kept outside the project), taught every person the
    collection names; built once per report."""
    if "privacy_key" not in context.extras:
        from synthesis.privacy import build_key, load_or_create_key, save_key

        key, path = load_or_create_key(context.collection)
        docs = with_text(context, context.documents)
        build_key(zip(docs["doc_id"], docs["text"]), key, reporters=docs["reporter"].dropna().tolist())
        save_key(key, path)
        context.extras["privacy_key"] = key
    return context.extras["privacy_key"]


def redacted(context: ReportContext, value):
    """With ``redact`` on, a table's text columns, a text, or an HTML fragment (``html_safe``)
    with people's names replaced by stable pseudonyms; unchanged otherwise. A fragment stays a
    fragment: a pseudonym (``บุคคล-017``) holds no markup character, and the names it replaces
    are escaped text of the fragment, never its markup."""
    if not context.parameters.get("redact"):
        return value
    from synthesis.privacy import redact_frame, redact_text
    from synthesis.reports.html_safe import Safe

    key = privacy_key(context)
    if isinstance(value, Safe):
        return Safe(redact_text(str(value), key))
    if isinstance(value, str):
        return redact_text(value, key)
    if isinstance(value, list):  # records for html_safe.table
        return [{k: redacted(context, v) if isinstance(v, str) else v for k, v in row.items()} for row in value]
    text_columns = [c for c in value.columns if value[c].map(lambda v: isinstance(v, str)).any()]
    return redact_frame(value, key, columns=text_columns)


# What ``synthesis.findings.evidence`` reads of a document (it looks documents up row by row:
# fewer columns, faster)
EVIDENCE_DOCUMENT_COLUMNS = ["doc_id", "title", "date", "kind", "areas", "reporter", "text"]

MANUAL_ORIGINS = ("manual", "suggestion-accepted")


def codebook(context: ReportContext):
    """The project's codebook (``lessons/codebook.yaml``), loaded once per report (and
    reused by later reports while the file is unchanged)."""
    if "codebook" not in context.extras:
        from synthesis.paths import lessons_dir

        context.extras["codebook"] = inputs.codebook(lessons_dir() / "codebook.yaml")
        note_read(context, "lessons/codebook.yaml", "every code", len(context.extras["codebook"]))
    return context.extras["codebook"]


def all_codings(context: ReportContext) -> list:
    """Every coder's codings of this collection's documents (of the date range; orphans left
    out): another collection's codings never reach its reports. Loaded once per report (the
    files are read again by later reports only when they changed)."""
    if "codings" not in context.extras:
        from synthesis.paths import lessons_dir

        wanted = set(context.documents["doc_id"])
        every = inputs.codings(lessons_dir())
        context.extras["codings"] = [c for c in every if c.doc_id in wanted]
        note_read(context, "lessons/codings/*.jsonl", "codings of this collection's documents, orphans left out",
                  len(context.extras["codings"]))
    return context.extras["codings"]


def reported_coder(context: ReportContext) -> tuple[str, bool]:
    """The coder whose codings are reported, and whether they have any (if not, every
    person's codings are reported)."""
    coder = context.parameters.get("coder") or "consensus"
    has_any = any(c.coder == coder for c in all_codings(context))
    context.extras["coder_used"] = coder if has_any else "all coders (no codings by %s)" % coder
    return coder, has_any


def reported_codings(context: ReportContext) -> list:
    """The codings the report is about: those of the ``coder`` parameter (``consensus`` by
    default); if that coder has none, every person's codings, and the methods say so."""
    coder, has_any = reported_coder(context)
    if has_any:
        return [c for c in all_codings(context) if c.coder == coder]
    return [c for c in all_codings(context) if c.origin in MANUAL_ORIGINS]


def reported_table(context: ReportContext) -> pd.DataFrame:
    """:func:`reported_codings` as a DataFrame (``synthesis.analysis.codes``'s columns)."""
    from synthesis.paths import lessons_dir

    coder, has_any = reported_coder(context)
    table = inputs.codings_table(lessons_dir())
    table = table[table["doc_id"].isin(set(context.documents["doc_id"]))]
    chosen = table["coder"] == coder if has_any else table["origin"].isin(MANUAL_ORIGINS)
    return table[chosen].reset_index(drop=True)


def coded_documents(context: ReportContext) -> pd.DataFrame:
    """The documents of the date range that carry at least one reported coding: shares of
    documents are taken among these, so uncoded texts (e.g. meeting notes nobody coded yet)
    do not dilute them."""
    coded = {c.doc_id for c in reported_codings(context)}
    return context.documents[context.documents["doc_id"].isin(coded)]


def code_area_shares(context: ReportContext) -> pd.DataFrame:
    """Top-level codes × areas: the share of each area's coded documents holding the code.
    The same for every report of a run, so built once per kernel while the store, the
    codings and the codebook are unchanged."""
    from synthesis.analysis.codes import code_area_matrix
    from synthesis.paths import lessons_dir

    lessons = lessons_dir()
    coder, _ = reported_coder(context)
    key = (str(context.store.path), str(lessons), coder,
           context.parameters.get("date_from") or None, context.parameters.get("date_to") or None)
    marks = (inputs.store_marks(context.store), inputs.codings_marks(lessons),
             inputs.fingerprint([lessons / "codebook.yaml"]))

    def build() -> pd.DataFrame:
        return code_area_matrix(reported_table(context), coded_documents(context), codebook=codebook(context),
                                top_level=True, share=True)

    return inputs.cached("code_area_shares", key, marks, build).copy()


def area_labels(context: ReportContext) -> dict[str, str]:
    return {a.id: f"{a.province}: {a.tambon}" for a in context.areas}


def token_lists(context: ReportContext) -> list[list[str]]:
    """The words of each of this report's documents, as lists of token texts (once per report)."""
    if "token_lists" not in context.extras:
        from synthesis.thai.keywords import without_names

        tokens = without_names(area_table(context, "tokens"), area_table(context, "entities"),
                               segments=area_table(context, "segments"))  # names are not words
        context.extras["token_lists"] = [group["text"].tolist() for _, group in tokens.groupby("doc_id", sort=False)]
    return context.extras["token_lists"]


def note_read(context: ReportContext, what: str, selection: str, rows: int) -> None:
    """Record that the report read ``rows`` rows of ``what`` (a store table or a lessons
    file) with ``selection``: the review copy lists what each section read.

    >>> from types import SimpleNamespace
    >>> ctx = SimpleNamespace(extras={})
    >>> note_read(ctx, "store: tokens", "2 documents", 40); ctx.extras["reads"]
    [('store: tokens', '2 documents', 40)]
    """
    if context.extras.get("quiet_reads"):
        return
    context.extras.setdefault("reads", []).append((what, selection, int(rows)))


@contextlib.contextmanager
def quiet_reads(context: ReportContext):
    """Reads inside are not listed: what a build cached for the whole run reads depends on
    whether an earlier report built it already; the function using it lists its inputs
    itself, so the review lists the same reads in a fresh and in a reused kernel."""
    before = context.extras.get("quiet_reads", False)
    context.extras["quiet_reads"] = True
    try:
        yield
    finally:
        context.extras["quiet_reads"] = before


CODER_PAIR = ("coder_a", "coder_b")


def agreement_table(context: ReportContext, coders: tuple[str, ...] = CODER_PAIR,
                    coded_units_only: bool = False) -> pd.DataFrame:
    """Per-code agreement of ``coders`` on the segments of this report's documents that all
    of them coded (``synthesis.coding.agreement``: units, coded_by_any, percent_agreement,
    cohen_kappa, krippendorff_alpha; an ``ALL`` row). ``coded_units_only``: segments no coder
    coded are left out, so agreement on absence does not inflate the figure. Empty when the
    coders have not both coded a document here. Computed once per report; for a collection-wide
    report (cross-area, overview: the same documents) once per kernel while the store and the
    codings are unchanged (shared, not copied: callers must not change it)."""
    key = ("agreement", coders, coded_units_only)
    if key not in context.extras:
        if context.area is None:
            context.extras[key] = collection_agreement_table(context, coders, coded_units_only)
        else:
            codings, both = _coded_by_all(context, coders)
            segments = area_table(context, "segments") if both else None
            context.extras[key] = _agreement_of(codings, segments, both, coders, coded_units_only)
    return context.extras[key]


def _coded_by_all(context: ReportContext, coders: tuple[str, ...]) -> tuple[list, set]:
    """The codings of ``coders`` on this report's documents, and the documents all of them coded."""
    here = set(context.area_documents["doc_id"])
    codings = [c for c in all_codings(context) if c.coder in coders and c.doc_id in here]
    by_coder: dict[str, set] = {}
    for c in codings:
        by_coder.setdefault(c.coder, set()).add(c.doc_id)
    both = set.intersection(*(by_coder.get(coder, set()) for coder in coders)) if codings else set()
    return codings, both


def _agreement_of(codings: list, segments: pd.DataFrame | None, both: set, coders: tuple[str, ...],
                  coded_units_only: bool) -> pd.DataFrame:
    from synthesis.coding import agreement, units_from_segments

    if not both:
        return pd.DataFrame()
    units = units_from_segments(segments[segments["doc_id"].isin(both)], unit="segment")
    table = agreement([c for c in codings if c.doc_id in both], units, list(coders), skip_uncoded=coded_units_only)
    table.attrs["documents"] = len(both)
    return table


def collection_agreement_table(context: ReportContext, coders: tuple[str, ...] = CODER_PAIR,
                               coded_units_only: bool = False) -> pd.DataFrame:
    """:func:`agreement_table` over every document of the collection (of the date range),
    whatever the report: the cross-area report, the overview and the card grades
    (``sections.collection_agreement``) read the same table, built once per kernel while
    the store and the codings are unchanged (shared, not copied: callers must not change it)."""
    from synthesis.reports.sections.matrix import _run_key, _run_marks

    collection = ReportContext(context.collection, context.parameters, context.store, context.areas,
                               context.documents)

    def build() -> pd.DataFrame:
        codings, both = _coded_by_all(collection, coders)
        segments = context.store.table("segments", doc_ids=sorted(both)) if both else None
        return _agreement_of(codings, segments, both, coders, coded_units_only)

    table = inputs.shared("collection_agreement_table", _run_key(context, coders, coded_units_only),
                          _run_marks(context), build)
    all_codings(context)  # listed as read by this report, built or reused
    note_read(context, "store: segments of the documents both coders coded in the collection (agreement)",
              f"{', '.join(coders)}", table.attrs.get("units", 0))
    return table


def agreement_by_code(context: ReportContext) -> dict[str, float]:
    """Krippendorff's α of the two coders per code on this report's documents (codes they
    never applied are left out)."""
    table = agreement_table(context)
    if table.empty:
        return {}
    return {row.code_id: float(row.krippendorff_alpha) for row in table.itertuples()
            if row.code_id != "ALL" and pd.notna(row.krippendorff_alpha)}

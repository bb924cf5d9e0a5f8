"""The sections of the reports, as pure functions of a ``ReportContext``.

Each returns a DataFrame, a Figure or Markdown text that the notebook displays; none reads
files other than through the store, so a report costs what its own area's rows cost.

What several sections of one report read (the area's tokens, entities and segments) is read
once per report (:func:`area_table`); what every report of a run reads (codings, codebook,
the code × area shares) once per kernel, while its files are unchanged
(``synthesis.reports.inputs``).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from synthesis.reports import inputs
from synthesis.reports.notebook import ReportContext
from synthesis.reports.plotting import bar_chart, timeline_chart

KIND_NAMES = {
    "activity_report": "รายงานกิจกรรม (activity report)",
    "meeting_summary": "สรุปการประชุม (meeting summary)",
    "interview": "สัมภาษณ์ถอดบทเรียน (interview)",
    "other": "อื่น ๆ (other)",
}


def area_title(context: ReportContext) -> str:
    """The Markdown title of an area report."""
    area = context.area
    return (f"# {area.name_th}\n\n**{area.name_en}** · จังหวัด{area.province} · "
            f"รายงานสังเคราะห์บทเรียน (lesson-learned synthesis report)")


def area_profile(context: ReportContext) -> pd.DataFrame:
    """The area's profile from ``lessons/areas.yaml``, one row per field."""
    area = context.area
    period = area.period or {}
    rows = [
        ("จังหวัด (province)", area.province),
        ("อำเภอ (district)", area.amphoe),
        ("ตำบล (subdistrict)", area.tambon),
        ("องค์กรปกครองส่วนท้องถิ่น (local government)", area.local_government),
        ("กลุ่มอาชีพ (occupation group)", f"{area.occupation_th} ({area.occupation_en})"),
        ("ช่วงโครงการ (programme period)", f"{period.get('start', '')} – {period.get('end', '')}"),
        ("จำนวนเอกสาร (documents)", len(context.area_documents)),
    ]
    return pd.DataFrame(rows, columns=["รายการ (field)", "ข้อมูล (value)"])


def documents_table(context: ReportContext) -> pd.DataFrame:
    """The area's documents in date order: date, kind, title, reporter."""
    docs = context.area_documents.sort_values("date", na_position="last")
    return pd.DataFrame({
        "วันที่ (date)": docs["date"].fillna("—"),
        "ประเภท (kind)": docs["kind"].map(lambda kind: KIND_NAMES.get(kind, kind)),
        "ชื่อเรื่อง (title)": docs["title"],
        "ผู้รายงาน (reporter)": docs["reporter"].fillna("—"),
    }).reset_index(drop=True)


def documents_timeline(context: ReportContext) -> Figure:
    """Documents on a time axis, one row per kind."""
    return timeline_chart(context.area_documents,
                          "เส้นเวลาของเอกสารและกิจกรรม (timeline of documents)")


def area_table(context: ReportContext, name: str) -> pd.DataFrame:
    """The store's ``name`` table (tokens, entities, segments) for this report's documents,
    read once per report."""
    key = f"table:{name}"
    if key not in context.extras:
        context.extras[key] = context.store.table(name, doc_ids=list(context.area_documents["doc_id"]))
    return context.extras[key]


def word_frequencies(context: ReportContext, top: int = 25) -> pd.DataFrame:
    """The most frequent content words of the area's documents (stop words removed)."""
    from synthesis.thai.keywords import word_frequencies as count_words

    return count_words(_token_lists(context)).head(top).reset_index(drop=True)


def word_frequency_chart(frequencies: pd.DataFrame) -> Figure:
    return bar_chart(frequencies, "term", "count", "คำที่พบบ่อย (most frequent words)")


def collection_title(context: ReportContext, heading: str) -> str:
    """The Markdown title of a collection-wide report."""
    return f"# {heading}\n\nคลังเอกสาร (collection) `{context.collection}` · {len(context.documents)} เอกสาร"


def documents_by_area(context: ReportContext) -> pd.DataFrame:
    """How many documents of each kind each area has (a document may count for several)."""
    rows = []
    for area in context.areas:
        docs = context.documents[context.documents["areas"].map(lambda ids: area.id in list(ids))]
        counts = docs["kind"].value_counts()
        rows.append({"พื้นที่ (area)": area.name_th, "slug": area.id,
                     **{KIND_NAMES.get(kind, kind): int(counts.get(kind, 0)) for kind in KIND_NAMES},
                     "รวม (total)": len(docs)})
    return pd.DataFrame(rows)


def unattributed_documents(context: ReportContext) -> pd.DataFrame:
    """Documents that no pilot area claimed: to check by hand."""
    docs = context.documents[context.documents["areas"].map(lambda ids: len(list(ids)) == 0)]
    return docs[["path", "kind", "title"]].reset_index(drop=True)


def ingest_errors(context: ReportContext) -> pd.DataFrame:
    """Files the last ingest could not read, with the reason."""
    return context.store.table("errors")


# --- who took part -----------------------------------------------------------------------

def participants_over_time(context: ReportContext) -> Figure:
    """Participant counts stated in the area's reports, by date."""
    from synthesis.reports.plotting import participants_chart

    return participants_chart(context.area_documents, "จำนวนผู้เข้าร่วมตามช่วงเวลา (participants over time)")


def _area_entities(context: ReportContext, label: str) -> pd.DataFrame:
    entities = area_table(context, "entities")
    return entities[entities["label"] == label]


def partner_organisations(context: ReportContext, top: int = 20) -> pd.DataFrame:
    """The organisations named in the area's documents, by number of documents."""
    from synthesis.analysis.network import organisation_counts

    counts = organisation_counts(_area_entities(context, "ORG")).head(top)
    return counts.rename(columns={"organisation": "องค์กร (organisation)", "mentions": "ครั้ง (mentions)",
                                  "documents": "เอกสาร (documents)"})


def organisation_network(context: ReportContext) -> Figure:
    """Organisations linked when named in the same document of the area."""
    from synthesis.analysis.network import organisation_links
    from synthesis.reports.plotting import network_chart

    return network_chart(organisation_links(_area_entities(context, "ORG")),
                         "เครือข่ายองค์กรที่ทำงานร่วมกัน (organisations named together)")


SPEAKER_ROLE_LABELS = ("ผู้สัมภาษณ์", "ผู้ให้ข้อมูล", "ผู้ถาม", "ผู้ตอบ")


def people_by_role(context: ReportContext) -> pd.DataFrame:
    """People and the roles the texts give them: reporter, interview speaker, named person.

    With ``redact`` the names are replaced by the collection's stable pseudonyms.
    """
    docs = context.area_documents
    rows = [{"name": r, "role": "ผู้รายงาน (reporter)", "doc_id": d}
            for d, r in zip(docs["doc_id"], docs["reporter"]) if isinstance(r, str) and r]
    segments = area_table(context, "segments")
    if "speaker" in segments:
        turns = segments.dropna(subset=["speaker"])
        turns = turns[~turns["speaker"].isin(SPEAKER_ROLE_LABELS)]  # a role, not a person
        rows += [{"name": s, "role": "ผู้พูดในการสัมภาษณ์ (interview speaker)", "doc_id": d}
                 for d, s in zip(turns["doc_id"], turns["speaker"])]
    persons = _area_entities(context, "PERSON")
    rows += [{"name": v, "role": "ผู้ถูกกล่าวถึง (named)", "doc_id": d}
             for d, v in zip(persons["doc_id"], persons["value"]) if isinstance(v, str) and v]
    table = pd.DataFrame(rows, columns=["name", "role", "doc_id"])
    if table.empty:
        return pd.DataFrame(columns=["ชื่อ (name)", "บทบาท (roles)", "เอกสาร (documents)"])
    grouped = table.groupby("name").agg(roles=("role", lambda r: ", ".join(sorted(set(r)))),
                                        documents=("doc_id", "nunique")).reset_index()
    grouped = grouped.sort_values(["documents", "name"], ascending=[False, True])
    grouped = redacted(context, grouped)
    return grouped.rename(columns={"name": "ชื่อ (name)", "roles": "บทบาท (roles)",
                                   "documents": "เอกสาร (documents)"}).reset_index(drop=True)


def with_text(context: ReportContext, docs: pd.DataFrame) -> pd.DataFrame:
    """``docs`` (rows of the documents table) with their ``text`` column, read from the store
    for these documents only: the report context holds the documents without their texts, so
    that a report's cost does not grow with the rest of the archive."""
    if "text" in docs.columns:
        return docs
    if docs.empty:
        return docs.assign(text=pd.Series(dtype="object"))
    texts = context.store.table("documents", doc_ids=docs["doc_id"].tolist(), columns=["doc_id", "text"])
    return docs.merge(texts.drop_duplicates("doc_id"), on="doc_id", how="left", validate="one_to_one")


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
    """With ``redact`` on, a table's text columns (or a text) with people's names replaced by
    stable pseudonyms; unchanged otherwise."""
    if not context.parameters.get("redact"):
        return value
    from synthesis.privacy import redact_frame, redact_text

    key = privacy_key(context)
    if isinstance(value, str):
        return redact_text(value, key)
    text_columns = [c for c in value.columns if value[c].map(lambda v: isinstance(v, str)).any()]
    return redact_frame(value, key, columns=text_columns)


# --- what happened -----------------------------------------------------------------------

def _excerpt(text: str, span, limit: int = 420) -> str:
    if not span:
        return ""
    start, end = span
    part = " ".join(text[start:end].split())
    return part if len(part) <= limit else part[:limit].rsplit(" ", 1)[0] + " …"


def activities_and_outcomes(context: ReportContext) -> pd.DataFrame:
    """Each activity report's date, title, what was done and what came of it (excerpts)."""
    import json

    docs = context.area_documents
    docs = with_text(context, docs[docs["kind"] == "activity_report"].sort_values("date", na_position="last"))
    rows = []
    for doc in docs.itertuples(index=False):
        sections = json.loads(doc.sections) if isinstance(doc.sections, str) and doc.sections else {}
        rows.append({"วันที่ (date)": doc.date or "—", "กิจกรรม (activity)": doc.title,
                     "สิ่งที่ทำ (what was done)": _excerpt(doc.text, sections.get("activities")),
                     "ผลที่เกิดขึ้น (outputs and outcomes)": _excerpt(doc.text, sections.get("outcomes"))})
    return pd.DataFrame(rows)


def area_segments(context: ReportContext, segments: pd.DataFrame) -> pd.DataFrame:
    """The segments that speak of this area: all of a document attributed to this area
    alone; of a document shared by several areas, only segments naming the area."""
    area = context.area
    shared = {d for d, areas in zip(context.area_documents["doc_id"], context.area_documents["areas"])
              if len(list(areas)) > 1}
    names = [n for n in (*area.aliases, area.local_government, area.province) if n]
    names_here = segments["text"].map(lambda text: any(name in text for name in names))
    return segments[~segments["doc_id"].isin(shared) | names_here]


def targets_and_results(context: ReportContext) -> pd.DataFrame:
    """Numeric targets stated in the texts next to the numbers reported as achieved."""
    from synthesis.analysis.targets import numeric_statements, targets_vs_achieved

    docs = context.area_documents
    segments = area_segments(context, area_table(context, "segments"))
    # only the columns it reads: it looks a date and a title up for every number
    statements = numeric_statements(docs[["doc_id", "date", "title"]], segments, area_table(context, "entities"))
    table = targets_vs_achieved(statements)
    return table.rename(columns={"subject": "เรื่อง (what)", "unit": "หน่วย (unit)", "target": "เป้าหมาย (target)",
                                 "achieved": "ทำได้ (achieved)", "statement": "ข้อความ (statement)",
                                 "target date": "วันที่ตั้งเป้า", "result date": "วันที่รายงานผล",
                                 "how": "จับคู่โดย (paired by)"})


# --- the lesson-learned synthesis ----------------------------------------------------------

MANUAL_ORIGINS = ("manual", "suggestion-accepted")


def codebook(context: ReportContext):
    """The project's codebook (``lessons/codebook.yaml``), loaded once per report (and
    reused by later reports while the file is unchanged)."""
    if "codebook" not in context.extras:
        from synthesis.paths import lessons_dir

        context.extras["codebook"] = inputs.codebook(lessons_dir() / "codebook.yaml")
    return context.extras["codebook"]


def all_codings(context: ReportContext) -> list:
    """Every coder's codings (orphans left out), loaded once per report (and reused by
    later reports while the codings files are unchanged)."""
    if "codings" not in context.extras:
        from synthesis.paths import lessons_dir

        context.extras["codings"] = list(inputs.codings(lessons_dir()))
    return context.extras["codings"]


def _reported_coder(context: ReportContext) -> tuple[str, bool]:
    """The coder whose codings are reported, and whether they have any (if not, every
    person's codings are reported)."""
    coder = context.parameters.get("coder") or "consensus"
    has_any = any(c.coder == coder for c in all_codings(context))
    context.extras["coder_used"] = coder if has_any else "all coders (no codings by %s)" % coder
    return coder, has_any


def reported_codings(context: ReportContext) -> list:
    """The codings the report is about: those of the ``coder`` parameter (``consensus`` by
    default); if that coder has none, every person's codings, and the methods say so."""
    coder, has_any = _reported_coder(context)
    if has_any:
        return [c for c in all_codings(context) if c.coder == coder]
    return [c for c in all_codings(context) if c.origin in MANUAL_ORIGINS]


def reported_table(context: ReportContext) -> pd.DataFrame:
    """:func:`reported_codings` as a DataFrame (``synthesis.analysis.codes``'s columns)."""
    from synthesis.paths import lessons_dir

    coder, has_any = _reported_coder(context)
    table = inputs.codings_table(lessons_dir())
    chosen = table["coder"] == coder if has_any else table["origin"].isin(MANUAL_ORIGINS)
    return table[chosen].reset_index(drop=True)


def _code_area_shares(context: ReportContext) -> pd.DataFrame:
    """Top-level codes × areas: the share of each area's coded documents holding the code.
    The same for every report of a run, so built once per kernel while the store, the
    codings and the codebook are unchanged."""
    from synthesis.analysis.codes import code_area_matrix
    from synthesis.paths import lessons_dir

    lessons = lessons_dir()
    coder, _ = _reported_coder(context)
    key = (str(context.store.path), str(lessons), coder,
           context.parameters.get("date_from") or None, context.parameters.get("date_to") or None)
    marks = (inputs.store_marks(context.store), inputs.codings_marks(lessons),
             inputs.fingerprint([lessons / "codebook.yaml"]))

    def build() -> pd.DataFrame:
        return code_area_matrix(reported_table(context), coded_documents(context), codebook=codebook(context),
                                top_level=True, share=True)

    return inputs.cached("code_area_shares", key, marks, build).copy()


def coded_documents(context: ReportContext) -> pd.DataFrame:
    """The documents of the date range that carry at least one reported coding: shares of
    documents are taken among these, so uncoded texts (e.g. meeting notes nobody coded yet)
    do not dilute them."""
    coded = {c.doc_id for c in reported_codings(context)}
    return context.documents[context.documents["doc_id"].isin(coded)]


def code_comparison(context: ReportContext) -> pd.DataFrame:
    """Each top-level code: the share of this area's coded documents holding it, against the
    mean share in the other areas (documents of the date range)."""
    book = codebook(context)
    matrix = _code_area_shares(context)
    this = context.area.id
    others = [a.id for a in context.areas if a.id != this and a.id in matrix.columns]
    rows = []
    for code in book.top_level():
        here = float(matrix.at[code.id, this]) if code.id in matrix.index and this in matrix.columns else 0.0
        there = float(matrix.loc[code.id, others].mean()) if code.id in matrix.index and others else 0.0
        rows.append({"code_id": code.id, "รหัส (code)": f"{code.name_th} ({code.name_en})",
                     "พื้นที่นี้ (this area)": round(100 * here), "พื้นที่อื่นเฉลี่ย (other areas)": round(100 * there),
                     "ต่าง (difference)": round(100 * (here - there))})
    return pd.DataFrame(rows)


def code_comparison_chart(comparison: pd.DataFrame) -> Figure:
    """Grouped bars: share of documents (%) per top-level code, this area vs the others."""
    from synthesis.reports.plotting import _figure

    figure, axes = _figure(8, max(3.0, 0.35 * len(comparison) + 1))
    labels = comparison["รหัส (code)"].str.replace(r" \(.*\)$", "", regex=True)
    y = range(len(comparison))
    axes.barh([i + 0.2 for i in y], comparison["พื้นที่นี้ (this area)"], height=0.4, label="พื้นที่นี้", color="#2a7f62")
    axes.barh([i - 0.2 for i in y], comparison["พื้นที่อื่นเฉลี่ย (other areas)"], height=0.4, label="พื้นที่อื่น", color="#bbbbbb")
    axes.set_yticks(list(y), labels)
    axes.invert_yaxis()
    axes.set_xlabel("% ของเอกสารที่ลงรหัสแล้ว (% of coded documents)")
    axes.legend(loc="lower right")
    axes.set_title("รหัสบทเรียน: พื้นที่นี้เทียบกับพื้นที่อื่น")
    return figure


QUOTE_RULE = (
    "กติกาการเลือกข้อความอ้างอิง (how quotes are chosen): for each top-level code, among the "
    "reported codings of this area, quotes are ranked by (1) how many coders coded the same "
    "passage with a code under it, (2) interviews before reports, since they hold the "
    "informants' own words, (3) a readable length (40–400 characters first), (4) the most recent "
    "document. The first two per code are shown."
)


def strongest_quotes(context: ReportContext, per_code: int = 2) -> pd.DataFrame:
    """The strongest quotes of each top-level code in this area, chosen by ``QUOTE_RULE``."""
    from synthesis.analysis.codes import coded_quotes

    book = codebook(context)
    docs = with_text(context, context.area_documents)
    reported = reported_table(context)
    reported = reported[reported["doc_id"].isin(set(docs["doc_id"]))]
    # only the columns it reads: it looks each quote's document up row by row
    quotes = coded_quotes(reported, docs[["doc_id", "title", "date", "areas", "text"]], code_id=None,
                          area=context.area.id)
    if quotes.empty:
        return pd.DataFrame(columns=["รหัส (code)", "ข้อความ (quote)", "ที่มา (source)"])
    support = _coder_support(context, book)
    kinds = docs.set_index("doc_id")["kind"]
    paths = docs.set_index("doc_id")["path"]
    quotes["top"] = quotes["code_id"].map(lambda c: book.top_of(c) if c in book else c.split(".")[0])
    quotes["support"] = [support.get((d, s, e, t), 0) for d, s, e, t in
                         zip(quotes["doc_id"], quotes["start"], quotes["end"], quotes["top"])]
    quotes["is_interview"] = quotes["doc_id"].map(kinds).eq("interview")
    length = quotes["quote"].str.len()
    quotes["readable"] = (length >= 40) & (length <= 400)
    quotes = quotes.sort_values(["support", "is_interview", "readable", "date"], ascending=False)
    # the first ``per_code`` distinct passages of each code, in the order of the rule
    best = quotes.drop_duplicates(["top", "doc_id", "start"]).groupby("top", sort=False).head(per_code)
    by_code: dict[str, list] = {}
    for quote in best.itertuples():
        by_code.setdefault(quote.top, []).append(quote)
    rows = []
    for code in book.top_level():
        for quote in by_code.get(code.id, []):
            link = f"../../../corpora/{context.collection}/{paths.get(quote.doc_id, '')}"
            rows.append({"รหัส (code)": code.name_th, "ข้อความ (quote)": " ".join(quote.quote.split()),
                         "ที่มา (source)": f"{quote.title} ({quote.date or 'ไม่ระบุวันที่'}), "
                                           f"{quote.doc_id}:{quote.start}-{quote.end}",
                         "link": link, "coders": int(quote.support)})
    return pd.DataFrame(rows)


def _coder_support(context: ReportContext, book) -> dict[tuple, int]:
    """(doc, start, end, top code) → how many people coded an overlapping passage with it,
    for the codings of this report's documents."""
    here = set(context.area_documents["doc_id"])
    people: dict[tuple[str, str], list] = {}
    for c in all_codings(context):
        if c.doc_id in here and c.origin in MANUAL_ORIGINS and c.coder != "consensus":
            top = book.top_of(c.code_id) if c.code_id in book else c.code_id.split(".")[0]
            people.setdefault((c.doc_id, top), []).append(c)
    support = {}
    for c in reported_codings(context):
        if c.doc_id not in here:
            continue
        top = book.top_of(c.code_id) if c.code_id in book else c.code_id.split(".")[0]
        others = people.get((c.doc_id, top), [])
        support[(c.doc_id, c.start, c.end, top)] = len({o.coder for o in others
                                                         if o.start < c.end and c.start < o.end})
    return support


def quotes_markdown(quotes: pd.DataFrame) -> str:
    """Quotes as Markdown blockquotes under their code, each with its source and a link."""
    if quotes.empty:
        return "_ยังไม่มีการลงรหัสในพื้นที่นี้ (no codings in this area yet)._"
    parts = []
    for code, group in quotes.groupby("รหัส (code)", sort=False):
        parts.append(f"**{code}**\n")
        for row in group.itertuples(index=False):
            parts.append(f"> {row[1]}\n>\n> — [{row[2]}]({row[3]}) · ผู้ลงรหัสที่เห็นตรงกัน {row[4]} คน\n")
    return "\n".join(parts)


# --- lesson cards ---------------------------------------------------------------------------

def lesson_card_markdown(context: ReportContext) -> str:
    """The area's edited lesson card as Markdown, with a warning on every point that no
    coding supports."""
    from synthesis.analysis.cards import CARD_SECTIONS, CardError, load_card, unsupported_points
    from synthesis.paths import lessons_dir

    path = lessons_dir() / "cards" / f"{context.area.id}.yaml"
    if not path.is_file():
        return (f"_ยังไม่มีบัตรบทเรียนของพื้นที่นี้ (no lesson card yet): draft one with "
                f"`synthesis cards draft --area {context.area.id}` and edit it._")
    try:
        card = load_card(path)
    except CardError as error:
        return f"**บัตรบทเรียนอ่านไม่ได้ (the lesson card cannot be read):** {error}"
    weak = unsupported_points(card, [c.coding_id for c in all_codings(context)])
    flagged = {(r.section, r.point): r.reason for r in weak.itertuples()}
    parts = [f"### {card.title}" if card.title else ""]
    for name, (thai, english, _) in CARD_SECTIONS.items():
        points = card.sections.get(name)
        if not points:
            continue
        parts.append(f"**{thai} ({english})**\n")
        for index, point in enumerate(points, start=1):
            warning = f" ⚠️ _{flagged[(name, index)]}_" if (name, index) in flagged else ""
            parts.append(f"- {point.text}{warning}")
        parts.append("")
    return "\n".join(parts)


# --- words ----------------------------------------------------------------------------------

def _token_lists(context: ReportContext) -> list[list[str]]:
    """The words of each of this report's documents, as lists of token texts (once per report)."""
    if "token_lists" not in context.extras:
        tokens = area_table(context, "tokens")
        context.extras["token_lists"] = [group["text"].tolist() for _, group in tokens.groupby("doc_id", sort=False)]
    return context.extras["token_lists"]


def distinctive_terms(context: ReportContext, top: int = 20) -> pd.DataFrame:
    """Words used in this area's documents more than in the other areas' (log-likelihood)."""
    from synthesis.thai.keywords import distinctive_terms as keyness

    # The other areas' word counts come from the store's per-part counts: no need to read
    # their tokens, so this section costs the same in a small and a national archive. The
    # collection's counts are the same for every report of a run; this area's own tokens
    # are taken out of them here (as ``Store.term_counts(exclude_doc_ids=…)`` does).
    reference = inputs.term_counts(context.store, context.parameters.get("date_from") or None,
                                   context.parameters.get("date_to") or None)
    for term, count in area_table(context, "tokens")["text"].value_counts().items():
        left = reference.get(term, 0) - count
        if left > 0:
            reference[term] = left
        else:
            reference.pop(term, None)
    table = keyness(_token_lists(context), [], method="log-likelihood", reference_counts=reference)
    return table.head(top).reset_index(drop=True)


def keyword_in_context(context: ReportContext, terms: list[str], window: int = 6, limit: int = 12) -> pd.DataFrame:
    """Each term in its context (whole tokens only), from this area's documents."""
    from synthesis.analysis.kwic import kwic
    from synthesis.thai.spans import Token

    docs = with_text(context, context.area_documents)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    groups = dict(tuple(area_table(context, "tokens").groupby("doc_id", sort=False)))
    words: dict[str, list[Token]] = {}

    def tokens_of(doc_id: str) -> list[Token]:  # the store's tokens: no re-tokenizing
        if doc_id not in words:
            group = groups.get(doc_id)
            spans = sorted(zip(group["start"], group["end"])) if group is not None else []
            text = texts[doc_id]
            words[doc_id] = [Token(int(s), int(e), text[int(s):int(e)]) for s, e in spans]
        return words[doc_id]

    frames = []
    for term in terms:
        # Document after document, until ``limit`` lines: the same first lines as one call
        # over all documents, without tokenizing the documents after them.
        found, count = [], 0
        for doc_id, text in texts.items():
            if term.strip() not in text:
                continue
            lines = kwic({doc_id: text}, term, window=window, tokens={doc_id: tokens_of(doc_id)})
            if not lines.empty:
                found.append(lines)
                count += len(lines)
            if count >= limit:
                break
        if found:
            frames.append(pd.concat(found, ignore_index=True).head(limit))
    if not frames:
        return pd.DataFrame()
    titles = docs.set_index("doc_id")["title"]
    table = pd.concat(frames, ignore_index=True)
    if "doc_id" in table:
        table.insert(0, "เอกสาร (document)", table["doc_id"].map(titles))
    return table


# --- methods --------------------------------------------------------------------------------

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


# --- cross-area -----------------------------------------------------------------------------

def _area_labels(context: ReportContext) -> dict[str, str]:
    return {a.id: f"{a.province}: {a.tambon}" for a in context.areas}


def code_area_heatmap(context: ReportContext) -> Figure:
    """Top-level codes × areas: % of each area's documents that hold the code."""
    from synthesis.reports.plotting import heatmap_chart

    book = codebook(context)
    matrix = _code_area_shares(context)
    columns = [a.id for a in context.areas if a.id in matrix.columns]
    matrix = (100 * matrix[columns]).rename(columns=_area_labels(context))
    matrix.index = [book.label(c) if c in book else c for c in matrix.index]
    return heatmap_chart(matrix, "รหัส × พื้นที่: % ของเอกสารที่ลงรหัสแล้ว (code × area, % of coded documents)")


def code_cooccurrence_chart(context: ReportContext) -> Figure:
    """How often two top-level codes fall on the same segment, over the whole collection."""
    from synthesis.analysis.codes import cooccurrence
    from synthesis.reports.plotting import heatmap_chart

    book = codebook(context)
    doc_ids = list(context.documents["doc_id"])
    wanted = set(doc_ids)
    codings = [c for c in reported_codings(context) if c.doc_id in wanted]
    segments = context.store.table("segments", doc_ids=doc_ids)
    matrix = cooccurrence(codings, segments, window=0, codebook=book, top_level=True)
    labels = {c: book.label(c) if c in book else c for c in matrix.index}
    return heatmap_chart(matrix.rename(index=labels, columns=labels),
                         "รหัสที่ปรากฏร่วมกันในส่วนเดียวกัน (codes on the same segment)")


def shared_and_specific(context: ReportContext, parents: tuple[str, ...] = ("success", "obstacle")) -> pd.DataFrame:
    """Success factors and obstacles: in how many areas each appears, shared or area-specific."""
    from synthesis.analysis.codes import document_areas

    book = codebook(context)
    areas = document_areas(context.documents)
    labels = _area_labels(context)
    frame = pd.DataFrame([{"doc_id": c.doc_id, "code_id": c.code_id} for c in reported_codings(context)])
    rows = []
    for parent in parents:
        if parent not in book:
            continue
        for code_id in book.descendants(parent):
            if code_id == parent or frame.empty:
                continue
            docs = frame.loc[frame["code_id"] == code_id, "doc_id"]
            found = sorted(set(areas.loc[areas["doc_id"].isin(docs), "area"]) & set(labels))
            if not found:
                continue
            rows.append({"กลุ่ม (group)": book.label(parent), "รหัส (code)": book.label(code_id),
                         "จำนวนพื้นที่ (areas)": len(found),
                         "ลักษณะ (kind)": "ร่วมหลายพื้นที่ (shared)" if len(found) > 1 else "เฉพาะพื้นที่ (specific)",
                         "พื้นที่ (where)": ", ".join(labels[a] for a in found)})
    table = pd.DataFrame(rows, columns=["กลุ่ม (group)", "รหัส (code)", "จำนวนพื้นที่ (areas)", "ลักษณะ (kind)", "พื้นที่ (where)"])
    return table.sort_values(["กลุ่ม (group)", "จำนวนพื้นที่ (areas)"], ascending=[True, False]).reset_index(drop=True)


def cards_comparison(context: ReportContext) -> pd.DataFrame:
    """The areas' lesson cards side by side: one row per area, one column per card section."""
    from synthesis.analysis.cards import CARD_SECTIONS, load_cards
    from synthesis.paths import lessons_dir

    cards, errors = load_cards(lessons_dir() / "cards")
    context.extras["card_errors"] = errors
    rows = []
    for area in context.areas:
        card = cards.get(area.id)
        row = {"พื้นที่ (area)": _area_labels(context)[area.id]}
        for name, (thai, _, _) in CARD_SECTIONS.items():
            points = card.sections.get(name, []) if card else []
            row[thai] = " • ".join(p.text for p in points) if points else "—"
        rows.append(row)
    return pd.DataFrame(rows)


# --- corpus overview ------------------------------------------------------------------------

def attribution_table(context: ReportContext) -> pd.DataFrame:
    """Each document-to-area attribution with its rules, evidence and confidence (the highest
    of its rules); uncertain cases (below 0.8, e.g. an occupation named without a place) first."""
    table = context.store.table("attributions")
    docs = context.documents.set_index("doc_id")
    table = table[table["doc_id"].isin(docs.index)]
    if table.empty:
        return pd.DataFrame(columns=["path", "area_id", "rules", "confidence", "uncertain", "evidence"])
    grouped = table.groupby(["doc_id", "area_id"]).agg(
        rules=("rule", lambda r: ", ".join(sorted(set(r)))),
        confidence=("confidence", "max"),
        evidence=("evidence", lambda e: ", ".join(dict.fromkeys(e))[:160]),
    ).reset_index()
    grouped.insert(0, "path", grouped["doc_id"].map(docs["path"]))
    grouped["uncertain"] = grouped["confidence"] < 0.8
    grouped = grouped.sort_values(["uncertain", "confidence", "path"], ascending=[False, True, True])
    return grouped[["path", "area_id", "rules", "confidence", "uncertain", "evidence"]].reset_index(drop=True)


def parse_gaps(context: ReportContext) -> pd.DataFrame:
    """Documents the parser could not fully read: no date, no title, or parser warnings."""
    docs = context.documents
    warnings_col = docs["warnings"] if "warnings" in docs else pd.Series([None] * len(docs))
    rows = []
    for doc, warns in zip(docs.itertuples(index=False), warnings_col):
        problems = []
        if not doc.date:
            problems.append("ไม่พบวันที่ (no date)")
        if not doc.title:
            problems.append("ไม่พบชื่อเรื่อง (no title)")
        if isinstance(warns, str) and warns not in ("", "[]"):
            problems.append(warns)
        elif warns is not None and not isinstance(warns, str) and len(warns):
            problems.extend(map(str, warns))
        if problems:
            rows.append({"path": doc.path, "kind": doc.kind, "problems": "; ".join(problems)})
    return pd.DataFrame(rows, columns=["path", "kind", "problems"])


def coding_progress(context: ReportContext) -> pd.DataFrame:
    """Per coder: how many documents carry their codings, of how many, and how many codings."""
    total = len(context.documents)
    ids = set(context.documents["doc_id"])
    frame = pd.DataFrame([{"coder": c.coder, "doc_id": c.doc_id, "origin": c.origin, "created": c.created}
                          for c in all_codings(context) if c.doc_id in ids])
    if frame.empty:
        return pd.DataFrame(columns=["coder", "documents", "of", "codings", "last coded"])
    table = frame.groupby("coder").agg(documents=("doc_id", "nunique"), codings=("doc_id", "size"),
                                       last=("created", "max")).reset_index()
    table.insert(2, "of", total)
    table["share"] = (100 * table["documents"] / max(total, 1)).round().astype(int).astype(str) + "%"
    return table.rename(columns={"last": "last coded"})

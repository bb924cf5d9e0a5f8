"""Word statistics and keywords in context (the appendix of an area report)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from synthesis.reports import inputs
from synthesis.reports.notebook import ReportContext
from synthesis.reports.plotting import bar_chart
from synthesis.reports.sections.common import area_table, token_lists, with_text

__all__ = ["word_frequencies", "word_frequency_chart", "distinctive_terms", "keyword_in_context", "kwic_lines"]


def word_frequencies(context: ReportContext, top: int = 25) -> pd.DataFrame:
    """The most frequent content words of the area's documents (stop words removed)."""
    from synthesis.thai.keywords import word_frequencies as count_words

    return count_words(token_lists(context)).head(top).reset_index(drop=True)


def word_frequency_chart(frequencies: pd.DataFrame) -> Figure:
    return bar_chart(frequencies, "term", "count", "คำที่พบบ่อย (most frequent words)")


def distinctive_terms(context: ReportContext, top: int = 20) -> pd.DataFrame:
    """Words used in this area's documents more than in the other areas' (log-likelihood);
    computed once per report (the appendix and the card's key terms both ask)."""
    if "distinctive_terms" not in context.extras:
        context.extras["distinctive_terms"] = _keyness_table(context)
    return context.extras["distinctive_terms"].head(top).reset_index(drop=True)


def _keyness_table(context: ReportContext) -> pd.DataFrame:
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
    return keyness(token_lists(context), [], method="log-likelihood", reference_counts=reference)


def keyword_in_context(context: ReportContext, terms: list[str], window: int = 6, limit: int = 12) -> pd.DataFrame:
    """Each term in its context (whole tokens only), from this area's documents."""
    from synthesis.analysis.kwic import kwic
    from synthesis.thai.spans import Token, make_token

    docs = with_text(context, context.area_documents)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    groups = dict(tuple(area_table(context, "tokens").groupby("doc_id", sort=False)))
    words: dict[str, list[Token]] = {}

    def tokens_of(doc_id: str) -> list[Token]:  # the store's tokens: no re-tokenizing
        if doc_id not in words:
            group = groups.get(doc_id)
            # sorted in numpy and read back as Python ints at once: one Token per word of a
            # long regional meeting is the cost here, not the sort
            spans = group[["start", "end"]].to_numpy() if group is not None else []
            spans = spans[spans[:, 0].argsort(kind="stable")].tolist() if len(spans) else []
            text = texts[doc_id]
            words[doc_id] = [make_token(s, e, text[s:e], False, None) for s, e in spans]
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


def kwic_lines(context: ReportContext, terms: list[str], window: int = 6, limit: int = 8) -> pd.DataFrame:
    """What a reader sees of :func:`keyword_in_context`: the document's title and date, then
    each context on one line (no line breaks, no ids or offsets).

    Empty when none of ``terms`` occurs."""
    table = keyword_in_context(context, [t for t in terms if t and t.strip()], window=window, limit=limit)
    if table.empty:
        return pd.DataFrame(columns=["คำ (term)", "เอกสาร (document)", "บริบท (context)"])
    docs = context.area_documents.set_index("doc_id")
    dates = table["doc_id"].map(docs["date"]).fillna("ไม่ระบุวันที่")

    def flat(text: str) -> str:
        return " ".join(str(text).split())

    return pd.DataFrame({
        "คำ (term)": table["match"],
        "เอกสาร (document)": [f"{title} ({date})" for title, date in zip(table["เอกสาร (document)"], dates)],
        "บริบท (context)": [f"{flat(left)} [{flat(match)}] {flat(right)}".strip()
                            for left, match, right in zip(table["left"], table["match"], table["right"])],
    })

"""Word frequencies and distinctive terms, counted on tokens (never on raw substrings).

Input everywhere is a list of documents, each given as a text (tokenized here with
``synthesis.thai.words``) or as its tokens (``Token`` objects or strings). A *term* is a word
token, Latin letters lower-cased; whitespace, punctuation and bare numbers are not terms.

Stop words (``stopwords=True``): PyThaiNLP's Thai stop-word list, the titles of persons, and ``REPORT_STOPWORDS``,
the boilerplate of activity reports (template headings such as วันที่/เวลา/ณ/จำนวน, list
words such as ดังนี้/ได้แก่, units of time, and scraping leftovers such as ``circle``), which
every report contains and which would otherwise top every list. Pass a set of your own to
replace both.

Names are not words: the tokens inside a PERSON entity (``NAME_LABELS``) are never terms. A
document given as a text is analyzed (``synthesis.thai.analyze``) and its names left out; a
``ThaiDoc`` leaves out its own PERSON entities; tokens read from the store go through
``without_names(tokens, entities)`` first (lists of tokens carry no entities).

>>> terms("นางสาวยามีละห์ เจ๊ะแว ประธานกลุ่มจักสานกระจูด")
['ประธาน', 'กลุ่มจักสานกระจูด']
>>> table = word_frequencies(["แรงงานนอกระบบ ได้รับ บัตรทอง", "แรงงานนอกระบบ ออมเงิน"])
>>> table.iloc[0].to_dict()
{'term': 'แรงงานนอกระบบ', 'count': 2, 'docs': 2}
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy
import pandas as pd

from synthesis.thai.spans import ThaiDoc, Token
from synthesis.thai.tokenize import is_punctuation

# Boilerplate of activity reports and interview transcripts, chosen by reading the demo and
# seed reports: words present in nearly every document, saying nothing about its content.
REPORT_STOPWORDS = frozenset(
    {
        "วันที่", "เวลา", "น.", "ณ", "จำนวน", "ดังนี้", "ได้แก่", "เป็นต้น", "ฯลฯ", "ฯ",
        "กิจกรรมที่ปฏิบัติ", "รายละเอียด", "รายงาน", "รายงานจากพื้นที่", "หมายเหตุ", "ลำดับ",
        "ครั้งที่", "ข้อ", "ผู้เข้าร่วม", "ผู้สัมภาษณ์", "ผู้ให้ข้อมูล", "สถานที่", "โดย",
        "เรื่อง", "ที่มา", "วัตถุประสงค์", "ผลลัพธ์", "ผลผลิต", "สรุป", "ครับ", "ค่ะ", "คะ",
        "นะ", "จ้ะ", "จ๊ะ", "circle", "อ่านต่อ", "ก.ย.", "ส.ค.", "พ.ศ.",
    }
)

NAME_LABELS = ("PERSON",)

Document = str | ThaiDoc | Sequence[Token] | Sequence[str]


@lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    """PyThaiNLP's Thai stop words, ``REPORT_STOPWORDS`` and the titles before names
    (``persons.TITLES``: นาย, นางสาว, ก๊ะ …, which go with the names left out; not the
    roles such as ผู้ใหญ่บ้าน or อิหม่าม, which say something about a text)."""
    from pythainlp.corpus import thai_stopwords

    from synthesis.thai.persons import ROLE_TITLES, TITLES

    return frozenset(thai_stopwords()) | REPORT_STOPWORDS | (frozenset(TITLES) - ROLE_TITLES)


def _stopword_set(stopwords: bool | Iterable[str]) -> frozenset[str]:
    if stopwords is True:
        return default_stopwords()
    if stopwords is False or stopwords is None:
        return frozenset()
    return frozenset(stopwords)


def terms(document: Document, stopwords: bool | Iterable[str] = True) -> list[str]:
    """The terms of one document, in order.

    >>> terms("ผู้เข้าร่วม 24 คน จาก 9 วิน ของ สปสช.")
    ['คน', 'วิน', 'สปสช.']
    """
    return _terms(document, _stopword_set(stopwords))


def _terms(document: Document, stop: frozenset[str]) -> list[str]:
    if isinstance(document, str):
        from synthesis.thai.pipeline import analyze

        document = analyze(document)
    if isinstance(document, ThaiDoc):
        raw = _words_outside_names(document)
    else:
        raw = [item.text if isinstance(item, Token) else item for item in document]
        raw = [w for w in raw if w.strip() and not is_punctuation(w)]
    found = []
    for word in raw:
        word = word.strip().lower()
        if not word or _is_number(word) or word in stop:
            continue
        found.append(word)
    return found


def _words_outside_names(doc: ThaiDoc) -> list[str]:
    """The word tokens of ``doc`` that lie in none of its PERSON entities and none of the
    pseudonyms that stand for names in a redacted text (``บุคคล-017``)."""
    spans = [(e.start, e.end) for e in doc.entities if e.label in NAME_LABELS]
    if _pseudonym_prefix() in doc.text:
        spans += [m.span() for m in _pseudonym_pattern().finditer(doc.text)]
    tokens = [t for t in doc.tokens if not t.is_space and not is_punctuation(t.text)]
    if not spans:
        return [t.text for t in tokens]
    inside = in_spans([t.start for t in tokens], [t.end for t in tokens], *zip(*spans))
    return [t.text for t, name in zip(tokens, inside.tolist()) if not name]


@lru_cache(maxsize=1)
def _pseudonym_prefix() -> str:
    from synthesis.privacy.pseudonyms import PREFIX

    return PREFIX


@lru_cache(maxsize=1)
def _pseudonym_pattern() -> re.Pattern:
    return re.compile(re.escape(_pseudonym_prefix()) + r"-[0-9]+")


def in_spans(starts, ends, span_starts, span_ends) -> numpy.ndarray:
    """One flag per token (``starts``, ``ends``): it overlaps one of the spans (``span_starts``,
    ``span_ends``, any order, may overlap each other). Used to leave names out of counts.

    >>> in_spans([0, 4, 9], [4, 9, 12], [5], [12]).tolist()
    [False, True, True]
    """
    starts = numpy.asarray(starts, dtype=numpy.int64)
    ends = numpy.asarray(ends, dtype=numpy.int64)
    if not len(span_starts):
        return numpy.zeros(len(starts), dtype=bool)
    order = numpy.argsort(numpy.asarray(span_starts, dtype=numpy.int64), kind="stable")
    low = numpy.asarray(span_starts, dtype=numpy.int64)[order]
    high = numpy.maximum.accumulate(numpy.asarray(span_ends, dtype=numpy.int64)[order])
    # the last span starting before the token's end reaches furthest (running maximum)
    at = numpy.searchsorted(low, ends, side="left") - 1
    return (at >= 0) & (high[numpy.maximum(at, 0)] > starts)


def without_names(tokens: pd.DataFrame, entities: pd.DataFrame, labels: Sequence[str] = NAME_LABELS,
                  segments: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``tokens`` (store table: ``doc_id``, ``start``, ``end`` …) that overlap no
    entity of ``labels`` (default PERSON) of the same document in ``entities``, nor, given the
    store's ``segments``, a speaker's label (``ย:`` before an interview turn whose speaker is
    known): the tokens to count as words.

    >>> tokens = pd.DataFrame({"doc_id": ["a"] * 3, "start": [0, 6, 13], "end": [6, 13, 16],
    ...                        "text": ["นางสาว", "ยามีละห์", "ขาย"]})
    >>> names = pd.DataFrame({"doc_id": ["a"], "start": [6], "end": [13], "label": ["PERSON"]})
    >>> without_names(tokens, names)["text"].tolist()
    ['นางสาว', 'ขาย']
    """
    if tokens.empty:
        return tokens
    names = entities[entities["label"].isin(list(labels))][["doc_id", "start", "end"]] if not entities.empty else None
    if segments is not None and not segments.empty:
        labels_spans = speaker_label_spans(segments)
        names = labels_spans if names is None else pd.concat([names, labels_spans], ignore_index=True)
    if names is None or names.empty:
        return tokens
    keep = numpy.ones(len(tokens), dtype=bool)
    spans = {doc: (group["start"].to_numpy(), group["end"].to_numpy()) for doc, group in names.groupby("doc_id", sort=False)}
    positions = numpy.arange(len(tokens))
    for doc, rows in tokens.groupby("doc_id", sort=False).indices.items():
        if doc in spans:
            inside = in_spans(tokens["start"].to_numpy()[rows], tokens["end"].to_numpy()[rows], *spans[doc])
            keep[positions[rows][inside]] = False
    return tokens[keep]


def speaker_label_spans(segments: pd.DataFrame) -> pd.DataFrame:
    """``doc_id``, ``start``, ``end`` of the speakers' labels in the store's ``segments``: from
    the start of each interview turn with a known speaker to the start of its first sentence
    (``ย: `` in ``ย: ได้ค่ะ``); a label names a person, so its tokens are not words.

    >>> segments = pd.DataFrame({"doc_id": ["a"] * 3, "start": [0, 3, 20], "end": [19, 19, 30],
    ...                          "kind": ["turn", "sentence", "paragraph"], "speaker": ["นางสาวยามีละห์", "นางสาวยามีละห์", None]})
    >>> speaker_label_spans(segments).values.tolist()
    [['a', 0, 3]]
    """
    rows = []
    turns = segments[(segments["kind"] == "turn") & segments["speaker"].notna()]
    sentences = segments[segments["kind"] == "sentence"]
    starts_of = {doc: numpy.sort(group["start"].to_numpy()) for doc, group in sentences.groupby("doc_id", sort=False)}
    for doc, start, end in zip(turns["doc_id"], turns["start"].tolist(), turns["end"].tolist()):
        starts = starts_of.get(doc)
        if starts is None:
            continue
        at = numpy.searchsorted(starts, start, side="left")
        if at < len(starts) and start < starts[at] < end:  # (a sentence at the turn's start: no label)
            rows.append((doc, start, int(starts[at])))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end"])


def _is_number(word: str) -> bool:
    return all(ch.isdigit() or ch in ".,/-:" for ch in word)


def word_frequencies(
    documents: Iterable[Document], stopwords: bool | Iterable[str] = True
) -> pd.DataFrame:
    """Term counts over ``documents``: columns ``term``, ``count``, ``docs`` (documents
    containing the term), sorted by count, then docs, then term."""
    stop = _stopword_set(stopwords)
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for document in _as_documents(documents):
        found = _terms(document, stop)
        counts.update(found)
        docs.update(set(found))
    table = pd.DataFrame(
        {"term": list(counts), "count": list(counts.values()), "docs": [docs[t] for t in counts]},
        columns=["term", "count", "docs"],
    )
    return table.sort_values(["count", "docs", "term"], ascending=[False, False, True], ignore_index=True)


def _as_documents(documents: Iterable[Document] | Document) -> list[Document]:
    if isinstance(documents, (str, ThaiDoc)):
        return [documents]
    documents = list(documents)
    if documents and all(isinstance(d, Token) for d in documents):
        return [documents]  # one document given as its tokens
    return documents


def distinctive_terms(
    target: Iterable[Document] | Document,
    reference: Iterable[Document] | Document,
    method: str = "log-likelihood",
    stopwords: bool | Iterable[str] = True,
    min_count: int = 2,
    *,
    reference_counts: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Terms used more in ``target`` than in ``reference``, strongest first.

    ``reference_counts`` (token → count, e.g. ``Store.term_counts``) stands for the reference
    corpus without its documents (log-likelihood only; ``reference`` is then ignored).

    Columns: ``term``, ``score``, ``target_count``, ``reference_count``. Terms seen fewer
    than ``min_count`` times in the target are left out.

    - ``log-likelihood``: Dunning's G² (Rayson & Garside 2000) of the term's count in the two
      corpora; only terms relatively more frequent in the target are kept.
    - ``tfidf``: the term's relative frequency in the target times its smoothed inverse
      document frequency over all documents of both corpora, ``ln((1+N)/(1+df)) + 1``.

    >>> target = ["กลุ่มจักสานกระจูด ขาย กระจูด", "กระจูด ย้อมสี"]
    >>> reference = ["กลุ่มผู้กรีดยาง ขาย น้ำยาง", "สวนยาง ขาย ยางแผ่น"]
    >>> distinctive_terms(target, reference)["term"].tolist()
    ['กระจูด']
    """
    if method not in ("log-likelihood", "tfidf"):
        raise ValueError(f"unknown method {method!r}; use 'log-likelihood' or 'tfidf'")
    stop = _stopword_set(stopwords)
    target_docs = [_terms(d, stop) for d in _as_documents(target)]
    in_target = Counter(t for doc in target_docs for t in doc)
    if reference_counts is not None:
        if method != "log-likelihood":
            raise ValueError("reference_counts needs method='log-likelihood' (tfidf needs the documents)")
        reference_docs = []
        in_reference: Counter[str] = Counter()
        for token, count in reference_counts.items():
            for term in _terms([token], stop):
                in_reference[term] += count
    else:
        reference_docs = [_terms(d, stop) for d in _as_documents(reference)]
        in_reference = Counter(t for doc in reference_docs for t in doc)
    target_total, reference_total = sum(in_target.values()), sum(in_reference.values())
    rows = []
    if method == "log-likelihood":
        for term, a in in_target.items():
            if a < min_count:
                continue
            b = in_reference.get(term, 0)
            if reference_total and b / reference_total >= a / target_total:
                continue  # not over-used in the target
            rows.append((term, _log_likelihood(a, b, target_total, reference_total), a, b))
    else:
        all_docs = target_docs + reference_docs
        document_frequency = Counter(t for doc in all_docs for t in set(doc))
        n = len(all_docs)
        for term, a in in_target.items():
            if a < min_count:
                continue
            idf = math.log((1 + n) / (1 + document_frequency[term])) + 1
            rows.append((term, a / target_total * idf, a, in_reference.get(term, 0)))
    table = pd.DataFrame(rows, columns=["term", "score", "target_count", "reference_count"])
    return table.sort_values(["score", "term"], ascending=[False, True], ignore_index=True)


def _log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """G² for a term seen ``a`` times in ``c`` target tokens and ``b`` in ``d`` reference ones."""
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    score = a * math.log(a / expected_a) if a else 0.0
    score += b * math.log(b / expected_b) if b else 0.0
    return 2 * score

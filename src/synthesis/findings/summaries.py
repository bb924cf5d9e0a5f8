"""The extractive summary of a set of coded segments (a framework-matrix cell, a card point).

The rule, stated so a reviewer can check it:

1. **Candidates** are the sentences of the coded segments (Thai sentence rules of
   :func:`synthesis.thai.segment.sentence_spans`), without a leading list marker or speaker
   label ("2.", "-", "ซ:"). A segment of up to :data:`JOIN_MAX_CHARS` characters is one
   candidate (Thai separates clauses with a space, and a coder's unit is what a mentor
   reads); a longer one is cut into its sentences, a clause shorter than :data:`MIN_CHARS`
   characters joined to the next (and a short one to the previous) up to
   :data:`JOIN_MAX_CHARS`; fragments of fewer than :data:`MIN_WORDS` words are dropped. A
   candidate is always a substring of the coded segment it came from.
2. **Near-duplicates are one finding**: candidates whose content words (Thai tokens less
   stop words, no spaces or punctuation) have a Jaccard similarity ≥
   :data:`DUPLICATE_JACCARD` are clustered.
3. **Score** of a cluster = 2 × documents it appears in + coders who coded it (``consensus``
   not counted as a coder) + 1 when the ``consensus`` coding holds it: what several documents
   and several coders agree on comes first.
4. Ties go to the sentence with more words (up to :data:`LONG_WORDS`), then the earlier
   document, then the text (deterministic).
5. Clusters are taken best first until :data:`MAX_SENTENCES` sentences or :data:`MAX_CHARS`
   characters, leaving out any whose score is below :data:`MIN_SHARE_OF_BEST` of the best
   one's (a one-off remark does not sit beside what many sources agree on); a cluster is shown by its member coded by the most coders (then the shortest).

>>> import pandas as pd
>>> rows = pd.DataFrame({
...     "coding_id": ["a1", "b1", "a2"], "doc_id": ["d1", "d1", "d2"], "coder": ["coder_a", "coder_b", "coder_a"],
...     "date": ["2023-01-01", "2023-01-01", "2024-01-01"],
...     "quote": ["สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน", "สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน",
...               "ที่ประชุมเห็นว่าสหกรณ์หักเงินสมทบจากค่ายางทุกเดือน"]})
>>> [s.text for s in summarize(rows)]
['สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import pandas as pd

MIN_WORDS = 3
MIN_CHARS = 50
SHORT_TAIL_CHARS = 30
JOIN_MAX_CHARS = 220
DUPLICATE_JACCARD = 0.5
LONG_WORDS = 40
MAX_SENTENCES = 3
MAX_CHARS = 360
MIN_SHARE_OF_BEST = 0.5
CONSENSUS = "consensus"
NOT_CODERS = frozenset({CONSENSUS, "rules"})

# A list marker or a speaker label at the start of a sentence: "1.", "2)", "-", "•", "ซ:", "ผู้ให้ข้อมูล:".
_LEAD = re.compile(r"^\s*(?:(?:[0-9๐-๙]{1,2}[.)]|[-•*–])\s*)?(?:[^\s:：0-9๐-๙][^\s:：]{0,23}\s?[:：]\s*)?")


@dataclass
class SummarySentence:
    """One sentence of a summary and the evidence behind it."""

    text: str
    coding_ids: list[str] = field(default_factory=list)  # codings whose passage holds the text
    supporting_ids: list[str] = field(default_factory=list)  # also those saying the same in other words
    documents: int = 0
    coders: int = 0
    consensus: bool = False
    score: float = 0.0


@functools.lru_cache(maxsize=20000)
def word_set(text: str) -> frozenset[str]:
    """The words of a text as a set (Thai tokens, no space or punctuation).

    >>> sorted(word_set("ราคายาง ตกต่ำ"))
    ['ตกต่ำ', 'ยาง', 'ราคา']
    """
    from synthesis.thai.tokenize import words

    return frozenset(words(text))


@functools.lru_cache(maxsize=20000)
def content_words(text: str) -> frozenset[str]:
    """The words of a text less Thai stop words (all its words when nothing else is left).

    >>> sorted(content_words("ให้สหกรณ์หักเงินสมทบ"))
    ['สหกรณ์', 'หัก', 'เงินสมทบ']
    """
    from synthesis.thai.keywords import default_stopwords

    words = word_set(text)
    return frozenset(words - default_stopwords()) or words


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets (0 when both are empty).

    >>> jaccard(frozenset("ab"), frozenset("bc"))
    0.3333333333333333
    """
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def sentence_candidates(quote: str) -> list[str]:
    """The summary candidates of one coded segment: its sentences, lead markers removed.

    >>> sentence_candidates("2. ทดลองใช้ม้านั่งสานในกลุ่มช่างสาน")
    ['ทดลองใช้ม้านั่งสานในกลุ่มช่างสาน']
    """
    from synthesis.thai.segment import sentence_spans

    pieces: list[list[int]] = []
    spans = [(0, len(quote))] if len(quote.strip()) <= JOIN_MAX_CHARS else sentence_spans(quote)
    for start, end in spans:
        if pieces and (pieces[-1][1] - pieces[-1][0] < MIN_CHARS or end - start < SHORT_TAIL_CHARS) \
                and end - pieces[-1][0] <= JOIN_MAX_CHARS:
            pieces[-1][1] = end
        else:
            pieces.append([start, end])
    found = []
    for start, end in pieces:
        sentence = quote[start:end].strip()
        lead = _LEAD.match(sentence)
        if lead and lead.end() and len(word_set(sentence[lead.end():])) >= MIN_WORDS:
            sentence = sentence[lead.end():].strip()
        if sentence and len(word_set(sentence)) >= MIN_WORDS:
            found.append(sentence)
    return found


def _clusters(candidates: list[dict]) -> list[list[dict]]:
    """Greedy clustering of candidates by word-set Jaccard (most-supported texts first)."""
    by_text: dict[str, list[dict]] = {}
    for candidate in candidates:
        by_text.setdefault(" ".join(candidate["text"].split()), []).append(candidate)
    ordered = sorted(by_text.items(), key=lambda item: (-len({c["coder"] for c in item[1]}), item[0]))
    clusters: list[tuple[frozenset[str], list[dict]]] = []
    for text, members in ordered:
        words = content_words(text)
        for head, cluster in clusters:
            if jaccard(words, head) >= DUPLICATE_JACCARD:
                cluster.extend(members)
                break
        else:
            clusters.append((words, list(members)))
    return [cluster for _, cluster in clusters]


def _score(cluster: list[dict]) -> tuple[float, int, int, bool]:
    documents = len({c["doc_id"] for c in cluster})
    coders = len({c["coder"] for c in cluster} - NOT_CODERS)
    consensus = any(c["coder"] == CONSENSUS for c in cluster)
    return 2 * documents + coders + (1 if consensus else 0), documents, coders, consensus


def summarize(segments: pd.DataFrame, max_sentences: int = MAX_SENTENCES,
              max_chars: int = MAX_CHARS) -> list[SummarySentence]:
    """The summary sentences of coded segments (columns ``coding_id, doc_id, coder, quote``,
    optionally ``date``), best first, by the rule in the module docstring.

    Each sentence lists the coding ids whose quote contains it (never empty).
    """
    if segments is None or len(segments) == 0:
        return []
    dates = segments["date"].tolist() if "date" in segments.columns else [""] * len(segments)
    return summarize_columns(segments["coding_id"].tolist(), segments["doc_id"].tolist(),
                             segments["coder"].tolist(), segments["quote"].tolist(), dates,
                             max_sentences=max_sentences, max_chars=max_chars)


def summarize_columns(coding_ids: list, doc_ids: list, coder_names: list, quotes: list, dates: list,
                      max_sentences: int = MAX_SENTENCES, max_chars: int = MAX_CHARS) -> list[SummarySentence]:
    """:func:`summarize` on the columns as lists, one item per coded segment (what the
    framework matrix passes for each of its cells, without a DataFrame per cell).

    >>> [s.text for s in summarize_columns(["a1"], ["d1"], ["coder_a"], ["สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน"], [""])]
    ['สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน']
    """
    if not coding_ids:
        return []
    candidates = []
    quotes_by_id: dict[str, str] = {}
    for coding_id, doc_id, coder, quote, date in zip(coding_ids, doc_ids, coder_names, quotes, dates):
        quote = str(quote)
        quotes_by_id[coding_id] = quote
        for sentence in sentence_candidates(quote):
            candidates.append({"text": sentence, "coding_id": coding_id, "doc_id": doc_id, "coder": coder,
                               "date": str(date) if isinstance(date, str) else ""})
    ranked = []
    for cluster in _clusters(candidates):
        score, documents, coders, consensus = _score(cluster)
        per_text: dict[str, set[str]] = {}
        for c in cluster:
            per_text.setdefault(c["text"], set()).add(c["coder"])
        shown = min(per_text, key=lambda t: (-len(per_text[t] - NOT_CODERS), len(t), t))
        words = min(len(word_set(shown)), LONG_WORDS)
        earliest = min((c["date"] for c in cluster if c["date"]), default="9999")
        members = sorted({c["coding_id"] for c in cluster})
        ranked.append(((-score, -words, earliest, shown), shown, score, documents, coders, consensus, members))
    ranked.sort(key=lambda item: item[0])
    chosen: list[SummarySentence] = []
    used = 0
    for _, text, score, documents, coders, consensus, members in ranked:
        if len(chosen) >= max_sentences:
            break
        if chosen and (used + len(text) > max_chars or score < MIN_SHARE_OF_BEST * chosen[0].score):
            continue
        ids = sorted(cid for cid, quote in quotes_by_id.items() if text in quote)
        chosen.append(SummarySentence(text, ids, sorted(set(ids) | set(members)), documents, coders, consensus,
                                      float(score)))
        used += len(text)
    return chosen


def summary_text(sentences: list[SummarySentence]) -> str:
    r"""The sentences of a summary as one paragraph on one line (Thai sentences are separated
    by a space; line breaks inside a sentence become spaces).

    >>> summary_text([SummarySentence("ก ข\nค"), SummarySentence("ง จ")])
    'ก ข ค ง จ'
    """
    return " ".join(" ".join(s.text.split()) for s in sentences)

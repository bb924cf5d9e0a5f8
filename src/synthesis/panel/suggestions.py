"""Suggested codes for the segments of a document, with a score the coder sees.

Two suggesters live in a small registry (``SUGGESTERS``):

- ``engine``: the coding engine's learned model (``synthesis.coding.suggest``: TF-IDF and one
  logistic regression per code), used once people have coded enough to learn from;
- ``similar``: words in common with what people already coded (cosine similarity of word
  counts between a segment and each code's coded quotes). Plain Python, trains instantly;
  the fallback.

Both add the codebook's auto-coding rules as suggestions (never as codings), each with the
rule that matched (``why``) and a score that discriminates: the rule's precision against what
people coded in the documents they coded (:func:`synthesis.coding.suggest.rule_precision`,
smoothed, 0.5 while there is no evidence), so a rule that people keep overruling sinks.

>>> s = Suggestion("d", 0, 6, "success", 0.8123, "similar")
>>> s.key, s.label
(('d', 0, 6, 'success'), '0.81')
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Protocol

from synthesis.coding import Codebook, Coding
from synthesis.panel.sources import PanelDocument

MIN_SCORE = 0.15
PER_SEGMENT = 3
STRONG = 0.7  # the "has suggestions" filter keeps documents with a suggestion scored this or more (default)
RULE_PRIOR = 0.5  # a rule's score before anyone coded a document it matches


@dataclass(frozen=True)
class Suggestion:
    """A code proposed for ``text[start:end]`` of a document, with its score (0–1)."""

    doc_id: str
    start: int
    end: int
    code_id: str
    score: float
    source: str = "similar"
    why: str = ""

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.doc_id, self.start, self.end, self.code_id)

    @property
    def label(self) -> str:
        return f"{self.score:.2f}"


class Suggester(Protocol):
    def suggest(self, doc: PanelDocument) -> list[Suggestion]: ...


def _words(text: str) -> Counter:
    from synthesis.thai.tokenize import words

    return Counter(words(text))


def _cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b.get(word, 0) for word, count in a.items())
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


class SimilarSuggester:
    """Codes whose coded quotes share words with a segment, and codes whose rules match it.

    ``codings`` are what people coded (rule codings are left out: a person's judgement is
    what is learned).

    >>> from synthesis.coding import new_coding
    >>> from synthesis.panel.sources import DocInfo, PanelSegment
    >>> seen = [new_coding("a", 0, 14, "ตั้งกองทุนออมทรัพย์", "", "fund", "coder_a")]
    >>> doc = PanelDocument(DocInfo("b", "t"), "กองทุนออมทรัพย์เข้มแข็ง", [PanelSegment(0, 0, 23)])
    >>> [(s.code_id, s.start, s.end) for s in SimilarSuggester(seen).suggest(doc)]
    [('fund', 0, 23)]
    """

    def __init__(self, codings: Iterable[Coding], codebook: Codebook | None = None, min_score: float = MIN_SCORE,
                 rule_scores: dict[str, float] | None = None):
        self.profiles: dict[str, Counter] = {}
        for coding in codings:
            if coding.origin == "rule":
                continue
            self.profiles.setdefault(coding.code_id, Counter()).update(_words(coding.quote))
        self.codebook = codebook
        self.min_score = min_score
        self.rule_scores = rule_scores or {}

    def suggest(self, doc: PanelDocument) -> list[Suggestion]:
        found: dict[tuple, Suggestion] = {}
        for segment in doc.segments:
            bag = _words(doc.text[segment.start:segment.end])
            scored = sorted(((round(_cosine(bag, profile), 4), code) for code, profile in self.profiles.items()),
                            reverse=True)
            for score, code in scored[:PER_SEGMENT]:
                if score >= self.min_score:
                    suggestion = Suggestion(doc.doc_id, segment.start, segment.end, code, score, "similar")
                    found[suggestion.key] = suggestion
        return _merge(found.values(), rule_suggestions(self.codebook, doc, self.rule_scores))


def _merge(*groups: Iterable[Suggestion]) -> list[Suggestion]:
    """One suggestion per span and code (the higher score wins), in reading order."""
    found: dict[tuple, Suggestion] = {}
    for group in groups:
        for s in group:
            before = found.get(s.key)
            if before is None:
                found[s.key] = s
                continue
            best, other = (s, before) if s.score > before.score else (before, s)
            found[s.key] = replace(best, why=best.why or other.why)  # a rule that also matched stays shown
    return sorted(found.values(), key=lambda s: (s.start, -s.score, s.code_id))


def coding_document(doc: PanelDocument):
    """The engine's view of a panel document (``synthesis.coding.rules.CodingDocument``)."""
    from synthesis.coding.rules import CodingDocument
    from synthesis.thai.spans import Segment, Token

    return CodingDocument(
        doc.doc_id, doc.text, doc.sha256,
        tokens=[Token(s, e, doc.text[s:e], doc.text[s:e].isspace()) for s, e in doc.tokens],
        segments=[Segment(s.start, s.end, doc.text[s.start:s.end], s.kind, s.section, s.speaker)
                  for s in doc.segments])


def rule_suggestions(codebook: Codebook | None, doc: PanelDocument,
                     scores: dict[str, float] | None = None) -> list[Suggestion]:
    """The codebook's auto-coding rules, run on one document, as suggestions: each scored by
    its code's rule precision (``scores``, default :data:`RULE_PRIOR`) and showing its rule."""
    if codebook is None or not any(code.rules for code in codebook):
        return []
    from synthesis.coding import auto_code

    scores = scores or {}
    return [Suggestion(c.doc_id, c.start, c.end, c.code_id, round(scores.get(c.code_id, RULE_PRIOR), 4), "rule",
                       c.memo)
            for c in auto_code(codebook, [coding_document(doc)])]


def rule_scores(codebook: Codebook, codings: list[Coding], source=None) -> dict[str, float]:
    """Each code's smoothed rule precision on the documents people coded (see the module)."""
    if source is None or not hasattr(source, "coding_documents") or not any(code.rules for code in codebook):
        return {}
    from synthesis.coding import auto_code
    from synthesis.coding.suggest import rule_precision, smoothed_precision

    coded = sorted({c.doc_id for c in codings if c.origin != "rule"})
    if not coded:
        return {}
    found = rule_precision(auto_code(codebook, source.coding_documents(coded)), codings)
    return {code: smoothed_precision(hits, matched) for code, (hits, matched) in found.items()}


def _engine_suggester(codings: list[Coding], codebook: Codebook, source=None,
                      scores: dict[str, float] | None = None) -> Suggester | None:
    """The coding engine's learned model (``synthesis.coding.suggest``), when it can train:
    it needs the source's full documents and at least a few coded units per code."""
    try:
        from synthesis.coding import suggest as engine
    except ImportError:
        return None
    if source is None or not hasattr(source, "coding_documents"):
        return None
    coded = sorted({c.doc_id for c in codings if c.origin != "rule"})
    if not coded:
        return None
    try:
        model = engine.train(codings, source.coding_documents(coded))
    except ValueError:  # too few codings to learn from yet
        return None
    return _EngineAdapter(engine, model, codings, codebook, source, scores)


class _EngineAdapter:
    """Suggestions of the engine's model (on the finest units) plus the codebook's rules."""

    def __init__(self, engine, model, codings, codebook, source, scores=None):
        self.engine, self.model, self.codings, self.codebook, self.source = engine, model, codings, codebook, source
        self.rule_scores = scores or {}

    def suggest(self, doc: PanelDocument) -> list[Suggestion]:
        return self.suggest_many([doc])[doc.doc_id]

    def suggest_many(self, docs: list[PanelDocument]) -> dict[str, list[Suggestion]]:
        """Suggestions of several documents in one pass of the model (the document filter)."""
        frame = self.engine.suggest(self.model, self.source.coding_documents([d.doc_id for d in docs]), self.codings)
        found: dict[str, list[Suggestion]] = {d.doc_id: [] for d in docs}
        for row in frame.to_dict("records"):
            found[str(row["doc_id"])].append(Suggestion(str(row["doc_id"]), int(row["start"]), int(row["end"]),
                                                        str(row["code_id"]), round(float(row["score"]), 4), "model"))
        return {d.doc_id: _merge(found[d.doc_id], rule_suggestions(self.codebook, d, self.rule_scores)) for d in docs}


def _takes(function, name: str) -> bool:
    import inspect

    try:
        return name in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


SUGGESTERS: dict[str, Callable[..., Suggester | None]] = {
    "engine": _engine_suggester,
    "similar": lambda codings, codebook, source=None, scores=None: SimilarSuggester(codings, codebook,
                                                                                   rule_scores=scores),
}


def make_suggester(codings: list[Coding], codebook: Codebook, source=None,
                   prefer: tuple[str, ...] = ("engine", "similar")) -> Suggester:
    """The first suggester of ``prefer`` that can work, trained on ``codings``.

    ``source`` (a document source with ``coding_documents``) lets the engine's model train.
    """
    scores = rule_scores(codebook, codings, source)
    for name in prefer:
        suggester = SUGGESTERS[name](codings, codebook, source, scores)
        if suggester is not None:
            return suggester
    raise ValueError(f"no suggester available among {prefer}")


def decision_engine(suggestion: Suggestion, suggester, codebook: Codebook | None) -> tuple[str, dict]:
    """Which machine proposed ``suggestion`` and its identity, for the accept/reject log
    (:func:`synthesis.semantic.provenance.log_decision`): ``machine.rules`` (a hash of the
    codebook's rules), ``machine.tfidf-lr`` (the engine's vocabulary and weights) or
    ``machine.word-overlap`` (a hash of the coded quotes' word profiles it compares with).

    >>> decision_engine(Suggestion("d", 0, 6, "fund", 0.5, "similar"), SimilarSuggester([]), None)[0]
    'machine.word-overlap'
    """
    import hashlib
    import json

    from synthesis.semantic.provenance import rules_identity, suggestion_model_identity

    if suggestion.source == "rule" and codebook is not None:
        return "machine.rules", rules_identity(codebook)
    model = getattr(suggester, "model", None)
    if suggestion.source == "model" and model is not None:
        return "machine.tfidf-lr", suggestion_model_identity(model)
    profiles = getattr(suggester, "profiles", {})
    text = json.dumps({code: sorted(bag.items()) for code, bag in sorted(profiles.items())}, ensure_ascii=False)
    return "machine.word-overlap", {"engine": f"word overlap ({type(suggester).__name__})", "version": "1",
                                    "weights_sha256": hashlib.sha256(text.encode()).hexdigest(),
                                    "parameters": {"min_score": getattr(suggester, "min_score", None),
                                                   "source": suggestion.source}}

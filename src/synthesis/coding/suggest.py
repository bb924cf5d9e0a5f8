"""Code suggestions learned from the codings people accepted.

Each unit (the finest segments: sentences, list items, paragraphs or speaker turns) becomes
a bag of its Thai tokens and token bigrams, weighted by TF-IDF; one logistic regression per
code (scikit-learn, offline, seconds on the demo corpus) scores how likely the code fits.
Training uses only people's codings (``manual`` and ``suggestion-accepted``, not rule
codings) and only documents the chosen coders have coded, so silence elsewhere is not read
as "no".

>>> # model = train(store_codings, docs, coders=["consensus"]); suggest(model, docs, store_codings)
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from synthesis.coding.agreement import unit_codes, units_from_segments
from synthesis.coding.codings import Coding
from synthesis.coding.rules import CodingDocument

HUMAN_ORIGINS = ("manual", "suggestion-accepted")


@dataclass
class SuggestionModel:
    """A fitted vectorizer and one classifier per code it learned."""

    codes: list[str]
    vectorizer: object
    classifiers: dict[str, object]
    examples: int

    def scores(self, features: list[list[str]]) -> np.ndarray:
        """Units × codes matrix of probabilities."""
        if not features:
            return np.zeros((0, len(self.codes)))
        matrix = self.vectorizer.transform(features)
        return np.column_stack([self.classifiers[code].predict_proba(matrix)[:, 1] for code in self.codes])


def units_table(documents: Sequence[CodingDocument]) -> pd.DataFrame:
    """The finest segments of every document: ``doc_id, start, end, text``."""
    rows = [{"doc_id": d.doc_id, "start": s.start, "end": s.end, "kind": s.kind, "text": s.text}
            for d in documents for s in d.segments if s.kind != "heading"]
    if not rows:
        return pd.DataFrame(columns=["doc_id", "start", "end", "text"])
    return units_from_segments(pd.DataFrame(rows), "segment")


def unit_features(documents: Sequence[CodingDocument], units: pd.DataFrame) -> list[list[str]]:
    """Tokens (and token bigrams) of each unit, in the order of ``units``."""
    words_of = {d.doc_id: [t for t in d.tokens if not t.is_space and t.text.strip()] for d in documents}
    starts_of = {doc_id: [t.start for t in words] for doc_id, words in words_of.items()}
    features = []
    for doc_id, start, end in zip(units["doc_id"], units["start"], units["end"]):
        words, starts = words_of[doc_id], starts_of[doc_id]
        inside = [t.text for t in words[bisect_left(starts, start):bisect_left(starts, end)]]
        features.append(inside + [f"{a}_{b}" for a, b in zip(inside, inside[1:])])
    return features


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _human(codings: Iterable[Coding], coders: Sequence[str] | None) -> list[Coding]:
    return [c for c in codings if c.origin in HUMAN_ORIGINS and not c.orphaned
            and (coders is None or c.coder in coders)]


def training_data(codings: Iterable[Coding], documents: Sequence[CodingDocument],
                  coders: Sequence[str] | None = None) -> tuple[pd.DataFrame, list[list[str]], list[set[str]]]:
    """Units of the coded documents, their features and the set of codes each carries."""
    chosen = _human(codings, coders)
    coded_docs = {c.doc_id for c in chosen}
    units = units_table([d for d in documents if d.doc_id in coded_docs])
    applied = unit_codes(chosen, units)
    by_unit: dict[int, set[str]] = {}
    for (index, _coder), codes in applied.items():
        by_unit.setdefault(index, set()).update(codes)
    labels = [by_unit.get(index, set()) for index in units.index]
    return units, unit_features(documents, units), labels


def train(codings: Iterable[Coding], documents: Sequence[CodingDocument], coders: Sequence[str] | None = None,
          min_examples: int = 3) -> SuggestionModel:
    """Learn one classifier per code that has at least ``min_examples`` coded units."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    units, features, labels = training_data(codings, documents, coders)
    counts: dict[str, int] = {}
    for codes in labels:
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    codes = sorted(code for code, n in counts.items() if n >= min_examples and n < len(labels))
    if not codes:
        raise ValueError(f"no code has {min_examples} or more coded units to learn from")
    # terms seen in one unit only add noise (and time) once there is enough text to learn from
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=2 if len(features) >= 200 else 1)
    matrix = vectorizer.fit_transform(features)
    classifiers = {}
    for code in codes:
        target = np.array([code in unit_labels for unit_labels in labels], dtype=int)
        model = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear")
        classifiers[code] = model.fit(matrix, target)
    return SuggestionModel(codes, vectorizer, classifiers, len(labels))


def suggest(model: SuggestionModel, documents: Sequence[CodingDocument], codings: Iterable[Coding] = (),
            top: int = 3, min_score: float = 0.5) -> pd.DataFrame:
    """Codes proposed for the units no person has coded, best first.

    Columns: ``doc_id, start, end, text, code_id, score, rank`` (rank within the unit).
    """
    units = units_table(documents)
    applied = unit_codes(_human(codings, None), units)
    coded = {index for index, _ in applied}
    units = units[~units.index.isin(coded)]
    scores = model.scores(unit_features(documents, units))
    rows = []
    for row_scores, (_, unit) in zip(scores, units.iterrows()):
        order = np.argsort(-row_scores)[:top]
        for rank, column in enumerate(order, 1):
            if row_scores[column] >= min_score:
                rows.append({"doc_id": unit["doc_id"], "start": int(unit["start"]), "end": int(unit["end"]),
                             "text": unit["text"], "code_id": model.codes[column],
                             "score": float(row_scores[column]), "rank": rank})
    columns = ["doc_id", "start", "end", "text", "code_id", "score", "rank"]
    return pd.DataFrame(rows, columns=columns).sort_values("score", ascending=False, ignore_index=True)


def precision_at_k(codings: Sequence[Coding], documents: Sequence[CodingDocument], coders: Sequence[str],
                   k: int = 3, folds: int = 5, seed: int = 0) -> dict[str, float]:
    """Precision@k of suggestions on held-back documents (k-fold over documents).

    For every coded unit of a held-back document, the k best-scoring codes are compared with
    the codes people gave it; precision@k is the share of those k that are right, averaged
    over units. ``baseline`` is the same for always proposing the k most frequent codes.
    """
    coded_docs = sorted({c.doc_id for c in _human(codings, coders)})
    rng = np.random.default_rng(seed)
    order = list(rng.permutation(coded_docs))
    hits, baseline_hits, units_seen = 0.0, 0.0, 0
    for fold in range(folds):
        held = set(order[fold::folds])
        train_docs = [d for d in documents if d.doc_id not in held]
        test_docs = [d for d in documents if d.doc_id in held]
        train_codings = [c for c in codings if c.doc_id not in held]
        model = train(train_codings, train_docs, coders)
        _, _, train_labels = training_data(train_codings, train_docs, coders)
        frequent = pd.Series([c for labels in train_labels for c in labels]).value_counts().index[:k].tolist()
        units, features, labels = training_data([c for c in codings if c.doc_id in held], test_docs, coders)
        scores = model.scores(features)
        for row_scores, truth in zip(scores, labels):
            if not truth:
                continue
            best = [model.codes[i] for i in np.argsort(-row_scores)[:k]]
            hits += len(set(best) & truth) / k
            baseline_hits += len(set(frequent) & truth) / k
            units_seen += 1
    return {"precision_at_k": hits / units_seen if units_seen else float("nan"),
            "baseline": baseline_hits / units_seen if units_seen else float("nan"),
            "units": units_seen, "k": k}


def rule_precision(rule_codings: Iterable[Coding], codings: Iterable[Coding]) -> dict[str, tuple[int, int]]:
    """How often each code's rules agree with people: ``{code_id: (hits, matched)}``.

    ``matched`` counts the rule codings that fall in documents people coded (elsewhere their
    silence says nothing); a hit is one that a person's coding of the same code overlaps.

    >>> from synthesis.coding.codings import new_coding
    >>> rules = [new_coding("d", 0, 9, "x", "", "fund", "rules", origin="rule"),
    ...          new_coding("d", 20, 29, "y", "", "fund", "rules", origin="rule"),
    ...          new_coding("e", 0, 9, "z", "", "fund", "rules", origin="rule")]
    >>> people = [new_coding("d", 2, 6, "x", "", "fund", "coder_a")]
    >>> rule_precision(rules, people)
    {'fund': (1, 2)}
    """
    human = _human(codings, None)
    coded_docs = {c.doc_id for c in human}
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for coding in human:
        spans.setdefault((coding.doc_id, coding.code_id), []).append((coding.start, coding.end))
    found: dict[str, tuple[int, int]] = {}
    for coding in rule_codings:
        if coding.doc_id not in coded_docs:
            continue
        hits, matched = found.get(coding.code_id, (0, 0))
        hit = any(start < coding.end and coding.start < end for start, end in spans.get((coding.doc_id, coding.code_id), ()))
        found[coding.code_id] = (hits + hit, matched + 1)
    return found


def smoothed_precision(hits: int, matched: int) -> float:
    """A rule's precision with one success and one failure added (Laplace): 0.5 without
    evidence, near its observed share once it has matched often.

    >>> smoothed_precision(0, 0), smoothed_precision(9, 10), round(smoothed_precision(1, 30), 3)
    (0.5, 0.8333333333333334, 0.062)
    """
    return (hits + 1) / (matched + 2)

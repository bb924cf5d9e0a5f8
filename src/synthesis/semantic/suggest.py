"""Code suggestions from unit vectors, the codes' definitions and the units people coded.

Each code's definition (Thai and English names, description, what to include) is read by the
same backend as the units and enters training as one more example of that code, so a code
with few coded examples still has a direction; one logistic regression per code (balanced
classes) then scores every unit. The scores are probabilities that differ from unit to unit
(their held-out AUC is in bench/README.md), not a constant.

>>> # model = train_semantic(vectors, labels, codes, definition_vectors); model.scores(vectors)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd


def definition_text(code) -> str:
    """What a code means, as one text: names, description and what it includes.

    >>> from types import SimpleNamespace as C
    >>> definition_text(C(name_th="กองทุน", name_en="Fund", description="Savings groups.", include=""))
    'กองทุน (Fund): Savings groups.'
    """
    head = code.name_th + (f" ({code.name_en})" if getattr(code, "name_en", "") else "")
    body = " ".join(x for x in (getattr(code, "description", ""), getattr(code, "include", "")) if x)
    return f"{head}: {body}" if body else head


@dataclass
class SemanticModel:
    """One classifier per code over unit vectors; ``identity`` says what made the vectors."""

    codes: list[str]
    classifiers: dict[str, object]
    identity: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Units × codes matrix of probabilities."""
        if len(vectors) == 0:
            return np.zeros((0, len(self.codes)))
        return np.column_stack([self.classifiers[c].predict_proba(vectors)[:, 1] for c in self.codes])


def train_semantic(vectors: np.ndarray, labels: Sequence[set[str]], codes: Sequence[str] | None = None,
                   definition_vectors: dict[str, np.ndarray] | None = None, min_examples: int = 3,
                   C: float = 2.0, identity: dict | None = None) -> SemanticModel:
    """Fit a classifier for every code with ``min_examples`` coded units (its definition, when
    given, is one more positive example). ``labels[i]`` is the set of codes of unit ``i``."""
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for unit_codes in labels:
        for code in unit_codes:
            counts[code] = counts.get(code, 0) + 1
    wanted = codes if codes is not None else sorted(counts)
    chosen = sorted(c for c in wanted if min_examples <= counts.get(c, 0) < len(labels))
    if not chosen:
        raise ValueError(f"no code has {min_examples} or more coded units to learn from")
    definitions = definition_vectors or {}
    extra = [c for c in chosen if c in definitions]
    matrix = np.vstack([vectors, *[definitions[c][None, :] for c in extra]]) if extra else vectors
    all_labels = list(labels) + [{c} for c in extra]
    classifiers = {}
    for code in chosen:
        target = np.array([code in unit_codes for unit_codes in all_labels], dtype=int)
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
        classifiers[code] = model.fit(matrix, target)
    return SemanticModel(chosen, classifiers, identity or {},
                         {"C": C, "min_examples": min_examples, "definitions": bool(extra)})


def rank_codes(scores: np.ndarray, codes: Sequence[str], top: int = 3) -> list[list[tuple[str, float]]]:
    """The ``top`` codes of each unit with their scores, best first.

    >>> rank_codes(np.array([[0.2, 0.9, 0.5]]), ["a", "b", "c"], top=2)
    [[('b', 0.9), ('c', 0.5)]]
    """
    out = []
    for row in scores:
        order = np.argsort(-row, kind="stable")[:top]
        out.append([(codes[i], float(row[i])) for i in order])
    return out


def suggestions_frame(units: pd.DataFrame, scores: np.ndarray, codes: Sequence[str], top: int = 3,
                      min_score: float = 0.5) -> pd.DataFrame:
    """The columns of ``synthesis.coding.suggest.suggest``: ``doc_id, start, end, text, code_id,
    score, rank``, best first."""
    rows = []
    for (doc_id, start, end, text), ranked in zip(units[["doc_id", "start", "end", "text"]].itertuples(index=False),
                                                  rank_codes(scores, codes, top)):
        for rank, (code, score) in enumerate(ranked, 1):
            if score >= min_score:
                rows.append({"doc_id": doc_id, "start": int(start), "end": int(end), "text": text,
                             "code_id": code, "score": score, "rank": rank})
    columns = ["doc_id", "start", "end", "text", "code_id", "score", "rank"]
    return pd.DataFrame(rows, columns=columns).sort_values("score", ascending=False, ignore_index=True)


def suggest_semantic(collection: str = "demo", coders: Sequence[str] = ("consensus",), backend: str | None = None,
                     top: int = 3, min_score: float = 0.5, store_dir=None, lessons=None, codebook=None) -> pd.DataFrame:
    """Codes proposed for the units no person has coded, from the chosen coders' codings.

    >>> # suggest_semantic("demo", coders=["coder_a"], backend="e5").head()
    """
    from synthesis.coding import CodingStore, load_codebook
    from synthesis.coding.agreement import unit_codes
    from synthesis.coding.suggest import HUMAN_ORIGINS
    from synthesis.paths import lessons_dir
    from synthesis.semantic.index import semantic_index

    index = semantic_index(collection, backend, store_dir)
    lessons = lessons or lessons_dir()
    codebook = codebook or load_codebook(lessons / "codebook.yaml")
    codings = [c for c in CodingStore(lessons).load() if c.origin in HUMAN_ORIGINS and not c.orphaned]
    chosen = [c for c in codings if c.coder in coders]
    labels = unit_labels(chosen, index.units)
    coded_docs = {c.doc_id for c in chosen}
    train_mask = index.units["doc_id"].isin(coded_docs).to_numpy()
    definitions = definition_vectors(index.backend, codebook)
    model = train_semantic(index.vectors[train_mask], [labels[i] for i in np.flatnonzero(train_mask)],
                           definition_vectors=definitions, identity=index.backend.identity())
    done = {i for i, _ in unit_codes(codings, index.units)}
    todo = np.array([i not in done for i in range(len(index.units))], dtype=bool)
    return suggestions_frame(index.units[todo], model.scores(index.vectors[todo]), model.codes, top, min_score)


def unit_labels(codings, units: pd.DataFrame) -> list[set[str]]:
    """The set of codes people gave each unit (by position in ``units``)."""
    from synthesis.coding.agreement import unit_codes

    positions = {label: i for i, label in enumerate(units.index)}
    out: list[set[str]] = [set() for _ in range(len(units))]
    for (label, _coder), codes in unit_codes(codings, units).items():
        out[positions[label]].update(codes)
    return out


def definition_vectors(backend, codebook) -> dict[str, np.ndarray]:
    """Each code's definition read by ``backend``."""
    codes = list(codebook)
    texts = [definition_text(c) for c in codes]
    vectors = backend.encode(texts)
    return {c.id: v for c, v in zip(codes, vectors)}

"""Held-out comparison of code-suggestion engines, in one run on the same splits.

Documents that the chosen coders coded are split into folds by document (fixed seed, the
split of ``synthesis.coding.suggest.precision_at_k``); for each fold every engine is trained on
the other folds and ranks the codes of each coded unit of the held-out documents.
precision@k is the share of the k best-ranked codes that people gave the unit (averaged over
units); AUC says how well a score separates a unit's right codes from its wrong ones.

Engines: ``tfidf-lr`` (today's model, ``synthesis.coding.suggest``), ``<backend>`` (logistic
regression on the backend's vectors with code definitions as examples), ``<backend>-nodef``
(without definitions) and ``hybrid-<backend>`` (the mean of today's and the backend's scores).

>>> # evaluate_suggestions(documents, codings, codebook, vectors_by_backend, coders=["consensus"])
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from synthesis.semantic.suggest import train_semantic, unit_labels


def auc(scores: np.ndarray, truth: np.ndarray) -> float:
    """Probability that a right code outscores a wrong one (ties count half).

    >>> auc(np.array([0.9, 0.1, 0.5]), np.array([1, 0, 0]))
    1.0
    """
    positive, negative = scores[truth == 1], scores[truth == 0]
    if not len(positive) or not len(negative):
        return float("nan")
    from scipy.stats import rankdata

    ranks = rankdata(np.concatenate([positive, negative]))
    return float((ranks[:len(positive)].sum() - len(positive) * (len(positive) + 1) / 2) / (len(positive) * len(negative)))


def _hits(scores: np.ndarray, codes: Sequence[str], truth: list[set[str]], k: int) -> list[float]:
    out = []
    for row, right in zip(scores, truth):
        best = [codes[i] for i in np.argsort(-row, kind="stable")[:k]]
        out.append(len(set(best) & right) / k)
    return out


def _aligned(scores: np.ndarray, codes: Sequence[str], wanted: Sequence[str]) -> np.ndarray:
    """Scores re-ordered to ``wanted`` codes (a code the engine did not learn scores 0)."""
    column = {c: i for i, c in enumerate(codes)}
    out = np.zeros((len(scores), len(wanted)))
    for j, code in enumerate(wanted):
        if code in column:
            out[:, j] = scores[:, column[code]]
    return out


def evaluate_suggestions(documents, codings, codebook, vectors: dict[str, tuple[pd.DataFrame, np.ndarray]],
                         coders: Sequence[str], folds: int = 5, seed: int = 0,
                         definitions: dict[str, dict[str, np.ndarray]] | None = None,
                         top_level: bool = False, C: float = 2.0) -> pd.DataFrame:
    """precision@1, precision@3 and AUC of every engine; one row per engine.

    ``vectors`` maps a backend name to its ``(units, vectors)`` (units with ``doc_id, start,
    end``); ``definitions`` maps it to its code-definition vectors.
    """
    from dataclasses import replace

    from synthesis.coding.suggest import _human, train, training_data

    people = _human(codings, coders)
    if top_level:
        people = [replace(c, code_id=codebook.top_of(c.code_id)) if c.code_id in codebook else c for c in people]
        definitions = {name: _top_definitions(defs, codebook) for name, defs in (definitions or {}).items()}
    coded_docs = sorted({c.doc_id for c in people})
    order = list(np.random.default_rng(seed).permutation(coded_docs))
    results: dict[str, dict[str, list[float]]] = {}

    def add(engine: str, scores: np.ndarray, codes: Sequence[str], truth: list[set[str]], wanted: Sequence[str]):
        row = results.setdefault(engine, {"p1": [], "p3": [], "auc_scores": [], "auc_truth": []})
        row["p1"] += _hits(scores, codes, truth, 1)
        row["p3"] += _hits(scores, codes, truth, 3)
        aligned = _aligned(scores, codes, wanted)
        row["auc_scores"].append(aligned.ravel())
        row["auc_truth"].append(np.array([[c in t for c in wanted] for t in truth], dtype=int).ravel())

    for fold in range(folds):
        held = set(order[fold::folds])
        train_docs = [d for d in documents if d.doc_id not in held]
        test_docs = [d for d in documents if d.doc_id in held]
        train_codings = [c for c in people if c.doc_id not in held]
        test_codings = [c for c in people if c.doc_id in held]
        today = train(train_codings, train_docs, coders)
        test_units, test_features, test_truth = training_data(test_codings, test_docs, coders)
        keep = [i for i, t in enumerate(test_truth) if t]
        truth = [test_truth[i] for i in keep]
        today_scores = today.scores([test_features[i] for i in keep])
        wanted = today.codes
        add("tfidf-lr", today_scores, today.codes, truth, wanted)
        train_units, _, train_truth = training_data(train_codings, train_docs, coders)
        for name, (units, matrix) in vectors.items():
            row_of = {key: i for i, key in enumerate(zip(units["doc_id"], units["start"], units["end"]))}
            train_rows = [row_of[k] for k in zip(train_units["doc_id"], train_units["start"], train_units["end"])]
            test_rows = [row_of[k] for k in zip(test_units["doc_id"], test_units["start"], test_units["end"])]
            test_matrix = matrix[[test_rows[i] for i in keep]]
            defs = (definitions or {}).get(name)
            for engine, use in ((name, defs), (f"{name}-nodef", None)):
                if use is None and engine == name and defs is None:
                    continue
                model = train_semantic(matrix[train_rows], train_truth, codes=wanted, definition_vectors=use, C=C)
                scores = model.scores(test_matrix)
                add(engine, scores, model.codes, truth, wanted)
                if engine == name:
                    mixed = (_aligned(scores, model.codes, wanted) + today_scores) / 2
                    add(f"hybrid-{name}", mixed, wanted, truth, wanted)
    rows = []
    for engine, row in results.items():
        rows.append({"engine": engine, "precision_at_1": float(np.mean(row["p1"])),
                     "precision_at_3": float(np.mean(row["p3"])),
                     "auc": auc(np.concatenate(row["auc_scores"]), np.concatenate(row["auc_truth"])),
                     "units": len(row["p1"])})
    return pd.DataFrame(rows)


def _top_definitions(defs: dict[str, np.ndarray], codebook) -> dict[str, np.ndarray]:
    """A top-level code's definition vector: the mean of its own and its sub-codes'."""
    out: dict[str, list[np.ndarray]] = {}
    for code_id, vector in defs.items():
        if code_id in codebook:
            out.setdefault(codebook.top_of(code_id), []).append(vector)
    means = {c: np.mean(v, axis=0) for c, v in out.items()}
    return {c: v / (np.linalg.norm(v) or 1.0) for c, v in means.items()}


def suggestion_table(frame: pd.DataFrame) -> str:
    """The results as a Markdown table (for bench/README.md)."""
    lines = ["| engine | precision@1 | precision@3 | AUC | held-out units |", "|---|---|---|---|---|"]
    for row in frame.itertuples(index=False):
        lines.append(f"| {row.engine} | {row.precision_at_1:.3f} | {row.precision_at_3:.3f} | {row.auc:.3f} | {row.units} |")
    return "\n".join(lines)

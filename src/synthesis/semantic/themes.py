"""Theme discovery for inductive coding: clusters of the units nobody coded yet.

The uncoded units' vectors are grouped by k-means (fixed seed); each cluster is offered as a
*candidate* code with its most typical passages (nearest its centre) and its distinctive terms
(log-likelihood against the other uncoded units; people's names are never terms). Nothing is
applied: a person decides whether a candidate becomes a code.

>>> # themes = discover_themes("demo", backend="e5"); themes[["theme", "units", "terms"]]
"""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import Sequence

import numpy as np
import pandas as pd

from synthesis.semantic.index import SemanticIndex, semantic_index

COLUMNS = ["theme", "units", "documents", "areas", "terms", "typical", "typical_doc_ids", "cohesion"]


def unit_words(index: SemanticIndex, rows: Sequence[int]) -> list[list[str]]:
    """Each unit's words, leaving out tokens inside a person's name."""
    by_doc = {d.doc_id: d for d in index.documents}
    out = []
    for row in rows:
        unit = index.units.iloc[row]
        doc = by_doc.get(unit["doc_id"])
        if doc is None:
            out.append([])
            continue
        names = [(e.start, e.end) for e in doc.entities if e.label == "PERSON"]
        starts = [t.start for t in doc.tokens]
        tokens = doc.tokens[bisect_left(starts, unit["start"]):bisect_left(starts, unit["end"])]
        out.append([t.text for t in tokens if t.text.strip()
                    and not any(s < t.end and t.start < e for s, e in names)])
    return out


def default_clusters(count: int) -> int:
    """About one theme per 25 units, between 2 and 12.

    >>> default_clusters(10), default_clusters(300), default_clusters(5000)
    (2, 12, 12)
    """
    return max(2, min(12, round(count / 25)))


def discover_themes(collection: str = "demo", backend: str | None = None, clusters: int | None = None,
                    typical: int = 3, terms: int = 8, seed: int = 0, index: SemanticIndex | None = None,
                    codings=None, exclude: frozenset[str] | None = None) -> pd.DataFrame:
    """Candidate codes from the uncoded units: one row per cluster, largest first.

    ``codings`` (default: every coder's in ``lessons/codings``) say which units are coded;
    ``exclude`` are words never offered as terms (default: the pilot areas' place names, as
    ``synthesis.findings.crossarea.name_terms``; people's names are left out in any case).
    """
    from sklearn.cluster import KMeans

    from synthesis.coding.agreement import unit_codes
    from synthesis.thai.keywords import distinctive_terms

    index = index or semantic_index(collection, backend)
    if codings is None:
        from synthesis.coding import CodingStore
        from synthesis.paths import lessons_dir

        codings = CodingStore(lessons_dir()).load()
    coded = {label for label, _ in unit_codes(codings, index.units)}
    positions = [i for i, label in enumerate(index.units.index)
                 if label not in coded and len(index.units["text"].iloc[i].strip()) >= 10]
    if len(positions) < 4:
        return pd.DataFrame(columns=COLUMNS)
    vectors = index.vectors[positions]
    k = min(clusters or default_clusters(len(positions)), len(positions) // 2)
    model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(vectors)
    words = unit_words(index, positions)
    banned = area_names() if exclude is None else frozenset(exclude)
    words = [[w for w in unit if w not in banned] for unit in words]
    rows = []
    for theme in range(k):
        members = np.flatnonzero(model.labels_ == theme)
        if not len(members):
            continue
        centre = model.cluster_centers_[theme]
        closeness = vectors[members] @ (centre / (np.linalg.norm(centre) or 1.0))
        best = members[np.argsort(-closeness, kind="stable")[:typical]]
        others = [words[i] for i in range(len(positions)) if model.labels_[i] != theme]
        found = distinctive_terms([words[i] for i in members], others, min_count=2)
        units = index.units.iloc[[positions[i] for i in members]]
        rows.append({
            "theme": 0, "units": len(members), "documents": units["doc_id"].nunique(),
            "areas": ", ".join(sorted({a for areas in units["areas"] for a in areas})),
            "terms": ", ".join(found["term"].head(terms)),
            "typical": [index.units["text"].iloc[positions[i]] for i in best],
            "typical_doc_ids": [index.units["doc_id"].iloc[positions[i]] for i in best],
            "cohesion": round(float(closeness.mean()), 3) if not math.isnan(closeness.mean()) else float("nan"),
        })
    frame = pd.DataFrame(rows, columns=COLUMNS).sort_values(["units", "cohesion"], ascending=False,
                                                            ignore_index=True)
    frame["theme"] = [f"candidate-{i + 1:02d}" for i in range(len(frame))]
    return frame


def area_names() -> frozenset[str]:
    """The pilot areas' place names (``lessons/areas.yaml``); empty when it cannot be read."""
    from synthesis.findings.crossarea import name_terms

    try:
        from synthesis.corpus.areas import load_areas

        return name_terms(load_areas())
    except (OSError, ValueError):
        return frozenset()

"""Machine codings from semantic suggestions, under the machine's own coder name.

Every unit of the collection gets the best code of a model that never saw its document: the
documents the chosen coders coded are split into ``folds`` (by document, fixed seed) and each
fold is coded by a model trained on the others; the documents nobody coded by the model
trained on all. The code is written when its score reaches ``min_score``, as a coding of
``machine.<backend>`` (origin ``rule``: never read as a person's), so that comparing the
machine with each person (``synthesis.semantic.compare``) measures it on unseen text. A
re-run replaces that machine coder's previous codings and nobody else's; every coding gets a
provenance record.

>>> # code_units("demo", backend="e5", coders=["consensus"], min_score=0.9)
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from synthesis.coding.codings import CodingStore, new_coding
from synthesis.semantic.provenance import (MACHINE_ORIGIN, add_machine_codings, machine_coder,
                                           replace_machine_codings)


def code_units(collection: str = "demo", backend: str | None = None, coders: Sequence[str] = ("consensus",),
               min_score: float = 0.9, store_dir=None, lessons: str | Path | None = None,
               folds: int = 5, seed: int = 0) -> list:
    """Write the machine codings (cross-fitted by document); returns them."""
    from synthesis.coding.suggest import HUMAN_ORIGINS
    from synthesis.coding import load_codebook
    from synthesis.paths import lessons_dir
    from synthesis.semantic.index import semantic_index
    from synthesis.semantic.suggest import definition_vectors, train_semantic, unit_labels

    lessons = Path(lessons) if lessons else lessons_dir()
    index = semantic_index(collection, backend, store_dir)
    store = CodingStore(lessons)
    people = [c for c in store.load() if c.coder in coders and c.origin in HUMAN_ORIGINS and not c.orphaned]
    labels = unit_labels(people, index.units)
    definitions = definition_vectors(index.backend, load_codebook(lessons / "codebook.yaml"))
    coded_docs = sorted({c.doc_id for c in people} & set(index.units["doc_id"]))
    if not coded_docs:
        raise ValueError(f"{', '.join(coders)} coded no document of {collection!r}: nothing to learn from")
    order = list(np.random.default_rng(seed).permutation(coded_docs))
    doc_of = index.units["doc_id"].to_numpy()
    groups = [set(order[f::folds]) for f in range(min(folds, len(order)))] + [None]  # None: uncoded documents
    coder = machine_coder(index.backend.name)
    sha = dict(zip(index.units["doc_id"], index.units["doc_sha256"]))
    codings = []
    for held in groups:
        if held is None:
            target = ~np.isin(doc_of, coded_docs)
            train_mask = np.isin(doc_of, coded_docs)
        else:
            target = np.isin(doc_of, list(held))
            train_mask = np.isin(doc_of, coded_docs) & ~target
        if not target.any() or not train_mask.any():
            continue
        try:
            model = train_semantic(index.vectors[train_mask], [labels[i] for i in np.flatnonzero(train_mask)],
                                   definition_vectors=definitions)
        except ValueError:
            continue  # too few examples without this fold
        scores = model.scores(index.vectors[target])
        for row, unit_scores in zip(np.flatnonzero(target), scores):
            best = int(np.argmax(unit_scores))
            if unit_scores[best] >= min_score:
                unit = index.units.iloc[row]
                codings.append(new_coding(unit["doc_id"], int(unit["start"]), int(unit["end"]), unit["text"],
                                          sha.get(unit["doc_id"], ""), model.codes[best], coder, origin=MACHINE_ORIGIN))
    replace_machine_codings(store, coder, [])
    texts = {doc.doc_id: doc.text for doc in index.documents}
    parameters = {"min_score": min_score, "trained_on": list(coders), "folds": folds, "seed": seed}
    return add_machine_codings(store, coder, codings, index.backend.identity(), texts, parameters) if codings else []

"""A collection's units and their vectors in memory, with the documents' areas.

One :class:`SemanticIndex` per (store, backend) is kept per process and built again when the
store or the embeddings cache changes, so the panel and a notebook can ask many questions.

>>> # index = semantic_index("demo", backend="e5"); index.vectors.shape
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from synthesis.semantic.backends import Backend, available, get_backend
from synthesis.semantic.cache import embed_documents, store_versions

DEFAULT_BACKEND_ENV = "SYNTHESIS_SEMANTIC_BACKEND"


def default_backend() -> str:
    """``SYNTHESIS_SEMANTIC_BACKEND`` if set, else ``e5`` when its extra is installed, else
    ``tfidf`` (e5 finds similar passages better on our labelled pairs: bench/README.md)."""
    chosen = os.environ.get(DEFAULT_BACKEND_ENV, "").strip()
    if chosen:
        return chosen
    return "e5" if available("e5") else "tfidf"


@dataclass
class SemanticIndex:
    collection: str
    store_dir: Path
    backend: Backend
    units: pd.DataFrame  # doc_id, start, end, kind, text, doc_sha256, areas
    vectors: np.ndarray
    documents: list = field(repr=False, default_factory=list)

    def encode_text(self, text: str) -> np.ndarray:
        """A vector for text typed by a person (Thai-aware for TF-IDF: the Thai layer's tokens)."""
        return self.backend.encode([text])[0]

    def span_vector(self, doc_id: str, start: int, end: int) -> np.ndarray | None:
        """The mean vector of the units a span overlaps (None if it overlaps none)."""
        units = self.units
        mask = (units["doc_id"] == doc_id) & (units["start"] < end) & (units["end"] > start)
        if not mask.any():
            return None
        vector = self.vectors[mask.to_numpy()].mean(axis=0)
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector


_INDEXES: dict[tuple, SemanticIndex] = {}
_LOCK = threading.Lock()


def _stamp(path: Path) -> float:
    manifest = path / "manifest.json"
    return manifest.stat().st_mtime if manifest.is_file() else 0.0


def semantic_index(collection: str = "demo", backend: str | Backend | None = None,
                   store_dir: str | os.PathLike | None = None) -> SemanticIndex:
    """The collection's index (built once per process and store version)."""
    from synthesis.coding.rules import documents_from_store
    from synthesis.corpus import open_store
    from synthesis.paths import work_dir

    store_dir = Path(store_dir) if store_dir else work_dir(collection)
    if backend is None or isinstance(backend, str):
        backend = get_backend(backend or default_backend())
    key = (str(store_dir.resolve()), backend.name, _stamp(store_dir))
    with _LOCK:
        if key in _INDEXES:
            return _INDEXES[key]
        store = open_store(store_dir)
        documents = documents_from_store(store)
        units, vectors, _ = embed_documents(documents, store_dir, backend, versions=store_versions(store))
        areas = store.documents(columns=["doc_id", "areas"])
        area_of = {d: tuple(a) if a is not None else () for d, a in zip(areas["doc_id"], areas["areas"])}
        units = units.assign(areas=units["doc_id"].map(lambda d: area_of.get(d, ())))
        index = SemanticIndex(collection, store_dir, backend, units, vectors, documents)
        _INDEXES[key] = index
        return index

"""Find similar passages from the panel (issue 18): the units of the collection that say
something close to the selected passage, the current segment or a coding, with their
document's title and areas, best first.

The search runs on :func:`synthesis.semantic.similar` (the store's semantic index). Which
backend: ``SYNTHESIS_SEMANTIC_BACKEND`` when set; otherwise ``e5`` only when its extra is
installed *and* its embeddings cache beside the store is already built (a first e5 call embeds
the whole collection: about 100 s on the demo), else ``tfidf``, and the pane says why. A
source without a store (documents in memory) gets an index of its segments built here.

>>> choose_backend(None, environ={"SYNTHESIS_SEMANTIC_BACKEND": "tfidf"})[0]
'tfidf'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from synthesis.panel.sources import PanelDocument

COLD_E5 = ("ใช้ tfidf เพราะยังไม่ได้คำนวณเวกเตอร์ e5 ของชุดนี้ (รัน `synthesis embed --backend e5` ก่อน, ~100 วินาที) "
           "(tfidf: the e5 cache of this collection is cold)")


@dataclass(frozen=True)
class SimilarPassage:
    """One passage found: where it is, how close (cosine, -1–1), and what it is."""

    rank: int
    score: float
    doc_id: str
    start: int
    end: int
    text: str
    title: str
    areas: str
    in_collection: bool  # the panel can jump to it


def store_dir_of(source) -> Path | None:
    """The store folder behind a document source (None for documents in memory)."""
    store = getattr(source, "store", None)
    path = getattr(store, "path", None)
    return Path(path) if path is not None else None


def choose_backend(store_dir: Path | None, environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """``(backend name, note for the pane)``: the configured backend, else e5 when its cache
    is warm, else tfidf (with a note when e5 is installed but cold).

    >>> choose_backend(None, environ={})
    ('tfidf', '')
    """
    from synthesis.semantic.backends import available
    from synthesis.semantic.cache import cache_dir
    from synthesis.semantic.index import DEFAULT_BACKEND_ENV

    environ = os.environ if environ is None else environ
    chosen = environ.get(DEFAULT_BACKEND_ENV, "").strip()
    if chosen:
        return chosen, ""
    if store_dir is None or not available("e5"):
        return "tfidf", ""
    if (cache_dir(store_dir) / "e5.parquet").is_file():
        return "e5", ""
    return "tfidf", COLD_E5


def _segment_tokens(doc: PanelDocument, start: int, end: int) -> list[str]:
    words = [doc.text[a:b] for a, b in doc.tokens if start <= a and b <= end and doc.text[a:b].strip()]
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


def memory_index(documents: Sequence[PanelDocument], backend: str = "tfidf"):
    """A :class:`~synthesis.semantic.index.SemanticIndex` of documents held in memory: one
    unit per reading segment (cut at the segments the Thai layer made, never inside a word)."""
    from synthesis.semantic.backends import get_backend
    from synthesis.semantic.index import SemanticIndex

    engine = get_backend(backend)
    rows, tokens = [], []
    for doc in documents:
        for segment in doc.segments:
            text = doc.text[segment.start:segment.end]
            if not text.strip():
                continue
            rows.append({"doc_id": doc.doc_id, "start": segment.start, "end": segment.end, "kind": segment.kind,
                         "text": text, "doc_sha256": doc.sha256, "areas": tuple(doc.info.areas)})
            tokens.append(_segment_tokens(doc, segment.start, segment.end))
    units = pd.DataFrame(rows, columns=["doc_id", "start", "end", "kind", "text", "doc_sha256", "areas"])
    if hasattr(engine, "fit") and tokens:
        engine.fit(tokens)
    vectors = engine.encode(units["text"].tolist(), tokens) if len(units) else np.zeros((0, 1), dtype=np.float32)
    return SemanticIndex("memory", Path("."), engine, units, vectors, list(documents))


def passages(found: pd.DataFrame, titles: Mapping[str, str]) -> list[SimilarPassage]:
    """``similar(...)``'s rows with their documents' titles (the doc id when unknown)."""
    return [SimilarPassage(int(r.rank), float(r.score), str(r.doc_id), int(r.start), int(r.end), str(r.text),
                           titles.get(str(r.doc_id), str(r.doc_id)), str(r.areas), str(r.doc_id) in titles)
            for r in found.itertuples()]

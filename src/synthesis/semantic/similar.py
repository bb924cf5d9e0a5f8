"""Find similar passages: from a passage typed or selected, or from a coding, the units of
the collection's other documents (optionally other areas only) that say something close.

>>> # similar("ราคายางตกต่ำ รายได้ไม่พอ", collection="demo", k=5)
>>> # similar(coding, collection="demo", other_areas=True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synthesis.semantic.index import SemanticIndex, semantic_index

COLUMNS = ["rank", "score", "doc_id", "start", "end", "text", "areas"]


def _query(index: SemanticIndex, what) -> tuple[np.ndarray, str | None, tuple]:
    """The query vector, the document to leave out and the areas it belongs to."""
    if isinstance(what, str):
        if not what.strip():
            raise ValueError("similar: the passage to compare is empty")
        return index.encode_text(what), None, ()
    if isinstance(what, dict):
        doc_id, start, end = what["doc_id"], int(what["start"]), int(what["end"])
        quote = what.get("quote") or what.get("text") or ""
    else:  # a Coding, or anything with doc_id/start/end
        doc_id, start, end = what.doc_id, int(what.start), int(what.end)
        quote = getattr(what, "quote", "")
    vector = index.span_vector(doc_id, start, end)
    if vector is None:
        if not quote:
            raise ValueError(f"similar: {doc_id} {start}–{end} is in no unit of {index.collection!r}")
        vector = index.encode_text(quote)
    own = index.units.loc[index.units["doc_id"] == doc_id, "areas"]
    return vector, doc_id, tuple(own.iloc[0]) if len(own) else ()


def similar(what, collection: str = "demo", k: int = 10, backend: str | None = None,
            other_areas: bool = False, store_dir=None, index: SemanticIndex | None = None) -> pd.DataFrame:
    """The ``k`` units most similar to ``what`` (a text, a Coding, or ``{doc_id, start, end}``).

    From a coding, its own document is left out; ``other_areas=True`` also leaves out the
    documents of its areas. Columns: ``rank, score, doc_id, start, end, text, areas``.
    """
    index = index or semantic_index(collection, backend, store_dir)
    vector, own_doc, own_areas = _query(index, what)
    units = index.units
    keep = np.ones(len(units), dtype=bool)
    if own_doc is not None:
        keep &= (units["doc_id"] != own_doc).to_numpy()
    if other_areas and own_areas:
        mine = set(own_areas)
        keep &= ~units["areas"].map(lambda areas: bool(mine.intersection(areas))).to_numpy(dtype=bool)
    scores = index.vectors @ vector
    scores = np.where(keep, scores, -np.inf)
    order = [i for i in np.argsort(-scores, kind="stable")[:k] if np.isfinite(scores[i])]
    found = units.iloc[order][["doc_id", "start", "end", "text", "areas"]].reset_index(drop=True)
    found.insert(0, "score", [round(float(scores[i]), 4) for i in order])
    found.insert(0, "rank", range(1, len(found) + 1))
    found["areas"] = found["areas"].map(lambda a: ", ".join(a))
    return found[COLUMNS]

"""Embeddings of a collection's units, cached beside its store and computed for changes only.

The cache is ``work/<collection>.semantic/<backend>.parquet`` (beside the store folder, not in
it: ingest replaces the store folder whole). Each row is one unit: ``doc_id, doc_sha256,
start, end, model`` and its ``vector``. A unit is embedded again only when its document's
sha256, its offsets or the model's identity (version and weights hash) changed; rows of
documents no longer in the store are dropped. The file is written to a temporary name and
renamed, so a crash leaves the previous cache.

>>> # vectors, units, stats = embed_collection("demo", backend="e5")
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from synthesis.semantic.backends import Backend, get_backend
from synthesis.semantic.units import pieces, unit_frame, unit_token_starts

KEY = ["doc_id", "doc_sha256", "start", "end"]


@dataclass
class EmbedStats:
    units: int
    embedded: int
    reused: int
    characters: int
    seconds: float


def cache_dir(store_dir: str | os.PathLike) -> Path:
    """``work/demo`` → ``work/demo.semantic``.

    >>> cache_dir("work/demo").as_posix()
    'work/demo.semantic'
    """
    store_dir = Path(store_dir)
    return store_dir.parent / f"{store_dir.name}.semantic"


def model_key(backend: Backend) -> str:
    """What invalidates the cache: engine, version and weights hash."""
    who = backend.identity()
    return f"{who['engine']}|{who['version']}|{who['weights_sha256'][:16]}"


def read_cache(path: Path, model: str) -> pd.DataFrame:
    """The cached rows made by ``model`` (rows of another model version are ignored)."""
    if not path.is_file():
        return pd.DataFrame(columns=[*KEY, "model", "vector"])
    try:
        frame = pq.read_table(path).to_pandas()
    except Exception as error:  # a damaged cache is rebuilt, never trusted
        import warnings

        warnings.warn(f"{path}: unreadable embeddings cache ({error}); embedding again")
        return pd.DataFrame(columns=[*KEY, "model", "vector"])
    return frame[frame["model"] == model]


def write_cache(path: Path, frame: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.table({
        "doc_id": pa.array(frame["doc_id"].tolist(), pa.string()),
        "doc_sha256": pa.array(frame["doc_sha256"].tolist(), pa.string()),
        "start": pa.array(frame["start"].astype("int64").tolist(), pa.int64()),
        "end": pa.array(frame["end"].astype("int64").tolist(), pa.int64()),
        "model": pa.array(frame["model"].tolist(), pa.string()),
        "vector": pa.array([np.asarray(v, dtype=np.float32) for v in frame["vector"]], pa.list_(pa.float32())),
    })
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def embed_units(backend: Backend, units: pd.DataFrame, token_starts: list[list[int]]) -> np.ndarray:
    """One vector per unit; a long unit is the mean of its pieces (cut between words)."""
    texts, owner = [], []
    for index, (text, starts) in enumerate(zip(units["text"], token_starts)):
        for piece in pieces(text, starts) or [text]:
            texts.append(piece)
            owner.append(index)
    vectors = backend.encode(texts)
    out = np.zeros((len(units), vectors.shape[1] if len(vectors) else 384), dtype=np.float32)
    np.add.at(out, np.array(owner, dtype=int), vectors)
    from synthesis.semantic.backends import normalise_rows

    return normalise_rows(out)


def embed_documents(documents, store_dir: str | os.PathLike, backend: Backend | str = "e5",
                    progress=None) -> tuple[pd.DataFrame, np.ndarray, EmbedStats]:
    """Units of ``documents`` and their vectors, from the cache where it is current.

    Returns ``(units, vectors, stats)``; the cache is rewritten only when something changed.
    """
    import time

    backend = get_backend(backend) if isinstance(backend, str) else backend
    units, tokens = unit_frame(documents)
    if not backend.cached:
        if hasattr(backend, "fit"):
            backend.fit(tokens)
        vectors = backend.encode(units["text"].tolist(), tokens)
        return units, vectors, EmbedStats(len(units), len(units), 0, int(units["text"].str.len().sum()), 0.0)
    model = model_key(backend)
    path = cache_dir(store_dir) / f"{backend.name}.parquet"
    cached = read_cache(path, model)
    index = {tuple(k): v for k, v in zip(cached[KEY].itertuples(index=False, name=None), cached["vector"])}
    keys = list(units[KEY].itertuples(index=False, name=None))
    missing = [i for i, key in enumerate(keys) if key not in index]
    started = time.perf_counter()
    if missing:
        starts = unit_token_starts(documents, units.iloc[missing])
        fresh = embed_units(backend, units.iloc[missing].reset_index(drop=True), starts)
        for i, vector in zip(missing, fresh):
            index[keys[i]] = vector
    seconds = time.perf_counter() - started
    dim = len(next(iter(index.values()))) if index else 384
    vectors = np.array([index[key] for key in keys], dtype=np.float32).reshape(len(keys), dim)
    if missing or len(cached) != len(keys):
        frame = units[KEY].copy()
        frame["model"] = model
        frame["vector"] = list(vectors)
        write_cache(path, frame)
    chars = int(units.iloc[missing]["text"].str.len().sum()) if missing else 0
    return units, vectors, EmbedStats(len(units), len(missing), len(units) - len(missing), chars, seconds)


def embed_collection(collection: str, backend: Backend | str = "e5", store_dir: str | os.PathLike | None = None):
    """:func:`embed_documents` for every document of a collection's store."""
    from synthesis.coding.rules import documents_from_store
    from synthesis.corpus import open_store
    from synthesis.paths import work_dir

    store_dir = Path(store_dir) if store_dir else work_dir(collection)
    return embed_documents(documents_from_store(open_store(store_dir)), store_dir, backend)

"""Embeddings of a collection's units, cached beside its store and computed for changes only.

The cache is ``work/<collection>.semantic/<backend>.parquet``: beside the store folder, not in
it, because ingest builds a new store folder and swaps it in whole (a crash never leaves half
a store), so anything kept inside the folder would be dropped or copied by every ingest. Each
row is one unit: ``doc_id, doc_sha256, start, end, model`` and its ``vector``; the file's
metadata records the model and the store's versions (parser, Thai layer, code) it was made
with. A unit is embedded again only when its document's sha256, its offsets or the model's
identity (version and weights hash) changed; rows of documents no longer in the store are
dropped. The file is written to a temporary name and renamed, so a crash leaves the previous
cache.

:func:`update_cache` is what ``synthesis ingest`` and ``synthesis embed`` run: it reads only
the documents whose (id, sha256) the cache lacks (all of them once the store's versions
changed, their unchanged units' vectors still reused), so a re-ingest of a 10,000-document
archive with one changed file reads and embeds that file's units only.

>>> # stats = update_cache("work/demo", backend="e5"); stats.embedded, stats.reused
>>> # vectors, units, stats = embed_collection("demo", backend="e5")
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from synthesis.semantic.backends import Backend, get_backend, normalise_rows
from synthesis.semantic.units import pieces, unit_frame, unit_token_starts

KEY = ["doc_id", "doc_sha256", "start", "end"]
SCHEMA = pa.schema([("doc_id", pa.string()), ("doc_sha256", pa.string()), ("start", pa.int64()),
                    ("end", pa.int64()), ("model", pa.string()), ("vector", pa.list_(pa.float32()))])
MODEL_META, VERSIONS_META = b"synthesis.model", b"synthesis.store_versions"
ENCODE_BATCH = 64  # texts per call of the backend: the progress display moves once per batch


@dataclass
class EmbedStats:
    """What one embedding pass did: ``units`` in the cache, ``embedded`` of them computed now
    (``characters`` of text, in ``seconds``, from ``documents`` documents), ``reused`` from it.

    >>> EmbedStats(1758, 17, 1741, 1130, 0.5, 1).summary("e5")
    'e5: 17 units of 1 document embedded in 0.5 s (2,260 characters/s), 1,741 unchanged'
    """

    units: int
    embedded: int
    reused: int
    characters: int
    seconds: float
    documents: int = 0

    def summary(self, backend: str) -> str:
        if not self.embedded:
            return f"{backend}: nothing to embed, {self.reused:,} units unchanged"
        speed = f" ({self.characters / self.seconds:,.0f} characters/s)" if self.seconds > 0 else ""
        noun = "document" if self.documents == 1 else "documents"
        return (f"{backend}: {self.embedded:,} units of {self.documents:,} {noun} embedded in "
                f"{self.seconds:.1f} s{speed}, {self.reused:,} unchanged")


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


def write_cache(path: Path, frame: pd.DataFrame, versions: str | None = None) -> None:
    """Write ``frame`` (columns of :data:`SCHEMA`) as the cache at ``path``, atomically."""
    vectors = np.array([np.asarray(v, dtype=np.float32) for v in frame["vector"]], dtype=np.float32)
    table = cache_table(frame, vectors.reshape(len(frame), -1) if len(frame) else np.zeros((0, 0), np.float32),
                        frame["model"].iloc[0] if len(frame) else "")
    write_cache_table(path, table, versions)


def cache_table(units: pd.DataFrame, vectors: np.ndarray, model: str) -> pa.Table:
    """Cache rows (:data:`SCHEMA`) for ``units`` (``doc_id, doc_sha256, start, end``) and their vectors."""
    dim = vectors.shape[1] if len(units) and vectors.ndim == 2 else 0
    offsets = pa.array(np.arange(len(units) + 1, dtype=np.int32) * dim)
    return pa.table({
        "doc_id": pa.array(units["doc_id"].tolist(), pa.string()),
        "doc_sha256": pa.array(units["doc_sha256"].tolist(), pa.string()),
        "start": pa.array(units["start"].astype("int64").tolist(), pa.int64()),
        "end": pa.array(units["end"].astype("int64").tolist(), pa.int64()),
        "model": pa.array([model] * len(units), pa.string()),
        "vector": pa.ListArray.from_arrays(offsets, pa.array(np.ascontiguousarray(vectors, np.float32).ravel())),
    }, schema=SCHEMA)


def write_cache_table(path: Path, table: pa.Table, versions: str | None = None) -> None:
    """Write cache rows to ``path`` (temporary file, then rename) with the model and the
    store's versions in the file's metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    models = table["model"].unique().to_pylist() if table.num_rows else []
    table = table.cast(SCHEMA).replace_schema_metadata(_cache_metadata(models[0] if len(models) == 1 else "",
                                                                       versions))
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def embed_units(backend: Backend, units: pd.DataFrame, token_starts: list[list[int]],
                progress: bool = False) -> np.ndarray:
    """One vector per unit; a long unit is the mean of its pieces (cut between words).

    With ``progress``, the units done show as ingest shows its files (a bar on a terminal,
    plain lines in a log, nothing when it is quickly over).
    """
    from synthesis.progress import progress as progress_display

    texts, owner = [], []
    for index, (text, starts) in enumerate(zip(units["text"], token_starts)):
        for piece in pieces(text, starts) or [text]:
            texts.append(piece)
            owner.append(index)
    rows, done = [], 0
    with progress_display(len(units), f"embed {backend.name}", "unit", enabled=progress) as bar:
        for begin in range(0, len(texts), ENCODE_BATCH):
            rows.append(np.asarray(backend.encode(texts[begin:begin + ENCODE_BATCH]), dtype=np.float32))
            finished = owner[min(begin + ENCODE_BATCH, len(texts)) - 1] + 1
            bar.update(finished - done)
            done = finished
    vectors = np.vstack(rows) if rows else np.zeros((0, 384), dtype=np.float32)
    out = np.zeros((len(units), vectors.shape[1]), dtype=np.float32)
    np.add.at(out, np.array(owner, dtype=int), vectors)
    return normalise_rows(out)


def embed_documents(documents, store_dir: str | os.PathLike, backend: Backend | str = "e5",
                    progress: bool = False, versions: str | None = None
                    ) -> tuple[pd.DataFrame, np.ndarray, EmbedStats]:
    """Units of ``documents`` and their vectors, from the cache where it is current.

    Returns ``(units, vectors, stats)``; the cache is rewritten only when something changed.
    ``documents`` are the whole store when ``versions`` (:func:`store_versions`) is given.
    """
    backend = get_backend(backend) if isinstance(backend, str) else backend
    units, tokens = unit_frame(documents, features=not backend.cached)
    if not backend.cached:
        started = time.perf_counter()
        if hasattr(backend, "fit"):
            backend.fit(tokens)
        vectors = backend.encode(units["text"].tolist(), tokens)
        return units, vectors, EmbedStats(len(units), len(units), 0, int(units["text"].str.len().sum()),
                                          time.perf_counter() - started, int(units["doc_id"].nunique()))
    model = model_key(backend)
    path = cache_dir(store_dir) / f"{backend.name}.parquet"
    cached = read_cache(path, model)
    index = {tuple(k): v for k, v in zip(cached[KEY].itertuples(index=False, name=None), cached["vector"])}
    keys = list(units[KEY].itertuples(index=False, name=None))
    missing = [i for i, key in enumerate(keys) if key not in index]
    started = time.perf_counter()
    if missing:
        starts = unit_token_starts(documents, units.iloc[missing])
        fresh = embed_units(backend, units.iloc[missing].reset_index(drop=True), starts, progress)
        for i, vector in zip(missing, fresh):
            index[keys[i]] = vector
    seconds = time.perf_counter() - started
    dim = len(next(iter(index.values()))) if index else 384
    vectors = np.array([index[key] for key in keys], dtype=np.float32).reshape(len(keys), dim)
    if missing or len(cached) != len(keys) or (versions is not None and cache_versions(path) != versions):
        write_cache_table(path, cache_table(units, vectors, model), versions)
    chars = int(units.iloc[missing]["text"].str.len().sum()) if missing else 0
    documents_embedded = int(units.iloc[missing]["doc_id"].nunique()) if missing else 0
    return units, vectors, EmbedStats(len(units), len(missing), len(units) - len(missing), chars, seconds,
                                      documents_embedded)


def embed_collection(collection: str, backend: Backend | str = "e5", store_dir: str | os.PathLike | None = None,
                     progress: bool = False):
    """:func:`embed_documents` for every document of a collection's store."""
    from synthesis.coding.rules import documents_from_store
    from synthesis.corpus import open_store
    from synthesis.paths import work_dir

    store_dir = Path(store_dir) if store_dir else work_dir(collection)
    store = open_store(store_dir)
    return embed_documents(documents_from_store(store), store_dir, backend, progress, store_versions(store))


def store_versions(store) -> str:
    """The store's versions (parser, Thai layer, code, areas) as one string: units of a
    document whose text is unchanged may still move when these change."""
    return json.dumps(store.manifest.get("versions"), sort_keys=True, ensure_ascii=False)


def cache_versions(path: Path) -> str | None:
    """The store versions a cache file was made with (None: unknown, or no readable file)."""
    try:
        meta = pq.read_schema(path).metadata or {}
    except Exception:  # missing or damaged: nothing is known
        return None
    value = meta.get(VERSIONS_META)
    return value.decode() if value else None


def _cached_part(path: Path, model: str, columns: list[str], doc_ids: list[str] | None = None) -> pa.Table | None:
    """``columns`` of the cache's rows made by ``model`` (of ``doc_ids`` only, when given);
    None when there is no file or it cannot be trusted (a damaged cache is rebuilt, with a
    warning). Only the columns asked for are decoded: the keys of a 10,000-document cache
    read in a second, its vectors take several."""
    if not path.is_file():
        return None
    try:
        missing = set(SCHEMA.names) - set(pq.read_schema(path).names)
        if missing:
            warnings.warn(f"{path}: embeddings cache without the columns {sorted(missing)}; embedding again")
            return None
        filters = [("model", "==", model)] + ([("doc_id", "in", doc_ids)] if doc_ids is not None else [])
        table = pq.read_table(path, columns=columns, filters=filters)
    except Exception as error:
        warnings.warn(f"{path}: unreadable embeddings cache ({error}); embedding again")
        return None
    return table.cast(pa.schema([SCHEMA.field(name) for name in columns]))


def _cache_metadata(model: str, versions: str | None) -> dict[bytes, bytes]:
    return {MODEL_META: model.encode(), VERSIONS_META: (versions or "").encode()}


def _rewrite_cache(path: Path, model: str, keep_ids: list[str], fresh: pa.Table, versions: str) -> None:
    """The cache again: the rows of ``keep_ids`` streamed from the old file (a batch at a
    time: memory stays small however large the archive), then ``fresh``; written to a
    temporary file and renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        with pq.ParquetWriter(tmp, SCHEMA.with_metadata(_cache_metadata(model, versions))) as writer:
            if keep_ids and path.is_file():
                wanted = pa.array(keep_ids, pa.string())
                for batch in pq.ParquetFile(path).iter_batches(batch_size=16384, columns=SCHEMA.names):
                    rows = pa.Table.from_batches([batch]).cast(SCHEMA)
                    rows = rows.filter(pc.and_(pc.is_in(rows["doc_id"], wanted), pc.equal(rows["model"], model)))
                    if rows.num_rows:
                        writer.write_table(rows)
            if fresh.num_rows:
                writer.write_table(fresh.cast(SCHEMA))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _store_documents(store, doc_ids: list[str] | None):
    """The store's documents (only ``doc_ids`` when given) with their segments and tokens."""
    from synthesis.coding.rules import documents_from_tables

    tables = {name: store.table(name, doc_ids=doc_ids) for name in ("segments", "tokens")}
    documents = store.table("documents", doc_ids=doc_ids, columns=["doc_id", "text", "sha256"])
    return documents_from_tables(documents, tables["segments"], tables["tokens"], None)


def update_cache(store_dir: str | os.PathLike, backend: Backend | str = "e5",
                 progress: bool = False) -> EmbedStats:
    """Bring the store's embeddings cache up to date, reading only the documents it lacks.

    A document is read (text, segments, tokens) only when the cache has no rows for its
    current sha256; when the store's versions changed since the cache was written, every
    document is read but its units that kept their offsets keep their vectors. Rows of
    documents that left the store are dropped. The file is rewritten only when something
    changed. Only for cached backends (``e5``): ``tfidf`` is fitted on the whole collection
    each time it is used and has nothing to keep.

    >>> # update_cache("work/demo", "e5").summary("e5")
    >>> # 'e5: 17 units of 1 document embedded in 7.1 s (160 characters/s), 1,741 unchanged'
    """
    from synthesis.corpus import open_store
    from synthesis.semantic.units import units_with_sha

    backend = get_backend(backend) if isinstance(backend, str) else backend
    if not backend.cached:
        raise ValueError(f"the {backend.name} backend is fitted on the whole collection each time it is "
                         "used: it has no cache to update")
    store_dir = Path(store_dir)
    store = open_store(store_dir)
    versions = store_versions(store)
    model = model_key(backend)
    path = cache_dir(store_dir) / f"{backend.name}.parquet"
    current = store.documents(columns=["doc_id", "sha256"])
    sha_of = dict(zip(current["doc_id"], current["sha256"]))
    keys = _cached_part(path, model, ["doc_id", "doc_sha256"])
    same_versions = keys is not None and cache_versions(path) == versions
    keys = keys if keys is not None else pa.table({"doc_id": pa.array([], pa.string()),
                                                   "doc_sha256": pa.array([], pa.string())})
    pairs = keys.group_by(["doc_id", "doc_sha256"]).aggregate([])
    cached_sha = dict(zip(pairs["doc_id"].to_pylist(), pairs["doc_sha256"].to_pylist()))
    keep = [d for d, sha in sha_of.items() if same_versions and cached_sha.get(d) == sha]
    kept_rows = int(pc.sum(pc.is_in(keys["doc_id"], pa.array(keep, pa.string()))).as_py() or 0)
    todo = sorted(set(sha_of) - set(keep))
    if not todo and kept_rows == keys.num_rows and same_versions:
        return EmbedStats(kept_rows, 0, kept_rows, 0, 0.0, 0)  # nothing changed: no vector was read
    documents = _store_documents(store, None if len(todo) == len(sha_of) else todo) if todo else []
    units = units_with_sha(documents)

    # after a change of the store's versions: documents whose text is unchanged keep the
    # vectors of the units that kept their offsets
    same_text = [d for d in todo if cached_sha.get(d) == sha_of[d]]
    candidates = _cached_part(path, model, SCHEMA.names, same_text) if same_text else None
    reusable = {}
    if candidates is not None and candidates.num_rows:
        flat = pc.list_flatten(candidates["vector"]).to_numpy().reshape(candidates.num_rows, -1)
        reusable = dict(zip(zip(*(candidates[c].to_pylist() for c in KEY)), flat))
    unit_keys = list(units[KEY].itertuples(index=False, name=None))
    missing = [i for i, key in enumerate(unit_keys) if key not in reusable]
    started = time.perf_counter()
    fresh = np.zeros((0, 0), np.float32)
    if missing:
        chosen = units.iloc[missing].reset_index(drop=True)
        fresh = embed_units(backend, chosen, unit_token_starts(documents, chosen), progress)
    seconds = time.perf_counter() - started
    dim = fresh.shape[1] if missing else (len(next(iter(reusable.values()))) if reusable else 0)
    vectors = np.zeros((len(units), dim), dtype=np.float32)
    if missing:
        vectors[missing] = fresh
    for i, key in enumerate(unit_keys):
        if key in reusable:
            vectors[i] = reusable[key]
    total = kept_rows + len(units)
    if missing or total != keys.num_rows or not same_versions or not path.is_file():
        _rewrite_cache(path, model, keep, cache_table(units, vectors, model), versions)
    chosen_units = units.iloc[missing]
    return EmbedStats(total, len(missing), total - len(missing), int(chosen_units["text"].str.len().sum()),
                      seconds, int(chosen_units["doc_id"].nunique()))

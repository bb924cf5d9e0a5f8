"""Embeddings are cached beside the store, computed for changed documents only and
invalidated by the model's identity."""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pytest

from synthesis.semantic.cache import cache_dir, embed_documents


class CountingBackend:
    """A deterministic stand-in for a slow model: counts the texts it was asked to read."""

    name = "counting"
    cached = True

    def __init__(self, version: str = "1"):
        self.version, self.seen = version, []

    def identity(self):
        return {"engine": "counting", "version": self.version, "weights_sha256": "ab" * 32, "parameters": {}}

    def encode(self, texts, tokens=None):
        self.seen.extend(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest(), dtype=np.uint8)[:16].astype(np.float32) + 1
                for t in texts]
        rows = np.array(rows, dtype=np.float32).reshape(len(texts), 16)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.fixture()
def store_dir(tmp_path):
    return tmp_path / "work" / "mini"


def test_cache_second_run_embeds_nothing(mini_documents, store_dir):
    backend = CountingBackend()
    units, first, stats = embed_documents(mini_documents, store_dir, backend)
    assert stats.embedded == len(units) > 0 and (cache_dir(store_dir) / "counting.parquet").is_file()
    backend.seen.clear()
    again, second, stats = embed_documents(mini_documents, store_dir, backend)
    assert backend.seen == [] and stats.reused == len(units)
    assert np.array_equal(first, second)


def test_cache_a_changed_document_alone_is_embedded_again(mini_documents, store_dir):
    backend = CountingBackend()
    units, _, _ = embed_documents(mini_documents, store_dir, backend)
    changed = dataclasses.replace(mini_documents[0], sha256="0" * 64)
    backend.seen.clear()
    _, _, stats = embed_documents([changed, *mini_documents[1:]], store_dir, backend)
    own = units[units["doc_id"] == changed.doc_id]
    assert stats.embedded == len(own) and len(backend.seen) >= len(own)


def test_cache_a_new_model_version_invalidates_it(mini_documents, store_dir):
    embed_documents(mini_documents, store_dir, CountingBackend("1"))
    newer = CountingBackend("2")
    units, _, stats = embed_documents(mini_documents, store_dir, newer)
    assert stats.embedded == len(units)


def test_cache_drops_documents_no_longer_in_the_store(mini_documents, store_dir):
    import pyarrow.parquet as pq

    backend = CountingBackend()
    embed_documents(mini_documents, store_dir, backend)
    embed_documents(mini_documents[1:], store_dir, backend)
    kept = set(pq.read_table(cache_dir(store_dir) / "counting.parquet")["doc_id"].to_pylist())
    assert mini_documents[0].doc_id not in kept


def test_cache_a_damaged_file_is_rebuilt_with_a_warning(mini_documents, store_dir):
    backend = CountingBackend()
    embed_documents(mini_documents, store_dir, backend)
    (cache_dir(store_dir) / "counting.parquet").write_bytes(b"not parquet")
    with pytest.warns(UserWarning, match="unreadable embeddings cache"):
        units, _, stats = embed_documents(mini_documents, store_dir, backend)
    assert stats.embedded == len(units)


def test_cache_is_beside_the_store_not_in_it(tmp_path):
    assert cache_dir(tmp_path / "work" / "demo") == tmp_path / "work" / "demo.semantic"

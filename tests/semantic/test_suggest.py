"""Semantic code suggestions: definitions as examples, scores that discriminate, and the
held-out comparison with today's TF-IDF model in the same run."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from synthesis.semantic.suggest import definition_text, rank_codes, suggestions_frame, train_semantic


def _clusters(seed=0):
    """Two codes whose units point two ways, plus units of neither."""
    rng = np.random.default_rng(seed)
    a, b = np.eye(8)[0], np.eye(8)[1]
    rows = [a + rng.normal(0, 0.2, 8) for _ in range(12)] + [b + rng.normal(0, 0.2, 8) for _ in range(12)] + \
           [np.eye(8)[5] + rng.normal(0, 0.2, 8) for _ in range(12)]
    labels = [{"fund"}] * 12 + [{"health"}] * 12 + [set()] * 12
    vectors = np.array(rows)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), labels, a, b


def test_suggest_scores_discriminate():
    vectors, labels, a, b = _clusters()
    model = train_semantic(vectors, labels)
    test, _, _, _ = _clusters(seed=1)
    scores = model.scores(test)
    fund, health = model.codes.index("fund"), model.codes.index("health")
    assert scores[:12, fund].min() > scores[12:, fund].max()  # right units above the others
    assert scores[12:24, health].min() > scores[:12, health].max()
    assert np.ptp(scores) > 0.5  # not a constant


def test_suggest_definition_is_an_example_of_its_code():
    vectors, labels, a, b = _clusters()
    # few coded examples of 'fund': its definition still points the way
    few = [set() if (code == {"fund"} and i > 3) else code for i, code in enumerate(labels)]
    with_def = train_semantic(vectors, few, definition_vectors={"fund": a}, min_examples=3)
    without = train_semantic(vectors, few, min_examples=3)
    assert with_def.parameters["definitions"] and not without.parameters["definitions"]
    column = with_def.codes.index("fund")
    assert with_def.scores(a[None, :])[0, column] > without.scores(a[None, :])[0, column]


def test_suggest_needs_enough_examples():
    vectors, labels, _, _ = _clusters()
    with pytest.raises(ValueError, match="no code has 50 or more"):
        train_semantic(vectors, labels, min_examples=50)


@pytest.mark.parametrize("code, expected", [
    (SimpleNamespace(name_th="กองทุนสวัสดิการ", name_en="Welfare fund", description="เงินช่วยเหลือสมาชิก",
                     include="ค่ารักษาพยาบาล"), "กองทุนสวัสดิการ (Welfare fund): เงินช่วยเหลือสมาชิก ค่ารักษาพยาบาล"),
    (SimpleNamespace(name_th="อุปสรรค", name_en="", description="", include=""), "อุปสรรค"),
])
def test_suggest_definition_text(code, expected):
    assert definition_text(code) == expected


def test_suggest_frame_keeps_the_columns_of_todays_suggestions():
    import pandas as pd

    units = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 10], "end": [10, 20], "text": ["ก", "ข"]})
    frame = suggestions_frame(units, np.array([[0.9, 0.2], [0.4, 0.6]]), ["a", "b"], top=2, min_score=0.5)
    assert list(frame.columns) == ["doc_id", "start", "end", "text", "code_id", "score", "rank"]
    assert frame[["start", "code_id", "rank"]].values.tolist() == [[0, "a", 1], [10, "b", 1]]
    assert rank_codes(np.array([[0.1, 0.3]]), ["a", "b"], top=1) == [[("b", 0.3)]]


def test_suggest_evaluation_runs_todays_model_on_the_same_split(mini_project, mini_documents, mini_index):
    """The tfidf-lr row is today's model on the split of coding.suggest.precision_at_k: the
    same figure as that function gives (so the comparison is fair)."""
    from synthesis.coding import CodingStore, load_codebook
    from synthesis.coding.suggest import precision_at_k
    from synthesis.semantic.evaluate import evaluate_suggestions
    from synthesis.semantic.suggest import definition_vectors

    codings = CodingStore(mini_project / "lessons").load("consensus")
    codebook = load_codebook(mini_project / "lessons" / "codebook.yaml")
    vectors = {"tfidf": (mini_index.units, mini_index.vectors)}
    definitions = {"tfidf": definition_vectors(mini_index.backend, codebook)}
    folds = min(4, len({c.doc_id for c in codings}))
    table = evaluate_suggestions(mini_documents, codings, codebook, vectors, ["consensus"], folds=folds,
                                 definitions=definitions).set_index("engine")
    assert {"tfidf-lr", "tfidf", "tfidf-nodef", "hybrid-tfidf"} <= set(table.index)
    today = precision_at_k(codings, mini_documents, ["consensus"], k=1, folds=folds)
    assert table.loc["tfidf-lr", "precision_at_1"] == pytest.approx(today["precision_at_k"])
    assert table.loc["tfidf-lr", "units"] == today["units"]
    assert table["precision_at_1"].between(0, 1).all() and table["auc"].between(0, 1).all()


def test_suggest_semantic_proposes_codes_for_uncoded_units_only(mini_project, mini_index):
    from synthesis.coding import CodingStore
    from synthesis.coding.agreement import unit_codes
    from synthesis.semantic.suggest import suggest_semantic

    frame = suggest_semantic("mini", coders=["consensus"], backend="tfidf", min_score=0.0,
                             store_dir=mini_project / "work" / "mini", lessons=mini_project / "lessons")
    assert len(frame) and frame["score"].between(0, 1).all()
    coded = {(mini_index.units.loc[i, "doc_id"], mini_index.units.loc[i, "start"])
             for i, _ in unit_codes(CodingStore(mini_project / "lessons").load(), mini_index.units)}
    assert not coded & set(zip(frame["doc_id"], frame["start"]))

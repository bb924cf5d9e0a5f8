"""Collections own their lessons: paths per collection, no lesson of another collection shown."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.coding import new_coding
from synthesis.findings.cards import CardPoint, LessonCard, save_card
from synthesis.findings.scope import card_path, cards_dir, collection_codings, load_collection_cards, matrix_path

from .conftest import ROOT


@pytest.mark.parametrize("collection", ["demo", "second", "ผู้กรีดยาง-2567"])
def test_scope_paths_are_per_collection(tmp_path, collection):
    assert cards_dir(collection, tmp_path).parent == matrix_path(collection, tmp_path).parent
    assert cards_dir(collection, tmp_path).is_relative_to(tmp_path / "lessons" / "collections")
    assert ".." not in card_path(collection, "../yala-bala", tmp_path).as_posix()


def test_scope_a_second_collection_shows_no_lesson_of_the_demo(tmp_path):
    save_card(LessonCard("yala-bala", "บทเรียนของเดโม", {"results": [CardPoint("บทเรียนเดโม", ["c1"])]}),
              card_path("demo", "yala-bala", tmp_path))
    assert load_collection_cards("second", tmp_path) == ({}, [])
    assert list(load_collection_cards("demo", tmp_path)[0]) == ["yala-bala"]


def test_scope_codings_are_the_collections_documents_only():
    docs = pd.DataFrame({"doc_id": ["d1", "d2"]})
    codings = [new_coding(d, 0, 1, "ก", "", "context", "coder_a") for d in ("d1", "d2", "other")]
    assert [c.doc_id for c in collection_codings(codings, docs)] == ["d1", "d2"]
    frame = pd.DataFrame({"doc_id": ["d1", "other"], "coding_id": ["a", "b"]})
    assert collection_codings(frame, docs)["coding_id"].tolist() == ["a"]


def test_scope_demo_cards_migrated_and_the_old_folder_is_gone():
    cards, errors = load_collection_cards("demo", ROOT)
    assert len(cards) == 7 and not errors
    assert not (ROOT / "lessons" / "cards").exists()


def test_scope_second_collection_without_codings_has_an_empty_matrix_and_no_cards(demo, tmp_path):
    """A collection with its own documents and no codings: no cell borrows the demo's codings."""
    from synthesis.findings.matrix import framework_matrix

    second = demo["documents"].head(3).assign(doc_id=["s1", "s2", "s3"], collection="second")
    everyone = demo["codings"]  # project-wide codings (all demo documents)
    matrix = framework_matrix(collection_codings(everyone, second), second, demo["codebook"], demo["areas"])
    assert (matrix["status"] == "empty").all() and (matrix["segments"] == 0).all()
    assert load_collection_cards("second", ROOT) == ({}, [])

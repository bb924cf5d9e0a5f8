"""Collections own their lessons: where a collection's cards and matrix summaries live.

Layout (one folder per collection, so a second collection never shows the demo's lessons)::

    lessons/collections/<collection>/cards/<area>.yaml   lesson cards
    lessons/collections/<collection>/matrix.yaml         edited framework-matrix summaries

The codebook, the areas and the codings stay project-wide: a coding is keyed by ``doc_id``,
and a document belongs to exactly one collection's store, so a collection's codings are the
codings of its documents (:func:`collection_codings`). Nothing falls back to another
collection's folder: a collection without cards has none.

>>> from pathlib import Path
>>> cards_dir("demo", Path("/p")).as_posix()
'/p/lessons/collections/demo/cards'
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from synthesis.paths import collection_lessons_dir, safe_name

NO_CARDS_TH = "คอลเลกชันนี้ยังไม่มีบัตรบทเรียน (no lesson cards in this collection)"


def cards_dir(collection: str, root: Path | None = None) -> Path:
    """Folder of a collection's lesson cards.

    >>> cards_dir("demo", Path("/p")).name
    'cards'
    """
    return collection_lessons_dir(collection, root) / "cards"


def card_path(collection: str, area: str, root: Path | None = None) -> Path:
    """The card file of one area in one collection.

    >>> card_path("demo", "yala-bala", Path("/p")).as_posix()
    '/p/lessons/collections/demo/cards/yala-bala.yaml'
    """
    return cards_dir(collection, root) / f"{safe_name(area)}.yaml"


def matrix_path(collection: str, root: Path | None = None) -> Path:
    """The YAML file holding a collection's edited matrix summaries.

    >>> matrix_path("demo", Path("/p")).as_posix()
    '/p/lessons/collections/demo/matrix.yaml'
    """
    return collection_lessons_dir(collection, root) / "matrix.yaml"


def collection_codings(codings, documents: pd.DataFrame) -> list:
    """The codings of a collection: those whose ``doc_id`` is one of its documents.

    >>> from synthesis.coding import new_coding
    >>> docs = pd.DataFrame({"doc_id": ["d1"]})
    >>> [c.doc_id for c in collection_codings([new_coding("d1", 0, 1, "ก", "", "context", "a"),
    ...                                        new_coding("x9", 0, 1, "ก", "", "context", "a")], docs)]
    ['d1']
    """
    wanted = set(documents["doc_id"])
    if isinstance(codings, pd.DataFrame):
        return codings[codings["doc_id"].isin(wanted)].reset_index(drop=True)
    return [c for c in codings if c.doc_id in wanted]


def load_collection_cards(collection: str, root: Path | None = None):
    """``(cards by area, errors)`` of one collection; empty when it has no cards folder.

    >>> import tempfile
    >>> load_collection_cards("empty", Path(tempfile.mkdtemp()))
    ({}, [])
    """
    from synthesis.findings.cards.model import load_cards

    folder = cards_dir(collection, root)
    if not folder.is_dir():
        return {}, []
    return load_cards(folder)

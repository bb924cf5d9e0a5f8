"""Fixtures of the synthesis tests: the demo collection ingested once, with its codings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo collection: store tables, project-wide codings filtered to it, codebook, areas."""
    from synthesis.coding import CodingStore, load_codebook
    from synthesis.corpus import ingest, open_store
    from synthesis.corpus.areas import load_areas
    from synthesis.findings.evidence import coding_details
    from synthesis.findings.scope import collection_codings

    work = tmp_path_factory.mktemp("demo-store") / "demo"
    ingest(ROOT / "corpora" / "demo", work_dir=work, progress=False)
    store = open_store(work)
    documents = store.documents()
    segments = store.table("segments")
    codings = collection_codings([c for c in CodingStore(ROOT / "lessons").load() if not c.orphaned], documents)
    book = load_codebook(ROOT / "lessons" / "codebook.yaml")
    areas = load_areas(ROOT / "lessons" / "areas.yaml")
    details = coding_details(codings, documents, segments, book)
    return {"store": store, "documents": documents, "segments": segments, "codings": codings, "codebook": book,
            "areas": areas, "details": details, "lessons": ROOT / "lessons"}


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    """A small documents table for fixtures (doc_id, title, date, kind, areas, text, reporter)."""
    defaults = {"title": "", "date": "2024-01-01", "kind": "activity_report", "reporter": ""}
    return pd.DataFrame([{**defaults, **row} for row in rows])

"""The committed demo codings: parseable, on the current codebook, two coders and a consensus."""

from __future__ import annotations

import pytest

from synthesis.coding import CodingStore, load_codebook
from synthesis.coding.codings import check_against_codebook


@pytest.fixture(scope="module")
def demo(project_root):
    store = CodingStore(project_root / "lessons")
    codings = store.load()
    return store, codings, load_codebook(project_root / "lessons" / "codebook.yaml")


def test_demo_codings_parse_without_problems(demo):
    store, codings, _ = demo
    assert store.problems == []
    assert {"coder_a", "coder_b", "consensus"} <= {c.coder for c in codings}


def test_demo_codings_use_codebook_codes(demo):
    _, codings, codebook = demo
    assert check_against_codebook(codings, codebook) == []


@pytest.mark.parametrize("coder", ["coder_a", "coder_b", "consensus"])
def test_demo_codings_cover_interviews_and_reports(demo, coder):
    _, codings, _ = demo
    docs = {c.doc_id for c in codings if c.coder == coder}
    assert len(docs) >= 18  # 7 interviews and at least half of the 21 reports
    assert all(c.origin == "manual" and c.quote.strip() == c.quote for c in codings if c.coder == coder)


@pytest.mark.slow
def test_demo_codings_anchor_to_the_demo_store(demo, project_root, tmp_path):
    from synthesis.coding import agreement, reanchor, units_from_segments
    from synthesis.corpus import ingest, open_store

    work = tmp_path / "demo"  # a fresh store: the codings must fit the text as ingested today
    ingest(project_root / "corpora" / "demo", work_dir=work, progress=False)
    _, codings, _ = demo
    store = open_store(work)
    results = reanchor(codings, store.documents(columns=["doc_id", "text"]))
    assert {r.status for r in results} == {"ok"}
    people = [c for c in codings if c.coder in ("coder_a", "coder_b")]
    units = units_from_segments(store.table("segments", doc_ids=sorted({c.doc_id for c in people})), "segment")
    kappa = agreement(people, units, ["coder_a", "coder_b"]).set_index("code_id").loc["ALL", "cohen_kappa"]
    assert 0.5 <= kappa <= 0.85

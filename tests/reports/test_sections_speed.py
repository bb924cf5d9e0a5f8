"""What the reports compute once: the keyness table once per report, a collection-wide
report's agreement once per kernel (while the codings are unchanged), with the same reads
listed for the review in a fresh and in a reused kernel."""

from __future__ import annotations

import os

import pytest


@pytest.fixture()
def contexts(mini_home):
    from synthesis.reports import inputs, notebook

    inputs.clear()

    def make(area=None):
        return notebook.load_context("mini", str(mini_home / "work" / "mini"), area=area, coder="consensus")

    yield make
    inputs.clear()


@pytest.mark.parametrize("first, then", [(15, 80), (80, 5)])
def test_sections_speed_keyness_once_per_report(contexts, monkeypatch, first, then):
    import synthesis.thai.keywords as keywords
    from synthesis.reports import sections

    calls = []
    real = keywords.distinctive_terms
    monkeypatch.setattr(keywords, "distinctive_terms", lambda *a, **k: calls.append(1) or real(*a, **k))
    context = contexts("songkhla-khae")
    a, b = sections.distinctive_terms(context, top=first), sections.distinctive_terms(context, top=then)
    assert len(calls) == 1
    n = min(first, then, len(a), len(b))
    assert a.head(n).equals(b.head(n)) and len(b) <= then
    sections.card_key_terms(context)  # the card's key terms read the same table
    assert len(calls) == 1


def test_sections_speed_collection_agreement_once_per_kernel(contexts, mini_home, monkeypatch):
    import synthesis.coding as coding
    from synthesis.reports import sections

    calls = []
    real = coding.agreement
    monkeypatch.setattr(coding, "agreement", lambda *a, **k: calls.append(k.get("skip_uncoded")) or real(*a, **k))
    first = contexts()
    summary = sections.agreement_summary(first)
    per_code = sections.agreement_per_code(first)
    assert sorted(calls) == [False, True] and "α" in summary
    second = contexts()  # the next collection-wide report of the run, same kernel
    assert sections.agreement_summary(second) == summary
    assert sections.agreement_per_code(second).equals(per_code)
    assert len(calls) == 2
    assert first.extras["reads"] == second.extras["reads"]  # the review lists the same reads
    codings = next((mini_home / "lessons" / "codings").glob("coder_a*.jsonl"))
    stat = codings.stat()
    os.utime(codings, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))  # the codings changed
    sections.agreement_summary(contexts())
    assert len(calls) == 4


def test_sections_speed_area_agreement_stays_per_area(contexts, monkeypatch):
    import synthesis.coding as coding
    from synthesis.reports import sections

    calls = []
    real = coding.agreement
    monkeypatch.setattr(coding, "agreement", lambda *a, **k: calls.append(1) or real(*a, **k))
    khae, satun = contexts("songkhla-khae"), contexts("satun-na-thon")
    tables = sections.agreement_table(khae), sections.agreement_table(satun)
    assert tables[0] is not tables[1] and len(calls) == 2  # each area's own documents
    assert sections.agreement_table(khae) is tables[0] and len(calls) == 2  # once per report


def test_sections_speed_card_grades_read_the_collections_agreement_table(contexts, monkeypatch):
    import math

    import synthesis.coding as coding
    from synthesis.coding import units_from_segments
    from synthesis.findings.cards.grade import code_agreement
    from synthesis.reports import sections

    area = contexts("songkhla-khae")
    humans = [c for c in sections.all_codings(area) if c.coder not in ("consensus", "rules")]
    shared = sorted({c.doc_id for c in humans if c.coder == "coder_a"} & {c.doc_id for c in humans if c.coder == "coder_b"})
    expected = code_agreement(humans, units_from_segments(area.store.table("segments", doc_ids=shared), unit="segment"))
    calls = []
    real = coding.agreement
    monkeypatch.setattr(coding, "agreement", lambda *a, **k: calls.append(1) or real(*a, **k))
    sections.agreement_summary(contexts())  # the cross-area report built the collection's table
    got = sections.collection_agreement(area)
    assert len(calls) == 2  # the grades computed nothing more
    assert got.keys() == expected.keys() and expected
    assert all(got[k][1] == expected[k][1] and (got[k][0] == expected[k][0] or
                                                 (math.isnan(got[k][0]) and math.isnan(expected[k][0]))) for k in got)

"""The report parts kept per kernel (collection details, matrix) are what an uncached build
gives, and are built again when a coding is written."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from synthesis.reports import inputs


@pytest.fixture(autouse=True)
def _empty_cache():
    inputs.clear()
    yield
    inputs.clear()


def _context(mini_home, area=None):
    from synthesis.reports import notebook

    return notebook.load_context("mini", str(mini_home / "work" / "mini"), area=area, coder="consensus")


def test_cached_parts_collection_details_equal_an_uncached_build(mini_home):
    from synthesis.findings.evidence import coding_details
    from synthesis.reports import sections
    from synthesis.reports.sections.common import EVIDENCE_DOCUMENT_COLUMNS

    context = _context(mini_home, "songkhla-khae")
    cached = sections.collection_details(context)
    codings = sections.all_codings(context)
    coded = sorted({c.doc_id for c in codings})
    documents = sections.with_text(context, context.documents[context.documents["doc_id"].isin(coded)])
    plain = coding_details(codings, documents[EVIDENCE_DOCUMENT_COLUMNS],
                           context.store.table("segments", doc_ids=coded), sections.codebook(context))
    assert len(cached) == len(codings) > 0
    pd.testing.assert_frame_equal(cached, plain)


@pytest.fixture()
def card(mini_home):
    """A card of two points citing consensus codings (grades, evidence and flags to show)."""
    from synthesis.findings.cards import CardPoint, LessonCard, save_card
    from synthesis.findings.scope import card_path
    from synthesis.reports import sections

    consensus = [c for c in sections.all_codings(_context(mini_home, "songkhla-khae")) if c.coder == "consensus"]
    path = save_card(LessonCard("songkhla-khae", "บทเรียนตำบลแค", {
        "success_factors": [CardPoint("ภาคีหลายฝ่ายร่วมมือ", [consensus[0].coding_id, consensus[4].coding_id])],
        "results": [CardPoint("ผู้ประกันตนเพิ่มเป็น 987 คน", [consensus[2].coding_id])],
    }, last_edited="2000-01-01"), card_path("mini", "songkhla-khae"))
    yield
    path.unlink()


def test_cached_parts_second_report_gets_the_same_card_and_row_html(mini_home, card):
    from synthesis.reports import sections

    first = _context(mini_home, "songkhla-khae")
    html = (str(sections.lesson_card_html(first)), str(sections.area_matrix_row(first)))
    assert "ภาคีหลายฝ่ายร่วมมือ" in html[0] and "ความเชื่อมั่น" in html[0]  # a card with grades, not "no card"
    second = _context(mini_home, "songkhla-khae")  # a later report in the same kernel: caches warm
    assert (str(sections.lesson_card_html(second)), str(sections.area_matrix_row(second))) == html
    inputs.clear()
    third = _context(mini_home, "songkhla-khae")  # nothing cached
    assert (str(sections.lesson_card_html(third)), str(sections.area_matrix_row(third))) == html


@pytest.mark.parametrize("code_id, quote_from", [("innovation", 0), ("obstacle.income", 10)])
def test_cached_parts_matrix_changes_when_a_coding_is_written(mini_home, code_id, quote_from):
    from synthesis.coding import CodingStore, new_coding
    from synthesis.reports import sections

    lessons = mini_home / "lessons"
    saved = {p.name: p.read_bytes() for p in (lessons / "codings").glob("*.jsonl")}
    try:
        context = _context(mini_home)
        before = sections.framework_matrix(context).set_index(["row", "theme"])
        doc = context.documents[context.documents["areas"].map(lambda a: "songkhla-khae" in list(a))].iloc[0]
        text = sections.with_text(context, context.documents[context.documents["doc_id"] == doc["doc_id"]])["text"].iloc[0]
        quote = text[quote_from:quote_from + 40]
        CodingStore(lessons).add(new_coding(doc["doc_id"], quote_from, quote_from + 40, quote, doc["sha256"],
                                            code_id, "consensus"))
        after = sections.framework_matrix(_context(mini_home)).set_index(["row", "theme"])
        theme = code_id.split(".")[0]
        assert after.loc[("songkhla-khae", theme), "segments"] == before.loc[("songkhla-khae", theme), "segments"] + 1
        assert len(sections.collection_details(_context(mini_home))) == len(sections.all_codings(_context(mini_home)))
    finally:
        for name, data in saved.items():
            (lessons / "codings" / name).write_bytes(data)
        extra = lessons / "codings" / "consensus.jsonl"
        if extra.exists() and "consensus.jsonl" not in saved:
            extra.unlink()
        shutil.rmtree(lessons / "codings" / ".backup", ignore_errors=True)


def test_cached_parts_texts_are_read_once_per_report_and_equal(mini_home, monkeypatch):
    from synthesis.reports import sections

    context = _context(mini_home, "songkhla-khae")
    reads = []
    table = context.store.table
    monkeypatch.setattr(context.store, "table", lambda name, **kw: reads.append(name) or table(name, **kw))
    first = sections.with_text(context, context.area_documents)
    again = sections.with_text(context, context.area_documents)
    assert reads.count("documents") == 1
    pd.testing.assert_frame_equal(first, again)
    fresh = _context(mini_home, "songkhla-khae")  # the next report reads its own
    pd.testing.assert_frame_equal(sections.with_text(fresh, fresh.area_documents), first)
    assert first["text"].map(len).min() > 0

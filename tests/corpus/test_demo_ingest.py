"""End-to-end: the demo corpus goes into a store that the report notebooks can read."""

from __future__ import annotations

import pytest

from synthesis.corpus import ingest, open_store

pytestmark = pytest.mark.slow  # ingests the whole demo corpus


@pytest.fixture(scope="module")
def demo_store(demo_corpus, tmp_path_factory):
    work = tmp_path_factory.mktemp("work") / "demo"
    report = ingest(demo_corpus, work_dir=work, progress=False)
    return report, open_store(work)


def test_ingest_demo_corpus_all_files_read(demo_store):
    report, store = demo_store
    assert report.ok, report.summary()
    assert len(store.documents(columns=["doc_id"])) == len(report.added)


def test_ingest_demo_every_report_has_date_title_and_area(demo_store):
    _, store = demo_store
    docs = store.documents(kinds=["activity_report"], columns=["path", "title", "date", "areas"])
    assert len(docs) > 0
    for row in docs.itertuples():
        assert row.title and row.date, row.path
        assert len(row.areas) >= 1, row.path


@pytest.mark.parametrize("area", ["phatthalung-town"])
def test_store_documents_filter_by_area(demo_store, area):
    _, store = demo_store
    paths = store.documents(areas=[area], columns=["path"])["path"].tolist()
    assert paths and all(area in p or p.startswith(("meetings/", "other/")) for p in paths)


@pytest.mark.parametrize(
    "path, fmt, encoding, kind, areas",
    [
        ("other/songkhla-khae_fund-page.html", "html", "utf-8", "activity_report", ["songkhla-khae"]),
        ("other/pattani-nong-chik_interview-note.docx", "docx", None, "interview", ["pattani-nong-chik"]),
        ("other/region12-mentors-note.md", "md", "utf-8", "meeting_summary",
         ["phatthalung-town", "satun-na-thon", "trang-huai-yot"]),
        ("other/yala-bala_field-note-cp874.txt", "txt", "cp874", "other", ["yala-bala"]),
    ],
)
def test_ingest_demo_other_formats_end_to_end(demo_store, path, fmt, encoding, kind, areas):
    _, store = demo_store
    docs = store.documents(columns=["path", "format", "encoding", "kind", "areas", "date"]).set_index("path")
    row = docs.loc[path]
    assert (row["format"], row["kind"]) == (fmt, kind)
    assert row["encoding"] == encoding or (encoding is None and row["encoding"] != row["encoding"])
    assert sorted(row["areas"]) == areas and row["date"]

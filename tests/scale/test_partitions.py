"""Partitioned store: one part (area/year) per row group, and filters that skip the others."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from synthesis.corpus import ingest, open_store
from synthesis.corpus.store_writer import PART, PartitionedWriter, part_key, with_parts


@pytest.mark.parametrize("date, areas, expected", [
    ("2022-03-05", ["yala-bala"], "yala-bala/2022"),
    ("2022-03-05", ["yala-bala", "satun-na-thon"], "satun-na-thon/2022"),  # smallest id: stable
    (None, ["pattani-nong-chik"], "pattani-nong-chik/_"),
    ("2019-12-18", [], "_/2019"),
    (None, None, "_/_"),
])
def test_store_writer_part_key(date, areas, expected):
    assert part_key(date, areas) == expected


def test_store_writer_row_groups_hold_one_part_in_arrival_order(tmp_path):
    schema = pa.schema([("doc_id", pa.string()), ("text", pa.string())])
    writer = PartitionedWriter(tmp_path, {"t": schema})
    batches = [(["d1", "d2", "d3"], ["ก/2021", "ข/2022", "ก/2021"]), (["d4", "d5"], ["ข/2022", "ก/2021"])]
    for ids, parts in batches:
        table = pa.table({"doc_id": ids, "text": ["ผู้กรีดยาง ตำบลบาละ"] * len(ids)})
        writer.add("t", with_parts(table, parts))
    assert writer.finish() == {"t": 5}
    parquet = pq.ParquetFile(tmp_path / "t.parquet")
    groups = [parquet.read_row_group(i) for i in range(parquet.num_row_groups)]
    assert [g[PART].to_pylist() for g in groups] == [["ก/2021"] * 3, ["ข/2022"] * 2]
    assert [g["doc_id"].to_pylist() for g in groups] == [["d1", "d3", "d5"], ["d2", "d4"]]
    assert not (tmp_path / ".spill").exists()


def _row_groups_read(path, filters) -> tuple[int, int]:
    """(row groups a Parquet scan with ``filters`` reads, row groups in the file)."""
    fragment = next(ds.dataset(path, format="parquet").get_fragments())
    expression = pq.filters_to_expression(filters)
    return len(fragment.split_by_row_group(expression)), fragment.metadata.num_row_groups


@pytest.mark.parametrize("table", ["documents", "tokens", "segments", "entities"])
@pytest.mark.parametrize("area", ["yala-bala", "satun-na-thon"])
def test_store_area_filter_reads_only_that_areas_row_groups(two_area_store, table, area):
    _, work = two_area_store
    store = open_store(work)
    filters = store.scan_filters(table, areas=[area])
    read, total = _row_groups_read(work / f"{table}.parquet", filters)
    assert total == 4 and read == 2  # 2 areas × 2 years; this area's 2 years only
    rows = store.table(table, areas=[area])
    ids = set(store.doc_ids(areas=[area]))
    assert len(ids) == 4 and set(rows["doc_id"]) == ids
    assert PART not in rows.columns  # the partition key stays inside the store


@pytest.mark.parametrize("date_from, date_to, years", [
    ("2021-01-01", "2021-12-31", {"2021"}),
    ("2023-01-01", None, {"2023"}),
    (None, "2022-06-30", {"2021"}),
])
def test_store_period_filter_skips_other_years(two_area_store, date_from, date_to, years):
    _, work = two_area_store
    store = open_store(work)
    for table in ("documents", "tokens"):
        filters = store.scan_filters(table, date_from=date_from, date_to=date_to)
        read, total = _row_groups_read(work / f"{table}.parquet", filters)
        assert (read, total) == (2, 4), table
    dates = store.documents(date_from=date_from, date_to=date_to, columns=["date"])["date"]
    assert {d[:4] for d in dates} == years and len(dates) == 4
    tokens = store.table("tokens", date_from=date_from, date_to=date_to, columns=["doc_id"])
    assert set(tokens["doc_id"]) == set(store.doc_ids(date_from=date_from, date_to=date_to))


def test_store_text_of_one_document_reads_one_row_group(two_area_store):
    _, work = two_area_store
    store = open_store(work)
    doc_id = store.doc_ids(areas=["satun-na-thon"], date_from="2023-01-01")[0]
    read, _ = _row_groups_read(work / "documents.parquet", store.scan_filters("documents", doc_ids=[doc_id]))
    assert read == 1
    assert "นาทอน" in store.text(doc_id)


def test_store_no_match_reads_nothing(two_area_store):
    _, work = two_area_store
    store = open_store(work)
    assert store.scan_filters("tokens", areas=["songkhla-khae"]) is None
    assert store.table("tokens", areas=["songkhla-khae"]).empty
    assert store.documents(areas=["songkhla-khae"], columns=["title"]).columns.tolist() == ["title"]


def test_store_reingest_keeps_parts_of_unchanged_rows(two_area_corpus, tmp_path):
    work = tmp_path / "work"
    ingest(two_area_corpus, work_dir=work, progress=False)
    before = open_store(work).table("tokens", areas=["yala-bala"])
    changed = sorted((two_area_corpus / "satun-na-thon").glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "เพิ่มเติม: ประชุมครั้งถัดไปที่ ต.นาทอน\n", encoding="utf-8")
    report = ingest(two_area_corpus, work_dir=work, progress=False)
    assert len(report.changed) == 1 and len(report.unchanged) == 7
    after = open_store(work).table("tokens", areas=["yala-bala"])
    assert sorted(map(tuple, after.values.tolist())) == sorted(map(tuple, before.values.tolist()))
    read, total = _row_groups_read(work / "tokens.parquet", open_store(work).scan_filters("tokens", areas=["yala-bala"]))
    assert (read, total) == (2, 4)
    store = open_store(work)
    assert store.term_counts() == _counted(store, store.doc_ids())  # kept and new rows both counted


def _counted(store, doc_ids):
    tokens = store.table("tokens", doc_ids=doc_ids, columns=["text"])
    return tokens["text"].value_counts().to_dict()


@pytest.mark.parametrize("date_from, date_to, exact_path", [
    (None, None, False),
    ("2021-01-01", "2021-12-31", False),
    ("2023", None, False),
    ("2021-03-01", "2023-03-10", True),  # not whole years: the tokens themselves are counted
])
def test_store_term_counts_equal_counting_the_tokens(two_area_store, date_from, date_to, exact_path):
    _, work = two_area_store
    store = open_store(work)
    mine = store.doc_ids(areas=["yala-bala"], date_from=date_from, date_to=date_to)
    others = [d for d in store.doc_ids(date_from=date_from, date_to=date_to) if d not in set(mine)]
    assert others
    expected = _counted(store, others)
    assert store.term_counts(date_from, date_to, exclude_doc_ids=mine) == expected
    assert store.term_counts(date_from, date_to) == _counted(store, mine + others)
    assert ("นาทอน" in expected) and ("บาละ" not in expected)  # the other area's words only


def test_store_term_counts_table_is_small_and_by_part(two_area_store):
    _, work = two_area_store
    table = pq.read_table(work / "term_counts.parquet")
    assert table.column_names == [PART, "text", "count"]
    assert set(table[PART].to_pylist()) == {"yala-bala/2021", "yala-bala/2023", "satun-na-thon/2021", "satun-na-thon/2023"}
    tokens = pq.read_table(work / "tokens.parquet")
    assert sum(table["count"].to_pylist()) == tokens.num_rows

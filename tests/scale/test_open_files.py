"""Many parts (areas × years) never hit the open-file limit: spill files are closed at once."""

from __future__ import annotations

import os
import re
import resource
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from synthesis.corpus import ingest, open_store
from synthesis.corpus.batches import warm_up
from synthesis.corpus.store_writer import PART, PartitionedWriter, with_parts

from .conftest import AREAS, REPORT

ROOT = Path(__file__).resolve().parents[2]

FD_DIR = "/proc/self/fd"
pytestmark = pytest.mark.skipif(not os.path.isdir(FD_DIR), reason="needs /proc/self/fd to count open files")


class low_open_file_limit:
    """``with low_open_file_limit(headroom):`` at most ``headroom`` more files than are open now."""

    def __init__(self, headroom: int):
        self.headroom = headroom

    def __enter__(self):
        self.saved = resource.getrlimit(resource.RLIMIT_NOFILE)
        limit = len(os.listdir(FD_DIR)) + self.headroom
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, self.saved[1]))
        return limit

    def __exit__(self, *exc):
        resource.setrlimit(resource.RLIMIT_NOFILE, self.saved)


@pytest.mark.parametrize("n_parts, per_add", [(300, 300), (300, 7)])
def test_store_writer_writes_more_parts_than_the_open_file_limit(tmp_path, n_parts, per_add):
    schema = pa.schema([("doc_id", pa.string()), ("text", pa.string())])
    parts = [f"พื้นที่-{i:03d}/{2000 + i % 20}" for i in range(n_parts)]
    with low_open_file_limit(headroom=24) as limit:
        assert n_parts > limit  # one open file per part would fail
        writer = PartitionedWriter(tmp_path, {"t": schema})
        for start in range(0, n_parts, per_add):
            chunk = parts[start:start + per_add]
            table = pa.table({"doc_id": [f"d{start + i}" for i in range(len(chunk))],
                              "text": ["กลุ่มผู้กรีดยาง"] * len(chunk)})
            writer.add("t", with_parts(table, chunk))
            writer.add("t", with_parts(table, chunk))  # each part twice, in two batches
        counts = writer.finish()
    assert counts == {"t": 2 * n_parts}
    parquet = pq.ParquetFile(tmp_path / "t.parquet")
    assert parquet.num_row_groups == n_parts  # still one row group per part
    first = parquet.read_row_group(0)
    assert set(first[PART].to_pylist()) == {sorted(parts)[0]} and first.num_rows == 2


def _many_parts_corpus(folder, years: range):
    n = 0
    for area, names in AREAS.items():
        for year in years:
            n += 1
            path = folder / area / f"{year}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(REPORT.format(n=n, day=1 + n % 27, year=year, count=10 + n, **names), encoding="utf-8")
    return folder


def _areas_over_twenty_years(tmp_path):
    """The project's areas with a programme period wide enough for 1997–2016 (an area's period
    bounds what belongs to it, and this archive spans twenty years)."""
    text = (ROOT / "lessons" / "areas.yaml").read_text(encoding="utf-8")
    wide = re.sub(r"period: \{start: [0-9-]+", "period: {start: 1990-01-01", text)
    assert wide != text
    path = tmp_path / "areas.yaml"
    path.write_text(wide, encoding="utf-8")
    return path


def test_ingest_more_parts_than_the_open_file_limit(tmp_path):
    corpus = _many_parts_corpus(tmp_path / "south", range(2540, 2560))  # 2 areas × 20 years
    areas = _areas_over_twenty_years(tmp_path)
    warm_up()  # the Thai layer's data files are read before the limit
    with low_open_file_limit(headroom=30) as limit:
        assert 40 * 5 > limit  # 40 parts × 5 tables: one open file each would fail
        report = ingest(corpus, work_dir=tmp_path / "work", areas_path=areas, progress=False, batch_files=4)
    assert len(report.added) == 40 and not report.failed
    parts = pq.read_table(tmp_path / "work" / "documents.parquet", columns=[PART])[PART].unique().to_pylist()
    assert len(parts) == 40 and "yala-bala/1997" in parts
    assert len(open_store(tmp_path / "work").doc_ids(areas=["satun-na-thon"], date_from="2000-01-01",
                                                     date_to="2000-12-31")) == 1

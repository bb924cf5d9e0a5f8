"""Write the store's tables in bounded memory and with few open files, rows grouped by partition.

Every row carries a ``part`` key (:func:`part_key`: the document's primary area and year).
Each ingest batch's rows of one table go to one Arrow IPC *spill file* (:func:`spill_table`),
one record batch per part, written and closed at once: by a worker process or a Dask worker
that ran the batch (it returns only the :class:`SpillFile`'s small description), or by
:meth:`PartitionedWriter.add` for rows held in memory. :meth:`PartitionedWriter.finish` then
writes each table's Parquet file part after part, reading the spill files of that part in
arrival order, so that every row group holds rows of a single part. Parquet keeps min/max
statistics per row group: a filter on ``part`` (an area, a year) or on ``date`` skips the row
groups of the other parts without reading them.

Memory holds one batch and one row group at a time, whatever the number of documents; at
most one spill file and one Parquet file are open at a time, whatever the number of parts
(so many areas × years never reach the open-file limit, ``ulimit -n``).

>>> part_key("2022-03-05", ["yala-bala", "satun-na-thon"])
'satun-na-thon/2022'
>>> part_key(None, [])
'_/_'
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

PART = "part"
NO_VALUE = "_"
SPILL_DIR = ".spill"
ROW_GROUP_ROWS = 64_000
ROW_GROUP_BYTES = 32 << 20  # the documents table holds whole texts: cap its row groups by size
TERM_COUNTS = "term_counts"  # token counts per part: corpus-wide word statistics without the tokens
TERM_COUNTS_SCHEMA = pa.schema([(PART, pa.string()), ("text", pa.string()), ("count", pa.int64())])
_COMPACT_EVERY = 32  # batches of term counts kept before they are summed into one table


def part_key(date: str | None, areas: Iterable[str] | None) -> str:
    """``<primary area>/<year>``: the smallest area id (stable for multi-area documents)."""
    areas = sorted(areas or [])
    year = date[:4] if date else NO_VALUE
    return f"{areas[0] if areas else NO_VALUE}/{year}"


def area_of_part(part: str) -> str:
    return part.split("/", 1)[0]


def year_of_part(part: str) -> str:
    return part.split("/", 1)[1]


def with_parts(table: pa.Table, parts: list[str]) -> pa.Table:
    """``table`` with its ``part`` column (one value per row) set or replaced."""
    column = pa.array(parts, pa.string())
    if PART in table.column_names:
        return table.set_column(table.column_names.index(PART), PART, column)
    return table.append_column(PART, column)


@dataclass(frozen=True)
class SpillFile:
    """Rows of one table from one batch: record batch ``i`` of the IPC file at ``path`` holds
    the rows of ``parts[i]``, in their arrival order."""

    path: str
    parts: tuple[str, ...]
    rows: int


def spill_table(table: pa.Table, path: str | os.PathLike) -> SpillFile:
    """Write ``table`` (with a ``part`` column) to an Arrow IPC file, one record batch per
    part, and close it. The file appears complete or not at all (temp file + rename), so a
    task that runs twice on a cluster writes the same file twice, harmlessly.

    >>> import tempfile
    >>> rows = with_parts(pa.table({"text": ["ยาง", "ออม", "ยาง"]}), ["ข/2022", "ก/2021", "ข/2022"])
    >>> spill = spill_table(rows, Path(tempfile.mkdtemp()) / "tokens.arrow")
    >>> spill.parts, spill.rows
    (('ก/2021', 'ข/2022'), 3)
    """
    path = Path(path)
    parts = tuple(sorted(pc.unique(table[PART]).to_pylist()))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        for part in parts:
            rows = table.filter(pc.equal(table[PART], part)).combine_chunks()
            writer.write_batch(rows.to_batches()[0])
    os.replace(tmp, path)
    return SpillFile(str(path), parts, table.num_rows)


def count_terms(tokens: pa.Table) -> pa.Table:
    """How often each token text occurs per part, as a ``part, text, count`` table."""
    counts = tokens.group_by([PART, "text"]).aggregate([("text", "count")])
    return counts.rename_columns([PART, "text", "count"]).select(TERM_COUNTS_SCHEMA.names).cast(TERM_COUNTS_SCHEMA)


class PartitionedWriter:
    """Register every batch's rows (``add`` for a table in memory, ``add_spilled`` for a
    spill file written elsewhere), then ``finish()`` writes ``<folder>/<name>.parquet`` for
    each table.

    Each table must have a ``part`` column. Rows keep their arrival order within a part.
    Spill files written by workers go to :attr:`spill_dir`.
    """

    def __init__(self, folder: Path, schemas: dict[str, pa.Schema]):
        self.folder = Path(folder)
        self.spill_dir = self.folder / SPILL_DIR
        self.spill_dir.mkdir(parents=True, exist_ok=True)
        self.schemas = {name: schema.append(pa.field(PART, pa.string())) for name, schema in schemas.items()}
        # table -> part -> [(spill file, record batch index)] in arrival order
        self._parts: dict[str, dict[str, list[tuple[str, int]]]] = {name: defaultdict(list) for name in self.schemas}
        self._added = 0
        self._term_counts: list[pa.Table] = []  # summed every few batches: bounded by the vocabulary

    def add(self, name: str, table: pa.Table) -> None:
        """Spill rows held in memory (counting the terms of ``tokens``)."""
        if not table.num_rows:
            return
        table = table.select(self.schemas[name].names).cast(self.schemas[name])
        if name == "tokens":
            self.add_term_counts(count_terms(table))
        self._added += 1
        self.add_spilled(name, spill_table(table, self.spill_dir / f"client-{self._added:07d}.{name}.arrow"))

    def add_spilled(self, name: str, spill: SpillFile) -> None:
        """Take the rows of a spill file written by a worker (its term counts come apart)."""
        for index, part in enumerate(spill.parts):
            self._parts[name][part].append((spill.path, index))

    def add_term_counts(self, counts: pa.Table) -> None:
        self._term_counts.append(counts)
        if len(self._term_counts) >= _COMPACT_EVERY:
            self._term_counts = [_sum_counts(self._term_counts)]

    def close(self) -> None:
        """Nothing stays open between calls; kept so callers may give up the same way."""

    def finish(self) -> dict[str, int]:
        """Write every table (an empty one if it got no rows); return the row counts."""
        counts = {name: self._write_table(name, schema) for name, schema in self.schemas.items()}
        if "tokens" in self.schemas:
            terms = _sum_counts(self._term_counts).sort_by([(PART, "ascending"), ("text", "ascending")])
            pq.write_table(terms, self.folder / f"{TERM_COUNTS}.parquet", row_group_size=ROW_GROUP_ROWS)
            counts[TERM_COUNTS] = terms.num_rows
        for path in self.spill_dir.iterdir():
            path.unlink()
        self.spill_dir.rmdir()
        return counts

    def _write_table(self, name: str, schema: pa.Schema) -> int:
        rows = 0
        with pq.ParquetWriter(self.folder / f"{name}.parquet", schema) as writer:
            for part in sorted(self._parts[name]):
                pending: list[pa.RecordBatch] = []
                pending_rows = pending_bytes = 0
                for path, index in self._parts[name][part]:
                    with pa.OSFile(path) as source:  # read into memory: the file closes here
                        batch = pa.ipc.open_file(source).get_batch(index)
                    pending.append(batch)
                    pending_rows += batch.num_rows
                    pending_bytes += batch.nbytes
                    if pending_rows >= ROW_GROUP_ROWS or pending_bytes >= ROW_GROUP_BYTES:
                        writer.write_table(pa.Table.from_batches(pending, schema), row_group_size=pending_rows)
                        rows += pending_rows
                        pending, pending_rows, pending_bytes = [], 0, 0
                if pending:  # a row group never spans two parts
                    writer.write_table(pa.Table.from_batches(pending, schema), row_group_size=pending_rows)
                    rows += pending_rows
        return rows


def _sum_counts(tables: list[pa.Table]) -> pa.Table:
    if not tables:
        return TERM_COUNTS_SCHEMA.empty_table()
    summed = pa.concat_tables(tables).group_by([PART, "text"]).aggregate([("count", "sum")])
    return summed.rename_columns([PART, "text", "count"]).select(TERM_COUNTS_SCHEMA.names).cast(TERM_COUNTS_SCHEMA)

"""Write the store's tables in bounded memory, rows grouped by partition.

Every row carries a ``part`` key (:func:`part_key`: the document's primary area and year).
Rows arrive batch by batch in any part order; :class:`PartitionedWriter` spills them to one
Arrow stream per table and part, then writes each table's Parquet file part after part, so
that every row group holds rows of a single part. Parquet keeps min/max statistics per row
group: a filter on ``part`` (an area, a year) or on ``date`` skips the row groups of the
other parts without reading them. Memory holds one batch and one row group at a time,
whatever the number of documents.

>>> part_key("2022-03-05", ["yala-bala", "satun-na-thon"])
'satun-na-thon/2022'
>>> part_key(None, [])
'_/_'
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

PART = "part"
NO_VALUE = "_"
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


class PartitionedWriter:
    """``writer.add(name, table)`` for every batch, then ``writer.finish()`` writes
    ``<folder>/<name>.parquet`` for each table.

    Each table must have a ``part`` column. Rows keep their arrival order within a part.
    """

    def __init__(self, folder: Path, schemas: dict[str, pa.Schema]):
        self.folder = Path(folder)
        self.spill_dir = self.folder / ".spill"
        self.spill_dir.mkdir(parents=True, exist_ok=True)
        self.schemas = {name: schema.append(pa.field(PART, pa.string())) for name, schema in schemas.items()}
        self._spills: dict[tuple[str, str], tuple[Path, pa.NativeFile, pa.ipc.RecordBatchStreamWriter]] = {}
        self._term_counts: list[pa.Table] = []  # summed every few batches: bounded by the vocabulary

    def add(self, name: str, table: pa.Table) -> None:
        if not table.num_rows:
            return
        table = table.select(self.schemas[name].names).cast(self.schemas[name])
        if name == "tokens":
            self._count_terms(table)
        parts = table[PART]
        for part in pc.unique(parts).to_pylist():
            rows = table.filter(pc.equal(parts, part))
            self._spill(name, part).write_table(rows)

    def _spill(self, name: str, part: str) -> pa.ipc.RecordBatchStreamWriter:
        key = (name, part)
        if key not in self._spills:
            path = self.spill_dir / f"{name}.{len(self._spills)}.arrow"
            sink = pa.OSFile(str(path), "wb")
            self._spills[key] = (path, sink, pa.ipc.new_stream(sink, self.schemas[name]))
        return self._spills[key][2]

    def _count_terms(self, tokens: pa.Table) -> None:
        counts = tokens.group_by([PART, "text"]).aggregate([("text", "count")])
        self._term_counts.append(counts.rename_columns([PART, "text", "count"]))
        if len(self._term_counts) >= _COMPACT_EVERY:
            self._term_counts = [_sum_counts(self._term_counts)]

    def close(self) -> None:
        """Close the spill files (``finish`` does it; call it when giving up instead)."""
        for _, sink, stream in self._spills.values():
            if not sink.closed:
                stream.close()
                sink.close()

    def finish(self) -> dict[str, int]:
        """Write every table (an empty one if it got no rows); return the row counts."""
        self.close()
        counts = {}
        for name, schema in self.schemas.items():
            parts = sorted(part for table, part in self._spills if table == name)
            counts[name] = self._write_table(name, schema, parts)
        if "tokens" in self.schemas:
            terms = _sum_counts(self._term_counts).sort_by([(PART, "ascending"), ("text", "ascending")])
            pq.write_table(terms, self.folder / f"{TERM_COUNTS}.parquet", row_group_size=ROW_GROUP_ROWS)
            counts[TERM_COUNTS] = terms.num_rows
        for path in self.spill_dir.iterdir():
            path.unlink()
        self.spill_dir.rmdir()
        return counts

    def _write_table(self, name: str, schema: pa.Schema, parts: list[str]) -> int:
        rows = 0
        with pq.ParquetWriter(self.folder / f"{name}.parquet", schema) as writer:
            for part in parts:
                pending: list[pa.RecordBatch] = []
                pending_rows = pending_bytes = 0
                with pa.memory_map(str(self._spills[(name, part)][0])) as source:
                    for batch in pa.ipc.open_stream(source):
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

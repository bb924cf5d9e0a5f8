"""Ingest work in bounded batches: which files go together, and what one batch yields.

A :class:`BatchJob` names a few files and what the manifest knew of them; :func:`run_batch`
hashes each file, skips it if unchanged, else reads, parses, tags and attributes it, and
writes its rows (with their ``part`` key) to one spill file per table in the job's
``spill_dir`` (:func:`synthesis.corpus.store_writer.spill_table`); it returns only the
files' outcomes, the spill files' descriptions and the batch's term counts, so little goes
back to the process that writes the store. A worker that cannot see ``spill_dir`` (a
cluster without a shared file system) returns the rows themselves instead. It keeps no
state between calls apart from the Thai layer's dictionaries and gazetteers, loaded once
per process: so the same function runs in this process, in a process pool or as a Dask task
on another machine (the job carries the pilot areas themselves, not the path of their file).

>>> [len(b) for b in plan_batches(["a.txt", "b.txt", "c.txt"], [10, 10, 10], max_files=2)]
[2, 1]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from synthesis.corpus.areas import Area
from synthesis.corpus.readers import ReadError
from synthesis.corpus.store import DOC_TABLES, SCHEMAS, rows_to_table
from synthesis.corpus.store_writer import SpillFile, count_terms, part_key, spill_table, with_parts

BATCH_FILES = 32
BATCH_BYTES = 8 << 20  # input bytes per batch; a larger single file makes a batch of its own


@dataclass
class BatchJob:
    """Files to ingest together and what the previous manifest said about each."""

    corpus_dir: str
    collection: str
    areas: list[Area]
    files: list[str]
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)  # entries usable as-is
    known: list[str] = field(default_factory=list)  # files the previous store held at all
    spill_dir: str | None = None  # where to write the rows; None: return them in memory
    number: int = 0  # the batch's place in the ingest: names its spill files


@dataclass
class FileOutcome:
    relative: str
    status: str  # added, changed, unchanged, failed
    entry: dict[str, Any] | None = None  # the manifest entry
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class BatchResult:
    outcomes: list[FileOutcome]
    tables: dict[str, pa.Table] = field(default_factory=dict)  # rows held in memory, with ``part``
    spilled: dict[str, SpillFile] = field(default_factory=dict)  # or rows written to spill files
    term_counts: pa.Table | None = None  # token counts per part of the spilled tokens


def plan_batches(files: list[str], sizes: list[int], max_files: int = BATCH_FILES,
                 max_bytes: int = BATCH_BYTES) -> list[list[str]]:
    """Consecutive groups of files, each at most ``max_files`` files and ``max_bytes`` bytes."""
    batches: list[list[str]] = []
    current: list[str] = []
    size = 0
    for name, nbytes in zip(files, sizes):
        if current and (len(current) >= max_files or size + nbytes > max_bytes):
            batches.append(current)
            current, size = [], 0
        current.append(name)
        size += nbytes
    if current:
        batches.append(current)
    return batches


def warm_up() -> None:
    """Load the Thai layer's dictionaries and gazetteers in this process (once per worker)."""
    from synthesis.corpus import thai_bridge

    thai_bridge.analyze(thai_bridge.normalize_text("ประชุมกลุ่ม ต.บาละ อ.กาบัง จ.ยะลา 5 มี.ค. 2565\n"))


def run_batch(job: BatchJob) -> BatchResult:
    """Hash, then (if new or changed) process every file of ``job``; never raises for a bad file."""
    from synthesis.corpus.ingest import _file_hash, document_rows, process_file, token_columns
    from synthesis.corpus.parser.listings import record_documents

    corpus_dir = Path(job.corpus_dir)
    areas = job.areas
    known = set(job.known)
    outcomes: list[FileOutcome] = []
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in DOC_TABLES}
    parts: dict[str, list[str]] = {name: [] for name in DOC_TABLES}
    token_table: dict[str, list[Any]] = {name: [] for name in SCHEMAS["tokens"].names}
    for relative in job.files:
        path = corpus_dir / relative
        try:
            content_hash = _file_hash(path)
        except ReadError as error:
            outcomes.append(FileOutcome(relative, "failed", error=error.reason))
            continue
        previous = job.previous.get(relative)
        if previous and previous.get("file_sha256") == content_hash and previous.get("doc_id"):
            outcomes.append(FileOutcome(relative, "unchanged", entry=previous))
            continue
        try:
            document = process_file(corpus_dir, relative, job.collection, areas)
        except ReadError as error:
            outcomes.append(FileOutcome(relative, "failed", error=error.reason))
            continue
        except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError,
                AttributeError, OverflowError, UnicodeError, OSError) as error:
            # a text no rule foresaw must not stop the batch: the file fails, with what went wrong
            outcomes.append(FileOutcome(relative, "failed", error=f"could not be processed "
                                                                   f"({type(error).__name__}: {error})"))
            continue
        entry = {"doc_id": document.doc_id, "file_sha256": content_hash, "sha256": document.sha256,
                 "format": document.format, "bytes": path.stat().st_size}
        outcomes.append(FileOutcome(relative, "changed" if relative in known else "added", entry,
                                    warnings=list(document.warnings)))
        # an activity list is stored as its activities, documents <doc_id>#<n> (never twice)
        for stored in record_documents(document, areas) or [document]:
            part = part_key(stored.parsed.date, stored.areas)
            for name, table_rows in document_rows(stored).items():
                rows[name].extend(table_rows)
                parts[name].extend([part] * len(table_rows))
            for column, values in token_columns(stored).items():  # columns: no dict per token
                token_table[column].extend(values)
            parts["tokens"].extend([part] * (len(token_table["i"]) - len(parts["tokens"])))
    tables = {name: with_parts(rows_to_table(name, rows[name]), parts[name])
              for name in DOC_TABLES if name != "tokens"}
    tables["tokens"] = with_parts(pa.Table.from_pydict(token_table, schema=SCHEMAS["tokens"]), parts["tokens"])
    if not (job.spill_dir and Path(job.spill_dir).is_dir()):
        return BatchResult(outcomes, tables)
    spilled = {name: spill_table(table, Path(job.spill_dir) / f"{job.number:07d}.{name}.arrow")
               for name, table in tables.items() if table.num_rows}
    counts = count_terms(tables["tokens"]) if tables["tokens"].num_rows else None
    return BatchResult(outcomes, spilled=spilled, term_counts=counts)

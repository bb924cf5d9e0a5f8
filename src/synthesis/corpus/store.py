"""The corpus store: Parquet tables and a manifest under ``work/<collection>/``.

Tables (one Parquet file each; rows grouped by partition, see below):

- ``documents``: one row per document with its metadata and normalized ``text``;
- ``segments``, ``tokens`` (non-space tokens only), ``entities``, ``attributions``: spans by
  character offsets into the document's text;
- ``errors``: files that could not be read, with the reason.
- ``term_counts`` (not a table of the API): token counts per part, written by ingest, so that
  keyness against the rest of the corpus reads no tokens (:meth:`Store.term_counts`).

``manifest.json`` records the versions of the parser, tokenizer and dictionaries that made
the rows, the files that failed and the row counts; ``files.parquet`` lists every ingested
file (its content hash and ``doc_id``) sorted by path, so that a re-ingest looks its files up
in one pass (:class:`PreviousFiles`) instead of holding the list in memory.

Writes go to a temporary folder next to the store, then replace it in two renames, so a
reader never sees half a store. Reads ask Parquet only for the rows and columns they need.

Partitions: every row of the document tables carries a hidden ``part`` column, its
document's primary area and year (``yala-bala/2022``), and each row group holds one part
only (:mod:`synthesis.corpus.store_writer`). Filters by area or period become a filter on
``part`` (and ``date``), which Parquet's row-group statistics answer without reading the
other parts' rows. ``part`` is an implementation detail: the API never returns it.

>>> sorted(SCHEMAS)
['attributions', 'documents', 'entities', 'errors', 'segments', 'tokens']
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.json"
PART = "part"  # the partition key of every row: see synthesis.corpus.store_writer

_STR, _INT, _FLOAT = pa.string(), pa.int64(), pa.float64()
_STR_LIST = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _STR), ("collection", _STR), ("path", _STR), ("format", _STR),
        ("encoding", _STR), ("kind", _STR), ("sha256", _STR), ("n_chars", _INT),
        ("title", _STR), ("date", _STR), ("date_end", _STR), ("date_text", _STR), ("date_precision", _STR),
        ("reporter", _STR), ("project", _STR), ("fund", _STR),
        ("project_code", _STR), ("contract_number", _STR), ("budget", _FLOAT), ("responsible", _STR),
        ("organisation", _STR), ("period_start", _STR), ("period_end", _STR), ("visit_date", _STR),
        ("report_date", _STR), ("local_governments", _STR_LIST), ("places", _STR), ("fields", _STR),
        ("provinces", _STR_LIST),
        ("amphoe", _STR_LIST), ("tambon", _STR_LIST), ("place", _STR),
        ("participants_count", _INT), ("participants", _STR_LIST), ("areas", _STR_LIST),
        ("sections", _STR), ("targets", _STR), ("warnings", _STR_LIST), ("text", _STR),
    ]),
    "segments": pa.schema([
        ("doc_id", _STR), ("seg_id", _INT), ("kind", _STR), ("start", _INT), ("end", _INT),
        ("section", _STR), ("speaker", _STR), ("text", _STR),
    ]),
    "tokens": pa.schema([
        ("doc_id", _STR), ("i", _INT), ("start", _INT), ("end", _INT), ("text", _STR), ("pos", _STR),
    ]),
    "entities": pa.schema([
        ("doc_id", _STR), ("start", _INT), ("end", _INT), ("text", _STR), ("label", _STR),
        ("value", _STR), ("source", _STR), ("attrs", _STR),
    ]),
    "attributions": pa.schema([
        ("doc_id", _STR), ("area_id", _STR), ("rule", _STR), ("evidence", _STR),
        ("start", _INT), ("end", _INT), ("confidence", _FLOAT),
    ]),
    "errors": pa.schema([("path", _STR), ("error", _STR)]),
}
DOC_TABLES = ("documents", "segments", "tokens", "entities", "attributions")
FILES = "files"  # the manifest's file list, one row per ingested file, sorted by path
FILES_SCHEMA = pa.schema([("path", _STR), ("doc_id", _STR), ("file_sha256", _STR), ("sha256", _STR),
                          ("format", _STR), ("bytes", _INT)])
FILES_ROW_GROUP = 8192  # a re-ingest holds one row group of the file list at a time


def empty_table(name: str) -> pa.Table:
    return SCHEMAS[name].empty_table()


def rows_to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def read_manifest(store_dir: Path) -> dict[str, Any]:
    path = Path(store_dir) / MANIFEST
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}  # a damaged manifest only costs a full re-ingest


def read_table(store_dir: Path, name: str, columns: list[str] | None = None, **kwargs) -> pa.Table:
    """One table of the store; ``columns=None`` means the table's own columns (not ``part``)."""
    path = Path(store_dir) / f"{name}.parquet"
    if not path.is_file():
        return empty_table(name) if columns is None else empty_table(name).select(columns)
    if columns is None:
        columns = [c for c in pq.read_schema(path).names if c != PART]
    return pq.read_table(path, columns=columns, **kwargs)


def iter_table_batches(store_dir: Path, name: str) -> Iterable[pa.RecordBatch]:
    """The rows of one table, one row group at a time (memory: one row group)."""
    path = Path(store_dir) / f"{name}.parquet"
    if not path.is_file():
        return
    parquet = pq.ParquetFile(path)
    for index in range(parquet.num_row_groups):
        yield from parquet.read_row_group(index).to_batches()


def new_store_folder(store_dir: Path) -> Path:
    """A fresh temporary folder next to the store, to write a new version of it into."""
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(store_dir)
    for leftover in store_dir.parent.glob(f".{store_dir.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from a write that was killed
    return Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.new-", dir=store_dir.parent))


def write_table_file(folder: Path, name: str, table: pa.Table) -> None:
    pq.write_table(table, Path(folder) / f"{name}.parquet", row_group_size=64_000)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Stream the manifest to its file (no string of it in memory: it has one entry per file)."""
    with open(Path(folder) / MANIFEST, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)


class FilesWriter:
    """Write ``files.parquet`` entry by entry, in the (path) order they come, a row group at a time.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with FilesWriter(folder) as files:
    ...     files.add("ยะลา/รายงาน-1.txt", {"doc_id": "demo:ยะลา/รายงาน-1.txt", "bytes": 120})
    >>> pq.read_table(folder / "files.parquet")["bytes"].to_pylist()
    [120]
    """

    def __init__(self, folder: Path):
        self.path = Path(folder) / f"{FILES}.parquet"
        self.count = 0
        self._rows: list[dict[str, Any]] = []
        self._writer = pq.ParquetWriter(self.path, FILES_SCHEMA)

    def add(self, path: str, entry: dict[str, Any]) -> None:
        self._rows.append({**entry, "path": path})
        self.count += 1
        if len(self._rows) >= FILES_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=FILES_SCHEMA))
            self._rows = []

    def close(self) -> None:
        if self._writer is not None:
            self._flush()
            self._writer.close()
            self._writer = None

    def __enter__(self) -> "FilesWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class PreviousFiles:
    """The file entries of a store's last ingest, looked up in ascending path order while
    reading ``files.parquet`` forward: memory holds one row group, whatever the number of files.

    Entries of paths that a lookup passed over (or that :meth:`finish` finds left) are
    files that are gone: :attr:`removed`. Stores written before ``files.parquet`` existed
    have the list in ``manifest.json``; it is read from there.

    >>> previous = PreviousFiles.from_entries([{"path": "a.txt", "doc_id": "c:a"}, {"path": "b.txt", "doc_id": "c:b"}])
    >>> previous.lookup(["b.txt", "c.txt"])
    {'b.txt': {'path': 'b.txt', 'doc_id': 'c:b'}}
    >>> previous.finish()
    ['a.txt']
    """

    def __init__(self, store_dir: Path, manifest: dict[str, Any] | None = None):
        path = Path(store_dir) / f"{FILES}.parquet"
        legacy = (manifest or {}).get("files")
        if path.is_file():
            rows: Iterable[dict[str, Any]] = (row for batch in iter_table_batches(store_dir, FILES)
                                              for row in batch.to_pylist())
        elif isinstance(legacy, dict):
            rows = ({**entry, "path": name} for name, entry in sorted(legacy.items()) if isinstance(entry, dict))
        else:
            rows = iter(())
        self._rows = iter(rows)
        self._head = next(self._rows, None)
        self._last = ""
        self.removed: list[str] = []

    @classmethod
    def from_entries(cls, entries: Iterable[dict[str, Any]]) -> "PreviousFiles":
        previous = cls.__new__(cls)
        previous._rows = iter(entries)
        previous._head = next(previous._rows, None)
        previous._last, previous.removed = "", []
        return previous

    def lookup(self, paths: list[str]) -> dict[str, dict[str, Any]]:
        """The entries of ``paths`` that the store had; paths must ascend across calls."""
        found: dict[str, dict[str, Any]] = {}
        for name in paths:
            if name < self._last:
                raise ValueError(f"files must be looked up in ascending order: {name!r} after {self._last!r}")
            self._last = name
            while self._head is not None and self._head["path"] < name:
                self.removed.append(self._head["path"])
                self._head = next(self._rows, None)
            if self._head is not None and self._head["path"] == name:
                found[name] = self._head
                self._head = next(self._rows, None)
        return found

    def finish(self) -> list[str]:
        """The paths of the files that are gone (all that no lookup found), in path order."""
        while self._head is not None:
            self.removed.append(self._head["path"])
            self._head = next(self._rows, None)
        return self.removed


def swap_in(store_dir: Path, folder: Path) -> None:
    """Replace the store by the complete ``folder`` in two renames (see :func:`recover`)."""
    store_dir = Path(store_dir)
    old = store_dir.parent / f".{store_dir.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if store_dir.exists():
        os.replace(store_dir, old)
    os.replace(folder, store_dir)
    shutil.rmtree(old, ignore_errors=True)


def write_store(store_dir: Path, tables: dict[str, pa.Table], manifest: dict[str, Any]) -> None:
    """Write whole tables and the manifest to a temporary folder, then swap it in."""
    tmp = new_store_folder(store_dir)
    try:
        for name, table in tables.items():
            if "doc_id" in table.column_names and table.num_rows:
                table = table.sort_by([("doc_id", "ascending")])
            write_table_file(tmp, name, table)
        write_manifest(tmp, manifest)
        swap_in(store_dir, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def recover(store_dir: Path) -> None:
    """Finish a swap that a crash interrupted: the old store comes back if the new one is
    missing (and no live ingest is in the middle of its swap)."""
    store_dir = Path(store_dir)
    old = store_dir.parent / f".{store_dir.name}.old"
    if old.is_dir() and not store_dir.exists() and lock_holder(store_dir) is None:
        try:
            os.replace(old, store_dir)
        except OSError:
            pass  # another reader recovered it first


class StoreBusy(RuntimeError):
    """Another ingest is writing this store."""


def _lock_path(store_dir: Path) -> Path:
    return Path(store_dir).parent / f".{Path(store_dir).name}.lock"


def lock_holder(store_dir: Path) -> int | None:
    """The process id of a live ingest writing ``store_dir``, if any."""
    try:
        pid = int(_lock_path(store_dir).read_text().strip() or 0)
    except (OSError, ValueError):
        return None
    if pid <= 0 or pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # a stale lock of a killed ingest
    except PermissionError:
        pass
    return pid


class store_lock:
    """``with store_lock(store_dir):`` only one ingest writes a store at a time."""

    def __init__(self, store_dir: Path):
        self.path = _lock_path(store_dir)
        self.store_dir = Path(store_dir)

    def __enter__(self) -> "store_lock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        holder = lock_holder(self.store_dir)
        if holder is not None:
            raise StoreBusy(f"{self.store_dir}: another ingest (process {holder}) is writing this store")
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}")
        tmp.write_text(str(os.getpid()))
        os.replace(tmp, self.path)
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self.path.read_text().strip() == str(os.getpid()):
                self.path.unlink()
        except OSError:
            pass


# ---------------------------------------------------------------- reading

class Store:
    """Read access to one collection's store; every method returns a pandas DataFrame.

    >>> # store = open_store("work/demo"); store.documents(areas=["yala-bala"], columns=["title"])
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        recover(self.path)
        if not (self.path / MANIFEST).is_file():
            raise FileNotFoundError(f"{self.path}: no corpus store here (run `synthesis ingest` first)")
        self.manifest = read_manifest(self.path)

    def __repr__(self) -> str:
        count = self.manifest.get("counts", {}).get(FILES, len(self.manifest.get("files", {})))
        return f"Store({str(self.path)!r}, {count} files)"

    def files(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The ingested files (``path``, ``doc_id``, ``file_sha256``, ``sha256``, ``format``,
        ``bytes``), sorted by path; failed files are in :meth:`errors`."""
        columns = columns or FILES_SCHEMA.names
        path = self.path / f"{FILES}.parquet"
        if path.is_file():
            return pq.read_table(path, columns=columns).to_pandas()
        legacy = self.manifest.get("files", {})  # a store written before files.parquet
        rows = [{**entry, "path": name} for name, entry in sorted(legacy.items()) if isinstance(entry, dict)]
        return pa.Table.from_pylist(rows, schema=FILES_SCHEMA).select(columns).to_pandas()

    @property
    def collection(self) -> str:
        return self.manifest.get("collection", self.path.name)

    def doc_ids(self, areas: Iterable[str] | None = None, date_from: str | None = None,
                date_to: str | None = None, kinds: Iterable[str] | None = None) -> list[str]:
        """Ids of the documents that pass the filters (dates compare as ISO strings)."""
        frame = self.documents(areas=areas, date_from=date_from, date_to=date_to, kinds=kinds,
                               columns=["doc_id"])
        return frame["doc_id"].tolist()

    def documents(self, areas: Iterable[str] | None = None, date_from: str | None = None,
                  date_to: str | None = None, kinds: Iterable[str] | None = None,
                  columns: list[str] | None = None) -> pd.DataFrame:
        """Documents filtered by area, date range (inclusive, ISO) and kind.

        ``columns`` limits what is read (the ``text`` column is the big one). Only the row
        groups of the wanted areas and years are read (see :meth:`scan_filters`).
        """
        wanted = None if columns is None else list(dict.fromkeys(["doc_id", *columns]))
        filters = self.scan_filters("documents", areas, date_from, date_to, kinds)
        if filters is None:
            frame = empty_table("documents").select(wanted or SCHEMAS["documents"].names).to_pandas()
        else:
            frame = read_table(self.path, "documents", columns=wanted, filters=filters or None).to_pandas()
        if columns is not None:
            frame = frame[[c for c in columns if c in frame.columns]]
        return frame.reset_index(drop=True)

    def scan_filters(self, name: str, areas: Iterable[str] | None = None, date_from: str | None = None,
                     date_to: str | None = None, kinds: Iterable[str] | None = None,
                     doc_ids: Iterable[str] | None = None) -> list[tuple] | None:
        """The Parquet filters that read table ``name`` for these documents only, or None if
        no document matches.

        Dates and kinds filter the ``documents`` table directly (row-group statistics of
        ``date`` and ``part`` skip other years). An area filter first reads the small
        ``doc_id``/``areas``/``part`` columns, then asks for the matching ids and the parts
        they live in: row groups of other parts are skipped unread.
        """
        filters: list[tuple] = []
        if name == "documents" and areas is None and doc_ids is None:
            if kinds is not None:
                filters.append(("kind", "in", list(kinds)))
            if date_from is not None:
                filters.append(("date", ">=", str(date_from)))
            if date_to is not None:
                filters.append(("date", "<=", str(date_to)))
            return filters
        if all(f is None for f in (areas, date_from, date_to, kinds, doc_ids)):
            return filters
        chosen = self._chosen(areas, date_from, date_to, kinds, doc_ids)
        if chosen.empty:
            return None
        parts = sorted(set(chosen[PART].dropna())) if PART in chosen.columns else []
        if parts:
            filters.append((PART, "in", parts))
        filters.append(("doc_id", "in", chosen["doc_id"].tolist()))
        return filters

    def _chosen(self, areas, date_from, date_to, kinds, doc_ids) -> pd.DataFrame:
        """doc_id (and part) of the documents that pass the filters."""
        path = self.path / "documents.parquet"
        has_part = path.is_file() and PART in pq.read_schema(path).names
        filters = self.scan_filters("documents", None, date_from, date_to, kinds)
        columns = ["doc_id", "areas"] + ([PART] if has_part else [])
        frame = read_table(self.path, "documents", columns=columns, filters=filters or None).to_pandas()
        if areas is not None:
            wanted_areas = set(areas)
            keep = frame["areas"].map(lambda value: value is not None and bool(wanted_areas.intersection(value)))
            frame = frame[keep.astype(bool)]
        if doc_ids is not None:
            frame = frame[frame["doc_id"].isin(list(doc_ids))]
        return frame

    def table(self, name: str, doc_ids: Iterable[str] | None = None,
              areas: Iterable[str] | None = None, date_from: str | None = None,
              date_to: str | None = None, kinds: Iterable[str] | None = None,
              columns: list[str] | None = None) -> pd.DataFrame:
        """Rows of ``segments``, ``tokens``, ``entities``, ``attributions``, ``errors`` (or
        ``documents``) for the chosen documents only."""
        if name not in SCHEMAS:
            raise KeyError(f"no table {name!r}; tables: {', '.join(sorted(SCHEMAS))}")
        if name == "errors":
            return read_table(self.path, name, columns=columns).to_pandas()
        if name == "documents" and doc_ids is None:
            return self.documents(areas, date_from, date_to, kinds, columns)
        filters = self.scan_filters(name, areas, date_from, date_to, kinds,
                                    None if doc_ids is None else list(doc_ids))
        if filters is None:
            frame = empty_table(name).to_pandas()
            return frame if columns is None else frame[columns]
        return read_table(self.path, name, columns=columns, filters=filters or None).to_pandas()

    def text(self, doc_id: str) -> str:
        """The normalized text of one document."""
        filters = self.scan_filters("documents", doc_ids=[doc_id]) or [("doc_id", "==", doc_id)]
        frame = read_table(self.path, "documents", columns=["text"], filters=filters).to_pandas()
        if frame.empty:
            raise KeyError(f"{self.path}: no document {doc_id!r}")
        return frame["text"].iloc[0]

    def term_counts(self, date_from: str | None = None, date_to: str | None = None,
                    exclude_doc_ids: Iterable[str] | None = None) -> dict[str, int]:
        """How often each token occurs in the documents of the date range, less those of
        ``exclude_doc_ids``: a reference corpus for keyness.

        Whole years (or no date filter) read the per-part counts that ingest wrote, whatever
        the number of documents; the excluded documents' own tokens are then subtracted. Any
        other range, or an older store, counts the tokens themselves (in Arrow).
        """
        excluded = list(exclude_doc_ids or [])
        path = self.path / "term_counts.parquet"
        whole_years = (date_from is None or str(date_from)[4:] in ("", "-01-01")) and \
                      (date_to is None or str(date_to)[4:] in ("", "-12-31"))
        if path.is_file() and whole_years:
            filters = None
            if date_from is not None or date_to is not None:  # undated documents are out, as in documents()
                low, high = str(date_from or "0000")[:4], str(date_to or "9999")[:4]
                parts = [p for p in pq.read_table(path, columns=[PART])[PART].unique().to_pylist()
                         if p.rsplit("/", 1)[1] != "_" and low <= p.rsplit("/", 1)[1] <= high]
                if not parts:
                    return {}
                filters = [(PART, "in", parts)]
            table = pq.read_table(path, columns=["text", "count"], filters=filters)
            total = _sum_by_text(table)
            if excluded:
                for term, count in self._count_tokens(excluded).items():
                    left = total.get(term, 0) - count
                    if left > 0:
                        total[term] = left
                    else:
                        total.pop(term, None)
            return total
        chosen = self.doc_ids(date_from=date_from, date_to=date_to)
        if excluded:
            drop = set(excluded)
            chosen = [d for d in chosen if d not in drop]
        return self._count_tokens(chosen)

    def _count_tokens(self, doc_ids: list[str]) -> dict[str, int]:
        if not doc_ids:
            return {}
        filters = self.scan_filters("tokens", doc_ids=doc_ids)
        if filters is None:
            return {}
        counts = read_table(self.path, "tokens", columns=["text"], filters=filters)["text"].value_counts()
        return dict(zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist()))

    def errors(self) -> pd.DataFrame:
        return read_table(self.path, "errors").to_pandas()


def _sum_by_text(table: pa.Table) -> dict[str, int]:
    summed = table.group_by("text").aggregate([("count", "sum")])
    return dict(zip(summed["text"].to_pylist(), summed["count_sum"].to_pylist()))


def open_store(work_dir: str | os.PathLike) -> Store:
    """Open the store of one collection, e.g. ``open_store("work/demo")``."""
    return Store(work_dir)

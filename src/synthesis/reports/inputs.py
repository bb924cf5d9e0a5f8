"""The reports' per-collection inputs, built once per process and reused while their files
are unchanged.

A warm report kernel runs the reports of a whole run one after another (see
``synthesis.reports.kernel``); most of them read the same codings, codebook, documents and
code × area matrix. Each input here is kept with the fingerprint of the files it was built
from (path, size, modification time and inode of each: an atomic rewrite makes a new inode,
an ingest a new store folder), and rebuilt as soon as any of those differ, so a report never
sees stale data.

>>> fingerprint([Path("/no/such/file")])
(('/no/such/file', None),)
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

_cache: dict[tuple, tuple[tuple, Any]] = {}
_lock = threading.Lock()


def fingerprint(paths: Iterable[Path]) -> tuple:
    """What identifies the content of ``paths`` without reading them: for each path its
    size, modification time (ns) and inode, or None when it does not exist."""
    marks = []
    for path in paths:
        try:
            stat = Path(path).stat()
        except OSError:
            marks.append((str(path), None))
            continue
        marks.append((str(path), (stat.st_size, stat.st_mtime_ns, stat.st_ino)))
    return tuple(marks)


def cached(name: str, key: tuple, marks: tuple, build: Callable[[], Any]) -> Any:
    """``build()``, or the value it returned before for the same ``name``/``key`` if the
    files' ``marks`` (a :func:`fingerprint`) have not changed since."""
    with _lock:
        entry = _cache.get((name, key))
    if entry is not None and entry[0] == marks:
        return entry[1]
    value = build()
    with _lock:
        _cache[(name, key)] = (marks, value)
    return value


def clear() -> None:
    """Forget every cached input."""
    with _lock:
        _cache.clear()


# The folder the report kernels of one run share (set by ``synthesis.reports.runner`` for the
# kernels it starts, removed when the run ends): what one kernel built from the collection is
# read by the others instead of being built again.
RUN_FOLDER_VARIABLE = "SYNTHESIS_REPORT_RUN_FOLDER"


def shared(name: str, key: tuple, marks: tuple, build: Callable[[], Any]) -> Any:
    """:func:`cached`, and across the kernels of one run: the first kernel to need the value
    builds it and writes it (pickled) to the run's folder while holding a lock on it; the
    others wait for the lock and read it. The file's name holds a hash of ``name``, ``key``
    and ``marks``, so a value built from other files is never read. Outside a run (no
    folder), or when the folder cannot be used, the value is built here.

    >>> shared("doc", ("k",), (), lambda: 42)
    42
    """
    folder = os.environ.get(RUN_FOLDER_VARIABLE)
    if not folder or not _private_folder(Path(folder)):
        return cached(name, key, marks, build)
    return cached(name, key, marks, lambda: _built_once_per_run(Path(folder), name, key, marks, build))


def _private_folder(folder: Path) -> bool:
    """True for a folder only this user can write to (the run's ``mkdtemp`` folder): a pickle
    is loaded from it, so a folder others could write to is never used."""
    try:
        info = folder.stat()
    except OSError:
        return False
    return folder.is_dir() and info.st_uid == os.getuid() and not info.st_mode & 0o022


def _built_once_per_run(folder: Path, name: str, key: tuple, marks: tuple, build: Callable[[], Any]) -> Any:
    import fcntl
    import hashlib
    import pickle

    digest = hashlib.sha256(repr((name, key, marks)).encode("utf-8")).hexdigest()[:32]
    path = folder / f"{name}-{digest}.pickle"
    try:
        lock = open(folder / f"{name}-{digest}.lock", "w")  # noqa: SIM115 — held until written
    except OSError:
        return build()
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if path.is_file():
                try:
                    return pickle.loads(path.read_bytes())
                except Exception:  # noqa: BLE001 — a damaged file is built again
                    pass
            value = build()
            try:
                part = path.with_suffix(f".{os.getpid()}.tmp")
                part.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                part.replace(path)
            except Exception:  # noqa: BLE001 — unpicklable or no room: the others build it too
                pass
            return value
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# ---------------------------------------------------------------- the inputs

def codings_marks(lessons: Path) -> tuple:
    """The fingerprint of every coder's codings file under ``lessons/codings``."""
    return fingerprint(sorted((Path(lessons) / "codings").glob("*.jsonl")))


def store_marks(store) -> tuple:
    """The fingerprint of a store: its manifest, rewritten (in a new folder) by every ingest."""
    return fingerprint([Path(store.path) / "manifest.json"])


def codings(lessons: Path) -> tuple:
    """Every coder's codings that still point at their text (orphans left out)."""
    from synthesis.coding import CodingStore

    def build() -> tuple:
        return tuple(c for c in CodingStore(lessons).load() if not c.orphaned)

    return cached("codings", (str(lessons),), codings_marks(lessons), build)


def codings_table(lessons: Path) -> pd.DataFrame:
    """:func:`codings` as a DataFrame with ``synthesis.analysis.codes``'s columns (a copy:
    callers may change it)."""
    from synthesis.analysis.codes import CODING_COLUMNS

    def build() -> pd.DataFrame:
        rows = [tuple(getattr(c, column) for column in CODING_COLUMNS) for c in codings(lessons)]
        return pd.DataFrame(rows, columns=CODING_COLUMNS)

    return cached("codings_table", (str(lessons),), codings_marks(lessons), build).copy(deep=False)


def codebook(path: Path):
    """The codebook at ``path`` (a ``Codebook`` is not changed by its readers)."""
    from synthesis.coding import load_codebook

    return cached("codebook", (str(path),), fingerprint([path]), lambda: load_codebook(path))


def areas(path: Path) -> list:
    """The pilot areas of ``lessons/areas.yaml`` (a new list each call)."""
    from synthesis.corpus.areas import load_areas

    return list(cached("areas", (str(path),), fingerprint([path]), lambda: tuple(load_areas(path))))


def documents(store, date_from: str | None, date_to: str | None) -> pd.DataFrame:
    """The store's documents of a date range, without their texts (a copy: pandas copies on
    write). The texts are most of the table's bytes and a report needs only its own area's:
    ``sections.with_text`` reads them for the documents that need them."""
    from synthesis.corpus.store import SCHEMAS

    columns = [name for name in SCHEMAS["documents"].names if name != "text"]
    frame = cached("documents", (str(store.path), date_from, date_to), store_marks(store),
                   lambda: store.documents(date_from=date_from, date_to=date_to, columns=columns))
    return frame.copy(deep=False)


def term_counts(store, date_from: str | None, date_to: str | None) -> dict[str, int]:
    """How often each token occurs in the store's documents of a date range (a new dict)."""
    counts = cached("term_counts", (str(store.path), date_from, date_to), store_marks(store),
                    lambda: store.term_counts(date_from, date_to))
    return dict(counts)

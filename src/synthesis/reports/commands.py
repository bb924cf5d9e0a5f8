"""``synthesis report``: ingest a corpus (incrementally) and build its synthesis reports."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="build the synthesis reports of a corpus (one per pilot area, plus cross-area)",
        description="Ingest CORPUS (only changed files are processed again), then run the report "
                    "notebooks through papermill and write reports/<collection>/ with an index.html.",
    )
    parser.add_argument("--corpus", type=Path, default=Path("corpora/demo"), help="corpus folder (default: corpora/demo)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every pilot area, plus cross-area and overview reports")
    which.add_argument("--area", action="append", metavar="SLUG", help="one area (repeat for several)")
    parser.add_argument("--collection", help="collection name (default: the corpus folder's name)")
    parser.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
    parser.add_argument("--out", type=Path, help="reports folder (default: reports/<collection>)")
    parser.add_argument("--coder", default="consensus", help="whose codings to report (default: consensus)")
    parser.add_argument("--date-from", default="", help="ISO date: leave out documents before it")
    parser.add_argument("--date-to", default="", help="ISO date: leave out documents after it")
    parser.add_argument("--redact", action="store_true", help="replace people's names by pseudonyms")
    parser.add_argument("--pdf", action="store_true", help="also print each report to PDF (needs Chromium)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes (default: 2)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from synthesis.corpus import ingest
    from synthesis.corpus.areas import AreasError, load_areas
    from synthesis.paths import project_root, reports_dir, work_dir
    from synthesis.progress import progress
    from synthesis.reports.index import write_index
    from synthesis.reports.runner import plan_jobs, run_reports, shown_path

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"synthesis report: corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    collection = args.collection or corpus.name
    store = (args.work or work_dir(collection)).resolve()
    out = (args.out or reports_dir(collection)).resolve()

    try:
        areas = {area.id: area for area in load_areas()}
    except AreasError as error:
        print(f"synthesis report: {error}", file=sys.stderr)
        return 2
    wanted = list(areas) if args.all else args.area
    unknown = [slug for slug in wanted if slug not in areas]
    if unknown:
        print(f"synthesis report: unknown area(s) {', '.join(unknown)}; known: {', '.join(areas)}",
              file=sys.stderr)
        return 2

    report = ingest(corpus, work_dir=store, progress=True)
    if report.failed:
        print(f"note: {len(report.failed)} file(s) could not be read; see the corpus overview report",
              file=sys.stderr)

    # paths inside the project are passed relative to it (the notebooks run there): no
    # absolute path of the user's machine in a report or its review copy
    parameters = {"corpus_dir": shown_path(corpus), "work_dir": shown_path(store), "coder": args.coder,
                  "date_from": args.date_from, "date_to": args.date_to, "redact": args.redact}
    jobs = plan_jobs(collection, wanted, out, parameters, cross_area=args.all, pdf=args.pdf)
    bar = progress(len(jobs), "reports", "report")
    results = run_reports(jobs, cwd=project_root(), workers=args.jobs,
                          on_done=lambda result: bar.update(1))
    bar.close()

    titles = {slug: area.name_th for slug, area in areas.items()}
    titles.update({"cross-area": "การสังเคราะห์ข้ามพื้นที่ (cross-area synthesis)",
                   "overview": "ภาพรวมคลังเอกสาร (corpus overview)"})
    index = write_index(results, titles, out, collection)
    for result in results:
        if result.warning:
            print(f"note: {result.job.slug}: {result.warning}", file=sys.stderr)
    failed = [result for result in results if not result.ok]
    print(f"{len(results) - len(failed)} of {len(results)} reports built in {out}; open {index}")
    for result in failed:
        print(f"FAILED {result.job.slug} ({titles.get(result.job.slug, result.job.slug)}): {result.error} "
              f"(the other reports were built; executed notebook kept: "
              f"{result.files['notebook']})", file=sys.stderr)
    return 1 if failed else 0

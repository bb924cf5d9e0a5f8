"""Commands of exchange and privacy.

- ``synthesis export qdpx OUT.qdpx [--corpus DIR] [--redact]``: a REFI-QDA project.
- ``synthesis export qdc OUT.qdc``: the codebook as REFI-QDA.
- ``synthesis export table codings|matrix|agreement OUT.csv|OUT.xlsx``: spreadsheets.
- ``synthesis import qdpx IN.qdpx [--collection NAME]``: codebook, texts and codings in.
- ``synthesis pseudonyms build|list``: the collection's pseudonym key (kept outside the project).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _fail(message: str) -> int:
    print(f"synthesis: {message}", file=sys.stderr)
    return 1


def _corpus_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=Path("corpora/demo"),
                        help="corpus folder, or its store work/<collection> (default: corpora/demo)")
    parser.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
    parser.add_argument("--lessons", type=Path, help="lessons folder (default: lessons/ of the project)")
    parser.add_argument("--codebook", type=Path, help="codebook file (default: <lessons>/codebook.yaml)")


def _privacy_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redact", action="store_true", help="replace people's names by stable pseudonyms")
    parser.add_argument("--key", type=Path,
                        help="pseudonym key file, outside the project (default: ~/.synthesis/pseudonyms/<collection>.json)")


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="export to REFI-QDA (.qdpx, .qdc) or spreadsheets")
    kinds = export.add_subparsers(dest="kind", metavar="KIND")

    qdpx = kinds.add_parser("qdpx", help="a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder")
    qdpx.add_argument("output", type=Path, metavar="OUT.qdpx", help="the .qdpx file to write")
    _corpus_arguments(qdpx)
    _privacy_arguments(qdpx)
    qdpx.add_argument("--all-documents", action="store_true", help="also export documents without codings")
    qdpx.add_argument("--coders", help="only these coders, comma-separated")
    qdpx.add_argument("--positions", choices=("codepoints", "utf16"), default="codepoints",
                      help="how selections count characters (utf16 for tools that count UTF-16 units; "
                           "differs only after emoji and other astral characters)")
    qdpx.set_defaults(func=run_export_qdpx)

    qdc = kinds.add_parser("qdc", help="the codebook as a REFI-QDA .qdc file")
    qdc.add_argument("output", type=Path, metavar="OUT.qdc", help="the .qdc file to write")
    qdc.add_argument("--lessons", type=Path, help="lessons folder (default: lessons/ of the project)")
    qdc.add_argument("--codebook", type=Path, help="codebook file (default: <lessons>/codebook.yaml)")
    qdc.set_defaults(func=run_export_qdc)

    table = kinds.add_parser("table", help="codings, code × area matrix or agreement as CSV/XLSX")
    table.add_argument("table", choices=("codings", "matrix", "agreement", "all"),
                       help="which table; 'all' writes every table (agreement when two or more coders)")
    table.add_argument("output", type=Path, metavar="OUT.csv|OUT.xlsx",
                       help="the file to write; .xlsx holds every table as a sheet, .csv one table")
    _corpus_arguments(table)
    _privacy_arguments(table)
    table.add_argument("--coders", help="coders (agreement needs two or more), comma-separated")
    table.add_argument("--unit", default="segment", choices=("segment", "paragraph", "document"),
                       help="unit of agreement (default: segment)")
    table.add_argument("--all-codes", action="store_true", help="matrix of every code, not only top-level codes")
    table.set_defaults(func=run_export_table)
    export.set_defaults(func=lambda args: export.print_help() or 2)

    imports = subparsers.add_parser("import", help="import a REFI-QDA project (.qdpx)")
    import_kinds = imports.add_subparsers(dest="kind", metavar="KIND")
    qdpx_in = import_kinds.add_parser("qdpx", help="codebook, texts and codings of a .qdpx")
    qdpx_in.add_argument("input", type=Path, metavar="IN.qdpx", help="the .qdpx file exported by NVivo, ATLAS.ti, MAXQDA or QualCoder")
    qdpx_in.add_argument("--collection", help="collection the texts go to: corpora/<NAME>/ (default: the file's name)")
    qdpx_in.add_argument("--corpora", type=Path, help="corpora folder (default: corpora/ of the project)")
    qdpx_in.add_argument("--lessons", type=Path, help="lessons folder (default: lessons/ of the project)")
    qdpx_in.add_argument("--dry-run", action="store_true", help="only say what would be written")
    qdpx_in.add_argument("--positions", choices=("codepoints", "utf16"), default="codepoints",
                         help="how the file's selections count characters (default: codepoints)")
    qdpx_in.set_defaults(func=run_import_qdpx)
    imports.set_defaults(func=lambda args: imports.print_help() or 2)

    pseudonyms = subparsers.add_parser("pseudonyms", help="the pseudonym key of a collection")
    actions = pseudonyms.add_subparsers(dest="action", metavar="ACTION")
    for name, helptext in (("build", "learn every person the collection names and save the key"),
                           ("list", "print pseudonym, name and number of forms (the key owner only)")):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("--corpus", type=Path, default=Path("corpora/demo"), help="corpus folder")
        action.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
        action.add_argument("--key", type=Path, help="key file (default: ~/.synthesis/pseudonyms/<collection>.json)")
        action.set_defaults(func=run_pseudonyms, action=name)
    pseudonyms.set_defaults(func=lambda args: pseudonyms.print_help() or 2)


# shared ---------------------------------------------------------------------------------------
def _store(args):
    from synthesis.corpus import open_store
    from synthesis.paths import work_dir

    if getattr(args, "work", None):
        return open_store(args.work)
    if (args.corpus / "manifest.json").is_file():
        return open_store(args.corpus)
    return open_store(work_dir(args.corpus.resolve().name))


def _lessons(args) -> Path:
    from synthesis.paths import lessons_dir

    return Path(args.lessons) if getattr(args, "lessons", None) else lessons_dir()


def _codebook(args):
    from synthesis.coding.codebook import load_codebook

    return load_codebook(args.codebook or _lessons(args) / "codebook.yaml")


def _codings(args) -> list:
    from synthesis.coding.codings import CodingStore

    store = CodingStore(_lessons(args))
    codings = store.load()
    for problem in store.problems:
        print(f"warning: {problem}", file=sys.stderr)
    coders = [c.strip() for c in (getattr(args, "coders", None) or "").split(",") if c.strip()]
    return [c for c in codings if not coders or c.coder in coders]


def _key(args, store, documents):
    """The pseudonym key, taught every person of the collection, saved outside the project."""
    from synthesis.privacy import build_key, load_or_create_key, save_key

    key, path = load_or_create_key(store.collection, args.key)
    reporters = documents["reporter"].dropna().tolist() if "reporter" in documents.columns else []
    names = [n for listed in documents.get("participants", []) if listed is not None for n in list(listed)]
    segments = store.table("segments", columns=["speaker"])
    names += segments["speaker"].dropna().unique().tolist()
    build_key(zip(documents["doc_id"], documents["text"]), key, reporters=reporters, names=names)
    save_key(key, path)
    print(f"pseudonym key: {path} ({len(key.people)} people; keep it outside the project)", file=sys.stderr)
    return key


# export ---------------------------------------------------------------------------------------
def _store_and_codebook(args):
    """The collection's store and the codebook an export reads (errors name the missing file)."""
    return _store(args), _codebook(args)


def run_export_qdpx(args) -> int:
    from synthesis.coding.codebook import CodebookError
    from synthesis.exchange.bridge import project_from_workbench
    from synthesis.exchange.qdpx_write import SchemaValidationError, write_qdpx

    try:
        store, codebook = _store_and_codebook(args)
    except (FileNotFoundError, CodebookError) as error:
        return _fail(str(error))
    documents = store.documents()
    areas = _areas()
    try:
        key = _key(args, store, documents) if args.redact else None
    except ValueError as error:  # a key inside the project, or an unreadable key
        return _fail(str(error))
    result = project_from_workbench(codebook, _codings(args), documents, areas, name=store.collection,
                                    all_documents=args.all_documents, key=key, positions=args.positions)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        schema = write_qdpx(result.project, args.output)
    except (SchemaValidationError, ValueError) as error:
        return _fail(f"{args.output}: not written: {error}")
    from synthesis.exchange.refiqda_check import ReadBackError, checks_line, read_back_qdpx

    try:  # the XSD check when the schema is at hand, and the independent reader's
        checked = checks_line(schema, "Project.xsd", lambda: read_back_qdpx(
            args.output, positions=args.positions,
            expect={"sources": len(result.project.sources), "codes": len(result.project.codes)}))
    except ReadBackError as error:
        return _fail(f"written, but the independent reader disagrees: {error}")
    print(f"{args.output}: {len(result.project.codes)} codes, {len(result.project.sources)} sources, "
          f"{result.codings} codings, {len(result.project.users)} coders, {len(result.project.cases)} cases; {checked}")
    return 0


def _areas() -> list:
    try:
        from synthesis.corpus.areas import load_areas

        return load_areas()
    except Exception as error:  # areas are optional in an export
        print(f"warning: areas not exported ({error})", file=sys.stderr)
        return []


def run_export_qdc(args) -> int:
    from synthesis.coding.codebook import CodebookError
    from synthesis.exchange.bridge import qda_codes
    from synthesis.exchange.qdpx_write import SchemaValidationError, write_qdc

    try:
        codebook = _codebook(args)
        schema = write_qdc(qda_codes(codebook), args.output)
    except (CodebookError, SchemaValidationError, ValueError) as error:
        return _fail(str(error))
    from synthesis.exchange.refiqda_check import ReadBackError, checks_line, read_back_qdc

    try:
        checked = checks_line(schema, "Codebook.xsd", lambda: read_back_qdc(args.output, expect_codes=len(codebook)))
    except ReadBackError as error:
        return _fail(f"written, but the independent reader disagrees: {error}")
    print(f"{args.output}: {len(codebook)} codes; {checked}")
    return 0


def run_export_table(args) -> int:
    from synthesis.coding.codebook import CodebookError
    from synthesis.exchange import tabular

    try:
        store, codebook = _store_and_codebook(args)
    except (FileNotFoundError, CodebookError) as error:
        return _fail(str(error))
    documents = store.documents()
    codings = _codings(args)
    tables = {}
    if args.table in ("codings", "all"):
        tables["codings"] = tabular.codings_table(codings, documents, codebook)
    if args.table in ("matrix", "all"):
        tables.update(tabular.matrix_tables(codings, documents, codebook, top_level=not args.all_codes))
    if args.table in ("agreement", "all"):
        from synthesis.coding.agreement import units_from_segments

        coders = sorted({c.coder for c in codings}) if not args.coders else [c.strip() for c in args.coders.split(",")]
        if len(coders) >= 2:
            units = units_from_segments(store.table("segments"), args.unit, documents)
            tables.update(tabular.agreement_tables(codings, units, coders))
        elif args.table == "agreement":
            return _fail("agreement needs two or more coders (--coders a,b)")
    if args.redact:
        from synthesis.privacy import redact_frame

        try:
            key = _key(args, store, documents)
        except ValueError as error:
            return _fail(str(error))
        tables = {name: redact_frame(frame, key) for name, frame in tables.items()}
    try:
        written = tabular.write_tables(tables, args.output)
    except ValueError as error:
        return _fail(str(error))
    print(f"{', '.join(map(str, written))}: {', '.join(f'{n} ({len(t)} rows)' for n, t in tables.items())}")
    return 0


# import ---------------------------------------------------------------------------------------
def run_import_qdpx(args) -> int:
    from synthesis.coding.codebook import CodebookError
    from synthesis.exchange.bridge import workbench_from_project, write_import
    from synthesis.exchange.qdpx_read import QdaFormatError, read_qdpx
    from synthesis.exchange.safezip import UnsafeArchiveError
    from synthesis.paths import project_root, safe_name

    try:
        project = read_qdpx(args.input)
    except (FileNotFoundError, UnsafeArchiveError, QdaFormatError) as error:
        return _fail(str(error))
    collection = safe_name(args.collection or args.input.stem)
    corpus_dir = (args.corpora or project_root() / "corpora") / collection
    plan = workbench_from_project(project, collection, positions=args.positions)
    print(f"{args.input} ({project.origin or 'unknown origin'}): {len(plan.codes)} codes, {len(plan.texts)} texts, "
          f"{len(plan.codings)} codings by {len(set(c.coder for c in plan.codings))} coders → {corpus_dir}")
    if args.dry_run:
        for warning in plan.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        return 0
    try:
        report = write_import(plan, corpus_dir, _lessons(args))
    except CodebookError as error:
        return _fail(f"codebook not changed: {error}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for refused in report.refused:
        print(f"refused: {refused}", file=sys.stderr)
    print(report.summary())
    if report.written:
        print(f"next: synthesis ingest {corpus_dir}")
    return 1 if report.refused else 0


# pseudonyms -----------------------------------------------------------------------------------
def run_pseudonyms(args) -> int:
    try:
        store = _store(args)
    except FileNotFoundError as error:
        return _fail(str(error))
    try:
        key = _key(args, store, store.documents(columns=["doc_id", "text", "reporter", "participants"]))
    except ValueError as error:
        return _fail(str(error))
    if args.action == "list":
        for person in sorted(key.people.values(), key=lambda p: p.pseudonym):
            print(f"{person.pseudonym}\t{person.name}\t{len(person.forms)} forms")
    return 0

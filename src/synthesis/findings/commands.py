"""``synthesis cards`` and ``synthesis matrix``: a collection's lesson cards and framework matrix.

    synthesis cards draft --collection demo --area yala-bala
    synthesis cards check --collection demo
    synthesis matrix --collection demo --by occupation --level sub --export matrix.xlsx
    synthesis matrix edit --collection demo --row yala-bala --theme success --editor mentor_a --text "…"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _collection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--collection", help="collection name (default: the --corpus folder's name, demo)")
    parser.add_argument("--corpus", type=Path, default=Path("corpora/demo"),
                        help="corpus folder; names the collection when --collection is not given")
    parser.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
    parser.add_argument("--coder", default="all",
                        help="whose codings: one coder's name, or all (default: all; agreement counts)")


def register(subparsers: argparse._SubParsersAction) -> None:
    cards = subparsers.add_parser("cards", help="lesson cards: draft one from the codings, or check them",
                                  description="A collection's lesson cards (lessons/collections/<c>/cards/).")
    actions = cards.add_subparsers(dest="cards_command", metavar="ACTION", required=True)
    draft = actions.add_parser("draft", help="draft lessons/collections/<c>/cards/<area>.yaml from the codings",
                               description="Draft a card in the ถอดบทเรียน form from the area's coded segments; "
                                           "a card a person edited is never replaced (the draft goes beside it).")
    draft.add_argument("--area", required=True, help="area id (slug) from lessons/areas.yaml")
    _collection_options(draft)
    draft.set_defaults(func=run_draft)
    check = actions.add_parser("check", help="flag card points: unsupported, unknown codings, numbers, newer evidence",
                               description="Check every card of the collection against its codings.")
    _collection_options(check)
    check.set_defaults(func=run_check)

    matrix = subparsers.add_parser("matrix", help="the framework matrix (cases × themes) of a collection",
                                   description="Cases × themes with draft summaries and counts; 'edit' records a "
                                               "person's summary of one cell.")
    matrix.add_argument("action", nargs="?", choices=("show", "edit"), default="show",
                        help="show (default) or edit one cell")
    _collection_options(matrix)
    matrix.add_argument("--by", choices=("area", "occupation"), default="area", help="rows: areas or occupation groups")
    matrix.add_argument("--level", choices=("top", "sub"), default="top", help="columns: top-level codes or sub-codes")
    matrix.add_argument("--export", type=Path, help="write the matrix to FILE.xlsx or FILE.csv")
    matrix.add_argument("--row", help="edit: the cell's row (area id or occupation group)")
    matrix.add_argument("--theme", help="edit: the cell's theme (code id)")
    matrix.add_argument("--text", help="edit: the new summary (Thai)")
    matrix.add_argument("--editor", help="edit: who edits (required; there is no default editor)")
    matrix.set_defaults(func=run_matrix)


class _Inputs:
    """What every command reads: the collection's store, codings, codebook and areas."""

    def __init__(self, args: argparse.Namespace, need_store: bool = True):
        from synthesis.coding import CodingStore, load_codebook
        from synthesis.corpus import open_store
        from synthesis.corpus.areas import load_areas
        from synthesis.findings.scope import collection_codings
        from synthesis.paths import lessons_dir, work_dir

        self.collection = args.collection or args.corpus.resolve().name
        self.areas = load_areas()
        self.codebook = load_codebook()
        codings = [c for c in CodingStore(lessons_dir()).load() if not c.orphaned]
        if args.coder != "all":
            codings = [c for c in codings if c.coder == args.coder]
        store_dir = args.work or work_dir(self.collection)
        try:
            self.store = open_store(store_dir)
        except FileNotFoundError:
            if need_store:
                raise
            self.store = None
        if self.store is not None:
            self.documents = self.store.documents()
            self.segments = self.store.table("segments")
            self.codings = collection_codings(codings, self.documents)
        else:
            import pandas as pd

            self.documents, self.segments, self.codings = pd.DataFrame(columns=["doc_id", "text"]), None, codings

    def details(self):
        from synthesis.findings.evidence import coding_details

        return coding_details(self.codings, self.documents, self.segments, self.codebook)


def _fail(command: str, message: str) -> int:
    print(f"synthesis {command}: {message}", file=sys.stderr)
    return 2


def run_draft(args: argparse.Namespace) -> int:
    from synthesis.findings.cards.draft import draft_card, save_draft
    from synthesis.findings.matrix import cell_evidence
    from synthesis.findings.scope import card_path

    try:
        inputs = _Inputs(args)
    except FileNotFoundError as error:
        return _fail("cards", f"{error}")
    areas = {a.id: a for a in inputs.areas}
    if args.area not in areas:
        return _fail("cards", f"unknown area {args.area!r}; known: {', '.join(areas)}")
    placed = cell_evidence(inputs.codings, inputs.documents, inputs.codebook, inputs.areas, inputs.segments,
                           level="sub", details=inputs.details())
    rows = placed[placed["row"] == args.area].drop_duplicates("coding_id") if len(placed) else placed
    card = draft_card(areas[args.area], rows, inputs.codebook)
    target = save_draft(card, card_path(inputs.collection, args.area))
    points = sum(len(p) for p in card.sections.values())
    print(f"drafted {points} points from {len(rows)} codings ({args.coder}) of {inputs.collection!r}: {target}")
    if target.name.endswith(".draft.yaml"):
        print(f"(the card {target.with_name(args.area + '.yaml').name} was edited by a person and was left as it is)")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from synthesis.findings.cards.flags import card_flags, card_last_edited
    from synthesis.findings.scope import NO_CARDS_TH, card_path, load_collection_cards

    inputs = _Inputs(args, need_store=False)
    cards, errors = load_collection_cards(inputs.collection)
    for error in errors:
        print(f"ERROR {error}", file=sys.stderr)
    if not cards and not errors:
        print(f"{inputs.collection}: {NO_CARDS_TH}")
        return 0
    if inputs.store is None:
        print(f"(no store for {inputs.collection!r}: newer evidence is not checked; run synthesis ingest)",
              file=sys.stderr)
    details = inputs.details()
    serious = warnings = 0
    for area, card in cards.items():
        table = card_flags(card, details, card_last_edited(card, card_path(inputs.collection, area)))
        for row in table.itertuples():
            bad = row.flag in ("unsupported", "unknown_coding")
            serious += bad
            warnings += not bad
            print(f"{area}: {row.section} #{row.point}: {row.flag_th} ({row.flag}): {row.detail} — {row.text[:60]}")
    print(f"{len(cards)} cards, {serious} points without support, {warnings} other flags, {len(errors)} unreadable")
    return 1 if errors or serious else 0


def run_matrix(args: argparse.Namespace) -> int:
    from synthesis.findings.matrix import export_matrix, framework_matrix, view_key
    from synthesis.findings.matrix_edits import MatrixEditError, load_edits, save_edit
    from synthesis.findings.scope import matrix_path

    try:
        inputs = _Inputs(args)
    except FileNotFoundError as error:
        return _fail("matrix", f"{error}")
    path = matrix_path(inputs.collection)
    edits, problems = load_edits(path)
    for problem in problems:
        print(f"WARNING {problem}", file=sys.stderr)
    details = inputs.details()
    matrix = framework_matrix(inputs.codings, inputs.documents, inputs.codebook, inputs.areas, inputs.segments,
                              by=args.by, level=args.level, edits=edits, details=details)
    if args.action == "edit":
        missing = [name for name in ("row", "theme", "text", "editor") if not getattr(args, name)]
        if missing:
            return _fail("matrix", f"edit needs --{', --'.join(missing)}")
        cell = matrix[(matrix["row"] == args.row) & (matrix["theme"] == args.theme)]
        if cell.empty:
            return _fail("matrix", f"no cell ({args.row!r}, {args.theme!r}) in the {view_key(args.by, args.level)} "
                                   f"matrix; rows: {', '.join(dict.fromkeys(matrix['row']))}")
        try:
            save_edit(path, view_key(args.by, args.level), args.row, args.theme, args.text, args.editor,
                      list(cell.iloc[0]["coding_ids"]))
        except (MatrixEditError, OSError) as error:
            return _fail("matrix", str(error))
        print(f"saved the summary of ({args.row}, {args.theme}) by {args.editor} in {path}")
        return 0
    if args.export:
        from synthesis.findings.evidence import evidence_table

        ids = sorted({i for ids in matrix["coding_ids"] for i in ids})
        evidence = evidence_table(ids, inputs.codings, inputs.documents, details=details)
        try:
            written = export_matrix(matrix, args.export, evidence)
        except (ValueError, OSError) as error:
            return _fail("matrix", str(error))
        print("wrote " + ", ".join(str(p) for p in written))
        return 0
    for row in matrix.itertuples():
        if row.status == "empty":
            print(f"{row.row} × {row.theme}: ไม่มีหลักฐาน (no evidence)")
            continue
        summary = " ".join(row.summary.split())
        print(f"{row.row} × {row.theme} [{row.status}; {row.segments} ตอน {row.documents} เอกสาร "
              f"{row.informants} ผู้ให้ข้อมูล {row.coders} ผู้ลงรหัส]: {summary[:160]}")
    return 0

"""``synthesis cards``: draft a lesson card from the codings, or check the cards."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    cards = subparsers.add_parser("cards", help="lesson cards: draft one from the codings, or check them")
    actions = cards.add_subparsers(dest="cards_command", metavar="ACTION", required=True)

    draft = actions.add_parser("draft", help="draft lessons/cards/<area>.yaml from the coded quotes")
    draft.add_argument("--area", required=True, help="area slug from lessons/areas.yaml")
    draft.add_argument("--corpus", type=Path, default=Path("corpora/demo"), help="corpus folder (default: corpora/demo)")
    draft.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
    draft.add_argument("--coder", default="consensus", help="whose codings (default: consensus)")
    draft.set_defaults(func=run_draft)

    check = actions.add_parser("check", help="list card points that no coding supports")
    check.set_defaults(func=run_check)


def run_draft(args: argparse.Namespace) -> int:
    from synthesis.analysis.cards import draft_card, save_card
    from synthesis.analysis.codes import coded_quotes
    from synthesis.coding import CodingStore, load_codebook
    from synthesis.corpus import open_store
    from synthesis.corpus.areas import load_areas
    from synthesis.paths import lessons_dir, work_dir

    areas = {area.id: area for area in load_areas()}
    if args.area not in areas:
        print(f"synthesis cards: unknown area {args.area!r}; known: {', '.join(areas)}", file=sys.stderr)
        return 2
    store_dir = args.work or work_dir(args.corpus.resolve().name)
    try:
        store = open_store(store_dir)
    except FileNotFoundError as error:
        print(f"synthesis cards: {error}", file=sys.stderr)
        return 2
    book = load_codebook()
    codings = [c for c in CodingStore(lessons_dir()).load(args.coder) if not c.orphaned]
    quotes = coded_quotes(codings, store.documents(), area=args.area)
    ids = {(c.doc_id, c.start, c.end, c.code_id, c.coder): c.coding_id for c in codings}
    quotes["coding_id"] = [ids[key] for key in zip(quotes["doc_id"], quotes["start"], quotes["end"],
                                                   quotes["code_id"], quotes["coder"])]
    quotes["code_name"] = quotes["code_id"].map(lambda c: book.label(c) if c in book else c)
    area = areas[args.area]
    card = draft_card(args.area, f"บทเรียน{area.occupation_th} ตำบล{area.tambon} จังหวัด{area.province}", quotes)
    folder = lessons_dir() / "cards"
    target = folder / f"{args.area}.yaml"
    if target.exists():  # never overwrite a card a person has edited
        target = folder / f"{args.area}.draft.yaml"
    save_card(card, target)
    points = sum(len(p) for p in card.sections.values())
    print(f"drafted {points} points from {len(quotes)} coded quotes of {args.coder!r}: {target}")
    if target.name.endswith(".draft.yaml"):
        print(f"(lessons/cards/{args.area}.yaml exists and was left as it is)")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from synthesis.analysis.cards import load_cards, unsupported_points
    from synthesis.coding import CodingStore
    from synthesis.paths import lessons_dir

    cards, errors = load_cards(lessons_dir() / "cards")
    known = [c.coding_id for c in CodingStore(lessons_dir()).load() if not c.orphaned]
    for error in errors:
        print(f"ERROR {error}", file=sys.stderr)
    weak = 0
    for area, card in cards.items():
        table = unsupported_points(card, known)
        weak += len(table)
        for row in table.itertuples():
            print(f"{area}: {row.section} #{row.point}: {row.reason}: {row.text[:80]}")
    print(f"{len(cards)} cards, {weak} points without support, {len(errors)} unreadable")
    return 1 if errors or weak else 0

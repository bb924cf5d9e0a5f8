"""``synthesis embed``, ``synthesis similar``, ``synthesis themes`` and ``synthesis machine``.

    synthesis embed --collection demo --backend e5      # embed changed documents only (ingest does it too)
    synthesis similar "ราคายางตกต่ำ รายได้ไม่พอ" --collection demo -k 5
    synthesis similar --coding 3f2a9c0d1e2b4a5c --other-areas
    synthesis themes --collection demo                  # candidate codes among uncoded units
    synthesis machine code --collection demo --min-score 0.9   # coder machine.<backend>, audited
    synthesis machine compare --collection demo         # machine coders vs each person, per code
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--collection", default="demo", help="collection name (default: demo)")
    parser.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
    parser.add_argument("--backend", help="semantic backend: tfidf or e5 "
                                          "(default: SYNTHESIS_SEMANTIC_BACKEND, else e5 when installed, else tfidf)")


def register(subparsers: argparse._SubParsersAction) -> None:
    embed = subparsers.add_parser("embed", help="embed the units of changed documents (cache beside the store)",
                                  description="Compute the semantic backend's vectors for the units of documents "
                                              "that changed (cache work/<collection>.semantic/). `synthesis ingest` "
                                              "does this itself when the semantic extra is installed or --embed is "
                                              "given; run this to retry a failed embedding or after --no-embed.")
    _common(embed)
    embed.add_argument("--threads", type=int, help="threads of the e5 engine (default: its own choice)")
    embed.set_defaults(func=run_embed)

    similar = subparsers.add_parser("similar", help="passages of other documents that say something similar",
                                    description="The units of the collection most similar to a passage or a coding.")
    similar.add_argument("text", nargs="?", help="a passage (Thai); or give --coding")
    similar.add_argument("--coding", help="a coding id: its passage, its own document left out")
    similar.add_argument("-k", type=int, default=10, help="how many passages (default 10)")
    similar.add_argument("--other-areas", action="store_true", help="only documents of other areas than the coding's")
    _common(similar)
    similar.set_defaults(func=run_similar)

    themes = subparsers.add_parser("themes", help="candidate codes: clusters of uncoded units (never applied)",
                                   description="Clusters of the units nobody coded, with typical passages and "
                                               "distinctive terms, offered as candidate codes.")
    themes.add_argument("--clusters", type=int, help="how many clusters (default: about one per 25 units, 2–12)")
    _common(themes)
    themes.set_defaults(func=run_themes)

    machine = subparsers.add_parser("machine", help="machine coders: compare them with each person",
                                    description="Machine coders (machine.*, rules) compared with each human coder.")
    actions = machine.add_subparsers(dest="machine_command", metavar="ACTION", required=True)
    compare = actions.add_parser("compare", help="per-code κ, precision and recall of each machine coder vs each person")
    _common(compare)
    compare.set_defaults(func=run_compare)
    code = actions.add_parser("code", help="code uncoded units with the best semantic suggestion (coder machine.<backend>)",
                              description="Machine codings under their own coder name, with provenance in "
                                          "lessons/machine/; a re-run replaces that machine's codings only.")
    code.add_argument("--coders", default="consensus", help="whose codings to learn from (comma-separated)")
    code.add_argument("--min-score", type=float, default=0.9, help="lowest score coded (default 0.9)")
    _common(code)
    code.set_defaults(func=run_code)


def _store_dir(args) -> Path:
    from synthesis.paths import work_dir

    return args.work or work_dir(args.collection)


def _backend(args):
    from synthesis.semantic.backends import BackendUnavailable, get_backend
    from synthesis.semantic.index import default_backend

    name = args.backend or default_backend()
    options = {"threads": args.threads} if name == "e5" and getattr(args, "threads", None) else {}
    try:
        return get_backend(name, **options)
    except (BackendUnavailable, KeyError) as error:
        print(f"synthesis {args.command}: {error.args[0]}", file=sys.stderr)
        return None


def run_embed(args) -> int:
    from synthesis.semantic.cache import cache_dir, embed_collection, update_cache

    backend = _backend(args)
    if backend is None:
        return 1
    store_dir = _store_dir(args)
    try:
        if backend.cached:  # only the documents the cache lacks are read
            stats = update_cache(store_dir, backend, progress=True)
        else:
            _, _, stats = embed_collection(args.collection, backend, store_dir)
    except FileNotFoundError as error:
        print(f"synthesis embed: {error}", file=sys.stderr)
        return 1
    if backend.cached:
        print(f"{stats.summary(backend.name)} (cache {cache_dir(store_dir) / (backend.name + '.parquet')})")
    else:
        print(f"{backend.name}: {stats.units} units in {stats.seconds:.1f} s (not cached: fitted on the "
              "collection each time it is used)")
    return 0


def _index(args):
    from synthesis.semantic.index import semantic_index

    backend = _backend(args)
    if backend is None:
        return None
    try:
        return semantic_index(args.collection, backend, _store_dir(args))
    except FileNotFoundError as error:
        print(f"synthesis {args.command}: {error}", file=sys.stderr)
        return None


def run_similar(args) -> int:
    from synthesis.semantic.similar import similar

    if bool(args.text) == bool(args.coding):
        print("synthesis similar: give a passage or --coding ID (one of them)", file=sys.stderr)
        return 2
    what = args.text
    if args.coding:
        from synthesis.coding import CodingStore
        from synthesis.paths import lessons_dir

        what = next((c for c in CodingStore(lessons_dir()).load() if c.coding_id == args.coding), None)
        if what is None:
            print(f"synthesis similar: no coding {args.coding!r} in lessons/codings/", file=sys.stderr)
            return 1
    index = _index(args)
    if index is None:
        return 1
    try:
        found = similar(what, args.collection, k=args.k, other_areas=args.other_areas, index=index)
    except ValueError as error:
        print(f"synthesis similar: {error}", file=sys.stderr)
        return 1
    print(found.assign(text=found["text"].str.replace("\n", " ")).to_string(index=False))
    return 0


def run_themes(args) -> int:
    from synthesis.semantic.themes import discover_themes

    index = _index(args)
    if index is None:
        return 1
    themes = discover_themes(args.collection, clusters=args.clusters, index=index, codings=_codings(index))
    if themes.empty:
        print("synthesis themes: too few uncoded units to group")
        return 0
    for row in themes.itertuples(index=False):
        print(f"{row.theme}: {row.units} units in {row.documents} documents ({row.areas}); cohesion {row.cohesion}")
        print(f"  terms: {row.terms}")
        for doc_id, text in zip(row.typical_doc_ids, row.typical):
            print(f"  - {doc_id}: {text.replace(chr(10), ' ')[:160]}")
    print("candidates only: nothing was coded (add a code to lessons/codebook.yaml to use one)")
    return 0


def _codings(index):
    from synthesis.coding import CodingStore
    from synthesis.findings.scope import collection_codings
    from synthesis.paths import lessons_dir

    documents = index.units[["doc_id"]].drop_duplicates()
    return collection_codings(CodingStore(lessons_dir()).load(), documents)


def run_compare(args) -> int:
    from synthesis.coding.rules import documents_from_store
    from synthesis.coding.suggest import units_table
    from synthesis.corpus import open_store
    from synthesis.semantic.compare import machine_vs_humans

    try:
        documents = documents_from_store(open_store(_store_dir(args)))
    except FileNotFoundError as error:
        print(f"synthesis machine: {error}", file=sys.stderr)
        return 1
    units = units_table(documents)
    from synthesis.coding import CodingStore
    from synthesis.findings.scope import collection_codings
    from synthesis.paths import lessons_dir

    codings = collection_codings(CodingStore(lessons_dir()).load(), units[["doc_id"]].drop_duplicates())
    table = machine_vs_humans(codings, units)
    if table.empty:
        print("no machine coder (machine.* or rules) shares documents with a person yet")
        return 0
    print(table.round(3).to_string(index=False))
    return 0


def run_code(args) -> int:
    from synthesis.semantic.autocode import code_units

    backend = _backend(args)
    if backend is None:
        return 1
    coders = [c for c in args.coders.split(",") if c]
    try:
        added = code_units(args.collection, backend, coders, args.min_score, _store_dir(args))
    except (FileNotFoundError, ValueError) as error:
        print(f"synthesis machine code: {error}", file=sys.stderr)
        return 1
    print(f"machine.{backend.name}: {len(added)} codings (score ≥ {args.min_score}), "
          f"provenance in lessons/machine/machine.{backend.name}.provenance.jsonl")
    return 0

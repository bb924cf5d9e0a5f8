"""Commands of the coding engine.

- ``synthesis codings check``: re-anchor every coding against the corpus store; list orphans.
- ``synthesis code --rules``: apply the codebook's rules, writing ``lessons/codings/rules.jsonl``.
- ``synthesis agree --coders a,b``: agreement per code and the disagreement table.
- ``synthesis reconcile --coders a,b``: write the agreed codings as coder ``consensus``.
- ``synthesis suggest --coders consensus``: codes proposed for uncoded segments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _corpus_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=Path("corpora/demo"),
                        help="corpus folder, or its store folder work/<collection> (default: corpora/demo)")
    parser.add_argument("--work", type=Path, help="store folder (default: work/<collection>)")
    parser.add_argument("--lessons", type=Path, help="lessons folder (default: lessons/ of the project)")


def register(subparsers: argparse._SubParsersAction) -> None:
    codings = subparsers.add_parser("codings", help="check the codings store against the corpus")
    actions = codings.add_subparsers(dest="action", metavar="ACTION")
    check = actions.add_parser("check", help="re-anchor codings to the current texts and list orphans")
    _corpus_arguments(check)
    check.add_argument("--write", action="store_true",
                       help="save moved codings and orphan flags (default: only report)")
    check.set_defaults(func=run_check)
    codings.set_defaults(func=lambda args: codings.print_help() or 2)

    code = subparsers.add_parser("code", help="auto-code the corpus with the codebook's rules")
    _corpus_arguments(code)
    code.add_argument("--rules", action="store_true", required=True, help="apply the codebook's rules")
    code.add_argument("--codebook", type=Path, help="codebook file (default: lessons/codebook.yaml)")
    code.set_defaults(func=run_rules)

    agree = subparsers.add_parser(
        "agree", help="agreement between coders and their disagreements",
        description="Compare the codings of two or more coders unit by unit: Cohen's κ per pair, Fleiss' κ, "
                    "Krippendorff's α, and the table of units where they disagree, to settle with `synthesis reconcile`.")
    _corpus_arguments(agree)
    agree.add_argument("--coders", required=True, help="two or more coders, comma-separated")
    agree.add_argument("--unit", default="segment", choices=("segment", "paragraph", "document"),
                       help="what a coder's decision is compared on: a segment (sentence or turn), a paragraph or a whole document (default: segment)")
    agree.add_argument("--skip-uncoded", action="store_true", help="leave out units no coder coded")
    agree.add_argument("--limit", type=int, default=40, help="disagreements shown (default: 40)")
    agree.add_argument("--csv", type=Path, help="also write the disagreement table to this CSV file")
    agree.set_defaults(func=run_agree)

    reconcile = subparsers.add_parser("reconcile", help="write the agreed codings as a consensus coder")
    _corpus_arguments(reconcile)
    reconcile.add_argument("--coders", required=True, help="coders to reconcile, comma-separated")
    reconcile.add_argument("--unit", default="segment", choices=("segment", "paragraph", "document"),
                           help="what a coder's decision is compared on: a segment (sentence or turn), a paragraph or a whole document (default: segment)")
    reconcile.add_argument("--decisions", type=Path,
                           help="CSV of the disagreement table with a 'decision' column (codes kept, '; ')")
    reconcile.add_argument("--policy", default="agreed", choices=("agreed", "majority", "any"),
                           help="which codes a unit keeps without a decision: those every coder gave "
                                "(agreed, the default), those most coders gave (majority) or any coder's (any)")
    reconcile.add_argument("--into", default="consensus", help="coder name to write (default: consensus)")
    reconcile.set_defaults(func=run_reconcile)

    suggest = subparsers.add_parser("suggest", help="codes proposed for uncoded segments")
    _corpus_arguments(suggest)
    suggest.add_argument("--coders", default="consensus", help="whose codings to learn from")
    suggest.add_argument("--top", type=int, default=20, help="suggestions shown (default: 20)")
    suggest.add_argument("--min-score", type=float, default=0.5,
                         help="leave out suggestions scored below this, from 0 to 1 (default: 0.5)")
    suggest.set_defaults(func=run_suggest)


# shared set-up ---------------------------------------------------------------------------------
def _store(args):
    from synthesis.corpus import open_store
    from synthesis.paths import work_dir

    corpus = args.corpus
    if args.work:
        return open_store(args.work)
    if (corpus / "manifest.json").is_file():
        return open_store(corpus)
    return open_store(work_dir(corpus.resolve().name))


def _coding_store(args):
    from synthesis.coding.codings import CodingStore
    from synthesis.paths import lessons_dir

    return CodingStore(args.lessons or lessons_dir())


def _load(store) -> list:
    codings = store.load()
    for problem in store.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return codings


def _coders(text: str) -> list[str]:
    """Coder names from ``a,b``; raises :class:`CoderNameError` (a clear message) for a bad one."""
    from synthesis.coding.codings import check_coder_name

    try:
        return [check_coder_name(name.strip()) for name in text.split(",") if name.strip()]
    except ValueError as error:
        raise CoderNameError(str(error)) from None


class CoderNameError(ValueError):
    """A coder name given on the command line that could not be a file name."""


def _fail(message: str) -> int:
    print(f"synthesis: {message}", file=sys.stderr)
    return 2


# commands --------------------------------------------------------------------------------------
def run_check(args) -> int:
    from synthesis.coding.anchor import orphans, reanchor
    from synthesis.coding.codebook import CodebookError

    try:
        corpus = _store(args)
    except FileNotFoundError as error:
        return _fail(str(error))
    store = _coding_store(args)
    codings = _load(store)
    try:
        from synthesis.coding.codebook import load_codebook
        from synthesis.coding.codings import check_against_codebook

        book = load_codebook(store.lessons_dir / "codebook.yaml" if args.lessons else None)
        for warning in check_against_codebook(codings, book):
            print(f"warning: {warning}", file=sys.stderr)
    except CodebookError as error:
        print(f"warning: {error}", file=sys.stderr)
    documents = corpus.documents(columns=["doc_id", "text"])
    results = reanchor(codings, documents)
    counts = {status: sum(r.status == status for r in results) for status in ("ok", "moved", "orphaned",
                                                                              "missing-document")}
    for result in results:
        if result.status == "moved":
            print(f"moved     {result.coding.coder:<12} {result.coding.coding_id} {result.coding.doc_id} {result.note}")
    lost = orphans(results)
    for result in lost:
        c = result.coding
        print(f"ORPHAN    {c.coder:<12} {c.coding_id} {c.doc_id} [{c.code_id}] «{c.quote[:60]}» ({result.note})")
    print(", ".join(f"{n} {status}" for status, n in counts.items()) + f" of {len(results)} codings")
    if args.write and (counts["moved"] or lost):
        store.save_all(r.coding for r in results if r.status != "ok")
        print(f"saved {counts['moved']} moved and {len(lost)} flagged codings")
    return 1 if lost else 0


def run_rules(args) -> int:
    from synthesis.coding.codebook import CodebookError, load_codebook
    from synthesis.coding.codings import RULES_CODER
    from synthesis.coding.rules import auto_code

    try:
        codebook = load_codebook(args.codebook)
        corpus = _store(args)
    except (CodebookError, FileNotFoundError) as error:
        return _fail(str(error))
    store = _coding_store(args)
    people = [c for c in _load(store) if c.coder != RULES_CODER]
    problems: list[str] = []
    codings = auto_code(codebook, corpus, existing=people, warnings=problems)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    store.replace_coder(RULES_CODER, codings)
    _record_rule_provenance(store, codebook, codings)
    by_code: dict[str, int] = {}
    for coding in codings:
        by_code[coding.code_id] = by_code.get(coding.code_id, 0) + 1
    for code_id, n in sorted(by_code.items(), key=lambda item: -item[1]):
        print(f"{n:5d}  {code_id}")
    print(f"{len(codings)} rule codings written to {store.path(RULES_CODER)}")
    return 0


def _record_rule_provenance(store, codebook, codings) -> None:
    """One ``coded`` line per rule coding in ``lessons/machine/rules.provenance.jsonl``: the
    rules' hash, the codebook version and the hash of the segment the rule read, as for every
    machine coder (the rules coder is one)."""
    from synthesis.coding.codings import RULES_CODER
    from synthesis.semantic.provenance import append_provenance, record, rules_identity

    identity = rules_identity(codebook)
    append_provenance(store.lessons_dir, [
        record(identity, RULES_CODER, "coded", coding.quote, doc_id=coding.doc_id, start=coding.start,
               end=coding.end, code_id=coding.code_id, coding_id=coding.coding_id) for coding in codings])


def _units(args, corpus, codings):
    from synthesis.coding.agreement import units_from_segments

    doc_ids = sorted({c.doc_id for c in codings})
    segments = corpus.table("segments", doc_ids=doc_ids)
    documents = corpus.documents(columns=["doc_id", "text"]) if args.unit == "document" else None
    if documents is not None:
        documents = documents[documents["doc_id"].isin(doc_ids)]
    return units_from_segments(segments, args.unit, documents)


def run_agree(args) -> int:
    import pandas as pd

    from synthesis.coding.agreement import agreement, disagreements

    try:
        coders = _coders(args.coders)
    except CoderNameError as error:
        return _fail(str(error))
    if len(coders) < 2:
        return _fail("agree needs at least two coders, e.g. --coders coder_a,coder_b")
    try:
        corpus = _store(args)
    except FileNotFoundError as error:
        return _fail(str(error))
    codings = [c for c in _load(_coding_store(args)) if c.coder in coders]
    missing = set(coders) - {c.coder for c in codings}
    if missing:
        return _fail(f"no codings by {', '.join(sorted(missing))}")
    units = _units(args, corpus, codings)
    table = agreement(codings, units, coders, skip_uncoded=args.skip_uncoded)
    with pd.option_context("display.width", 160, "display.max_rows", 200, "display.precision", 3):
        print(f"Agreement of {', '.join(coders)} on {table.attrs['units']} {args.unit} units "
              f"({table.attrs['uncoded_units']} uncoded: {table.attrs['uncoded']})")
        print(table.to_string(index=False))
        diffs = disagreements(codings, units, coders)
        print(f"\n{len(diffs)} units where the coders differ (first {min(len(diffs), args.limit)}):")
        shown = diffs.head(args.limit).assign(text=diffs["text"].str.slice(0, 50).str.replace("\n", " "))
        print(shown.drop(columns=["unit"]).to_string(index=False))
    if args.csv:
        from synthesis.exchange.tabular import neutralise_frame

        neutralise_frame(diffs).to_csv(args.csv, index=False)
        print(f"disagreement table written to {args.csv}")
    return 0


def run_reconcile(args) -> int:
    import pandas as pd

    from synthesis.coding.reconcile import reconcile

    try:
        coders = _coders(args.coders)
        into = _coders(args.into)
    except CoderNameError as error:
        return _fail(str(error))
    if len(coders) < 2:
        return _fail("reconcile needs at least two coders")
    if len(into) != 1:
        return _fail(f"--into takes one coder name, not {args.into!r}")
    try:
        corpus = _store(args)
    except FileNotFoundError as error:
        return _fail(str(error))
    store = _coding_store(args)
    codings = [c for c in _load(store) if c.coder in coders]
    decisions = None
    if args.decisions:
        try:
            decisions = pd.read_csv(args.decisions)
        except (OSError, ValueError) as error:
            return _fail(f"{args.decisions}: cannot read decisions ({error})")
        missing = {"doc_id", "start", "end", "decision"} - set(decisions.columns)
        if missing:
            return _fail(f"{args.decisions}: missing column(s) {', '.join(sorted(missing))}")
    agreed, open_rows = reconcile(codings, _units(args, corpus, codings), coders, decisions, args.policy, args.into)
    store.replace_coder(args.into, agreed)
    print(f"{len(agreed)} codings written as {args.into}; {len(open_rows)} disagreements left to decide")
    return 0


def run_suggest(args) -> int:
    import pandas as pd

    from synthesis.coding.rules import documents_from_store
    from synthesis.coding.suggest import suggest, train

    try:
        corpus = _store(args)
    except FileNotFoundError as error:
        return _fail(str(error))
    codings = _load(_coding_store(args))
    documents = documents_from_store(corpus)
    try:
        model = train(codings, documents, coders=_coders(args.coders))
    except ValueError as error:  # a bad coder name (CoderNameError) or nothing to learn from
        return _fail(str(error))
    table = suggest(model, documents, codings, min_score=args.min_score).head(args.top)
    with pd.option_context("display.width", 160, "display.max_colwidth", 60):
        print(table.assign(text=table["text"].str.replace("\n", " ")).to_string(index=False))
    return 0

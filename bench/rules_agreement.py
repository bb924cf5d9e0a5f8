"""How far the codebook's auto-coding rules agree with the people: rules vs ``consensus``.

Rules run on every document the consensus coder coded (without skipping what people coded),
then Cohen's κ between the two "coders" is computed per top-level code on paragraph units.
A rule is a cheap first pass, so κ well below the coders' own agreement is expected; the
number tells which rules are worth tuning. Run:

    .venv/bin/python bench/rules_agreement.py [--work work/demo]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from synthesis.coding import CodingStore, agreement, auto_code, load_codebook, units_from_segments
from synthesis.corpus import open_store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "work" / "demo")
    args = parser.parse_args()
    store = open_store(args.work)
    codebook = load_codebook(ROOT / "lessons" / "codebook.yaml")
    people = CodingStore(ROOT / "lessons").load("consensus")
    doc_ids = sorted({c.doc_id for c in people})
    rules = [c for c in auto_code(codebook, store) if c.doc_id in set(doc_ids)]
    top = [replace(c, code_id=codebook.top_of(c.code_id)) for c in people + rules if c.code_id in codebook]
    units = units_from_segments(store.table("segments", doc_ids=doc_ids), "paragraph")
    table = agreement(top, units, ["consensus", "rules"]).set_index("code_id")
    print(f"rules vs consensus on {table.attrs['units']} paragraph units of {len(doc_ids)} documents")
    print(table[["coded_by_any", "percent_agreement", "cohen_kappa"]].round(2).to_string())


if __name__ == "__main__":
    main()

"""Precision@k of code suggestions on held-back demo codings, and how long training takes.

Documents coded by the ``consensus`` coder are split into 5 folds; for each fold a model is
trained on the other folds and ranks the codes of every coded unit (sentence segment) of the
held-back documents. Precision@k = share of the k best-ranked codes that the coders gave the
unit; the baseline always proposes the k codes most frequent in training. Run:

    .venv/bin/python bench/suggest_precision.py [--work work/demo] [--coder consensus]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from synthesis.coding import CodingStore, load_codebook
from synthesis.coding.rules import documents_from_store
from synthesis.coding.suggest import precision_at_k, train
from synthesis.corpus import open_store

ROOT = Path(__file__).resolve().parents[1]


def top_level(codings, codebook):
    from dataclasses import replace

    return [replace(c, code_id=codebook.top_of(c.code_id)) if c.code_id in codebook else c for c in codings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "work" / "demo")
    parser.add_argument("--coder", default="consensus")
    args = parser.parse_args()
    store = open_store(args.work)
    documents = documents_from_store(store)
    codings = [c for c in CodingStore(ROOT / "lessons").load(args.coder)]
    codebook = load_codebook(ROOT / "lessons" / "codebook.yaml")

    import sklearn.linear_model  # noqa: F401  (import time is not training time)

    started = time.perf_counter()
    model = train(codings, documents, coders=[args.coder])
    seconds = time.perf_counter() - started
    print(f"training on {model.examples} units, {len(model.codes)} codes: {seconds:.2f} s")

    for level, chosen in (("codes", codings), ("top-level codes", top_level(codings, codebook))):
        for k in (1, 3):
            result = precision_at_k(chosen, documents, coders=[args.coder], k=k, folds=5)
            ratio = result["precision_at_k"] / result["baseline"] if result["baseline"] else float("nan")
            print(f"{level:16} precision@{k} = {result['precision_at_k']:.3f} "
                  f"(most-frequent baseline {result['baseline']:.3f}, ratio {ratio:.1f}x) "
                  f"on {result['units']} held-back coded units")


if __name__ == "__main__":
    main()

"""Cell summaries: the framework matrix's extractive rule (``synthesis.findings.summaries``,
word-set clusters scored by documents and coders) against the embedding variant
(``synthesis.semantic.summaries``: central, non-redundant sentences by cosine similarity) on
our labelled cells ``tests/data/findings/summary_cells.yaml``.

    .venv/bin/python bench/summary_compare.py [--backend tfidf --backend e5] [--json]

A chosen sentence is a hit when it is the same finding as a sentence the mentor kept
(content-word Jaccard ≥ 0.5, the matching of tests/findings/test_summaries.py), each kept
sentence matched once. Precision = hits / chosen, recall = hits / kept, over all cells.
``e5`` runs only when the optional extra is installed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
LABELLED = ROOT / "tests" / "data" / "findings" / "summary_cells.yaml"


def cells(path: Path = LABELLED):
    """``(name, segments DataFrame, kept sentences)`` of each labelled cell."""
    import pandas as pd
    import yaml

    for cell in yaml.safe_load(path.read_text(encoding="utf-8"))["cells"]:
        frame = pd.DataFrame([{"coding_id": s["id"], "doc_id": s["doc"], "coder": s["coder"], "date": s["date"],
                               "quote": s["text"]} for s in cell["segments"]])
        yield cell["name"], frame, list(cell["keep"])


def hits(chosen: list[str], kept: list[str]) -> int:
    """Chosen sentences that match a kept one (same finding), each kept sentence once."""
    from synthesis.findings.summaries import DUPLICATE_JACCARD, content_words, jaccard

    used: set[int] = set()
    for text in chosen:
        for index, keep in enumerate(kept):
            if index not in used and jaccard(content_words(text), content_words(keep)) >= DUPLICATE_JACCARD:
                used.add(index)
                break
    return len(used)


def score(summarize, path: Path = LABELLED) -> dict:
    """Precision and recall of ``summarize(frame) -> [sentence texts]`` over the labelled cells."""
    found = chosen = kept_total = 0
    started = time.perf_counter()
    per_cell = {}
    for name, frame, kept in cells(path):
        texts = summarize(frame)
        cell_hits = hits(texts, kept)
        found, chosen, kept_total = found + cell_hits, chosen + len(texts), kept_total + len(kept)
        per_cell[name] = f"{cell_hits}/{len(texts)} chosen, {cell_hits}/{len(kept)} kept"
    return {"precision": round(found / chosen, 3) if chosen else 0.0, "recall": round(found / kept_total, 3),
            "hits": found, "chosen": chosen, "kept": kept_total, "seconds": round(time.perf_counter() - started, 2),
            "cells": per_cell}


def main(argv: list[str] | None = None) -> int:
    from synthesis.findings.summaries import summarize
    from synthesis.semantic.backends import available
    from synthesis.semantic.summaries import central_summary

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", action="append", help="semantic backends to try (default: tfidf, and e5 if installed)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    backends = args.backend or ["tfidf", *(["e5"] if available("e5") else [])]
    results = {"rule (findings.summaries)": score(lambda frame: [s.text for s in summarize(frame)])}
    for backend in backends:
        if not available(backend):
            print(f"{backend}: not installed, skipped", file=sys.stderr)
            continue
        results[f"embedding ({backend})"] = score(lambda frame, b=backend: [s.text for s in central_summary(frame, b)])
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    print(f"{'method':28} precision recall  hits/chosen/kept  seconds")
    for name, row in results.items():
        print(f"{name:28} {row['precision']:9.3f} {row['recall']:6.3f}  {row['hits']}/{row['chosen']}/{row['kept']:<10} "
              f"{row['seconds']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

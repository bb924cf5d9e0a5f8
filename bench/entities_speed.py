"""CPU time of the rule entities (``find_entities`` without the CRF) on the demo corpus.

    .venv/bin/python bench/entities_speed.py            # ≥ 1 MB, best of 3
    .venv/bin/python bench/entities_speed.py --mb 5 --repeat 5

The documents are those of ``bench/thai_throughput.py`` (the demo corpus repeated until it
holds ``--mb`` MB of UTF-8), normalized as ``analyze`` does, processed one by one. Printed:
each finder alone (dates, numbers, places, orgs, persons: each on its own, so each pays its
own scan of the text), then ``find_entities`` as ``analyze`` calls it, then the time of
``find_entities`` beyond the finders (overlap resolution, snapping, building), and the
speed-up of ``find_entities`` against the baseline below. Times are ``time.process_time``
(CPU, best of ``--repeat``), in seconds per MB of UTF-8, so that runs of other sizes compare.

Baseline, recorded before the speed work (same machine, 1 MB, 363,708 characters, 102
documents; s per MB):

    dates 0.043  numbers 0.115  places 0.088  orgs 0.025  persons 0.045  find_entities 0.360
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthesis  # noqa: F401,E402  (offline PyThaiNLP before it is imported)
from thai_throughput import load_documents  # noqa: E402

from synthesis.thai import dates, numbers, orgs, persons, places  # noqa: E402
from synthesis.thai.entities import find_entities  # noqa: E402
from synthesis.thai.normalize import normalize  # noqa: E402

BASELINE_FIND_ENTITIES = 0.360  # s per MB, find_entities, before the speed work
BASELINE = {"dates": 0.043, "numbers": 0.115, "places": 0.088, "orgs": 0.025, "persons": 0.045}

STAGES = {
    "dates": dates.find_dates,
    "numbers": numbers.find_quantities,
    "places": places.find_places,
    "orgs": orgs.find_orgs,
    "persons": lambda text: persons.find_persons(text, None),
    "find_entities": find_entities,
}


def best_time(function, documents: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        for document in documents:
            function(document)
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="MB of UTF-8 text (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts")
    args = parser.parse_args(argv)

    documents = [normalize(text).text for text in load_documents(int(args.mb * 1_000_000))]
    mb = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    for document in documents[:5]:
        find_entities(document)  # lexicons, gazetteer and patterns built outside the clock
    print(f"{len(documents)} documents, {sum(map(len, documents)):,} characters, {mb:.2f} MB; s per MB, best of {args.repeat}")
    times = {name: best_time(function, documents, args.repeat) / mb for name, function in STAGES.items()}
    for name in BASELINE:
        print(f"  {name:<14} {times[name]:.4f}   (baseline {BASELINE[name]:.3f}, {BASELINE[name] / times[name]:.1f}x)")
    total = times["find_entities"]
    beyond = max(0.0, total - sum(times[name] for name in BASELINE))
    print(f"  {'find_entities':<14} {total:.4f}   (baseline {BASELINE_FIND_ENTITIES:.3f}, {BASELINE_FIND_ENTITIES / total:.1f}x faster)")
    print(f"  {'beyond finders':<14} {beyond:.4f}   (resolve, snap, build; 0 when the shared scan makes the whole cheaper than its parts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

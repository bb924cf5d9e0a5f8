"""CPU time of the rule entities (``find_entities`` without the CRF) on the demo corpus.

    .venv/bin/python bench/entities_speed.py            # ≥ 1 MB, best of 3
    .venv/bin/python bench/entities_speed.py --mb 5 --repeat 5

The documents are those of ``bench/thai_throughput.py`` (the demo corpus repeated until it
holds ``--mb`` MB of UTF-8), normalized as ``analyze`` does, processed one by one. Printed, in
seconds per MB of UTF-8 (``time.process_time``, best of ``--repeat``), the stages of
``find_entities``: the one scan of the text for every finder's trigger words and digits,
then each finder on that scan (dates, numbers, places, orgs, persons), the overlap
resolution, the building of the kept entities; then ``find_entities`` itself, end to end,
and its speed-up against the baseline below.

Baseline, recorded before the speed work (same machine, 1 MB, 363,708 characters, 102
documents; s per MB; then each finder scanned the text with its own regexes, the scan
stage did not exist, and "resolve" was overlap resolution + snapping):

    dates 0.043  numbers 0.115  places 0.088  orgs 0.025  persons 0.045  resolve ~0.06
    find_entities 0.360

After the shared scan, rows and fast paths (same machine, under a similar load):

    scan 0.016  dates 0.012  numbers 0.032  places 0.026  orgs 0.004  persons 0.017
    resolve 0.010  build 0.016  find_entities 0.157 (2.3x); old and new code run alternately
    in one shell: 0.335-0.346 against 0.158-0.169 (2.1x)

Then, last, one run that compares in the same process, on the same documents and their tokens
(as ``analyze`` calls it): bare ``nlpo3.segment`` (the yardstick of issue 3), ``find_entities``
on the pure-Python reference paths (every ``_fast`` switched off, as ``SYNTHESIS_PURE_PYTHON=1``
does) and on the compiled twins of ``_fast_entities.pyx``. Goal: find_entities at ≥ 3.5× the
throughput of bare nlpO3. After the compiled twins (2 MB, one run, load average 1.1 on 2 cores;
the second part runs after ``tokenize`` has added its terms to the shared scan):

    scan 0.0039  dates 0.0037  numbers 0.0044  places 0.0094  orgs 0.0020  persons 0.0043
    resolve 0.0022  build 0.0072  find_entities 0.0472 (7.6x the baseline)
    with tokens: nlpo3 0.1927, pure Python 0.1817, compiled 0.0493 s per MB:
    compiled 3.68x the pure-Python path; find_entities 3.91x bare nlpO3 (pure Python 1.06x)

Since then the stages are timed as ``find_entities`` runs them: per document, each call of the
scan, each finder, the resolution and the building of entities in turn, on a fresh scan
(their sum is a little more than the end-to-end time: the clock is read nine times per
document). After the second round of compiled work (Entity objects and place rows made in C,
the scan read as two halves at once, digit runs and occurrences as C arrays, no regex or
Python call per organisation, characters read in place; 2 MB, best of 5, load average 2.0 on
2 cores):

    scan 0.0041  dates 0.0041  numbers 0.0034  places 0.0061  orgs 0.0018  persons 0.0046
    resolve 0.0025  build 0.0025  find_entities 0.0281 (12.8x the baseline)
    with tokens: nlpo3 0.1818, pure Python 0.1827, compiled 0.0316 s per MB:
    compiled 5.79x the pure-Python path; find_entities 5.76x bare nlpO3 (pure Python 1.00x)

The same round against the code it started from, run alternately (6 processes each, best of 5
passes over 1 MB, load average about 1): find_entities 0.0398 → 0.0243 s per MB (0.61x the
time; medians 0.0405 → 0.0253).
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

from synthesis.thai import dates, entities, numbers, orgs, persons, places, scan  # noqa: E402
from synthesis.thai.normalize import normalize  # noqa: E402

BASELINE = {"dates": 0.043, "numbers": 0.115, "places": 0.088, "orgs": 0.025, "persons": 0.045, "resolve": 0.06}
BASELINE_FIND_ENTITIES = 0.360  # s per MB, find_entities, before the speed work


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
        entities.find_entities(document)  # lexicons, gazetteer and automaton built outside the clock
    print(f"{len(documents)} documents, {sum(map(len, documents)):,} characters, {mb:.2f} MB; s per MB, best of {args.repeat}")

    def end_to_end(document: str) -> None:
        scan._last = None
        entities.find_entities(document)

    # first, before the stage runs below keep their scans and rows alive (a bigger heap makes
    # every full garbage collection slower)
    total = best_time(end_to_end, documents, args.repeat) / mb

    # Each stage as find_entities runs it: per document, every call of rule_rows (the scan, then
    # each finder on it) and _snapped_entities timed in turn, best of the runs per stage.
    stages = per_call_stages(documents, args.repeat)
    total_stages = 0.0
    for name, seconds in stages.items():
        seconds /= mb
        total_stages += seconds
        was = f"(baseline {BASELINE[name]:.3f}, {BASELINE[name] / seconds:.1f}x)" if name in BASELINE else ""
        print(f"  {name:<14} {seconds:.4f}   {was}")
    print(f"  {'sum of stages':<14} {total_stages:.4f}")

    print(f"  {'find_entities':<14} {total:.4f}   (baseline {BASELINE_FIND_ENTITIES:.3f}, {BASELINE_FIND_ENTITIES / total:.1f}x faster)")
    compare_with_nlpo3(documents, mb, args.repeat)
    return 0


def per_call_stages(documents: list[str], repeat: int) -> dict[str, float]:
    """Seconds per stage over ``documents`` (best of ``repeat`` runs for each stage): each call
    that ``find_entities`` makes, timed where it makes it, on a fresh scan of each document."""
    clock = time.process_time
    best: dict[str, float] = {}
    for _ in range(repeat):
        spent = dict.fromkeys(("scan", "dates", "numbers", "places", "orgs", "persons", "resolve", "build"), 0.0)
        gc.collect()
        for document in documents:
            scan._last = None
            t0 = clock()
            found = scan.scan(document)
            t1 = clock()
            rows = dates.date_rows(document, found)
            t2 = clock()
            rows += numbers.quantity_rows(document, found)
            t3 = clock()
            rows += places.place_rows(document, found)
            t4 = clock()
            rows += orgs.org_rows(document, found)
            t5 = clock()
            rows += persons.person_rows(document, None, found)
            t6 = clock()
            kept = entities._resolve_rows(rows)
            t7 = clock()
            entities._snapped_entities(document, kept)
            t8 = clock()
            for name, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6, t8 - t7)):
                spent[name] += seconds
        best = {name: min(seconds, best.get(name, seconds)) for name, seconds in spent.items()}
    return best


def compare_with_nlpo3(documents: list[str], mb: float, repeat: int) -> None:
    """Bare nlpO3, and find_entities with tokens on its Python and compiled paths, in one run."""
    import nlpo3

    from synthesis.thai.dictionary import load_dictionary
    from synthesis.thai.tokenize import _nlpo3_dict_name, tokenize

    dict_name = _nlpo3_dict_name(load_dictionary())
    tokens = {id(d): tokenize(d) for d in documents}
    modules = (scan, dates, numbers, places, orgs, persons, entities)
    compiled = {module: module._fast for module in modules}

    def with_tokens(document: str) -> None:
        scan._last = None
        entities.find_entities(document, tokens[id(document)])

    bare = best_time(lambda d: nlpo3.segment(d, dict_name), documents, repeat) / mb
    for module in modules:
        module._fast = None  # the pure-Python reference paths
    scan._last = None
    python = best_time(with_tokens, documents, repeat) / mb
    for module, fast in compiled.items():
        module._fast = fast
    scan._last = None
    fast = best_time(with_tokens, documents, repeat) / mb if None not in compiled.values() else float("nan")
    print(f"with tokens, s per MB: nlpo3.segment {bare:.4f}  find_entities pure Python {python:.4f}  compiled {fast:.4f}")
    print(f"  compiled vs pure Python {python / fast:.2f}x;  find_entities vs bare nlpO3: "
          f"pure Python {bare / python:.2f}x, compiled {bare / fast:.2f}x (goal >= 3.5x)")


if __name__ == "__main__":
    sys.exit(main())

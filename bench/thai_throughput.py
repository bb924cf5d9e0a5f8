"""Throughput and memory of the Thai text layer, as ratios measured in one run.

    .venv/bin/python bench/thai_throughput.py            # ≥ 5 MB, about a minute or two
    .venv/bin/python bench/thai_throughput.py --mb 1     # a quicker look

The text is the demo corpus (``corpora/demo``: reports, interviews, meetings) repeated until
it holds at least ``--mb`` megabytes of UTF-8, processed document by document as ingest does.
Measured on the same documents, in the same run (each timing the best CPU time of
``--repeat`` runs):

- bare ``nlpo3.segment`` on each document, and on each line (the fastest way to call it);
- ``synthesis.thai.analyze`` (normalize + tokenize + segment + entities) with the token
  strings made (what ingest stores), with every ``Token`` object made, and each stage alone;
- PyThaiNLP's default ``word_tokenize`` (newmm, pure Python);
- part-of-speech tagging (on demand only) on a sample;
- peak memory (tracemalloc) of ``analyze`` on single documents of growing size.

The compiled accelerators (``synthesis.thai.accel``) are used when built; the first line says
which. ``--pure-python`` also runs the same measurement with ``SYNTHESIS_PURE_PYTHON=1`` in a
child process and prints its ratios (the Python reference paths, for comparison).

The goal ratios are printed twice: from the best times of the table, and from ``--rounds``
paired rounds (nlpO3, analyze and ``word_tokenize`` timed one right after the other in each
round; the median of the rounds' ratios and their range), which a shared machine's drift moves
less.

Goals (issue 3): analyze ≥ 0.5× bare nlpO3, ≥ 5× PyThaiNLP word_tokenize; peak memory a
constant multiple of the text (no growth beyond it).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import synthesis  # noqa: F401  (offline PyThaiNLP before it is imported)

ROOT = Path(__file__).resolve().parents[1]

# Used when corpora/demo is absent: report-like lines of our own.
FALLBACK_LINES = [
    "รายงานกิจกรรมกลุ่มจักสานกระจูด ตำบลโคกเคียน อำเภอเมืองนราธิวาส จังหวัดนราธิวาส",
    "วันที่ 12 สิงหาคม 2565 เวลา 09.00-12.00 น. ณ ศาลาประชาคมหมู่ที่ 3",
    "1. สมาชิกกลุ่มจำนวน 24 คน ร่วมสำรวจความเสี่ยงจากการทำงาน ร้อยละ 60 เป็นผู้ประกันตนตามมาตรา 40",
    "2) นางสาวสุดารัตน์ ทองคำ พี่เลี้ยงจังหวัด อธิบายบทบาทของกองทุนหลักประกันสุขภาพ อบต.โคกเคียน",
    "ผู้ให้ข้อมูล: กลุ่มเริ่มออมเงินวันละ 20 บาท และขอรับงบประมาณ 50,000 บาท จากกองทุนฯ",
]


def load_documents(min_bytes: int) -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpora" / "demo").rglob("*")):
        if path.suffix.lower() in (".txt", ".md") and not path.name.endswith(".meta.yaml"):
            data = path.read_bytes()
            try:
                texts.append(data.decode("utf-8-sig"))
            except UnicodeDecodeError:
                texts.append(data.decode("cp874", errors="replace"))
    if not texts:
        texts = ["\n\n".join(FALLBACK_LINES)]
    documents, size = [], 0
    while size < min_bytes:
        for text in texts:
            documents.append(text)
            size += len(text.encode("utf-8"))
    return documents


def each(function, *columns) -> None:
    """Call ``function`` on every document and drop the result, as a streaming ingest does
    (keeping every result alive would time Python's garbage collector, not the text layer)."""
    for arguments in zip(*columns):
        function(*arguments)


def best_time(function, repeat: int) -> float:
    """Best CPU time of this process over ``repeat`` runs (CPU time, not wall time, so that
    other programs on a shared machine disturb the ratios less)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def paired_ratios(rounds: int, functions: dict) -> dict[str, list[float]]:
    """For each name but ``analyze``: its time / analyze's time, one ratio per round.

    Timings on a shared machine drift by ±10 % within a minute; the best time of each step
    taken separately can pair one step's lucky run with another's unlucky one. Here every
    round times all steps one right after the other and keeps that round's ratios.
    """
    seconds: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            gc.collect()
            start = time.process_time()
            function()
            seconds[name].append(time.process_time() - start)
    return {
        name: [other / mine for other, mine in zip(values, seconds["analyze"])]
        for name, values in seconds.items() if name != "analyze"
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of text (default 5)")
    parser.add_argument("--repeat", type=int, default=2, help="best of N timings (default 2)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="paired rounds for the goal ratios (default 5; see paired_ratios)")
    parser.add_argument("--pure-python", action="store_true",
                        help="also measure the pure-Python paths (SYNTHESIS_PURE_PYTHON=1, child process)")
    args = parser.parse_args(argv)

    import nlpo3
    from pythainlp.tokenize import word_tokenize

    from synthesis.thai import analyze, normalize, segment, tokenize
    from synthesis.thai.dictionary import load_dictionary
    from synthesis.thai.pos import pos_tag
    from synthesis.thai.tokenize import _nlpo3_dict_name

    try:
        from synthesis.thai.entities import find_entities
    except ModuleNotFoundError:
        find_entities = None

    from synthesis.thai import accel

    built = sorted(p.stem.removeprefix("_fast_") for p in (ROOT / "src" / "synthesis" / "thai").glob("_fast_*.pyx"))
    active = [name for name in built if accel.compiled(name) is not None]
    print(f"compiled accelerators in use: {', '.join(active) or 'none'}"
          + (f" (not in use: {', '.join(sorted(set(built) - set(active)))})" if set(built) - set(active) else ""))
    documents = load_documents(int(args.mb * 1_000_000))
    total_bytes = sum(len(d.encode("utf-8")) for d in documents)
    total_chars = sum(len(d) for d in documents)
    megabytes = total_bytes / 1_000_000
    print(f"{len(documents)} documents, {megabytes:.2f} MB UTF-8, {total_chars:,} characters")

    dict_name = _nlpo3_dict_name(load_dictionary())  # same words as our tokenizer, loaded once
    analyze(documents[0])  # warm caches (dictionaries, patterns, lazy imports)
    word_tokenize(documents[0][:2000])

    normalized = [normalize(d).text for d in documents]
    tokens = [tokenize(d) for d in normalized]
    timings: dict[str, float] = {}
    timings["nlpo3.segment per document"] = best_time(
        lambda: each(lambda d: nlpo3.segment(d, dict_name), documents), args.repeat
    )
    timings["nlpo3.segment per line"] = best_time(
        lambda: each(lambda d: [nlpo3.segment(line, dict_name) for line in d.split("\n")], documents), args.repeat
    )
    # What ingest stores: analyze() and the token strings (tokens stay offsets until asked for:
    # a TokenList; the store needs each token's text, so it is made here too).
    timings["analyze()"] = best_time(lambda: each(lambda d: analyze(d).tokens.texts, documents), args.repeat)
    timings["  with Token objects"] = best_time(lambda: each(lambda d: list(analyze(d).tokens), documents), args.repeat)
    timings["  normalize"] = best_time(lambda: each(normalize, documents), args.repeat)
    timings["  tokenize"] = best_time(lambda: each(tokenize, normalized), args.repeat)
    timings["  segment"] = best_time(lambda: each(segment, normalized), args.repeat)
    if find_entities is not None:
        timings["  entities"] = best_time(
            lambda: each(find_entities, normalized, tokens), args.repeat
        )
    timings["analyze(entities=False)"] = best_time(
        lambda: each(lambda d: analyze(d, entities=False), documents), args.repeat
    )
    timings["pythainlp word_tokenize"] = best_time(lambda: each(word_tokenize, documents), 1)

    bare = min(timings["nlpo3.segment per document"], timings["nlpo3.segment per line"])
    print()
    print(f"{'step':<28}{'seconds':>9}{'MB/s':>8}{'vs bare nlpO3':>15}")
    for name, seconds in timings.items():
        print(f"{name:<28}{seconds:>9.2f}{megabytes / seconds:>8.2f}{bare / seconds:>14.2f}×")

    analyze_seconds = timings["analyze()"]
    print()
    print("ratios (goal), from the best times above")
    print(f"  analyze vs bare nlpO3 (fastest call)   {bare / analyze_seconds:6.2f}×  (≥ 0.5×)")
    print(f"  analyze vs nlpO3 per document          {timings['nlpo3.segment per document'] / analyze_seconds:6.2f}×")
    print(f"  analyze vs PyThaiNLP word_tokenize     {timings['pythainlp word_tokenize'] / analyze_seconds:6.2f}×  (≥ 5×)")
    print(f"  analyze without entities vs nlpO3      {bare / timings['analyze(entities=False)']:6.2f}×")
    if args.rounds:
        paired = paired_ratios(args.rounds, {
            "nlpo3": lambda: each(lambda d: nlpo3.segment(d, dict_name), documents),
            "analyze": lambda: each(lambda d: analyze(d).tokens.texts, documents),
            "word_tokenize": lambda: each(word_tokenize, documents),
        })
        print(f"paired rounds ({args.rounds}: nlpO3, analyze, word_tokenize one after the other; "
              "median of the rounds' ratios [lowest, highest])")
        for name, goal, ratios in (("analyze vs nlpO3 per document", "≥ 0.5×", paired["nlpo3"]),
                                   ("analyze vs PyThaiNLP word_tokenize", "≥ 5×", paired["word_tokenize"])):
            print(f"  {name:<38} {statistics.median(ratios):6.2f}×  [{min(ratios):.2f}, {max(ratios):.2f}]  ({goal})")

    # Part-of-speech tags: on demand only; cost on a sample, relative to analyze.
    sample = tokens[: max(1, len(tokens) // 20)]
    sample_bytes = sum(len(normalized[i].encode("utf-8")) for i in range(len(sample)))
    pos_seconds = best_time(lambda: each(pos_tag, sample), 1)
    pos_rate = sample_bytes / 1_000_000 / pos_seconds
    print(f"  POS tags (orchid_ud), on demand        {pos_rate:6.2f} MB/s = "
          f"{(megabytes / analyze_seconds) / pos_rate:.1f}× slower than analyze")

    # Peak memory against document length: one long document of growing size.
    print()
    print(f"{'document':>12}{'peak MB':>10}{'peak / text':>13}   (analyze; text = its str in memory)")
    corpus = "\n\n".join(documents)
    for chars in (100_000, 200_000, 400_000, 800_000):
        text = corpus[:chars]
        text_bytes = sys.getsizeof(text)
        gc.collect()
        tracemalloc.start()
        doc = analyze(text, entities=False)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del doc
        print(f"{chars:>12,}{peak / 1e6:>10.1f}{peak / text_bytes:>12.1f}×")
    for chars in (50_000, 100_000):
        text = corpus[:chars]
        gc.collect()
        tracemalloc.start()
        doc = analyze(text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{chars:>12,}{peak / 1e6:>10.1f}{peak / sys.getsizeof(text):>12.1f}×  with entities")
    if args.pure_python:
        _pure_python_ratios(args)
    return 0


def _pure_python_ratios(args) -> None:
    """The headline ratios again with the compiled accelerators switched off."""
    import os
    import subprocess

    print()
    print("pure Python (SYNTHESIS_PURE_PYTHON=1, a child process):")
    env = dict(os.environ, SYNTHESIS_PURE_PYTHON="1")
    output = subprocess.run(
        [sys.executable, __file__, "--mb", str(args.mb), "--repeat", str(args.repeat), "--rounds", str(args.rounds)],
        env=env, capture_output=True, text=True, check=True,
    ).stdout
    in_ratios = False
    for line in output.splitlines():
        if line.startswith(("step", "ratios", "paired")):
            in_ratios = True
        elif not line.strip():
            in_ratios = False
        if in_ratios:
            print("  " + line)


if __name__ == "__main__":
    sys.exit(main())

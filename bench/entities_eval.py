"""Entity quality and speed: rules + gazetteers vs the bundled CRF model vs both combined.

    .venv/bin/python bench/entities_eval.py [--fixture tests/thai/fixtures/entities_gold.txt]

Quality: exact-span precision / recall / F1 per label (PLACE ORG PERSON DATE) on our own
annotated report-like sentences (``<LABEL>text</LABEL>`` inline marks): the development set the
rules were tuned on, and a held-out set written afterwards and never tuned on. Speed: characters
per second of each path, measured in the same run: the rules on ~1 MB of the fixture sentences
(entity-dense) and of the demo corpus reports (realistic), the CRF paths on ~50 kB, with ratios
to the rules-only path.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import synthesis  # noqa: F401  (offline PyThaiNLP)
from synthesis.thai.entities import find_entities, resolve_overlaps
from synthesis.thai.ner import crf_entities
from synthesis.thai.tokenize import tokenize

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FIXTURE = ROOT / "tests" / "thai" / "fixtures" / "entities_gold.txt"
LABELS = ("PLACE", "ORG", "PERSON", "DATE")
_MARK = re.compile(r"<(PLACE|ORG|PERSON|DATE)>(.*?)</\1>")


def load_gold(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """(plain sentence, {(start, end, label)}) for every non-comment line of the fixture."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        plain, spans, pos = [], set(), 0
        length = 0
        for m in _MARK.finditer(line):
            before = line[pos : m.start()]
            plain.append(before)
            length += len(before)
            spans.add((length, length + len(m.group(2)), m.group(1)))
            plain.append(m.group(2))
            length += len(m.group(2))
            pos = m.end()
        plain.append(line[pos:])
        text = "".join(plain)
        if "<" in text and re.search(r"</?[A-Z]+>", text):
            raise ValueError(f"{path}:{number}: unbalanced entity mark")
        examples.append((text, spans))
    return examples


def rules(text, tokens):
    return find_entities(text, tokens)


def crf_only(text, tokens):
    return resolve_overlaps(crf_entities(text, tokens))


def combined(text, tokens):
    return find_entities(text, tokens, use_crf=True)


SYSTEMS = {"rules+gazetteers": rules, "CRF alone": crf_only, "combined": combined}


def score(system, examples) -> dict[str, tuple[float, float, float, int]]:
    counts = {label: Counter() for label in LABELS}
    for text, gold in examples:
        tokens = tokenize(text)
        predicted = {(e.start, e.end, e.label) for e in system(text, tokens) if e.label in LABELS}
        for label in LABELS:
            g = {s for s in gold if s[2] == label}
            p = {s for s in predicted if s[2] == label}
            counts[label]["tp"] += len(g & p)
            counts[label]["fp"] += len(p - g)
            counts[label]["fn"] += len(g - p)
    result = {}
    total = Counter()
    for label in LABELS:
        total.update(counts[label])
        result[label] = _prf(counts[label])
    result["ALL (micro)"] = _prf(total)
    return result


def _prf(c: Counter) -> tuple[float, float, float, int]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, c["tp"] + c["fn"]


def throughput(system, text: str, *, with_tokens: bool) -> float:
    """Characters per second (best of two runs); tokens are computed outside the timing."""
    tokens = tokenize(text) if with_tokens else None
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        system(text, tokens)
        best = min(best, time.perf_counter() - start)
    return len(text) / best


def nlpo3_speed(text: str) -> float | None:
    """Characters per second of bare ``nlpo3.segment`` (PyThaiNLP's word list), line by line:
    a yardstick measured in the same run, so that a loaded machine does not hide the ratio."""
    try:
        import nlpo3
        import pythainlp.corpus
    except ImportError:
        return None
    words = Path(pythainlp.corpus.__file__).parent / "words_th.txt"
    nlpo3.load_dict(str(words), "entities_eval_words")
    lines = text.splitlines()
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        for line in lines:
            nlpo3.segment(line, "entities_eval_words")
        best = min(best, time.perf_counter() - start)
    return len(text) / best


def print_table(title: str, examples) -> dict:
    n_gold = sum(len(g) for _, g in examples)
    print(f"{title}: {len(examples)} sentences, {n_gold} gold entities")
    scores = {name: score(system, examples) for name, system in SYSTEMS.items()}
    print(f"{'label':<12}" + "".join(f"{name:>22}" for name in SYSTEMS) + "   best single → combined")
    print(f"{'':<12}" + "".join(f"{'P    R    F1':>22}" for _ in SYSTEMS))
    for label in (*LABELS, "ALL (micro)"):
        row = f"{label:<12}"
        for name in SYSTEMS:
            p, r, f, _n = scores[name][label]
            row += f"{p:>12.2f} {r:.2f} {f:.2f}"
        best_single = max(scores["rules+gazetteers"][label][2], scores["CRF alone"][label][2])
        row += f"   F1 {scores['combined'][label][2] - best_single:+.2f}  (gold {scores['combined'][label][3]})"
        print(row)
    print()
    return scores


def report_text() -> str | None:
    """The demo corpus as one report-like text (realistic entity density), if present."""
    demo = ROOT / "corpora" / "demo"
    texts = []
    for path in sorted(demo.rglob("*.txt")) if demo.is_dir() else []:
        try:
            texts.append(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            continue  # a legacy-encoded file: not needed for a speed measure
    return "\n\n".join(texts) if texts else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", type=Path, action="append", help="gold file(s); default: dev + held-out")
    parser.add_argument("--rules-mb", type=float, default=1.0, help="MB of text for the rules speed run")
    args = parser.parse_args(argv)

    fixtures = args.fixture or [DEFAULT_FIXTURE, DEFAULT_FIXTURE.with_name("entities_heldout.txt")]
    all_examples = []
    for fixture in fixtures:
        examples = load_gold(fixture)
        all_examples += examples
        print_table(fixture.name, examples)

    sentences = "\n".join(text for text, _ in all_examples) + "\n"
    small = sentences * max(1, int(50_000 / len(sentences)))
    print("Throughput, one run each (best of two):")
    rows = []
    for title, text in (("fixture sentences (dense)", sentences), ("demo corpus reports", report_text())):
        if text is None:
            continue
        big = text * max(1, int(args.rules_mb * 1_000_000 / len(text.encode("utf-8"))))
        speed = throughput(rules, big, with_tokens=False)
        mb_per_s = speed * len(big.encode("utf-8")) / len(big) / 1e6
        rows.append((title, speed))
        yardstick = nlpo3_speed(big)
        versus = f", {speed / yardstick:.2f}x bare nlpo3.segment" if yardstick else ""
        print(f"  rules+gazetteers on {title:<26} {speed:>10,.0f} chars/s = {mb_per_s:.2f} MB/s UTF-8{versus}")
    rules_speed = rows[0][1]
    crf_speed = throughput(crf_only, small, with_tokens=True)
    combined_speed = throughput(combined, small, with_tokens=True)
    print(f"  CRF alone (tokens given)                    {crf_speed:>10,.0f} chars/s = {crf_speed / rules_speed:.3f}x rules")
    print(f"  combined (tokens given)                     {combined_speed:>10,.0f} chars/s = {combined_speed / rules_speed:.3f}x rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())

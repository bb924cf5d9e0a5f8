"""Tokens that fall apart: fragments of names and words per 1,000 Thai tokens.

    .venv/bin/python bench/token_fragments.py                 # labelled set + demo corpus
    .venv/bin/python bench/token_fragments.py --labelled-only # the labelled set alone (seconds)

Two measurements:

1. The labelled set ``tests/data/tokens/segmentation.tsv`` (our own sentences with their
   correct tokens; ``--labelled tests/data/tokens/segmentation_heldout.tsv`` for the held-out
   one, written after the rule was fixed). A *fragment* is a token that is a proper part of a correct token (``ฟอร์``
   of ``ฟอร์มิก``, ``โครง`` of ``โครงการ``, ``ซา`` of ``ซาลมะห์``). Also the precision and
   recall of word boundaries: the cuts inside runs of non-space characters (a cut next to
   whitespace is always right and is not counted), against the labelled cuts. By kind of
   sentence (name, loan, abbr, term, plain) and overall.
2. The demo corpus (``corpora/demo``), ingested into a temporary store. Without labels, a
   fragment is (a) a token strictly inside one part of a PERSON entity (``ซา`` inside the
   first name ``ซาลมะห์``), or (b) outside names, a token of Thai letters that the word list
   (PyThaiNLP's words and the domain dictionary) lacks and that touches another Thai-letter
   token (an unknown word standing alone, such as a speaker's letter ``ส:``, is whole). Then,
   for each pilot area, the top-20 distinctive terms (log-likelihood against the other areas,
   names left out as ``keywords`` does) are checked: a term counts as a fragment when any of
   its occurrences in the area is a fragment of kind (b). "With name parts joined" counts
   (b) alone: what remains once ``analyze`` joins each part of a PERSON entity
   (``tokenize.join_name_parts``).

Thai tokens are the tokens that hold a Thai letter. Goal (issue 16): fewer than 3 fragments
per 1,000 Thai tokens, and none among any area's top-20 distinctive terms.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import synthesis  # noqa: F401  (offline PyThaiNLP before it is imported)

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "tokens" / "segmentation.tsv"
_THAI_LETTER = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]")
_THAI_WORD = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")


# --- the labelled set ------------------------------------------------------------------------

@dataclass(frozen=True)
class Labelled:
    kind: str
    text: str
    cuts: frozenset[int]  # the correct token boundaries inside non-space runs


def read_labelled(path: Path = LABELLED) -> list[Labelled]:
    """The sentences of the labelled file (``kind<TAB>to|ken|s``; ``#`` lines are notes)."""
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, sep, marked = line.partition("\t")
        if not sep or not marked:
            raise ValueError(f"{path}:{number}: expected 'kind<TAB>sentence'")
        text, cuts = "", set()
        for part in marked.split("|"):
            if text:
                if text[-1].isspace() or part[:1].isspace():
                    raise ValueError(f"{path}:{number}: '|' next to whitespace")
                cuts.add(len(text))
            text += part
        rows.append(Labelled(kind, text, frozenset(cuts)))
    return rows


def inner_cuts(text: str, boundaries: list[int]) -> set[int]:
    """The cuts of ``boundaries`` with no whitespace on either side."""
    return {b for b in boundaries if 0 < b < len(text) and not text[b - 1].isspace() and not text[b].isspace()}


def gold_tokens(text: str, cuts: frozenset[int]) -> list[tuple[int, int]]:
    """The correct non-space tokens' ``(start, end)``."""
    tokens = []
    for run in re.finditer(r"\S+", text):
        inside = sorted(c for c in cuts if run.start() < c < run.end())
        edges = [run.start(), *inside, run.end()]
        tokens.extend(zip(edges, edges[1:]))
    return tokens


@dataclass
class Score:
    """Counts of one group of sentences."""

    thai_tokens: int = 0
    fragments: int = 0
    predicted_cuts: int = 0
    gold_cuts: int = 0
    right_cuts: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def per_thousand(self) -> float:
        return 1000 * self.fragments / self.thai_tokens if self.thai_tokens else 0.0

    @property
    def precision(self) -> float:
        return self.right_cuts / self.predicted_cuts if self.predicted_cuts else 1.0

    @property
    def recall(self) -> float:
        return self.right_cuts / self.gold_cuts if self.gold_cuts else 1.0


def score_labelled(rows: list[Labelled], boundaries_of=None) -> dict[str, Score]:
    """Scores by kind and ``"all"``; ``boundaries_of(text)`` gives the token boundaries
    (default: ``synthesis.thai.tokenize.token_boundaries``)."""
    if boundaries_of is None:
        from synthesis.thai.tokenize import token_boundaries as boundaries_of
    scores: dict[str, Score] = {"all": Score()}
    for row in rows:
        boundaries = boundaries_of(row.text)
        predicted = inner_cuts(row.text, boundaries)
        gold = gold_tokens(row.text, row.cuts)
        for score in (scores.setdefault(row.kind, Score()), scores["all"]):
            score.predicted_cuts += len(predicted)
            score.gold_cuts += len(row.cuts)
            score.right_cuts += len(predicted & row.cuts)
        for start, end in zip(boundaries, boundaries[1:]):
            token = row.text[start:end]
            if token.isspace() or not _THAI_LETTER.search(token):
                continue
            fragment = any(s <= start and end <= e and (s, e) != (start, end) for s, e in gold)
            for score in (scores[row.kind], scores["all"]):
                score.thai_tokens += 1
                if fragment:
                    score.fragments += 1
                    score.examples.append(f"{token} ({row.text[max(0, start - 8):end + 8]})")
    return scores


def boundaries_with_names_joined(text: str) -> list[int]:
    """Token boundaries as ``analyze`` gives them once each part of a PERSON entity is one
    token (``tokenize.join_name_parts``)."""
    from synthesis.thai.pipeline import analyze
    from synthesis.thai.tokenize import join_name_parts

    doc = analyze(text)
    if doc.text != text:
        raise ValueError(f"the labelled sentence changes when normalized: {text!r}")
    return join_name_parts(doc.tokens, doc.entities).boundaries


# --- the demo corpus ------------------------------------------------------------------------

def word_list() -> frozenset[str]:
    from synthesis.thai.dictionary import load_dictionary
    from synthesis.thai.tokenize import _base_words

    return _base_words() | frozenset(load_dictionary().terms) | {"ณ", "ธ"}


def document_fragments(text: str, tokens: list[tuple[int, int]], persons: list[tuple[int, int]],
                       words: frozenset[str]) -> tuple[int, list[tuple[int, int, str]]]:
    """``(Thai tokens, fragments)`` of one document: ``tokens`` its non-space tokens'
    ``(start, end)`` in order, ``persons`` its PERSON entities' spans; each fragment is
    ``(start, end, "name" or "word")`` (the rule in the module notes)."""
    parts = []
    for start, end in persons:
        parts.extend((start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end]))
    parts.sort()
    thai, found = 0, []
    for index, (start, end) in enumerate(tokens):
        token = text[start:end]
        if not _THAI_LETTER.search(token):
            continue
        thai += 1
        part = _containing(parts, start, end)
        if part is not None:
            if part != (start, end):
                found.append((start, end, "name"))
            continue
        if _THAI_WORD.fullmatch(token) and token not in words and _touches_thai(text, tokens, index):
            found.append((start, end, "word"))
    return thai, found


def _containing(parts: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    from bisect import bisect_right

    at = bisect_right(parts, (start, float("inf"))) - 1
    if at >= 0 and parts[at][0] <= start and end <= parts[at][1]:
        return parts[at]
    return None


def _touches_thai(text: str, tokens: list[tuple[int, int]], index: int) -> bool:
    start, end = tokens[index]
    before = index > 0 and tokens[index - 1][1] == start and _THAI_WORD.fullmatch(text[tokens[index - 1][0]:start])
    after = index + 1 < len(tokens) and tokens[index + 1][0] == end and _THAI_WORD.fullmatch(text[end:tokens[index + 1][1]])
    return bool(before or after)


def measure_corpus(corpus: Path, work: Path, top: int = 20) -> dict:
    """Fragments per 1,000 Thai tokens in ``corpus`` and the fragments among each area's
    ``top`` distinctive terms (the store is built in ``work``)."""
    from synthesis.corpus.ingest import ingest
    from synthesis.corpus.store import open_store
    from synthesis.thai.keywords import distinctive_terms

    try:
        from synthesis.thai.keywords import without_names
        names_counted = False
    except ImportError:  # code from before names were left out (to measure "before")
        def without_names(tokens, entities):
            return tokens
        names_counted = True

    ingest(corpus, work, progress=False)
    store = open_store(work)
    documents = store.documents(columns=["doc_id", "areas", "text"])
    tokens = store.table("tokens", columns=["doc_id", "start", "end", "text"])
    entities = store.table("entities", columns=["doc_id", "start", "end", "label"])
    words = word_list()
    texts = dict(zip(documents["doc_id"], documents["text"]))
    persons = entities[entities["label"] == "PERSON"].groupby("doc_id")
    person_spans = {doc: list(zip(g["start"], g["end"])) for doc, g in persons}
    thai, kinds, fragment_terms = 0, Counter(), {}
    for doc_id, group in tokens.groupby("doc_id", sort=False):
        spans = sorted(zip(group["start"].tolist(), group["end"].tolist()))
        count, found = document_fragments(texts[doc_id], spans, person_spans.get(doc_id, []), words)
        thai += count
        kinds.update(kind for _, _, kind in found)
        for start, end, kind in found:  # names are not counted as words: only "word" ones can rank
            if kind == "word" or names_counted:
                fragment_terms.setdefault(doc_id, set()).add(texts[doc_id][start:end].lower())
    segments = store.table("segments")
    try:
        named = without_names(tokens, entities, segments=segments)  # speakers' labels are names too
    except TypeError:  # code from before speakers' labels were left out
        named = without_names(tokens, entities)
    lists = {doc: g.sort_values("start")["text"].tolist() for doc, g in named.groupby("doc_id", sort=False)}
    areas: dict[str, list[str]] = {}
    for doc_id, doc_areas in zip(documents["doc_id"], documents["areas"]):
        for area in list(doc_areas):
            areas.setdefault(area, []).append(doc_id)
    top_fragments = {}
    for area, docs in sorted(areas.items()):
        inside = set(docs)
        target = [lists.get(d, []) for d in docs]
        reference = [lists.get(d, []) for d in lists if d not in inside]
        table = distinctive_terms(target, reference).head(top)
        flagged = set().union(*(fragment_terms.get(d, set()) for d in docs)) if docs else set()
        top_fragments[area] = [term for term in table["term"] if term in flagged]
    fragments = sum(kinds.values())
    return {"thai_tokens": thai, "fragments": fragments, "by_kind": dict(kinds),
            "per_thousand_names_joined": 1000 * kinds["word"] / thai if thai else 0.0,
            "per_thousand": 1000 * fragments / thai if thai else 0.0, "top_fragments": top_fragments}


# --- report ---------------------------------------------------------------------------------

def print_labelled(scores: dict[str, Score], how: str, path: Path = LABELLED) -> None:
    print(f"labelled set ({path.name}), {how}")
    print(f"{'kind':8} {'thai tokens':>11} {'fragments':>9} {'per 1,000':>9} {'precision':>9} {'recall':>7}")
    for kind in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[kind]
        print(f"{kind:8} {s.thai_tokens:11d} {s.fragments:9d} {s.per_thousand:9.1f} {s.precision:9.3f} {s.recall:7.3f}")
    if scores["all"].examples:
        print("fragments:", "; ".join(scores["all"].examples[:25]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "demo")
    parser.add_argument("--labelled-only", action="store_true")
    args = parser.parse_args(argv)
    rows = read_labelled(args.labelled)
    print_labelled(score_labelled(rows), "tokenize()", args.labelled)
    try:
        joined = score_labelled(rows, boundaries_with_names_joined)
    except ImportError:  # code from before join_name_parts
        joined = None
    if joined is not None:
        print()
        print_labelled(joined, "analyze() with name parts joined", args.labelled)
    if args.labelled_only:
        return 0
    with tempfile.TemporaryDirectory(prefix="token-fragments-") as work:
        result = measure_corpus(args.corpus, Path(work) / "store")
    print(f"\ndemo corpus ({args.corpus}): {result['thai_tokens']} Thai tokens, {result['fragments']} fragments "
          f"({result['by_kind']}) = {result['per_thousand']:.2f} per 1,000; "
          f"with name parts joined: {result['per_thousand_names_joined']:.2f} per 1,000")
    for area, terms in result["top_fragments"].items():
        print(f"  {area}: fragments among the top-20 distinctive terms: {', '.join(terms) if terms else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

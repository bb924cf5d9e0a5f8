"""Auto-coding: apply the codebook's rules to the segments of analysed documents.

Rules work on tokens, not raw substrings: a keyword matches only where it starts and ends on
token boundaries, so ``ยา`` (medicine) never hits ``ยางพารา`` (rubber). A rule may also ask
for a term near the keyword, an entity label, a report section, a speaker or a regular
expression (run by the ``regex`` module with a time limit, so a pattern imported from another
tool that backtracks catastrophically skips its rule with a warning instead of hanging; see
:func:`unsafe_pattern` for the check at import). The unit coded is a whole segment of the rule's kind. Rule codings have origin
``rule`` and coder ``rules``; they go to their own file and a segment a person already coded
with the same code is skipped, so a rule never overwrites a person's coding.

>>> from synthesis.thai.spans import Segment, Token
>>> text = "ปลูกยางพารา"
>>> tokens = [Token(0, 4, "ปลูก"), Token(4, 7, "ยาง"), Token(7, 11, "พารา")]
>>> keyword_spans(text, tokens, "ยา"), keyword_spans(text, tokens, "ยางพารา")
([], [(4, 11)])
"""

from __future__ import annotations

import functools
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import pandas as pd
import regex

from synthesis.coding.codebook import BLOCK_KINDS, Codebook, Rule
from synthesis.coding.codings import RULES_CODER, Coding, new_coding, now_iso
from synthesis.thai.spans import Entity, Segment, Token


DEFAULT_REGEX_TIMEOUT_S = 0.5


class RuleTimeout(ValueError):
    """A rule's regular expression ran past its time limit on one segment."""


def regex_timeout() -> float:
    """Seconds one rule's regex may run on one segment (``SYNTHESIS_REGEX_TIMEOUT``, default 0.5)."""
    try:
        return max(0.001, float(os.environ.get("SYNTHESIS_REGEX_TIMEOUT", DEFAULT_REGEX_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_REGEX_TIMEOUT_S


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str):
    return regex.compile(pattern)


def rule_search(pattern: str, text: str):
    r"""``regex.search`` with the time limit; raises :class:`RuleTimeout` naming the pattern.

    >>> rule_search(r"ยาง\s*พารา", "สวนยาง พารา").group()
    'ยาง พารา'
    >>> rule_search(r"(ก|กก)+ข", "ก" * 40)
    Traceback (most recent call last):
    ...
    synthesis.coding.rules.RuleTimeout: regex '(ก|กก)+ข' ran over 0.5 s on one segment (catastrophic backtracking?); SYNTHESIS_REGEX_TIMEOUT sets the limit
    """
    limit = regex_timeout()
    try:
        return _compiled(pattern).search(text, timeout=limit)
    except TimeoutError:
        raise RuleTimeout(f"regex {pattern!r} ran over {limit:g} s on one segment (catastrophic "
                          "backtracking?); SYNTHESIS_REGEX_TIMEOUT sets the limit") from None


def unsafe_pattern(pattern: str) -> str | None:
    r"""Why ``pattern`` can backtrack catastrophically (a repeated group that itself holds an
    unbounded repeat, as in ``(a+)+``), or None. For the codebook's validation of rules.

    >>> unsafe_pattern(r"(กลุ่ม\s*)+ออมทรัพย์"), unsafe_pattern(r"ออม(ทรัพย์)?")
    ("nested repeat '(...)+' around an unbounded repeat: it can backtrack for minutes", None)
    """
    try:
        parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]
    except (re.error, RecursionError, OverflowError) as error:
        return f"does not compile ({error})"
    return _nested_repeat(parsed, inside_repeat=False)


def _nested_repeat(items, inside_repeat: bool) -> str | None:
    constants = re._constants  # type: ignore[attr-defined]
    repeats = (constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None))
    for op, value in items:
        if op in repeats:
            low, high, body = value
            unbounded = high == constants.MAXREPEAT or high > 100
            if unbounded and inside_repeat:
                return True  # type: ignore[return-value]
            inner = _nested_repeat(body, inside_repeat or unbounded)
            if inner is True and not inside_repeat:
                symbol = "+" if low >= 1 else "*"
                return f"nested repeat '(...){symbol}' around an unbounded repeat: it can backtrack for minutes"
            if inner:
                return inner
        elif op == constants.SUBPATTERN:
            inner = _nested_repeat(value[-1], inside_repeat)
            if inner:
                return inner
        elif op == constants.BRANCH:
            for branch in value[1]:
                inner = _nested_repeat(branch, inside_repeat)
                if inner:
                    return inner
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            inner = _nested_repeat(value[1], inside_repeat)
            if inner:
                return inner
    return None


@dataclass
class CodingDocument:
    """What auto-coding and suggestions need of a document: its text and spans."""

    doc_id: str
    text: str
    sha256: str
    tokens: list[Token] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


class TokenIndex:
    """Word tokens of one text with their boundaries, built once per document."""

    def __init__(self, tokens: Sequence[Token]):
        self.words = [t for t in tokens if not t.is_space]
        self.word_starts = [t.start for t in self.words]
        self.starts = set(self.word_starts)
        self.ends = {t.end for t in self.words}

    def index_of(self, offset: int) -> int:
        """Index of the word holding character ``offset``."""
        return bisect_right(self.word_starts, offset) - 1


def keyword_spans(text: str, tokens: Sequence[Token] | TokenIndex, keyword: str, start: int = 0,
                  end: int | None = None) -> list[tuple[int, int]]:
    """Where ``keyword`` occurs in ``text[start:end]`` as whole tokens (one or several)."""
    index = tokens if isinstance(tokens, TokenIndex) else TokenIndex(tokens)
    end = len(text) if end is None else end
    found, at = [], text.find(keyword, start)
    while 0 <= at and at + len(keyword) <= end:
        if at in index.starts and at + len(keyword) in index.ends:
            found.append((at, at + len(keyword)))
        at = text.find(keyword, at + 1)
    return found


def unit_fits(unit: str, kind: str) -> bool:
    """Whether a segment of ``kind`` is a unit a rule with ``unit`` codes."""
    return unit == "any" or kind == unit or (unit == "block" and kind in BLOCK_KINDS)


def segment_matches(rule: Rule, doc: CodingDocument, segment: Segment, index: TokenIndex | None = None) -> str | None:
    """Why ``rule`` matches ``segment`` (a short memo), or ``None`` when it does not."""
    if not unit_fits(rule.unit, segment.kind):
        return None
    if rule.sections and segment.section not in rule.sections:
        return None
    if rule.speaker and segment.speaker != rule.speaker:
        return None
    why = []
    if rule.keywords:
        index = index or TokenIndex(doc.tokens)
        hits = [(kw, span) for kw in rule.keywords
                for span in keyword_spans(doc.text, index, kw, segment.start, segment.end)]
        if not hits:
            return None
        if rule.near:
            near = [(term, span) for term in rule.near
                    for span in keyword_spans(doc.text, index, term, segment.start, segment.end)]
            pair = _nearest_pair(hits, near, index, rule.within)
            if pair is None:
                return None
            why.append(f"'{pair[0]}' near '{pair[1]}'")
        else:
            why.append("'" + "', '".join(sorted({kw for kw, _ in hits})) + "'")
    if rule.entities:
        labels = {e.label for e in doc.entities if e.start < segment.end and segment.start < e.end}
        if not labels & set(rule.entities):
            return None
        why.append("entity " + ", ".join(sorted(labels & set(rule.entities))))
    if rule.regex:
        match = rule_search(rule.regex, doc.text[segment.start:segment.end])
        if not match:
            return None
        why.append(f"regex '{match.group(0)}'")
    return "; ".join(why)


def _nearest_pair(hits, near, index: TokenIndex, within: int):
    for keyword, (k_start, k_end) in hits:
        k_first, k_last = index.index_of(k_start), index.index_of(k_end - 1)
        for term, (n_start, n_end) in near:
            n_first, n_last = index.index_of(n_start), index.index_of(n_end - 1)
            overlapping = n_start < k_end and k_start < n_end
            if not overlapping and max(n_first - k_last, k_first - n_last) <= within:
                return keyword, term
    return None


def _person_spans(existing: Iterable[Coding]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for coding in existing:
        if coding.origin != "rule" and not coding.orphaned:
            spans.setdefault((coding.doc_id, coding.code_id), []).append((coding.start, coding.end))
    return spans


def auto_code(codebook: Codebook, documents, existing: Iterable[Coding] = (), coder: str = RULES_CODER,
              created: str | None = None, warnings: list[str] | None = None) -> list[Coding]:
    """Rule codings for every segment a codebook rule matches.

    ``documents``: :class:`CodingDocument` objects, or a corpus store (anything with the
    ``documents``/``segments``/``tokens``/``entities`` tables, see :func:`documents_from_store`).
    ``existing``: the codings people made; a segment already coded with the same code by a
    person is skipped. A rule whose regex runs past its time limit is dropped for the rest of
    the run and a line saying which code, rule and pattern is appended to ``warnings``.
    """
    if not isinstance(documents, (list, tuple)) and hasattr(documents, "table"):
        documents = documents_from_store(documents)
    created = created or now_iso()
    people = _person_spans(existing)
    ruled = [(code, number, rule) for code in codebook for number, rule in enumerate(code.rules, 1)]
    found: dict[str, Coding] = {}
    dropped: set[tuple[str, int]] = set()
    for doc in documents:
        index = TokenIndex(doc.tokens)
        for segment in doc.segments:
            for code, number, rule in ruled:
                if (code.id, number) in dropped:
                    continue
                try:
                    why = segment_matches(rule, doc, segment, index)
                except RuleTimeout as error:
                    dropped.add((code.id, number))
                    if warnings is not None:
                        warnings.append(f"code {code.id} rule {number}: {error}; rule skipped from "
                                        f"document {doc.doc_id} on")
                    continue
                if why is None:
                    continue
                taken = people.get((doc.doc_id, code.id), ())
                if any(s < segment.end and segment.start < e for s, e in taken):
                    continue
                coding = new_coding(doc.doc_id, segment.start, segment.end, doc.text[segment.start:segment.end],
                                    doc.sha256, code.id, coder, origin="rule", memo=f"rule {number}: {why}",
                                    created=created)
                found.setdefault(coding.coding_id, coding)
    return list(found.values())


# building documents from the corpus store -----------------------------------------------------
def _records(frame: pd.DataFrame | None, doc_id: str) -> list[dict]:
    if frame is None or len(frame) == 0:
        return []
    return frame[frame["doc_id"] == doc_id].to_dict("records")


def documents_from_tables(documents: pd.DataFrame, segments: pd.DataFrame, tokens: pd.DataFrame | None = None,
                          entities: pd.DataFrame | None = None) -> list[CodingDocument]:
    """Rebuild :class:`CodingDocument` objects from the store's tables (one row a span)."""
    by_doc = {name: {k: g for k, g in frame.groupby("doc_id", sort=False)} if frame is not None and len(frame) else {}
              for name, frame in (("segments", segments), ("tokens", tokens), ("entities", entities))}
    out = []
    for row in documents.to_dict("records"):
        doc_id, text = row["doc_id"], row["text"]
        segs = by_doc["segments"].get(doc_id)
        toks = by_doc["tokens"].get(doc_id)
        ents = by_doc["entities"].get(doc_id)
        out.append(CodingDocument(
            doc_id=doc_id, text=text, sha256=row.get("sha256", ""),
            tokens=[] if toks is None else [
                Token(int(s), int(e), text[int(s):int(e)], bool(sp) if sp is not None else False)
                for s, e, sp in zip(toks["start"], toks["end"], toks.get("is_space", pd.Series([False] * len(toks))))],
            segments=[] if segs is None else [
                Segment(int(s), int(e), text[int(s):int(e)], k, _none(sec), _none(spk))
                for s, e, k, sec, spk in zip(segs["start"], segs["end"], segs["kind"],
                                             segs.get("section", pd.Series([None] * len(segs))),
                                             segs.get("speaker", pd.Series([None] * len(segs))))],
            entities=[] if ents is None else [
                Entity(int(s), int(e), text[int(s):int(e)], lab)
                for s, e, lab in zip(ents["start"], ents["end"], ents["label"])],
        ))
    return out


def _none(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def documents_from_store(store) -> list[CodingDocument]:
    """The documents of a corpus store (``synthesis.corpus.open_store``) ready for coding."""
    return documents_from_tables(store.table("documents"), store.table("segments"),
                                 store.table("tokens"), store.table("entities"))


def analyze_documents(texts: dict[str, str]) -> list[CodingDocument]:
    """Analyse raw ``{doc_id: text}`` with the Thai layer (for notebooks without a store)."""
    from synthesis.coding.anchor import text_sha256
    from synthesis.thai import analyze

    out = []
    for doc_id, text in texts.items():
        doc = analyze(text)
        out.append(CodingDocument(doc_id, doc.text, text_sha256(doc.text), doc.tokens, doc.segments, doc.entities))
    return out


__all__ = ["CodingDocument", "RuleTimeout", "analyze_documents", "auto_code", "rule_search", "unsafe_pattern", "documents_from_store", "documents_from_tables",
           "keyword_spans", "segment_matches", "TokenIndex", "unit_fits"]

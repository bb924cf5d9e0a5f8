"""One pass over a text that finds where each rule finder may start reading.

Every finder (dates, numbers, places, orgs, persons) starts where a trigger word of its own
occurs (a month name, a place prefix, an agency abbreviation, a title) or where a run of
digits starts. Scanning the text once per finder with a regex costs more than all the rest of
their work: Thai text gives a regex engine a possible first character at every other position.
Here one Aho-Corasick automaton (``ahocorasick_rs``, a DFA in Rust) holds the trigger words of
every finder and the digits, and one scan of the text finds them all; each finder then gets
exactly what ``re.finditer`` over a trie of its own words would give: the leftmost-longest
occurrences that do not overlap each other.

A finder registers its words once (:func:`register`) and asks :func:`scan` for a text's
matches; the scan of the last text is kept, so the finders that ``find_entities`` calls one
after the other on the same text share it.

>>> register("doctest", ["อ.", "ผอ.", "อำเภอ"])
>>> s = scan("ผอ.สมใจ ที่อำเภอ 12 คน")
>>> s.words("doctest"), s.digit_runs
([(0, 3), (11, 16)], [(17, 19)])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import ahocorasick_rs

from synthesis.thai.accel import compiled

DIGITS = "0123456789๐๑๒๓๔๕๖๗๘๙"
_SURROGATE = re.compile("[\ud800-\udfff]")

_SOURCES: dict[str, Callable[[], Iterable[str]]] = {}
_FIXED: dict[str, tuple[str, ...]] = {}  # words registered as a list, to spot a repeat
_automaton: tuple[ahocorasick_rs.AhoCorasick, list[tuple[str, ...]]] | None = None


def register(name: str, words: Iterable[str] | Callable[[], Iterable[str]]) -> None:
    """Declare the trigger words of finder ``name`` (a list, or a function called on first scan)."""
    global _automaton, _trie, _last
    if not callable(words):
        fixed = tuple(words)
        if name in _FIXED and _FIXED[name] == fixed:
            return  # the same words again: keep the automaton
        _FIXED[name] = fixed
        words = lambda fixed=fixed: fixed  # noqa: E731
    else:
        _FIXED.pop(name, None)
    _SOURCES[name] = words
    _automaton = _trie = _last = None  # rebuilt with the new words on the next scan


def _owners() -> dict[str, list[str]]:
    """Every trigger word (and each digit) with the finders that registered it."""
    owners: dict[str, list[str]] = {digit: [] for digit in DIGITS}  # a digit has no owner
    for name, source in _SOURCES.items():
        for word in source():
            if word:
                owners.setdefault(word, []).append(name)
    return owners


def _build() -> tuple[ahocorasick_rs.AhoCorasick, list[tuple[str, ...]]]:
    owners = _owners()
    patterns = list(owners)
    automaton = ahocorasick_rs.AhoCorasick(patterns, implementation=ahocorasick_rs.Implementation.DFA)
    return automaton, [tuple(owners[p]) for p in patterns]


class Scan:
    """The trigger words and digit runs of one text."""

    __slots__ = ("text", "runs", "_raw", "_words", "_run_list")

    def __init__(self, text: str, digit_runs, raw: dict[str, list[tuple[int, int]]]):
        self.text = text
        # the digit runs as the scan made them: a list of (start, end), or the compiled scan's
        # ``SpanArray`` (C arrays the compiled finders read; the list is made when asked for)
        self.runs = digit_runs
        self._raw = raw  # finder → every occurrence of its words, as (start, -end)
        self._words: dict[str, list[tuple[int, int]]] = {}
        self._run_list: list[tuple[int, int]] | None = digit_runs if isinstance(digit_runs, list) else None

    @property
    def digit_runs(self) -> list[tuple[int, int]]:
        """Maximal runs of ASCII or Thai digits, (start, end), in order."""
        if self._run_list is None:
            self._run_list = self.runs.as_list()
        return self._run_list

    def words(self, name: str, keep: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
        """(start, end) of the leftmost-longest, non-overlapping occurrences of ``name``'s words
        (only of the words for which ``keep(word)`` is true, when given)."""
        found = self._words.get(name) if keep is None else None
        if found is None:
            if _fast is None:
                found = self._python_words(name, keep)
            elif isinstance(self._raw, dict):  # the reference scan's (a table that could not be built)
                found = _fast.leftmost_longest(self.text, self._raw.get(name, []), keep)
            else:  # the compiled scan's occurrences, read without making a tuple of each
                found = self._raw.words(self.text, name, keep)
            if keep is None:
                self._words[name] = found
        return found

    def _python_words(self, name: str, keep: Callable[[str], bool] | None) -> list[tuple[int, int]]:
        """The reference of :meth:`words` (without its cache)."""
        found = []
        last_end = 0
        text = self.text
        for start, neg_end in sorted(self._raw.get(name, ())):  # longest first at a start
            if start >= last_end and (keep is None or keep(text[start:-neg_end])):
                last_end = -neg_end
                found.append((start, last_end))
        return found

    def ordered(self, name: str) -> list[tuple[int, int]]:
        """Every occurrence of ``name``'s words as ``(start, -end)``, sorted: by start, the
        longest first (the order a leftmost-longest reading takes them in)."""
        return sorted(self._raw.get(name, ()))

    def occurrence_array(self, name: str):
        """:meth:`occurrences` as the compiled finders read them: the compiled scan's C arrays
        (a ``SpanArray``, no tuple for each), else the list."""
        if _fast is not None and not isinstance(self._raw, dict):
            return self._raw.span_array(name)
        return self.occurrences(name)

    def occurrences(self, name: str) -> list[tuple[int, int]]:
        """(start, end) of every occurrence of ``name``'s words, overlapping ones included."""
        if _fast is not None and not isinstance(self._raw, dict):
            return self._raw.spans(name)  # the compiled scan's arrays, read in C
        return [(start, -neg_end) for start, neg_end in self._raw.get(name, ())]


_last: Scan | None = None
_fast = compiled("entities")
_trie = None  # the compiled path's trie of every finder's words (``_fast_entities.Trie``)


def scan(text: str) -> Scan:
    """The matches of every registered finder's words in ``text`` (the last text's is reused)."""
    global _last
    last = _last
    if last is not None and last.text is text:
        return last
    _last = _compiled_scan(text) if _fast is not None else _python_scan(text)
    return _last


def _compiled_scan(text: str) -> Scan:
    """:func:`_python_scan` by ``_fast_entities.scan_text``: one C walk of a trie over the text."""
    global _trie
    if _trie is None:
        try:
            _trie = _fast.Trie(_owners())
        except ValueError:  # words its table cannot hold (beyond the BMP, too many): the reference
            _trie = False
    if _trie is False:
        return _python_scan(text)
    runs, raw = _fast.scan_text(_trie, text)
    return Scan(text, runs, raw)


def _python_scan(text: str) -> Scan:
    """The reference scan: the Aho-Corasick automaton's matches, digits joined into runs."""
    global _automaton
    if _automaton is None:
        _automaton = _build()
    automaton, owners = _automaton
    runs: list[tuple[int, int]] = []
    raw: dict[str, list[tuple[int, int]]] = {}
    run_start = run_end = -1
    try:
        matches = automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # a lone surrogate: scan a copy where it is U+FFFD (same offsets)
        matches = automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)
    for index, start, end in matches:
        names = owners[index]
        if not names:  # a digit
            if start != run_end:
                if run_end >= 0:
                    runs.append((run_start, run_end))
                run_start = start
            run_end = end
            continue
        for name in names:
            spans = raw.get(name)
            if spans is None:
                raw[name] = [(start, -end)]
            else:
                spans.append((start, -end))
    if run_end >= 0:
        runs.append((run_start, run_end))
    return Scan(text, runs, raw)

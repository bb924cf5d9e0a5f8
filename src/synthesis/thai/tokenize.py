"""Word tokenization: tokens that tile the text exactly, with offsets.

Engines sit in a small registry (``ENGINES``): ``nlpo3`` (Rust newmm, the default) and
PyThaiNLP's ``newmm`` (pure Python, the fallback). Which engines import is checked once, when
this module loads; if nlpO3 is missing the default falls back to ``newmm`` with a warning.

What the engine sees and what comes back:

1. The text is cut into chunks of at most ``CHUNK_CHARS`` characters at safe places (after a
   newline, else after a space, else at a grapheme-cluster boundary): no engine ever sees one
   unbroken multi-megabyte string.
2. Each chunk goes to the engine with the domain dictionary loaded (``dictionary.py``).
3. The pieces are checked: a piece that would start inside a grapheme cluster is glued to the
   one before; a piece mixing whitespace and other characters is split (except ``ดี ๆ``,
   which the engines keep as one word); brackets, quotes and clause punctuation are split
   off words (``จ:`` → ``จ`` ``:``); a run of whitespace is one token (``is_space=True``).
4. Domain terms are made whole: a long domain term (see ``dictionary.is_hard_term``) found in
   the text becomes one token even where the engine cut it; a short one only where its ends
   already are token boundaries.
5. Unknown words are kept whole (``_mend_fragments``, one rule for both paths, below):
   where the engine cut a word it does not know into pieces, the pieces are joined again.
6. Where the engine chose the rarer of two readings of two words (``บอ|กว่า`` for
   ``บอก|ว่า``), the common one is taken (``_prefer_common_reading``, rule c below).
7. The result is a ``TokenList``: the cut positions (and the tokens' strings), from which
   ``Token`` objects are made only when asked for.

The rule of step 5, on each run of adjacent tokens made only of Thai letters (a run ends at
whitespace, punctuation, digits, Latin letters and the ends of a chunk). A token of the run is
a *fragment* when the word list (PyThaiNLP's words plus the domain dictionary) does not hold
it; a *bound syllable* when the word list holds it but it is short (at most
``BOUND_MAX_CHARS`` characters) and not a word that stands alone (a stop word, a title, a
domain term, or one of ``FREE_SHORT_WORDS``); titles (``persons.TITLES``: ก๊ะ, บัง …) count as
words that stand alone. Then:

a. a fragment that is a bare consonant (one consonant, maybe with a tone mark or ์) is the
   final consonant of the token before it when that one ends in an open vowel:
   ``แอ|ป`` → ``แอป``, ``มิ|ก`` → ``มิก``, ``เรื่อ|ง`` → ``เรื่อง``;
b. a fragment takes in the fragments and bound syllables next to it, again and again while
   the joined token is still not a word: ``ฟอร์|มิก`` → ``ฟอร์มิก``,
   ``นู|ร|ฮา|ยา|ตี`` → ``นูรฮายาตี``; it stops at words that stand alone and at joined
   tokens that are words (``ระ|บบ`` → ``ระบบ``, not ``ระบบบริหาร``).

c. two adjacent known words ``a|b`` (neither a domain term) are read ``a+x|y`` instead, where
   ``b = x+y``, ``a+x`` and ``y`` are known words and ``x`` has at most ``SHIFT_MAX_CHARS``
   characters, when that reading is clearly more common: the product of the two words'
   frequencies in the Thai National Corpus (PyThaiNLP's ``tnc_freq``, 0.5 added) is more
   than ``SHIFT_MIN_GAIN`` times the engine's. A stop word ``a`` never grows: its compounds
   (ก็ดี, ที่ตั้ง, ว่าที่) are common in the corpus, yet ``ก็|ดีขึ้น``, ``ที่|ตั้งอยู่`` are right. ``บอ|กว่า`` → ``บอก|ว่า``,
   ``พื้น|ที่อื่น`` → ``พื้นที่|อื่น``, ``นา|ยมะ`` → ``นาย|มะ``; ``ค่า|น้ำยาง`` stays
   (น้ำยาง is a domain term). The engine keeps the number of tokens; it only picks the
   reading with the shorter first word when two readings tie, which is what this undoes.

Rules a and b never join known words to each other, and only cuts inside a run are removed
or moved (to a grapheme-cluster boundary), so a token still never splits a cluster. Names made only of known syllables
(``สะ|มะ|แอ``) stay cut: they are names, which ``keywords`` leaves out of word counts.

Steps 3 and 4 run in one compiled pass over the chunk's characters (``_fast_tokenize.pyx``,
see ``synthesis.thai.accel``); the terms come from the scan of the whole text that the entity
finders share (``synthesis.thai.scan``), taken chunk by chunk. The Python reference
(``_python_chunk_tokens``, ``_python_keep_terms_whole``) does the same with a few vectorised
numpy operations per chunk; tests check that both give the same tokens.

Steps 5 and 6 are one compiled pass too (``_fast_tokenize.post_pass``, see ``_post_pass``):
each token is looked up once in a small dict of the strings seen (its class and rule c's two
flags, ``_TokenCodes``) instead of in the word tables, and a chunk with no fragment and no word
that may grow ends there; the rare work (a run to mend, a pair not answered yet) is the same
Python code on both paths. ``join_name_parts`` has its compiled twin as well. The Python
reference (``_mend_fragments``, ``_prefer_common_reading``, ``_python_join_name_parts``) is what
``SYNTHESIS_PURE_PYTHON=1`` runs; ``tests/thai/test_postpass_fast.py`` checks both give the same
tokens.

>>> [t.text for t in tokenize("แรงงานนอกระบบ ๓ คน")]
['แรงงานนอกระบบ', ' ', '๓', ' ', 'คน']
>>> words("สปสช.เขต 12 สนับสนุนกองทุนหลักประกันสุขภาพ")
['สปสช.เขต 12', 'สนับสนุน', 'กองทุนหลักประกันสุขภาพ']
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import math
import os
import re
import tempfile
import unicodedata
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import compress, islice
from pathlib import Path

import ahocorasick_rs
import numpy

from synthesis.thai import graphemes, scan
from synthesis.thai.accel import compiled
from synthesis.thai.dictionary import HARD_MIN_CHARS, Dictionary, load_dictionary
from synthesis.thai.spans import TokenList

TOKENIZER_VERSION = "2"  # 2: unknown words kept whole, the common reading of two words
CHUNK_CHARS = 4000

Segmenter = Callable[[str, Dictionary], list[str]]


# --- engines -------------------------------------------------------------------------------

def _engine_nlpo3(text: str, dictionary: Dictionary) -> list[str]:
    import nlpo3

    return nlpo3.segment(text, _nlpo3_dict_name(dictionary))


@lru_cache(maxsize=4)
def _nlpo3_dict_name(dictionary: Dictionary) -> str:
    """Load PyThaiNLP's words plus the domain terms into nlpO3 (it reads only from a file)."""
    import nlpo3

    terms = _engine_terms(dictionary)
    digest = hashlib.sha256("\n".join(terms).encode("utf-8")).hexdigest()
    name = f"synthesis-{digest[:16]}"
    folder = Path(tempfile.gettempdir()) / "synthesis-nlpo3"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    if not path.is_file():
        words = sorted(_base_words() | set(terms))
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text("\n".join(words) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    message, ok = nlpo3.load_dict(str(path), name)
    if not ok and "already" not in message.lower():
        raise RuntimeError(f"nlpO3 could not load the dictionary {path}: {message}")
    return name


@lru_cache(maxsize=1)
def _base_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _engine_newmm(text: str, dictionary: Dictionary) -> list[str]:
    from pythainlp.tokenize.newmm import segment

    return segment(text, custom_dict=_newmm_trie(dictionary))


@lru_cache(maxsize=4)
def _newmm_trie(dictionary: Dictionary):
    from pythainlp.util import Trie

    return Trie(_base_words() | set(_engine_terms(dictionary)))


def _engine_terms(dictionary: Dictionary) -> list[str]:
    """Terms made of Thai letters only: an engine given ``ทน.`` would cut ``อดทน.`` badly;
    terms with dots, digits or spaces are made whole after the engine (``_keep_terms_whole``)."""
    return [term for term in dictionary.terms if _THAI_LETTERS.fullmatch(term)]


_THAI_LETTERS = re.compile("[\u0e01-\u0e4e]+")


ENGINES: dict[str, Segmenter] = {"nlpo3": _engine_nlpo3, "newmm": _engine_newmm}
_ENGINE_MODULES = {"nlpo3": "nlpo3", "newmm": "pythainlp.tokenize.newmm"}


def _importable(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


AVAILABLE_ENGINES = tuple(name for name in ENGINES if _importable(_ENGINE_MODULES[name]))
if not AVAILABLE_ENGINES:
    raise ImportError("no Thai word tokenizer imports: install nlpo3 or pythainlp")
DEFAULT_ENGINE = "nlpo3" if "nlpo3" in AVAILABLE_ENGINES else AVAILABLE_ENGINES[0]
if DEFAULT_ENGINE != "nlpo3":
    warnings.warn("nlpo3 does not import: tokenizing with PyThaiNLP newmm (slower)", stacklevel=1)


def _resolve_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown tokenizer engine {engine!r}; choose one of {sorted(ENGINES)}")
    if engine not in AVAILABLE_ENGINES:
        return DEFAULT_ENGINE  # checked and warned at import
    return engine


# --- chunking ------------------------------------------------------------------------------

def safe_chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of pieces of at most ``size`` characters, cut after a newline, else
    after a space, else at a grapheme-cluster boundary.

    >>> safe_chunks("ab\\ncd ef", size=4)
    [(0, 3), (3, 6), (6, 8)]
    """
    spans = []
    start, length = 0, len(text)
    while start < length:
        end = start + size
        if end >= length:
            spans.append((start, length))
            break
        cut = text.rfind("\n", start, end) + 1
        if cut <= start:
            cut = max(text.rfind(" ", start, end), text.rfind("\t", start, end)) + 1
        if cut <= start:
            cut = graphemes.snap_left(text, end)
            if cut <= start:
                cut = graphemes.snap_right(text, end)
        spans.append((start, cut))
        start = cut
    return spans


# --- tokenize ------------------------------------------------------------------------------

_SPACE_SPLIT = re.compile(r"\s+|\S+")
_WHITESPACE = numpy.zeros(0x110000, dtype=bool)
_WHITESPACE[[c for c in range(0x3001) if chr(c).isspace()]] = True  # no space char lies beyond
_MAI_YAMOK = ord("ๆ")
_code_points = graphemes.code_points


def _boundaries_only(chunk: str, codes: numpy.ndarray, positions: numpy.ndarray) -> numpy.ndarray:
    """The ``positions`` (``0 < p < len``) where a cut splits no cluster."""
    risky = graphemes.may_split(codes, positions)
    if not risky.any():
        return positions
    keep = [not r or graphemes.is_boundary(chunk, p) for p, r in zip(positions.tolist(), risky.tolist())]
    return positions[numpy.array(keep, dtype=bool)]


def _add_cuts(cuts: numpy.ndarray, positions: numpy.ndarray) -> numpy.ndarray:
    """``cuts`` (sorted) with ``positions`` (any order) added where missing."""
    if not len(positions):
        return cuts
    at = numpy.minimum(numpy.searchsorted(cuts, positions), len(cuts) - 1)
    missing = positions[cuts[at] != positions]
    if not len(missing):
        return cuts
    missing = numpy.unique(missing)
    return numpy.insert(cuts, numpy.searchsorted(cuts, missing), missing)


@lru_cache(maxsize=4)
def _hard_terms_finder(dictionary: Dictionary) -> ahocorasick_rs.AhoCorasick | None:
    """Leftmost-longest matching of the hard terms (Aho-Corasick in Rust: one pass, about
    twice as fast as the equivalent trie regex on report text)."""
    terms = dictionary.hard_terms
    return ahocorasick_rs.AhoCorasick(terms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if terms else None


def _cuts(chunk: str, pieces: list[str], codes: numpy.ndarray) -> tuple[numpy.ndarray, bool]:
    """Cut positions inside ``chunk``, 0 and ``len(chunk)`` included, from the engine's pieces,
    and whether they are the pieces' own boundaries, unchanged.

    Drops a cut that would split a grapheme cluster or a run of whitespace, and adds cuts at
    the edges of whitespace runs and around punctuation where an engine glued them to words.
    Each rule is a few vectorised numpy operations over the cuts and the code points, so
    Python never walks the tokens one by one.
    """
    size = len(chunk)
    lengths = numpy.fromiter(map(len, pieces), dtype=numpy.intp, count=len(pieces))
    unchanged = int(lengths.sum()) == size
    if not unchanged:  # an engine that drops or adds text: fall back to spaces
        pieces = [part.group() for part in _SPACE_SPLIT.finditer(chunk)]
        lengths = numpy.fromiter(map(len, pieces), dtype=numpy.intp, count=len(pieces))
    cuts = numpy.zeros(len(lengths) + 1, dtype=numpy.intp)
    numpy.cumsum(lengths, out=cuts[1:])
    if not lengths.all():
        cuts, unchanged = numpy.unique(cuts), False
    if size == 0:
        return cuts[:1], False
    space = _WHITESPACE[codes]  # one flag per character, False for the final 0
    inner = cuts[1:-1]
    kept = inner[~(space[inner - 1] & space[inner])]  # engines cut "\n\n  " into three
    kept = _boundaries_only(chunk, codes, kept)
    if len(kept) != len(inner):
        cuts, unchanged = numpy.concatenate(([0], kept, [size])), False
    # Every run of whitespace is a token of its own, except before ๆ ("ดี ๆ" is one word) …
    edges = numpy.flatnonzero(space[: size - 1] != space[1:size]) + 1
    if len(edges):
        before_mai_yamok = numpy.flatnonzero(space[edges - 1] & (codes[edges] == _MAI_YAMOK))
        if len(before_mai_yamok):
            starts = before_mai_yamok - 1
            starts = starts[(starts >= 0) & space[edges[numpy.maximum(starts, 0)]]]
            edges = numpy.delete(edges, numpy.concatenate((before_mai_yamok, starts)))
    # … and so is each bracket, quote and clause punctuation mark.
    marks = [mark.start() for mark in _PUNCTUATION.finditer(chunk)]
    if marks:
        edges = numpy.concatenate((edges, marks, [m + 1 for m in marks])).astype(numpy.intp)
        edges = edges[(edges > 0) & (edges < size)]
    added = _add_cuts(cuts, _boundaries_only(chunk, codes, edges))
    return added, unchanged and added is cuts


# Brackets, quotes and clause punctuation are tokens of their own (nlpO3 returns "จ:" and
# "),"), except a comma or colon between digits (50,000 and 13:30). One character class first,
# so that the regex engine scans for it at C speed; the digit rule is a lookbehind after it.
_PUNCTUATION = re.compile(r"[()\[\]{}\"“”‘’«»;!?,:](?<![0-9๐-๙][,:](?=[0-9๐-๙]))")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _keep_terms_whole(
    chunk: str, offset: int, cuts: list[int], texts: list[str], matches: list[tuple[int, int, int]]
) -> tuple[list[int], list[str]]:
    """``cuts`` and ``texts`` (changed in place) with each hard domain term of ``matches``
    (``(pattern, start, end)`` in ``chunk``) made one token (see the module notes); ``cuts``
    are absolute (``chunk`` starts at ``offset``)."""
    if not matches or len(cuts) < 2:
        return cuts, texts
    if _fast is not None:
        return _fast.keep_terms_whole(
            chunk, offset, cuts, texts, matches, graphemes._CUT_RISK, graphemes.is_boundary, HARD_MIN_CHARS
        )
    return _python_keep_terms_whole(chunk, offset, cuts, texts, matches)


def _python_term_matches(chunk: str, finder: ahocorasick_rs.AhoCorasick | None) -> list[tuple[int, int, int]]:
    """The hard terms in ``chunk``, leftmost-longest (the reference for the compiled path,
    which reads them from the shared scan of the whole text: ``_TermsOfChunks``)."""
    if finder is None:
        return []
    try:
        return finder.find_matches_as_indexes(chunk)
    except UnicodeEncodeError:  # lone surrogates (garbled input) have no UTF-8 form
        return finder.find_matches_as_indexes(_SURROGATE.sub("\ufffd", chunk))


class _TermsOfChunks:
    """The hard terms of one text, chunk after chunk, from the shared scan of the text
    (``synthesis.thai.scan``: the entity finders read the same scan afterwards, so the text
    is walked once for both). Each chunk gets what ``_python_term_matches`` finds in it."""

    SCAN_NAME = "tokenize.hard_terms"

    def __init__(self, text: str, dictionary: Dictionary) -> None:
        _register_hard_terms(dictionary)
        self.ordered = scan.scan(text).ordered(self.SCAN_NAME)
        self.index = 0

    def of_chunk(self, start: int, end: int) -> list[tuple[int, int, int]]:
        matches, self.index = _fast.terms_of_chunk(self.ordered, self.index, start, end)
        return matches


def _register_hard_terms(dictionary: Dictionary) -> None:
    """Give the shared scan this dictionary's hard terms (at once when they are the ones it
    already has; another dictionary's terms are replaced)."""
    scan.register(_TermsOfChunks.SCAN_NAME, _hard_terms_of(dictionary))


@lru_cache(maxsize=4)
def _hard_terms_of(dictionary: Dictionary) -> tuple[str, ...]:
    return dictionary.hard_terms


def _python_keep_terms_whole(
    chunk: str, offset: int, cuts: list[int], texts: list[str], matches: list[tuple[int, int, int]]
) -> tuple[list[int], list[str]]:
    """The reference for ``_fast_tokenize.keep_terms_whole``: ``matches`` are the hard terms'
    ``(pattern, start, end)`` in ``chunk``."""
    for _, start, end in matches:  # left to right; terms never overlap
        start, end = start + offset, end + offset
        first = bisect_left(cuts, start)
        if first + 1 < len(cuts) and cuts[first] == start and cuts[first + 1] == end:
            continue  # the common case: the engine already gave the term as one token
        if not (graphemes.is_boundary(chunk, start - offset) and graphemes.is_boundary(chunk, end - offset)):
            continue
        last = bisect_right(cuts, end)
        aligned = first < len(cuts) and cuts[first] == start and cuts[last - 1] == end
        if not aligned and end - start < HARD_MIN_CHARS:
            continue  # short terms (อปท.) only where the engine already put their ends
        # the tokens from the cut at or before ``start`` to the cut at or after ``end``
        # become: [that cut, start) [start, end) [end, that cut)
        low = first if cuts[first] == start else first - 1
        high = last - 1 if cuts[last - 1] == end else last
        region = sorted({cuts[low], start, end, cuts[high]})
        texts[low:high] = [chunk[a - offset : b - offset] for a, b in zip(region, region[1:])]
        cuts[low : high + 1] = region
    return cuts, texts


def _python_chunk_tokens(chunk: str, pieces: list[str], offset: int) -> tuple[list[int], list[str]]:
    """Absolute cut positions (``offset`` … ``offset + len(chunk)``) and token strings of
    ``chunk`` from the engine's ``pieces``: the reference for ``_fast_tokenize.chunk_tokens``."""
    cuts, engine_cuts = _cuts(chunk, pieces, _code_points(chunk))
    if engine_cuts:
        texts = list(pieces)
    else:
        texts = [chunk[a:b] for a, b in zip(cuts.tolist(), cuts[1:].tolist())]
    return (cuts + offset).tolist(), texts


def _compiled_chunk_tokens(chunk: str, pieces: list[str], offset: int) -> tuple[list[int], list[str]]:
    result = _fast.chunk_tokens(chunk, pieces, offset, graphemes._CUT_RISK, graphemes.is_boundary)
    if result is None:  # an engine that drops or adds text: fall back to spaces
        pieces = [part.group() for part in _SPACE_SPLIT.finditer(chunk)]
        result = _fast.chunk_tokens(chunk, pieces, offset, graphemes._CUT_RISK, graphemes.is_boundary)
    return result


_fast = compiled("tokenize")
_chunk_tokens = _python_chunk_tokens if _fast is None else _compiled_chunk_tokens


def token_boundaries(text: str, engine: str = "nlpo3") -> list[int]:
    """Where the tokens of ``text`` start, plus ``len(text)``: ``[0, …, len(text)]``.

    >>> token_boundaries("ประชุม  สสส.")
    [0, 6, 8, 12]
    """
    return _tokenized(text, engine)[0]


def _tokenized(text: str, engine: str) -> tuple[list[int], list[str]]:
    """The token boundaries of ``text`` and the tokens' strings (the engine's own strings
    wherever a token is one of its pieces, which saves slicing them again)."""
    if not isinstance(text, str):
        raise TypeError(f"tokenize() needs a str, not {type(text).__name__}")
    segmenter = ENGINES[_resolve_engine(engine)]
    dictionary = load_dictionary()
    if _fast is not None and text:
        terms_of_chunk = _TermsOfChunks(text, dictionary).of_chunk
    else:
        finder = _hard_terms_finder(dictionary)
        terms_of_chunk = lambda start, end: _python_term_matches(text[start:end], finder)  # noqa: E731
    boundaries, texts = [0], []
    for offset, chunk_end in safe_chunks(text):
        chunk = text[offset:chunk_end] if offset or chunk_end < len(text) else text
        try:
            pieces = segmenter(chunk, dictionary)
        except Exception:  # noqa: BLE001 - an engine failing on odd input must not sink the text
            pieces = [part.group() for part in _SPACE_SPLIT.finditer(chunk)]
        cuts, chunk_texts = _chunk_tokens(chunk, pieces, offset)
        cuts, chunk_texts = _keep_terms_whole(chunk, offset, cuts, chunk_texts, terms_of_chunk(offset, chunk_end))
        cuts, chunk_texts = _post_pass(cuts, chunk_texts, dictionary)
        if offset == 0:  # the first chunk's lists become the text's (most texts are one chunk)
            boundaries, texts = cuts, chunk_texts
        else:
            boundaries.extend(islice(cuts, 1, None))
            texts.extend(chunk_texts)
    return boundaries, texts


# --- unknown words kept whole ------------------------------------------------------------

BOUND_MAX_CHARS = 3
# Short words that stand alone although the stop-word list lacks them: units and classifiers,
# time words and common verbs that sit next to names and loanwords in reports.
FREE_SHORT_WORDS = frozenset(
    "คน ปี วัน เดือน บาท ราย ครั้ง หมู่ ตัว ลำ หลัง แห่ง กลุ่ม ทุก ละ ที่ ทำ ดี ขาย ซื้อ ใช้ "
    "รถ บ้าน เงิน งาน เช้า เย็น ค่ำ หมอ".split()
)
_OTHER, _WORD, _BOUND, _FRAGMENT = 0, 1, 2, 3
_THAI_WORD_CHARS = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")
_BARE_CONSONANT = re.compile("[\u0e01-\u0e2e][\u0e48-\u0e4c]?")
_OPEN_ENDING = re.compile("[ะาิีึืุูอ][\u0e48-\u0e4b]?")  # (searched at the token's end)
_STANDALONE_LETTERS = frozenset({"ณ", "ธ"})  # one-letter words: never a piece of another
_CLASS_CACHE_LIMIT = 500_000


class _Lexicon:
    """What the mending rule asks of a token string: its class (``_OTHER``, ``_WORD``,
    ``_BOUND``, ``_FRAGMENT``), kept per string (a text's tokens repeat). Most texts hold no
    fragment: that is answered with set operations over the text's distinct strings, in C,
    without a Python step per token."""

    def __init__(self, dictionary: Dictionary) -> None:
        # titles (ก๊ะ, บัง …) are words of their own even where the word list lacks them
        self.words = _base_words() | set(dictionary.terms) | _STANDALONE_LETTERS | _titles()
        self.free = _free_words() | set(dictionary.terms)
        self.classes: dict[str, int] = {}
        self.fragments: set[str] = set()  # the strings of class _FRAGMENT among ``classes``

    def class_of(self, text: str) -> int:
        """The class of ``text`` (not kept: :meth:`classify` keeps it)."""
        if not _THAI_WORD_CHARS.fullmatch(text):
            return _OTHER
        if text not in self.words:
            return _FRAGMENT
        if len(text) <= BOUND_MAX_CHARS and text not in self.free:
            return _BOUND
        return _WORD

    def classify(self, text: str) -> int:
        kind = self.classes[text] = self.class_of(text)
        if kind == _FRAGMENT:
            self.fragments.add(text)
        return kind

    def fragments_in(self, texts: list[str]) -> set[str]:
        """The fragments among ``texts`` (every string of ``texts`` is classified after)."""
        distinct = set(texts)
        unseen = distinct.difference(self.classes)
        if unseen:
            if len(self.classes) + len(unseen) > _CLASS_CACHE_LIMIT:
                self.classes.clear()
                self.fragments.clear()
                unseen = distinct
            for text in unseen:
                self.classify(text)
        return distinct.intersection(self.fragments)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from synthesis.thai.persons import TITLES

    return frozenset(TITLES)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


@lru_cache(maxsize=1)
def _free_words() -> frozenset[str]:
    return _stopwords() | _titles() | FREE_SHORT_WORDS


@lru_cache(maxsize=4)
def _lexicon(dictionary: Dictionary) -> _Lexicon:
    return _Lexicon(dictionary)


def _mend_fragments(cuts: list[int], texts: list[str], dictionary: Dictionary) -> tuple[list[int], list[str]]:
    """``cuts`` and ``texts`` with the pieces of unknown words joined (the rule in the
    module notes); the lists themselves are returned when no piece is joined.

    The Python reference of rules a and b (the compiled post-pass, :func:`_post_pass`, gives
    the same tokens).

    >>> _mend_fragments([0, 3, 5, 6], ["กรด", "แอ", "ป"], load_dictionary())
    ([0, 3, 6], ['กรด', 'แอป'])
    """
    lexicon = _lexicon(dictionary)
    fragments = lexicon.fragments_in(texts)
    if not fragments:
        return cuts, texts
    classes = lexicon.classes
    count = len(texts)
    new_cuts, new_texts = [], []
    done, copied = 0, 0  # tokens before ``done`` are looked at, before ``copied`` copied
    for index in compress(range(count), map(fragments.__contains__, texts)):  # (C loops)
        if index < done:
            continue  # inside a run looked at already
        start = index
        while start > 0 and classes[texts[start - 1]] != _OTHER:
            start -= 1
        end = index + 1
        while end < count and classes[texts[end]] != _OTHER:
            end += 1
        done = end
        if end - start == 1:
            continue  # an unknown word standing alone (most fragments): nothing to join
        run = texts[start:end]
        mended = _mend_run(run, [classes[t] for t in run], lexicon)
        if len(mended) == len(run):
            continue  # nothing joined: the run's tokens stay as they are
        new_cuts.extend(cuts[copied:start])
        new_texts.extend(texts[copied:start])
        for size, text in mended:
            new_cuts.append(cuts[start])
            new_texts.append(text)
            start += size
        copied = end
    if not copied:
        return cuts, texts
    new_cuts.extend(cuts[copied:])
    new_texts.extend(texts[copied:])
    return new_cuts, new_texts


def _mend_run(texts: list[str], classes: list[int], lexicon: _Lexicon) -> list[tuple[int, str]]:
    """The tokens of one run of Thai-letter tokens after the rule: ``(how many of the
    engine's tokens, text)`` each, in order."""
    groups = [[1, text, kind] for text, kind in zip(texts, classes)]
    # a. a bare consonant closes the open syllable before it
    index = 1
    while index < len(groups):
        size, text, kind = groups[index]
        before = groups[index - 1][1]
        if kind == _FRAGMENT and _BARE_CONSONANT.fullmatch(text) and _OPEN_ENDING.search(before, len(before) - 2):
            _join(groups, index - 1, lexicon)
        else:
            index += 1
    # b. a fragment takes in the fragments and bound syllables next to it
    index = 0
    while index < len(groups):
        if groups[index][2] != _FRAGMENT:
            index += 1
            continue
        if index > 0 and groups[index - 1][2] in (_FRAGMENT, _BOUND):
            index -= 1
            _join(groups, index, lexicon)
        elif index + 1 < len(groups) and groups[index + 1][2] in (_FRAGMENT, _BOUND):
            _join(groups, index, lexicon)
        else:
            index += 1
    return [(size, text) for size, text, _ in groups]


SHIFT_MAX_CHARS = 4
SHIFT_MIN_GAIN = 30.0


class _Readings:
    """What rule c asks: which known words may grow by a few characters into the next token
    (``extendable``), the words' corpus frequencies (as logarithms), and each pair's answer
    (kept: a text's pairs repeat)."""

    def __init__(self, dictionary: Dictionary) -> None:
        lexicon = _lexicon(dictionary)
        self.words, self.terms = lexicon.words, frozenset(dictionary.terms)
        # first words that may grow, second words that may give their first characters
        self.extendable, self.splittable, self.log_frequency = _reading_tables(self.words, self.terms)
        self.minimum_gain = math.log(SHIFT_MIN_GAIN)
        self.answers: dict[str, dict[str, int]] = {}  # first word -> second word -> shift
        self.answer_count = 0

    def shift(self, first: str, second: str) -> int:
        """How many characters of ``second`` go to ``first`` (0: none)."""
        row = self.answers.setdefault(first, {})
        answer = row.get(second)
        if answer is None:
            answer = row[second] = self._best_shift(first, second)
            self.answer_count += 1
            if self.answer_count > _CLASS_CACHE_LIMIT:
                self.answers.clear()
                self.answer_count = 0
        return answer

    def _best_shift(self, first: str, second: str) -> int:
        words, frequency = self.words, self.log_frequency
        if second not in self.splittable or first not in self.extendable:
            return 0
        best, best_score = 0, frequency.get(first, _UNSEEN) + frequency.get(second, _UNSEEN) + self.minimum_gain
        both = first + second
        for size in range(1, min(SHIFT_MAX_CHARS, len(second) - 1) + 1):
            grown, rest = both[: len(first) + size], second[size:]
            if grown in words and rest in words and graphemes.is_boundary(both, len(grown)):
                score = frequency.get(grown, _UNSEEN) + frequency.get(rest, _UNSEEN)
                if score > best_score:
                    best, best_score = size, score
        return best


_UNSEEN = math.log(0.5)


@lru_cache(maxsize=1)
def _log_frequencies() -> dict[str, float]:
    from pythainlp.corpus import tnc

    return {word: math.log(count + 0.5) for word, count in tnc.word_freqs()}


def _build_reading_tables(words: frozenset[str], terms: frozenset[str]) -> tuple[frozenset, frozenset, dict]:
    """Rule c's tables from the word list: the words that may grow, the words that may give
    their first characters, and every TNC word's log frequency."""
    extendable, splittable = set(), set()
    for word in words:
        for size in range(1, min(SHIFT_MAX_CHARS, len(word) - 1) + 1):
            extendable.add(word[:-size])
            if word[size:] in words:
                splittable.add(word)
    return (frozenset(extendable & words) - terms - _stopwords(), frozenset(splittable) - terms,
            _log_frequencies())


READING_TABLES_FORMAT = "1"


def _reading_tables_key(words: frozenset[str], terms: frozenset[str]) -> str:
    """What the tables are built from: the TNC frequency file's bytes, the word list, the
    domain terms, the stop words and the rule's constants (any change makes a new key)."""
    from pythainlp.corpus import corpus_path

    digest = hashlib.sha256(f"{READING_TABLES_FORMAT} {TOKENIZER_VERSION} {SHIFT_MAX_CHARS}".encode())
    digest.update(Path(corpus_path(), "tnc_freq.txt").read_bytes())
    for group in (words, terms, _stopwords()):
        digest.update("\n".join(sorted(group)).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _reading_tables_file(key: str) -> Path:
    folder = Path(os.environ.get("PYTHAINLP_DATA") or Path(tempfile.gettempdir()) / "synthesis-nlpo3")
    return folder / f"synthesis-rule-c-{key[:24]}.marshal"


def _reading_tables(words: frozenset[str], terms: frozenset[str]) -> tuple[frozenset, frozenset, dict]:
    """:func:`_build_reading_tables`, kept in a compact file beside PyThaiNLP's data (keyed
    by :func:`_reading_tables_key`), so that each report kernel loads them in a few
    milliseconds instead of parsing the TNC list and walking the word list (~3 s of CPU).
    A missing, damaged or foreign file is rebuilt; a folder that cannot be written only
    costs the build. ``marshal`` holds plain strings, sets and floats: loading runs no code.

    >>> extendable, splittable, frequency = _reading_tables(frozenset({"บอก", "บอ", "ว่า", "กว่า"}), frozenset())
    >>> "บอ" in extendable, "กว่า" in splittable
    (True, True)
    """
    import marshal

    key = _reading_tables_key(words, terms)
    path = _reading_tables_file(key)
    try:
        stored_key, extendable, splittable, frequency = marshal.loads(path.read_bytes())
        if stored_key == key and isinstance(frequency, dict):
            return frozenset(extendable), frozenset(splittable), frequency
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tables = _build_reading_tables(words, terms)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps((key, *tables)))
        os.replace(temporary, path)
    except OSError:
        pass
    return tables


@lru_cache(maxsize=4)
def _readings(dictionary: Dictionary) -> _Readings:
    return _Readings(dictionary)


def _prefer_common_reading(cuts: list[int], texts: list[str], dictionary: Dictionary) -> None:
    """Rule c of the module notes, on ``cuts`` and ``texts`` in place.

    The Python reference of rule c (the compiled post-pass, :func:`_post_pass`, gives the
    same tokens).

    >>> cuts, texts = [0, 2, 6], ["บอ", "กว่า"]
    >>> _prefer_common_reading(cuts, texts, load_dictionary())
    >>> cuts, texts
    ([0, 3, 6], ['บอก', 'ว่า'])
    """
    readings = _readings(dictionary)
    splittable, row_of, no_row = readings.splittable, readings.answers.get, {}
    # Only a first word that may grow (one set lookup per token, in C: a fifth of the tokens)
    # before a second word that may give its first characters is asked about. ``map`` reads
    # ``texts`` as it goes, so a first word changed by the pair before is the one looked up.
    for index in compress(range(len(texts) - 1), map(readings.extendable.__contains__, texts)):
        second = texts[index + 1]
        if second not in splittable:
            continue
        first = texts[index]
        size = row_of(first, no_row).get(second)
        if size is None:
            size = readings.shift(first, second)
        if size:
            texts[index], texts[index + 1] = first + second[:size], second[size:]
            cuts[index + 1] += size


def _post_pass(cuts: list[int], texts: list[str], dictionary: Dictionary) -> tuple[list[int], list[str]]:
    """Rules a and b, then rule c (the module notes) on one chunk's tokens: the new
    ``(cuts, texts)``, the lists themselves where no fragment is joined.

    In Python, :func:`_mend_fragments` then :func:`_prefer_common_reading`. Compiled
    (``_fast_tokenize.post_pass``), one C pass looks each token up once in a small dict of
    the strings seen (:class:`_TokenCodes`: its class and whether rule c may grow it or take
    from it), ends at once where a chunk has no fragment and no word that may grow, and
    leaves to the same Python code what is rare: the runs to mend (:func:`_mend_run`) and
    the pairs not answered yet (:meth:`_Readings.shift`).

    >>> _post_pass([0, 2, 6, 8, 9], ["บอ", "กว่า", "แอ", "ป"], load_dictionary())
    ([0, 3, 6, 9], ['บอก', 'ว่า', 'แอป'])
    """
    if _fast is None:
        cuts, texts = _mend_fragments(cuts, texts, dictionary)
        _prefer_common_reading(cuts, texts, dictionary)
        return cuts, texts
    codes = _token_codes(dictionary)
    if len(codes.codes) + len(texts) > _CLASS_CACHE_LIMIT:
        codes.codes.clear()
    readings = codes.readings
    return _fast.post_pass(cuts, texts, codes.codes, codes.code, _mend_run, codes.lexicon, readings.answers,
                           readings.shift, codes.words_start_with_letters)


MAY_GROW, MAY_GIVE = 4, 8  # a token code's bits beside its class (bits 0-1)
_STARTS_WITH_OTHER = re.compile("^[^\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]", re.MULTILINE)


class _TokenCodes:
    """What the compiled post-pass asks of a token string, kept per string in one dict
    (a text's strings repeat; a few thousand of them, where the word tables hold tens of
    thousands): its class (``_Lexicon.class_of``), plus ``MAY_GROW`` when rule c may grow it
    (``_Readings.extendable``) and ``MAY_GIVE`` when it may give its first characters
    (``_Readings.splittable``). ``words_start_with_letters``: no word that may grow or give
    starts with a character outside ``_THAI_WORD_CHARS``, so that a token starting so has
    code 0 (class ``_OTHER``, no flag) without a lookup.

    >>> codes = _TokenCodes(load_dictionary())
    >>> codes.code("บอ") & MAY_GROW, codes.code("กว่า") & MAY_GIVE, codes.code("ป") & 3 == _FRAGMENT
    (4, 8, True)
    """

    def __init__(self, dictionary: Dictionary) -> None:
        self.lexicon, self.readings = _lexicon(dictionary), _readings(dictionary)
        self.codes: dict[str, int] = {}
        self.words_start_with_letters = _start_with_letters(self.readings.extendable | self.readings.splittable)

    def code(self, text: str) -> int:
        """The code of ``text``, kept."""
        readings = self.readings
        code = self.codes[text] = (self.lexicon.class_of(text) | (MAY_GROW if text in readings.extendable else 0)
                                   | (MAY_GIVE if text in readings.splittable else 0))
        return code


def _start_with_letters(words) -> bool:
    """Whether every one of ``words`` starts with a character of ``_THAI_WORD_CHARS``.

    >>> _start_with_letters({"บอ", "กว่า"}), _start_with_letters({"บอ", "ๆนี้"}), _start_with_letters({"บอ", "2ก"})
    (True, False, False)
    """
    return not _STARTS_WITH_OTHER.search("\n".join(words))


@lru_cache(maxsize=4)
def _token_codes(dictionary: Dictionary) -> _TokenCodes:
    return _TokenCodes(dictionary)


def _join(groups: list[list], index: int, lexicon: _Lexicon) -> None:
    """Group ``index`` and the next become one: a word when the word list holds the joined
    text, else a fragment."""
    size, text, _ = groups[index]
    next_size, next_text, _ = groups.pop(index + 1)
    joined = text + next_text
    groups[index] = [size + next_size, joined, _WORD if joined in lexicon.words else _FRAGMENT]


def tokenize(text: str, engine: str = "nlpo3") -> TokenList:
    """Tokens tiling ``text``: ``"".join(t.text for t in tokens) == text``.

    Returns a :class:`~synthesis.thai.spans.TokenList`: a sequence of ``Token`` that holds
    only the offsets until a token is asked for.

    >>> [(t.text, t.is_space) for t in tokenize("ประชุม  สสส.")]
    [('ประชุม', False), ('  ', True), ('สสส.', False)]
    """
    boundaries, texts = _tokenized(text, engine)
    return TokenList(text, boundaries, texts=texts)


_NAME_PART = re.compile(r"\S+")


def join_name_parts(tokens: TokenList, entities, labels: tuple[str, ...] = ("PERSON",)) -> TokenList:
    """``tokens`` with no cut inside a part of a name: each run of non-space characters of an
    entity of ``labels`` (``ซาลมะห์ ดอเลาะ`` has two parts) becomes one token, so that a name
    made of known syllables (``สะ|มะ|แอ``) is not counted, highlighted or coded as syllables.
    Only cuts strictly inside a part go (the part's ends stay cuts, where the tokens had them),
    so the other spans keep their token boundaries; and not the cuts around a domain term
    (``พี่เลี้ยง`` is never part of a name: an entity that runs into one, ``ชาตรีพี่เลี้ยง``,
    is read too far). ``tokens`` comes back unchanged when no part is cut.

    >>> text = "นางสาวมะนิง สะแลแม ขายกระจูด"
    >>> from synthesis.thai.spans import Entity
    >>> person = Entity(6, 18, "มะนิง สะแลแม", "PERSON")
    >>> [t.text for t in join_name_parts(tokenize(text), [person]) if not t.is_space]
    ['นางสาว', 'มะนิง', 'สะแลแม', 'ขาย', 'กระจูด']
    """
    if _fast is None:
        return _python_join_name_parts(tokens, entities, labels)
    # the compiled twin walks the entities, their parts and the cuts in C and builds the lists
    joined = _fast.join_name_parts(tokens.text, tokens.boundaries, tokens.texts, entities, labels, _domain_terms)
    if joined is None:
        return tokens
    order, kept, texts = joined
    return TokenList(tokens.text, kept, pos=None if tokens.pos is None else _without_indexes(tokens.pos, order),
                     texts=texts)


def _domain_terms() -> frozenset[str]:
    return _term_set(load_dictionary())


def _python_join_name_parts(tokens: TokenList, entities, labels: tuple[str, ...]) -> TokenList:
    """The reference for ``_fast_tokenize.join_name_parts``."""
    text, bounds = tokens.text, tokens.boundaries
    drop: set[int] = set()
    terms = None
    for entity in entities:
        if entity.label not in labels:
            continue
        low = bisect_right(bounds, entity.start)
        if low >= len(bounds) or bounds[low] >= entity.end:
            continue  # no cut inside the entity (most names): no part to look at
        for part in _NAME_PART.finditer(text, entity.start, entity.end):
            low = bisect_right(bounds, part.start())
            high = bisect_left(bounds, part.end())
            if high <= low:
                continue
            if terms is None:
                terms, texts = _domain_terms(), tokens.texts
            # the cuts strictly inside the part, but those next to a domain term
            drop.update(i for i in range(low, high) if texts[i - 1] not in terms and texts[i] not in terms)
    if not drop:
        return tokens
    order = sorted(drop)
    kept = _without_indexes(bounds, order)
    return TokenList(text, kept, pos=None if tokens.pos is None else _without_indexes(tokens.pos, order),
                     texts=_joined_texts(tokens.texts, text, bounds, order))


@lru_cache(maxsize=4)
def _term_set(dictionary: Dictionary) -> frozenset[str]:
    return frozenset(dictionary.terms)


def _joined_texts(texts: list[str], text: str, bounds: list[int], order: list[int]) -> list[str]:
    """The tokens' strings once the cuts at ``order`` (sorted indexes into ``bounds``) are
    gone: the others' strings are copied in slices (``TokenList`` would otherwise slice every
    token of the text again), each joined token is sliced from ``text``.

    >>> _joined_texts(["สะ", "มะ", "แอ", " ", "ขาย"], "สะมะแอ ขาย", [0, 2, 4, 6, 7, 10], [1, 2])
    ['สะมะแอ', ' ', 'ขาย']
    """
    joined, start, index, count = [], 0, 0, len(order)
    while index < count:
        first = last = order[index]  # a run of removed cuts first … last joins tokens first-1 … last
        while index + 1 < count and order[index + 1] == last + 1:
            index += 1
            last += 1
        joined.extend(texts[start : first - 1])
        joined.append(text[bounds[first - 1] : bounds[last + 1]])
        start = last + 1
        index += 1
    joined.extend(texts[start:])
    return joined


def _without_indexes(items: list, indexes: list[int]) -> list:
    """``items`` less the ones at ``indexes`` (sorted), copied in slices: a joined token keeps
    the tag of its first piece.

    >>> _without_indexes([0, 1, 2, 3, 4], [1, 2])
    [0, 3, 4]
    """
    kept, start = [], 0
    for index in indexes:
        kept.extend(items[start:index])
        start = index + 1
    kept.extend(items[start:])
    return kept


def is_punctuation(token_text: str) -> bool:
    """True for tokens made only of punctuation and symbols (``..``, ``,``, ``(``, ``ฯ``).

    >>> is_punctuation("..."), is_punctuation("ๆ"), is_punctuation("คน")
    (True, False, False)
    """
    return all(unicodedata.category(ch)[0] in "PSZC" for ch in token_text)


def words(text: str, engine: str = "nlpo3") -> list[str]:
    """The words of ``text``: tokens that are neither whitespace nor punctuation.

    >>> words("ผู้เข้าร่วม ..24... คน")
    ['ผู้เข้าร่วม', '24', 'คน']
    """
    return [
        token.text
        for token in tokenize(text, engine)
        if not token.is_space and not is_punctuation(token.text)
    ]


def versions(engine: str = DEFAULT_ENGINE) -> dict[str, str]:
    """What produced the tokens, for the store's manifest and the reports' methods section.

    >>> sorted(versions())
    ['dictionary_sha256', 'dictionary_sources', 'engine', 'nlpo3', 'pythainlp', 'tokenizer_version']
    """
    dictionary = load_dictionary()
    return {
        "tokenizer_version": TOKENIZER_VERSION,
        "engine": _resolve_engine(engine),
        "nlpo3": _package_version("nlpo3"),
        "pythainlp": _package_version("pythainlp"),
        "dictionary_sha256": dictionary.sha256,
        "dictionary_sources": ";".join(dictionary.sources),
    }


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"



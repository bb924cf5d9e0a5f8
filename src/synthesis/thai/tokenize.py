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

>>> [t.text for t in tokenize("แรงงานนอกระบบ ๓ คน")]
['แรงงานนอกระบบ', ' ', '๓', ' ', 'คน']
>>> words("สปสช.เขต 12 สนับสนุนกองทุนหลักประกันสุขภาพ")
['สปสช.เขต 12', 'สนับสนุน', 'กองทุนหลักประกันสุขภาพ']
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import tempfile
import unicodedata
import warnings
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, filterfalse
from operator import and_, itemgetter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from synthesis.thai import graphemes
from synthesis.thai.dictionary import HARD_MIN_CHARS, Dictionary, load_dictionary, trie_pattern
from synthesis.thai.spans import Token

TOKENIZER_VERSION = "1"
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
# A cut before one of these, or after one of those, may split a cluster: check it fully.
_MAY_CONTINUE = graphemes.MAY_CONTINUE | {chr(c) for c in range(0x1F3FB, 0x1F400)} | {
    chr(c) for c in range(0xE0020, 0xE0080)
}
_MAY_JOIN_NEXT = graphemes.MAY_JOIN_NEXT
_first, _last = itemgetter(0), itemgetter(-1)


@lru_cache(maxsize=4)
def _hard_terms_pattern(dictionary: Dictionary) -> re.Pattern[str]:
    return re.compile(trie_pattern(dictionary.hard_terms))


def _cuts(chunk: str, pieces: list[str]) -> list[int]:
    """Cut positions inside ``chunk``, 0 and ``len(chunk)`` included, from the engine's pieces.

    Drops a cut that would split a grapheme cluster or a run of whitespace, and adds cuts
    around punctuation and between whitespace and other characters where an engine glued them.
    """
    if "".join(pieces) != chunk:  # an engine that drops or alters text: fall back to spaces
        pieces = [part.group() for part in _SPACE_SPLIT.finditer(chunk)]
    if "" in pieces:
        pieces = [piece for piece in pieces if piece]
    ends = list(accumulate(map(len, pieces)))
    if not ends:
        return [0]
    inner = ends[:-1]
    # The checks below run at C speed (map, set, compress) and find nothing on most chunks;
    # only then does Python look at single positions.
    is_space = list(map(str.isspace, pieces))
    inside_space = set(compress(inner, map(and_, is_space, is_space[1:])))
    suspect = not _MAY_CONTINUE.isdisjoint(map(_first, pieces)) or not _MAY_JOIN_NEXT.isdisjoint(
        map(_last, pieces)
    )
    if suspect:
        inner = [p for p in inner if p not in inside_space and graphemes.is_boundary(chunk, p)]
    elif inside_space:
        inner = list(filterfalse(inside_space.__contains__, inner))
    cuts = [0, *inner, ends[-1]]
    if _PUNCTUATION.search(chunk):
        cuts = _split_punctuation(chunk, cuts)
    spaces_in_chunk = len(chunk) - len("".join(chunk.split()))
    if len("".join(filter(str.isspace, pieces))) != spaces_in_chunk:
        cuts = _split_at_spaces(chunk, cuts)  # some piece holds whitespace and other text
    return cuts


# Brackets, quotes and clause punctuation are tokens of their own (nlpO3 returns "จ:" and
# "),"), except a comma or colon between digits (50,000 and 13:30).
_PUNCTUATION = re.compile(r"[()\[\]{}\"“”‘’«»;!?]|(?<!\d)[,:]|[,:](?!\d)")


def _split_punctuation(chunk: str, cuts: list[int]) -> list[int]:
    last = len(cuts) - 1
    added = [
        position
        for mark in _PUNCTUATION.finditer(chunk)
        for position in mark.span()
        if cuts[min(bisect_left(cuts, position), last)] != position and graphemes.is_boundary(chunk, position)
    ]
    return sorted(set(cuts).union(added)) if added else cuts


_SPACE_RUN = re.compile(r"\s+(?![\sๆ])")  # "ดี ๆ" stays one word, as the engines give it


def _split_at_spaces(chunk: str, cuts: list[int]) -> list[int]:
    present = set(cuts)
    added = {
        position
        for run in _SPACE_RUN.finditer(chunk)
        for position in run.span()
        if position not in present and graphemes.is_boundary(chunk, position)
    }
    return sorted(present | added) if added else cuts


def _keep_terms_whole(chunk: str, cuts: list[int], pattern: re.Pattern[str]) -> list[int]:
    for match in pattern.finditer(chunk):
        start, end = match.span()
        if not (graphemes.is_boundary(chunk, start) and graphemes.is_boundary(chunk, end)):
            continue
        first, last = bisect_left(cuts, start), bisect_right(cuts, end)
        aligned = first < len(cuts) and cuts[first] == start and cuts[last - 1] == end
        if aligned and last - first == 2:
            continue  # already one token
        if not aligned and end - start < HARD_MIN_CHARS:
            continue  # short terms (อปท.) only where the engine already put their ends
        cuts[first:last] = [start, end]
    return cuts


def _token_factory():
    """A fast way to make many ``Token`` objects.

    ``Token`` is a frozen dataclass, whose ``__init__`` sets each field through
    ``object.__setattr__``: on a few hundred thousand tokens that alone costs more than the
    Rust segmenter. This builds a plain object with the same slots and then gives it the
    ``Token`` class: the result is an ordinary, frozen ``Token``. Checked here, once; if this
    Python refuses the class switch, the normal constructor is used.
    """

    class _Draft:
        __slots__ = Token.__slots__

        def __init__(self, start: int, end: int, text: str, is_space: bool) -> None:
            self.start = start
            self.end = end
            self.text = text
            self.is_space = is_space
            self.pos = None
            self.__class__ = Token

    try:
        probe = _Draft(0, 1, "ก", False)
    except TypeError:
        return Token
    if type(probe) is Token and probe == Token(0, 1, "ก", False):
        return _Draft
    return Token


_new_token = _token_factory()


def tokenize(text: str, engine: str = "nlpo3") -> list[Token]:
    """Tokens tiling ``text``: ``"".join(t.text for t in tokens) == text``.

    >>> [(t.text, t.is_space) for t in tokenize("ประชุม  สสส.")]
    [('ประชุม', False), ('  ', True), ('สสส.', False)]
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() needs a str, not {type(text).__name__}")
    segmenter = ENGINES[_resolve_engine(engine)]
    dictionary = load_dictionary()
    pattern = _hard_terms_pattern(dictionary)
    new_token = _new_token
    tokens: list[Token] = []
    for offset, chunk_end in safe_chunks(text):
        chunk = text[offset:chunk_end]
        try:
            pieces = segmenter(chunk, dictionary)
        except Exception:  # noqa: BLE001 - an engine failing on odd input must not sink the text
            pieces = [part.group() for part in _SPACE_SPLIT.finditer(chunk)]
        cuts = _keep_terms_whole(chunk, _cuts(chunk, pieces), pattern)
        texts = [chunk[start:end] for start, end in zip(cuts, cuts[1:])]
        starts = list(map(offset.__add__, cuts))
        tokens.extend(map(new_token, starts, starts[1:], texts, map(str.isspace, texts)))
    return tokens


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



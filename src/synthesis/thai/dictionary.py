"""The domain dictionary: programme terms, agencies, occupations and places kept whole.

Two files feed it: the shipped ``synthesis/thai/data/domain_words.txt`` and the user's
``lessons/dictionary.txt`` (same format: one term a line, ``#`` starts a comment). Terms are
normalized like the texts, so they match what the tokenizer sees.

A term is *hard* when it has at least ``HARD_MIN_CHARS`` characters or contains a space, digit
or dot: the tokenizer then keeps it whole wherever it occurs, even against the engine's
choice. Shorter terms (``แค``) are only added to the engine's word list, because forcing them
would cut longer words that contain them.

>>> "แรงงานนอกระบบ" in domain_words()
True
>>> is_hard_term("สปสช."), is_hard_term("แค")
(True, False)
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from synthesis.thai.normalize import normalize_text
from synthesis.thai.trie import trie_pattern  # noqa: F401  (re-exported)

HARD_MIN_CHARS = 4
USER_DICTIONARY = "dictionary.txt"  # inside lessons/
_NON_THAI_LETTER = re.compile(r"[\s0-9๐-๙.]")


def read_terms(text: str) -> list[str]:
    """Terms from the text of a dictionary file: comments and blank lines dropped, order kept.

    >>> read_terms("# header\\nกระจูด\\n\\n  คลุ้ม  # a sedge\\nกระจูด\\n")
    ['กระจูด', 'คลุ้ม']
    """
    seen: dict[str, None] = {}
    for line in text.splitlines():
        term = normalize_text(line.split("#", 1)[0]).strip()
        term = " ".join(term.split())  # one plain space between parts
        if term:
            seen.setdefault(term, None)
    return list(seen)


def is_hard_term(term: str) -> bool:
    """True when ``term`` is kept whole wherever it occurs (see the module notes)."""
    return len(term) >= HARD_MIN_CHARS or bool(_NON_THAI_LETTER.search(term))


def shipped_dictionary_text() -> str:
    return files("synthesis.thai").joinpath("data/domain_words.txt").read_text("utf-8")


def domain_words() -> list[str]:
    """The shipped domain terms."""
    return read_terms(shipped_dictionary_text())


def user_dictionary_path(root: Path | None = None) -> Path:
    from synthesis.paths import lessons_dir

    return lessons_dir(root) / USER_DICTIONARY


@dataclass(frozen=True)
class Dictionary:
    """The merged domain terms, with the hash that identifies this version of them."""

    terms: tuple[str, ...]
    sha256: str
    sources: tuple[str, ...]

    def __hash__(self) -> int:  # caches key on the dictionary: its digest, not every term
        return hash(self.sha256)

    @property
    def hard_terms(self) -> tuple[str, ...]:
        return tuple(term for term in self.terms if is_hard_term(term))


def load_dictionary(root: Path | None = None) -> Dictionary:
    """Shipped terms plus the user's ``lessons/dictionary.txt`` when it exists.

    Called for every text tokenized, so it only looks at the user file's modification time
    (one ``stat``) unless the file or the project folder changed. A user file that cannot be
    read as UTF-8 raises ``ValueError`` naming the file.
    """
    path = _user_path(root, os.getcwd(), os.environ.get("SYNTHESIS_HOME", ""))
    try:
        stamp = os.stat(_path_text(path)).st_mtime_ns
    except OSError:
        stamp = None
    return _load(path, stamp)


@lru_cache(maxsize=16)
def _path_text(path: Path) -> str:
    return str(path)  # os.stat on a str: a fifth of the cost of Path.stat


@lru_cache(maxsize=16)
def _user_path(root: Path | None, cwd: str, home: str) -> Path:
    return user_dictionary_path(root)


@lru_cache(maxsize=16)
def _load(path: Path, stamp: int | None) -> Dictionary:
    try:
        user_text = path.read_text("utf-8-sig") if stamp is not None and path.is_file() else ""
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    return _build(_shipped_text(), user_text, str(path) if user_text else "")


@lru_cache(maxsize=1)
def _shipped_text() -> str:
    return shipped_dictionary_text()


@lru_cache(maxsize=8)
def _build(shipped: str, user: str, user_path: str) -> Dictionary:
    terms = read_terms(shipped + "\n" + user)
    digest = hashlib.sha256(("\n".join(terms)).encode("utf-8")).hexdigest()
    sources = ("synthesis/thai/data/domain_words.txt",) + ((user_path,) if user_path else ())
    return Dictionary(tuple(terms), digest, sources)

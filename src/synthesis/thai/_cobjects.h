/* C helpers that the compiled modules share to make Python objects of our frozen slots
   dataclasses (Token, Entity) without a Python call each; declared for Cython in
   _cobjects.pxd. */
#ifndef SYNTHESIS_COBJECTS_H
#define SYNTHESIS_COBJECTS_H

#include <Python.h>

/* A new instance of a __slots__ class, every slot empty: what object.__new__(cls) makes. */
static inline PyObject *synthesis_new_instance(PyObject *cls) {
    PyTypeObject *type = (PyTypeObject *)cls;
    return type->tp_alloc(type, 0);
}

/* Sets one slot through its member descriptor: what object.__setattr__ ends up doing,
   without the name lookup (a frozen dataclass's own __setattr__ refuses). */
static inline int synthesis_set_slot(PyObject *descriptor, PyObject *obj, PyObject *value) {
    return Py_TYPE(descriptor)->tp_descr_set(descriptor, obj, value);
}

/* Takes an object out of the cyclic collector's lists (as CPython does for a tuple of
   numbers and strings): for objects that hold no container, which can never be in a cycle. */
static inline void synthesis_untrack(PyObject *obj) {
    if (PyObject_GC_IsTracked(obj)) PyObject_GC_UnTrack(obj);
}

#endif

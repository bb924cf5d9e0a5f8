# The shared C helpers of _cobjects.h, for the compiled modules (``cimport`` only: no module).

cdef extern from "_cobjects.h":
    object new_instance "synthesis_new_instance"(object cls)
    int set_slot "synthesis_set_slot"(object descriptor, object obj, object value) except -1
    void untrack "synthesis_untrack"(object obj)

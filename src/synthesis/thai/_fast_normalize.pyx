# cython: language_level=3
"""Compiled twin of the vectorised trigger check in ``normalize._python_triggers``.

Which repair rules can match a text at all is decided from one flag word per character
(``normalize._FLAGS``): a character that triggers a rule on its own, a pair of adjacent
characters (``flags[i] & before`` and ``flags[i + 1] & after``), or a character repeated
where repeats are wrong. numpy does this in about ten passes over the text; this loop does it
in one.
"""


def triggers(str text, const unsigned short[:] flags, tuple pairs, unsigned short alone_bit,
             unsigned short dangling_bit, unsigned short no_repeat_bit):
    """``(alone, dangling_first, pair_hits, repeat)``: whether any character has
    ``alone_bit``, whether the first character has ``dangling_bit``, a bit mask of the
    ``pairs`` (``(before_bit, after_bit)`` each) that occur, and whether a character with
    ``no_repeat_bit`` is repeated."""
    cdef Py_ssize_t size = len(text), index, k
    cdef Py_ssize_t count = len(pairs)
    cdef unsigned short before_bits[16]
    cdef unsigned short after_bits[16]
    cdef unsigned long hits = 0, all_hits
    cdef bint alone = False, repeat = False, dangling = False
    cdef Py_UCS4 previous_char, char
    cdef unsigned short previous_flags, current
    if count > 16:
        raise ValueError("at most 16 pair rules")
    for k in range(count):
        before_bits[k], after_bits[k] = pairs[k]
    all_hits = (1UL << count) - 1
    if size == 0:
        return False, False, 0, False
    previous_char = text[0]
    previous_flags = flags[previous_char]
    alone = (previous_flags & alone_bit) != 0
    dangling = (previous_flags & dangling_bit) != 0
    for index in range(1, size):
        char = text[index]
        current = flags[char]
        if current & alone_bit:
            alone = True
        if previous_flags and current:
            if hits != all_hits:
                for k in range(count):
                    if (previous_flags & before_bits[k]) and (current & after_bits[k]):
                        hits |= 1UL << k
            if char == previous_char and (previous_flags & no_repeat_bit):
                repeat = True
        previous_char, previous_flags = char, current
    return alone, dangling, hits, repeat

# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of the vectorised trigger check in ``normalize._python_triggers``.

Which repair rules can match a text at all is decided from one flag word per character
(``normalize._FLAGS``): a character that triggers a rule on its own, a pair of adjacent
characters (``flags[i] & before`` and ``flags[i + 1] & after``), or a character repeated
where repeats are wrong; and where the misspelt words of ``normalize.MISSPELLINGS`` occur.
numpy and a regex do this in about ten passes over the text; this loop does it in one,
reading the string's code units directly (Thai text is stored two bytes a character), with
no branch on the flags but the rare misspelling pre-test.
"""

from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ


def triggers(str text, const unsigned short[:] flags, const unsigned short[:] before_masks,
             const unsigned short[:] after_masks, unsigned short alone_bit, unsigned short dangling_bit,
             unsigned short no_repeat_bit, tuple words, unsigned short word_start_bit,
             unsigned short word_second_bit, unsigned short word_third_bit):
    """``(alone, dangling_first, pair_hits, repeat, word_spans)``: whether any character has
    ``alone_bit``, whether the first character has ``dangling_bit``, a bit mask of the pair
    rules that occur (rule ``k`` occurs where bit ``k`` is set in both
    ``before_masks[flags[text[i]]]`` and ``after_masks[flags[text[i + 1]]]``), whether a
    character with ``no_repeat_bit`` is repeated, and the ``(start, end)`` of the
    leftmost-longest, non-overlapping occurrences of ``words`` (each at least three
    characters long, its first three characters flagged ``word_start_bit``,
    ``word_second_bit`` and ``word_third_bit``): what ``re.finditer`` of
    ``trie_pattern(words)`` finds.

    The loop has no branch that depends on the text but the rare word check: on Thai text,
    where every other character is a vowel or a mark, branches on the flags are mispredicted
    so often that they cost ten times the rest.
    """
    cdef Py_ssize_t size = len(text), index, end
    cdef Py_ssize_t free_from = 0  # occurrences of words may not overlap
    cdef unsigned int seen, hits = 0, repeat = 0
    cdef Py_UCS4 previous_char, char
    cdef unsigned short previous_flags, current, before_previous_flags = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef list spans = []
    cdef Words table
    _load_words(&table, words)
    if size == 0:
        return False, False, 0, False, spans
    previous_char = PyUnicode_READ(kind, data, 0)
    previous_flags = flags[previous_char]
    seen = previous_flags
    for index in range(1, size):
        char = PyUnicode_READ(kind, data, index)
        current = flags[char]
        seen |= current
        hits |= before_masks[previous_flags] & after_masks[current]
        repeat |= (char == previous_char) & ((previous_flags & no_repeat_bit) != 0)
        if (((before_previous_flags & word_start_bit) != 0) & ((previous_flags & word_second_bit) != 0)
                & ((current & word_third_bit) != 0)):
            if index - 2 >= free_from:
                end = _longest_word_end(kind, data, size, index - 2, &table)
                if end > 0:
                    spans.append((index - 2, end))
                    free_from = end
        before_previous_flags = previous_flags
        previous_char, previous_flags = char, current
    return (seen & alone_bit) != 0, (flags[PyUnicode_READ(kind, data, 0)] & dangling_bit) != 0, hits, repeat != 0, spans


DEF MAX_WORDS = 64
DEF MAX_WORD_CHARS = 1024


cdef struct Words:
    # ``words`` as C arrays: word k is ``chars[offsets[k]:offsets[k] + lengths[k]]``
    Py_ssize_t count
    Py_ssize_t offsets[MAX_WORDS]
    Py_ssize_t lengths[MAX_WORDS]
    Py_UCS4 chars[MAX_WORD_CHARS]


cdef int _load_words(Words* table, tuple words) except -1:
    cdef Py_ssize_t used = 0, k, i
    cdef str word
    if len(words) > MAX_WORDS:
        raise ValueError(f"at most {MAX_WORDS} misspelt words")
    table.count = len(words)
    for k in range(table.count):
        word = words[k]
        if len(word) < 3:
            raise ValueError(f"a misspelt word of fewer than three characters: {word!r}")
        if used + len(word) > MAX_WORD_CHARS:
            raise ValueError(f"at most {MAX_WORD_CHARS} characters of misspelt words")
        table.offsets[k], table.lengths[k] = used, len(word)
        for i in range(len(word)):
            table.chars[used + i] = word[i]
        used += len(word)
    return 0


cdef Py_ssize_t _longest_word_end(int kind, void* data, Py_ssize_t size, Py_ssize_t start, Words* table) noexcept:
    """Where the longest word of ``table`` that occurs at ``start`` ends, or -1."""
    cdef Py_ssize_t best = -1, length, k, i
    cdef Py_UCS4* chars
    for k in range(table.count):
        length = table.lengths[k]
        if start + length > size or start + length <= best:
            continue
        chars = table.chars + table.offsets[k]
        for i in range(length):
            if PyUnicode_READ(kind, data, start + i) != chars[i]:
                break
        else:
            best = start + length
    return best

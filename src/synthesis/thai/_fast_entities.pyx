# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twins of the per-match and per-candidate loops of the rule entities.

``find_entities`` does little per character but much per trigger word, digit run and
candidate: thousands of small Python steps per megabyte, which cost more than the word
segmenter itself. This module does the same steps as C loops over the text. Each function
names its Python twin (``mirrors …``), which stays the reference (``synthesis.thai.accel``);
``tests/thai/test_entities_fast.py`` checks that both give identical rows. In file order:

- the scan (``scan.py``): :class:`Trie` (an Aho-Corasick table of every finder's words and
  the digits), :func:`scan_text` (two halves of each block read at once; the digit runs as a
  :class:`SpanArray`, the words as :class:`Occurrences`), :func:`leftmost_longest`;
- overlaps (``entities.py``): :func:`resolve_rows`, :func:`snapped_entities` with
  :class:`EntityMaker` (``Entity`` objects made in C);
- quantities (``numbers.py``): :func:`quantity_rows` with :class:`QuantityWords`;
- dates (``dates.py``): :func:`date_starts`, :func:`date_rows`;
- places (``places.py``): :class:`NameTrie`, :class:`PlaceReader`, :class:`PlaceFound`,
  :func:`place_candidates`, :func:`with_bare_districts`, :func:`resolve_places`,
  :func:`place_rows_of`, and :func:`place_rows` (all of them in one call);
- organisations (``orgs.py``): :class:`OrgReader`, :func:`org_rows`;
- persons (``persons.py``): :class:`PersonReader`, :func:`person_rows`.

Positions are C integers and characters ``Py_UCS4`` read in place (bounds and negative
indexes are not checked: every index is tested against the text's length first); Python
objects are made only for what the Python twin returns, and lists of pairs that only C reads
stay C arrays (:class:`SpanArray`).
"""

from cpython.unicode cimport (
    Py_UNICODE_ISDIGIT, Py_UNICODE_ISSPACE, PyUnicode_DATA, PyUnicode_FindChar, PyUnicode_KIND, PyUnicode_READ,
)
from libc.stdlib cimport free, malloc, qsort, realloc
from libc.string cimport memcpy

from synthesis.thai._cobjects cimport new_instance, set_slot

import operator

import numpy

from synthesis.thai.graphemes import _CUT_RISK, snap_left, snap_right

cdef extern from *:
    """
    /* text[index], read in place (every caller has checked 0 <= index < len(text)); always
       inlined, which the C API's PyUnicode_READ_CHAR is not always. */
    static inline __attribute__((always_inline)) Py_UCS4 synthesis_char(PyObject *text, Py_ssize_t index) {
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        return kind == PyUnicode_2BYTE_KIND ? ((const Py_UCS2 *)data)[index]
             : kind == PyUnicode_1BYTE_KIND ? ((const Py_UCS1 *)data)[index]
             : ((const Py_UCS4 *)data)[index];
    }
    """
    Py_UCS4 _char "synthesis_char"(str text, Py_ssize_t index) noexcept


cdef inline bint _is_digit(Py_UCS4 ch) noexcept:
    # mirrors scan.DIGITS: ASCII and Thai digits
    return (0x30 <= ch <= 0x39) or (0x0E50 <= ch <= 0x0E59)


# ---------------------------------------------------------------------------------------------
# The scan: an Aho-Corasick automaton of every finder's words, one table step per character.


_DIGITS = u"0123456789๐๑๒๓๔๕๖๗๘๙"  # scan.DIGITS


cdef enum:
    _HALF_BLOCK = 16384  # the scan reads blocks of twice this many characters, as two halves at once
    _STATE_MASK = 0x7FFF  # a step entry: the next state in its low 15 bits …
    _ENDS_A_WORD = 0x8000  # … and whether that state ends a word in the top bit


cdef class Trie:
    """Every finder's trigger words as an Aho-Corasick automaton with a full transition table.

    A state is a prefix of some word; ``step[state, column[ch]]`` is the state after reading
    ``ch`` (the longest word prefix that ends there), so the scan is one table read per
    character, without branches to mispredict. The words that end at a state (its own and
    those of its suffixes) are ``out_length``/``out_owner`` from ``out_first[state]`` to
    ``out_first[state + 1]``; ``owners[k]`` are the finders of word ``k``.
    (``ahocorasick_rs`` does the same in Rust, but over UTF-8 bytes and with a Python tuple
    for every digit it meets.)
    """

    cdef readonly unsigned short[::1] column  # code point (BMP) → column; 0 for a character in no word
    cdef readonly unsigned short[:, ::1] step  # state × column → next state (| _ENDS_A_WORD); state 0: the empty prefix
    cdef int[::1] out_first
    cdef int[::1] out_length
    cdef int[::1] out_owner
    cdef readonly list owners
    cdef readonly list names  # every finder's name, in the order first registered
    cdef int[::1] owner_first  # word k's finders: owner_name[owner_first[k]:owner_first[k + 1]]
    cdef int[::1] owner_name
    cdef readonly int max_length  # of a word: the automaton's state depends on no more characters

    def __init__(self, dict words_by_owner):
        """``words_by_owner``: word → list of finder names (as ``scan._owners`` gathers them)."""
        words = [word for word, names in words_by_owner.items() if word and names]
        # every digit too, as a word of no finder: a state reached by a digit then ends a word,
        # so the scan looks for digit runs only where the table says a word ends
        words += [digit for digit in _DIGITS if digit not in words]
        alphabet = sorted({ch for word in words for ch in word})
        if any(ord(ch) > 0xFFFF for ch in alphabet):
            raise ValueError("trigger words beyond the BMP are not supported by the compiled scan")
        column = numpy.zeros(0x10000, dtype=numpy.uint16)
        for index, ch in enumerate(alphabet, start=1):
            column[ord(ch)] = index
        # the trie of the words: goto[state] = {column: child}; ends[state] = (length, owner)
        goto = [{}]
        ends = {}
        self.owners = []
        for word in words:
            state = 0
            for ch in word:
                col = int(column[ord(ch)])
                child = goto[state].get(col)
                if child is None:
                    child = goto[state][col] = len(goto)
                    goto.append({})
                state = child
            ends[state] = (len(word), len(self.owners))
            self.owners.append(tuple(words_by_owner.get(word, ())))
        # breadth first: a state's fallback is shallower, so its row is complete when copied
        if len(goto) > _STATE_MASK:
            raise ValueError("too many trigger words for the compiled scan's table")
        step = numpy.zeros((len(goto), len(alphabet) + 1), dtype=numpy.uint16)
        fallback = [0] * len(goto)
        outputs = [[] for _ in goto]
        for col, child in goto[0].items():
            step[0, col] = child
        queue = list(goto[0].values())
        head = 0
        while head < len(queue):
            state = queue[head]
            head += 1
            outputs[state] = ([ends[state]] if state in ends else []) + outputs[fallback[state]]
            step[state] = step[fallback[state]]
            for col, child in goto[state].items():
                fallback[child] = int(step[fallback[state], col])
                step[state, col] = child
                queue.append(child)
        out_first = numpy.zeros(len(goto) + 1, dtype=numpy.int32)
        out_length, out_owner = [], []
        for state, found in enumerate(outputs):
            out_first[state] = len(out_length)
            for length, owner in found:
                out_length.append(length)
                out_owner.append(owner)
        out_first[len(goto)] = len(out_length)
        # the top bit of an entry: the state it leads to ends a word (most characters end none,
        # and the scan then reads nothing but the table)
        ends_a_word = (out_first[1:] > out_first[: len(goto)]).astype(numpy.uint16)
        step |= ends_a_word[step] << 15
        self.column = column
        self.step = step
        self.out_first = out_first
        self.out_length = numpy.array(out_length, dtype=numpy.int32)
        self.out_owner = numpy.array(out_owner, dtype=numpy.int32)
        self.names = list(dict.fromkeys(name for names in self.owners for name in names))
        index_of = {name: index for index, name in enumerate(self.names)}
        owner_first = numpy.zeros(len(self.owners) + 1, dtype=numpy.int32)
        owner_name = []
        for k, names in enumerate(self.owners):
            owner_first[k] = len(owner_name)
            owner_name.extend(index_of[name] for name in names)
        owner_first[len(self.owners)] = len(owner_name)
        self.owner_first = owner_first
        self.owner_name = numpy.array(owner_name, dtype=numpy.int32)
        self.max_length = max(map(len, words))


def scan_text(Trie trie, str text):
    """``(digit_runs, raw)`` of ``text``, as ``scan._python_scan`` reads them from its automaton.

    ``digit_runs``: maximal runs of ASCII or Thai digits, in order, as :class:`SpanArray`;
    ``raw``: finder name → every occurrence of its words as ``(start, -end)``, overlapping
    ones included (in order of their ends), as an :class:`Occurrences` mapping that makes
    those tuples only for the finders that ask (``Scan.words`` reads its arrays directly).

    Each step of the automaton waits for the table read of the step before: reading one text
    that way is bound by memory latency. So each block of the text is read as two halves at
    once, two independent chains of reads. The second half's automaton starts a word's length
    before its half, where it reaches the state the first would have (a state is the longest
    word prefix ending there: it depends on no more characters than a word has). What ends in
    the second half is noted and taken after the first half's, so the order is that of one
    reading from start to end.
    """
    cdef Py_ssize_t size = len(text), block = 0, block_end, middle, j, count, k
    cdef int state = 0, second
    cdef unsigned short entry, second_entry
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch
    cdef unsigned short[::1] column = trie.column
    cdef unsigned short[:, ::1] step = trie.step
    cdef SpanArray runs = SpanArray()
    cdef Occurrences raw = Occurrences(trie.names)
    cdef Py_ssize_t room = min(size // 2 + 1, _HALF_BLOCK)  # the most a half can note
    cdef Py_ssize_t *noted_at = <Py_ssize_t *>malloc(room * sizeof(Py_ssize_t))
    cdef int *noted_state = <int *>malloc(room * sizeof(int))
    try:
        if noted_at == NULL or noted_state == NULL:
            raise MemoryError()
        while block < size:
            block_end = min(block + 2 * _HALF_BLOCK, size)
            middle = block + (block_end - block) // 2  # the second half is as long, or one longer
            second = 0
            for j in range(max(block, middle - trie.max_length + 1), middle):
                ch = PyUnicode_READ(kind, data, j)
                second = step[second, column[ch] if ch <= 0xFFFF else 0] & _STATE_MASK
            count = 0
            for j in range(middle - block):
                ch = PyUnicode_READ(kind, data, block + j)
                entry = step[state, column[ch] if ch <= 0xFFFF else 0]
                ch = PyUnicode_READ(kind, data, middle + j)
                second_entry = step[second, column[ch] if ch <= 0xFFFF else 0]
                state = entry & _STATE_MASK
                second = second_entry & _STATE_MASK
                noted_at[count] = middle + j  # kept (counted) only where a word ends
                noted_state[count] = second
                count += second_entry >> 15  # _ENDS_A_WORD
                if entry & _ENDS_A_WORD:
                    _words_ending_at(trie, text, block + j, state, runs, raw)
            for k in range(count):
                _words_ending_at(trie, text, noted_at[k], noted_state[k], runs, raw)
            state = second
            if block_end - middle > middle - block:  # the second half's last character
                ch = PyUnicode_READ(kind, data, block_end - 1)
                entry = step[state, column[ch] if ch <= 0xFFFF else 0]
                state = entry & _STATE_MASK
                if entry & _ENDS_A_WORD:
                    _words_ending_at(trie, text, block_end - 1, state, runs, raw)
            block = block_end
    finally:
        free(noted_at)
        free(noted_state)
    return runs, raw


cdef int _words_ending_at(Trie trie, str text, Py_ssize_t i, int state, SpanArray runs, Occurrences raw) except -1:
    # where the automaton, in ``state`` after text[i], says a word or a digit ends
    cdef int out, owner, k
    cdef Py_ssize_t end = i + 1
    if _is_digit(_char(text, i)):
        runs.add_digit(i)
    for out in range(trie.out_first[state], trie.out_first[state + 1]):
        owner = trie.out_owner[out]
        for k in range(trie.owner_first[owner], trie.owner_first[owner + 1]):
            raw.add(end - trie.out_length[out], end, trie.owner_name[k])
    return 0


cdef class SpanArray:
    """(start, end) pairs in C arrays, in order: the digit runs of a text (``scan_text``), or a
    finder's occurrences (``Occurrences.span_array``), read by the compiled finders without a
    tuple for each (``scan.Scan.digit_runs`` makes the list only when asked)."""

    cdef Py_ssize_t *starts
    cdef Py_ssize_t *ends
    cdef Py_ssize_t count, capacity

    def __dealloc__(self):
        free(self.starts)
        free(self.ends)

    @staticmethod
    def of(runs):
        """``runs`` as a SpanArray: itself, or the pairs of a list of (start, end) (the reference scan's)."""
        cdef SpanArray made
        cdef tuple run
        if isinstance(runs, SpanArray):
            return runs
        made = SpanArray()
        for run in runs:
            made.append(run[0], run[1])
        return made

    cdef int add_digit(self, Py_ssize_t digit) except -1:
        # a digit at ``digit``: it extends the last run when it follows it, else starts one
        if self.count and self.ends[self.count - 1] == digit:
            self.ends[self.count - 1] = digit + 1
            return 0
        return self.append(digit, digit + 1)

    cdef int append(self, Py_ssize_t start, Py_ssize_t end) except -1:
        cdef Py_ssize_t capacity
        cdef void *grown
        if self.count == self.capacity:
            capacity = self.capacity * 2 if self.capacity else 64
            grown = realloc(self.starts, capacity * sizeof(Py_ssize_t))
            if grown == NULL:
                raise MemoryError()
            self.starts = <Py_ssize_t *>grown
            grown = realloc(self.ends, capacity * sizeof(Py_ssize_t))
            if grown == NULL:
                raise MemoryError()
            self.ends = <Py_ssize_t *>grown
            self.capacity = capacity
        self.starts[self.count] = start
        self.ends[self.count] = end
        self.count += 1
        return 0

    def as_list(self):
        """[(start, end), …] of every run."""
        cdef Py_ssize_t index
        return [(self.starts[index], self.ends[index]) for index in range(self.count)]

    def __len__(self):
        return self.count


cdef class Occurrences:
    """Every occurrence of every finder's words in one text, held in C arrays.

    Read as ``scan.Scan`` reads its dict: finder name → list of ``(start, -end)`` in the order
    found (made on first access); :meth:`words` reads the arrays without making them.
    """

    cdef long long *starts
    cdef long long *ends
    cdef int *name_of
    cdef Py_ssize_t count, capacity
    cdef list names
    cdef int *per_name  # occurrences of each name
    cdef list present  # names with an occurrence, in the order first found
    cdef dict made

    def __cinit__(self, list names):
        self.names = names
        self.per_name = <int *>malloc((len(names) + 1) * sizeof(int))
        if self.per_name == NULL:
            raise MemoryError()
        for k in range(len(names) + 1):
            self.per_name[k] = 0
        self.present = []
        self.made = {}

    def __dealloc__(self):
        free(self.starts)
        free(self.ends)
        free(self.name_of)
        free(self.per_name)

    cdef int add(self, long long start, long long end, int name) except -1:
        cdef Py_ssize_t capacity
        cdef void *grown
        if self.count == self.capacity:
            capacity = self.capacity * 2 if self.capacity else 64
            grown = realloc(self.starts, capacity * sizeof(long long))
            if grown == NULL:
                raise MemoryError()
            self.starts = <long long *>grown
            grown = realloc(self.ends, capacity * sizeof(long long))
            if grown == NULL:
                raise MemoryError()
            self.ends = <long long *>grown
            grown = realloc(self.name_of, capacity * sizeof(int))
            if grown == NULL:
                raise MemoryError()
            self.name_of = <int *>grown
            self.capacity = capacity
        self.starts[self.count] = start
        self.ends[self.count] = end
        self.name_of[self.count] = name
        self.count += 1
        if self.per_name[name] == 0:
            self.present.append(self.names[name])
        self.per_name[name] += 1
        return 0

    cdef int index_of(self, name):
        try:
            return self.names.index(name)
        except ValueError:
            return -1

    def get(self, name, default=None):
        """(start, -end) of every occurrence of ``name``'s words, or ``default`` when none."""
        cdef int k
        cdef Py_ssize_t i
        cdef list spans
        spans = self.made.get(name)
        if spans is not None:
            return spans
        k = self.index_of(name)
        if k < 0 or self.per_name[k] == 0:
            return default
        spans = [(self.starts[i], -self.ends[i]) for i in range(self.count) if self.name_of[i] == k]
        self.made[name] = spans
        return spans

    def span_array(self, name):
        """(start, end) of every occurrence of ``name``'s words, in the order found, as a
        :class:`SpanArray` (what :meth:`spans` gives, without a tuple for each)."""
        cdef int k = self.index_of(name)
        cdef Py_ssize_t i
        cdef SpanArray found = SpanArray()
        if k >= 0 and self.per_name[k]:
            for i in range(self.count):
                if self.name_of[i] == k:
                    found.append(self.starts[i], self.ends[i])
        return found

    def spans(self, name):
        """(start, end) of every occurrence of ``name``'s words, in the order found
        (``scan.Scan.occurrences``)."""
        cdef int k = self.index_of(name)
        cdef Py_ssize_t i
        if k < 0 or self.per_name[k] == 0:
            return []
        return [(self.starts[i], self.ends[i]) for i in range(self.count) if self.name_of[i] == k]

    def __getitem__(self, name):
        spans = self.get(name)
        if spans is None:
            raise KeyError(name)
        return spans

    def __contains__(self, name):
        return name in self.present

    def __iter__(self):
        return iter(list(self.present))

    def __len__(self):
        return len(self.present)

    def keys(self):
        return list(self.present)

    def items(self):
        return [(name, self.get(name)) for name in self.present]

    def words(self, str text, name, keep):
        """mirrors ``scan.Scan._python_words`` on these arrays: the leftmost-longest occurrences
        of ``name``'s words that do not overlap, as (start, end), for which ``keep(word)`` is
        true (every one when ``keep`` is None)."""
        return self.leftmost_longest(text, name, keep, None)

    cdef list leftmost_longest(self, str text, name, keep, frozenset kept_words):
        """:meth:`words`; with ``kept_words`` (not None) only the words in it, as with
        ``keep=kept_words.__contains__`` but without a Python call per word."""
        cdef int k = self.index_of(name)
        cdef Py_ssize_t count, index, i, start, end, last_end = 0
        cdef SpanKey *keys
        cdef list found = []
        if k < 0 or self.per_name[k] == 0:
            return found
        count = self.per_name[k]
        keys = <SpanKey *>malloc(count * sizeof(SpanKey))
        if keys == NULL:
            raise MemoryError()
        try:
            index = 0
            for i in range(self.count):
                if self.name_of[i] == k:
                    keys[index].start = self.starts[i]
                    keys[index].end = -self.ends[i]  # the longest first at a start
                    keys[index].index = index
                    index += 1
            _sort_span_keys(keys, count)
            for index in range(count):
                start = keys[index].start
                end = -keys[index].end
                if start < last_end:
                    continue
                if kept_words is not None:
                    if text[start:end] not in kept_words:
                        continue
                elif keep is not None and not keep(text[start:end]):
                    continue
                last_end = end
                found.append((start, end))
        finally:
            free(keys)
        return found


# ---------------------------------------------------------------------------------------------
# Leftmost-longest words of one finder (scan.Scan.words)


def leftmost_longest(str text, list spans, keep):
    """mirrors ``scan.Scan._python_words``: from ``spans`` (every occurrence as (start, -end)),
    the leftmost-longest ones that do not overlap, as (start, end), for which ``keep(word)`` is
    true (every one when ``keep`` is None)."""
    cdef Py_ssize_t count = len(spans), index, start, end, last_end = 0
    cdef SpanKey *keys
    cdef tuple span
    cdef list found = []
    if count == 0:
        return found
    keys = <SpanKey *>malloc(count * sizeof(SpanKey))
    if keys == NULL:
        raise MemoryError()
    try:
        for index in range(count):
            span = spans[index]
            keys[index].start = span[0]
            keys[index].end = span[1]  # -end: the longest first at a start
            keys[index].index = index
        _sort_span_keys(keys, count)
        for index in range(count):
            start = keys[index].start
            end = -keys[index].end
            if start >= last_end and (keep is None or keep(text[start:end])):
                last_end = end
                found.append((start, end))
    finally:
        free(keys)
    return found


# ---------------------------------------------------------------------------------------------
# Overlaps and snapping


def resolve_rows(list rows, dict rank):
    """mirrors ``entities._resolve_rows``: rows ``(start, end, label, …)`` without overlaps,
    longest first, then by ``rank`` of the label, then earliest; sorted by (start, end).

    A cluster is a range of the rows sorted by span (stable, as in the Python twin), read on
    their C keys: a list is made only for a cluster of two rows or more."""
    cdef Py_ssize_t count = len(rows), first = 0, i, j
    cdef long long cluster_end
    cdef SpanKey *keys
    cdef list kept = []
    if count == 0:
        return kept
    keys = _sorted_span_keys(rows)
    try:
        cluster_end = keys[0].end
        for i in range(1, count + 1):
            if i < count and keys[i].start < cluster_end:
                if keys[i].end > cluster_end:
                    cluster_end = keys[i].end
                continue
            if i - first == 1:
                kept.append(rows[keys[first].index])
            else:
                kept.extend(_best_of_cluster([rows[keys[j].index] for j in range(first, i)], rank))
            if i < count:
                first = i
                cluster_end = keys[i].end
    finally:
        free(keys)
    if len(kept) < count and not _in_span_order(kept):  # (a cluster's chosen rows: longest first)
        return _sorted_by_span(kept)
    return kept


cdef bint _in_span_order(list rows) except -1:
    # rows sorted by (start, end) already (then the stable sort would leave them as they are)
    cdef Py_ssize_t index, start, end, last_start = -1, last_end = -1
    cdef tuple row
    for index in range(len(rows)):
        row = rows[index]
        start = row[0]
        end = row[1]
        if start < last_start or (start == last_start and end < last_end):
            return False
        last_start = start
        last_end = end
    return True


cdef struct SpanKey:
    long long start
    long long end
    Py_ssize_t index


cdef void _sort_span_keys(SpanKey *keys, Py_ssize_t count) noexcept:
    """Sorts ``keys`` by (start, end, index). They come as a few runs already in that order
    (each finder's rows, or words, left to right): the runs are found, then merged two by two
    until one is left. A few keys (a finder's words in one document, most often) are sorted by
    insertion; ``qsort`` if memory for the merge is lacking."""
    cdef Py_ssize_t i, j, runs = 0, merged, r, lo, mid, hi
    cdef SpanKey key
    cdef SpanKey *source = keys
    cdef SpanKey *target
    cdef SpanKey *buffer
    cdef Py_ssize_t *bounds
    if count <= 24:
        for i in range(1, count):
            key = keys[i]
            j = i - 1
            while j >= 0 and _compare_span_keys(&keys[j], &key) > 0:
                keys[j + 1] = keys[j]
                j -= 1
            keys[j + 1] = key
        return
    buffer = <SpanKey *>malloc(count * sizeof(SpanKey))
    bounds = <Py_ssize_t *>malloc((count + 1) * sizeof(Py_ssize_t))  # where each run starts
    if buffer == NULL or bounds == NULL:
        free(buffer)
        free(bounds)
        qsort(keys, count, sizeof(SpanKey), _compare_span_keys)
        return
    bounds[0] = 0
    for i in range(1, count):
        if _compare_span_keys(&keys[i - 1], &keys[i]) > 0:
            runs += 1
            bounds[runs] = i
    runs += 1
    bounds[runs] = count
    target = buffer
    while runs > 1:
        merged = 0
        for r in range(0, runs, 2):  # (bounds[merged] is written only after bounds[r] is read)
            lo = bounds[r]
            mid = bounds[r + 1]
            hi = bounds[r + 2] if r + 1 < runs else mid
            _merge_span_keys(source, lo, mid, hi, target)
            bounds[merged] = lo
            merged += 1
        bounds[merged] = count
        runs = merged
        source, target = target, source
    if source != keys:
        memcpy(keys, source, count * sizeof(SpanKey))
    free(buffer)
    free(bounds)


cdef inline void _merge_span_keys(SpanKey *source, Py_ssize_t lo, Py_ssize_t mid, Py_ssize_t hi,
                                  SpanKey *target) noexcept:
    # source[lo:mid] and source[mid:hi], each in order, into target[lo:hi] (the left one first on a tie)
    cdef Py_ssize_t i = lo, j = mid, k = lo
    while i < mid and j < hi:
        if _compare_span_keys(&source[j], &source[i]) < 0:
            target[k] = source[j]
            j += 1
        else:
            target[k] = source[i]
            i += 1
        k += 1
    while i < mid:
        target[k] = source[i]
        i += 1
        k += 1
    while j < hi:
        target[k] = source[j]
        j += 1
        k += 1


cdef int _compare_span_keys(const void *a, const void *b) noexcept nogil:
    cdef const SpanKey *x = <const SpanKey *>a
    cdef const SpanKey *y = <const SpanKey *>b
    if x.start != y.start:
        return -1 if x.start < y.start else 1
    if x.end != y.end:
        return -1 if x.end < y.end else 1
    return -1 if x.index < y.index else (1 if x.index > y.index else 0)


cdef SpanKey *_sorted_span_keys(list rows) except NULL:
    """The (start, end, index) of each row, sorted: by (start, end), equal spans in their order.
    (The caller frees them.)"""
    cdef Py_ssize_t count = len(rows), index
    cdef SpanKey *keys = <SpanKey *>malloc(max(count, 1) * sizeof(SpanKey))
    cdef tuple row
    if keys == NULL:
        raise MemoryError()
    try:
        for index in range(count):
            row = rows[index]
            keys[index].start = row[0]
            keys[index].end = row[1]
            keys[index].index = index
    except BaseException:
        free(keys)
        raise
    _sort_span_keys(keys, count)
    return keys


cdef list _sorted_by_span(list rows):
    """``sorted(rows, key=itemgetter(0, 1))``: by (start, end), equal spans in their order."""
    cdef Py_ssize_t count = len(rows), index
    cdef SpanKey *keys
    cdef list result
    if count < 2:
        return list(rows)
    keys = _sorted_span_keys(rows)
    try:
        result = [rows[keys[index].index] for index in range(count)]
    finally:
        free(keys)
    return result


cdef struct ClusterKey:
    long long negative_length
    long long rank
    long long start
    long long end
    Py_ssize_t index


cdef int _compare_cluster_keys(const void *a, const void *b) noexcept nogil:
    # (start - end, rank, start), then the cluster's order: the Python twin's stable sort
    cdef const ClusterKey *x = <const ClusterKey *>a
    cdef const ClusterKey *y = <const ClusterKey *>b
    if x.negative_length != y.negative_length:
        return -1 if x.negative_length < y.negative_length else 1
    if x.rank != y.rank:
        return -1 if x.rank < y.rank else 1
    if x.start != y.start:
        return -1 if x.start < y.start else 1
    return -1 if x.index < y.index else (1 if x.index > y.index else 0)


cdef list _best_of_cluster(list cluster, dict rank):
    # mirrors entities._best_of_cluster: longest first, then by label rank, then earliest
    cdef Py_ssize_t count = len(cluster), index, other, chosen_count = 0
    cdef ClusterKey *keys
    cdef tuple row
    cdef list chosen = []
    cdef bint free_span
    keys = <ClusterKey *>malloc(count * sizeof(ClusterKey))
    if keys == NULL:
        raise MemoryError()
    try:
        for index in range(count):
            row = cluster[index]
            keys[index].start = row[0]
            keys[index].end = row[1]
            keys[index].negative_length = keys[index].start - keys[index].end
            keys[index].rank = rank.get(row[2], 99)
            keys[index].index = index
        qsort(keys, count, sizeof(ClusterKey), _compare_cluster_keys)
        # keys[0:chosen_count] become the chosen spans, in the order chosen
        for index in range(count):
            free_span = True
            for other in range(chosen_count):
                if not (keys[index].end <= keys[other].start or keys[index].start >= keys[other].end):
                    free_span = False
                    break
            if free_span:
                keys[chosen_count] = keys[index]
                chosen_count += 1
                chosen.append(cluster[keys[index].index])
    finally:
        free(keys)
    return chosen



_ENTITY_FIELDS = ("start", "end", "text", "label", "value", "source", "attrs")


cdef class EntityMaker:
    """Makes ``spans.Entity`` objects (a frozen slots dataclass) from C, fields set in place.

    ``spans.make_entity`` is already twice as fast as ``Entity(...)``, but it is a Python call
    with a frame and seven attribute stores: about 1 µs per entity, more than finding it.
    Here each object is allocated and its seven slots written through their descriptors. Checked
    once on a probe (an equal ``Entity``); if that fails, ``make`` calls the class itself.
    """

    cdef object cls
    cdef object start_slot, end_slot, text_slot, label_slot, value_slot, source_slot, attrs_slot
    cdef readonly bint direct  # the slots are written in place (else: the class is called)

    def __init__(self, cls):
        self.cls = cls
        slots = [cls.__dict__.get(name) for name in _ENTITY_FIELDS]
        self.direct = all(type(slot).__name__ == "member_descriptor" for slot in slots)
        if self.direct:
            (self.start_slot, self.end_slot, self.text_slot, self.label_slot, self.value_slot,
             self.source_slot, self.attrs_slot) = slots
            probe = (0, 2, u"ดี", u"DATE", u"2022-09-11", u"rule", {u"era": u"BE"})
            try:
                self.direct = self.make(probe[0], probe[1], probe[2], probe[3], probe[4], probe[5], probe[6]) == cls(*probe)
            except TypeError:
                self.direct = False

    cdef object make(self, start, end, text, label, value, source, attrs):
        if not self.direct:
            return self.cls(start, end, text, label, value, source, attrs)
        entity = new_instance(self.cls)
        set_slot(self.start_slot, entity, start)
        set_slot(self.end_slot, entity, end)
        set_slot(self.text_slot, entity, text)
        set_slot(self.label_slot, entity, label)
        set_slot(self.value_slot, entity, value)
        set_slot(self.source_slot, entity, source)
        set_slot(self.attrs_slot, entity, attrs)
        return entity

    def __call__(self, start, end, text, label, value=None, source=u"rule", attrs=None):
        """``Entity(start, end, text, label, value, source, attrs)`` (``attrs`` a new dict if None)."""
        return self.make(start, end, text, label, value, source, {} if attrs is None else attrs)


def snapped_entities(str text, list rows, EntityMaker make):
    """mirrors ``entities._snapped_entities``: an ``Entity(start, end, text, label, value,
    source, attrs)`` for each row, its ends moved out of any grapheme cluster they would split.

    Only where ``graphemes._CUT_RISK`` flags a risk (bit 1: may continue a cluster, bit 2: may
    join the next character) do ``graphemes.snap_left``/``snap_right`` decide."""
    cdef Py_ssize_t size = len(text), start, end
    cdef list entities = []
    cdef tuple row
    for row in rows:
        start = row[0]
        end = row[1]
        if (0 < start < size and _may_split(text, start)) or (0 < end < size and _may_split(text, end)):
            start = snap_left(text, start)
            end = snap_right(text, end)
        entities.append(make.make(start, end, text[start:end], row[2], row[3], row[4], row[5]))
    return entities


cdef const unsigned char[::1] _CUT_RISK_TABLE = _CUT_RISK  # (a view made once, not per call)


cdef inline bint _may_split(str text, Py_ssize_t index):
    # mirrors entities._may_split for 0 < index < len(text)
    return (_CUT_RISK_TABLE[_char(text, index)] & 1) or (_CUT_RISK_TABLE[_char(text, index - 1)] & 2)


# ---------------------------------------------------------------------------------------------
# Quantities: numbers, percentages, money and counts (numbers.py)


cdef inline bint _is_latin_or_digit(Py_UCS4 ch) noexcept:
    # mirrors numbers._LATIN_OR_DIGIT_CHARS
    return _is_digit(ch) or (0x41 <= ch <= 0x5A) or (0x61 <= ch <= 0x7A)


cdef inline bint _is_space_or_tab(Py_UCS4 ch) noexcept:
    return ch == u' ' or ch == u'\t'


cdef inline bint _is_dot(Py_UCS4 ch) noexcept:
    # [.…]: a dot of a form blank
    return ch == u'.' or ch == u'…'


cdef inline bint _is_dash(Py_UCS4 ch) noexcept:
    return ch == u'-' or ch == u'–'


cdef inline bint _is_mark(Py_UCS4 ch) noexcept:
    # mirrors numbers._splits_cluster: a Thai vowel or tone mark written above or below
    return ch == 0x0E31 or 0x0E34 <= ch <= 0x0E3A or 0x0E47 <= ch <= 0x0E4E


cdef inline Py_ssize_t _skip_spaces(str text, Py_ssize_t q, Py_ssize_t size) noexcept:
    while q < size and _is_space_or_tab(_char(text, q)):
        q += 1
    return q


cdef class WordList:
    """Words sorted by first character, longest first among those with the same first
    character; ``first[_column(ch)]`` to ``first[_column(ch) + 1]`` are those starting with
    ``ch`` (ASCII and Thai-block first characters only). Their characters are also kept as C
    code points (word ``i``: ``chars[offset[i]:offset[i] + length[i]]``), compared in place."""

    cdef readonly tuple words
    cdef int[::1] first
    cdef Py_UCS4[::1] chars
    cdef int[::1] offset
    cdef int[::1] length

    def __init__(self, words):
        if any(not word or _column_of(ord(word[0])) < 0 for word in words):
            raise ValueError("a word must start with an ASCII or Thai character")
        self.words = tuple(sorted(words, key=lambda word: (_column_of(ord(word[0])), -len(word), word)))
        first = numpy.zeros(257, dtype=numpy.int32)
        for word in self.words:
            first[_column_of(ord(word[0])) + 1] += 1
        self.first = numpy.cumsum(first).astype(numpy.int32)
        self.chars = numpy.array([ord(ch) for word in self.words for ch in word] or [0], dtype=numpy.uint32)
        self.length = numpy.array([len(word) for word in self.words] or [0], dtype=numpy.int32)
        lengths = [len(word) for word in self.words]
        self.offset = numpy.array([sum(lengths[:index]) for index in range(len(lengths))] or [0], dtype=numpy.int32)


def _column_of(code):
    return _column(code)


cdef inline int _column(Py_UCS4 ch) noexcept:
    # ASCII, then the Thai block; -1 for any other character
    cdef int code = ch  # (arithmetic on a Py_UCS4 would make a Python string of it)
    if code < 0x80:
        return code
    if 0x0E00 <= code < 0x0E80:
        return code - 0x0E00 + 0x80
    return -1


cdef Py_ssize_t _word_at(str text, Py_ssize_t q, Py_ssize_t size, WordList words) noexcept:
    """The index in ``words.words`` of the longest word at ``q`` that ends by ``size``, or -1:
    what a trie regex of the words (``trie.trie_pattern``) matches there."""
    cdef Py_ssize_t index, k, length, offset
    cdef int col, kind
    cdef void *data
    if q >= size:
        return -1
    kind = PyUnicode_KIND(text)
    data = PyUnicode_DATA(text)
    col = _column(PyUnicode_READ(kind, data, q))
    if col < 0:
        return -1
    for index in range(words.first[col], words.first[col + 1]):
        length = words.length[index]
        if q + length > size:
            continue
        offset = words.offset[index]
        for k in range(1, length):
            if words.chars[offset + k] != PyUnicode_READ(kind, data, q + k):
                break
        else:
            return index
    return -1


cdef bint _any_word_ends_at(str text, Py_ssize_t end, WordList words) noexcept:
    """``text.endswith(words.words, 0, end)``: one of ``words`` ends at ``end``."""
    cdef Py_ssize_t index, k, length, offset
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    for index in range(len(words.words)):
        length = words.length[index]
        if length > end:
            continue
        offset = words.offset[index]
        for k in range(length):
            if words.chars[offset + k] != PyUnicode_READ(kind, data, end - length + k):
                break
        else:
            return True
    return False


cdef Py_ssize_t _number_end(str text, Py_ssize_t p, Py_ssize_t size) noexcept:
    """mirrors numbers.NUMBER_PATTERN matched at ``p``: its end, or -1."""
    cdef Py_ssize_t digits = p, e
    while digits < size and _is_digit(_char(text, digits)):
        digits += 1
    if digits == p:
        return -1
    e = digits
    # D{1,3}(?:,D{3})+ : three digits or fewer, then at least one ",DDD"
    if digits - p <= 3:
        while e + 3 < size and _char(text, e) == u',' and _is_digit(_char(text, e + 1)) and _is_digit(_char(text, e + 2)) and _is_digit(_char(text, e + 3)):
            e += 4
    # (?:\.D+)?
    if e + 1 < size and _char(text, e) == u'.' and _is_digit(_char(text, e + 1)):
        e += 2
        while e < size and _is_digit(_char(text, e)):
            e += 1
    return e


cdef Py_ssize_t _clock_end(str text, Py_ssize_t p, Py_ssize_t size) noexcept:
    """mirrors numbers._CLOCK matched at ``p`` (D{1,2}[.:]D{2}): its end, or -1."""
    cdef Py_ssize_t d
    for d in (2, 1):  # D{1,2} is greedy: two digits first
        if p + d + 3 > size:
            continue
        if d == 2 and not (_is_digit(_char(text, p)) and _is_digit(_char(text, p + 1))):
            continue
        if d == 1 and not _is_digit(_char(text, p)):
            continue
        if (_char(text, p + d) == u'.' or _char(text, p + d) == u':') and _is_digit(_char(text, p + d + 1)) and _is_digit(_char(text, p + d + 2)):
            return p + d + 3
    return -1


cdef Py_ssize_t _clock_range_end(str text, Py_ssize_t clock, Py_ssize_t size) noexcept:
    """After a clock ending at ``clock``: the end of ``[ \\t]*[-–][ \\t]*CLOCK``, or -1."""
    cdef Py_ssize_t q = _skip_spaces(text, clock, size)
    if q < size and _is_dash(_char(text, q)):
        return _clock_end(text, _skip_spaces(text, q + 1, size), size)
    return -1


cdef bint _before_noon_mark_or_dash(str text, Py_ssize_t q, Py_ssize_t size) noexcept:
    # mirrors the lookahead of numbers._TIME_AT: (?=[ \t]*น\.|[ \t]*[-–])
    q = _skip_spaces(text, q, size)
    if q < size and _is_dash(_char(text, q)):
        return True
    return q + 1 < size and _char(text, q) == u'น' and _char(text, q + 1) == u'.'


cdef Py_ssize_t _time_or_list_marker_end(str text, Py_ssize_t pos, Py_ssize_t run_end, Py_ssize_t size):
    """mirrors numbers._skip_time_or_list_marker: the end of a clock time or a line-initial
    list marker at ``pos``, or -1."""
    cdef Py_ssize_t before, clock, end, k, last
    cdef Py_UCS4 separator
    cdef bint clock_like = False
    if run_end - pos > 2 or run_end >= size:
        return -1
    separator = _char(text, run_end)
    if separator == u'.' or separator == u':':
        # text[run_end + 1 : run_end + 3].isdigit(): one or two characters, all digits
        last = min(run_end + 3, size)
        clock_like = last > run_end + 1
        for k in range(run_end + 1, last):
            if not Py_UNICODE_ISDIGIT(_char(text, k)):
                clock_like = False
    if clock_like:
        clock = _clock_end(text, pos, size)  # _TIME_AT
        if clock >= 0:
            end = _clock_range_end(text, clock, size)
            if end >= 0 and _before_noon_mark_or_dash(text, end, size):
                return end
            if _before_noon_mark_or_dash(text, clock, size):
                return clock
    before = pos
    while before > 0 and _is_space_or_tab(_char(text, before - 1)):
        before -= 1
    if clock_like and text.endswith(u"เวลา", 0, before):
        clock = _clock_end(text, pos, size)  # _CLOCK_AT
        if clock >= 0:
            end = _clock_range_end(text, clock, size)
            return end if end >= 0 else clock
    if not (separator == u'.' or separator == u')'):
        return -1
    while before > 0 and (_is_space_or_tab(_char(text, before - 1)) or _char(text, before - 1) == u'-' or _char(text, before - 1) == u'•'):
        before -= 1
    if before == 0 or _char(text, before - 1) == u'\n':
        return _list_marker_end(text, pos, size)
    return -1


cdef Py_ssize_t _list_marker_end(str text, Py_ssize_t q, Py_ssize_t size) noexcept:
    """mirrors numbers._LIST_AT: (?:D{1,2}[.)])+ at ``q`` (its optional tail can never match
    where the greedy loop stopped): the end, or -1."""
    cdef Py_ssize_t end = -1, digits
    while True:
        digits = 0
        while digits < 2 and q + digits < size and _is_digit(_char(text, q + digits)):
            digits += 1
        if digits == 0 or q + digits >= size or not (_char(text, q + digits) == u'.' or _char(text, q + digits) == u')'):
            return end
        q += digits + 1
        end = q


cdef class QuantityWords:
    """The words ``numbers`` reads after a number: percent signs, money and count units."""

    cdef WordList percent  # PERCENT_SUFFIXES
    cdef WordList money  # MONEY_UNITS' words
    cdef tuple multipliers  # their multipliers, in the order of money.words
    cdef WordList count  # COUNT_UNITS

    def __init__(self, percent, dict money_units, count):
        self.percent = WordList(percent)
        self.money = WordList(money_units)
        self.multipliers = tuple(money_units[word] for word in self.money.words)
        self.count = WordList(count)


cdef str _PERCENT_WORD = u"ร้อยละ"


cdef object _digit_run_value(str text, Py_ssize_t start, Py_ssize_t end):
    """``int(text[start:end])`` of a run of ASCII or Thai digits (read in C up to 18 digits)."""
    cdef long long value = 0
    cdef Py_ssize_t i
    cdef int code
    if end - start > 18:
        return int(text[start:end])
    for i in range(start, end):
        code = <int>_char(text, i)
        value = value * 10 + (code - 0x30 if code <= 0x39 else code - 0x0E50)
    return value


def after_percent_word(str text, list percent_words):
    """mirrors ``numbers._after_percent_word``: where a digit may follow "ร้อยละ" (each
    (start, end) of ``percent_words``) and spaces or tabs."""
    cdef Py_ssize_t size = len(text)
    cdef set positions = set()
    cdef tuple word
    for word in percent_words:
        positions.add(_skip_spaces(text, word[1], size))
    return positions


cdef inline bint _after_percent_word(SpanArray percent, Py_ssize_t *next_percent, Py_ssize_t pos) noexcept:
    # is ``pos`` where a digit may follow ร้อยละ (``percent.ends``, in order; ``pos`` never goes back)
    while next_percent[0] < percent.count and percent.ends[next_percent[0]] < pos:
        next_percent[0] += 1
    return next_percent[0] < percent.count and percent.ends[next_percent[0]] == pos


def quantity_rows(str text, digit_runs, list percent_words, QuantityWords words,
                  Py_ssize_t max_digits):
    """mirrors ``numbers._python_quantity_rows``: (start, end, label, value, "rule", attrs) of
    every quantity, reading each run of digits where it starts, left to right;
    ``percent_words`` are the (start, end) of "ร้อยละ" (``Scan.words("percent_word")``)."""
    # where a digit may follow ร้อยละ: in order (as the words are), passed by as the runs are read
    cdef SpanArray percent = SpanArray.of(percent_words)
    cdef Py_ssize_t next_percent = 0, p
    for p in range(percent.count):
        percent.ends[p] = _skip_spaces(text, percent.ends[p], len(text))
    cdef Py_ssize_t size = len(text), pos, end, last_end = 0, q, tail_end, index
    cdef Py_UCS4 before, after
    cdef list rows = []
    cdef int kind
    cdef SpanArray runs = SpanArray.of(digit_runs)
    cdef Py_ssize_t r
    for r in range(runs.count):
        pos = runs.starts[r]
        end = runs.ends[r]
        if pos < last_end:
            continue
        before = _char(text, pos - 1) if pos else u' '
        after = _char(text, end) if end < size else u' '
        if (after == u'.' or after == u',' or after == u':' or after == u')' or after == u'…'
                or _is_dot(before) or _after_percent_word(percent, &next_percent, pos)):
            last_end = _read_at(text, pos, end, last_end, size, words, max_digits, rows)
            continue
        # the unit after a plain number (numbers._UNIT_AT): kind 1 percent, 2 money, 3 count,
        # 4 a dash or dots (then the full pattern reads it: a range or a form blank)
        q = _skip_spaces(text, end, size)
        kind = 0
        index = _word_at(text, q, size, words.percent)
        if index >= 0:
            kind = 1
        else:
            index = _word_at(text, q, size, words.money)
            if index >= 0:
                kind = 2
            else:
                index = _word_at(text, q, size, words.count)
                if index >= 0:
                    kind = 3
                elif q < size and (_is_dash(_char(text, q)) or _is_dot(_char(text, q))):
                    kind = 4
        if kind == 4:
            last_end = _read_at(text, pos, end, last_end, size, words, max_digits, rows)
            continue
        last_end = end
        if _is_latin_or_digit(before) or (
            (before == u',' or before == u'/' or before == u':' or before == u'-')
            and pos > 1 and _is_latin_or_digit(_char(text, pos - 2))
        ):
            continue  # part of a code: BA 5, x-1
        if _is_latin_or_digit(after) or (after == u'/' and end + 1 < size and Py_UNICODE_ISDIGIT(_char(text, end + 1))):
            continue
        if end - pos > max_digits:
            continue
        value = _digit_run_value(text, pos, end)
        if kind == 0:
            rows.append((pos, end, "NUMBER", value, "rule", {}))
        elif kind == 1:
            rows.append((pos, q + len(<str>words.percent.words[index]), "PERCENT", value, "rule", {}))
        elif kind == 2:
            rows.append((pos, q + len(<str>words.money.words[index]), "MONEY", value * words.multipliers[index], "rule", {"unit": "บาท"}))
        else:
            tail_end = q + len(<str>words.count.words[index])
            if tail_end < size and _is_mark(_char(text, tail_end)):
                rows.append((pos, end, "NUMBER", value, "rule", {}))
            else:
                rows.append((pos, tail_end, "COUNT", value, "rule", {"unit": words.count.words[index]}))
    return rows


cdef Py_ssize_t _read_at(str text, Py_ssize_t pos, Py_ssize_t run_end, Py_ssize_t last_end, Py_ssize_t size,
                         QuantityWords words, Py_ssize_t max_digits, list rows):
    """mirrors ``numbers._read_at``: reads the digit run at ``pos`` with the full pattern
    (``numbers._QUANTITY``), appends its row to ``rows`` if it is a quantity, and returns the
    new last end."""
    cdef Py_ssize_t skip_to = -1, start, before, percent_end = -1, lead_start, num_start, num_end
    cdef Py_ssize_t num2_start = -1, num2_end = -1, q, trail_start, trail_end, match_end, index
    cdef Py_ssize_t unit_end
    cdef int kind = 0  # of the final group: 1 percent, 2 money, 3 count
    if run_end < size and (_char(text, run_end) == u'.' or _char(text, run_end) == u':' or _char(text, run_end) == u')'):
        skip_to = _time_or_list_marker_end(text, pos, run_end, size)
        if skip_to >= 0 and _char(text, run_end) == u')':
            return skip_to  # "2)": nothing after ")" can make it a quantity
    start = pos
    while start > 0 and _is_dot(_char(text, start - 1)):
        start -= 1
    before = start
    while before > 0 and _is_space_or_tab(_char(text, before - 1)):
        before -= 1
    if before >= 6 and text.endswith(_PERCENT_WORD, 0, before):
        start = before - 6
    # _QUANTITY at start: (ร้อยละ[ \t]*)? [.…]* NUMBER ([ \t]*[-–][ \t]*NUMBER)? [.…]* (unit)?
    q = start
    if text.startswith(_PERCENT_WORD, q):
        percent_end = _skip_spaces(text, q + 6, size)
        q = percent_end
    lead_start = q
    while q < size and _is_dot(_char(text, q)):
        q += 1
    num_start = q
    num_end = _number_end(text, q, size)
    if num_end < 0:
        return skip_to if skip_to >= 0 else last_end
    q = _skip_spaces(text, num_end, size)
    if q < size and _is_dash(_char(text, q)):
        num2_start = _skip_spaces(text, q + 1, size)
        num2_end = _number_end(text, num2_start, size)
    trail_start = num2_end if num2_end >= 0 else num_end
    trail_end = trail_start
    while trail_end < size and _is_dot(_char(text, trail_end)):
        trail_end += 1
    match_end = trail_end
    # the final group: percent | money (a dash may come first) | count (after a form blank)
    q = _skip_spaces(text, trail_end, size)
    index = _word_at(text, q, size, words.percent)
    if index >= 0:
        kind, match_end = 1, q + len(<str>words.percent.words[index])
    else:
        unit_end = q
        if unit_end < size and _is_dash(_char(text, unit_end)):
            unit_end = _skip_spaces(text, unit_end + 1, size)
        index = _word_at(text, unit_end, size, words.money)
        if index >= 0:
            kind, match_end = 2, unit_end + len(<str>words.money.words[index])
        else:
            unit_end = q
            if unit_end < size and _is_dot(_char(text, unit_end)):
                while unit_end < size and _is_dot(_char(text, unit_end)):
                    unit_end += 1
                unit_end = _skip_spaces(text, unit_end, size)
            index = _word_at(text, unit_end, size, words.count)
            if index >= 0:
                kind, match_end = 3, unit_end + len(<str>words.count.words[index])
    if skip_to >= 0 and kind == 0:
        return skip_to  # a time or a list marker, unless a unit says it is a quantity
    if num_start != pos:
        return last_end  # the lead dots do not end where the digit run starts
    first_end = num_end
    num_end = num2_end if num2_end >= 0 else num_end
    if _glued_to_code(text, start, trail_start, trail_end, num_start > lead_start, kind == 2, size):
        return num_end
    # mirrors numbers._row
    value = _number_value(text[num_start:first_end], max_digits)
    if value is None:
        return num_end
    attrs = {}
    if num2_end >= 0:
        attrs["max"] = _number_value(text[num2_start:num2_end], max_digits)
    row_start, row_end = pos, num_end
    if percent_end >= 0 or kind == 1:
        label = "PERCENT"
        if percent_end >= 0:
            row_start = start
        if kind == 1:
            row_end = match_end
    elif kind == 2:
        label, row_end = "MONEY", match_end
        attrs["unit"] = "บาท"
        multiplier = words.multipliers[index]
        if multiplier != 1:
            value = value * multiplier
            value = int(value) if isinstance(value, float) and value.is_integer() else value
    elif kind == 3 and not (match_end < size and _is_mark(_char(text, match_end))):
        label, row_end = "COUNT", match_end
        attrs["unit"] = words.count.words[index]
        row_start = lead_start  # a form blank belongs to the count: "..5...คน"
    else:
        label = "NUMBER"
    rows.append((row_start, row_end, label, value, "rule", attrs))
    return num_end


cdef object _number_value(str written, Py_ssize_t max_digits):
    # mirrors numbers._number_value
    if len(written) > max_digits:
        return None
    if u"," in written:
        written = written.replace(u",", u"")
    if u"." in written:
        return float(written.translate(_TO_ARABIC))
    return int(written)


_TO_ARABIC = str.maketrans(u"๐๑๒๓๔๕๖๗๘๙", u"0123456789")


cdef bint _glued_to_code(str text, Py_ssize_t first, Py_ssize_t trail_start, Py_ssize_t trail_end,
                         bint lead, bint money, Py_ssize_t size):
    """mirrors numbers._glued_to_code: the number is part of a code, date or list marker."""
    cdef Py_UCS4 before, nxt
    if first > 0:
        before = _char(text, first - 1)
        if _is_latin_or_digit(before) or (
            (before == u',' or before == u'/' or before == u':' or before == u'-')
            and first > 1 and _is_latin_or_digit(_char(text, first - 2))
        ):
            return True
    if trail_end >= size:
        return False
    nxt = _char(text, trail_end)
    if trail_end == trail_start:
        return _is_latin_or_digit(nxt) or (
            (nxt == u'/' or nxt == u':' or nxt == u'-') and trail_end + 1 < size and Py_UNICODE_ISDIGIT(_char(text, trail_end + 1))
        )
    # a list marker glued to its item: "1.ประเด็น", "2.พื้นที่" (but "50,000.- บาท" is money)
    return (trail_end - trail_start == 1 and _char(text, trail_start) == u'.' and not Py_UNICODE_ISSPACE(nxt)
            and not lead and not money)


# ---------------------------------------------------------------------------------------------
# Dates: where a date may start (dates.py)


cdef inline bint _may_stand_before_month(Py_UCS4 ch) noexcept:
    # mirrors dates._BEFORE_MONTH: spaces, a line break, dashes, digits, letters of ถึงวันที่
    return (ch == u' ' or ch == u'\t' or ch == 0x00A0 or ch == u'\n' or _is_dash(ch) or _is_digit(ch)
            or ch == u'ถ' or ch == u'ึ' or ch == u'ง' or ch == u'ว' or ch == u'ั' or ch == u'น'
            or ch == u'ท' or ch == u'ี' or ch == u'่')


cdef inline bint _is_date_separator(Py_UCS4 ch) noexcept:
    return ch == u'/' or ch == u'.' or ch == u'-'


def date_starts(str text, list month_words, digit_runs, day_months):
    """mirrors ``dates._python_date_starts``: where a date may start, sorted.

    ``month_words``: (start, end) of the month + year form's words; ``day_months``: every
    (start, end) of a month written any way the day-month form accepts."""
    cdef Py_ssize_t size = len(text), month, reach, lo, hi, mid, start, end, after_month
    cdef SpanArray runs = SpanArray.of(digit_runs)
    cdef SpanArray months = SpanArray.of(day_months)
    cdef Py_ssize_t count = runs.count, r, m
    cdef set starts = {word[0] for word in month_words}
    cdef tuple pair
    cdef Py_UCS4 separator
    if count:
        for m in range(months.count):
            month = months.starts[m]
            if month == 0 or not _may_stand_before_month(_char(text, month - 1)):
                continue
            reach = month
            while reach > 0 and _may_stand_before_month(_char(text, reach - 1)):
                reach -= 1
            lo, hi = 0, count  # the first run starting at or after reach
            while lo < hi:
                mid = (lo + hi) // 2
                if runs.starts[mid] < reach:
                    lo = mid + 1
                else:
                    hi = mid
            while lo < count and runs.starts[lo] < month:
                starts.add(runs.starts[lo])
                lo += 1
    for r in range(count):  # "21/7/65": one or two digits, a separator, one or two digits, it again
        start = runs.starts[r]
        end = runs.ends[r]
        if end - start <= 2 and end + 1 < size and _is_date_separator(_char(text, end)) and _is_digit(_char(text, end + 1)):
            separator = _char(text, end)
            after_month = end + 3 if end + 2 < size and _is_digit(_char(text, end + 2)) else end + 2
            if after_month < size and _char(text, after_month) == separator:
                starts.add(start)
    return sorted(starts)


# ---------------------------------------------------------------------------------------------
# Dates: reading a match of dates._DATE (dates.py)


cdef int _digits_value(str digits):
    # int(thai_digits_to_arabic(digits)) for the [0-9๐-๙]+ of dates._D
    cdef int value = 0
    cdef Py_UCS4 ch
    for ch in digits:
        value = value * 10 + (<int>ch - (0x30 if ch <= u'9' else 0x0E50))
    return value


cdef tuple _to_ce(str year_text, era_text):
    # mirrors dates._to_ce: (Common-Era year, "BE"/"CE")
    cdef int year = _digits_value(year_text)
    era = era_text.replace(u".", u"").replace(u" ", u"") if era_text else None
    if len(year_text) == 2:
        if era == u"คศ":
            return 2000 + year, u"CE"
        return 2500 + year - 543, u"BE"
    if era == u"พศ" or (era is None and year >= 2400):
        return year - 543, u"BE"
    return year, u"CE"


cdef inline bint _is_leap(int year) noexcept:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


cdef object _iso(int year, int month, int day):
    # mirrors dates._iso: datetime.date(year, month, day).isoformat(), or None
    cdef int last_day
    if not 1800 <= year <= 2200 or not 1 <= month <= 12 or day < 1:
        return None
    if month == 2:
        last_day = 29 if _is_leap(year) else 28
    elif month in (4, 6, 9, 11):
        last_day = 30
    else:
        last_day = 31
    if day > last_day:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


cdef class DateGroups:
    """The group numbers of ``dates._DATE``, read once from its ``groupindex``."""

    cdef int d1, d2, m1, era1, y1, d3, m3, era3, y3, sd, sep, sm, sy, mm, eram, ym

    def __init__(self, dict index):
        self.d1, self.d2, self.m1, self.era1, self.y1 = index["d1"], index["d2"], index["m1"], index["era1"], index["y1"]
        self.d3, self.m3, self.era3, self.y3 = index["d3"], index["m3"], index["era3"], index["y3"]
        self.sd, self.sep, self.sm, self.sy = index["sd"], index["sep"], index["sm"], index["sy"]
        self.mm, self.eram, self.ym = index["mm"], index["eram"], index["ym"]


cdef class _Groups:
    """One match's groups (``Match.groups()``: a string, or None for a group that took no part)."""

    cdef tuple groups

    cdef inline bint has(self, int group):
        # the group took part (none of dates._DATE's groups can match an empty string)
        return self.groups[group - 1] is not None

    cdef str get(self, int group):
        return self.groups[group - 1]


cdef tuple _read_date(_Groups g, DateGroups n, dict months):
    """mirrors dates._read on a match's groups: (ISO start, ISO end or None, attrs) or None."""
    cdef int month1, month3, day1, start_year, end_year, year
    if g.has(n.sd):
        if g.get(n.sep) != u"/" and len(g.get(n.sy)) != 4:
            return None  # "1.2.65" or "3-5-10" is more likely a list number or a range
        year, era = _to_ce(g.get(n.sy), None)
        start = _iso(year, _digits_value(g.get(n.sm)), _digits_value(g.get(n.sd)))
        return (start, None, {u"era": era}) if start else None
    if g.has(n.mm):
        year, era = _to_ce(g.get(n.ym), g.get(n.eram))
        start = _iso(year, months[g.get(n.mm).replace(u".", u"")], 1)
        return (start, None, {u"era": era, u"precision": u"month"}) if start else None
    month1 = months[g.get(n.m1).replace(u".", u"")]
    day1 = _digits_value(g.get(n.d1))
    if g.has(n.d3):  # "30 ก.ย. - 2 ต.ค. 2565" or "30 ก.ย. 2565 - 2 ต.ค. 2565"
        if not (g.has(n.y3) or g.has(n.y1)):
            return None
        month3 = months[g.get(n.m3).replace(u".", u"")]
        if g.has(n.y3):
            end_year, era = _to_ce(g.get(n.y3), g.get(n.era3))
        else:
            end_year, era = _to_ce(g.get(n.y1), g.get(n.era1))
        if g.has(n.y1):
            start_year, era = _to_ce(g.get(n.y1), g.get(n.era1))
        else:
            start_year = end_year - 1 if month1 > month3 else end_year
        start = _iso(start_year, month1, day1)
        end = _iso(end_year, month3, _digits_value(g.get(n.d3)))
    else:
        if not g.has(n.y1):
            return None
        year, era = _to_ce(g.get(n.y1), g.get(n.era1))
        start = _iso(year, month1, day1)
        end = _iso(year, month1, _digits_value(g.get(n.d2))) if g.has(n.d2) else None
        if g.has(n.d2) and end is None:
            return None
    if start is None or (end is not None and end < start):
        return None
    attrs = {u"era": era}
    if end:
        attrs[u"end"] = end
    return start, end, attrs


def date_rows(str text, list starts, pattern, dict months, DateGroups groups):
    """mirrors ``dates._python_date_rows``: (start, end, "DATE", ISO start, "rule", attrs) of
    every date read by ``pattern`` (``dates._DATE``) at ``starts``, left to right."""
    cdef Py_ssize_t last_end = 0, pos, end
    cdef list rows = []
    cdef tuple read
    cdef _Groups g = _Groups()
    cdef int group
    match = pattern.match
    for pos in starts:
        if pos < last_end:
            continue
        m = match(text, pos)
        if m is None:
            continue
        g.groups = m.groups()  # (the matched groups' strings only: cheaper than their spans)
        last_end = m.end()
        read = _read_date(g, groups, months)
        if read is None:
            continue
        end = last_end
        for group in (groups.y3, groups.m3, groups.y1, groups.m1, groups.sy, groups.ym):
            if g.has(group):  # dates._span_end: after the date's last read part
                end = m.end(group)
                break
        rows.append((pos, end, u"DATE", read[0], u"rule", read[2]))  # (a match at pos starts there)
    return rows


# ---------------------------------------------------------------------------------------------
# Places: a name read right after each prefix (places.py)


cdef inline bint _is_cluster_tail(Py_UCS4 ch) noexcept:
    # mirrors places._CLUSTER_TAIL: a mark or a following vowel (ะ า ำ) of the character before
    return _is_mark(ch) or ch == 0x0E30 or ch == 0x0E32 or ch == 0x0E33


cdef class NameTrie:
    """The names of one gazetteer table (two characters or more) as a trie with sorted edges."""

    cdef int[::1] root  # _column(first character) → child of the root, 0 for none
    cdef int[::1] first_edge  # node → its first edge; its edges end at first_edge[node + 1]
    cdef int[::1] edge_char
    cdef int[::1] edge_child
    cdef unsigned char[::1] is_name

    def __init__(self, names):
        nodes = [{}]
        ends = set()
        for name in names:
            if len(name) < 2:
                continue  # places._lengths_by_start indexes names by their first two characters
            node = 0
            for ch in name:
                child = nodes[node].get(ch)
                if child is None:
                    child = nodes[node][ch] = len(nodes)
                    nodes.append({})
                node = child
            ends.add(node)
        first_edge = numpy.zeros(len(nodes) + 1, dtype=numpy.int32)
        edge_char, edge_child = [], []
        for node, children in enumerate(nodes):
            first_edge[node] = len(edge_char)
            for ch in sorted(children):
                edge_char.append(ord(ch))
                edge_child.append(children[ch])
        first_edge[len(nodes)] = len(edge_char)
        is_name = numpy.zeros(len(nodes), dtype=numpy.uint8)
        is_name[list(ends)] = 1
        root = numpy.zeros(256, dtype=numpy.int32)
        for ch, child in nodes[0].items():
            if _column_of(ord(ch)) < 0:
                raise ValueError(f"a name must start with an ASCII or Thai character: {ch!r}")
            root[_column_of(ord(ch))] = child
        self.root = root
        self.first_edge = first_edge
        self.edge_char = numpy.array(edge_char, dtype=numpy.int32)
        self.edge_child = numpy.array(edge_child, dtype=numpy.int32)
        self.is_name = is_name

    cdef Py_ssize_t longest_at(self, str text, Py_ssize_t pos, Py_ssize_t size):
        """mirrors places._longest_name_at: the end of the longest name at ``pos`` that does
        not end before a mark of its last character, or -1."""
        cdef int node = 0, edge, last_edge, col
        cdef int code
        cdef Py_ssize_t j = pos, best = -1
        if pos >= size:
            return -1
        col = _column(_char(text, pos))
        if col < 0:
            return -1
        node = self.root[col]
        if node == 0:
            return -1
        j = pos + 1
        if self.is_name[node] and (j == size or not _is_cluster_tail(_char(text, j))):
            best = j
        while j < size:
            code = <int>_char(text, j)
            edge = self.first_edge[node]
            last_edge = self.first_edge[node + 1]
            node = 0
            while edge < last_edge and self.edge_char[edge] <= code:
                if self.edge_char[edge] == code:
                    node = self.edge_child[edge]
                    break
                edge += 1
            if node == 0:
                break
            j += 1
            if self.is_name[node] and (j == size or not _is_cluster_tail(_char(text, j))):
                best = j
        return best


cdef class PlaceReader:
    """What ``places`` reads with: the gazetteer's tables and the prefix words."""

    cdef NameTrie province_names, district_names, subdistrict_names
    cdef dict provinces, districts, subdistricts, local_gov_units, prefixes
    cdef list capital_districts
    cdef frozenset stop_words
    cdef dict province_lists  # a province's name → the list of it alone, made once

    def __init__(self, tables, capital_districts, local_gov_units, prefixes, stop_words):
        self.provinces, self.districts, self.subdistricts = tables.provinces, tables.districts, tables.subdistricts
        self.province_names = NameTrie(self.provinces)
        self.district_names = NameTrie(self.districts)
        self.subdistrict_names = NameTrie(self.subdistricts)
        self.capital_districts = list(capital_districts)
        self.local_gov_units = dict(local_gov_units)
        self.prefixes = dict(prefixes)
        self.stop_words = frozenset(stop_words)
        self.province_lists = {}

    cdef list one_province(self, str name):
        # [provinces[name]], one list per name: candidate lists are replaced, never changed
        cdef list alone = self.province_lists.get(name)
        if alone is None:
            alone = self.province_lists[name] = [self.provinces[name]]
        return alone

    cdef list read_name(self, str text, Py_ssize_t pos, str level, Py_ssize_t size, Py_ssize_t *name_end):
        """mirrors places._read_name: the candidates of the name of ``level`` at ``pos`` (the
        name ends at ``name_end[0]``), or None when no name is there."""
        cdef Py_ssize_t end
        if level == u"province":
            end = self.province_names.longest_at(text, pos, size)
            if end < 0:
                return None
            name_end[0] = end
            return self.one_province(text[pos:end])
        if level == u"amphoe":
            end = self.district_names.longest_at(text, pos, size)
            if end >= 0:
                name_end[0] = end
                return self.districts[text[pos:end]]  # (shared: candidate lists are replaced, never changed)
            if text.startswith(_CAPITAL, pos):  # อ.เมือง: the capital district of a province nearby
                name_end[0] = pos + len(_CAPITAL)
                return self.capital_districts
            return None
        end = self.subdistrict_names.longest_at(text, pos, size)
        if end < 0:
            return None
        name_end[0] = end
        return self.subdistricts[text[pos:end]]

    cdef list read_local_gov_name(self, str text, Py_ssize_t pos, str level, Py_ssize_t size, Py_ssize_t *name_end):
        """mirrors places._read_local_gov_name: the longest of the subdistrict, district and
        province names at ``pos`` (not "เมือง"); on a tie, every candidate of each, in that order.
        (All start at ``pos``: names of equal length are the same name.)"""
        cdef Py_ssize_t tambon_end = -1, amphoe_end = -1, province_end = -1, best
        cdef list candidates = []
        if level == u"province":
            return self.read_name(text, pos, u"province", size, name_end)
        tambon = self.read_name(text, pos, u"tambon", size, &tambon_end)
        amphoe = self.read_name(text, pos, u"amphoe", size, &amphoe_end)
        province = self.read_name(text, pos, u"province", size, &province_end)
        tambon_end = self.not_the_capital(text, pos, tambon_end if tambon is not None else -1)
        amphoe_end = self.not_the_capital(text, pos, amphoe_end if amphoe is not None else -1)
        province_end = self.not_the_capital(text, pos, province_end if province is not None else -1)
        best = max(tambon_end, amphoe_end, province_end)
        if best < 0:
            return None
        if tambon_end == best:
            candidates += tambon
        if amphoe_end == best:
            candidates += amphoe
        if province_end == best:
            candidates += province
        name_end[0] = best
        return candidates

    cdef inline Py_ssize_t not_the_capital(self, str text, Py_ssize_t pos, Py_ssize_t end):
        # -1 for a name that is "เมือง" (a unit is never named after the capital district alone)
        return -1 if end - pos == len(_CAPITAL) and text.startswith(_CAPITAL, pos) else end


cdef str _CAPITAL = u"เมือง"


cdef class PlaceFound:
    """A place read in the text: the compiled path's ``places._Found``, with the same fields
    (``attrs`` is made when first asked for)."""

    cdef public Py_ssize_t start, end
    cdef public str level, name
    cdef public list candidates
    cdef public object unit
    cdef dict _attrs

    @property
    def attrs(self):
        if self._attrs is None:
            self._attrs = {}
        return self._attrs


cdef PlaceFound _place_found(Py_ssize_t start, Py_ssize_t end, str level, str name, list candidates, unit, dict attrs):
    cdef PlaceFound found = PlaceFound.__new__(PlaceFound)
    found.start = start
    found.end = end
    found.level = level
    found.name = name
    found.candidates = candidates
    found.unit = unit
    found._attrs = attrs
    return found


cdef inline bint _is_consonant(Py_UCS4 ch) noexcept:
    return 0x0E01 <= ch <= 0x0E2E


cdef bint _inside_abbreviation(str text, Py_ssize_t start):
    """mirrors ``places._INSIDE_ABBREVIATION.search(text, max(0, start - 3), start)``: a dot and
    one or two consonants end right before ``start`` ("รพ.สต.", "ศอ.บต."), or, as ``$`` also
    matches before a final line break, a dot and one consonant then a line break."""
    if start >= 2 and _char(text, start - 2) == u'.' and _is_consonant(_char(text, start - 1)):
        return True
    if start >= 3 and _char(text, start - 3) == u'.' and _is_consonant(_char(text, start - 2)):
        return _is_consonant(_char(text, start - 1)) or _char(text, start - 1) == u'\n'
    return False


def place_candidates(PlaceReader reader, str text, list triggers):
    """mirrors ``places._python_candidates``: a :class:`PlaceFound` for each place read at a
    trigger word, left to right."""
    cdef Py_ssize_t size = len(text), trigger_start, trigger_end, name_start, end = 0, last_end = 0
    cdef list found = []
    cdef list candidates
    cdef tuple trigger, unit
    cdef str word, name
    for trigger in triggers:
        trigger_start = trigger[0]
        trigger_end = trigger[1]
        if trigger_start < last_end:
            continue
        word = text[trigger_start:trigger_end]
        unit = reader.local_gov_units.get(word)  # (canonical unit name, level of the name after it)
        if unit is not None:
            name_start = trigger_end + 1 if trigger_end < size and _is_space_or_tab(_char(text, trigger_end)) else trigger_end
            candidates = reader.read_local_gov_name(text, name_start, unit[1], size, &end)
            if candidates is None:
                continue
            found.append(_place_found(trigger_start, end, u"local_gov", text[name_start:end], candidates, unit[0], None))
            last_end = end
            continue
        level = reader.prefixes.get(word)
        if level is not None:
            if trigger_end - trigger_start == 2 and _inside_abbreviation(text, trigger_start):
                continue
            name_start = trigger_end + 1 if trigger_end < size and _is_space_or_tab(_char(text, trigger_end)) else trigger_end
            candidates = reader.read_name(text, name_start, level, size, &end)
            if candidates is not None and (word == u"เขต" or word == u"แขวง"):  # Bangkok's level words
                candidates = [p for p in candidates if p.province_code == u"10"] or None
            if candidates is None:
                continue
            name = text[name_start:end]
            if name_start != trigger_end and (  # mirrors places._spaced_common_word
                name in reader.stop_words or name == _CAPITAL or (end < size and _is_mark(_char(text, end)))
            ):
                continue
            found.append(_place_found(trigger_start, end, level, name, candidates, None, None))
            last_end = end
            continue
        # a bare province name
        if trigger_start > 0 and u"เ" <= _char(text, trigger_start - 1) <= u"ไ":
            continue  # after a leading vowel (places._LEADING_VOWELS)
        if trigger_end < size and _is_mark(_char(text, trigger_end)):
            continue  # places._continues
        found.append(_place_found(trigger_start, trigger_end, u"province", word, reader.one_province(word), None, None))
        last_end = trigger_end
    return found


# ---------------------------------------------------------------------------------------------
# Places: bare district names, ambiguity and rows (places.py)


def with_bare_districts(PlaceReader reader, str text, list found, scanned, bare_names_of):
    """mirrors ``places._python_with_bare_districts``: ``found`` plus the district names
    written without อำเภอ in a text that names their province, sorted by start."""
    cdef Py_ssize_t size = len(text), count = len(found), i = 0, start, end
    cdef list candidates, spans, extra = [], merged
    cdef tuple span
    cdef set provinces = set()
    cdef PlaceFound f, last = None
    for f in found:
        candidates = f.candidates
        if len(candidates) == 1:
            provinces.add(candidates[0].province_code)
        elif candidates and len({p.province_code for p in candidates}) == 1:
            provinces.add(candidates[0].province_code)
    if not provinces:
        return found
    names = bare_names_of(frozenset(provinces))
    if not names:
        return found
    raw = scanned._raw
    if isinstance(raw, Occurrences):  # the district words kept without a Python call per word
        spans = (<Occurrences>raw).leftmost_longest(text, u"districts", None, names)
    else:
        spans = scanned.words(u"districts", names.__contains__)
    for span in spans:
        start = span[0]
        end = span[1]
        while i < count and (<PlaceFound?>found[i]).start <= start:  # the last place starting at or before it
            last = found[i]
            i += 1
        if last is not None and start < last.end:
            continue  # inside a place already found ("อ.หาดใหญ่", "เทศบาลนครหาดใหญ่")
        if start > 0 and u"เ" <= _char(text, start - 1) <= u"ไ":
            continue  # after a leading vowel
        if end < size and _is_mark(_char(text, end)):
            continue  # places._continues
        name = text[start:end]
        candidates = [p for p in reader.districts[name] if p.province_code in provinces]
        extra.append(_place_found(start, end, u"amphoe", name, candidates, None, {u"bare": True}))
    if not extra:
        return found
    return _merged_by_start(found, extra)


cdef list _merged_by_start(list first, list second):
    # sorted(first + second, key=start) of two lists sorted by start, equal starts first-list first
    cdef Py_ssize_t i = 0, j = 0, a = len(first), b = len(second)
    cdef list merged = []
    while i < a and j < b:
        if (<PlaceFound?>second[j]).start < (<PlaceFound?>first[i]).start:
            merged.append(second[j])
            j += 1
        else:
            merged.append(first[i])
            i += 1
    merged.extend(first[i:])
    merged.extend(second[j:])
    return merged


def paragraph_breaks(str text):
    """mirrors ``places._paragraph_breaks``: where each ``\\n[ \\t]*\\n`` starts (``re.finditer``:
    left to right, not overlapping), going from one line break to the next."""
    cdef Py_ssize_t size = len(text), i = 0, q
    cdef list breaks = []
    while i < size:
        i = PyUnicode_FindChar(text, u'\n', i, size, 1)
        if i < 0:
            break
        q = _skip_spaces(text, i + 1, size)
        if q < size and _char(text, q) == u'\n':
            breaks.append(i)  # the match ends at q: the next one starts after it
            i = q + 1
        else:
            i = q  # (no line break in between: only spaces and tabs)
    return breaks


cdef void _narrow(PlaceFound f, set provinces, set districts) except *:
    # mirrors places._narrow: keep the candidates that fit the provinces/districts around f
    cdef list candidates = f.candidates
    if len(candidates) <= 1:
        return
    by_district = [p for p in candidates if p.district_code in districts]
    if by_district and (f.level == u"tambon" or f.level == u"local_gov"):
        f.candidates = by_district
        return
    by_province = [p for p in candidates if p.province_code in provinces]
    if by_province:
        f.candidates = by_province


cdef tuple _settled(list candidates, str level):
    # mirrors places._settled: (province code, district code of a district) when certain
    if len(candidates) == 1 or (candidates and len({p.province_code for p in candidates}) == 1):
        first = candidates[0]
        return first.province_code, (first.district_code if level == u"amphoe" else None)
    return None, None


def resolve_places(str text, list found, Py_ssize_t context_chars):
    """mirrors ``places._python_resolve``: narrows the candidates of ambiguous places (in
    place) with the provinces and districts named around them, then in the whole text."""
    cdef Py_ssize_t count = len(found), size = len(text), i, j, lo, hi, start, end, pass_number
    cdef Py_ssize_t breaks_count, a, b, m
    cdef list ambiguous = [i for i in range(count) if len((<PlaceFound?>found[i]).candidates) > 1]
    cdef list breaks, before_pass
    cdef dict settled
    cdef PlaceFound f, other
    if not ambiguous:
        return
    breaks = paragraph_breaks(text)
    breaks_count = len(breaks)
    for pass_number in range(2):  # a district resolved in the first pass can resolve a subdistrict
        before_pass = [(<PlaceFound?>f).candidates for f in found]
        settled = {}
        for i in ambiguous:
            f = found[i]
            if len(f.candidates) <= 1:
                continue
            start = f.start
            end = f.end
            # places._paragraph_bounds: the breaks around start
            a, b = 0, breaks_count
            while a < b:
                m = (a + b) // 2
                if <Py_ssize_t>breaks[m] <= start:
                    a = m + 1
                else:
                    b = m
            lo = breaks[a - 1] if a > 0 else 0
            hi = breaks[a] if a < breaks_count else size
            lo = max(lo, start - context_chars)
            hi = min(hi, end + context_chars)
            provinces, districts = set(), set()
            a, b = 0, count  # the first place starting at or after lo
            while a < b:
                m = (a + b) // 2
                if (<PlaceFound?>found[m]).start < lo:
                    a = m + 1
                else:
                    b = m
            j = a
            while j < count and (<PlaceFound?>found[j]).start <= hi:
                if j != i:
                    other = found[j]
                    if j not in settled:
                        settled[j] = _settled(before_pass[j], other.level)
                    province_code, district_code = settled[j]
                    if province_code:
                        provinces.add(province_code)
                    if district_code and len(other.candidates) == 1:
                        districts.add(other.candidates[0].district_code)
                j += 1
            _narrow(f, provinces, districts)
    text_provinces = {(<PlaceFound?>f).candidates[0].province_code for f in found if (<PlaceFound?>f).level == u"province"}
    for i in ambiguous:
        f = found[i]
        if text_provinces and len({p.province_code for p in f.candidates}) > 1:
            before = len(f.candidates)
            _narrow(f, text_provinces, set())
            if len(f.candidates) < before and len({p.province_code for p in f.candidates}) == 1:
                f.attrs[u"resolved_by"] = u"document"


cdef Py_ssize_t _bisect_left(list values, Py_ssize_t value):
    cdef Py_ssize_t lo = 0, hi = len(values), mid
    while lo < hi:
        mid = (lo + hi) // 2
        if <Py_ssize_t>values[mid] < value:
            lo = mid + 1
        else:
            hi = mid
    return lo


def place_rows_of(list found, dict known_rows, row_values):
    """mirrors ``places._to_row`` for every found place: (start, end, "PLACE", value,
    "gazetteer", attrs). ``known_rows`` keeps, by name, the value and attrs of a place with one
    candidate (``row_values`` gives the same for the same level, place, unit and attrs)."""
    cdef list rows = []
    cdef list candidates, known
    cdef tuple entry
    cdef dict attrs
    cdef PlaceFound f
    for f in found:
        candidates = f.candidates
        attrs = f._attrs or None  # (none, or {"bare": True}, {"resolved_by": "document"} …)
        if len(candidates) == 1:  # the common case: one place, its row values read once
            place = candidates[0]
            known = known_rows.get(f.name)
            if known is None:
                known = known_rows[f.name] = []
            for entry in known:  # (level, place, unit, attrs of the found place, value, attrs)
                if entry[1] is place and entry[0] == f.level and entry[2] == f.unit and entry[3] == attrs:
                    break
            else:
                value, row_attrs = row_values(f)
                entry = (f.level, place, f.unit, None if attrs is None else dict(attrs), value, row_attrs)
                known.append(entry)
            rows.append((f.start, f.end, u"PLACE", entry[4], u"gazetteer", dict(<dict>entry[5])))
        else:
            value, row_attrs = row_values(f)
            rows.append((f.start, f.end, u"PLACE", value, u"gazetteer", row_attrs))
    return rows


def place_rows(PlaceReader reader, str text, scanned, bare_names_of, dict known_rows, row_values,
               Py_ssize_t context_chars):
    """mirrors ``places.place_rows`` on the scan ``scanned``: the places read at its trigger
    words and its bare district names, narrowed, as rows."""
    found = place_candidates(reader, text, scanned.words(u"places"))
    found = with_bare_districts(reader, text, found, scanned, bare_names_of)
    resolve_places(text, found, context_chars)
    return place_rows_of(found, known_rows, row_values)


# ---------------------------------------------------------------------------------------------
# Organisations: a lexicon form, then a region, a province or a place (orgs.py)


cdef class OrgReader:
    """What ``orgs.org_rows`` reads with: the lexicon and the gazetteer's name tries."""

    cdef dict dotted, dotless
    cdef WordList dotless_may_glue
    cdef PlaceReader places

    def __init__(self, lexicon, dotless_may_glue, PlaceReader places):
        self.dotted, self.dotless = lexicon.dotted, lexicon.dotless
        self.dotless_may_glue = WordList(dotless_may_glue)
        self.places = places  # its tries read the names after an organisation

    cdef object accepted(self, str text, Py_ssize_t start, Py_ssize_t end, Py_ssize_t size):
        """mirrors orgs._accepted_at: the organisation of the form at start…end, or None."""
        written = text[start:end]
        org = self.dotted.get(written)
        if org is not None:
            return org
        # an abbreviation without its dots must not run on into a Thai word ("สสสร้าง")
        if end < size and (_char(text, end) == u'.' or _is_thai_letter(_char(text, end))) and _word_at(
            text, end, size, self.dotless_may_glue
        ) < 0:
            return None
        return self.dotless[written]

    cdef str name_at(self, str text, Py_ssize_t pos, Py_ssize_t size, str level):
        # gazetteer.longest_name_at for the province, district or subdistrict table
        cdef NameTrie names = (self.places.province_names if level == u"province" else
                               self.places.district_names if level == u"district" else self.places.subdistrict_names)
        cdef Py_ssize_t end = names.longest_at(text, pos, size)
        return text[pos:end] if end >= 0 else None


cdef str _REGION_WORD = u"เขต"
cdef str _REGION_NUMBER_WORD = u"ที่"
cdef str _PROVINCE_WORD = u"จังหวัด"
cdef str _PROVINCE_ABBREVIATION = u"จ."


cdef Py_ssize_t _region_end(str text, Py_ssize_t p, Py_ssize_t size, Py_ssize_t *number_start, bint *has_word):
    """mirrors ``orgs._REGION.match(text, p)``: an optional space or tab, an optional เขต or ที่
    (and a space or tab), then one or two digits not followed by another; the match's end, or
    -1 (every optional part taken when there: no other reading could match)."""
    cdef Py_ssize_t q = p, e
    if q < size and _is_space_or_tab(_char(text, q)):
        q += 1
    has_word[0] = text.startswith(_REGION_WORD, q) or text.startswith(_REGION_NUMBER_WORD, q)
    if has_word[0]:
        q += len(_REGION_WORD)  # (both words are three characters)
        if q < size and _is_space_or_tab(_char(text, q)):
            q += 1
    e = q
    while e < size and _is_digit(_char(text, e)):
        e += 1
    if not 1 <= e - q <= 2:
        return -1
    number_start[0] = q
    return e


cdef Py_ssize_t _province_lead_end(str text, Py_ssize_t p, Py_ssize_t size, bint *said_province):
    """mirrors ``orgs._PROVINCE_LEAD.match(text, p).end()``: an optional space or tab, จังหวัด or
    จ. if there (``said_province``), an optional space or tab."""
    cdef Py_ssize_t q = p
    if q < size and _is_space_or_tab(_char(text, q)):
        q += 1
    said_province[0] = True
    if text.startswith(_PROVINCE_WORD, q):
        q += len(_PROVINCE_WORD)
    elif text.startswith(_PROVINCE_ABBREVIATION, q):
        q += len(_PROVINCE_ABBREVIATION)
    else:
        said_province[0] = False
    if q < size and _is_space_or_tab(_char(text, q)):
        q += 1
    return q


def org_rows(OrgReader reader, str text, list triggers):
    """mirrors ``orgs._python_org_rows``: (start, end, "ORG", value, "lexicon", attrs)."""
    cdef Py_ssize_t size = len(text), start, end, last_end = 0, place_start, region_end, number_start = 0, lead_end
    cdef list rows = []
    cdef tuple trigger
    cdef str written
    cdef dict attrs
    cdef bint region_word = False, said_province = False
    for trigger in triggers:
        start = trigger[0]
        end = trigger[1]
        if start < last_end:
            continue
        org = reader.accepted(text, start, end, size)
        if org is None:
            continue
        written = text[start:end]
        value = org.name
        attrs = {u"abbr": org.abbr}
        if org.region_word:
            region_end = _region_end(text, end, size, &number_start, &region_word)
            if region_end >= 0 and (region_word or written.endswith(u".") or org.region_word == u"ที่"):
                number = _digit_run_value(text, number_start, region_end)  # (numbers.parse_number of it)
                value = f"{org.name}{u' ' if org.region_word == u'เขต' else u''}{org.region_word} {number}"
                attrs[u"region"] = number
                end = region_end
        if org.takes_province:
            lead_end = _province_lead_end(text, end, size, &said_province)
            province = reader.name_at(text, lead_end, size, u"province")
            if province:
                attrs[u"province"] = reader.places.provinces[province].name
                # said_province: "…จังหวัดตรัง", "…จ.ตรัง"
                joiner = u"จังหวัด" if said_province and not value.endswith(u"จังหวัด") else u""
                value = f"{value}{joiner}{attrs[u'province']}"
                end = lead_end + len(province)
        if org.takes_place and u"province" not in attrs:
            place_start = end + 1 if end < size and _is_space_or_tab(_char(text, end)) and org.takes_place == u"district" else end
            place = reader.name_at(text, place_start, size, u"district" if org.takes_place == u"district" else u"tambon")
            if place:
                attrs[org.takes_place] = place
                value = f"{org.name}{place}"
                end = place_start + len(place)
        rows.append((start, end, u"ORG", value, u"lexicon", attrs))
        last_end = end
    return rows
# ---------------------------------------------------------------------------------------------
# Persons: a title, then a name (persons.py)


cdef inline bint _is_name_letter(Py_UCS4 ch) noexcept:
    # mirrors persons._NAME_RUN: Thai letters and marks, not ฯ (U+0E2F)
    return (0x0E01 <= ch <= 0x0E2E) or (0x0E30 <= ch <= 0x0E4E)


cdef inline bint _is_thai_letter(Py_UCS4 ch) noexcept:
    return 0x0E01 <= ch <= 0x0E4E


cdef Py_ssize_t _first_word(str text, Py_ssize_t start, Py_ssize_t size, WordList words, Py_ssize_t *word_end) noexcept:
    """Where the first of ``words`` occurs in ``text[start:size]`` (the longest one there, its
    end in ``word_end``), or -1: the first match of ``re.finditer`` over a trie of the words."""
    cdef Py_ssize_t q, index
    for q in range(start, size):
        index = _word_at_within(text, q, size, words)
        if index >= 0:
            word_end[0] = q + len(<str>words.words[index])
            return q
    return -1


cdef Py_ssize_t _word_at_within(str text, Py_ssize_t q, Py_ssize_t limit, WordList words) noexcept:
    # _word_at with the text ending at ``limit`` (as re's ``endpos``)
    return _word_at(text, q, limit, words)


cdef class PersonReader:
    """What ``persons.person_rows`` reads with: its word lists, as the compiled reader takes them."""

    cdef WordList titles, clause_words, stop_words, office_words, before_name_words
    cdef dict not_a_name_after  # a title → the WordList of words after which it is no title
    cdef tuple first_name_only
    cdef frozenset role_titles, particles, first_name_only_set, common_words, known_words
    cdef object org_reader, place_reader, reported_by, placeholder_after_mayor
    cdef Py_ssize_t max_first_name, run_limit, max_surname

    def __init__(self, titles, clause_words, stop_words, not_a_name_after, first_name_only, office_words,
                 before_name_words, role_titles, particles, org_reader, place_reader, reported_by,
                 placeholder_after_mayor, max_first_name, run_limit, max_surname, first_name_only_set,
                 common_words, known_words):
        self.titles = WordList(titles)
        self.clause_words = WordList(clause_words)
        self.stop_words = WordList(stop_words)
        self.not_a_name_after = {title: WordList(words) for title, words in not_a_name_after.items()}
        self.first_name_only = tuple(first_name_only)
        self.office_words = WordList(office_words)
        self.before_name_words = WordList(before_name_words)
        self.role_titles = frozenset(role_titles)
        self.particles = frozenset(particles)
        self.org_reader = org_reader  # an OrgReader: is a lexicon form accepted where it stands
        self.place_reader = place_reader  # a PlaceReader: its trie of district names
        self.reported_by = reported_by  # persons._REPORTED_BY.match
        self.placeholder_after_mayor = placeholder_after_mayor  # persons._PLACEHOLDER_AFTER_MAYOR.match
        self.max_first_name, self.run_limit, self.max_surname = max_first_name, run_limit, max_surname
        self.first_name_only_set = frozenset(first_name_only_set)  # persons.FIRST_NAME_ONLY_TITLES
        self.common_words = frozenset(common_words)  # persons.common_words()
        self.known_words = frozenset(known_words)  # persons.known_words()

    cdef Py_ssize_t end_of_token_at(self, index, Py_ssize_t position):
        # mirrors persons._TokenIndex.end_of_token_at
        cdef list starts, ends
        starts, ends = index.offsets()
        cdef Py_ssize_t i = _bisect_left(starts, position)
        if i < len(ends) and <Py_ssize_t>starts[i] == position:
            return ends[i]
        return -1

    cdef bint address_allowed(self, str text, Py_ssize_t start, Py_ssize_t end, index, bint has_tokens):
        """mirrors persons._title_allowed_at."""
        cdef Py_ssize_t token_end
        cdef bint address = has_tokens and text[start:end] in self.first_name_only_set
        if address:
            token_end = self.end_of_token_at(index, start)
            if token_end > end and text[start:token_end] in self.known_words:
                return False
        if start == 0 or not _is_thai_letter(_char(text, start - 1)):
            return True
        if _any_word_ends_at(text, start, self.before_name_words):
            return True
        return address and self.end_of_token_at(index, start) >= 0

    cdef str cut_at_common_word(self, str text, Py_ssize_t run_start, str run, index):
        """mirrors persons._cut_at_common_word."""
        cdef Py_ssize_t run_end = run_start + len(run), count, i, token_start
        cdef list starts, ends
        starts, ends = index.offsets()
        count = len(ends)
        i = _bisect_left(starts, run_start + 1)
        while i < count and <Py_ssize_t>starts[i] < run_end:
            token_start = starts[i]
            if text[token_start:<Py_ssize_t>ends[i]] in self.common_words:
                return run[: token_start - run_start]
            i += 1
        return run

    cdef Py_ssize_t title_chain_end(self, str text, Py_ssize_t q, Py_ssize_t size):
        """mirrors the ``title`` group of persons._TITLE: titles, one space or tab between
        them allowed; its end, or -1 when no title starts at ``q``."""
        cdef Py_ssize_t index, end = -1, next_q
        index = _word_at(text, q, size, self.titles)
        while index >= 0:
            end = q + len(<str>self.titles.words[index])
            next_q = end + 1 if end < size and _is_space_or_tab(_char(text, end)) else end
            index = _word_at(text, next_q, size, self.titles)
            if index < 0 and next_q != end:
                break
            q = next_q
        return end

    cdef bint not_a_title_here(self, str text, str title, Py_ssize_t name_start):
        # mirrors persons._not_a_title_here
        cdef list parts
        if u" " in title:
            parts = title.split()
            last = parts[len(parts) - 1]  # (no negative index: wraparound is off)
        else:
            last = title
        words = self.not_a_name_after.get(last)
        return words is not None and _word_at(text, name_start, len(text), <WordList>words) >= 0

    cdef bint names_an_office(self, str text, str title, Py_ssize_t pos, dict org_ends):
        """mirrors persons._names_an_office; ``orgs.org_at`` is read from the scan's lexicon
        forms (``org_ends``: the longest one at ``pos``, if accepted), the district from the trie."""
        cdef Py_ssize_t size = len(text)
        if _word_at(text, pos, size, self.office_words) >= 0:
            return True
        org_end = org_ends.get(pos)
        if org_end is not None and (<OrgReader>self.org_reader).accepted(text, pos, org_end, size) is not None:
            return True
        return title.endswith(u"อ.") and (<PlaceReader>self.place_reader).district_names.longest_at(text, pos, size) >= 0

    cdef tuple read_title(self, str text, Py_ssize_t trigger_start, Py_ssize_t trigger_end, Py_ssize_t last_end,
                          Py_ssize_t size, dict org_ends, index, bint has_tokens):
        """mirrors persons._read_title (``last_end`` -1 for none): (title or None, name start)."""
        cdef Py_ssize_t chain_end, name_start
        if text.startswith(u"รายงาน", trigger_start, trigger_end):
            reported = self.reported_by(text, trigger_end)
            return (None, reported.end()) if reported else None
        if not self.address_allowed(text, trigger_start, trigger_end, index, has_tokens):
            return None  # persons._title_allowed_at
        chain_end = self.title_chain_end(text, trigger_start, size)
        if chain_end < 0:
            return None  # (a trigger word is always a title: not reached)
        title = text[trigger_start:chain_end]
        name_start = chain_end + 1 if chain_end < size and _is_space_or_tab(_char(text, chain_end)) else chain_end
        if last_end >= 0 and title.strip() in self.role_titles and trigger_start - last_end <= 2:
            return None  # a role after the name it describes
        if title.endswith(u"นายก") and self.placeholder_after_mayor(text, trigger_start + len(title)):
            name_start = trigger_start + len(title) - 1
            title = title[: len(title) - 1]
        if (
            self.not_a_title_here(text, text[trigger_start:trigger_end], trigger_end)
            or self.not_a_title_here(text, title, name_start)
            or self.names_an_office(text, title, name_start, org_ends)
        ):
            return None
        return title, name_start

    cdef str cut_at_token(self, str text, Py_ssize_t run_start, str run, index, bint has_tokens,
                          Py_ssize_t min_length):
        """mirrors persons._cut_at_token (and _cut_at_stop_word without tokens)."""
        cdef Py_ssize_t length = len(run), stop, stop_end = 0, run_end, count, i, token_start, token_end
        cdef list starts, ends
        stop = _first_word(run, min_length, length, self.stop_words, &stop_end)
        if not has_tokens:
            return run[:stop] if stop >= 0 and stop_end < length else run
        if stop < 0:
            return run  # no stop word at all: no token can start with one
        run_end = run_start + length
        starts, ends = index.offsets()  # the tokens that start in the run (persons._TokenIndex.spans_from)
        count = len(ends)
        i = _bisect_left(starts, run_start + min_length)
        while i < count and <Py_ssize_t>starts[i] < run_end:
            token_start = starts[i]
            token_end = ends[i]
            if token_end < run_end and _word_at_within(text, token_start, token_end, self.stop_words) >= 0:
                return run[: token_start - run_start]
            i += 1
        return run

    cdef str cut_glued_first_name(self, str run):
        # mirrors persons._cut_glued_first_name
        cdef Py_ssize_t length = len(run), clause, clause_end = 0
        clause = _first_word(run, 2, length, self.clause_words, &clause_end)
        if clause >= 0 and (clause_end < length or run[clause:clause_end] in self.particles):
            return run[:clause]
        return run

    cdef tuple read_name(self, str text, Py_ssize_t start, title, index, bint has_tokens, Py_ssize_t size):
        """mirrors persons._read_name: (first name, surname or None), or None."""
        cdef Py_ssize_t run_end = start, end, surname_start, surname_run_end, surname_end, token_end
        cdef str first_name, surname
        cdef bint glued, at_word_end, first_name_only
        while run_end < size and _is_name_letter(_char(text, run_end)):
            run_end += 1
        if run_end == start:
            return None
        first_name = text[start : min(run_end, start + self.run_limit)]
        if len(first_name) > 2 and _word_at(first_name, 0, len(first_name), self.clause_words) >= 0:
            return None  # "ก๊ะอยากบอกว่า": a form of address used as "I"
        first_name_only = bool(title) and title.strip().endswith(self.first_name_only)
        if first_name_only and has_tokens:
            token_end = self.end_of_token_at(index, start)
            if token_end > 0 and text[start:token_end] in self.common_words:
                return None  # "ก๊ะ|เลย|ชวน": the form of address used as "I", then a common word
            first_name = self.cut_at_common_word(text, start, first_name, index)
        first_name = self.cut_glued_first_name(self.cut_at_token(text, start, first_name, index, has_tokens, 1))
        if not first_name or len(first_name) > self.max_first_name:
            return None
        end = start + len(first_name)
        glued = run_end < size and not Py_UNICODE_ISSPACE(_char(text, run_end))
        if first_name_only or glued or end != run_end:
            return first_name, None
        # persons._SURNAME_AFTER_SPACE: a space or tab, then a run of name letters
        if not (end < size and _is_space_or_tab(_char(text, end))):
            return first_name, None
        surname_start = end + 1
        surname_run_end = surname_start
        while surname_run_end < size and _is_name_letter(_char(text, surname_run_end)):
            surname_run_end += 1
        if surname_run_end == surname_start or _word_at(text, surname_start, surname_run_end, self.titles) >= 0:
            return first_name, None
        surname = text[surname_start : min(surname_run_end, surname_start + self.max_surname + 30)]
        surname = self.cut_at_token(text, surname_start, surname, index, has_tokens, 2)
        surname_end = surname_start + len(surname)
        at_word_end = surname_end >= size or not _is_thai_letter(_char(text, surname_end))
        if (
            (1 if at_word_end else 2) <= len(surname) <= self.max_surname
            and _word_at(surname, 0, len(surname), self.stop_words) < 0
            and _word_at(surname, 0, len(surname), self.clause_words) < 0
        ):
            return first_name, surname
        return first_name, None


def person_rows(PersonReader reader, str text, list triggers, index, org_forms):
    """mirrors ``persons._python_person_rows``: (start, end, "PERSON", value, "rule", attrs)
    of every name; ``index`` is the text's ``persons._TokenIndex``, ``org_forms`` every
    occurrence of a lexicon form (``Scan.occurrence_array("orgs")``)."""
    cdef Py_ssize_t size = len(text), trigger_start, trigger_end, last_end = 0, name_end = -1, start, end, f
    cdef list rows = []
    cdef tuple trigger, titled, name
    cdef bint has_tokens = bool(index)
    cdef dict org_ends = {}  # start → the end of the longest lexicon form there
    cdef SpanArray forms = SpanArray.of(org_forms)
    for f in range(forms.count):
        if forms.ends[f] > org_ends.get(forms.starts[f], -1):
            org_ends[forms.starts[f]] = forms.ends[f]
    for trigger in triggers:
        trigger_start = trigger[0]
        trigger_end = trigger[1]
        if trigger_start < last_end:
            continue
        titled = reader.read_title(text, trigger_start, trigger_end, name_end, size, org_ends, index, has_tokens)
        if titled is None:
            continue
        title = titled[0]
        start = titled[1]
        name = reader.read_name(text, start, title, index, has_tokens, size)
        if name is None:
            continue
        first_name, surname = name
        if surname is None and text.startswith(u"รายงาน", trigger_start, trigger_end):
            continue  # "รายงานโดย" + one word is more likely a team than a person
        value = f"{first_name} {surname}" if surname else first_name
        end = start + len(value)
        attrs = {"title": title.strip() if title else None, "first_name": first_name, "surname": surname}
        rows.append((start, end, "PERSON", value, "rule", attrs))
        last_end = name_end = end
    return rows




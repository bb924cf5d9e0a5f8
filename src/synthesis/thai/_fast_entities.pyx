# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twins of the per-match and per-entity loops of the rule entities.

``find_entities`` does little per character but much per trigger word, digit run and
candidate: thousands of small Python steps per megabyte, which cost more than the word
segmenter itself. This module does the same steps as C loops over the text. Each function
names its Python twin, which stays the reference (``synthesis.thai.accel``); the tests in
``tests/thai/test_entities_fast.py`` check that both give identical results.

- :class:`Trie` and :func:`scan_text` mirror ``scan.scan``: every occurrence of every
  finder's trigger words and the runs of digits, found in one walk over the text;
- :func:`resolve_rows` mirrors ``entities._resolve_rows`` (overlaps among rows);
- :func:`snapped_entities` mirrors ``entities._snapped_entities`` (rows to entities, widened
  to whole grapheme clusters).
"""

import numpy

cdef inline bint _is_digit(Py_UCS4 ch) noexcept:
    # mirrors scan.DIGITS: ASCII and Thai digits
    return (0x30 <= ch <= 0x39) or (0x0E50 <= ch <= 0x0E59)


# ---------------------------------------------------------------------------------------------
# The scan: an Aho-Corasick automaton of every finder's words, one table step per character.


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

    cdef unsigned short[::1] column  # code point (BMP) → column; 0 for a character in no word
    cdef int[:, ::1] step  # state × column → next state; state 0 is the empty prefix
    cdef int[::1] out_first
    cdef int[::1] out_length
    cdef int[::1] out_owner
    cdef readonly list owners

    def __init__(self, dict words_by_owner):
        """``words_by_owner``: word → list of finder names (as ``scan._owners`` gathers them)."""
        words = [word for word, names in words_by_owner.items() if word and names]
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
            self.owners.append(tuple(words_by_owner[word]))
        # breadth first: a state's fallback is shallower, so its row is complete when copied
        step = numpy.zeros((len(goto), len(alphabet) + 1), dtype=numpy.int32)
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
        self.column = column
        self.step = step
        self.out_first = out_first
        self.out_length = numpy.array(out_length, dtype=numpy.int32)
        self.out_owner = numpy.array(out_owner, dtype=numpy.int32)


def scan_text(Trie trie, str text):
    """``(digit_runs, raw)`` of ``text``, as ``scan._python_scan`` reads them from its automaton.

    ``digit_runs``: maximal runs of ASCII or Thai digits, ``(start, end)``, in order;
    ``raw``: finder name → every occurrence of its words as ``(start, -end)``, overlapping
    ones included (in order of their ends; ``Scan.words`` sorts them its own way).
    """
    cdef Py_ssize_t i = -1, start
    cdef Py_ssize_t run_start = -1, run_end = -1
    cdef Py_UCS4 ch
    cdef int state = 0, out
    cdef unsigned short[::1] column = trie.column
    cdef int[:, ::1] step = trie.step
    cdef int[::1] out_first = trie.out_first
    cdef int[::1] out_length = trie.out_length
    cdef int[::1] out_owner = trie.out_owner
    cdef list owners = trie.owners
    cdef list runs = []
    cdef dict raw = {}
    cdef list spans
    for ch in text:  # (faster than text[i]: Cython reads the string's kind once)
        i += 1
        if _is_digit(ch):
            if i != run_end:
                if run_end >= 0:
                    runs.append((run_start, run_end))
                run_start = i
            run_end = i + 1
        state = step[state, column[ch] if ch <= 0xFFFF else 0]
        for out in range(out_first[state], out_first[state + 1]):
            start = i + 1 - out_length[out]
            for name in <tuple>owners[out_owner[out]]:
                spans = raw.get(name)
                if spans is None:
                    raw[name] = [(start, -(i + 1))]
                else:
                    spans.append((start, -(i + 1)))
    if run_end >= 0:
        runs.append((run_start, run_end))
    return runs, raw


# ---------------------------------------------------------------------------------------------
# Overlaps and snapping


def resolve_rows(list rows, dict rank):
    """mirrors ``entities._resolve_rows``: rows ``(start, end, label, …)`` without overlaps,
    longest first, then by ``rank`` of the label, then earliest; sorted by (start, end)."""
    cdef list ordered = sorted(rows, key=_start_end)  # stable, as in the Python twin
    cdef list kept = []
    cdef list cluster = []
    cdef Py_ssize_t cluster_end = -1, start, end
    cdef tuple row
    for row in ordered:
        start = row[0]
        end = row[1]
        if start < cluster_end:
            cluster.append(row)
            if end > cluster_end:
                cluster_end = end
            continue
        if len(cluster) == 1:
            kept.append(cluster[0])
        elif cluster:
            kept.extend(_best_of_cluster(cluster, rank))
        cluster = [row]
        cluster_end = end
    if len(cluster) == 1:
        kept.append(cluster[0])
    elif cluster:
        kept.extend(_best_of_cluster(cluster, rank))
    return sorted(kept, key=_start_end) if len(kept) < len(ordered) else kept


def _start_end(tuple row):
    return row[0], row[1]


cdef list _best_of_cluster(list cluster, dict rank):
    # mirrors entities._best_of_cluster
    cdef list keyed = []
    cdef list chosen = []
    cdef tuple row, other
    cdef Py_ssize_t index, start, end
    cdef bint free
    for index in range(len(cluster)):
        row = cluster[index]
        keyed.append((<Py_ssize_t>row[0] - <Py_ssize_t>row[1], rank.get(row[2], 99), row[0], index))
    keyed.sort()  # the index keeps equal keys in cluster order, as a stable sort would
    for key in keyed:
        row = cluster[key[3]]
        start = row[0]
        end = row[1]
        free = True
        for other in chosen:
            if not (end <= <Py_ssize_t>other[0] or start >= <Py_ssize_t>other[1]):
                free = False
                break
        if free:
            chosen.append(row)
    return chosen


def snapped_entities(str text, list rows, make, const unsigned char[:] risk, snap_left, snap_right):
    """mirrors ``entities._snapped_entities``: ``make(start, end, text, label, value, source,
    attrs)`` for each row, its ends moved out of any grapheme cluster they would split.

    ``risk`` is ``graphemes._CUT_RISK`` (bit 1: may continue a cluster, bit 2: may join the
    next character); only where it flags a risk do ``snap_left``/``snap_right`` decide."""
    cdef Py_ssize_t size = len(text), start, end
    cdef list entities = []
    cdef tuple row
    for row in rows:
        start = row[0]
        end = row[1]
        if (start > 0 and _may_split(text, start, risk)) or (end < size and _may_split(text, end, risk)):
            start = snap_left(text, start)
            end = snap_right(text, end)
        entities.append(make(start, end, text[start:end], row[2], row[3], row[4], row[5]))
    return entities


cdef inline bint _may_split(str text, Py_ssize_t index, const unsigned char[:] risk):
    # mirrors entities._may_split for 0 < index < len(text)
    return (risk[text[index]] & 1) or (risk[text[index - 1]] & 2)

# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twin of ``segment.py``'s ``rules`` engine: same segments, some twenty times faster.

``segment()`` visits every line, every space between Thai words and every dot of a report;
in Python those visits (regex searches, closures, slices) cost more than the word segmenter.
Here everything is C over the text's characters, read in place (:class:`_Text`):

1. one pass finds the few characters the rules look for (:class:`_Places`: newlines, marks,
   brackets, colons, spaces), so that no rule walks the text again;
2. the line loop decides headings, list items (:func:`_list_marker_end`, the twin of
   ``_LIST_MARKER``) and speaker turns (:func:`_turn_label_end`, the twin of ``_TURN``);
3. :class:`_Cutter` cuts each unit into sentences, visiting only the marks and spaces;
4. spans are snapped to cluster boundaries (``graphemes.is_boundary`` only next to a mark);
5. the ``Segment`` objects are built field by field (:func:`_new_segment`), without the
   Python ``__init__``. With their text slices they are now the largest cost left.

Every function mirrors a Python one in ``segment.py`` (named in its comment): when a rule
changes there, change it here, and ``tests/thai/test_segment_fast.py`` checks both give the
same spans (and that the patterns mirrored here are unchanged). The word tables and limits are
not typed twice: ``segment.py`` passes them to :func:`configure` when it imports this module.

Map: reading the text · word tables · growable arrays · character classes · small helpers ·
the found places · the gap rules · the cutter · snapping · lines · list markers and turns · segments ·
segment_rules · for the tests.
"""

cimport cython
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.object cimport PyObject, PyTypeObject
from cpython.ref cimport Py_INCREF
from cpython.pyport cimport PY_SSIZE_T_MAX
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ

from dataclasses import fields as dataclass_fields

from synthesis.thai.graphemes import _CUT_RISK, is_boundary, snap_left, snap_right

# Segment kinds, as ``segment.py`` names them.
cdef enum:
    HEADING = 0
    PARAGRAPH = 1
    LIST_ITEM = 2
    TURN = 3
    SENTENCE = 4

KIND_NAMES = ("heading", "paragraph", "list_item", "turn", "sentence")

# Windows of text that the Python rules slice (literals there).
cdef enum:
    LEFT_WINDOW = 30  # _space_ends_sentence: left = text[gap_start - 30 : gap_start]
    RIGHT_WINDOW = 12  # _space_ends_sentence: right = text[gap_end : gap_end + 12]
    LATIN_WINDOW = 20  # _punctuation_ends_sentence: the Latin word within 20 characters
    NAME_MIN = 2  # _TITLED_NAME: a name part is [ก-๛]{2,25}
    NAME_MAX = 25


# ---------------------------------------------------------------------------- reading the text

cdef struct _Text:
    # A str's characters read in place: ``_at(t, i)`` is ``text[i]`` without a Python call.
    # (A str stores 1, 2 or 4 bytes per character, its ``kind``; Thai text is 2.)
    void *data
    int kind
    Py_ssize_t length


cdef inline _Text _text_of(str text):
    cdef _Text t
    t.data = PyUnicode_DATA(text)
    t.kind = PyUnicode_KIND(text)
    t.length = len(text)
    return t


cdef inline Py_UCS4 _at(const _Text *t, Py_ssize_t i) noexcept:
    """``text[i]`` for ``0 <= i < len(text)`` (not checked: the callers' loops keep inside)."""
    if t.kind == 2:
        return (<const unsigned short *> t.data)[i]  # Py_UCS2
    return PyUnicode_READ(t.kind, t.data, i)


# ---------------------------------------------------------------------------- word tables

cdef enum:
    BUCKETS = 129  # a bucket per character of the Thai block (U+0E00–U+0E7F), one for the rest


cdef inline Py_ssize_t _bucket(Py_UCS4 c) noexcept:
    return <Py_ssize_t> c - 0x0E00 if 0x0E00 <= c < 0x0E80 else BUCKETS - 1


@cython.final
cdef class _Words:
    """A tuple of words as one C array of characters, for prefix and suffix tests.

    The words are also indexed by their first and by their last character, so that a test
    compares only the few words that can match there (most places match none)."""

    cdef Py_UCS4 *chars
    cdef Py_ssize_t *starts  # word k is chars[starts[k]:starts[k + 1]]
    cdef Py_ssize_t count
    cdef Py_ssize_t *by_first  # the words starting with bucket b's character are
    cdef Py_ssize_t first_bucket[BUCKETS + 1]  # by_first[first_bucket[b]:first_bucket[b + 1]]
    cdef Py_ssize_t *by_last  # … and ending with it, the same way
    cdef Py_ssize_t last_bucket[BUCKETS + 1]

    def __cinit__(self, words):
        cdef Py_ssize_t total = sum(len(word) for word in words)
        cdef Py_ssize_t k, i, at = 0
        cdef str word
        self.count = len(words)
        self.chars = <Py_UCS4 *> PyMem_Malloc((total + 1) * sizeof(Py_UCS4))
        self.starts = <Py_ssize_t *> PyMem_Malloc((self.count + 1) * sizeof(Py_ssize_t))
        self.by_first = <Py_ssize_t *> PyMem_Malloc((self.count + 1) * sizeof(Py_ssize_t))
        self.by_last = <Py_ssize_t *> PyMem_Malloc((self.count + 1) * sizeof(Py_ssize_t))
        if self.chars == NULL or self.starts == NULL or self.by_first == NULL or self.by_last == NULL:
            raise MemoryError()
        for k, word in enumerate(words):
            if not word:
                raise ValueError("an empty word in a word table")
            self.starts[k] = at
            for i in range(len(word)):
                self.chars[at] = word[i]
                at += 1
        self.starts[self.count] = at
        _index_by(self.count, [_bucket(word[0]) for word in words], self.by_first, self.first_bucket)
        _index_by(self.count, [_bucket(word[len(word) - 1]) for word in words], self.by_last, self.last_bucket)

    def __dealloc__(self):
        PyMem_Free(self.chars)
        PyMem_Free(self.starts)
        PyMem_Free(self.by_first)
        PyMem_Free(self.by_last)

    cdef inline bint one_ends_at(self, const _Text *t, Py_ssize_t low, Py_ssize_t high) noexcept:
        """Some word is ``text[high - len(word):high]``, inside ``[low, high)``."""
        cdef Py_ssize_t b
        if high <= low:
            return False
        b = _bucket(_at(t, high - 1))
        if self.last_bucket[b] == self.last_bucket[b + 1]:
            return False  # no word ends with that character: most places (inlined, no call)
        return self._one_of_bucket_ends_at(t, low, high, b)

    cdef bint _one_of_bucket_ends_at(self, const _Text *t, Py_ssize_t low, Py_ssize_t high,
                                     Py_ssize_t b) noexcept:
        cdef Py_ssize_t index, k, size, i, first
        for index in range(self.last_bucket[b], self.last_bucket[b + 1]):
            k = self.by_last[index]
            first = self.starts[k]
            size = self.starts[k + 1] - first
            if high - size < low:
                continue
            for i in range(size):
                if _at(t, high - size + i) != self.chars[first + i]:
                    break
            else:
                return True
        return False

    cdef inline bint one_starts_at(self, const _Text *t, Py_ssize_t low, Py_ssize_t high) noexcept:
        """Some word is ``text[low:low + len(word)]``, inside ``[low, high)``."""
        cdef Py_ssize_t b
        if high <= low:
            return False
        b = _bucket(_at(t, low))
        if self.first_bucket[b] == self.first_bucket[b + 1]:
            return False  # no word starts with that character
        return self._one_of_bucket_starts_at(t, low, high, b)

    cdef bint _one_of_bucket_starts_at(self, const _Text *t, Py_ssize_t low, Py_ssize_t high,
                                       Py_ssize_t b) noexcept:
        cdef Py_ssize_t index, k, size, i, first
        for index in range(self.first_bucket[b], self.first_bucket[b + 1]):
            k = self.by_first[index]
            first = self.starts[k]
            size = self.starts[k + 1] - first
            if low + size > high:
                continue
            for i in range(size):
                if _at(t, low + i) != self.chars[first + i]:
                    break
            else:
                return True
        return False


cdef void _index_by(Py_ssize_t count, list buckets, Py_ssize_t *order, Py_ssize_t *bucket_starts):
    """Counting sort of word indexes by bucket: bucket b's words are
    ``order[bucket_starts[b]:bucket_starts[b + 1]]``, in table order."""
    cdef Py_ssize_t b, k, at = 0
    for b in range(BUCKETS + 1):
        bucket_starts[b] = 0
    for b in buckets:
        bucket_starts[b + 1] += 1
    for b in range(BUCKETS):
        bucket_starts[b + 1] += bucket_starts[b]
    for b in range(BUCKETS):
        for k in range(count):
            if buckets[k] == b:
                order[at] = k
                at += 1


cdef _Words JOIN_BEFORE = None
cdef _Words JOIN_AFTER = None
cdef _Words TITLES = None
cdef object LATIN_ABBREVIATIONS = frozenset()
cdef object MAKE_SEGMENT = None
cdef Py_ssize_t MAX_HEADING_CHARS = 0
cdef Py_ssize_t MAX_SPEAKER_CHARS = 0
cdef Py_ssize_t MIN_SENTENCE_CHARS = 0
cdef Py_ssize_t MIN_FOLLOWING_CHARS = 0
cdef Py_ssize_t MIN_ITEM_CHARS = 0
cdef const unsigned char[::1] CUT_RISK = _CUT_RISK


def configure(*, join_before, join_after, titles, latin_abbreviations,
              max_heading_chars, max_speaker_chars, min_sentence_chars, min_following_chars,
              min_item_chars, segment_class, make_segment):
    """Take the rules' tables and limits from ``segment.py`` (called once, at its import)."""
    global JOIN_BEFORE, JOIN_AFTER, TITLES, LATIN_ABBREVIATIONS, MAKE_SEGMENT
    global MAX_HEADING_CHARS, MAX_SPEAKER_CHARS, MIN_SENTENCE_CHARS, MIN_FOLLOWING_CHARS, MIN_ITEM_CHARS
    JOIN_BEFORE, JOIN_AFTER, TITLES = _Words(join_before), _Words(join_after), _Words(titles)
    LATIN_ABBREVIATIONS = frozenset(latin_abbreviations)
    MAKE_SEGMENT = make_segment
    MAX_HEADING_CHARS, MAX_SPEAKER_CHARS = max_heading_chars, max_speaker_chars
    MIN_SENTENCE_CHARS, MIN_FOLLOWING_CHARS, MIN_ITEM_CHARS = min_sentence_chars, min_following_chars, min_item_chars
    _use_segment_class(segment_class)


cdef int _check_configured() except -1:
    if MAKE_SEGMENT is None:
        raise RuntimeError("_fast_segment.configure() was not called (segment.py does it)")
    return 0


# ---------------------------------------------------------------------------- growable arrays

@cython.final
cdef class _Ints:
    """A growable array of C integers (read as rows: (start, end) pairs, or (start, end,
    kind, speaker line) segment rows)."""

    cdef Py_ssize_t *data
    cdef Py_ssize_t size, capacity
    cdef Py_ssize_t found  # where the last _first_at_or_after ended (sorted positions)

    def __cinit__(self, Py_ssize_t capacity=64):
        self.capacity = capacity if capacity > 8 else 8
        self.size = 0
        self.found = 0
        self.data = <Py_ssize_t *> PyMem_Malloc(self.capacity * sizeof(Py_ssize_t))
        if self.data == NULL:
            raise MemoryError()

    def __dealloc__(self):
        PyMem_Free(self.data)

    cdef int grow(self) except -1:
        cdef Py_ssize_t *grown = <Py_ssize_t *> PyMem_Realloc(self.data, 2 * self.capacity * sizeof(Py_ssize_t))
        if grown == NULL:
            raise MemoryError()
        self.data, self.capacity = grown, 2 * self.capacity
        return 0

    cdef inline int push1(self, Py_ssize_t a) except -1:
        if self.size + 1 > self.capacity:
            self.grow()
        self.data[self.size] = a
        self.size += 1
        return 0

    cdef inline int push2(self, Py_ssize_t a, Py_ssize_t b) except -1:
        if self.size + 2 > self.capacity:
            self.grow()
        self.data[self.size] = a
        self.data[self.size + 1] = b
        self.size += 2
        return 0

    cdef inline int push4(self, Py_ssize_t a, Py_ssize_t b, Py_ssize_t c, Py_ssize_t d) except -1:
        if self.size + 4 > self.capacity:
            self.grow()
        self.data[self.size] = a
        self.data[self.size + 1] = b
        self.data[self.size + 2] = c
        self.data[self.size + 3] = d
        self.size += 4
        return 0


# ---------------------------------------------------------------------------- character classes

cdef inline bint _is_space(Py_UCS4 c) noexcept:
    """``str.isspace`` of one character (``\\s`` of ``re``), without a call for Thai letters."""
    if c == u' ':
        return True
    if 0x0E00 <= c < 0x0E80:
        return False  # the Thai block has no spaces: skip Python's table lookup
    return c.isspace()


cdef inline bint _is_thai(Py_UCS4 c) noexcept:
    return 0x0E01 <= c <= 0x0E4E  # [\u0e01-\u0e4e] of _THAI_GAP and _space_ends_sentence


cdef inline bint _is_thai_or_sign(Py_UCS4 c) noexcept:
    return 0x0E01 <= c <= 0x0E5B  # [ก-๛] of _TITLED_NAME and _INLINE_ITEM


cdef inline bint _is_digit(Py_UCS4 c) noexcept:
    return (c >= u'0' and c <= u'9') or (0x0E50 <= c <= 0x0E59)  # [0-9๐-๙], _DIGITS


cdef inline bint _is_mark(Py_UCS4 c) noexcept:
    return c == u'.' or c == u'!' or c == u'?'  # [.!?]


cdef inline bint _is_latin_letter(Py_UCS4 c) noexcept:
    return (c >= u'a' and c <= u'z') or (c >= u'A' and c <= u'Z')


cdef inline bint _is_colon(Py_UCS4 c) noexcept:
    return c == u':' or c == u'：'  # [:：] of _TURN


cdef inline bint _is_opening(Py_UCS4 c) noexcept:
    return c == u'(' or c == u'[' or c == u'“' or c == u'"' or c == u'«'  # _OPENING


# ---------------------------------------------------------------------------- small helpers

cdef inline Py_ssize_t _skip_space(const _Text *t, Py_ssize_t index, Py_ssize_t end) noexcept:
    # mirrors segment._skip_space
    while index < end and _is_space(_at(t, index)):
        index += 1
    return index


cdef inline Py_ssize_t _trim_end(const _Text *t, Py_ssize_t start, Py_ssize_t end) noexcept:
    # mirrors segment._trim_end
    while end > start and _is_space(_at(t, end - 1)):
        end -= 1
    return end


# ---------------------------------------------------------------------------- the found places

@cython.final
cdef class _Places:
    """Where a text has the few characters the rules look for, found in one pass over it, so
    that each rule visits only these places instead of walking the text again (segment._Hints):

    - ``newlines``: each ``\\n`` (the lines);
    - ``marks``: each ``.!?`` (``_MAY_END``: every punctuation cut and inline item has one);
    - ``openings``: each ``([“"«`` (``_OPENING``: every bracketed stretch starts with one);
    - ``colons``: each ``:`` or ``：`` (every speaker label ends before one);
    - ``spaces``: each whitespace character, newlines included (every gap between Thai
      words starts with one)."""

    cdef _Ints newlines, marks, openings, colons, spaces

    def __cinit__(self):
        self.newlines = _Ints(64)
        self.marks = _Ints(64)
        self.openings = _Ints(16)
        self.colons = _Ints(16)
        self.spaces = _Ints(256)

    cdef int find(self, const _Text *t, Py_ssize_t start, Py_ssize_t end) except -1:
        """Find them in ``text[start:end]``."""
        cdef Py_ssize_t i
        cdef Py_UCS4 c
        cdef const unsigned short *two_bytes
        if t.kind == 2:  # Thai text: the loop reads the characters without asking their size
            two_bytes = <const unsigned short *> t.data
            for i in range(start, end):
                c = two_bytes[i]
                if not 0x0E00 <= c < 0x0E80:  # Thai, most of the text: none of them
                    self.note(c, i)
        else:
            for i in range(start, end):
                c = _at(t, i)
                if not 0x0E00 <= c < 0x0E80:
                    self.note(c, i)
        return 0

    cdef inline int note(self, Py_UCS4 c, Py_ssize_t i) except -1:
        """Keep ``i`` if ``c``, there, is one of the characters looked for."""
        if _is_space(c):
            self.spaces.push1(i)
            if c == u'\n':
                self.newlines.push1(i)
        elif _is_mark(c):
            self.marks.push1(i)
        elif _is_opening(c):
            self.openings.push1(i)
        elif _is_colon(c):
            self.colons.push1(i)
        return 0


cdef inline Py_ssize_t _first_at_or_after(_Ints positions, Py_ssize_t start) noexcept:
    """The index of the first of the sorted ``positions`` that is ``>= start`` (bisect_left).

    The units are visited in text order, so most searches end a few places after the last
    one (``positions.found``): they look there first, and bisect only beyond it."""
    cdef Py_ssize_t low = 0, high = positions.size, middle, k = positions.found, steps = 0
    if k <= high and (k == 0 or positions.data[k - 1] < start):
        while k < high and positions.data[k] < start and steps < 8:
            k += 1
            steps += 1
        if k == high or positions.data[k] >= start:
            positions.found = k
            return k
        low = k
    while low < high:
        middle = (low + high) // 2
        if positions.data[middle] < start:
            low = middle + 1
        else:
            high = middle
    positions.found = low
    return low


# ---------------------------------------------------------------------------- the gap rules

cdef Py_ssize_t _thai_gap(const _Text *t, _Ints spaces, Py_ssize_t *next_space, Py_ssize_t pos,
                          Py_ssize_t endpos, Py_ssize_t *gap_end) noexcept:
    """``_THAI_GAP.search(text, pos, endpos)``: the start of the match (the Thai character
    before the space) and its end in ``gap_end``, or -1. Like the regex, the look-ahead sees
    only up to ``endpos`` and the look-behind sees before ``pos``.

    Only the text's ``spaces`` (every whitespace character, in order) are visited: a match
    starts right before one. ``next_space`` is where to start looking in them: no later than
    the first at or after ``pos + 1`` (it is moved there; calls with a growing ``pos`` go on
    from where the last one started)."""
    cdef Py_ssize_t i, j, k = next_space[0]
    if endpos > t.length:
        endpos = t.length
    if pos < 0:
        pos = 0
    if k > 0 and spaces.data[k - 1] >= pos + 1:
        k = _first_at_or_after(spaces, pos + 1)  # a search that starts earlier (not in _Cutter.cut)
    while k < spaces.size and spaces.data[k] < pos + 1:
        k += 1
    next_space[0] = k
    while k < spaces.size and spaces.data[k] < endpos:
        i = spaces.data[k] - 1
        if not _is_thai(_at(t, i)):
            k += 1
            continue
        j = i + 1
        while j < endpos and _is_space(_at(t, j)):
            j += 1
        if (j < endpos and _is_thai(_at(t, j))
                and not JOIN_BEFORE.one_ends_at(t, 0, i + 1)
                and not JOIN_AFTER.one_starts_at(t, j, endpos)):
            gap_end[0] = j
            return i
        # the spaces up to j cannot start a match: on from the first space after j
        while k < spaces.size and spaces.data[k] <= j:
            k += 1
    return -1


cdef bint _item_at(const _Text *t, Py_ssize_t dot, Py_ssize_t end) noexcept:
    """The ``item`` branch of ``_MARK_OR_ITEM`` matches at ``text[dot] == '.'`` (an inline
    item ``… 7.ได้``): one or two digits after a space before it, and after it no digit but
    ``\\s?\\)?\\s?[ก-๛]`` (seen up to ``end``)."""
    if not (
        (dot >= 2 and _is_space(_at(t, dot - 2)) and _is_digit(_at(t, dot - 1)))
        or (dot >= 3 and _is_space(_at(t, dot - 3)) and _is_digit(_at(t, dot - 2)) and _is_digit(_at(t, dot - 1)))
    ):
        return False
    return _item_rest(t, dot + 1, end)


cdef bint _item_rest(const _Text *t, Py_ssize_t p, Py_ssize_t end) noexcept:
    """``(?![0-9๐-๙])\\s?\\)?\\s?[ก-๛]`` at ``p``, seeing up to ``end``. (The three classes are
    disjoint, so taking each optional character when it is there is what backtracking finds.)"""
    if p < end and _is_digit(_at(t, p)):
        return False
    if p < end and _is_space(_at(t, p)):
        p += 1
    if p < end and _at(t, p) == u')':
        p += 1
    if p < end and _is_space(_at(t, p)):
        p += 1
    return p < end and _is_thai_or_sign(_at(t, p))


cdef bint _inline_item_match(const _Text *t, Py_ssize_t pos) noexcept:
    """``_INLINE_ITEM.match(text, pos)``: one or two digits, a dot, then as :func:`_item_rest`."""
    cdef Py_ssize_t n = t.length
    cdef Py_ssize_t digits = 0
    while digits < 2 and pos + digits < n and _is_digit(_at(t, pos + digits)):
        digits += 1
    if digits == 0 or pos + digits >= n or _at(t, pos + digits) != u'.':
        return False
    return _item_rest(t, pos + digits + 1, n)


cdef int _marks(const _Text *t, Py_ssize_t start, Py_ssize_t end, _Ints mark_positions,
                Py_ssize_t index, _Ints marks) except -1:
    """The gaps of ``_MARK_OR_ITEM.finditer(text, start, end)``, each as ``_mark_gap`` gives
    it: a run of ``.!?`` before a space, or the spaces before an inline item's number.
    (Every match starts at one of the ``mark_positions``, from ``index`` on: the rest of the
    text is skipped.)"""
    cdef Py_ssize_t i = start, run_end, number_start, gap_start
    cdef Py_UCS4 c
    while True:
        while index < mark_positions.size and mark_positions.data[index] < i:
            index += 1
        if index == mark_positions.size or mark_positions.data[index] >= end:
            return 0
        i = mark_positions.data[index]
        c = _at(t, i)
        if c == u'.' and _item_at(t, i, end):
            # mirrors segment._mark_gap: back over the number, then over the spaces
            number_start = i - 1
            while number_start > 0 and _is_digit(_at(t, number_start - 1)):
                number_start -= 1
            gap_start = number_start
            while gap_start > start and _is_space(_at(t, gap_start - 1)):
                gap_start -= 1
            marks.push2(gap_start, number_start)
            i += 1
        else:  # a run of marks
            run_end = i
            while run_end < end and _is_mark(_at(t, run_end)):
                run_end += 1
            if run_end < end and _is_space(_at(t, run_end)):
                marks.push2(i, run_end)
                i = run_end
            else:
                i += 1


cdef int _bracketed(const _Text *t, Py_ssize_t start, Py_ssize_t end, _Ints openings,
                    Py_ssize_t index, _Ints spans) except -1:
    """The spans of ``_BRACKETED.finditer(text, start, end)``: ``(…)`` ``“…”`` ``[…]``
    ``"…"`` ``«…»``, not nested, within one line (a stretch stops at its opening character
    again, its closing one, or a newline). (Every match starts at one of the ``openings``,
    from ``index`` on.)"""
    cdef Py_ssize_t i = start, j
    cdef Py_UCS4 c, d, close
    while True:
        while index < openings.size and openings.data[index] < i:
            index += 1
        if index == openings.size or openings.data[index] >= end:
            return 0
        i = openings.data[index]
        c = _at(t, i)
        if c == u'(':
            close = u')'
        elif c == u'“':
            close = u'”'
        elif c == u'[':
            close = u']'
        elif c == u'"':
            close = u'"'
        else:  # «
            close = u'»'
        j = i + 1
        while j < end:
            d = _at(t, j)
            if d == c or d == close or d == u'\n':
                break
            j += 1
        if j < end and _at(t, j) == close:
            spans.push2(i, j + 1)
            i = j + 1
        else:
            i += 1


cdef bint _punctuation_ends_sentence(str text, const _Text *t, Py_ssize_t start, Py_ssize_t end) except -1:
    # mirrors segment._punctuation_ends_sentence
    cdef Py_ssize_t i, word_end, word_start, low
    cdef Py_UCS4 c
    for i in range(start, end):
        c = _at(t, i)
        if c == u'!' or c == u'?':
            return True
    if end - start > 1:
        return False
    # _LATIN_WORD_BEFORE.search(text, max(0, start - 20), start): the Latin run ending at the
    # window's end (or just before a newline that ends it, as ``$`` allows)
    low = start - LATIN_WINDOW if start > LATIN_WINDOW else 0
    word_end = start
    if word_end > low and _at(t, word_end - 1) == u'\n':
        word_end -= 1
    word_start = word_end
    while word_start > low and _is_latin_letter(_at(t, word_start - 1)):
        word_start -= 1
    if word_end - word_start <= 1:
        return False  # no word, or one letter
    return text[word_start:word_end].lower() not in LATIN_ABBREVIATIONS


cdef bint _titled_name_before(const _Text *t, Py_ssize_t low, Py_ssize_t high) noexcept:
    """``_TITLED_NAME.search(text[low:high])`` where ``text[high - 1]`` is a Thai character
    (so ``$`` is ``high``): a title, then one name ``[ก-๛]{2,25}`` or two separated by one
    space, ending at ``high``."""
    cdef Py_ssize_t last_start = high, first_start, space, q
    while last_start > low and _is_thai_or_sign(_at(t, last_start - 1)):
        last_start -= 1
    # one name: the title ends at q, and text[q:high] is all name characters
    q = last_start if last_start > high - NAME_MAX else high - NAME_MAX
    while q <= high - NAME_MIN:
        if TITLES.one_ends_at(t, low, q):
            return True
        q += 1
    # two names: text[q:space] and text[space + 1:high]
    space = last_start - 1
    if space >= low and _at(t, space) == u' ' and NAME_MIN <= high - last_start <= NAME_MAX:
        first_start = space
        while first_start > low and _is_thai_or_sign(_at(t, first_start - 1)):
            first_start -= 1
        q = first_start if first_start > space - NAME_MAX else space - NAME_MAX
        while q <= space - NAME_MIN:
            if TITLES.one_ends_at(t, low, q):
                return True
            q += 1
    return False


cdef bint _space_ends_sentence(const _Text *t, Py_ssize_t sentence_start, Py_ssize_t gap_start,
                               Py_ssize_t gap_end, Py_ssize_t end) noexcept:
    # mirrors segment._space_ends_sentence
    cdef Py_ssize_t left_start, right_end
    if gap_start - sentence_start < MIN_SENTENCE_CHARS or end - gap_end < MIN_FOLLOWING_CHARS:
        return False
    if not (_is_thai(_at(t, gap_start - 1)) and _is_thai(_at(t, gap_end))):
        return False
    left_start = gap_start - LEFT_WINDOW if gap_start - LEFT_WINDOW > sentence_start else sentence_start
    right_end = gap_end + RIGHT_WINDOW if gap_end + RIGHT_WINDOW < t.length else t.length
    if JOIN_BEFORE.one_ends_at(t, left_start, gap_start) or JOIN_AFTER.one_starts_at(t, gap_end, right_end):
        return False
    return not _titled_name_before(t, left_start, gap_start)


# ---------------------------------------------------------------------------- the cutter

@cython.final
cdef class _Cutter:
    """The sentence rules over one text, with their scratch arrays (reused unit after unit)."""

    cdef str text
    cdef _Text t
    cdef _Places places  # found in the part of the text that the units are in
    cdef _Ints marks  # (gap start, gap end) of each mark of the unit
    cdef _Ints protected  # (start, end) of each bracketed stretch of the unit

    def __cinit__(self, str text not None, Py_ssize_t start, Py_ssize_t end):
        """The rules for units inside ``text[start:end]``."""
        self.text = text
        self.t = _text_of(text)
        self.places = _Places()
        self.places.find(&self.t, start, end)
        self.marks = _Ints(32)
        self.protected = _Ints(8)

    cdef int cut(self, Py_ssize_t start, Py_ssize_t end, _Ints rows, Py_ssize_t speaker) except -1:
        """Push ``(start, end, SENTENCE, speaker)`` for each sentence of ``text[start:end]``:
        mirrors segment._rule_sentence_spans (spans not yet snapped)."""
        cdef const _Text *t = &self.t
        cdef _Ints marks = self.marks, protected = self.protected
        cdef Py_ssize_t last, sentence_start, position, threshold, search_from, cut_at
        cdef Py_ssize_t gap = -1, gap_start, gap_end, thai_gap_end = 0
        cdef Py_ssize_t searched_from = PY_SSIZE_T_MAX  # where the last gap search started
        cdef Py_ssize_t mark_index = 0, next_protected = 0, first_row = rows.size, row, first_mark
        cdef bint has_marks, is_punctuation
        cdef _Ints mark_positions = self.places.marks, openings = self.places.openings
        cdef Py_ssize_t next_space  # where the gap searches go on in self.places.spaces

        first_mark = _first_at_or_after(mark_positions, start)
        has_marks = first_mark < mark_positions.size and mark_positions.data[first_mark] < end
        if end - start < MIN_SENTENCE_CHARS + MIN_FOLLOWING_CHARS and not has_marks:
            # too short for a cut at a space, and no punctuation or inline item: one sentence
            last = _trim_end(t, start, end)
            if last > start:
                rows.push4(start, last, SENTENCE, speaker)
            return 0
        protected.size = 0
        _bracketed(t, start, end, openings, _first_at_or_after(openings, start), protected)
        marks.size = 0
        if has_marks:
            _marks(t, start, end, mark_positions, first_mark, marks)
        sentence_start = start
        position = start
        next_space = _first_at_or_after(self.places.spaces, start)  # (each search starts later)
        while True:
            while mark_index < marks.size and marks.data[mark_index] < position:
                mark_index += 2
            threshold = sentence_start + MIN_SENTENCE_CHARS
            search_from = (position if position > threshold else threshold) - 1
            # The leftmost gap at or after search_from: the last search's answer still holds
            # when it started no later and found nothing before search_from.
            if not (searched_from <= search_from and (gap < 0 or gap >= search_from)):
                gap = _thai_gap(t, self.places.spaces, &next_space, search_from, end - MIN_FOLLOWING_CHARS + 1,
                               &thai_gap_end)
                searched_from = search_from
            if mark_index < marks.size and (gap < 0 or marks.data[mark_index] <= gap):
                gap_start, gap_end = marks.data[mark_index], marks.data[mark_index + 1]
                mark_index += 2
                is_punctuation = _is_mark(_at(t, gap_start))
                if not is_punctuation and gap_start - sentence_start < MIN_ITEM_CHARS:
                    position = gap_end
                    continue
            elif gap >= 0:
                gap_start, gap_end = gap + 1, thai_gap_end
                is_punctuation = False
            else:
                break
            position = gap_end
            if gap_end >= end:
                break
            if protected.size:
                while next_protected < protected.size and protected.data[next_protected + 1] <= gap_start:
                    next_protected += 2
                if next_protected < protected.size and protected.data[next_protected] < gap_start:
                    continue  # inside brackets or quotes
            if is_punctuation:
                if gap_start == sentence_start or not _punctuation_ends_sentence(self.text, t, gap_start, gap_end):
                    continue
                cut_at = gap_end  # the punctuation stays with its sentence
            else:
                if not (_inline_item_match(t, gap_end)
                        or _space_ends_sentence(t, sentence_start, gap_start, gap_end, end)):
                    continue
                cut_at = gap_start
            rows.push4(sentence_start, cut_at, SENTENCE, speaker)
            sentence_start = _skip_space(t, cut_at, end)
            if sentence_start > position:
                position = sentence_start
        if sentence_start < end:
            rows.push4(sentence_start, end, SENTENCE, speaker)
        # trim each end and drop what is left empty (rows are start, end, kind, speaker)
        last = first_row
        for row in range(first_row, rows.size, 4):
            rows.data[row + 1] = _trim_end(t, rows.data[row], rows.data[row + 1])
            if rows.data[row + 1] > rows.data[row]:
                if last != row:
                    rows.data[last] = rows.data[row]
                    rows.data[last + 1] = rows.data[row + 1]
                    rows.data[last + 2] = rows.data[row + 2]
                    rows.data[last + 3] = rows.data[row + 3]
                last += 4
        rows.size = last
        return 0


# ---------------------------------------------------------------------------- snapping

cdef bint _is_cut_boundary(str text, const _Text *t, Py_ssize_t position) except -1:
    """``graphemes.are_boundaries`` for one position: the risk table first, the full rules
    (``is_boundary``) only next to a mark, a leading vowel or beyond the BMP."""
    cdef Py_UCS4 after, before
    if position <= 0 or position >= t.length:
        return True
    after, before = _at(t, position), _at(t, position - 1)
    if (CUT_RISK[after] & 1) or (CUT_RISK[before] & 2):
        return is_boundary(text, position)
    return True


cdef int _snap_rows(str text, const _Text *t, _Ints rows, Py_ssize_t first, Py_ssize_t step,
                    int only_kind) except -1:
    """Widen each ``(start, end)`` (every ``step`` numbers from ``first``; with ``only_kind``
    >= 0, only the rows of that kind) that would cut a cluster: mirrors segment._snapped
    (rows with a negative start are blank lines)."""
    cdef Py_ssize_t row = first
    while row < rows.size:  # (a while loop: a range with a variable step checks its sign in Python)
        if rows.data[row] >= 0 and (only_kind < 0 or rows.data[row + 2] == only_kind):
            if not (_is_cut_boundary(text, t, rows.data[row]) and _is_cut_boundary(text, t, rows.data[row + 1])):
                rows.data[row] = snap_left(text, rows.data[row])
                rows.data[row + 1] = snap_right(text, rows.data[row + 1])
        row += step
    return 0


# ---------------------------------------------------------------------------- lines

cdef _Ints _lines(str text, const _Text *t, _Ints newlines):
    """``(start, end)`` of each line (the text between the ``newlines``), trimmed and
    snapped; blank lines ``(-1, -1)``: mirrors segment._lines."""
    cdef Py_ssize_t n = t.length
    cdef Py_ssize_t k, line_start = 0, line_end, first
    cdef _Ints lines = _Ints(2 * newlines.size + 2)
    for k in range(newlines.size + 1):
        line_end = newlines.data[k] if k < newlines.size else n
        first = _skip_space(t, line_start, line_end)
        if first == line_end:
            lines.push2(-1, -1)
        else:
            lines.push2(first, _trim_end(t, first, line_end))
        line_start = line_end + 1
    if n == 0 or _at(t, n - 1) == u'\n':
        lines.size -= 2  # the empty piece after the final newline is not a line
    _snap_rows(text, t, lines, 0, 2, -1)
    return lines


# ---------------------------------------------------------------------------- list markers and turns

cdef inline bint _is_marker_digit(Py_UCS4 c) noexcept:
    return _is_digit(c)  # [0-9๐-๙] of _LIST_MARKER


cdef inline bint _is_consonant(Py_UCS4 c) noexcept:
    return 0x0E01 <= c <= 0x0E2E  # [ก-ฮ]


cdef inline bint _is_bullet(Py_UCS4 c) noexcept:
    return c in u"-–—•●○◦▪■□♦◆❖✓✔➢➤►>*·"  # the bullets of _LIST_MARKER (a C switch)


cdef inline Py_ssize_t _digit_run(const _Text *t, Py_ssize_t p, Py_ssize_t end) noexcept:
    """How many ``[0-9๐-๙]`` start at ``p`` (before ``end``)."""
    cdef Py_ssize_t q = p
    while q < end and _is_marker_digit(_at(t, q)):
        q += 1
    return q - p


cdef Py_ssize_t _numbered_marker_end(const _Text *t, Py_ssize_t start, Py_ssize_t end) noexcept:
    """The first two branches of ``_LIST_MARKER`` at ``start`` (seeing up to ``end``): where
    the match ends, or -1.

    - ``D{1,3}(?:\\.D{1,3})*[.)](?!\\d)`` (``1.`` ``1)`` ``1.1.``), else
    - ``D{1,3}(?:\\.D{1,3})+(?=\\s)(?!\\s*(?:น\\.|นาฬิกา|[-–]))`` (``1.1``, not ``13.30 น.``),

    with ``D`` = ``[0-9๐-๙]``. A number there is digit runs joined by single dots. Backtracking
    finds no other match than the one that takes every run: each run must be taken whole (a
    shorter one leaves a digit where ``.`` or ``)`` must come) and be at most 3 digits; and
    stopping before the last run leaves a ``.`` followed by a digit."""
    cdef Py_ssize_t p, q, run, groups = 0
    cdef Py_UCS4 c
    run = _digit_run(t, start, end)
    if run == 0 or run > 3:
        return -1
    p = start + run
    while p + 1 < end and _at(t, p) == u'.':
        run = _digit_run(t, p + 1, end)
        if run == 0:
            break
        if run > 3:
            return -1  # a run too long for a group, after a dot: no branch fits
        p += 1 + run
        groups += 1
    # first branch: "." or ")", not followed by a digit (\d: any decimal digit)
    if p < end and (_at(t, p) == u'.' or _at(t, p) == u')'):
        if p + 1 >= end or not (<Py_UCS4> _at(t, p + 1)).isdecimal():
            return p + 1
        return -1  # (the second branch needs a space where this "." or ")" is)
    # second branch: at least one group, then a space, and after the spaces no time or range
    if groups == 0 or p >= end or not _is_space(_at(t, p)):
        return -1
    q = _skip_space(t, p, end)
    if q < end:
        c = _at(t, q)
        if c == u'-' or c == u'–':
            return -1
        if c == u'น' and q + 1 < end:
            if _at(t, q + 1) == u'.':
                return -1
            if (q + 5 < end and _at(t, q + 1) == u'า' and _at(t, q + 2) == u'ฬ' and _at(t, q + 3) == u'ิ'
                    and _at(t, q + 4) == u'ก' and _at(t, q + 5) == u'า'):
                return -1
    return p


cdef Py_ssize_t _list_marker_end(const _Text *t, Py_ssize_t start, Py_ssize_t end) noexcept:
    """``_LIST_MARKER.match(text, start, end).end()``, or -1 when it does not match.

    Its branches start with different characters: a digit (:func:`_numbered_marker_end`),
    ``(`` (``\\(\\s*[0-9๐-๙ก-ฮa-zA-Z]{1,3}\\s*\\)``), a consonant (``[ก-ฮ][.)](?=\\s)``) or a
    bullet (followed by something that is not a space); every match then takes the spaces
    after it (``\\s*``)."""
    cdef Py_ssize_t p, q
    cdef Py_UCS4 first = _at(t, start), c
    if _is_marker_digit(first):
        p = _numbered_marker_end(t, start, end)
        if p < 0:
            return -1
    elif first == u'(':
        # \(\s*X{1,3}\s*\): X never a space, so each \s* takes all the spaces, and a run of
        # more than 3 X leaves an X where a space or ")" must come
        p = _skip_space(t, start + 1, end)
        q = p
        while q < end and q - p <= 3:
            c = _at(t, q)
            if not (_is_marker_digit(c) or _is_consonant(c) or _is_latin_letter(c)):
                break
            q += 1
        if q == p or q - p > 3:
            return -1
        p = _skip_space(t, q, end)
        if p >= end or _at(t, p) != u')':
            return -1
        p += 1
    elif _is_consonant(first):
        if not (start + 2 < end and (_at(t, start + 1) == u'.' or _at(t, start + 1) == u')')
                and _is_space(_at(t, start + 2))):
            return -1
        p = start + 2
    elif _is_bullet(first):
        if _skip_space(t, start + 1, end) >= end:
            return -1  # (?=\s*\S): nothing but spaces after it
        p = start + 1
    else:
        return -1
    return _skip_space(t, p, end)


cdef Py_ssize_t _turn_label_end(const _Text *t, _Places places, Py_ssize_t start, Py_ssize_t end,
                                Py_ssize_t *turn_end) noexcept:
    """``_TURN.match(text, start, end)``: the end of its label (group 1) with the match's end
    in ``turn_end``, or -1.

    ``_TURN`` is ``([^\\s:：][^:：\\n]{0,MAX-1}?)\\s*[:：]\\s*(?=\\S)``. The label cannot hold a
    colon or a newline, so it ends at or before the first one, ``c``; the lazy label is the
    shortest that only whitespace separates from ``c`` (the characters before ``c`` less
    their trailing spaces). After ``c`` (when it is a newline) more whitespace may come
    before the colon; after the colon, whitespace and then something that is not. (``c`` is
    found among the ``places``.)"""
    cdef Py_ssize_t c, newline, label_end, p
    cdef Py_UCS4 first = _at(t, start)
    if _is_space(first) or _is_colon(first):
        return -1
    c = _first_at_or_after(places.colons, start + 1)
    c = places.colons.data[c] if c < places.colons.size else PY_SSIZE_T_MAX
    if c >= end:
        return -1  # no colon in the line: most lines
    newline = _first_at_or_after(places.newlines, start + 1)
    if newline < places.newlines.size and places.newlines.data[newline] < c:
        c = places.newlines.data[newline]  # (lines hold none: as the regex would, still)
    label_end = c
    while label_end > start + 1 and _is_space(_at(t, label_end - 1)):
        label_end -= 1
    if label_end - start > MAX_SPEAKER_CHARS:
        return -1
    p = _skip_space(t, label_end, end)  # \s* (runs over c when c is a newline)
    if p >= end or not _is_colon(_at(t, p)):
        return -1
    p = _skip_space(t, p + 1, end)
    if p >= end:
        return -1  # (?=\S) sees nothing
    turn_end[0] = p
    return label_end


cdef tuple _speakers(str text, const _Text *t, _Places places, _Ints lines, _Ints turn_ends):
    """Each line's ``label:`` (or None; where it ends goes to ``turn_ends``) and the labels
    that start at least two lines: mirrors segment._speakers."""
    cdef Py_ssize_t index, start, end, label_end, turn_end = 0, line_count = lines.size // 2
    labels = None  # made at the first label: most reports have none
    counts = {}
    turn_ends.size = 0
    for index in range(line_count):
        turn_ends.push2(-1, -1)  # (end of the whole "label: ", end of the label)
        start, end = lines.data[2 * index], lines.data[2 * index + 1]
        if start < 0:
            continue
        label_end = _turn_label_end(t, places, start, end, &turn_end)
        if label_end < 0:
            continue
        if labels is None:
            labels = [None] * line_count
        label = text[start:label_end]
        labels[index] = label
        turn_ends.data[2 * index] = turn_end
        turn_ends.data[2 * index + 1] = label_end
        counts[label] = counts.get(label, 0) + 1
    return labels, {label for label, count in counts.items() if count >= 2}


cdef bint _is_heading(const _Text *t, str text, _Ints lines, _Ints markers, Py_ssize_t index,
                      Py_ssize_t start, Py_ssize_t end) except -1:
    # mirrors segment._is_heading
    cdef Py_ssize_t line_count = lines.size // 2, next_start, next_end
    cdef Py_UCS4 last
    if _at(t, start) == u'#':
        return True  # _HEADING_MARK
    last = _at(t, end - 1)
    if end - start > MAX_HEADING_CHARS or last == u':' or last == u',' or last == u';' or index + 1 == line_count:
        return False
    if not (index == 0 or lines.data[2 * index - 2] < 0):
        return False
    next_start, next_end = lines.data[2 * index + 2], lines.data[2 * index + 3]
    if next_start < 0:
        return True
    if markers.data[index + 1] == -2:
        markers.data[index + 1] = _list_marker_end(t, next_start, next_end)
    return markers.data[index + 1] >= 0


# ---------------------------------------------------------------------------- segments

cdef extern from "Python.h":
    # The slot of a type that _new_segment calls (a public field of CPython's PyTypeObject).
    ctypedef object (*allocfunc)(PyTypeObject *, Py_ssize_t)
    ctypedef struct _TypeSlots "PyTypeObject":
        allocfunc tp_alloc
    void PyObject_GC_UnTrack(void *)

cdef extern from "structmember.h":
    # Where a slot's descriptor keeps the slot: ``offset`` bytes into the object.
    ctypedef struct PyMemberDef:
        int type
        Py_ssize_t offset
        int flags
    enum:
        T_OBJECT_EX  # a slot holding any object (or nothing: an AttributeError)
        READONLY
    ctypedef struct PyMemberDescrObject:
        PyMemberDef *d_member

# The Segment fields in the order _new_segment sets them.
SEGMENT_FIELDS = ("start", "end", "text", "kind", "section", "speaker")
cdef object SEGMENT_CLASS = None  # None: segments are made by MAKE_SEGMENT
cdef Py_ssize_t START_AT, END_AT, TEXT_AT, KIND_AT, SECTION_AT, SPEAKER_AT  # their offsets


cdef inline void _fill(object segment, Py_ssize_t offset, object value) noexcept:
    """Put ``value`` in the empty slot at ``offset`` of the new ``segment`` (which keeps a
    reference to it, as a slot does)."""
    Py_INCREF(value)
    (<PyObject **> ((<char *> <PyObject *> segment) + offset))[0] = <PyObject *> value


cdef object _new_segment(start, end, text, kind, speaker):
    """``make_segment(start, end, text, kind, None, speaker)``, about three times faster.

    A ``Segment`` is a frozen dataclass with slots: its ``__init__`` is Python code. Here the
    object is allocated as ``object.__new__(Segment)`` does (all slots empty), and each slot
    is filled where its field's descriptor keeps it: what ``object.__setattr__(segment,
    name, value)`` would do, without running Python code. (Only :func:`_segments` calls it,
    with ints, strings and None.)"""
    if SEGMENT_CLASS is None:
        return MAKE_SEGMENT(start, end, text, kind, None, speaker)
    segment = (<_TypeSlots *> SEGMENT_CLASS).tp_alloc(<PyTypeObject *> SEGMENT_CLASS, 0)
    _fill(segment, START_AT, start)
    _fill(segment, END_AT, end)
    _fill(segment, TEXT_AT, text)
    _fill(segment, KIND_AT, kind)
    _fill(segment, SECTION_AT, None)
    _fill(segment, SPEAKER_AT, speaker)
    # It holds only numbers, strings and None: never part of a reference cycle, so it is kept
    # out of the cyclic collector's lists (which long lists of segments would lengthen).
    PyObject_GC_UnTrack(<void *> <PyObject *> segment)
    return segment


cdef int _use_segment_class(segment_class) except -1:
    """Let :func:`_new_segment` build ``segment_class`` objects field by field when that is
    safe: its fields are exactly ``SEGMENT_FIELDS``, each a slot, and the result equals what
    ``MAKE_SEGMENT`` gives (checked once, here). Otherwise segments are made by ``MAKE_SEGMENT``."""
    global SEGMENT_CLASS, START_AT, END_AT, TEXT_AT, KIND_AT, SECTION_AT, SPEAKER_AT
    cdef PyMemberDef *member
    SEGMENT_CLASS = None
    if segment_class is None:
        return 0
    slot_type = type(type("_Probe", (), {"__slots__": ("x",)}).x)  # the type of a slot's descriptor
    descriptors = [vars(segment_class).get(name) for name in SEGMENT_FIELDS]
    if (tuple(f.name for f in dataclass_fields(segment_class)) != SEGMENT_FIELDS
            or any(type(descriptor) is not slot_type for descriptor in descriptors)
            or type(segment_class).__new__ is not type.__new__  # no metaclass tricks
            or segment_class.__new__ is not object.__new__):
        return 0
    offsets = []
    for descriptor in descriptors:
        member = (<PyMemberDescrObject *> <PyObject *> descriptor).d_member
        if member.type != T_OBJECT_EX or member.flags & READONLY:
            return 0
        offsets.append(member.offset)
    START_AT, END_AT, TEXT_AT, KIND_AT, SECTION_AT, SPEAKER_AT = offsets
    SEGMENT_CLASS = segment_class
    probe = _new_segment(1, 3, "ดี", "turn", "จ")
    expected = MAKE_SEGMENT(1, 3, "ดี", "turn", None, "จ")
    if not (type(probe) is type(expected) and probe == expected and repr(probe) == repr(expected)):
        SEGMENT_CLASS = None
    return 0


def new_segment(start, end, text, kind, speaker):
    """The segment :func:`segment_rules` makes (for tests): ``Segment(start, end, text, kind,
    None, speaker)``, given ints, strings and None.

    >>> new_segment(0, 2, "ดี", "sentence", None)
    Segment(start=0, end=2, text='ดี', kind='sentence', section=None, speaker=None)
    """
    _check_configured()
    return _new_segment(start, end, text, kind, speaker)


def builds_segments_itself():
    """True when segments are built field by field, False when by ``make_segment``.

    >>> builds_segments_itself() in (True, False)
    True
    """
    return SEGMENT_CLASS is not None


# ---------------------------------------------------------------------------- segment_rules

def segment_rules(str text not None):
    """``segment(text)`` with the ``rules`` sentence engine: mirrors segment._python_segment.

    >>> [(s.kind, s.text) for s in segment_rules("สรุป\\n\\n1. ได้แผน")]
    [('heading', 'สรุป'), ('list_item', '1. ได้แผน'), ('sentence', 'ได้แผน')]
    """
    _check_configured()
    cdef _Cutter cutter = _Cutter(text, 0, len(text))
    cdef const _Text *t = &cutter.t
    cdef _Ints lines = _lines(text, t, cutter.places.newlines)
    cdef Py_ssize_t line_count = lines.size // 2
    cdef Py_ssize_t index, i, start, end, marker_end, turn_end_here
    cdef bint indented, is_turn
    cdef int open_kind = -1
    cdef Py_ssize_t open_start = 0, open_end = 0, open_body = 0, open_speaker = -1
    cdef _Ints rows = _Ints(4 * (2 * line_count + 8))  # start, end, kind, speaker line
    cdef _Ints markers = _Ints(line_count + 1)  # end of each line's list marker, -1: none, -2: not asked yet
    cdef _Ints turn_ends = _Ints(2 * line_count + 2)  # each line's (end of "label: ", end of label), or -1
    cdef Py_UCS4 before
    for index in range(line_count + 1):
        markers.data[index] = -2
    markers.size = line_count + 1
    labels, speakers = _speakers(text, t, cutter.places, lines, turn_ends)

    for index in range(line_count):
        start, end = lines.data[2 * index], lines.data[2 * index + 1]
        if start < 0:
            _close(cutter, rows, open_kind, open_start, open_end, open_body, open_speaker)
            open_kind = -1
            continue
        before = _at(t, start - 1) if start > 0 else 0
        indented = before == u' ' or before == u'\t'
        if markers.data[index] == -2:
            markers.data[index] = _list_marker_end(t, start, end)
        marker_end = markers.data[index]
        turn_end_here = turn_ends.data[2 * index]
        is_turn = turn_end_here >= 0 and labels[index] in speakers
        if (open_kind == LIST_ITEM or open_kind == TURN) and indented and marker_end < 0 and not is_turn:
            open_end = end  # continuation line
            continue
        _close(cutter, rows, open_kind, open_start, open_end, open_body, open_speaker)
        open_start, open_end, open_speaker = start, end, -1
        if marker_end >= 0 and marker_end < end:
            open_kind, open_body = LIST_ITEM, marker_end
        elif is_turn:
            open_kind, open_body, open_speaker = TURN, turn_end_here, index
        else:
            open_body = start
            open_kind = HEADING if _is_heading(t, text, lines, markers, index, start, end) else PARAGRAPH
    _close(cutter, rows, open_kind, open_start, open_end, open_body, open_speaker)

    # snap the sentences (units are lines, snapped already), then make the segments
    _snap_rows(text, t, rows, 0, 4, SENTENCE)
    return _segments(text, rows, labels)


cdef list _segments(str text, _Ints rows, list labels):
    """The ``Segment`` of each row ``(start, end, kind, speaker line)``."""
    cdef Py_ssize_t i, start, end, speaker_line
    cdef tuple kind_names = KIND_NAMES
    segments = [None] * (rows.size // 4)
    for i in range(0, rows.size, 4):
        start, end, speaker_line = rows.data[i], rows.data[i + 1], rows.data[i + 3]
        segments[i // 4] = _new_segment(
            start, end, text[start:end], kind_names[rows.data[i + 2]],
            None if speaker_line < 0 else labels[speaker_line],
        )
    return segments


cdef int _close(_Cutter cutter, _Ints rows, int kind, Py_ssize_t start, Py_ssize_t end, Py_ssize_t body,
                Py_ssize_t speaker) except -1:
    # mirrors close() in segment._python_segment
    if kind < 0:
        return 0
    rows.push4(start, end, kind, speaker)
    if kind != HEADING:
        cutter.cut(body, end, rows, speaker)
    return 0


def rule_sentence_spans(str text not None, Py_ssize_t start, Py_ssize_t end):
    """``segment.sentence_spans(text, start, end)`` for ``0 <= start <= end <= len(text)``.

    >>> rule_sentence_spans("ได้แผนงาน", 0, 9)
    [(0, 9)]
    """
    _check_configured()
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"need 0 <= start <= end <= len(text), not start={start}, end={end}")
    cdef _Cutter cutter = _Cutter(text, start, end)
    cdef _Ints rows = _Ints(32)
    cdef Py_ssize_t row
    cutter.cut(start, end, rows, -1)
    _snap_rows(text, &cutter.t, rows, 0, 4, SENTENCE)
    return [(rows.data[row], rows.data[row + 1]) for row in range(0, rows.size, 4)]


# ---------------------------------------------------------------------------- for the tests

def list_marker_end(str text not None, Py_ssize_t start, Py_ssize_t end):
    """``_LIST_MARKER.match(text, start, end)``'s end, or -1 (the twin of the regex, tested
    against it), for ``0 <= start < end <= len(text)``.

    >>> list_marker_end("1.1. แกนนำ", 0, 10), list_marker_end("13.30 น. เริ่ม", 0, 14)
    (5, -1)
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"need 0 <= start < end <= len(text), not start={start}, end={end}")
    cdef _Text t = _text_of(text)
    return _list_marker_end(&t, start, end)


def turn_match(str text not None, Py_ssize_t start, Py_ssize_t end):
    """``_TURN.match(text, start, end)`` as ``(label end, match end)``, or None (the twin of
    the regex, tested against it), for ``0 <= start < end <= len(text)``.

    >>> turn_match("ผู้ให้ข้อมูล : ดีมาก", 0, 20)
    (12, 15)
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"need 0 <= start < end <= len(text), not start={start}, end={end}")
    cdef _Text t = _text_of(text)
    cdef _Places places = _Places()
    cdef Py_ssize_t label_end, turn_end = 0
    places.find(&t, 0, len(text))
    label_end = _turn_label_end(&t, places, start, end, &turn_end)
    return None if label_end < 0 else (label_end, turn_end)


def first_at_or_after(positions, starts):
    """For each of ``starts`` in turn, ``bisect.bisect_left(positions, start)``, as the
    searches in the found places give it (for tests: they walk on from the last answer).

    >>> first_at_or_after([2, 5, 9], [0, 5, 6, 10, 3])
    [0, 1, 2, 3, 1]
    """
    cdef _Ints found = _Ints(len(positions) + 1)
    for position in positions:
        found.push1(position)
    return [_first_at_or_after(found, start) for start in starts]

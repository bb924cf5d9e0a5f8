# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twins of tokenize's per-token loops: the cuts and token strings of a chunk
(``tokenize._python_chunk_tokens``), the hard terms made whole
(``tokenize._python_keep_terms_whole``, ``terms_of_chunk``), the token post-pass (unknown
words kept whole, ``tokenize._python_mend_fragments``; the common reading of two words,
``tokenize._python_prefer_common_reading``; the parts of a name made whole,
``tokenize._python_join_name_parts``) and the ``Token`` objects of a ``TokenList``
(``spans.TokenList._python_all``).

The Python reference checks the engine's cuts with a few numpy operations per chunk and
slices the tokens again wherever a cut moved. Here one C loop walks the chunk's characters
once and decides at each position what the Python rules decide:

- an engine cut is kept unless it lies inside a run of whitespace;
- a cut is added at each edge of a whitespace run (not around a run right before ``ๆ``:
  ``ดี ๆ`` is one word) and around each bracket, quote and clause punctuation mark (not a
  ``,`` or ``:`` between digits: ``50,000``, ``13:30``);
- no cut, kept or added, splits a grapheme cluster (``graphemes.is_boundary`` decides where
  the per-code-point risk table says it must).

A token whose ends are the ends of one engine piece reuses the engine's string; others are
sliced. Positions come out absolute (``offset`` added). Between two engine cuts, characters
that are neither whitespace nor marks need no decision: the loop jumps over them.
"""

from cpython.dict cimport PyDict_GetItem
from cpython.list cimport PyList_GET_ITEM, PyList_New, PyList_SET_ITEM
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF
from cpython.set cimport PySet_Contains
from cpython.unicode cimport (
    PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_READ, PyUnicode_READ_CHAR, Py_UNICODE_ISSPACE,
)

from synthesis.thai._cobjects cimport new_instance, set_slot, untrack

cdef Py_UCS4 MAI_YAMOK = 0x0E46


cdef inline bint _is_space(Py_UCS4 ch):
    # str.isspace of one character; Thai letters (most of the text) answered without a call
    if 0x0E00 <= ch <= 0x0E7F:
        return False
    return Py_UNICODE_ISSPACE(ch)


cdef inline bint _is_digit(Py_UCS4 ch):
    # mirrors [0-9๐-๙] in tokenize._PUNCTUATION
    return (0x30 <= ch <= 0x39) or (0x0E50 <= ch <= 0x0E59)


cdef inline bint _is_mark(Py_UCS4 ch):
    # mirrors the character class of tokenize._PUNCTUATION
    if ch < 0x80:
        return ch in u'()[]{}";!?,:'
    return ch in u'“”‘’«»'


cdef bint _is_mark_at(int kind, void *data, Py_ssize_t index, Py_ssize_t size):
    """mirrors tokenize._PUNCTUATION: a mark at ``index`` that is a token of its own"""
    cdef Py_UCS4 ch = PyUnicode_READ(kind, data, index)
    if not _is_mark(ch):
        return False
    if (ch == u',' or ch == u':') and 0 < index and index + 1 < size:
        if _is_digit(PyUnicode_READ(kind, data, index - 1)) and _is_digit(PyUnicode_READ(kind, data, index + 1)):
            return False
    return True


cdef bint _run_ends_before_mai_yamok(int kind, void *data, Py_ssize_t start, Py_ssize_t size):
    """Whether the whitespace run starting at ``start`` is followed by ``ๆ``."""
    cdef Py_ssize_t index = start
    while index < size and _is_space(PyUnicode_READ(kind, data, index)):
        index += 1
    return index < size and PyUnicode_READ(kind, data, index) == MAI_YAMOK


def chunk_tokens(str chunk, list pieces, Py_ssize_t offset, const unsigned char[:] risk, is_boundary):
    """``(cuts, texts)`` of ``chunk``: absolute cut positions from ``offset`` to
    ``offset + len(chunk)``, and the token strings between them; ``None`` when the engine's
    strings ``pieces`` do not add up to ``chunk`` (the caller then splits at spaces).

    ``risk`` is ``graphemes._CUT_RISK``; ``is_boundary`` is ``graphemes.is_boundary``.
    """
    cdef Py_ssize_t size = len(chunk)
    cdef Py_ssize_t count = len(pieces)
    cdef Py_ssize_t k
    # bounds[k], bounds[k + 1]: where piece k starts and ends; a sentinel past the end
    cdef Py_ssize_t* bounds = <Py_ssize_t*>PyMem_Malloc((count + 2) * sizeof(Py_ssize_t))
    if bounds == NULL:
        raise MemoryError()
    cdef list cuts = [offset]
    cdef list texts = []
    try:
        bounds[0] = 0
        for k in range(count):  # borrowed references: no reference counting per piece
            bounds[k + 1] = bounds[k] + PyUnicode_GET_LENGTH(<object>PyList_GET_ITEM(pieces, k))
        if bounds[count] != size:
            return None
        bounds[count + 1] = size + 1
        if size:
            _walk(chunk, pieces, offset, risk, is_boundary, bounds, count, cuts, texts)
    finally:
        PyMem_Free(bounds)
    return cuts, texts


cdef inline bint _is_plain(Py_UCS4 ch):
    # a character next to which no rule adds a cut (neither whitespace nor a mark)
    return not _is_space(ch) and not _is_mark(ch)


cdef int _walk(str chunk, list pieces, Py_ssize_t offset, const unsigned char[:] risk, is_boundary,
               Py_ssize_t* bounds, Py_ssize_t count, list cuts, list texts) except -1:
    """The loop of :func:`chunk_tokens` (``bounds`` as there), one decision per position.

    Between two engine cuts, a stretch of characters that are neither whitespace nor marks
    gets no cut from any rule: the loop jumps over it (most of a Thai text), so that only
    engine cuts and the characters around whitespace and marks take the decisions below.
    """
    cdef Py_ssize_t size = len(chunk)
    cdef Py_ssize_t next_engine = 1  # bounds[next_engine]: the first engine cut >= position
    while bounds[next_engine] <= 0:
        next_engine += 1
    cdef Py_ssize_t reuse = 0  # the first piece that does not start before the last cut
    cdef int kind = PyUnicode_KIND(chunk)
    cdef void *data = PyUnicode_DATA(chunk)
    cdef Py_ssize_t position = 1, previous = 0, ahead
    cdef Py_UCS4 before = PyUnicode_READ(kind, data, 0), after
    cdef bint space_before = _is_space(before), space_after
    cdef bint is_engine, keep, add
    cdef bint mark_before = _is_mark_at(kind, data, 0, size), mark_here
    cdef bint quiet_run = space_before and _run_ends_before_mai_yamok(kind, data, 0, size)
    while True:
        if position < size and not space_before and not mark_before:
            ahead = position  # no cut before a character that is plain, up to the engine's next
            while ahead < bounds[next_engine] and _is_plain(PyUnicode_READ(kind, data, ahead)):
                ahead += 1
            if ahead > position:
                position = ahead
                before = PyUnicode_READ(kind, data, position - 1)
        if position < size:
            after = PyUnicode_READ(kind, data, position)
            space_after = _is_space(after)
            is_engine = position == bounds[next_engine]
            while bounds[next_engine] <= position:  # (empty pieces end where others do)
                next_engine += 1
            keep = is_engine and not (space_before and space_after)
            add = False
            if space_before != space_after:
                if space_after:  # a whitespace run starts here
                    quiet_run = _run_ends_before_mai_yamok(kind, data, position, size)
                add = not quiet_run
            mark_here = _is_mark(after) and _is_mark_at(kind, data, position, size)
            if mark_here or mark_before:
                add = True
            mark_before = mark_here
            if (keep or add) and ((risk[after] & 1) or (risk[before] & 2)):
                keep = add = is_boundary(chunk, position)
            before, space_before = after, space_after
            if not (keep or add):
                position += 1
                continue
        # a token ends here: the engine's own string if it spans exactly one piece
        while reuse < count and bounds[reuse] < previous:
            reuse += 1
        if reuse < count and bounds[reuse] == previous and bounds[reuse + 1] == position:
            texts.append(<object>PyList_GET_ITEM(pieces, reuse))
        else:
            texts.append(chunk[previous:position])
        cuts.append(offset + position)
        previous = position
        if position == size:
            return 0
        position += 1


def keep_terms_whole(str chunk, Py_ssize_t offset, list cuts, list texts, list matches,
                     const unsigned char[:] risk, is_boundary, Py_ssize_t hard_min_chars):
    """Compiled twin of ``tokenize._python_keep_terms_whole``: ``cuts`` and ``texts``
    (changed in place) with each hard term of ``matches`` (``(pattern, start, end)`` in
    ``chunk``, left to right, never overlapping) made one token. ``risk`` and
    ``is_boundary`` as for :func:`chunk_tokens`."""
    cdef Py_ssize_t index = 0, count, start, end, first, last, low, high, low_cut, high_cut
    cdef tuple match
    cdef list region, pieces
    cdef int kind = PyUnicode_KIND(chunk)
    cdef void *data = PyUnicode_DATA(chunk)
    cdef Py_ssize_t size = len(chunk)
    for match in matches:
        start = <Py_ssize_t>match[1] + offset
        end = <Py_ssize_t>match[2] + offset
        count = len(cuts)
        while index < count and <Py_ssize_t>cuts[index] < start:  # bisect_left, moving forward
            index += 1
        first = index
        if first + 1 < count and <Py_ssize_t>cuts[first] == start and <Py_ssize_t>cuts[first + 1] == end:
            continue  # the common case: the engine already gave the term as one token
        if not (_is_boundary(chunk, kind, data, size, start - offset, risk, is_boundary)
                and _is_boundary(chunk, kind, data, size, end - offset, risk, is_boundary)):
            continue
        last = first
        while last < count and <Py_ssize_t>cuts[last] <= end:  # bisect_right
            last += 1
        if not (first < count and <Py_ssize_t>cuts[first] == start and <Py_ssize_t>cuts[last - 1] == end):
            if end - start < hard_min_chars:
                continue  # short terms only where the engine already put their ends
        # the tokens from the cut at or before ``start`` to the cut at or after ``end``
        # become: [that cut, start) [start, end) [end, that cut)
        low = first if <Py_ssize_t>cuts[first] == start else first - 1
        high = last - 1 if <Py_ssize_t>cuts[last - 1] == end else last
        low_cut, high_cut = cuts[low], cuts[high]
        region = [low_cut]
        if start > low_cut:
            region.append(start)
        region.append(end)
        if high_cut > end:
            region.append(high_cut)
        pieces = [chunk[<Py_ssize_t>region[k] - offset:<Py_ssize_t>region[k + 1] - offset]
                  for k in range(len(region) - 1)]
        texts[low:high] = pieces
        cuts[low:high + 1] = region
        index = low
    return cuts, texts


cdef inline bint _is_boundary(str chunk, int kind, void *data, Py_ssize_t size, Py_ssize_t position,
                              const unsigned char[:] risk, is_boundary) except -1:
    # graphemes.is_boundary, asked only where the risk table says a cut might split a cluster
    if position <= 0 or position >= size:
        return is_boundary(chunk, position)
    if (risk[PyUnicode_READ(kind, data, position)] & 1) or (risk[PyUnicode_READ(kind, data, position - 1)] & 2):
        return is_boundary(chunk, position)
    return True


def terms_of_chunk(list ordered, Py_ssize_t index, Py_ssize_t chunk_start, Py_ssize_t chunk_end):
    """``(matches, next_index)``: the leftmost-longest occurrences inside one chunk, as
    ``ahocorasick_rs`` (``MatchKind.LeftmostLongest``) finds them in the chunk alone.

    ``ordered`` holds every occurrence of the hard terms in the whole text, ``(start, -end)``
    sorted (by start, then longest first: ``scan.Scan.ordered``); ``index`` is where this
    chunk's part of it starts (``next_index`` of the chunk before). ``matches`` are
    ``(0, start, end)`` relative to the chunk, as ``keep_terms_whole`` takes them. An
    occurrence that runs past the chunk's end is not in the chunk, as the automaton on the
    chunk would not see it.
    """
    cdef Py_ssize_t count = len(ordered), start, end, last_end = chunk_start
    cdef tuple occurrence
    cdef list matches = []
    while index < count:
        occurrence = <tuple>ordered[index]
        start = occurrence[0]
        if start >= chunk_end:
            break
        end = -<Py_ssize_t>occurrence[1]
        if start >= last_end and end <= chunk_end:
            matches.append((0, start - chunk_start, end - chunk_start))
            last_end = end
        index += 1
    return matches, index


# --- the token post-pass: tokenize rules a-c ---------------------------------------------------

# a token's code (tokenize._TokenCodes): its class in bits 0-1, and rule c's two flags
cdef enum:
    CLASS_BITS = 3
    CLASS_OTHER = 0
    CLASS_FRAGMENT = 3
    MAY_GROW = 4  # tokenize.MAY_GROW: a first word that may grow (rule c)
    MAY_GIVE = 8  # tokenize.MAY_GIVE: a second word that may give its first characters


cdef inline bint _is_word_letter(Py_UCS4 ch):
    # mirrors tokenize._THAI_WORD_CHARS: the characters a word of the word list is made of
    return (0x0E01 <= ch <= 0x0E2E) or (0x0E30 <= ch <= 0x0E3A) or (0x0E40 <= ch <= 0x0E45) or (0x0E47 <= ch <= 0x0E4E)


cdef inline unsigned char _code(dict codes, object text, code_of) except 255:
    # the kept code of ``text``, else ``code_of(text)`` (which keeps it)
    cdef PyObject *known = PyDict_GetItem(codes, text)
    if known == NULL:
        return code_of(text)
    return <object>known


def post_pass(list cuts, list texts, dict codes, code_of, mend_run, lexicon, dict answers, shift,
              bint words_start_with_letters):
    """Compiled twin of ``tokenize._mend_fragments`` then ``tokenize._prefer_common_reading``
    (rules a-c) on one chunk's tokens: ``(cuts, texts)``; the lists themselves (changed in
    place by rule c only) when no fragment is joined.

    ``codes`` holds each string's code (``tokenize._TokenCodes``), ``code_of`` answers a
    string not kept yet and keeps it. Each token is looked up once, but one that starts with
    a character no word starts with (whitespace, digits, marks, Latin: a third of the tokens),
    whose code is 0 when ``words_start_with_letters`` (``_TokenCodes``) says so: it is not
    even hashed. A chunk with no fragment and no word that may grow ends there. ``mend_run`` (``tokenize._mend_run``, with
    ``lexicon``) mends a run of Thai-letter tokens around a fragment; ``answers`` (first
    word -> second word -> shift) and ``shift`` (``_Readings.shift``) give rule c's answer.
    """
    cdef Py_ssize_t count = len(texts), index
    cdef unsigned char code
    cdef bint fragment = False, may_grow = False
    cdef tuple mended
    cdef str text
    if count == 0:
        return cuts, texts
    cdef unsigned char *kinds = <unsigned char *>PyMem_Malloc(count)
    cdef unsigned char *mended_kinds = NULL
    if kinds == NULL:
        raise MemoryError()
    try:
        for index in range(count):
            text = <str>PyList_GET_ITEM(texts, index)
            if (words_start_with_letters and PyUnicode_GET_LENGTH(text)
                    and not _is_word_letter(PyUnicode_READ_CHAR(text, 0))):
                kinds[index] = 0
                continue
            code = _code(codes, text, code_of)
            kinds[index] = code
            if (code & CLASS_BITS) == CLASS_FRAGMENT:
                fragment = True
            if code & MAY_GROW:
                may_grow = True
        if fragment:  # rules a and b
            mended_kinds = <unsigned char *>PyMem_Malloc(count)
            if mended_kinds == NULL:
                raise MemoryError()
            mended = _mend(cuts, texts, kinds, count, mended_kinds, codes, code_of, mend_run, lexicon)
            if mended is not None:
                cuts, texts = mended
                count = len(texts)
                kinds, mended_kinds = mended_kinds, kinds
                may_grow = False
                for index in range(count):
                    if kinds[index] & MAY_GROW:
                        may_grow = True
                        break
        if may_grow:  # rule c
            _prefer(cuts, texts, kinds, count, codes, code_of, answers, shift)
        return cuts, texts
    finally:
        PyMem_Free(kinds)
        PyMem_Free(mended_kinds)


cdef tuple _mend(list cuts, list texts, unsigned char *kinds, Py_ssize_t count, unsigned char *mended_kinds,
                 dict codes, code_of, mend_run, lexicon):
    """Rules a and b as ``tokenize._mend_fragments`` applies them: the new ``(cuts, texts)``
    and their codes in ``mended_kinds``; ``None`` when no run changes."""
    cdef Py_ssize_t index, start, end, done = 0, copied = 0, made = 0, k, size
    cdef list new_cuts = [], new_texts = [], run, result
    cdef object text
    for index in range(count):
        if (kinds[index] & CLASS_BITS) != CLASS_FRAGMENT or index < done:
            continue  # not a fragment, or inside a run looked at already
        start = index
        while start > 0 and (kinds[start - 1] & CLASS_BITS) != CLASS_OTHER:
            start -= 1
        end = index + 1
        while end < count and (kinds[end] & CLASS_BITS) != CLASS_OTHER:
            end += 1
        done = end
        if end - start == 1:
            continue  # an unknown word standing alone (most fragments): nothing to join
        run = texts[start:end]
        result = mend_run(run, [kinds[k] & CLASS_BITS for k in range(start, end)], lexicon)
        if len(result) == len(run):
            continue  # nothing joined: the run's tokens stay as they are
        new_cuts.extend(cuts[copied:start])
        new_texts.extend(texts[copied:start])
        for k in range(copied, start):
            mended_kinds[made] = kinds[k]
            made += 1
        for size, text in result:
            new_cuts.append(cuts[start])
            new_texts.append(text)
            mended_kinds[made] = _code(codes, text, code_of)
            made += 1
            start += size
        copied = end
    if not copied:
        return None
    new_cuts.extend(cuts[copied:])
    new_texts.extend(texts[copied:])
    for k in range(copied, count):
        mended_kinds[made] = kinds[k]
        made += 1
    return new_cuts, new_texts


cdef int _prefer(list cuts, list texts, unsigned char *kinds, Py_ssize_t count, dict codes, code_of,
                 dict answers, shift) except -1:
    """Rule c as ``tokenize._prefer_common_reading`` applies it, in place: left to right,
    each pair reads the tokens as the pair before left them (the second word's code is
    looked up again when it changes)."""
    cdef Py_ssize_t index, size
    cdef PyObject *row
    cdef PyObject *known
    cdef object first, second, rest
    for index in range(count - 1):
        if not (kinds[index] & MAY_GROW) or not (kinds[index + 1] & MAY_GIVE):
            continue
        first = <object>PyList_GET_ITEM(texts, index)
        second = <object>PyList_GET_ITEM(texts, index + 1)
        row = PyDict_GetItem(answers, first)
        known = NULL if row == NULL else PyDict_GetItem(<object>row, second)
        size = shift(first, second) if known == NULL else <object>known
        if size:
            rest = second[size:]
            texts[index] = first + second[:size]
            texts[index + 1] = rest
            cuts[index + 1] = cuts[index + 1] + size
            kinds[index + 1] = _code(codes, rest, code_of)
    return 0


# --- the parts of a name made whole: tokenize.join_name_parts -------------------------------------

cdef Py_ssize_t _bisect(list bounds, Py_ssize_t value, bint right) except -1:
    # bisect.bisect_right (right) or bisect_left of ``value`` in the sorted ints ``bounds``
    cdef Py_ssize_t low = 0, high = len(bounds), middle, item
    while low < high:
        middle = (low + high) // 2
        item = <object>PyList_GET_ITEM(bounds, middle)
        if item < value or (right and item == value):
            low = middle + 1
        else:
            high = middle
    return low


def join_name_parts(str text, list bounds, list texts, entities, labels, term_set):
    """Compiled twin of ``tokenize._python_join_name_parts``: ``None`` when no cut lies
    inside a part of a name (an entity of ``labels``), else ``(order, kept, joined)``: the
    indexes of the cuts that go (sorted), the cuts that stay and the tokens' strings after.

    A part is a run of non-space characters of the entity (``\\S+`` of ``str.isspace``); a
    cut strictly inside a part goes unless a token beside it is a domain term. ``term_set()``
    gives the terms, asked only when a part holds a cut (as the Python path loads them).
    """
    cdef Py_ssize_t count = len(bounds), size = len(text), start, end, low, high, index, position
    cdef Py_ssize_t dropped_count = 0, first, made
    cdef object item
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef unsigned char *dropped = NULL
    cdef object terms = None
    cdef list order, kept, joined
    try:
        for entity in entities:
            if entity.label not in labels:
                continue
            start, end = entity.start, entity.end
            low = _bisect(bounds, start, True)
            if low >= count or <Py_ssize_t><object>PyList_GET_ITEM(bounds, low) >= end:
                continue  # no cut inside the entity (most names): no part to look at
            position = start if start > 0 else 0  # (as re's finditer clamps pos and endpos)
            end = end if end < size else size
            while position < end:
                while position < end and _is_space(PyUnicode_READ(kind, data, position)):
                    position += 1
                if position >= end:
                    break
                low = _bisect(bounds, position, True)
                while position < end and not _is_space(PyUnicode_READ(kind, data, position)):
                    position += 1
                high = _bisect(bounds, position, False)
                if high <= low:
                    continue
                if terms is None:
                    terms = term_set()
                    dropped = <unsigned char *>PyMem_Malloc(count)
                    if dropped == NULL:
                        raise MemoryError()
                    for index in range(count):
                        dropped[index] = 0
                for index in range(low, high):  # the cuts strictly inside the part …
                    if dropped[index]:
                        continue
                    if (PySet_Contains(terms, <object>PyList_GET_ITEM(texts, index - 1))
                            or PySet_Contains(terms, <object>PyList_GET_ITEM(texts, index))):
                        continue  # … but those next to a domain term
                    dropped[index] = 1
                    dropped_count += 1
        if dropped_count == 0:
            return None
        # the lists are made at their final length and filled in place (no append, no resize)
        order, kept, joined = [], PyList_New(count - dropped_count), PyList_New(count - 1 - dropped_count)
        first = 0  # the cut where the token being built starts
        made = 0  # tokens made
        for index in range(1, count):
            if dropped[index]:
                order.append(index)
                continue
            item = <object>PyList_GET_ITEM(bounds, first)
            Py_INCREF(item)
            PyList_SET_ITEM(kept, made, item)
            if index - first == 1:
                item = <object>PyList_GET_ITEM(texts, first)
            else:
                item = text[<Py_ssize_t><object>PyList_GET_ITEM(bounds, first):
                            <Py_ssize_t><object>PyList_GET_ITEM(bounds, index)]
            Py_INCREF(item)
            PyList_SET_ITEM(joined, made, item)
            made += 1
            first = index
        item = <object>PyList_GET_ITEM(bounds, count - 1)
        Py_INCREF(item)
        PyList_SET_ITEM(kept, made, item)
        return order, kept, joined
    finally:
        PyMem_Free(dropped)


# --- Token objects ---------------------------------------------------------------------------

_TOKEN_FIELDS = ("start", "end", "text", "is_space", "pos")


def make_tokens(cls, list bounds, list texts, pos):
    """``[cls(start, end, text, text.isspace(), pos) …]`` for the tokens between ``bounds``
    (``texts`` their strings, ``pos`` their tags or ``None``), the mirror of
    ``spans.TokenList._all``; ``None`` when ``cls`` is not a slots class whose objects can be
    filled in place (the caller then builds them in Python).

    ``spans.make_token`` is a Python call per token (a frame and five attribute stores); here
    each object is allocated and its slots written through their descriptors, which is what
    that ``__init__`` ends up doing. A token holds only numbers, strings and ``None``, so it
    can never be part of a reference cycle: it is taken out of the cyclic collector's lists,
    which a long list of tokens would otherwise lengthen at every collection.
    """
    descriptors = [cls.__dict__.get(name) for name in _TOKEN_FIELDS]
    slot_type = type(type("_Probe", (), {"__slots__": ("x",)}).x)  # a slot's descriptor type
    if any(type(descriptor) is not slot_type for descriptor in descriptors):
        return None
    start_slot, end_slot, text_slot, space_slot, pos_slot = descriptors
    cdef Py_ssize_t count = len(texts), index
    if count == 0 and len(bounds) <= 1:
        return []  # no token (a TokenList of an empty text has no bounds at all)
    if len(bounds) != count + 1 or (pos is not None and len(pos) != count):
        raise ValueError("bounds, texts and pos do not describe the same tokens")
    cdef list tokens = [None] * count
    cdef object token, text
    for index in range(count):
        text = texts[index]
        token = new_instance(cls)
        set_slot(start_slot, token, bounds[index])
        set_slot(end_slot, token, bounds[index + 1])
        set_slot(text_slot, token, text)
        set_slot(space_slot, token, True if _all_space(text) else False)
        set_slot(pos_slot, token, None if pos is None else pos[index])
        if (type(text) is str and type(bounds[index]) is int and type(bounds[index + 1]) is int
                and (pos is None or pos[index] is None or type(pos[index]) is str)):
            untrack(token)
        tokens[index] = token
    return tokens


cdef bint _all_space(str text):
    # str.isspace: true for a non-empty string of whitespace only
    cdef Py_ssize_t size = len(text), index
    if size == 0:
        return False
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    for index in range(size):
        if not _is_space(PyUnicode_READ(kind, data, index)):
            return False
    return True

"""Replacing people's names by their pseudonyms in a text or a table.

``redact_text`` replaces every form the key knows (longest first, never inside a Thai
grapheme cluster, never inside a Latin word), every titled name it finds that the key did not
know yet (the key learns it, in memory), and the speaker labels of an interview (``ป:`` at
the start of a turn, ``ป =`` in the legend) when the text's legend or the key says whose
they are.

>>> from synthesis.privacy.pseudonyms import PREFIX, PseudonymKey, _same_first_known
>>> key = PseudonymKey.new("demo", salt="11" * 16)
>>> text = "นายสมศักดิ์ ทองแก้ว เล่าว่า สมศักดิ์ดูแลกล่องยา"
>>> out = redact_text(text, key)
>>> "สมศักดิ์" in out, out.count(key.pseudonym_for("สมศักดิ์ ทองแก้ว"))
(False, 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from synthesis.privacy.names import (
    KIN_WORDS,
    NICK_WORDS,
    first_name_tails,
    inside_longer_word,
    name_variants,
    speaker_legend,
    titled_names,
)
from synthesis.privacy.pseudonyms import PREFIX, PseudonymKey, _same_first_known
from synthesis.thai.graphemes import is_boundary

REDACTED_COLUMNS = ("text", "quote", "title", "reporter", "memo", "speaker", "participants", "context", "snippet",
                    "left", "match", "right")
_LATIN = re.compile(r"[A-Za-z0-9_]")


_SPACES = " \t\u00a0"


class FormMatcher:
    """Finds the longest known form starting at a position (a character trie).

    A space inside a form matches any run of spaces, tabs or no-break spaces, as names are
    typed with one or several. A regex alternation of thousands of forms compiles slowly;
    walking a trie costs a few dictionary lookups per position.

    >>> matcher = FormMatcher({"นายสมชาย ใจดี": "บุคคล-001", "สมชาย": "บุคคล-001"})
    >>> matcher.longest("โดยนายสมชาย  ใจดี", 3)
    (17, 'บุคคล-001')
    """

    def __init__(self, forms: dict[str, str]):
        self.root: dict = {}
        for form, value in forms.items():
            node = self.root
            for char in " ".join(form.split()):
                node = node.setdefault(char, {})
            if node is not self.root:
                node[None] = value

    def longest(self, text: str, start: int) -> tuple[int, str] | None:
        node, index, best = self.root, start, None
        while index < len(text):
            char = text[index]
            if char in _SPACES:
                node = node.get(" ")
                if node is None:
                    break
                while index < len(text) and text[index] in _SPACES:
                    index += 1
            else:
                node = node.get(char)
                if node is None:
                    break
                index += 1
            if None in node:
                best = (index, node[None])
        return best


def _matcher(key: PseudonymKey) -> FormMatcher:
    cached = getattr(key, "_matcher", None)
    if cached is None or cached[0] != key.version:
        forms = key.form_map()
        cached = (key.version, FormMatcher(forms), FormMatcher(spaced_address_forms(forms)))
        key._matcher = cached
    return cached[1]


def _spaced_matcher(key: PseudonymKey) -> FormMatcher:
    _matcher(key)
    return key._matcher[2]


_ADDRESS_WORDS = tuple(sorted(set(KIN_WORDS) | set(NICK_WORDS), key=len, reverse=True))


def spaced_address_forms(forms: dict[str, str]) -> dict[str, str]:
    """For each form that starts with a word of address (``พี่สมศรี``, ``ก๊ะมะห์``,
    ``บังฮาซัน``), the same form with a space after that word (``ก๊ะ มะห์``), as people also
    type it. The key on disk keeps the glued forms only; a spaced form is replaced only where
    neither of its words lies inside a longer word (``พัทลุง นาย`` is not ``ลุง นา``).

    >>> spaced_address_forms({"ก๊ะมะห์": "บุคคล-002", "สมศรี": "บุคคล-001"})
    {'ก๊ะ มะห์': 'บุคคล-002'}
    """
    out: dict[str, str] = {}
    for form, pseudonym in forms.items():
        word = next((w for w in _ADDRESS_WORDS if form.startswith(w) and len(form) > len(w) + 1), None)
        if word and form[len(word)] != " " and is_boundary(form, len(word)):
            out.setdefault(f"{word} {form[len(word):]}", pseudonym)
    return out


def _clean_edges(text: str, start: int, end: int) -> bool:
    if not (is_boundary(text, start) and is_boundary(text, end)):
        return False
    if " " not in text[start:end] and inside_longer_word(text, start, end):
        return False  # คุณภา in คุณภาพ: a word, not a nickname
    if _LATIN.match(text[start:start + 1] or " "):  # a user name: not inside a longer Latin word
        if start > 0 and _LATIN.match(text[start - 1]):
            return False
        if end < len(text) and _LATIN.match(text[end]):
            return False
    return True


def _clean_spaced(text: str, start: int, end: int) -> bool:
    """A word of address, spaces, a name: neither the word nor the name inside a longer word."""
    head = len(text[start:end].split(None, 1)[0])
    tail_start = end - len(text[start:end].split()[-1])
    return not (inside_longer_word(text, start, start + head) or inside_longer_word(text, tail_start, end))


def _local_tails(text: str, key: PseudonymKey, doc_id: str | None) -> dict[str, str]:
    """Nicknames cut from first names, for the people this text (or its document) names in full."""
    present = set(key.speakers.get(doc_id, {}).values()) if doc_id is not None else set()
    present |= {name for name in key.people if " " in name and name.split(" ")[1] in text and name.split(" ")[0] in text}
    tails: dict[str, str] = {}
    for name in present:
        if name not in key.people:
            continue
        for tail in first_name_tails(name.split(" ")[0]):
            pseudonym = key.people[name].pseudonym
            tails[tail] = pseudonym if tails.get(tail, pseudonym) == pseudonym else PREFIX
    return tails


def _speaker_map(text: str, key: PseudonymKey, doc_id: str | None) -> dict[str, str]:
    names: dict[str, str] = dict(key.speakers.get(doc_id, {})) if doc_id is not None else {}
    for entry in speaker_legend(text):
        names[entry.label] = f"{entry.first} {entry.last}".strip()
    return {label: key.pseudonym_for(name) for label, name in names.items()}


@dataclass(frozen=True, slots=True)
class NameSpan:
    """``text[start:end]`` names a person; ``pseudonym`` replaces it."""

    start: int
    end: int
    text: str
    pseudonym: str


def name_spans(text: str, key: PseudonymKey, doc_id: str | None = None) -> list[NameSpan]:
    r"""Where ``text`` names people, in order, without overlaps (longest form first).

    Titled names the key has not met yet are added to it (in memory). ``doc_id`` lets a
    fragment (a quote) use the speaker labels of its whole interview.

    >>> from synthesis.privacy.pseudonyms import PREFIX, PseudonymKey, _same_first_known
    >>> key = PseudonymKey.new("demo", salt="33" * 16)
    >>> [s.text for s in name_spans("ป: ครับ\nหมายเหตุ ป = นายประสิทธิ์ หนูนวล", key)]
    ['ป', 'ป', 'นายประสิทธิ์ หนูนวล']
    """
    if not text:
        return []
    for mention in titled_names(text):
        if mention.full not in key.people and not _same_first_known(key, mention):
            key.add_forms(mention.full, name_variants(mention.title, mention.first, mention.last))
    matchers = [_matcher(key)]
    tails = _local_tails(text, key, doc_id)
    if tails:
        matchers.append(FormMatcher(tails))
    spaced = _spaced_matcher(key)
    spaced_starts = spaced.root.keys()  # first letters of the words of address: skip the rest fast
    spans: list[NameSpan] = []
    index = 0
    while index < len(text):
        found = [hit for matcher in matchers if (hit := matcher.longest(text, index))]
        if text[index] in spaced_starts and (hit := spaced.longest(text, index)) \
                and _clean_spaced(text, index, hit[0]):
            found.append(hit)
        if found:
            end, pseudonym = max(found, key=lambda hit: hit[0])
            if _clean_edges(text, index, end):
                spans.append(NameSpan(index, end, text[index:end], pseudonym))
                index = end
                continue
        index += 1
    speakers = _speaker_map(text, key, doc_id)
    if speakers:
        labels = "|".join(re.escape(label) for label in sorted(speakers, key=len, reverse=True))
        taken = [(span.start, span.end) for span in spans]
        for regex in (rf"(?m)^[ \t]*({labels})[ \t]*:", rf"(?m)(?:^|[\s,])({labels})\s*="):
            for match in re.finditer(regex, text):
                start, end = match.span(1)
                if not any(a < end and start < b for a, b in taken):
                    spans.append(NameSpan(start, end, match.group(1), speakers[match.group(1)]))
                    taken.append((start, end))
    return sorted(spans, key=lambda span: span.start)


def redact_text(text: str, key: PseudonymKey, doc_id: str | None = None) -> str:
    """``text`` with every known person replaced by their pseudonym (see ``name_spans``)."""
    pieces: list[str] = []
    position = 0
    for span in name_spans(text, key, doc_id):
        pieces.append(text[position:span.start])
        pieces.append(span.pseudonym)
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def redact_frame(frame, key: PseudonymKey, columns: Iterable[str] | None = None):
    """A copy of a DataFrame with names replaced in its text columns (reports call this).

    Columns default to those of ``REDACTED_COLUMNS`` present; lists of strings (e.g. a
    ``participants`` column) are redacted item by item. A ``doc_id`` column lets quotes use
    their interview's speaker labels.
    """
    out = frame.copy()
    chosen = [c for c in (columns or REDACTED_COLUMNS) if c in out.columns]
    doc_ids = out["doc_id"].tolist() if "doc_id" in out.columns else [None] * len(out)

    def one(value, doc_id):
        if isinstance(value, str):
            return redact_text(value, key, doc_id)
        if isinstance(value, (list, tuple)):
            return type(value)(one(item, doc_id) for item in value)
        if hasattr(value, "tolist") and getattr(value, "ndim", 0) == 1:  # a list column read from Parquet
            return [one(item, doc_id) for item in value.tolist()]
        return value

    for column in chosen:
        out[column] = [one(value, doc_id) for value, doc_id in zip(out[column].tolist(), doc_ids)]
    return out

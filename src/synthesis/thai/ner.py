"""The statistical NER model that ships inside PyThaiNLP's wheel, run directly with pycrfsuite.

PyThaiNLP's ``ThaiNameTagger(version="1.5")`` fails offline, but its CRF model file
(``thainer_crf_1_5_1.model``) is in the wheel. It was trained on Blackboard/LST20 POS tags,
which need a download; we tag with the bundled ORCHID-UD perceptron and map the UD tags back
to the Blackboard set (:data:`UD_TO_BLACKBOARD`). Features are PyThaiNLP's own
(``pythainlp.tag.thainer._doc2features``), so the model sees what it was trained on.

It is slow next to the rules (pure-Python POS tagging and features): opt-in only.

>>> [(e.label, e.text) for e in crf_entities("นายสมชาย ใจดี เดินทางไปจังหวัดสงขลา")]  # doctest: +SKIP
[('PERSON', 'สมชาย ใจดี'), ('PLACE', 'จังหวัดสงขลา')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import synthesis  # noqa: F401  (offline PyThaiNLP before it is imported)
from synthesis.thai import graphemes
from synthesis.thai.spans import Entity, Token

MODEL_FILE = "thainer_crf_1_5_1.model"
# What the model's entity types become in our labels; the others (TIME, LAW, URL …) are dropped.
CRF_LABELS = {
    "PERSON": "PERSON",
    "LOCATION": "PLACE",
    "ORGANIZATION": "ORG",
    "DATE": "DATE",
    "MONEY": "MONEY",
    "PERCENT": "PERCENT",
}
# ORCHID-UD tags mapped back to the Blackboard tag set the model was trained on.
UD_TO_BLACKBOARD = {
    "ADJ": "AJ", "ADV": "AV", "AUX": "AX", "CCONJ": "CC", "SCONJ": "CC", "DET": "AJ",
    "INTJ": "IJ", "NOUN": "NN", "PROPN": "NN", "NUM": "NU", "PART": "PA", "PRON": "PR",
    "ADP": "PS", "PUNCT": "PU", "SYM": "PU", "VERB": "VV", "X": "XX",
}
_NEGATIONS = frozenset({"ไม่", "มิ", "ไม่ได้", "ห้าม"})
MAX_SEQUENCE = 250  # tokens per CRF call: lines are cut into pieces this long


_HAS_THAI = re.compile("[\u0e01-\u0e4e]")


def model_path() -> Path:
    """Where the bundled model lies; a clear error if this PyThaiNLP build lacks it."""
    import pythainlp.corpus

    path = Path(pythainlp.corpus.__file__).parent / MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"The Thai NER model {MODEL_FILE} is not in {path.parent}: this PyThaiNLP build does "
            "not ship it (it is in pythainlp 5.x wheels). Run without use_crf, or install a "
            "PyThaiNLP wheel that includes it; nothing is downloaded at run time."
        )
    return path


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path()))
    return tagger


def _blackboard_tags(words: list[str]) -> list[str]:
    from pythainlp.tag import pos_tag

    tags = []
    for word, ud in pos_tag(words, engine="perceptron", corpus="orchid_ud"):
        if word in _NEGATIONS:
            tags.append("NG")
        elif word.isspace():
            tags.append("PU")
        else:
            tags.append(UD_TO_BLACKBOARD.get(ud, "NN"))
    return tags


def _sequences(tokens: list[Token]) -> list[list[Token]]:
    """Tokens cut at line breaks and every ``MAX_SEQUENCE`` tokens."""
    sequences: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.is_space and "\n" in token.text:
            if current:
                sequences.append(current)
            current = []
            continue
        current.append(token)
        if len(current) >= MAX_SEQUENCE:
            sequences.append(current)
            current = []
    if current:
        sequences.append(current)
    return sequences


def _spans_from_iob(sequence: list[Token], labels: list[str]):
    """(start, end, model label) of each B-/I- run."""
    start = end = None
    kind = None
    for token, label in zip(sequence, labels):
        prefix, _, name = label.partition("-")
        if prefix == "B" or (prefix == "I" and name != kind):
            if kind is not None:
                yield start, end, kind
            start, end, kind = token.start, token.end, name
        elif prefix == "I":
            end = token.end
        else:
            if kind is not None:
                yield start, end, kind
            kind = None
    if kind is not None:
        yield start, end, kind


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return graphemes.snap_left(text, start), graphemes.snap_right(text, end)


def _normalized_value(label: str, span_text: str):
    """The same kind of value the rules give, where the span allows it."""
    if label == "DATE":
        from synthesis.thai.dates import parse_thai_date

        parsed = parse_thai_date(span_text)
        return parsed[0] if parsed else None
    if label in ("MONEY", "PERCENT"):
        from synthesis.thai.numbers import find_quantities

        numbers = find_quantities(span_text)
        return numbers[0].value if numbers else None
    if label == "PLACE":
        from synthesis.thai.places import find_places

        places = find_places(span_text)
        return places[0].value if places else span_text
    if label == "ORG":
        from synthesis.thai.orgs import find_orgs

        orgs = find_orgs(span_text)
        return orgs[0].value if orgs and orgs[0].end - orgs[0].start == len(span_text) else span_text
    return span_text


def _strip_title(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    from synthesis.thai.persons import _ONE_TITLE

    title = None
    m = _ONE_TITLE.match(text, start, end)
    while m and m.end() < end:
        title = (title or "") + m.group()
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
        m = _ONE_TITLE.match(text, start, end)
    return start, end, title


def crf_entities(text: str, tokens: list[Token] | None = None) -> list[Entity]:
    """PERSON/PLACE/ORG/DATE/MONEY/PERCENT entities from the bundled CRF model (source "crf").

    ``tokens`` are the text's tokens (computed with the default tokenizer when omitted).
    A PERSON span drops a leading title (kept in ``attrs["title"]``), like the rules.
    """
    from pythainlp.tag.thainer import _doc2features

    if not text.strip():
        return []
    tagger = _tagger()
    if tokens is None:
        from synthesis.thai.tokenize import tokenize

        tokens = tokenize(text)
    found: list[Entity] = []
    for sequence in _sequences(tokens):
        words = [t.text for t in sequence]
        if not _HAS_THAI.search("".join(words)):
            continue  # the model reads Thai names; a Latin or numeric line costs time for nothing
        doc = list(zip(words, _blackboard_tags(words)))
        labels = tagger.tag([_doc2features(doc, i) for i in range(len(doc))])
        for start, end, kind in _spans_from_iob(sequence, labels):
            label = CRF_LABELS.get(kind)
            if label is None:
                continue
            start, end = _trimmed(text, start, end)
            attrs: dict = {"crf_label": kind}
            if label == "PERSON":
                start, end, title = _strip_title(text, start, end)
                attrs["title"] = title
            if start >= end:
                continue
            span_text = text[start:end]
            found.append(Entity(start, end, span_text, label, _normalized_value(label, span_text), "crf", attrs))
    return found

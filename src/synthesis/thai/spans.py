"""The spans every part of the workbench shares: offsets into one normalized text.

As in spaCy, a span is ``text[start:end]`` of the document's normalized text (Python string
indices). Tokens, segments and entities are all spans; codings point into the same text.
These names and fields are a public contract: other modules and outside checks rely on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import MISSING, dataclass, field, fields
from itertools import repeat
from typing import Any, overload

from synthesis.thai.accel import compiled

SEGMENT_KINDS = ("heading", "paragraph", "list_item", "sentence", "turn")
ENTITY_LABELS = ("PLACE", "ORG", "PERSON", "DATE", "NUMBER", "PERCENT", "MONEY", "COUNT")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a run of whitespace/punctuation; tokens tile the text exactly."""

    start: int
    end: int
    text: str
    is_space: bool = False
    pos: str | None = None


def fast_constructor(cls: type) -> Callable[..., Any]:
    """A function that makes ``cls`` objects (a frozen slots dataclass) about twice as fast.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``: on a
    few hundred thousand tokens that alone costs about as much as the Rust segmenter. This
    builds a plain class with the same slots and a plain ``__init__`` (every field given, in
    order), which then gives the object the real class: the result is an ordinary, frozen,
    equal ``cls`` object. Checked here, once; if this Python refuses the class switch, the
    normal constructor is returned.

    >>> make = fast_constructor(Token)
    >>> make(0, 2, "ดี", False, None) == Token(0, 2, "ดี")
    True
    """
    names = [f.name for f in fields(cls)]
    source = f"def __init__(self, {', '.join(names)}):\n"
    source += "".join(f"    self.{name} = {name}\n" for name in names)
    source += "    self.__class__ = cls\n"
    namespace: dict[str, Any] = {"cls": cls}
    exec(source, namespace)  # noqa: S102 - our own fixed source, as dataclasses itself does
    draft = type(f"_{cls.__name__}Draft", (), {"__slots__": cls.__slots__, "__init__": namespace["__init__"]})
    probe_values = [f.default if f.default is not MISSING else f"x{i}" for i, f in enumerate(fields(cls))]
    try:
        probe = draft(*probe_values)
    except TypeError:
        return cls
    return draft if type(probe) is cls and probe == cls(*probe_values) else cls


class TokenList(Sequence):
    """The tokens of one text, held as offsets: ``Token`` objects are made when asked for.

    ``boundaries`` are the cut positions, ``0`` and ``len(text)`` included, so token ``i`` is
    ``text[boundaries[i]:boundaries[i + 1]]``. Code that only needs offsets or strings (the
    store, counts) reads :attr:`starts`, :attr:`ends`, :attr:`texts` and never pays for
    millions of objects; everything else uses it as a list of ``Token``.

    >>> tokens = TokenList("ดี มาก", [0, 2, 3, 6])
    >>> len(tokens), tokens[2], tokens.texts
    (3, Token(start=3, end=6, text='มาก', is_space=False, pos=None), ['ดี', ' ', 'มาก'])
    >>> tokens == [Token(0, 2, "ดี"), Token(2, 3, " ", True), Token(3, 6, "มาก")]
    True
    """

    __slots__ = ("text", "boundaries", "pos", "_texts", "_tokens")

    def __init__(self, text: str, boundaries: list[int], pos: list[str | None] | None = None,
                 texts: list[str] | None = None) -> None:
        self.text = text
        self.boundaries = boundaries if len(boundaries) > 1 else []
        self.pos = pos
        self._texts = texts if self.boundaries else None  # each token's text, when known
        self._tokens: list[Token] | None = None

    @property
    def starts(self) -> list[int]:
        return self.boundaries[:-1]

    @property
    def ends(self) -> list[int]:
        return self.boundaries[1:]

    @property
    def texts(self) -> list[str]:
        """Each token's text (computed once)."""
        if self._texts is None:
            text, bounds = self.text, self.boundaries
            self._texts = [text[a:b] for a, b in zip(bounds, bounds[1:])]
        return self._texts

    @property
    def is_space(self) -> list[bool]:
        return list(map(str.isspace, self.texts))

    def _all(self) -> list[Token]:
        if self._tokens is None:
            made = _fast_tokenize.make_tokens(Token, self.boundaries, self.texts, self.pos) if _fast_tokenize else None
            self._tokens = made if made is not None else self._python_all()
        return self._tokens

    def _python_all(self) -> list[Token]:
        """Every ``Token`` (the reference for ``_fast_tokenize.make_tokens``)."""
        texts = self.texts
        pos = self.pos if self.pos is not None else repeat(None)
        bounds = self.boundaries
        return list(map(make_token, bounds, bounds[1:], texts, map(str.isspace, texts), pos))

    def __len__(self) -> int:
        return max(len(self.boundaries) - 1, 0)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...
    def __getitem__(self, index):
        if isinstance(index, slice) or self._tokens is not None:
            return self._all()[index]
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("token index out of range")
        start, end = self.boundaries[index], self.boundaries[index + 1]
        piece = self.text[start:end]
        return make_token(start, end, piece, piece.isspace(), None if self.pos is None else self.pos[index])

    def __iter__(self) -> Iterator[Token]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TokenList):
            return self.text == other.text and self.boundaries == other.boundaries and self.pos == other.pos
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self._all() == list(other)
        return NotImplemented

    __hash__ = None  # mutable-looking like a list: not hashable

    def __add__(self, other: Sequence[Token]) -> list[Token]:
        return self._all() + list(other)

    def __repr__(self) -> str:
        return repr(self._all())  # shown as the list of tokens it stands for


@dataclass(frozen=True, slots=True)
class Segment:
    """A heading, paragraph, list item, sentence or speaker turn.

    ``section`` names the report section it lies in (e.g. ``activities``, ``outcomes``);
    ``speaker`` is set on interview turns.
    """

    start: int
    end: int
    text: str
    kind: str
    section: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named or numeric expression with a normalized ``value``.

    ``value`` is an ISO date string for DATE (``attrs["end"]`` for the end of a range), the
    province name for a province, a number for NUMBER/PERCENT/MONEY/COUNT (``attrs["unit"]``
    for a count). ``source`` says what found it (``gazetteer``, ``rule``, ``crf`` …).
    """

    start: int
    end: int
    text: str
    label: str
    value: Any = None
    source: str = "rule"
    attrs: dict[str, Any] = field(default_factory=dict)


make_token = fast_constructor(Token)  # (start, end, text, is_space, pos)
_fast_tokenize = compiled("tokenize")  # its make_tokens fills Token objects in C
make_segment = fast_constructor(Segment)  # (start, end, text, kind, section, speaker)
make_entity = fast_constructor(Entity)  # (start, end, text, label, value, source, attrs)


@dataclass(slots=True)
class ThaiDoc:
    """What ``synthesis.thai.analyze`` returns: the normalized text and its spans."""

    text: str
    tokens: Sequence[Token] = field(default_factory=list)  # a TokenList from analyze()
    segments: list[Segment] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    changes: list[Any] = field(default_factory=list)

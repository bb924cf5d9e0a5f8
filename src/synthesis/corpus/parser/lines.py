"""Lines of a text with their character offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # end of the content, before the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` with their offsets.

    >>> [(l.start, l.text) for l in split_lines("ab\\ncd")]
    [(0, 'ab'), (3, 'cd')]
    """
    lines, start = [], 0
    for raw in text.split("\n"):
        lines.append(Line(start, start + len(raw), raw))
        start += len(raw) + 1
    return lines


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start:end`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

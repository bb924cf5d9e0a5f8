"""The registry of page kinds: each kind names how it is recognised and how it is read.

A kind is registered by the module of its family of layouts (``fund_report``, ``forms``,
``listings``, ``news``, ``meeting``, ``interview``), as papermill registers its engines by
name: :func:`register_kind` adds one with its ``order`` (the more specific layouts first),
:func:`kind_of` tries them in that order and returns the first that recognises a page
(``other`` when none does).

>>> [k.name for k in registered_kinds()][:3]
['interview', 'activity_list', 'activity_report']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from synthesis.corpus.parser.fields import Fields, read_fields
from synthesis.corpus.parser.lines import Line, split_lines
from synthesis.corpus.parser.record import ParsedReport

# The fund website's banner (its fund line) and another site's ``name | section`` banner.
_FUND_LINE = re.compile(r"^(?:กองทุนหลักประกันสุขภาพ|กองทุนสุขภาพตำบล|กองทุนฯ)|[ \t]-[ \t]*กปท[ \t]*$")
_SITE_BANNER = re.compile(r"^[^|]{2,60}(?:[ \t]+\|[ \t]+[^|]{2,60}){1,3}$")
HEAD_LINES = 6


@dataclass
class Page:
    """What the kinds look at: the text, its lines, labelled fields and the first content lines."""

    text: str
    lines: list[Line]
    fields: Fields
    reported: list[re.Match] = field(default_factory=list)  # the fund site's "รายงานจากพื้นที่ โดย"
    turns: list = field(default_factory=list)
    banner: Line | None = None  # the site banner or fund line at the top, if any
    head: list[Line] = field(default_factory=list)  # the first content lines after the banner

    def head_matches(self, pattern: re.Pattern[str], lines: int = 3) -> bool:
        """Whether one of the first ``lines`` content lines that are not labelled fields (a
        heading) matches ``pattern``."""
        headings = [line for line in self.head if line.start not in self.fields.label_lines]
        return any(pattern.search(line.stripped) for line in headings[:lines])


def make_page(text: str, reported: list[re.Match], turns: list) -> Page:
    """A :class:`Page` of a normalized, furniture-free text."""
    lines = split_lines(text)
    fields = read_fields(text, lines)
    content = [ln for ln in lines if ln.stripped and not ln.stripped.startswith("#")]
    banner = None
    if content and (is_fund_line(content[0].stripped) or _SITE_BANNER.match(content[0].stripped)) \
            and content[0].start not in fields.label_lines:
        banner, content = content[0], content[1:]
    return Page(text, lines, fields, reported, turns, banner, content[:HEAD_LINES])


def is_site_banner(line: str) -> bool:
    """A site's ``name | section`` banner line.

    >>> is_site_banner("คนใต้สร้างสุข | ระบบติดตามโครงการ"), is_site_banner("| ชื่อโครงการ | ออม |")
    (True, False)
    """
    return bool(_SITE_BANNER.match(line.strip()))


def is_fund_line(line: str) -> bool:
    """A fund's name line (``กองทุนหลักประกันสุขภาพ อบต.แค - กปท``), not a sentence about funds.

    >>> is_fund_line("กองทุนหลักประกันสุขภาพ อบต.แค - กปท"), is_fund_line("กองทุนที่มีโครงการ ปี 2566")
    (True, False)
    """
    return bool(_FUND_LINE.search(line)) and len(line) <= 120


@dataclass(frozen=True)
class PageKind:
    """A kind of page: ``recognise(page)`` says whether a page is one, ``read(report, page)``
    fills the record; ``family`` names the module of its layouts."""

    name: str
    family: str
    order: int
    recognise: Callable[[Page], bool]
    read: Callable[[ParsedReport, Page], None]


_REGISTRY: dict[str, PageKind] = {}


def register_kind(kind: PageKind) -> None:
    """Add ``kind`` to the registry; a kind registered again under its name replaces the old one."""
    _REGISTRY[kind.name] = kind


def registered_kinds() -> list[PageKind]:
    """The registered kinds, in the order they are tried."""
    _load_families()
    return sorted(_REGISTRY.values(), key=lambda k: (k.order, k.name))


def kind_of(page: Page) -> PageKind | None:
    """The first registered kind that recognises ``page`` (None: the page is ``other``)."""
    return next((kind for kind in registered_kinds() if kind.recognise(page)), None)


def _load_families() -> None:
    # importing a family module registers its kinds (in this order)
    from synthesis.corpus.parser import forms, fund_report, interview, listings, meeting, news  # noqa: F401

"""Nothing from the data runs: the one escaping function of the reports, and small builders
of HTML fragments that escape every string they are given.

Corpus text, titles, file names, code and area names, card points and memos come from people
and from saved web pages; a report is e-mailed to funders. Every such string reaches the page
as text: :func:`escape` turns it into a :class:`Safe` fragment (``&lt;script&gt;``), and the
builders below accept either plain strings (escaped) or fragments they or other builders made
(kept). Markup is only ever written by this module's code, never taken from data; Markdown
from data is never rendered (a ``[x](javascript:…)`` stays those characters).

>>> str(escape('<img src=x onerror="alert(1)">'))
'&lt;img src=x onerror=&#34;alert(1)&#34;&gt;'
>>> str(tag("p", "ราคา < ทุน", cls="note"))
'<p class="note">ราคา &lt; ทุน</p>'
>>> str(details("หลักฐาน", tag("p", "<b>")))
'<details><summary>หลักฐาน</summary><p>&lt;b&gt;</p></details>'
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable

import pandas as pd
from markupsafe import Markup as Safe
from markupsafe import escape as _escape

__all__ = ["Safe", "escape", "one_line", "tag", "details", "join", "bullets", "table", "heading",
           "anchor_id", "display"]

EMPTY = "—"

# The tags and attributes this module writes. Names are code, never data: a name outside
# these sets is a programming error, raised at once.
TAGS = frozenset({"p", "div", "span", "b", "i", "em", "strong", "small", "code", "pre", "br",
                  "details", "summary", "ul", "ol", "li", "blockquote", "table", "thead",
                  "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "nav", "a", "section",
                  "mark", "sup", "hr"})
ATTRIBUTES = frozenset({"cls", "id", "href", "title", "open", "lang", "colspan", "style"})
_FRAGMENT_LINK = re.compile(r"#[A-Za-z0-9_-]+")
_ID = re.compile(r"[^A-Za-z0-9_-]+")


def escape(text: Any) -> Safe:
    """``text`` as safe HTML text: ``< > & " '`` escaped; a fragment built here is kept as it
    is; None and NaN become an empty string.

    >>> str(escape("<svg onload=alert(1)>")), str(escape(None)), str(escape(escape("<")))
    ('&lt;svg onload=alert(1)&gt;', '', '&lt;')
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return Safe("")
    if isinstance(text, Safe):
        return text
    return _escape(str(text))


def one_line(text: Any, limit: int | None = None) -> Safe:
    """``text`` escaped on one line: line breaks and runs of spaces become one space (a
    context shown to a reader never carries a raw ``\\n``); cut at ``limit`` characters on a
    space with " …".

    >>> str(one_line("ก\\nข  <ค>"))
    'ก ข &lt;ค&gt;'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return Safe("")
    flat = " ".join(str(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[:limit].rsplit(" ", 1)[0] + " …"
    return escape(flat)


def _attribute(name: str, value: Any) -> str:
    if name not in ATTRIBUTES:
        raise ValueError(f"attribute {name!r} is not one html_safe writes")
    html_name = "class" if name == "cls" else name
    if value is True:
        return f" {html_name}"
    if name == "href" and not _FRAGMENT_LINK.fullmatch(str(value)):
        # only links inside the page: a report is self-contained, and a link from data
        # (``javascript:``) must never become one
        raise ValueError(f"href {value!r}: only links to a place in the page (#id) are written")
    return f' {html_name}="{escape(value)}"'


def tag(name: str, *children: Any, **attributes: Any) -> Safe:
    """One element with escaped children and attributes (``cls`` is ``class``); attributes
    that are None or False are left out.

    >>> str(tag("a", "ไป", href="#card"))
    '<a href="#card">ไป</a>'
    """
    if name not in TAGS:
        raise ValueError(f"tag {name!r} is not one html_safe writes")
    attrs = "".join(_attribute(key, value) for key, value in attributes.items()
                    if value is not None and value is not False)
    if name in ("br", "hr"):
        return Safe(f"<{name}{attrs}>")
    return Safe(f"<{name}{attrs}>{join(children)}</{name}>")


def join(parts: Iterable[Any], separator: Any = "") -> Safe:
    """Fragments and strings one after the other, each escaped unless already a fragment.

    >>> str(join(["<", tag("b", "x")], " "))
    '&lt; <b>x</b>'
    """
    return escape(separator).join(escape(part) for part in parts)


def details(summary: Any, *body: Any, open: bool = False, cls: str | None = None) -> Safe:
    """A collapsible block (``<details>``), closed unless ``open``; works with no script, so
    it stays collapsible in an e-mailed file."""
    return tag("details", tag("summary", summary), *body, open=open, cls=cls)


def bullets(items: Iterable[Any], ordered: bool = False) -> Safe:
    """A list, one ``<li>`` per item (strings escaped, fragments kept)."""
    return tag("ol" if ordered else "ul", *(tag("li", item) for item in items))


def heading(level: int, text: Any, anchor: str | None = None) -> Safe:
    """A heading ``<hN>`` with an optional ``id`` (for a table of contents)."""
    return tag(f"h{level}", text, id=anchor)


def anchor_id(text: str) -> str:
    """A page id made of ASCII letters, digits, ``-`` and ``_`` only.

    >>> anchor_id("songkhla-khae card")
    'songkhla-khae-card'
    """
    return _ID.sub("-", text).strip("-") or "section"


def _cell(value: Any) -> Safe:
    if isinstance(value, Safe):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Safe(EMPTY)
    if isinstance(value, float) and value.is_integer():
        return escape(int(value))
    if isinstance(value, (list, tuple, set)):
        return one_line(", ".join(map(str, value)))
    return escape(value)


def table(data: pd.DataFrame | list[dict], *, empty: str = "ไม่มีข้อมูล (no data)", cls: str | None = None) -> Safe:
    """A table without index from a DataFrame or a list of records (dicts with the same
    keys); every header and cell is escaped unless it is a fragment built here (e.g. a
    ``details`` of evidence; keep such cells in records or an ``object`` column, since
    pandas turns them into plain strings otherwise); empty → a sentence.

    >>> str(table(pd.DataFrame({"ชื่อ": ["<b>"]})))
    '<table><thead><tr><th>ชื่อ</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
    >>> str(table([{"ก": tag("b", "x")}]))
    '<table><thead><tr><th>ก</th></tr></thead><tbody><tr><td><b>x</b></td></tr></tbody></table>'
    """
    if isinstance(data, pd.DataFrame):
        columns = list(data.columns)
        rows = list(data.itertuples(index=False)) if not data.empty else []
    else:
        columns = list(data[0]) if data else []
        rows = [[record.get(c) for c in columns] for record in data]
    if not rows:
        return tag("p", tag("i", empty))
    head = tag("thead", tag("tr", *(tag("th", str(c)) for c in columns)))
    body = (tag("tr", *(tag("td", _cell(v)) for v in row)) for row in rows)
    return tag("table", head, tag("tbody", *body), cls=cls)


def display(fragment: Any) -> None:
    """Show a fragment in the notebook as HTML (strings are escaped first)."""
    from IPython.display import HTML
    from IPython.display import display as ipython_display

    ipython_display(HTML(str(escape(fragment))))

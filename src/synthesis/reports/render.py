"""Executed notebook → self-contained HTML, for researchers (code hidden) or reviewers (shown).

Images are already embedded in the notebook as base64; we embed the Thai font, drop anything
written to stderr, and remove scripts that would load from the network.

Each thread keeps one configured exporter per kind of page (loading nbconvert's templates is
the slow part of making one), and both pages are rendered from the executed notebook in
memory.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.strings import clean_html
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

from synthesis.reports.fonts import CSS_FONT_STACK, font_face_css

_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I)
# Inline scripts that import from a CDN (nbconvert's mermaid loader): useless offline.
_SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.I | re.S)


def _drop_remote_imports(html: str) -> str:
    return _SCRIPT.sub(lambda m: "" if "https://cdn" in m.group(0) else m.group(0), html)

REPORT_CSS = """
body, .jp-RenderedHTMLCommon, .jp-RenderedText pre { font-family: %s; }
.jp-RenderedHTMLCommon { line-height: 1.7; }
.jp-RenderedHTMLCommon table { font-size: 0.9em; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { text-align: left !important; vertical-align: top; }
""" % CSS_FONT_STACK


# Tags that drop a cell: ``remove`` everywhere; ``template-note`` (how to run the template)
# only from the researchers' report, the review copy keeps it.
REPORT_DROP_TAGS = frozenset({"remove", "template-note"})
REVIEW_DROP_TAGS = frozenset({"remove"})


def _is_stderr(output) -> bool:
    return output.get("output_type") == "stream" and output.get("name") == "stderr"


def cleaned(notebook: nbformat.NotebookNode,
            drop_tags: frozenset[str] = REVIEW_DROP_TAGS) -> nbformat.NotebookNode:
    """A copy of ``notebook`` without stderr streams and cells tagged with any of
    ``drop_tags``; the notebook itself is left as it is (outputs are shared, not copied).

    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> cell = new_code_cell("1", outputs=[new_output("stream", name="stderr", text="คำเตือน")])
    >>> nb = new_notebook(cells=[cell])
    >>> len(cleaned(nb).cells[0].outputs), len(nb.cells[0].outputs)
    (0, 1)
    """
    kept = []
    for cell in notebook.cells:
        if drop_tags.intersection(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "code":
            cell = nbformat.NotebookNode(
                {**cell, "outputs": [out for out in cell.get("outputs", []) if not _is_stderr(out)]})
        kept.append(cell)
    return nbformat.NotebookNode({**notebook, "cells": kept})


def clean_notebook(notebook: nbformat.NotebookNode,
                   drop_tags: frozenset[str] = REVIEW_DROP_TAGS) -> nbformat.NotebookNode:
    """Drop stderr streams and cells with any of ``drop_tags`` from a notebook (in place)."""
    notebook.cells = cleaned(notebook, drop_tags).cells
    return notebook


NO_ALT_TEXT = "No description has been provided for this image"
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)")
# Numeric references to non-ASCII characters (Markdown headings come out as ``&#3614;…``):
# written as the characters themselves, as BeautifulSoup's pass used to, so the page's Thai
# reads (and searches) as Thai. Below 128 they may stand for markup and stay as they are.
_NUMERIC_REFERENCE = re.compile(r"&#(?:x([0-9a-fA-F]+)|([0-9]+));")


def _characters(match: re.Match) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return chr(code) if 128 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)


_FOCUSABLE_DIV = re.compile(r'(<div class="[^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*"[^>]*)>')


# What Pygments writes around highlighted code: nothing else may be left for the markup to
# pass as safe without sanitizing it.
_PYGMENTS_MARKUP = re.compile(r'</?span(?: class="[\w -]*")?>|<div class="[\w -]*"><pre>|</pre></div>')


def clean_highlighted_html(element) -> str:
    """nbconvert's ``clean_html`` (bleach), skipped for markup made only of Pygments'
    highlighting spans around escaped text: sanitizing that changes nothing and took a
    third of a review page's render.

    >>> clean_highlighted_html('<div class="highlight"><pre><span class="n">x</span> &lt; 1</pre></div>')
    '<div class="highlight"><pre><span class="n">x</span> &lt; 1</pre></div>'
    >>> clean_highlighted_html('<script>alert(1)</script>')
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    text = element.decode() if isinstance(element, bytes) else str(element)
    if "<" not in _PYGMENTS_MARKUP.sub("", text):
        return text
    return clean_html(text)


class ReportHTMLExporter(HTMLExporter):
    """nbconvert's HTML exporter without its last pass through BeautifulSoup, which parsed
    and re-wrote the whole page (base64 images included) only to add an ``alt`` text to
    images and ``tabindex`` to cells (and, on the way, wrote numeric character references
    as characters): half the cost of a render. The same is done here with regular
    expressions on the template's own markup. Highlighted code is not sanitized again (see
    :func:`clean_highlighted_html`)."""

    def default_filters(self):
        yield from super().default_filters()
        yield ("clean_html", clean_highlighted_html)

    def from_notebook_node(self, nb, resources=None, **kw):
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        self.register_filter("highlight_code", self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        html = _NUMERIC_REFERENCE.sub(_characters, html)
        html = _IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT_TEXT}"', html)
        return _FOCUSABLE_DIV.sub(r'\1 tabindex="0">', html), resources


_exporters = threading.local()


def exporter_for(show_code: bool) -> HTMLExporter:
    """This thread's exporter for the report (``False``) or the review copy (``True``)."""
    cache = _exporters.__dict__.setdefault("by_kind", {})
    if show_code not in cache:
        cache[show_code] = ReportHTMLExporter(
            template_name="lab",
            exclude_input=not show_code,
            exclude_input_prompt=not show_code,
            exclude_output_prompt=True,
            # validate the notebook once, not again after each of nbconvert's preprocessors
            optimistic_validation=True,
        )
    return cache[show_code]


def warm_up() -> None:
    """Load nbconvert and its templates into this thread's exporters (the first render
    otherwise pays for it), e.g. while a kernel starts."""
    from nbformat.v4 import new_markdown_cell, new_notebook

    for show_code in (False, True):
        exporter_for(show_code).from_notebook_node(new_notebook(cells=[new_markdown_cell("ก")]))


def notebook_to_html(notebook_path: Path, html_path: Path, *, show_code: bool) -> Path:
    """Render an executed notebook file to one self-contained HTML file (see :func:`write_html`)."""
    return write_html(nbformat.read(notebook_path, as_version=4), html_path, show_code=show_code)


def write_html(notebook: nbformat.NotebookNode, html_path: Path, *, show_code: bool) -> Path:
    """Render an executed notebook (in memory, left unchanged) to one self-contained HTML file.

    ``show_code=False`` is the researchers' report; ``True`` the academics' review copy,
    with code and the injected parameters visible.
    """
    drop = REVIEW_DROP_TAGS if show_code else REPORT_DROP_TAGS
    body, _ = exporter_for(show_code).from_notebook_node(cleaned(notebook, drop))
    body = _drop_remote_imports(_REMOTE_SCRIPT.sub("", body))
    style = f"<style>{font_face_css()}\n{REPORT_CSS}</style>"
    body = body.replace("</head>", style + "\n</head>", 1)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = html_path.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(html_path)
    return html_path

"""Executed notebook → self-contained HTML, for researchers (code hidden) or reviewers (shown).

Images are already embedded in the notebook as base64; we embed the Thai font, drop anything
written to stderr, and remove scripts that would load from the network.

The page chrome is ours: the page's ``<title>`` (and so the PDF's) is the report's first
heading, not nbconvert's "Notebook"; the CSS prints on A4 (headings kept with what follows,
tables broken between rows, charts whole, the title and page numbers in the footer) and
reads on a 390 px phone (charts at the size of the text, wide tables scrolling with their
first column held); no absolute path of this machine reaches a page (parameters are written
relative to the project), and the review copy shows the parameters in effect only.

Each thread keeps one configured exporter per kind of page (loading nbconvert's templates is
the slow part of making one), and both pages are rendered from the executed notebook in
memory.
"""

from __future__ import annotations

import html as html_module
import os
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
.table-scroll { overflow-x: auto; max-width: 100%%; }
/* a wide table scrolls inside its output; its first column (what each row is) stays in view */
.jp-OutputArea-output { overflow-x: auto; }
.jp-OutputArea-output table th:first-child, .jp-OutputArea-output table td:first-child {
  position: sticky; left: 0; z-index: 1; background: var(--jp-layout-color0, #fff); }
.jp-OutputArea-output table tbody tr:nth-child(odd) td:first-child {
  background: var(--jp-rendermime-table-row-background, #f5f5f5); }
.no-data { color: #555; }
@media screen and (max-width: 700px) {
  body { padding: 0 8px !important; }
  .jp-Cell, .jp-Notebook { padding: 0 !important; }
  /* charts at their own size (their text as big as the page's), scrolled sideways */
  .jp-OutputArea-output:has(> img) { overflow-x: auto; }
  .jp-OutputArea-output > img { max-width: none !important; width: auto; height: auto; }
  .jp-RenderedHTMLCommon table { font-size: 0.85em; }
}
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-left { content: "%%(footer)s"; font-family: %s; font-size: 8pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-family: %s; font-size: 8pt; color: #555; } }
@media print {
  body { padding: 0 !important; }
  .jp-OutputArea-child { break-inside: auto !important; }
  h1, h2, h3, h4, h5 { break-after: avoid-page; break-inside: avoid; }
  .jp-MarkdownCell:has(h1, h2, h3, h4, h5) { break-after: avoid-page; }
  p:has(> b:only-child), p:has(> strong:only-child) { break-after: avoid-page; }  /* a bold label is a heading */
  tr, img, figure, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  img { max-width: 100%% !important; height: auto; }
  .table-scroll { overflow: visible; }
  /* every table fits the page width: long words may wrap anywhere, the text gets smaller */
  .jp-RenderedHTMLCommon table { width: 100%% !important; max-width: 100%%; font-size: 7.5pt; }
  .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { overflow-wrap: anywhere; padding: 2px 4px; }
  .jp-OutputArea-output { overflow: visible !important; }
  .jp-OutputArea-output table th:first-child, .jp-OutputArea-output table td:first-child { position: static; }
  details { display: block; }
  a { color: inherit; text-decoration: none; }
}
""" % (CSS_FONT_STACK, CSS_FONT_STACK, CSS_FONT_STACK)


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


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title>.*?</title>", re.S | re.I)
DEFAULT_TITLE = "รายงานสังเคราะห์บทเรียน (synthesis report)"


def page_title(body: str) -> str:
    """The report's title: the text of its first ``<h1>`` (nbconvert's ``¶`` anchor left
    out), or a general title when it has none.

    >>> page_title('<h1 id="x">พื้นที่ต้นแบบ &amp; ยาง<a class="anchor-link" href="#x">¶</a></h1>')
    'พื้นที่ต้นแบบ & ยาง'
    """
    for match in _H1.finditer(body):
        text = " ".join(html_module.unescape(_TAG.sub("", match.group(1))).replace("¶", "").split())
        if text:
            return text
    return DEFAULT_TITLE


_MARKDOWN_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
REVIEW_SUFFIX = " · ฉบับตรวจทาน (review)"


def report_title(notebook: nbformat.NotebookNode) -> str:
    """The title of the report a notebook makes: its first level-1 heading, in a Markdown
    cell or an HTML output, among the cells the researchers' report shows (a template's
    how-to-run note is not the report).

    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> note = new_markdown_cell("# วิธีใช้แม่แบบ"); note.metadata["tags"] = ["template-note"]
    >>> report_title(new_notebook(cells=[note, new_markdown_cell("# รายงาน **ตำบลแค**")]))
    'รายงาน ตำบลแค'
    """
    for cell in cleaned(notebook, REPORT_DROP_TAGS).cells:
        if cell.cell_type == "markdown":
            match = _MARKDOWN_H1.search("".join(cell.source))
            if match:
                return " ".join(re.sub(r"[*_`]", "", match.group(1)).split())
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html")
            if markup:
                title = page_title("".join(markup))
                if title != DEFAULT_TITLE:
                    return title
    return DEFAULT_TITLE


def css_string(text: str) -> str:
    """``text`` inside a CSS string literal: quotes and backslashes escaped, and ``<`` too,
    so a title can never close the ``<style>`` element.

    >>> print(css_string('ยาง "ดี" </style> จบ'))
    ยาง \\22 ดี\\22  \\3c /style\\3e  จบ
    """
    return "".join(f"\\{ord(c):x} " if c in '"\\<>' or ord(c) < 32 else c for c in text)


def _with_chrome(body: str, title: str) -> str:
    """The page with its title, viewport and our CSS."""
    css = REPORT_CSS.replace("%(footer)s", css_string(title))
    head = (f"<title>{html_module.escape(title)}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<style>{font_face_css()}\n{css}</style>\n")
    if _TITLE.search(body):
        body = _TITLE.sub(lambda _: "", body, count=1)
    return body.replace("</head>", head + "</head>", 1)


# -- paths: a report never shows where this machine keeps things --------------------------

_TEXT_KEYS = ("text/plain", "text/html", "text/markdown", "text/latex")


def path_rewrites(parameters: dict | None = None, root: Path | None = None) -> list[tuple[str, str]]:
    """(absolute, shown) pairs, longest first: the project folder becomes relative, an
    absolute parameter outside it shows as ``…/<name>``, the home folder as ``~``.

    >>> path_rewrites({"corpus_dir": "/data/corpora/demo"}, Path("/srv/project"))[:2]
    [('/data/corpora/demo', '…/demo'), ('/srv/project/', '')]
    """
    from synthesis.paths import project_root

    root = root or project_root()
    pairs: dict[str, str] = {}
    for folder in {str(root), os.path.realpath(root)}:
        pairs[folder.rstrip("/") + "/"] = ""
        pairs[folder.rstrip("/")] = "."
    for value in (parameters or {}).values():
        if isinstance(value, str) and os.path.isabs(value) and len(value) > 1:
            inside = any(value.startswith(folder) for folder in pairs if folder.endswith("/"))
            if not inside:
                pairs[value.rstrip("/")] = "…/" + Path(value).name
    home = str(Path.home())
    if home not in ("/", "") and home not in pairs:
        pairs[home.rstrip("/") + "/"] = "~/"
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


def without_paths(text: str, rewrites: list[tuple[str, str]]) -> str:
    """``text`` with every absolute path of ``rewrites`` replaced.

    >>> without_paths('corpus_dir = "/srv/project/corpora/demo"', [("/srv/project/", "")])
    'corpus_dir = "corpora/demo"'
    """
    for absolute, shown in rewrites:
        if absolute in text:
            text = text.replace(absolute, shown)
    return text


def _output_without_paths(output, rewrites):
    changed = dict(output)
    if "text" in output:
        changed["text"] = without_paths("".join(output["text"]), rewrites)
    if "data" in output:
        changed["data"] = {key: (without_paths("".join(value), rewrites)
                                 if key in _TEXT_KEYS and isinstance(value, (str, list)) else value)
                           for key, value in output["data"].items()}
    if "traceback" in output:
        changed["traceback"] = [without_paths(line, rewrites) for line in output["traceback"]]
    return nbformat.NotebookNode(changed)


def for_readers(notebook: nbformat.NotebookNode, root: Path | None = None) -> nbformat.NotebookNode:
    """A copy of an executed notebook fit to show: absolute paths of this machine written
    relative to the project (see :func:`path_rewrites`), and the template's own
    ``parameters`` cell left out when papermill injected the parameters in effect (the
    defaults above them would only mislead). The notebook itself is left as it is.
    """
    injected = any("injected-parameters" in cell.get("metadata", {}).get("tags", [])
                   for cell in notebook.cells)
    parameters = notebook.get("metadata", {}).get("papermill", {}).get("parameters", {})
    rewrites = path_rewrites(parameters, root)
    cells = []
    for cell in notebook.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if injected and "parameters" in tags and "injected-parameters" not in tags:
            continue
        changed = {**cell, "source": without_paths("".join(cell.get("source", "")), rewrites)}
        if cell.get("outputs"):
            changed["outputs"] = [_output_without_paths(output, rewrites) for output in cell["outputs"]]
        cells.append(nbformat.NotebookNode(changed))
    metadata = {key: value for key, value in notebook.get("metadata", {}).items() if key != "papermill"}
    return nbformat.NotebookNode({**notebook, "cells": cells, "metadata": nbformat.NotebookNode(metadata)})


def write_html(notebook: nbformat.NotebookNode, html_path: Path, *, show_code: bool) -> Path:
    """Render an executed notebook (in memory, left unchanged) to one self-contained HTML file.

    ``show_code=False`` is the researchers' report; ``True`` the academics' review copy,
    with code and the parameters in effect visible. Both are titled with the report's title.
    """
    drop = REVIEW_DROP_TAGS if show_code else REPORT_DROP_TAGS
    body, _ = exporter_for(show_code).from_notebook_node(for_readers(cleaned(notebook, drop)))
    title = report_title(notebook) + (REVIEW_SUFFIX if show_code else "")
    body = _with_chrome(_drop_remote_imports(_REMOTE_SCRIPT.sub("", body)), title)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = html_path.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(html_path)
    return html_path

"""Executed notebook → self-contained HTML, for researchers (code hidden) or reviewers (shown).

Images are already embedded in the notebook as base64; we embed the Thai font, drop anything
written to stderr, and remove scripts that would load from the network.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

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


def clean_notebook(notebook: nbformat.NotebookNode,
                   drop_tags: frozenset[str] = REVIEW_DROP_TAGS) -> nbformat.NotebookNode:
    """Drop stderr streams and cells with any of ``drop_tags`` from a notebook (in place)."""
    kept = []
    for cell in notebook.cells:
        if drop_tags.intersection(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "code":
            cell.outputs = [
                out for out in cell.get("outputs", [])
                if not (out.get("output_type") == "stream" and out.get("name") == "stderr")
            ]
        kept.append(cell)
    notebook.cells = kept
    return notebook


def notebook_to_html(notebook_path: Path, html_path: Path, *, show_code: bool) -> Path:
    """Render an executed notebook to one self-contained HTML file.

    ``show_code=False`` is the researchers' report; ``True`` the academics' review copy,
    with code and the injected parameters visible.
    """
    from nbconvert import HTMLExporter

    drop = REVIEW_DROP_TAGS if show_code else REPORT_DROP_TAGS
    notebook = clean_notebook(nbformat.read(notebook_path, as_version=4), drop)
    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=not show_code,
        exclude_input_prompt=not show_code,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(notebook)
    body = _drop_remote_imports(_REMOTE_SCRIPT.sub("", body))
    style = f"<style>{font_face_css()}\n{REPORT_CSS}</style>"
    body = body.replace("</head>", style + "\n</head>", 1)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = html_path.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(html_path)
    return html_path

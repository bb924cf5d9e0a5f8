"""HTML of the open document: each segment cut into pieces highlighted in code colours.

Each piece is a ``<span>`` carrying its offsets (``data-start``/``data-end``) so that the
browser can turn a text selection back into offsets of the normalized text. The text is
HTML-escaped and shown with ``white-space: pre-wrap``, so what is on screen is exactly
``text[start:end]``.

>>> html = piece_html("เก่า<b>", 0, ("fund",), {"fund": "#1f77b4"}, {"fund": "กองทุน"})
>>> "เก่า&lt;b&gt;" in html, 'data-start="0"' in html, "#1f77b455" in html
(True, True, True)
"""

from __future__ import annotations

from html import escape
from typing import Mapping

from synthesis.panel.spans import highlight_pieces
from synthesis.panel.state import PanelState

ALPHA = "55"  # translucent highlight, so the Thai marks above and below stay readable


def background(colours: list[str]) -> str:
    """A CSS background: one colour, or equal horizontal bands when several codes overlap.

    >>> background(["#ff0000"])
    'background:#ff000055'
    >>> background(["#ff0000", "#00ff00"])
    'background:linear-gradient(to bottom,#ff000055 0% 50%,#00ff0055 50% 100%)'
    """
    if not colours:
        return ""
    if len(colours) == 1:
        return f"background:{colours[0]}{ALPHA}"
    step = 100 / len(colours)
    bands = ",".join(f"{c}{ALPHA} {i * step:g}% {(i + 1) * step:g}%" for i, c in enumerate(colours))
    return f"background:linear-gradient(to bottom,{bands})"


def piece_html(text: str, start: int, code_ids: tuple[str, ...], colours: Mapping[str, str],
               names: Mapping[str, str]) -> str:
    """One highlighted run of text, ``start`` being its offset in the document."""
    style = background([colours.get(code, "#999999") for code in code_ids])
    title = " · ".join(names.get(code, code) for code in code_ids)
    attributes = f'class="syn-piece{" syn-coded" if code_ids else ""}" data-start="{start}" data-end="{start + len(text)}"'
    if code_ids:
        attributes += f' data-codes="{escape(" ".join(code_ids))}" title="{escape(title)}" style="{style}"'
    return f"<span {attributes}>{escape(text, quote=False)}</span>"


SELECTED = "\x00selection"  # a pseudo code marking the selection among the pieces


def segment_html(state: PanelState, index: int) -> str:
    """The inner HTML of one segment of the open document: codings highlighted, the
    selection (if it lies in this segment) wrapped in ``<mark class="syn-selection">``."""
    doc = state.doc
    segment = doc.segments[index]
    spans = [(c.start, c.end, c.code_id) for c in state.codings_in(segment.start, segment.end)]
    if state.selection and segment.start <= state.selection[0] < segment.end:
        spans.append((*state.selection, SELECTED))
    colours = {code.id: code.colour for code in state.codebook}
    names = {code.id: code.name_th for code in state.codebook}
    parts = []
    for piece in highlight_pieces(doc.text, segment.start, segment.end, spans):
        codes = tuple(code for code in piece.code_ids if code != SELECTED)
        html = piece_html(doc.text[piece.start:piece.end], piece.start, codes, colours, names)
        parts.append(f'<mark class="syn-selection">{html}</mark>' if SELECTED in piece.code_ids else html)
    return "".join(parts)


def segments_payload(state: PanelState) -> list[dict]:
    """What the document view draws: per segment its HTML, codes and open suggestions."""
    doc = state.doc
    if doc is None:
        return []
    suggested: dict[int, int] = {}
    for suggestion in state.suggestions():
        index = state.segment_of(suggestion.start)
        if index is not None:
            suggested[index] = suggested.get(index, 0) + 1
    payload = []
    for segment in doc.segments:
        codes = sorted({c.code_id for c in state.codings_in(segment.start, segment.end)})
        payload.append({
            "index": segment.index, "start": segment.start, "end": segment.end, "kind": segment.kind,
            "speaker": segment.speaker or "", "html": segment_html(state, segment.index),
            "codes": codes, "suggestions": suggested.get(segment.index, 0),
        })
    return payload

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

from synthesis.reports.html_safe import escape  # the one escaping function (nothing from the data runs)
from typing import Iterable, Mapping

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
    return f"<span {attributes}>{escape(text)}</span>"


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


def stripe_lanes(spans: list[tuple[int, int]]) -> list[int]:
    """A lane for each span so that overlapping spans never share one (first free lane).

    >>> stripe_lanes([(0, 10), (2, 5), (6, 9), (12, 14)])
    [0, 1, 1, 0]
    """
    ends: list[int] = []  # the end of the last span in each lane
    lanes = []
    for start, end in spans:
        lane = next((i for i, last in enumerate(ends) if last <= start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        lanes.append(lane)
    return lanes


def segment_stripes(state: PanelState, index: int) -> list[dict]:
    """The margin stripes of one segment: one per coding, in the code's colour, placed along
    the segment by its offsets, overlapping codings in lanes side by side. Text (the code's
    name, memo) goes to the browser as data and is shown as text (a ``title``), never as HTML."""
    segment = state.doc.segments[index]
    length = max(1, segment.end - segment.start)
    codings = sorted(state.codings_in(segment.start, segment.end), key=lambda c: (c.start, -c.end))
    lanes = stripe_lanes([(c.start, c.end) for c in codings])
    stripes = []
    for coding, lane in zip(codings, lanes):
        start, end = max(coding.start, segment.start), min(coding.end, segment.end)
        top = 100 * (start - segment.start) / length
        height = max(100 * (end - start) / length, 6)
        label = state.codebook.label(coding.code_id) + (f" · {coding.memo}" if coding.memo else "")
        stripes.append({"colour": state.colour(coding.code_id), "lane": lane, "top": round(min(top, 94), 2),
                        "height": round(min(height, 100 - min(top, 94)), 2), "title": label,
                        "code": coding.code_id})
    return stripes


def segment_payload(state: PanelState, index: int, suggested: dict[int, int]) -> dict:
    segment = state.doc.segments[index]
    codes = sorted({c.code_id for c in state.codings_in(segment.start, segment.end)})
    return {"index": segment.index, "start": segment.start, "end": segment.end, "kind": segment.kind,
            "speaker": segment.speaker or "", "html": segment_html(state, segment.index),
            "codes": codes, "suggestions": suggested.get(segment.index, 0),
            "stripes": segment_stripes(state, segment.index), "differs": segment.index in state.differing}


def suggestion_counts(state: PanelState) -> dict[int, int]:
    """Open suggestions per segment of the open document."""
    suggested: dict[int, int] = {}
    for suggestion in state.suggestions():
        index = state.segment_of(suggestion.start)
        if index is not None:
            suggested[index] = suggested.get(index, 0) + 1
    return suggested


def segments_payload(state: PanelState, indexes: Iterable[int] | None = None) -> list[dict]:
    """What the document view draws: per segment its HTML, codes, stripes and open
    suggestions; all segments, or only ``indexes`` (an update after an action)."""
    doc = state.doc
    if doc is None:
        return []
    suggested = suggestion_counts(state)
    chosen = range(len(doc.segments)) if indexes is None else sorted(i for i in set(indexes) if 0 <= i < len(doc.segments))
    return [segment_payload(state, index, suggested) for index in chosen]

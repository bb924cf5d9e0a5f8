"""The coding panel: code Thai texts in JupyterLab or a Voilà page, one call.

>>> from synthesis.panel import coding_panel          # doctest: +SKIP
>>> coding_panel(coder="coder_a", collection="demo")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs

from synthesis.panel.sources import DocInfo, DocumentSource, PanelDocument, PanelSegment, StoreSource, open_source
from synthesis.panel.state import ListSource, PanelState, TreeRow
from synthesis.panel.suggestions import SimilarSuggester, Suggestion, make_suggester


def coding_panel(coder: str | None = None, collection: str = "demo", root: str | Path | None = None,
                 open_doc: str | None = None):
    """Build the coding panel for ``coder`` on ``collection`` and return it (a widget).

    There is no default coder: without a name (``coder`` empty and no ``?coder=`` in the page
    address) the panel first asks who is coding; a name that cannot be used is explained in
    Thai there, never as a traceback. Names are compared ignoring case (``Coder_C`` is
    ``coder_c``). ``root`` is the project folder (default: ``SYNTHESIS_HOME`` or the nearest
    project); codings go to ``<root>/lessons/codings/<coder>.jsonl``, new codes to
    ``<root>/lessons/codebook.yaml``. ``open_doc`` opens that document at once. Served by
    Voilà, ``?coder=…&collection=…`` in the page address overrides both (see
    :func:`address_overrides`).
    """
    from synthesis.panel.widgets import CoderPrompt, CodingPanel
    from synthesis.paths import lessons_dir, project_root

    coder, collection = address_overrides(coder or "", collection)
    root = Path(root) if root else project_root()

    def start(name: str):
        try:
            source = open_source(collection, root)
        except (FileNotFoundError, KeyError, ValueError, OSError) as error:
            raise ValueError(f"เปิดชุดเอกสาร {collection!r} ไม่ได้ (cannot open the collection): {error}") from error
        state = PanelState(source, lessons_dir(root), name)
        panel = CodingPanel(state, title=f"{collection}")
        if open_doc:
            panel.open_document(open_doc)
        return panel

    if not coder.strip():
        return CoderPrompt(start)
    try:
        return start(coder)
    except (ValueError, KeyError, OSError) as error:
        return CoderPrompt(start, str(error))


def address_overrides(coder: str, collection: str, query: str | None = None) -> tuple[str, str]:
    """``coder`` and ``collection`` from the page address when Voilà serves the panel.

    Voilà hands the kernel the address's query string as ``QUERY_STRING``; outside Voilà
    there is none and the values given stay.

    >>> address_overrides("coder_a", "demo", "coder=coder_b")
    ('coder_b', 'demo')
    >>> address_overrides("coder_a", "demo", "")
    ('coder_a', 'demo')
    """
    fields = parse_qs(os.environ.get("QUERY_STRING", "") if query is None else query)
    return fields.get("coder", [coder])[0], fields.get("collection", [collection])[0]
    # parse_qs drops an empty value, so "?coder=" leaves the given coder: the caller asks when it is empty


__all__ = ["DocInfo", "DocumentSource", "ListSource", "PanelDocument", "PanelSegment", "PanelState",
           "SimilarSuggester", "StoreSource", "Suggestion", "TreeRow", "address_overrides", "coding_panel", "make_suggester", "open_source"]

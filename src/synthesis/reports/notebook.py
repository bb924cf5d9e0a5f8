"""What a report notebook calls first: quiet, Thai-ready set-up and the report's context.

Notebooks stay thin: they call ``area_context`` once and then the section functions of
``synthesis.reports.sections``, explaining in Markdown what each shows.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from synthesis.reports.fonts import use_thai_font


def setup() -> None:
    """Thai font for charts shown as embedded PNG, no warnings or log noise in the report,
    readable tables."""
    warnings.filterwarnings("ignore")
    logging.getLogger().setLevel(logging.ERROR)
    use_thai_font()
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to display into
        return
    shell = get_ipython()
    if shell is not None:
        # A Figure made without pyplot is only drawn as an image once inline support is on;
        # without it the report shows "<Figure size ...>" instead of the chart.
        shell.run_line_magic("matplotlib", "inline")
        from matplotlib.figure import Figure

        from synthesis.reports.plotting import figure_png

        shell.display_formatter.formatters["image/png"].for_type(Figure, figure_png)
    pd.set_option("display.max_colwidth", 200)
    pd.set_option("display.max_rows", 200)


def documents_in_area(areas: pd.Series, area_id: str) -> numpy.ndarray:
    """For each document's list of area ids: is ``area_id`` one of them? (Vectorised in
    Arrow: a Python test per document would make every report cost more as the archive grows.)

    >>> documents_in_area(pd.Series([["a", "b"], [], ["b"]]), "b").tolist()
    [True, False, True]
    """
    lists = pa.array(areas, type=pa.list_(pa.string()))
    hits = pc.equal(pc.list_flatten(lists), area_id).fill_null(False)
    inside = numpy.zeros(len(lists), dtype=bool)
    inside[pc.filter(pc.list_parent_indices(lists), hits).to_numpy()] = True
    return inside


@dataclass
class ReportContext:
    """Everything a report reads, loaded once from the store and ``lessons/``."""

    collection: str
    parameters: dict[str, Any]
    store: Any
    areas: list[Any]
    documents: pd.DataFrame  # the collection's documents within the date range
    area: Any | None = None  # the Area of an area report, None for collection-wide reports
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def area_documents(self) -> pd.DataFrame:
        """Documents attributed to this report's area (all documents if no area); worked
        out once per area and documents table."""
        if self.area is None:
            return self.documents
        made_from = self.extras.get("area_documents_of")
        if made_from is None or made_from[0] is not self.documents or made_from[1] != self.area.id:
            mask = documents_in_area(self.documents["areas"], self.area.id)
            self.extras["area_documents"] = self.documents[mask]
            self.extras["area_documents_of"] = (self.documents, self.area.id)
        return self.extras["area_documents"]

    def area_by_id(self, area_id: str) -> Any:
        return next(area for area in self.areas if area.id == area_id)


def load_context(collection: str, work_dir: str, *, area: str | None = None,
                 date_from: str = "", date_to: str = "", **parameters: Any) -> ReportContext:
    """Open the store of ``collection`` and select the documents of the date range.

    When the store is missing but ``corpus_dir`` (a parameter) exists, the corpus is ingested
    first, so the notebook also runs on its own (``papermill notebooks/area_report.ipynb …``).
    Raises a clear error when neither exists or the area is unknown.
    """
    from synthesis.corpus import open_store
    from synthesis.paths import lessons_dir
    from synthesis.paths import work_dir as default_work_dir
    from synthesis.reports import inputs

    folder = Path(work_dir) if work_dir else default_work_dir(collection)
    corpus = Path(parameters.get("corpus_dir") or "")
    if not (folder / "manifest.json").is_file() and str(corpus) not in ("", ".") and corpus.is_dir():
        from synthesis.corpus import ingest

        ingest(corpus, work_dir=folder, progress=False)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"no store for collection {collection!r} at {folder}: run `synthesis ingest` first")
    store = open_store(folder)
    # the same for every report of a run: kept by the kernel while the files are unchanged
    areas = inputs.areas(lessons_dir() / "areas.yaml")
    documents = inputs.documents(store, date_from or None, date_to or None)
    context = ReportContext(collection, {"area": area, "date_from": date_from,
                                         "date_to": date_to, **parameters},
                            store, areas, documents)
    # what the review copy lists as read (see ``synthesis.reports.review``)
    context.extras["reads"] = [("store: documents (without texts)",
                                f"date {date_from or '…'} – {date_to or '…'}", len(documents)),
                               ("lessons/areas.yaml", "every pilot area", len(areas))]
    if area is not None:
        known = {a.id for a in areas}
        if area not in known:
            raise ValueError(f"unknown area {area!r}; lessons/areas.yaml has {sorted(known)}")
        context.area = context.area_by_id(area)
    return context


def show(frame: pd.DataFrame) -> None:
    """Display a table without its index, numbers formatted, "ไม่มีข้อมูล" when it is empty
    (``synthesis.reports.display``)."""
    from synthesis.reports import display

    display.show(frame)

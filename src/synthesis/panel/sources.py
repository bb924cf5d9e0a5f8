"""Where the coding panel gets its documents: the corpus store, or a corpus folder read directly.

The panel needs, per document, its metadata (for the list and its filters), its normalized
text, its reading units (segments that do not overlap) and its tokens (for snapping a
selection). A source gives these as small records, so the panel logic never cares where they
come from: :class:`StoreSource` reads the Parquet store built by ``synthesis ingest``
(``work/<collection>``); ``synthesis.panel.state.ListSource`` holds documents in memory.

>>> seg = PanelSegment(0, 0, 6, "paragraph")
>>> PanelDocument(DocInfo("d", "ชื่อ"), "กองทุน", [seg], [(0, 6)]).segment_text(0)
'กองทุน'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class DocInfo:
    """What the document list shows and filters on."""

    doc_id: str
    title: str
    date: str | None = None
    kind: str = "other"
    areas: tuple[str, ...] = ()
    sha256: str = ""


@dataclass(frozen=True)
class PanelSegment:
    """A segment of a document: ``text[start:end]``; ``index`` is its place in the document."""

    index: int
    start: int
    end: int
    kind: str = "paragraph"
    section: str | None = None
    speaker: str | None = None
    seg_id: str | None = None


@dataclass
class PanelDocument:
    """One document ready for coding: text, segments in order, and token spans ``(start, end)``."""

    info: DocInfo
    text: str
    segments: list[PanelSegment] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.info.doc_id

    @property
    def sha256(self) -> str:
        return self.info.sha256 or text_sha256(self.text)

    def segment_text(self, index: int) -> str:
        segment = self.segments[index]
        return self.text[segment.start:segment.end]


class DocumentSource(Protocol):
    """Anything that lists documents and loads one (see the two sources below)."""

    def list_documents(self) -> list[DocInfo]: ...

    def load(self, doc_id: str) -> PanelDocument: ...

    def coding_documents(self, doc_ids: list[str]) -> list:
        """Full documents (every segment, sentences too) as ``synthesis.coding.rules.CodingDocument``."""
        ...


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """A pandas/pyarrow cell as a plain Python value (NaN and NA become ``None``)."""
    if value is None:
        return None
    try:
        import pandas as pd

        if not hasattr(value, "__len__") and pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _areas(value: Any) -> tuple[str, ...]:
    value = _plain(value)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.replace(";", ",").split(",") if part.strip())
    return tuple(str(part) for part in value)


def _date(value: Any) -> str | None:
    value = _plain(value)
    if value is None or value == "":
        return None
    return str(value)[:10]


# --- the corpus store ----------------------------------------------------------------------------
class StoreSource:
    """Documents from the corpus store (``synthesis.corpus.open_store(work_dir)``)."""

    def __init__(self, store):
        self.store = store
        self._frame = None
        self._infos: dict[str, DocInfo] | None = None
        self._loaded: dict[str, PanelDocument] = {}

    def _documents(self):
        if self._frame is None:
            self._frame = self.store.documents()
        return self._frame

    def list_documents(self) -> list[DocInfo]:
        if self._infos is None:
            self._infos = {
                str(row["doc_id"]): DocInfo(
                    str(row["doc_id"]), str(_plain(row.get("title")) or row["doc_id"]), _date(row.get("date")),
                    str(_plain(row.get("kind")) or "other"), _areas(row.get("areas")), str(_plain(row.get("sha256")) or ""))
                for row in self._documents().to_dict("records")}
        return list(self._infos.values())

    def _table(self, name: str, doc_ids: list[str]):
        try:
            frame = self.store.table(name, doc_ids=doc_ids)
        except TypeError:  # a store whose table() takes no filter
            frame = self.store.table(name)
        return frame[frame["doc_id"].isin(doc_ids)]

    def load(self, doc_id: str) -> PanelDocument:
        return self.load_many([doc_id])[0]

    def load_many(self, doc_ids: list[str]) -> list[PanelDocument]:
        """Several documents with one read of each table (the store reads by row filters)."""
        missing = [d for d in dict.fromkeys(doc_ids) if d not in self._loaded]
        if missing:
            self.list_documents()
            unknown = [d for d in missing if d not in self._infos]
            if unknown:
                raise KeyError(f"no document {unknown[0]!r} in the store")
            frame = self._documents()
            texts = dict(zip(frame["doc_id"], frame["text"]))
            segments = {k: g for k, g in self._table("segments", missing).groupby("doc_id")}
            tokens = {k: g.sort_values("start") for k, g in self._table("tokens", missing).groupby("doc_id")}
            for doc_id in missing:
                units = reading_units(
                    (int(s["start"]), int(s["end"]), str(_plain(s.get("kind")) or "paragraph"),
                     _plain(s.get("section")), _plain(s.get("speaker")), _plain(s.get("seg_id")))
                    for s in (segments[doc_id].to_dict("records") if doc_id in segments else []))
                words = tokens.get(doc_id)
                spans = [] if words is None else [(int(a), int(b)) for a, b in zip(words["start"], words["end"])]
                if len(self._loaded) >= 256:  # a bounded cache: coders go back and forth between a few
                    self._loaded.pop(next(iter(self._loaded)))
                self._loaded[doc_id] = PanelDocument(self._infos[doc_id], texts[doc_id], units, spans)
        return [self._loaded[d] for d in doc_ids]

    def coding_documents(self, doc_ids: list[str]) -> list:
        from synthesis.coding.rules import documents_from_tables

        documents = self._documents()
        return documents_from_tables(documents[documents["doc_id"].isin(doc_ids)],
                                     self.store.table("segments", doc_ids=doc_ids),
                                     self.store.table("tokens", doc_ids=doc_ids))


def reading_units(segments) -> list[PanelSegment]:
    """The segments a coder steps through: headings, paragraphs, list items and speaker
    turns, without sentences (they lie inside those), duplicates or overlaps.

    ``segments`` are ``(start, end, kind, section, speaker, seg_id)``; a text segmented only
    into sentences keeps its sentences. Where two overlap, the earlier (then longer) one stays.

    >>> [(u.start, u.end, u.kind) for u in reading_units([
    ...     (0, 9, "paragraph", None, None, 1), (0, 4, "sentence", None, None, 2),
    ...     (10, 20, "turn", None, "ป", 3), (10, 20, "turn", None, "ป", 4)])]
    [(0, 9, 'paragraph'), (10, 20, 'turn')]
    """
    rows = sorted(set(segments), key=lambda s: (s[0], -s[1], str(s[5])))
    if any(row[2] != "sentence" for row in rows):
        rows = [row for row in rows if row[2] != "sentence"]
    units: list[PanelSegment] = []
    for start, end, kind, section, speaker, seg_id in rows:
        if end <= start or (units and start < units[-1].end):
            continue
        units.append(PanelSegment(len(units), start, end, kind, section, speaker,
                                  None if seg_id is None else str(seg_id)))
    return units


def open_source(collection: str = "demo", root: Path | None = None) -> DocumentSource:
    """The store of ``collection`` (``work/<collection>``), ingesting ``corpora/<collection>``
    first when it has no store yet.

    Raises ``FileNotFoundError`` naming both places when neither exists.
    """
    from synthesis.corpus import ingest, open_store
    from synthesis.paths import lessons_dir, project_root, safe_name, work_dir

    root = Path(root) if root else project_root()
    store_dir = work_dir(collection, root)
    corpus = root / "corpora" / safe_name(collection)
    if not (store_dir / "manifest.json").is_file():
        if not corpus.is_dir():
            raise FileNotFoundError(f"collection {collection!r}: no store in {store_dir} "
                                    f"and no corpus folder {corpus}")
        ingest(corpus, store_dir, areas_path=lessons_dir(root) / "areas.yaml", progress=False)
    return StoreSource(open_store(store_dir))

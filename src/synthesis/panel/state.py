"""What the coding panel knows and does, without any widget: the logic the UI only shows.

A :class:`PanelState` holds one coder's session on one collection: the document list and
its filters, the open document, the current segment, a selection snapped to whole tokens,
and the actions (apply, toggle, remove, memo, accept or reject a suggestion, add a code).
Every action is written at once through the coding engine (``CodingStore`` writes
atomically; the codebook is validated, then written atomically), so closing the browser
loses nothing.

>>> import tempfile, pathlib
>>> from synthesis.panel.sources import DocInfo, PanelDocument, PanelSegment
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> _ = (home / "codebook.yaml").write_text(
...     'codes:\\n  - {id: fund, name_th: กองทุน, name_en: Fund, colour: "#1f77b4"}\\n', encoding="utf-8")
>>> doc = PanelDocument(DocInfo("d", "บันทึก"), "ตั้งกองทุน", [PanelSegment(0, 0, 10)], [(0, 4), (4, 10)])
>>> state = PanelState(ListSource([doc]), home, "coder_a")
>>> state.open("d")
>>> state.toggle_number(1)[0], [c.quote for c in state.doc_codings()]
('added', ['ตั้งกองทุน'])
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from synthesis.coding import Code, Codebook, CodebookError, Coding, CodingStore, load_codebook, new_coding, save_codebook
from synthesis.coding.codebook import atomic_write_text
from synthesis.coding.codings import check_coder_name
from synthesis.panel.sources import DocInfo, DocumentSource, PanelDocument, PanelSegment
from synthesis.panel.spans import snap_to_tokens
from synthesis.panel.suggestions import SimilarSuggester, Suggester, Suggestion, make_suggester

STATUSES = ("all", "coded", "uncoded")
HOTKEYS = 9


@dataclass(frozen=True)
class TreeRow:
    """One line of the codebook tree: the code, its depth, its hot key (1–9 or None) and
    how many of the coder's codings use it (``own``) or it and the codes below it (``total``)."""

    code: Code
    depth: int
    number: int | None
    own: int
    total: int


class ListSource:
    """A document source over documents already in memory (tests, notebooks)."""

    def __init__(self, documents: list[PanelDocument]):
        self.documents = {doc.doc_id: doc for doc in documents}

    def list_documents(self) -> list[DocInfo]:
        return [doc.info for doc in self.documents.values()]

    def load(self, doc_id: str) -> PanelDocument:
        return self.documents[doc_id]

    def coding_documents(self, doc_ids: list[str]):
        from synthesis.panel.suggestions import coding_document

        return [coding_document(self.documents[d]) for d in doc_ids if d in self.documents]


class PanelState:
    """One coder's coding session; see the module docstring.

    ``lessons`` is the lessons folder (``codebook.yaml``, ``codings/``); tests pass a
    temporary copy. ``suggester`` defaults to :func:`make_suggester` trained on every
    coder's codings.
    """

    def __init__(self, source: DocumentSource, lessons: str | Path, coder: str,
                 suggester: Suggester | None = None):
        self.source = source
        self.lessons = Path(lessons)
        self.coder = check_coder_name(coder)
        self.store = CodingStore(self.lessons)
        self.codebook_path = self.lessons / "codebook.yaml"
        self.codebook: Codebook = load_codebook(self.codebook_path)
        self.documents: list[DocInfo] = source.list_documents()
        self.codings: list[Coding] = self.store.load(self.coder)
        self.problems = [str(p) for p in self.store.problems]
        self._suggester = suggester
        self._suggester_given = suggester is not None
        self.training = False
        self.rejected_path = self.lessons / "suggestions" / f"{self.coder}-rejected.jsonl"
        self.rejected: set[tuple] = self._load_rejected()
        self.doc: PanelDocument | None = None
        self.segment_index = 0
        self.selection: tuple[int, int] | None = None
        self._suggestions: dict[str, list[Suggestion]] = {}

    # --- the document list -------------------------------------------------------------------
    def areas(self) -> list[str]:
        return sorted({area for info in self.documents for area in info.areas})

    def kinds(self) -> list[str]:
        return sorted({info.kind for info in self.documents})

    def coded_doc_ids(self) -> set[str]:
        return {coding.doc_id for coding in self.codings}

    def filter_documents(self, area: str | None = None, kind: str | None = None, date_from: str | None = None,
                         date_to: str | None = None, status: str = "all",
                         with_suggestions: bool = False) -> list[DocInfo]:
        """Documents matching every filter given; dates are ISO ``YYYY-MM-DD`` (inclusive).

        A document without a date is left out as soon as a date bound is given.
        """
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        coded = self.coded_doc_ids()
        if with_suggestions:
            self.prefetch_suggestions([info.doc_id for info in self.documents])
        found = []
        for info in self.documents:
            if area and area not in info.areas:
                continue
            if kind and info.kind != kind:
                continue
            if (date_from or date_to) and not info.date:
                continue
            if date_from and info.date < date_from:
                continue
            if date_to and info.date > date_to:
                continue
            if status == "coded" and info.doc_id not in coded:
                continue
            if status == "uncoded" and info.doc_id in coded:
                continue
            if with_suggestions and not self.suggestions(info.doc_id):
                continue
            found.append(info)
        return found

    # --- the open document and its segments -------------------------------------------------------
    def open(self, doc_id: str) -> None:
        self.doc = self.source.load(doc_id)
        self.segment_index = 0
        self.selection = None

    def _require_doc(self) -> PanelDocument:
        if self.doc is None:
            raise RuntimeError("no document is open")
        return self.doc

    @property
    def segment(self) -> PanelSegment | None:
        if self.doc is None or not self.doc.segments:
            return None
        return self.doc.segments[self.segment_index]

    def go_to(self, index: int) -> None:
        """Make segment ``index`` current (clamped to the document); clears the selection."""
        doc = self._require_doc()
        self.segment_index = max(0, min(index, len(doc.segments) - 1))
        self.selection = None

    def next_segment(self) -> None:
        self.go_to(self.segment_index + 1)

    def previous_segment(self) -> None:
        self.go_to(self.segment_index - 1)

    def segment_of(self, offset: int) -> int | None:
        doc = self._require_doc()
        for segment in doc.segments:
            if segment.start <= offset < segment.end:
                return segment.index
        return None

    def select(self, start: int, end: int) -> tuple[int, int] | None:
        """Select ``text[start:end]`` widened to whole tokens (``None`` clears the selection).

        The segment holding the selection becomes current.
        """
        doc = self._require_doc()
        self.selection = snap_to_tokens(doc.text, doc.tokens, start, end)
        if self.selection:
            index = self.segment_of(self.selection[0])
            if index is not None:
                self.segment_index = index
        return self.selection

    def clear_selection(self) -> None:
        self.selection = None

    def target(self) -> tuple[int, int]:
        """The span an action codes: the selection, else the current segment."""
        if self.selection:
            return self.selection
        segment = self.segment
        if segment is None:
            raise RuntimeError("the open document has no segments")
        return segment.start, segment.end

    # --- codings ---------------------------------------------------------------------------------
    def doc_codings(self, doc_id: str | None = None) -> list[Coding]:
        doc_id = doc_id or self._require_doc().doc_id
        return sorted((c for c in self.codings if c.doc_id == doc_id), key=lambda c: (c.start, c.end, c.code_id))

    def codings_in(self, start: int, end: int) -> list[Coding]:
        """The coder's codings of the open document that overlap ``start:end``."""
        return [c for c in self.doc_codings() if c.start < end and start < c.end]

    def _find(self, start: int, end: int, code_id: str) -> Coding | None:
        doc_id = self._require_doc().doc_id
        return next((c for c in self.codings if (c.doc_id, c.start, c.end, c.code_id) == (doc_id, start, end, code_id)),
                    None)

    def apply(self, code_id: str, span: tuple[int, int] | None = None, origin: str = "manual",
              memo: str = "") -> Coding:
        """Code ``span`` (default: :meth:`target`) with ``code_id`` and save it at once.

        Applying a code already on exactly that span returns the existing coding.
        """
        if code_id not in self.codebook:
            raise KeyError(f"code {code_id!r} is not in {self.codebook_path}")
        doc = self._require_doc()
        start, end = span or self.target()
        existing = self._find(start, end, code_id)
        if existing:
            return existing
        coding = new_coding(doc.doc_id, start, end, doc.text[start:end], doc.sha256, code_id, self.coder,
                            origin=origin, memo=memo)
        self.store.add(coding)
        self.codings.append(coding)
        return coding

    def remove(self, coding_id: str) -> Coding:
        if not any(c.coding_id == coding_id for c in self.codings):
            raise KeyError(f"{self.coder} has no coding {coding_id}")
        removed = self.store.remove(coding_id)
        self.codings = [c for c in self.codings if c.coding_id != coding_id]
        return removed

    def toggle(self, code_id: str) -> tuple[str, Coding]:
        """Apply ``code_id`` to the target span, or remove it when it is already there."""
        start, end = self.target()
        existing = self._find(start, end, code_id)
        if existing:
            return "removed", self.remove(existing.coding_id)
        return "added", self.apply(code_id, (start, end))

    def toggle_number(self, number: int) -> tuple[str, Coding] | None:
        """Toggle the ``number``-th code of the tree (1–9); ``None`` if there is no such code."""
        codes = self.hotkey_codes()
        if not 1 <= number <= len(codes):
            return None
        return self.toggle(codes[number - 1])

    def set_memo(self, coding_id: str, memo: str) -> Coding:
        if not any(c.coding_id == coding_id for c in self.codings):
            raise KeyError(f"{self.coder} has no coding {coding_id}")
        changed = self.store.update(coding_id, memo=memo.strip())
        self.codings = [changed if c.coding_id == coding_id else c for c in self.codings]
        return changed

    # --- suggestions -----------------------------------------------------------------------------
    @property
    def suggester(self) -> Suggester:
        """The trained suggester; while :meth:`train_suggester` runs elsewhere, the codebook's
        rules alone (so a coder never waits for the model)."""
        if self._suggester is None:
            if self.training:
                return SimilarSuggester([], self.codebook)
            self.train_suggester()
        return self._suggester

    def train_suggester(self) -> Suggester:
        """Train on every coder's codings (the engine's model, else word overlap); safe to run
        in a background thread: the panel uses rule suggestions until it is done."""
        self.training = True
        try:
            suggester = make_suggester(CodingStore(self.lessons).load(), self.codebook, self.source)
        finally:
            self.training = False
        self._suggester = suggester
        self._suggestions = {}
        return suggester

    def suggestions(self, doc_id: str | None = None) -> list[Suggestion]:
        """Open suggestions for a document: not rejected, not already coded, code still in the codebook."""
        doc_id = doc_id or self._require_doc().doc_id
        found = self._suggestions.get(doc_id)
        if found is None:
            doc = self.doc if self.doc is not None and self.doc.doc_id == doc_id else self.source.load(doc_id)
            suggester = self.suggester
            found = suggester.suggest(doc)
            if suggester is self._suggester:  # not the stand-in used while the model trains
                self._suggestions[doc_id] = found
        done = {(c.doc_id, c.start, c.end, c.code_id) for c in self.codings}
        return [s for s in found
                if s.key not in done and s.key not in self.rejected and s.code_id in self.codebook]

    def prefetch_suggestions(self, doc_ids: list[str]) -> None:
        """Compute the suggestions of many documents at once when the suggester can batch."""
        suggester = self.suggester
        missing = [d for d in doc_ids if d not in self._suggestions]
        if not missing or not hasattr(suggester, "suggest_many") or suggester is not self._suggester:
            return
        load_many = getattr(self.source, "load_many", None)
        docs = load_many(missing) if load_many else [self.source.load(d) for d in missing]
        self._suggestions.update(suggester.suggest_many(docs))

    def segment_suggestions(self) -> list[Suggestion]:
        segment = self.segment
        if segment is None:
            return []
        return [s for s in self.suggestions() if segment.start <= s.start and s.end <= segment.end]

    def accept(self, suggestion: Suggestion) -> Coding:
        """Turn a suggestion into the coder's coding (origin ``suggestion-accepted``)."""
        return self.apply(suggestion.code_id, (suggestion.start, suggestion.end), origin="suggestion-accepted")

    def reject(self, suggestion: Suggestion) -> None:
        """Hide a suggestion for good: saved to ``lessons/suggestions/<coder>-rejected.jsonl``."""
        self.rejected.add(suggestion.key)
        lines = [json.dumps({"doc_id": d, "start": s, "end": e, "code_id": c}, ensure_ascii=False)
                 for d, s, e, c in sorted(self.rejected)]
        atomic_write_text(self.rejected_path, "".join(line + "\n" for line in lines))

    def _load_rejected(self) -> set[tuple]:
        if not self.rejected_path.is_file():
            return set()
        found = set()
        for number, line in enumerate(self.rejected_path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                record = json.loads(line)
                found.add((record["doc_id"], int(record["start"]), int(record["end"]), record["code_id"]))
            except (ValueError, KeyError, TypeError):
                self.problems.append(f"{self.rejected_path}:{number}: not a rejected suggestion; ignored")
        return found

    # --- the codebook ---------------------------------------------------------------------------------
    def tree(self) -> list[TreeRow]:
        """The codebook depth-first in file order, with counts of this coder's codings."""
        own = Counter(c.code_id for c in self.codings)
        rows: list[TreeRow] = []

        def walk(parent: str | None, depth: int) -> int:
            subtotal = 0
            for code in self.codebook.children(parent):
                position = len(rows)
                rows.append(TreeRow(code, depth, None, own[code.id], 0))
                total = own[code.id] + walk(code.id, depth + 1)
                number = position + 1 if position < HOTKEYS else None
                rows[position] = replace(rows[position], total=total, number=number)
                subtotal += total
            return subtotal

        walk(None, 0)
        return rows

    def hotkey_codes(self) -> list[str]:
        return [row.code.id for row in self.tree() if row.number is not None]

    def colour(self, code_id: str) -> str:
        code = self.codebook.codes.get(code_id)
        return code.colour if code else "#999999"

    def add_code(self, code_id: str, name_th: str, name_en: str = "", parent: str | None = None,
                 colour: str = "#999999", description: str = "") -> Code:
        """Add a code, validate the whole codebook, then write it (atomically).

        Raises :class:`synthesis.coding.CodebookError` (nothing written) when the code is invalid.
        """
        if not name_th.strip():
            raise CodebookError([f"{self.codebook_path}: code {code_id!r} needs a Thai name (name_th)"])
        code = Code(id=code_id.strip(), name_th=name_th.strip(), name_en=name_en.strip() or code_id.strip(),
                    parent=parent or None, colour=colour.strip(), description=description.strip())
        book = self.codebook.add(code)
        save_codebook(book, self.codebook_path)
        self.codebook = load_codebook(self.codebook_path)
        if not self._suggester_given:
            self._suggester = None  # retrain: the new code may carry rules
        self._suggestions.clear()
        return self.codebook.codes[code.id]

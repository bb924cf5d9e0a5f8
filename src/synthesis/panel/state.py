"""What the coding panel knows and does, without any widget: the logic the UI only shows.

A :class:`PanelState` holds one coder's session on one collection: the document list and
its filters, the open document, the current segment, a selection snapped to whole tokens,
and the actions (apply, toggle, remove, memo, accept or reject suggestions, add a code), each
undoable (:meth:`PanelState.undo`). Every action is written at once (locked, re-read under
the lock, atomic: :mod:`synthesis.panel.coder_file`, :func:`synthesis.coding.codebook.edit_codebook`),
so closing the browser loses nothing. An action costs what it changes: the coder's codings are
read once (again only when another tab wrote them), indexed by document, and the segments an
action touched are listed in :attr:`PanelState.dirty` for the view to redraw.

>>> import tempfile, pathlib
>>> from synthesis.panel.sources import DocInfo, PanelDocument, PanelSegment
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> _ = (home / "codebook.yaml").write_text(
...     'codes:\\n  - {id: fund, name_th: กองทุน, name_en: Fund, colour: "#1f77b4"}\\n', encoding="utf-8")
>>> doc = PanelDocument(DocInfo("d", "บันทึก"), "ตั้งกองทุน", [PanelSegment(0, 0, 10)], [(0, 4), (4, 10)])
>>> state = PanelState(ListSource([doc]), home, "Coder_A")
>>> state.coder
'coder_a'
>>> state.open("d")
>>> state.toggle_key("1")[0], [c.quote for c in state.doc_codings()]
('added', ['ตั้งกองทุน'])
>>> state.undo(), state.doc_codings()
('ใส่รหัส กองทุน', [])
"""

from __future__ import annotations

import json
import threading
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from synthesis.coding import Code, Codebook, CodebookError, Coding, CodingStore, load_codebook, new_coding
from synthesis.coding.codebook import edit_codebook
from synthesis.lessons_io import read_text, update_text
from synthesis.panel.coder import resolve_coder
from synthesis.panel.coder_file import CoderFile, rejected_line
from synthesis.panel.hotkeys import assign_hotkeys, hotkeys_path, load_own_keys, own_keys, save_own_keys, valid_key
from synthesis.panel.sources import DocInfo, DocumentSource, PanelDocument, PanelSegment
from synthesis.panel.spans import snap_to_tokens
from synthesis.panel.suggestions import STRONG, SimilarSuggester, Suggester, Suggestion, make_suggester
from synthesis.panel.undo import UndoStack

STATUSES = ("all", "coded", "uncoded")
HOTKEYS = 9


@dataclass(frozen=True)
class TreeRow:
    """One line of the codebook tree: the code, its depth, its hot key (or None) and how many
    of the coder's codings use it (``own``) or it and the codes below it (``total``)."""

    code: Code
    depth: int
    number: int | None
    own: int
    total: int
    key: str | None = None


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
    temporary copy. ``coder`` is required (no default coder) and compared ignoring case
    (:func:`synthesis.panel.coder.resolve_coder`). ``suggester`` defaults to
    :func:`make_suggester` trained on every coder's codings.
    """

    def __init__(self, source: DocumentSource, lessons: str | Path, coder: str,
                 suggester: Suggester | None = None):
        self.source = source
        self.lessons = Path(lessons)
        self.store = CodingStore(self.lessons)
        self.coder = resolve_coder(coder, self.store.coders())
        self.own = CoderFile(self.store, self.coder)
        self.codebook_path = self.lessons / "codebook.yaml"
        self.codebook: Codebook = load_codebook(self.codebook_path)
        self.documents: list[DocInfo] = source.list_documents()
        self.problems: list[str] = []
        self._load_own()
        self._suggester = suggester
        self._suggester_given = suggester is not None
        self.training = False
        self._train_lock = threading.Lock()
        self._similar_lock = threading.Lock()
        self._memory_indexes: dict = {}  # backend -> index of documents held in memory (no store)
        self.rejected_path = self.lessons / "suggestions" / f"{self.coder}-rejected.jsonl"
        self.rejected: set[tuple] = self._load_rejected()
        self.doc: PanelDocument | None = None
        self.segment_index = 0
        self.selection: tuple[int, int] | None = None
        self._suggestions: dict[str, list[Suggestion]] = {}
        self._open_suggestions: dict[str, tuple] = {}  # doc -> (stamp, open suggestions)
        self._version = 0  # bumped by every change to the coder's codings or rejections
        self.history = UndoStack()
        self.dirty: set[int] = set()  # segments of the open document to redraw
        self.list_changed = False  # the document list's labels (✓ coded) changed
        self.differing: set[int] = set()  # segments where the compared coder differs (comparison view)
        self._keys_path = hotkeys_path(self.lessons, self.coder)
        self.hotkeys: dict[str, str] = {}
        self._init_hotkeys()

    # --- the coder's codings, indexed ------------------------------------------------------------
    def _load_own(self) -> None:
        self.codings: list[Coding] = self.own.load()
        self.problems = [str(p) for p in self.store.problems]
        self._by_doc: dict[str, list[Coding]] = defaultdict(list)
        for coding in self.codings:
            self._by_doc[coding.doc_id].append(coding)
        self._counts = Counter(c.code_id for c in self.codings)
        self._version = getattr(self, "_version", 0) + 1

    def refresh_if_changed(self) -> bool:
        """Re-read the coder's file when another writer (a second tab) changed it."""
        if not self.own.changed_elsewhere():
            return False
        self._load_own()
        if self.doc is not None:
            self.dirty.update(range(len(self.doc.segments)))
        self.list_changed = True
        return True

    def _added(self, coding: Coding) -> None:
        self._version += 1
        first = not self._by_doc.get(coding.doc_id)
        self.codings.append(coding)
        self._by_doc[coding.doc_id].append(coding)
        self._counts[coding.code_id] += 1
        self.list_changed |= first
        self._touch(coding.start, coding.end, coding.doc_id)

    def _removed(self, coding: Coding) -> None:
        self._version += 1
        self.codings = [c for c in self.codings if c.coding_id != coding.coding_id]
        self._by_doc[coding.doc_id] = [c for c in self._by_doc[coding.doc_id] if c.coding_id != coding.coding_id]
        self._counts[coding.code_id] -= 1
        self.list_changed |= not self._by_doc[coding.doc_id]
        self._touch(coding.start, coding.end, coding.doc_id)

    def _replaced(self, old: Coding, new: Coding) -> None:
        self.codings = [new if c.coding_id == old.coding_id else c for c in self.codings]
        self._by_doc[old.doc_id] = [new if c.coding_id == old.coding_id else c for c in self._by_doc[old.doc_id]]
        self._touch(new.start, new.end, new.doc_id)

    def _touch(self, start: int, end: int, doc_id: str | None = None) -> None:
        """Mark the segments of the open document that ``start:end`` overlaps for redrawing."""
        if self.doc is None or (doc_id and doc_id != self.doc.doc_id):
            return
        first = self.segment_of(start)
        last = self.segment_of(max(start, end - 1))
        if first is None and last is None:
            return
        first = last if first is None else first
        last = first if last is None else last
        self.dirty.update(range(first, last + 1))

    # --- the document list -------------------------------------------------------------------
    def areas(self) -> list[str]:
        return sorted({area for info in self.documents for area in info.areas})

    def kinds(self) -> list[str]:
        return sorted({info.kind for info in self.documents})

    def coded_doc_ids(self) -> set[str]:
        return {doc_id for doc_id, codings in self._by_doc.items() if codings}

    def filter_documents(self, area: str | None = None, kind: str | None = None, date_from: str | None = None,
                         date_to: str | None = None, status: str = "all",
                         with_suggestions: bool = False, min_score: float = STRONG) -> list[DocInfo]:
        """Documents matching every filter given; dates are ISO ``YYYY-MM-DD`` (inclusive).

        A document without a date is left out as soon as a date bound is given.
        ``with_suggestions`` keeps documents with at least one open suggestion scored
        ``min_score`` or more (default :data:`~synthesis.panel.suggestions.STRONG`).
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
            if with_suggestions and not any(s.score >= min_score for s in self.suggestions(info.doc_id)):
                continue
            found.append(info)
        return found

    # --- the open document and its segments -------------------------------------------------------
    def open(self, doc_id: str) -> None:
        """Open a document at its first segment; opening the one already open keeps the place."""
        if self.doc is not None and self.doc.doc_id == doc_id:
            return
        self.doc = self.source.load(doc_id)
        self._starts = [segment.start for segment in self.doc.segments]
        self.segment_index = 0
        self.selection = None
        self.dirty = set(range(len(self.doc.segments)))
        self.differing = set()

    def _require_doc(self) -> PanelDocument:
        if self.doc is None:
            raise RuntimeError("ยังไม่ได้เปิดเอกสาร (no document is open)")
        return self.doc

    @property
    def segment(self) -> PanelSegment | None:
        if self.doc is None or not self.doc.segments:
            return None
        return self.doc.segments[self.segment_index]

    def go_to(self, index: int) -> None:
        """Make segment ``index`` current (clamped to the document); clears the selection."""
        doc = self._require_doc()
        self._drop_selection()
        self.segment_index = max(0, min(index, len(doc.segments) - 1))

    def next_segment(self) -> None:
        self.go_to(self.segment_index + 1)

    def previous_segment(self) -> None:
        self.go_to(self.segment_index - 1)

    def segment_of(self, offset: int) -> int | None:
        """The index of the segment holding ``offset`` (a bisection: long documents stay fast)."""
        doc = self._require_doc()
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < doc.segments[index].end:
            return index
        return None

    def _drop_selection(self) -> None:
        if self.selection:
            self._touch(*self.selection)
        self.selection = None

    def select(self, start: int, end: int) -> tuple[int, int] | None:
        """Select ``text[start:end]`` widened to whole tokens (``None`` clears the selection).

        The segment holding the selection becomes current.
        """
        doc = self._require_doc()
        self._drop_selection()
        self.selection = snap_to_tokens(doc.text, doc.tokens, start, end)
        if self.selection:
            self._touch(*self.selection)
            index = self.segment_of(self.selection[0])
            if index is not None:
                self.segment_index = index
        return self.selection

    def clear_selection(self) -> None:
        self._drop_selection()

    def target(self) -> tuple[int, int]:
        """The span an action codes: the selection, else the current segment."""
        if self.selection:
            return self.selection
        segment = self.segment
        if segment is None:
            raise RuntimeError("เอกสารนี้ไม่มีส่วนให้ลงรหัส (the open document has no segments)")
        return segment.start, segment.end

    # --- codings ---------------------------------------------------------------------------------
    def doc_codings(self, doc_id: str | None = None) -> list[Coding]:
        doc_id = doc_id or self._require_doc().doc_id
        return sorted(self._by_doc.get(doc_id, ()), key=lambda c: (c.start, c.end, c.code_id))

    def codings_in(self, start: int, end: int) -> list[Coding]:
        """The coder's codings of the open document that overlap ``start:end``."""
        doc_id = self._require_doc().doc_id
        return sorted((c for c in self._by_doc.get(doc_id, ()) if c.start < end and start < c.end),
                      key=lambda c: (c.start, c.end, c.code_id))

    def _find(self, start: int, end: int, code_id: str) -> Coding | None:
        doc_id = self._require_doc().doc_id
        return next((c for c in self._by_doc.get(doc_id, ()) if (c.start, c.end, c.code_id) == (start, end, code_id)),
                    None)

    def _label(self, code_id: str) -> str:
        return self.codebook.label(code_id)

    def apply(self, code_id: str, span: tuple[int, int] | None = None, origin: str = "manual",
              memo: str = "", record: bool = True) -> Coding:
        """Code ``span`` (default: :meth:`target`) with ``code_id`` and save it at once.

        Applying a code already on exactly that span returns the existing coding.
        """
        if code_id not in self.codebook:
            raise KeyError(f"ไม่มีรหัส {code_id!r} ใน {self.codebook_path} (code not in the codebook)")
        doc = self._require_doc()
        self.refresh_if_changed()
        start, end = span or self.target()
        existing = self._find(start, end, code_id)
        if existing:
            return existing
        coding = new_coding(doc.doc_id, start, end, doc.text[start:end], doc.sha256, code_id, self.coder,
                            origin=origin, memo=memo)
        self.own.add(coding)
        self._added(coding)
        if record:
            self.history.push(f"ใส่รหัส {self._label(code_id)}", lambda: self._unapply(coding))
        return coding

    def _unapply(self, coding: Coding) -> None:
        self.refresh_if_changed()
        self._removed(self.own.remove(coding.coding_id))

    def remove(self, coding_id: str, record: bool = True) -> Coding:
        """Delete one of the coder's codings (its memo with it); undo brings both back."""
        self.refresh_if_changed()
        if not any(c.coding_id == coding_id for c in self.codings):
            raise KeyError(f"{self.coder} ไม่มีการลงรหัส {coding_id} (no such coding)")
        removed = self.own.remove(coding_id)
        self._removed(removed)
        if record:
            self.history.push(f"เอารหัส {self._label(removed.code_id)} ออก" + (" (พร้อมบันทึก memo)" if removed.memo else ""),
                              lambda: self._restore(removed))
        return removed

    def _restore(self, coding: Coding) -> None:
        self.refresh_if_changed()
        if any(c.coding_id == coding.coding_id for c in self.codings):
            return
        self._added(self.own.add(coding))

    def toggle(self, code_id: str) -> tuple[str, Coding]:
        """Apply ``code_id`` to the target span, or remove it when it is already there (undoable)."""
        start, end = self.target()
        existing = self._find(start, end, code_id)
        if existing:
            return "removed", self.remove(existing.coding_id)
        return "added", self.apply(code_id, (start, end))

    def toggle_key(self, key: str) -> tuple[str, Coding] | None:
        """Toggle the code whose hot key is ``key``; ``None`` if no code has that key."""
        code_id = self.hotkeys.get(str(key).lower())
        if code_id is None or code_id not in self.codebook:
            return None
        return self.toggle(code_id)

    def toggle_number(self, number: int) -> tuple[str, Coding] | None:
        """Toggle the code whose hot key is the digit ``number``."""
        return self.toggle_key(str(number)) if 1 <= number <= 9 else None

    def set_memo(self, coding_id: str, memo: str, record: bool = True) -> Coding:
        self.refresh_if_changed()
        old = next((c for c in self.codings if c.coding_id == coding_id), None)
        if old is None:
            raise KeyError(f"{self.coder} ไม่มีการลงรหัส {coding_id} (no such coding)")
        changed = self.own.update(coding_id, memo=memo.strip())
        self._replaced(old, changed)
        if record and old.memo != changed.memo:
            self.history.push(f"แก้บันทึก memo ของ {self._label(old.code_id)}",
                              lambda: self.set_memo(coding_id, old.memo, record=False))
        return changed

    def undo(self) -> str | None:
        """Reverse the last action of the session; returns what was undone (Thai) or ``None``."""
        return self.history.undo()

    # --- suggestions -----------------------------------------------------------------------------
    @property
    def suggester(self) -> Suggester:
        """The trained suggester; while :meth:`train_suggester` runs elsewhere, the one it
        replaces (or the codebook's rules alone), so a coder never waits for the model."""
        if self._suggester is None:
            if self.training:
                return SimilarSuggester([], self.codebook)
            self.train_suggester()
        return self._suggester

    def train_suggester(self) -> Suggester:
        """Train on every coder's codings (the engine's model, else word overlap); safe to run
        in a background thread: the panel keeps using the previous suggester until it is done."""
        with self._train_lock:
            self.training = True
            try:
                suggester = make_suggester(CodingStore(self.lessons).load(), self.codebook, self.source)
            finally:
                self.training = False
            self._suggester = suggester
            self._suggestions = {}
            return suggester

    def retrain_in_background(self) -> threading.Thread | None:
        """Retrain without making the coder wait (after a code is added); ``None`` when the
        state was given a fixed suggester."""
        if self._suggester_given:
            return None
        thread = threading.Thread(target=self.train_suggester, name="synthesis-panel-train", daemon=True)
        thread.start()
        return thread

    def _done(self, doc_id: str) -> dict[str, list[tuple[int, int]]]:
        done: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for coding in self._by_doc.get(doc_id, ()):
            done[coding.code_id].append((coding.start, coding.end))
        return done

    def suggestions(self, doc_id: str | None = None) -> list[Suggestion]:
        """Open suggestions for a document, best first within each place: not rejected, code
        still in the codebook, and not already given by the coder to that text."""
        doc_id = doc_id or self._require_doc().doc_id
        stamp = (self._version, len(self.rejected), id(self._suggester), self.codebook)
        cached = self._open_suggestions.get(doc_id)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        found = self._suggestions.get(doc_id)
        if found is None:
            doc = self.doc if self.doc is not None and self.doc.doc_id == doc_id else self.source.load(doc_id)
            suggester = self.suggester
            found = suggester.suggest(doc)
            if suggester is self._suggester:  # not the stand-in used while the model trains
                self._suggestions[doc_id] = found
        done = self._done(doc_id)
        open_ = [s for s in found
                 if s.key not in self.rejected and s.code_id in self.codebook
                 and not any(a < s.end and s.start < b for a, b in done.get(s.code_id, ()))]
        if found is self._suggestions.get(doc_id):
            self._open_suggestions[doc_id] = (stamp, open_)
        return open_

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
        inside = [s for s in self.suggestions() if segment.start <= s.start and s.end <= segment.end]
        return sorted(inside, key=lambda s: -s.score)

    def code_suggestions(self, code_id: str) -> list[Suggestion]:
        """The open document's open suggestions of one code, best first (to look at, then
        accept or reject together)."""
        return sorted((s for s in self.suggestions() if s.code_id == code_id), key=lambda s: (-s.score, s.start))

    def accept(self, suggestion: Suggestion, record: bool = True) -> Coding:
        """Turn a suggestion into the coder's coding (origin ``suggestion-accepted``); the
        decision is logged with the engine that proposed it (:meth:`log_decisions`)."""
        coding = self.apply(suggestion.code_id, (suggestion.start, suggestion.end), origin="suggestion-accepted",
                            record=record)
        self.log_decisions([suggestion], True, coding_id=coding.coding_id)
        return coding

    def reject(self, suggestion: Suggestion, record: bool = True) -> None:
        """Hide a suggestion for good: saved to ``lessons/suggestions/<coder>-rejected.jsonl``."""
        self._reject_keys([suggestion.key])
        self.log_decisions([suggestion], False)
        if record:
            self.history.push(f"ไม่รับข้อเสนอ {self._label(suggestion.code_id)}",
                              lambda: self._unreject_keys([suggestion.key]))

    def accept_all(self, suggestions: list[Suggestion]) -> list[Coding]:
        """Accept several suggestions (after a look at them); one undo takes them all back."""
        accepted = [self.accept(s, record=False) for s in suggestions]
        if accepted:
            label = f"รับข้อเสนอ {len(accepted)} รายการ"
            self.history.push(label, lambda: [self._unapply(c) for c in accepted if c in self.codings])
        return accepted

    def reject_all(self, suggestions: list[Suggestion]) -> int:
        """Reject several suggestions at once; one undo brings them all back."""
        keys = [s.key for s in suggestions]
        self._reject_keys(keys)
        self.log_decisions(suggestions, False)
        if keys:
            self.history.push(f"ไม่รับข้อเสนอ {len(keys)} รายการ", lambda: self._unreject_keys(keys))
        return len(keys)

    def log_decisions(self, suggestions: list[Suggestion], accepted: bool, coding_id: str = "") -> None:
        """Log the coder's accept or reject of machine suggestions in
        ``lessons/machine/<engine>.provenance.jsonl`` (engine, version, weights hash, score,
        input text hash, who decided). A log that cannot be written is reported in
        :attr:`problems`; the coding itself is already saved."""
        from synthesis.semantic.provenance import log_decision
        from synthesis.panel.suggestions import decision_engine

        for suggestion in suggestions:
            try:
                doc = self.doc if self.doc is not None and self.doc.doc_id == suggestion.doc_id \
                    else self.source.load(suggestion.doc_id)
                machine, identity = decision_engine(suggestion, self._suggester, self.codebook)
                log_decision(self.lessons, machine, accepted, self.coder, identity, suggestion.doc_id,
                             suggestion.start, suggestion.end, suggestion.code_id,
                             doc.text[suggestion.start:suggestion.end], score=suggestion.score, coding_id=coding_id,
                             parameters={"source": suggestion.source, "why": suggestion.why})
            except (OSError, KeyError, ValueError) as error:
                self.problems.append(f"บันทึกการรับ/ไม่รับข้อเสนอไม่ได้ (decision not logged): {error}")

    def _reject_keys(self, keys: list[tuple]) -> None:
        new = [key for key in keys if key not in self.rejected]

        def add(text: str) -> str:
            if text and not text.endswith("\n"):
                text += "\n"
            return text + "".join(rejected_line(key) + "\n" for key in new)

        if new:
            update_text(self.rejected_path, add)
            self.rejected.update(new)
        self._version += 1
        for doc_id, start, end, _ in keys:
            self._touch(start, end, doc_id)

    def _unreject_keys(self, keys: list[tuple]) -> None:
        gone = {rejected_line(key) for key in keys}

        def drop(text: str) -> str:
            return "".join(line for line in text.splitlines(keepends=True) if line.rstrip("\n") not in gone)

        update_text(self.rejected_path, drop)
        self.rejected.difference_update(keys)
        self._version += 1
        for doc_id, start, end, _ in keys:
            self._touch(start, end, doc_id)

    def _load_rejected(self) -> set[tuple]:
        found = set()
        for number, line in enumerate(read_text(self.rejected_path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                found.add((record["doc_id"], int(record["start"]), int(record["end"]), record["code_id"]))
            except (ValueError, KeyError, TypeError):
                self.problems.append(f"{self.rejected_path}:{number}: not a rejected suggestion; line kept, ignored")
        return found

    # --- the codebook and its hot keys ----------------------------------------------------------------
    def _tree_ids(self) -> list[str]:
        order: list[str] = []

        def walk(parent: str | None) -> None:
            for code in self.codebook.children(parent):
                order.append(code.id)
                walk(code.id)

        walk(None)
        return order

    def _fixed_keys(self) -> dict[str, str]:
        return {code.id: code.key for code in self.codebook if code.key}

    def _init_hotkeys(self) -> None:
        saved, problems = load_own_keys(self._keys_path)
        self.problems.extend(problems)
        first_time = not saved and not problems and not self._keys_path.exists()
        self.hotkeys = assign_hotkeys(self._tree_ids(), self._fixed_keys(), saved, fill=first_time)
        self._keys_writable = not problems
        if first_time:
            self._save_hotkeys()

    def _save_hotkeys(self) -> None:
        if self._keys_writable:
            save_own_keys(self._keys_path, own_keys(self.hotkeys, self._fixed_keys()))

    def set_hotkey(self, code_id: str, key: str) -> dict[str, str]:
        """Give ``code_id`` the hot key ``key`` (saved for this coder); ``""`` takes its key away.

        A key the codebook gives another code is refused; a key another code had by this
        coder's choice moves to ``code_id``.
        """
        key = key.strip().lower()
        if code_id not in self.codebook:
            raise KeyError(f"ไม่มีรหัส {code_id!r} (no such code)")
        if key and not valid_key(key):
            raise ValueError(f"ปุ่ม {key!r} ใช้ไม่ได้: ใช้ตัวเลขหรืออักษร a–y ยกเว้น j และ k (j/k เลื่อนส่วน)")
        fixed = self._fixed_keys()
        owner = self.hotkeys.get(key)
        if key and owner and owner != code_id and fixed.get(owner) == key:
            raise ValueError(f"ปุ่ม {key} เป็นของรหัส {self.hotkeys[key]} ตามสมุดรหัส (set in the codebook)")
        if fixed.get(code_id):
            raise ValueError(f"รหัส {code_id} มีปุ่ม {fixed[code_id]} ตามสมุดรหัสอยู่แล้ว (set in the codebook)")
        keys = {k: c for k, c in self.hotkeys.items() if c != code_id and k != key}
        if key:
            keys[key] = code_id
        self.hotkeys = assign_hotkeys(self._tree_ids(), fixed, own_keys(keys, fixed), fill=False)
        self._save_hotkeys()
        return dict(self.hotkeys)

    def key_of(self, code_id: str) -> str | None:
        return next((key for key, code in self.hotkeys.items() if code == code_id), None)

    def tree(self) -> list[TreeRow]:
        """The codebook depth-first in file order, with counts of this coder's codings."""
        own = self._counts
        rows: list[TreeRow] = []
        keys = {code: key for key, code in self.hotkeys.items()}

        def walk(parent: str | None, depth: int) -> int:
            subtotal = 0
            for code in self.codebook.children(parent):
                position = len(rows)
                rows.append(None)  # type: ignore[arg-type]
                total = own[code.id] + walk(code.id, depth + 1)
                key = keys.get(code.id)
                number = int(key) if key and key.isdigit() and key != "0" else None
                rows[position] = TreeRow(code, depth, number, own[code.id], total, key)
                subtotal += total
            return subtotal

        walk(None, 0)
        return rows

    def hotkey_codes(self) -> list[str]:
        """The codes of the digit keys 1–9, in key order."""
        return [self.hotkeys[d] for d in "123456789" if d in self.hotkeys]

    def colour(self, code_id: str) -> str:
        code = self.codebook.codes.get(code_id)
        return code.colour if code else "#999999"

    def search_codebook(self, query: str) -> list[str]:
        """Codes whose id, names, definition, include or exclude hold ``query`` (any case)."""
        from synthesis.panel.retrieve import search_codes

        return search_codes(self.codebook, query)

    def add_code(self, code_id: str, name_th: str, name_en: str = "", parent: str | None = None,
                 colour: str = "#999999", description: str = "") -> Code:
        """Add a code to the codebook as it is on disk now: only its entry is written (comments,
        order and other codes untouched); the suggestion model retrains in the background.

        Raises :class:`synthesis.coding.CodebookError` (nothing written) when the code is invalid.
        """
        if not name_th.strip():
            raise CodebookError([f"{self.codebook_path}: รหัส {code_id!r} ต้องมีชื่อภาษาไทย (a Thai name, name_th, is needed)"])
        code = Code(id=code_id.strip(), name_th=name_th.strip(), name_en=name_en.strip() or code_id.strip(),
                    parent=parent or None, colour=colour.strip(), description=description.strip())
        self.codebook = edit_codebook(self.codebook_path, lambda book: book.add(code))
        fixed = self._fixed_keys()
        keys = assign_hotkeys(self._tree_ids(), fixed, own_keys(self.hotkeys, fixed), fill=False)
        free = [d for d in "123456789" if d not in keys]
        if free and code.id not in keys.values():
            keys[free[0]] = code.id
        self.hotkeys = assign_hotkeys(self._tree_ids(), fixed, own_keys(keys, fixed), fill=False)
        self._save_hotkeys()
        self._suggestions.clear()
        self.retrain_in_background()
        return self.codebook.codes[code.id]

    # --- retrieval, search, comparison ------------------------------------------------------------------
    def other_coders(self) -> list[str]:
        """Coders whose work can be compared with this coder's (the consensus included)."""
        return [c for c in self.store.coders() if c != self.coder]

    def codings_of(self, coder: str) -> list[Coding]:
        """Another coder's codings (read on demand: the comparison view and retrieval)."""
        return self.codings if coder == self.coder else CodingStore(self.lessons).load(coder)

    def retrieve(self, code_id: str, coders: list[str] | None = None, below: bool = True):
        """Every segment coded ``code_id`` (and the codes below it when ``below``) by ``coders``
        (default: this coder), with context; see :func:`synthesis.panel.retrieve.retrieve`."""
        from synthesis.panel.retrieve import retrieve

        if code_id not in self.codebook:
            raise KeyError(f"ไม่มีรหัส {code_id!r} (no such code)")
        codes = set(self.codebook.descendants(code_id)) if below else {code_id}
        codings = [c for coder in (coders or [self.coder]) for c in self.codings_of(coder)]
        titles = {info.doc_id: info.title for info in self.documents}

        def load_text(doc_id: str):
            if doc_id not in titles:
                return None
            return titles[doc_id], self.source.load(doc_id).text

        return retrieve(codings, codes, load_text)

    def jump_to(self, doc_id: str, start: int, end: int) -> None:
        """Open ``doc_id`` with ``start:end`` selected (a retrieved segment, a search hit)."""
        self.open(doc_id)
        self.select(start, end)

    def search_document(self, query: str):
        """Matches of ``query`` in the open document (see :func:`synthesis.panel.retrieve.search_text`)."""
        from synthesis.panel.retrieve import search_text

        return search_text(self._require_doc().text, query)

    def similar_query(self, coding_id: str | None = None) -> dict:
        """What to look for: a coding of this coder, else the selected passage, else the
        current segment (``{doc_id, start, end, quote}``)."""
        if coding_id:
            coding = next((c for c in self.codings if c.coding_id == coding_id), None)
            if coding is None:
                raise KeyError(f"ไม่มีการลงรหัส {coding_id!r} (no such coding)")
            return {"doc_id": coding.doc_id, "start": coding.start, "end": coding.end, "quote": coding.quote}
        doc = self._require_doc()
        if self.selection is not None:
            start, end = self.selection
        elif self.segment is not None:
            start, end = self.segment.start, self.segment.end
        else:
            raise ValueError("เลือกข้อความหรือส่วนก่อน (select a passage first)")
        return {"doc_id": doc.doc_id, "start": start, "end": end, "quote": doc.text[start:end]}

    def find_similar(self, coding_id: str | None = None, k: int = 8, other_areas: bool = False,
                     backend: str | None = None):
        """The passages of the collection's other documents (``other_areas``: of other areas
        only) most similar to :meth:`similar_query`; returns ``(passages, backend, note)``.
        Slow on a cold e5 cache: the panel calls it off the UI thread."""
        from synthesis.panel.similar import choose_backend, memory_index, passages, store_dir_of
        from synthesis.semantic.similar import similar

        what = self.similar_query(coding_id)
        store_dir = store_dir_of(self.source)
        note = ""
        if backend is None:
            backend, note = choose_backend(store_dir)
        if store_dir is not None:
            found = similar(what, collection=store_dir.name, k=k, backend=backend, other_areas=other_areas,
                            store_dir=store_dir)
        else:
            with self._similar_lock:
                cached = self._memory_indexes
                if backend not in cached:
                    docs = self.source.load_many([d.doc_id for d in self.documents]) \
                        if hasattr(self.source, "load_many") else [self.source.load(d.doc_id) for d in self.documents]
                    cached[backend] = memory_index(docs, backend)
            found = similar(what, k=k, other_areas=other_areas, index=cached[backend])
        titles = {info.doc_id: info.title for info in self.documents}
        return [p for p in passages(found, titles) if p.score > 0], backend, note  # 0: nothing in common

    def compare_with(self, other: str):
        """This coder and ``other`` side by side on the open document, segment by segment."""
        from synthesis.panel.compare import compare_segments

        return compare_segments(self._require_doc(), self.doc_codings(), self.codings_of(other))

    def take_side(self, index: int, side_coder: str) -> tuple[list[Coding], list[Coding]]:
        """Make the consensus of segment ``index`` what ``side_coder`` coded there (undoable)."""
        from synthesis.panel.compare import CONSENSUS, take_side, undo_take

        if side_coder == CONSENSUS:
            raise ValueError("เลือกผู้ลงรหัสที่จะรับเข้า consensus (pick a coder's side, not the consensus)")
        doc = self._require_doc()
        added, removed = take_side(self.store, doc, index, self.codings_of(side_coder), side_coder)
        self.history.push(f"รับส่วนที่ {index + 1} ของ {side_coder} เข้า consensus",
                          lambda: undo_take(self.store, added, removed))
        return added, removed

"""One coder's codings file, edited a line at a time: locked, re-read under the lock, atomic.

The panel writes on every key press, so a write must cost what it changes, not what the team
has coded. :class:`CoderFile` goes through :func:`synthesis.lessons_io.update_text` like every
writer of ``lessons/`` (the file is locked, re-read under the lock and replaced atomically),
but its transforms touch only the lines of the coding concerned: an append checks the coding's
id against the text, a removal or a memo parses only the lines that hold the id. Every other
line, parsed or not (an unparseable line is kept as it is), is written back byte for byte.
Reads use :class:`synthesis.coding.CodingStore` (its checks and problem reports); the panel
reloads only when another writer (a second browser tab) changed the file
(:meth:`CoderFile.changed_elsewhere`).

>>> import tempfile
>>> from synthesis.coding import CodingStore, new_coding
>>> store = CodingStore(tempfile.mkdtemp())
>>> own = CoderFile(store, "coder_a")
>>> c = own.add(new_coding("d", 0, 4, "ยาง", "h", "fund", "coder_a"))
>>> own.update(c.coding_id, memo="ราคาตก").memo, [x.memo for x in store.load("coder_a")]
('ราคาตก', ['ราคาตก'])
"""

from __future__ import annotations

import json
import os
from dataclasses import replace

from synthesis.coding.codings import Coding, CodingStore, parse_coding
from synthesis.lessons_io import update_text


def _holds(line: str, coding_id: str) -> bool:
    """Whether ``line`` is the coding ``coding_id`` (parsed only when the id appears in it)."""
    if coding_id not in line:
        return False
    try:
        return parse_coding(line).coding_id == coding_id
    except ValueError:
        return False


class CoderFile:
    """``lessons/codings/<coder>.jsonl`` of one coder, for the panel's small edits."""

    def __init__(self, store: CodingStore, coder: str):
        self.store = store
        self.coder = coder
        self.path = store.path(coder)
        self._seen = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        return info.st_mtime_ns, info.st_size

    def load(self) -> list[Coding]:
        """The coder's codings as the store reads them (problems in ``self.store.problems``)."""
        codings = self.store.load(self.coder)
        self._seen = self._stamp()
        return codings

    def changed_elsewhere(self) -> bool:
        """Whether another writer changed the file since this one last read or wrote it."""
        return self._stamp() != self._seen

    def _edit(self, change) -> None:
        update_text(self.path, change)
        self._seen = self._stamp()

    def add(self, coding: Coding) -> Coding:
        """Append one coding; refuses one whose id the file already holds."""
        if coding.coder != self.coder:
            raise ValueError(f"coding {coding.coding_id} belongs to {coding.coder!r}, not {self.coder!r}")
        line = coding.to_json()
        parse_coding(line)  # the store's checks: no bad span enters the file

        def append(text: str) -> str:
            if any(_holds(existing, coding.coding_id) for existing in text.splitlines()):
                raise ValueError(f"coding id {coding.coding_id} is already in {self.path.name}")
            if text and not text.endswith("\n"):
                text += "\n"
            return text + line + "\n"

        self._edit(append)
        return coding

    def remove(self, coding_id: str) -> Coding:
        """Delete one coding by id; returns it (``KeyError`` when the file does not hold it)."""
        found: list[Coding] = []

        def drop(text: str) -> str:
            kept = []
            for existing in text.splitlines(keepends=True):
                if not found and _holds(existing, coding_id):
                    found.append(parse_coding(existing))
                    continue
                kept.append(existing)
            if not found:
                raise KeyError(f"{self.coder} has no coding {coding_id} in {self.path.name}")
            return "".join(kept)

        self._edit(drop)
        return found[0]

    def update(self, coding_id: str, **changes) -> Coding:
        """Change fields of one coding (``memo``, ``code_id`` …); its id and coder stay."""
        if "coder" in changes or "coding_id" in changes:
            raise ValueError("a coding's coder and id cannot change; remove it and add a new one")
        changed: list[Coding] = []

        def rewrite(text: str) -> str:
            lines = text.splitlines(keepends=True)
            for index, existing in enumerate(lines):
                if _holds(existing, coding_id):
                    new = replace(parse_coding(existing), **changes)
                    parse_coding(new.to_json())
                    changed.append(new)
                    lines[index] = new.to_json() + "\n"
                    return "".join(lines)
            raise KeyError(f"{self.coder} has no coding {coding_id} in {self.path.name}")

        self._edit(rewrite)
        return changed[0]


def rejected_line(key: tuple[str, int, int, str]) -> str:
    """One line of ``lessons/suggestions/<coder>-rejected.jsonl``.

    >>> rejected_line(("d", 0, 6, "fund"))
    '{"doc_id": "d", "start": 0, "end": 6, "code_id": "fund"}'
    """
    doc_id, start, end, code_id = key
    return json.dumps({"doc_id": doc_id, "start": start, "end": end, "code_id": code_id}, ensure_ascii=False)

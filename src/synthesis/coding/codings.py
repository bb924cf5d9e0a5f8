"""The codings store: ``lessons/codings/<coder>.jsonl``, one file per coder, one coding a line.

One file per coder keeps git merges easy. Every write goes through
:func:`synthesis.lessons_io.update_text`: it takes the file's lock, re-reads and re-parses the
file under it and applies the change to what is there *now*, then writes a temporary file that
replaces the old one. So two writers of one coder (two browser tabs, two processes) never lose
each other's codings, and a crash, a full disk or a read-only folder leaves the previous file
whole. A line that cannot be parsed (not JSON, a bad field, bytes that are not UTF-8) is
reported in :attr:`CodingStore.problems` with its file and line number and written back byte
for byte, never dropped.

>>> import tempfile
>>> store = CodingStore(tempfile.mkdtemp())
>>> c = store.add(new_coding("demo/a.txt", 0, 4, "ยาง", "abc", "obstacle.income", "coder_a"))
>>> [x.quote for x in store.load("coder_a")]
['ยาง']
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Mapping

from synthesis.lessons_io import read_text, update_text

ORIGINS = ("manual", "rule", "suggestion-accepted")
RULES_CODER = "rules"
CODER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (read with surrogateescape)


@dataclass(frozen=True)
class Coding:
    """One code applied to ``text[start:end]`` of one document (the core model's Coding).

    ``quote`` and ``doc_sha256`` let the coding be re-anchored when its document changes;
    ``orphaned`` is set when re-anchoring could not find the quote again.
    """

    coding_id: str
    doc_id: str
    start: int
    end: int
    quote: str
    doc_sha256: str
    code_id: str
    coder: str
    created: str
    origin: str = "manual"
    memo: str = ""
    orphaned: bool = False

    def to_json(self) -> str:
        record = asdict(self)
        if not self.orphaned:
            del record["orphaned"]
        line = json.dumps(record, ensure_ascii=False)
        if _SURROGATE.search(line):  # a lone surrogate would not survive as UTF-8: escape it
            line = json.dumps(record, ensure_ascii=True)
        return line


@dataclass(frozen=True)
class Problem:
    """Something wrong in a codings file: where, and what."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def coding_id_for(doc_id: str, start: int, end: int, code_id: str, coder: str) -> str:
    """A stable id: the same coder coding the same span with the same code gets the same id."""
    key = f"{doc_id}\x1f{start}\x1f{end}\x1f{code_id}\x1f{coder}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_coding(doc_id: str, start: int, end: int, quote: str, doc_sha256: str, code_id: str,
               coder: str, origin: str = "manual", memo: str = "", created: str | None = None) -> Coding:
    """Build a coding with a stable id and the current time.

    >>> new_coding("d", 3, 7, "กองทุน", "x", "mechanism.fund", "coder_a").coding_id == \\
    ...     coding_id_for("d", 3, 7, "mechanism.fund", "coder_a")
    True
    """
    return Coding(coding_id_for(doc_id, start, end, code_id, coder), doc_id, start, end, quote,
                  doc_sha256, code_id, coder, created or now_iso(), origin, memo)


def check_coder_name(coder: str) -> str:
    """A coder name is a plain file stem: letters, digits, ``_ - .``; no slash, no ``..``.

    >>> check_coder_name("coder_a")
    'coder_a'
    >>> check_coder_name("../etc")
    Traceback (most recent call last):
    ...
    ValueError: coder name '../etc' may hold only letters, digits, '_', '-' and single dots
    """
    if not isinstance(coder, str) or ".." in coder or not CODER_NAME.match(coder):
        raise ValueError(f"coder name {coder!r} may hold only letters, digits, '_', '-' and single dots")
    return coder


_FIELDS = {f.name: f for f in fields(Coding)}
_REQUIRED = ("coding_id", "doc_id", "start", "end", "quote", "code_id", "coder")


def parse_coding(line: str) -> Coding:
    """One JSON line to a :class:`Coding`; raises ``ValueError`` saying what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise ValueError("a coding must be a JSON object")
    missing = [key for key in _REQUIRED if key not in record]
    if missing:
        raise ValueError(f"missing field(s) {', '.join(missing)}")
    unknown = set(record) - set(_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    for key in ("start", "end"):
        if not isinstance(record[key], int) or isinstance(record[key], bool):
            raise ValueError(f"'{key}' must be a whole number, got {record[key]!r}")
    if record["start"] < 0 or record["end"] <= record["start"]:
        kind = "zero-length" if record["end"] == record["start"] else "invalid"
        raise ValueError(f"{kind} span {record['start']}–{record['end']}")
    origin = record.get("origin", "manual")
    if origin not in ORIGINS:
        raise ValueError(f"origin {origin!r} is not one of {', '.join(ORIGINS)}")
    for key in ("coding_id", "doc_id", "quote", "code_id", "coder"):
        if not isinstance(record[key], str) or not record[key]:
            raise ValueError(f"'{key}' must be non-empty text")
    record.setdefault("doc_sha256", "")
    record.setdefault("created", "")
    return Coding(**record)


_CODING_ID_FIELD = re.compile(rb'"coding_id"\s*:\s*"((?:[^"\\]|\\.)*)"')


class CodingStore:
    """The codings of every coder under ``<lessons>/codings/``.

    ``problems`` holds what the last :meth:`load` found wrong (bad lines, duplicate ids,
    codings filed under another coder's name, overlapping codings of one code).
    """

    def __init__(self, lessons_dir: str | Path):
        self.lessons_dir = Path(lessons_dir).resolve()
        self.folder = self.lessons_dir / "codings"
        self.problems: list[Problem] = []

    # files ----------------------------------------------------------------------------------
    def path(self, coder: str) -> Path:
        path = (self.folder / f"{check_coder_name(coder)}.jsonl").resolve()
        if path.parent != self.folder.resolve():  # belt and braces: never outside lessons/codings
            raise ValueError(f"coder {coder!r} would write outside {self.folder}")
        return path

    def coders(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.jsonl")
                      if CODER_NAME.match(p.stem) and ".." not in p.stem and not p.is_dir())

    def _read(self, coder: str) -> list[str | Coding]:
        """The file's entries in order: a Coding, or the raw text of a line that did not parse."""
        path = self.path(coder)
        try:
            text = read_text(path)
        except OSError as error:
            self.problems.append(Problem(str(path), 0, f"cannot be read ({error.strerror or error}); "
                                                       "its codings are left out"))
            return []
        return self._parse(coder, path, text, self.problems)

    def _parse(self, coder: str, path: Path, text: str, problems: list[Problem]) -> list[str | Coding]:
        """Entries of a codings file's text (read with ``surrogateescape``): a Coding per good
        line, the line itself (kept byte for byte) for any other."""
        entries: list[str | Coding] = []
        if text.startswith("\ufeff"):
            text = text[1:]
        # split on "\n" only: JSON written with ensure_ascii=False may hold U+2028, U+0085 …
        for number, raw in enumerate(text.split("\n"), 1):
            line = raw[:-1] if raw.endswith("\r") else raw
            if not line.strip():
                continue
            undecoded = _UNDECODED.search(line)
            if undecoded:
                byte = ord(undecoded.group()) - 0xDC00
                problems.append(Problem(str(path), number, f"not UTF-8 text (byte 0x{byte:02x} at "
                                                           f"column {undecoded.start() + 1}); line kept as it is"))
                entries.append(line)
                continue
            try:
                coding = parse_coding(line)
            except ValueError as error:
                problems.append(Problem(str(path), number, f"{error}; line kept as it is"))
                entries.append(line)
                continue
            if coding.coder != coder:
                problems.append(Problem(str(path), number, f"coding {coding.coding_id} names coder "
                                                           f"{coding.coder!r} but is in {coder}.jsonl"))
            entries.append(coding)
        return entries

    def _update(self, coder: str, change: Callable[[list[str | Coding]], list[str | Coding] | None]) -> None:
        """Apply ``change`` to the coder's entries as they are *now*, under the file's lock.

        ``change`` gets the entries re-read under the lock and returns the new list (or None
        for no change); it may raise to cancel. Raises :class:`synthesis.lessons_io.LessonsWriteError`
        naming the file when it cannot be written (the previous file is then intact).
        """
        path = self.path(coder)

        def transform(text: str) -> str:
            entries = self._parse(coder, path, text, [])
            new = change(list(entries))
            if new is None or new == entries:
                return text
            lines = [entry if isinstance(entry, str) else entry.to_json() for entry in new]
            return "".join(line + "\n" for line in lines)

        update_text(path, transform)

    # reading --------------------------------------------------------------------------------
    def load(self, coder: str | None = None) -> list[Coding]:
        """All codings of one coder, or of every coder; see :attr:`problems`."""
        self.problems = []
        codings: list[Coding] = []
        for name in [coder] if coder else self.coders():
            entries = self._read(name)
            codings.extend(entry for entry in entries if isinstance(entry, Coding))
        self._check(codings)
        return codings

    def coding_ids(self) -> set[str]:
        """Every coding id in the store's files, found by the ``coding_id`` field's pattern
        instead of parsing each line (7x faster; :meth:`add` asks before every append). An id
        on a damaged line counts too: it cannot be given to a new coding either.

        >>> # CodingStore("lessons").coding_ids() >= {c.coding_id for c in CodingStore("lessons").load()}
        """
        ids: set[str] = set()
        for name in self.coders():
            try:
                data = self.path(name).read_bytes()
            except OSError:
                continue  # load() reports an unreadable file
            for raw in _CODING_ID_FIELD.findall(data):
                try:
                    ids.add(json.loads(b'"' + raw + b'"'))
                except ValueError:
                    ids.add(raw.decode("utf-8", "surrogateescape"))
        return ids

    def _check(self, codings: list[Coding]) -> None:
        seen: dict[str, Coding] = {}
        for coding in codings:
            if coding.coding_id in seen:
                self.problems.append(Problem(str(self.path(coding.coder)), 0,
                                             f"duplicate coding id {coding.coding_id} (both kept)"))
            seen[coding.coding_id] = coding
        spans: dict[tuple, list[Coding]] = {}
        for coding in codings:
            spans.setdefault((coding.coder, coding.doc_id, coding.code_id), []).append(coding)
        for group in spans.values():
            group.sort(key=lambda c: c.start)
            for before, after in zip(group, group[1:]):
                if after.start < before.end:
                    self.problems.append(Problem(str(self.path(after.coder)), 0,
                                                 f"codings {before.coding_id} and {after.coding_id} overlap "
                                                 f"with the same code {after.code_id} (warning)"))

    # writing --------------------------------------------------------------------------------
    def add(self, *codings: Coding) -> list[Coding]:
        """Append codings (per coder, locked and re-read); refuses an id already in the store.

        Two processes adding codings for one coder at once both keep theirs: each append is
        made to the file as it is under the lock, not as it was when the writer last read it.
        """
        known = self.coding_ids()
        by_coder: dict[str, list[Coding]] = {}
        for coding in codings:
            if coding.coding_id in known:
                raise ValueError(f"coding id {coding.coding_id} is already in the store")
            known.add(coding.coding_id)
            check_coder_name(coding.coder)
            parse_coding(coding.to_json())  # same checks as reading: no bad span enters the store
            by_coder.setdefault(coding.coder, []).append(coding)

        def append(new: list[Coding]) -> Callable[[list[str | Coding]], list[str | Coding]]:
            def change(entries: list[str | Coding]) -> list[str | Coding]:
                present = {e.coding_id for e in entries if isinstance(e, Coding)}
                for coding in new:  # added by another writer since we looked
                    if coding.coding_id in present:
                        raise ValueError(f"coding id {coding.coding_id} is already in the store")
                return [*entries, *new]
            return change

        for coder, new in by_coder.items():
            self._update(coder, append(new))
        return list(codings)

    def remove(self, coding_id: str) -> Coding:
        """Delete one coding by id; returns it."""
        removed: list[Coding] = []

        def drop(entries: list[str | Coding]) -> list[str | Coding] | None:
            hit = [e for e in entries if isinstance(e, Coding) and e.coding_id == coding_id]
            if not hit:
                return None
            removed.append(hit[0])
            return [e for e in entries if not (isinstance(e, Coding) and e.coding_id == coding_id)]

        for coder in self.coders():
            self._update(coder, drop)
            if removed:
                return removed[0]
        raise KeyError(f"no coding with id {coding_id}")

    def update(self, coding_id: str, **changes) -> Coding:
        """Change fields of one coding (e.g. ``memo``, ``code_id``); the coder cannot change."""
        if "coder" in changes or "coding_id" in changes:
            raise ValueError("a coding's coder and id cannot change; remove it and add a new one")
        updated: list[Coding] = []

        def change(entries: list[str | Coding]) -> list[str | Coding] | None:
            for index, entry in enumerate(entries):
                if isinstance(entry, Coding) and entry.coding_id == coding_id:
                    changed = replace(entry, **changes)
                    parse_coding(changed.to_json())
                    entries[index] = changed
                    updated.append(changed)
                    return entries
            return None

        for coder in self.coders():
            self._update(coder, change)
            if updated:
                return updated[0]
        raise KeyError(f"no coding with id {coding_id}")

    def replace_coder(self, coder: str, codings: Iterable[Coding]) -> int:
        """Replace every parsed coding of one coder (unparseable lines stay); returns the count."""
        codings = list(codings)
        for coding in codings:
            if coding.coder != coder:
                raise ValueError(f"coding {coding.coding_id} belongs to {coding.coder!r}, not {coder!r}")
            parse_coding(coding.to_json())
        self._update(coder, lambda entries: [*(e for e in entries if isinstance(e, str)), *codings])
        return len(codings)

    def save_all(self, codings: Iterable[Coding]) -> None:
        """Write back changed codings in place, matched by id (used after re-anchoring).

        Codings added or removed by another writer meanwhile are left as they are now.
        """
        changed = {c.coding_id: c for c in codings}
        for coder in self.coders():
            self._update(coder, lambda entries: [changed.get(e.coding_id, e) if isinstance(e, Coding) else e
                                                 for e in entries])

    def recode(self, mapping: Mapping[str, str] | Callable[[Coding], str]) -> int:
        """Move codings to other codes after a merge, id change or split; returns how many.

        ``mapping`` is ``{old_id: new_id}`` or a function from a coding to its new code id.
        """
        pick = mapping if callable(mapping) else (lambda c: mapping.get(c.code_id, c.code_id))
        count = 0

        def change(entries: list[str | Coding]) -> list[str | Coding]:
            nonlocal count
            new = []
            for entry in entries:
                if isinstance(entry, Coding) and pick(entry) != entry.code_id:
                    entry = replace(entry, code_id=pick(entry))
                    count += 1
                new.append(entry)
            return new

        for coder in self.coders():
            self._update(coder, change)
        return count


def check_against_codebook(codings: Iterable[Coding], codebook) -> list[str]:
    """Warnings for codings whose code is not in the codebook (another codebook version?)."""
    unknown: dict[str, int] = {}
    for coding in codings:
        if coding.code_id not in codebook:
            unknown[coding.code_id] = unknown.get(coding.code_id, 0) + 1
    return [f"code {code!r} is not in the codebook ({count} coding(s); another codebook version?)"
            for code, count in sorted(unknown.items())]


def warn_problems(problems: Iterable[Problem | str]) -> None:
    for problem in problems:
        warnings.warn(str(problem), stacklevel=2)

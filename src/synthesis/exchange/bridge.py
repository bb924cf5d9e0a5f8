"""Between the workbench (codebook, codings, documents, areas) and a REFI-QDA ``QdaProject``.

Export: ``project_from_workbench`` turns our codebook, codings and documents into a project:
coders become users, codes keep their hierarchy and colours, each document becomes a text
source with its normalized text, codings become selections (``start``/``end`` are our offsets,
i.e. character positions in that text), memos become notes, pilot areas become cases with
their attributes as variables. What REFI-QDA has no place for (a code's id, English name,
inclusion notes, rules) rides in the last line of the code's description, so our own export
imported again gives back the same codebook.

Import: ``workbench_from_project`` maps a project to codes, texts and codings, and
``write_import`` writes them into ``corpora/<collection>/`` and ``lessons/`` without ever
overwriting a different file or leaving the target folders.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Iterable

from synthesis.exchange.model import (
    QdaCase,
    QdaCode,
    QdaCoding,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    QdaVariable,
    stable_guid,
)
from synthesis.exchange.safezip import UnsafeArchiveError, atomic_write_bytes, safe_target
from synthesis.thai.graphemes import is_boundary, snap_left, snap_right

META_PREFIX = "synthesis:"  # the description line that carries what REFI-QDA has no field for
AREA_VARIABLES = ("area_id", "name_en", "province", "amphoe", "tambon", "local_government", "occupation_th")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


# export ---------------------------------------------------------------------------------------
def _datetime(value: str | None) -> str | None:
    return value if value and _DATETIME.match(value) else None


def code_description(code) -> str:
    """The code's description, then one line ``synthesis: {json}`` with our other fields."""
    extra = {key: value for key, value in code.to_dict().items() if key not in ("parent", "name_th", "description", "colour")}
    extra["name_th"] = code.name_th
    line = META_PREFIX + " " + json.dumps(extra, ensure_ascii=False, sort_keys=True)
    return f"{code.description}\n\n{line}" if code.description else line


def split_description(text: str | None) -> tuple[str, dict]:
    """``(description, our fields)`` from a description written by ``code_description``.

    >>> split_description('ผู้นำ\\n\\nsynthesis: {"id": "success.leader"}')
    ('ผู้นำ', {'id': 'success.leader'})
    """
    if not text:
        return "", {}
    head, _, last = text.rstrip().rpartition("\n")
    if not last.startswith(META_PREFIX):
        return text.strip(), {}
    try:
        extra = json.loads(last[len(META_PREFIX):])
    except json.JSONDecodeError:
        return text.strip(), {}
    return head.strip(), extra if isinstance(extra, dict) else {}


def qda_codes(codebook) -> list[QdaCode]:
    """REFI-QDA codes of our codebook (GUIDs derived from the code ids)."""
    return [
        QdaCode(
            guid=stable_guid("code", code.id),
            name=code.name_th or code.name_en,
            parent=stable_guid("code", code.parent) if code.parent else None,
            color=code.colour,
            description=code_description(code),
        )
        for code in codebook
    ]


POSITION_UNITS = ("codepoints", "utf16")


def to_utf16(text: str, index: int) -> int:
    """A Python string index as a count of UTF-16 units (what .NET and Java programs count).

    >>> to_utf16("ยิ้ม😀ดี", 4), to_utf16("ยิ้ม😀ดี", 5)
    (4, 6)
    """
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def from_utf16(text: str, units: int) -> int:
    """The Python string index at ``units`` UTF-16 units (inside a surrogate pair: after it).

    >>> from_utf16("ยิ้ม😀ดี", 6)
    5
    """
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


_ORIGINS = ("manual", "rule", "suggestion-accepted")
_CODING_GUID = re.compile(r"^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-5e7e-5e7e5e7e5e7([0-9])$")


def coding_guid(coding_id: str, origin: str = "manual") -> str:
    """The GUID of one of our codings; it carries the coding's id and origin back on import.

    >>> guid = coding_guid("f9f1f4023395b222", "rule")
    >>> guid, coding_from_guid(guid)
    ('f9f1f402-3395-b222-5e7e-5e7e5e7e5e71', ('f9f1f4023395b222', 'rule'))
    """
    if re.fullmatch(r"[0-9a-f]{16}", coding_id) and origin in _ORIGINS:
        return f"{coding_id[:8]}-{coding_id[8:12]}-{coding_id[12:]}-5e7e-5e7e5e7e5e7{_ORIGINS.index(origin)}"
    return stable_guid("coding", coding_id)


def coding_from_guid(guid: str) -> tuple[str, str] | None:
    """``(coding_id, origin)`` from a GUID made by ``coding_guid``, else ``None``."""
    match = _CODING_GUID.match(guid.strip("{}").lower())
    if not match or int(match.group(4)) >= len(_ORIGINS):
        return None
    return match.group(1) + match.group(2) + match.group(3), _ORIGINS[int(match.group(4))]


def _shift(offsets: list[tuple[int, int, int]], position: int, side: str) -> int:
    """``position`` in the redacted text, given replaced ``(start, end, new_length)`` spans."""
    delta = 0
    for start, end, length in offsets:
        if position <= start:
            break
        if position < end:  # inside a replaced name: snap to its edge
            return start + delta + (0 if side == "start" else length)
        delta += length - (end - start)
    return position + delta


def _redacted(text: str, key, doc_id: str) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` with names replaced (unchanged without a key), and the replaced
    ``(start, end, new_length)`` spans that move the selections."""
    if key is None:
        return text, []
    from synthesis.privacy.redact import name_spans

    spans = name_spans(text, key, doc_id)
    pieces, position = [], 0
    for span in spans:
        pieces += [text[position:span.start], span.pseudonym]
        position = span.end
    return "".join(pieces) + text[position:], [(s.start, s.end, len(s.pseudonym)) for s in spans]


def _redactor(key, doc_id: str):
    """A function that pseudonymizes a title, name or memo of this document (identity without key)."""
    if key is None:
        return lambda value: value
    from synthesis.privacy.redact import redact_text

    return lambda value: redact_text(value, key, doc_id) if value else value


@dataclass
class ExportResult:
    project: QdaProject
    warnings: list[str] = field(default_factory=list)
    codings: int = 0


def project_from_workbench(
    codebook,
    codings: Iterable,
    documents,
    areas: Iterable = (),
    name: str = "synthesis",
    all_documents: bool = False,
    key=None,
    positions: str = "codepoints",
) -> ExportResult:
    """A ``QdaProject`` from our codebook, codings (``Coding``), documents (DataFrame) and areas.

    Only documents that hold codings are exported, unless ``all_documents``. ``positions``
    says how selections count characters: ``codepoints`` (Python, QualCoder) or ``utf16``
    (for programs that count UTF-16 units; the two differ only after characters outside the
    Basic Multilingual Plane, such as emoji). With ``key`` (a
    ``PseudonymKey``) texts, titles, quotes and memos are pseudonymized and the selections
    moved to the redacted text.
    """
    result = ExportResult(QdaProject(name=name))
    project = result.project
    codings = [c for c in codings if not getattr(c, "orphaned", False)]
    known_codes = {code.id for code in codebook}
    project.codes = qda_codes(codebook)
    docs = {row["doc_id"]: row for row in documents.to_dict("records")}
    by_doc: dict[str, list] = {}
    for coding in codings:
        if coding.code_id not in known_codes:
            result.warnings.append(f"coding {coding.coding_id}: code {coding.code_id!r} is not in the codebook; skipped")
            continue
        doc = docs.get(coding.doc_id)
        if doc is None:
            result.warnings.append(f"coding {coding.coding_id}: document {coding.doc_id} is not in the corpus; skipped")
            continue
        if doc["text"][coding.start:coding.end] != coding.quote:
            result.warnings.append(
                f"coding {coding.coding_id}: its quote is no longer at {coding.start}–{coding.end} of "
                f"{doc.get('path') or coding.doc_id}; run `synthesis codings check --write`; skipped"
            )
            continue
        by_doc.setdefault(coding.doc_id, []).append(coding)
    coders = sorted({c.coder for cs in by_doc.values() for c in cs})
    project.users = [QdaUser(guid=stable_guid("user", coder), name=coder, id=coder) for coder in coders]
    chosen = list(docs) if all_documents else [doc_id for doc_id in docs if doc_id in by_doc]
    for doc_id in chosen:
        doc = docs[doc_id]
        text, offsets = _redacted(doc["text"], key, doc_id)
        redact = _redactor(key, doc_id)
        source = QdaSource(
            guid=stable_guid("doc", doc_id),
            name=redact(str(doc.get("path") or doc_id)),
            text=text,
            description=redact(doc.get("title") or None),
        )
        groups: dict[tuple[int, int], list] = {}
        for coding in sorted(by_doc.get(doc_id, []), key=lambda c: (c.start, c.end, c.code_id, c.coder)):
            groups.setdefault((coding.start, coding.end), []).append(coding)
        for (start, end), group in groups.items():
            new_start, new_end = _shift(offsets, start, "start"), _shift(offsets, end, "end")
            written = (to_utf16(text, new_start), to_utf16(text, new_end)) if positions == "utf16" else (new_start, new_end)
            selection = QdaSelection(
                guid=stable_guid("selection", doc_id, str(start), str(end)),
                start=written[0],
                end=written[1],
                name=" ".join(text[new_start:snap_left(text, min(new_end, new_start + 60))].split()),
                user_guid=stable_guid("user", group[0].coder),
                created=_datetime(group[0].created),
            )
            for coding in group:
                qda_coding = QdaCoding(
                    guid=coding_guid(coding.coding_id, coding.origin),
                    code_guid=stable_guid("code", coding.code_id),
                    user_guid=stable_guid("user", coding.coder),
                    created=_datetime(coding.created),
                )
                if coding.memo:
                    note = QdaNote(
                        guid=stable_guid("memo", coding.coding_id),
                        name=f"memo {coding.code_id}",
                        text=redact(coding.memo),
                        user_guid=qda_coding.user_guid,
                        created=qda_coding.created,
                    )
                    project.notes.append(note)
                    qda_coding.note_guids.append(note.guid)
                selection.codings.append(qda_coding)
                result.codings += 1
            source.selections.append(selection)
        project.sources.append(source)
    _add_cases(project, list(areas), docs, chosen)
    return result


def _add_cases(project: QdaProject, areas: list, docs: dict, chosen: list[str]) -> None:
    if not areas:
        return
    project.variables = [QdaVariable(guid=stable_guid("variable", name), name=name) for name in AREA_VARIABLES]
    for area in areas:
        values = {"area_id": area.id, **{name: getattr(area, name, None) for name in AREA_VARIABLES[1:]}}
        members = [
            stable_guid("doc", doc_id)
            for doc_id in chosen
            if area.id in list(docs[doc_id].get("areas") if docs[doc_id].get("areas") is not None else [])
        ]
        project.cases.append(
            QdaCase(
                guid=stable_guid("area", area.id),
                name=area.name_th,
                description=area.name_en,
                variables={stable_guid("variable", k): str(v) for k, v in values.items() if v},
                source_guids=members,
            )
        )


# import ---------------------------------------------------------------------------------------
_SLUG = re.compile(r"[^a-z0-9_-]+")


def _slug(name: str, guid: str) -> str:
    slug = _SLUG.sub("_", name.strip().lower()).strip("_-")
    if not slug or not slug[0].isalnum():
        slug = "c" + guid.replace("-", "").replace("{", "")[:8].lower()
    return slug


def codes_from_project(codes: list[QdaCode]) -> tuple[list, dict[str, str]]:
    """Our ``Code`` objects for REFI-QDA codes, and the map GUID → code id.

    Codes we exported keep their id and fields; others get a dotted id from their names
    (``rq1_definition.concepts``), made unique with ``-2``, ``-3`` … when names repeat.
    """
    from synthesis.coding.codebook import CODE_ID, COLOUR, Code, _hotkey_field

    ids: dict[str, str] = {}
    used: set[str] = set()
    keys_used: set[str] = set()
    result = []
    for qda in codes:  # parents come before their children in document order
        description, extra = split_description(qda.description)
        parent = ids.get(qda.parent) if qda.parent else None
        code_id = extra.get("id") if isinstance(extra.get("id"), str) and CODE_ID.match(extra.get("id", "")) else None
        if code_id is None or code_id in used:
            base = _slug(qda.name, qda.guid)
            base = f"{parent}.{base}" if parent else base
            code_id, number = base, 2
            while code_id in used:
                code_id, number = f"{base}-{number}", number + 1
        used.add(code_id)
        ids[qda.guid] = code_id
        colour = qda.color if qda.color and COLOUR.match(qda.color) else None
        if qda.color and not colour and re.match(r"^#[0-9a-fA-F]{3}$", qda.color):
            colour = "#" + "".join(ch * 2 for ch in qda.color[1:])
        # a panel hot key survives the round trip unless it is invalid or already taken
        key = _hotkey_field(extra, code_id, [])
        if key in keys_used:
            key = ""
        elif key:
            keys_used.add(key)
        result.append(
            Code(
                id=code_id,
                parent=parent,
                name_th=extra.get("name_th") or qda.name,
                name_en=extra.get("name_en") or qda.name,
                description=description,
                include=extra.get("include", ""),
                exclude=extra.get("exclude", ""),
                colour=colour or "#999999",
                rules=_rules(extra.get("rules")),
                key=key,
            )
        )
    return result, ids


def _rules(raw) -> tuple:
    if not raw:
        return ()
    from synthesis.coding.codebook import _rule_from_entry

    rules = []
    for entry in raw:
        rule, problems = _rule_from_entry(entry, "imported rule")
        if rule is not None and not problems:
            rules.append(rule)
    return tuple(rules)


_CODER = re.compile(r"[^A-Za-z0-9_-]+")


def coder_name(user: QdaUser | None) -> str:
    """A coder name (a file stem) for a REFI-QDA user: its id/name in ASCII, else from its GUID.

    >>> coder_name(QdaUser(guid="1b0b1791-be46-4557-9957-7333544cfaf2", name="chrisp"))
    'chrisp'
    >>> coder_name(QdaUser(guid="1b0b1791-be46-4557-9957-7333544cfaf2", name="สมชาย"))
    'user-1b0b1791'
    """
    if user is None:
        return "imported"
    for candidate in (user.name, user.id):
        cleaned = _CODER.sub("_", (candidate or "").strip()).strip("_-")
        if cleaned and cleaned[0].isalnum() and len(cleaned) <= 60:
            return cleaned
    return "user-" + user.guid.strip("{}").lower()[:8]


def source_path(source: QdaSource) -> str:
    """Where an imported source's text goes inside the collection: a safe relative ``.txt`` path.

    >>> source_path(QdaSource(guid="g", name="reports/รายงาน 1.txt"))
    'reports/รายงาน 1.txt'
    >>> source_path(QdaSource(guid="g", name="../../etc/passwd"))
    'etc/passwd.txt'
    """
    parts = [part for part in PurePosixPath(source.name.replace("\\", "/")).parts if part not in ("", ".", "..", "/")]
    parts = [re.sub(r'[\x00-\x1f<>:"|?*]', "_", part).strip(" .") for part in parts]
    parts = [part for part in parts if part]
    if not parts:
        parts = [source.guid.strip("{}")]
    if not parts[-1].lower().endswith((".txt", ".md")):
        parts[-1] += ".txt"
    return "/".join(parts)


@dataclass
class ImportPlan:
    """What an import will write: codes, texts by relative path, codings; and what it skipped."""

    codes: list
    texts: dict[str, str]
    codings: list
    warnings: list[str] = field(default_factory=list)
    users: dict[str, str] = field(default_factory=dict)  # user GUID -> coder
    sidecars: dict[str, dict] = field(default_factory=dict)  # relative path -> <file>.meta.yaml content


def source_areas(project: QdaProject) -> dict[str, list[str]]:
    """Source GUID → area ids, from cases that carry an ``area_id`` variable (as ours do)."""
    variable = next((v.guid for v in project.variables if v.name == "area_id"), None)
    areas: dict[str, list[str]] = {}
    for case in project.cases:
        area_id = case.variables.get(variable) if variable else None
        if not area_id:
            continue
        for source_guid in case.source_guids:
            areas.setdefault(source_guid, []).append(area_id)
    return areas


def workbench_from_project(project: QdaProject, collection: str, positions: str = "codepoints") -> ImportPlan:
    """Codes, texts and codings of a project, as they would land in ``collection``.

    ``positions``: how the project counts characters (``codepoints`` or ``utf16``).
    """
    from synthesis.coding.codings import RULES_CODER, new_coding
    from synthesis.corpus.document import make_doc_id, text_sha256

    codes, code_ids = codes_from_project(project.codes)
    users = project.user_by_guid()
    coder_of = {guid: coder_name(user) for guid, user in users.items()}
    notes_for: dict[str, list[str]] = {}
    for note in project.notes:
        for target in note.targets:
            notes_for.setdefault(target, []).append(note.text)
    plan = ImportPlan(codes=codes, texts={}, codings=[], warnings=list(project.warnings), users=coder_of)
    areas_of = source_areas(project)
    taken: set[str] = set()
    for source in project.sources:
        if source.text is None:
            plan.warnings.append(f"source {source.name!r}: no plain text; its codings are skipped")
            continue
        relative = source_path(source)
        stem, number = relative, 2
        while relative in taken:
            relative = re.sub(r"(\.\w+)$", f"-{number}\\1", stem)
            number += 1
        taken.add(relative)
        text = source.text
        plan.texts[relative] = text
        if areas_of.get(source.guid):
            plan.sidecars[relative] = {"areas": sorted(set(areas_of[source.guid]))}
        doc_id = make_doc_id(collection, relative)
        sha = text_sha256(text)
        for selection in source.selections:
            start, end = selection.start, selection.end
            if positions == "utf16":
                start, end = from_utf16(text, start), from_utf16(text, end)
            if not (0 <= start < end <= len(text)):
                plan.warnings.append(
                    f"source {source.name!r}: selection {start}–{end} lies outside its text ({len(text)} characters); skipped"
                )
                continue
            if not (is_boundary(text, start) and is_boundary(text, end)):  # never split a Thai cluster
                snapped = snap_left(text, start), snap_right(text, end)
                plan.warnings.append(f"source {source.name!r}: selection {start}–{end} cut a character cluster; "
                                     f"widened to {snapped[0]}–{snapped[1]}")
                start, end = snapped
            for coding in selection.codings:
                code_id = code_ids.get(coding.code_guid)
                if code_id is None:
                    plan.warnings.append(f"source {source.name!r}: a coding names an unknown code {coding.code_guid}; skipped")
                    continue
                user_guid = coding.user_guid or selection.user_guid
                coder = coder_of.get(user_guid) or ("user-" + user_guid.strip("{}")[:8].lower() if user_guid else "imported")
                memo = "\n\n".join(dict.fromkeys(notes_for.get(coding.guid, []) + notes_for.get(selection.guid, [])))
                origin = "rule" if coder == RULES_CODER else "manual"
                ours = coding_from_guid(coding.guid)
                if ours:
                    origin = ours[1]
                imported = new_coding(doc_id, start, end, text[start:end], sha, code_id, coder, origin=origin,
                                      memo=memo, created=coding.created or selection.created or "")
                if ours:
                    imported = replace(imported, coding_id=ours[0])
                plan.codings.append(imported)
    return plan


def _write_sidecar(target: Path, metadata: dict, report: "ImportReport") -> None:
    """``<file>.meta.yaml`` with the areas the project's cases gave the text (never overwritten)."""
    import yaml

    sidecar = target.with_name(target.name + ".meta.yaml")
    if sidecar.exists():
        report.warnings.append(f"{sidecar}: exists; areas {metadata.get('areas')} not written")
        return
    atomic_write_bytes(sidecar, yaml.safe_dump(metadata, allow_unicode=True, sort_keys=True).encode("utf-8"))


@dataclass
class ImportReport:
    corpus_dir: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    codes_added: list[str] = field(default_factory=list)
    codes_kept: list[str] = field(default_factory=list)
    codings_added: int = 0
    codings_present: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.written)} texts written, {len(self.unchanged)} already there, {len(self.refused)} refused; "
            f"{len(self.codes_added)} codes added, {len(self.codes_kept)} kept; "
            f"{self.codings_added} codings added, {self.codings_present} already present; "
            f"{len(self.warnings)} warnings"
        )


def write_import(plan: ImportPlan, corpus_dir: Path, lessons_dir: Path, codebook_path: Path | None = None) -> ImportReport:
    """Write an ``ImportPlan``: texts into ``corpus_dir``, codes and codings into ``lessons_dir``.

    Everything is checked before anything is written: the merged codebook must validate
    (``CodebookError`` otherwise, nothing written) and every coding must pass the store's
    checks. A text whose file already exists with other content is refused, with its codings;
    an existing code id keeps its definition; codings already in the store are not added twice.
    """
    from synthesis.coding.codebook import Codebook, CodebookError, load_codebook, save_codebook, validate_codes
    from synthesis.coding.codings import CodingStore, check_coder_name, parse_coding
    from synthesis.corpus.document import make_doc_id

    report = ImportReport(corpus_dir=corpus_dir, warnings=list(plan.warnings))
    codebook_path = codebook_path or lessons_dir / "codebook.yaml"
    existing = load_codebook(codebook_path) if codebook_path.exists() else Codebook([], source=str(codebook_path))
    merged = list(existing)
    for code in plan.codes:
        if code.id in existing:
            report.codes_kept.append(code.id)
        else:
            merged.append(code)
            report.codes_added.append(code.id)
    problems = validate_codes(merged, str(codebook_path))
    if problems:
        raise CodebookError(problems)
    for coding in plan.codings:  # the store's own checks, before any file is touched
        check_coder_name(coding.coder)
        parse_coding(coding.to_json())
    store = CodingStore(lessons_dir)
    present = {c.coding_id for c in store.load()}

    collection = corpus_dir.resolve().name
    refused_docs: set[str] = set()
    for relative, text in plan.texts.items():
        try:
            target = safe_target(corpus_dir, relative)
        except UnsafeArchiveError as error:
            report.refused.append(f"{relative}: {error}")
            refused_docs.add(make_doc_id(collection, relative))
            continue
        data = text.encode("utf-8")
        if target.exists():
            if target.read_bytes() == data:
                report.unchanged.append(relative)
                continue
            report.refused.append(f"{target}: exists with other content; not overwritten")
            refused_docs.add(make_doc_id(collection, relative))
            continue
        atomic_write_bytes(target, data)
        report.written.append(relative)
        if relative in plan.sidecars:
            _write_sidecar(target, plan.sidecars[relative], report)

    if report.codes_added:
        save_codebook(Codebook(merged, existing.version, existing.header, str(codebook_path)), codebook_path)
    fresh = []
    for coding in plan.codings:
        if coding.doc_id in refused_docs:
            continue
        if coding.coding_id in present:
            report.codings_present += 1
            continue
        present.add(coding.coding_id)
        fresh.append(coding)
    if fresh:
        store.add(*fresh)
    report.codings_added = len(fresh)
    return report

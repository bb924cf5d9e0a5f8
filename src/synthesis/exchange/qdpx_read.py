"""Reading REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``) into ``model`` classes.

The reader is lenient about what other programs write (namespaces, missing optional
attributes, plain-text paths with or without ``internal://``) and strict about safety: see
``safezip``. Whatever it cannot use (pictures, audio, a source whose text is missing) is
listed in ``QdaProject.warnings`` rather than dropped silently.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree

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
)
from synthesis.exchange.safezip import DEFAULT_LIMITS, SafeZip, UnsafeArchiveError, ZipLimits, parse_xml

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
INTERNAL = "internal://"


class QdaFormatError(ValueError):
    """The file is not a REFI-QDA project or codebook we can read."""


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _child_text(element: etree._Element, name: str) -> str | None:
    child = _child(element, name)
    return None if child is None else (child.text or "")


def _note_refs(element: etree._Element) -> list[str]:
    return [ref.get("targetGUID") for ref in _children(element, "NoteRef") if ref.get("targetGUID")]


def read_codes(codes_element: etree._Element | None) -> list[QdaCode]:
    """The codes under a ``<Codes>`` element, flattened in document order with parents."""
    codes: list[QdaCode] = []

    def visit(element: etree._Element, parent: str | None) -> None:
        for code_element in _children(element, "Code"):
            guid = code_element.get("guid")
            if not guid:
                raise QdaFormatError(f"a Code named {code_element.get('name')!r} has no guid")
            codes.append(
                QdaCode(
                    guid=guid,
                    name=code_element.get("name") or "",
                    parent=parent,
                    color=code_element.get("color"),
                    description=_child_text(code_element, "Description"),
                    is_codable=(code_element.get("isCodable", "true").strip().lower() in ("true", "1")),
                )
            )
            visit(code_element, guid)

    if codes_element is not None:
        visit(codes_element, None)
    return codes


def _codings(element: etree._Element) -> list[QdaCoding]:
    codings = []
    for coding in _children(element, "Coding"):
        ref = _child(coding, "CodeRef")
        if ref is None or not ref.get("targetGUID"):
            continue
        codings.append(
            QdaCoding(
                guid=coding.get("guid") or "",
                code_guid=ref.get("targetGUID"),
                user_guid=coding.get("creatingUser"),
                created=coding.get("creationDateTime"),
                note_guids=_note_refs(coding),
            )
        )
    return codings


def _decode_text(data: bytes) -> str:
    r"""Plain text of a source: UTF-8 per the standard (a BOM is dropped, line ends kept).

    Anything else (UTF-16 from older tools, TIS-620/cp874) goes through the corpus decoder.

    >>> _decode_text("ราคายาง\r\n".encode("utf-16"))
    'ราคายาง\r\n'
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from synthesis.corpus.encoding import decode_bytes

        return decode_bytes(data).text


DOCX_LIMITS = ZipLimits(max_members=2_000, max_member_bytes=100 * 1024 * 1024, max_total_bytes=200 * 1024 * 1024)


def _docx_text(data: bytes) -> str:
    """Paragraph texts of a ``.docx`` (itself a zip: checked for bombs before python-docx opens it)."""
    import docx

    with SafeZip(io.BytesIO(data), DOCX_LIMITS, label="embedded .docx") as inner:
        for name in inner.names():
            inner.read(name)
    document = docx.Document(io.BytesIO(data))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


class _SourceTexts:
    """Finds a source's plain text inside the archive from its ``plainTextPath``."""

    def __init__(self, archive: SafeZip | None, warnings: list[str]):
        self.archive = archive
        self.warnings = warnings

    def _member(self, path: str) -> str | None:
        if self.archive is None:
            return None
        if path.startswith(INTERNAL):
            relative = path[len(INTERNAL):]
            return self.archive.find(f"sources/{relative}")
        if "://" in path or path.startswith("/") or (len(path) > 1 and path[1] == ":"):
            return None  # an external file on someone else's computer
        return self.archive.find(f"sources/{path}") or self.archive.find(path)

    def text(self, element: etree._Element, name: str) -> str | None:
        content = _child_text(element, "PlainTextContent")
        if content is not None:
            return content
        for attribute, reader in (("plainTextPath", _decode_text), ("richTextPath", _docx_text)):
            path = element.get(attribute)
            if not path:
                continue
            if attribute == "richTextPath" and not path.lower().endswith(".docx"):
                continue
            member = self._member(path)
            if member is None:
                continue
            try:
                return reader(self.archive.read(member))
            except UnsafeArchiveError:
                raise
            except Exception as error:  # a broken .docx: say so, keep going
                self.warnings.append(f"source {name!r}: cannot read {member} ({error})")
        self.warnings.append(f"source {name!r}: its plain text is not inside the archive")
        return None


def _read_text_source(element: etree._Element, kind: str, texts: _SourceTexts) -> QdaSource:
    guid = element.get("guid") or ""
    path = element.get("plainTextPath") or ""
    name = element.get("name") or (Path(path.replace(INTERNAL, "")).stem if path else guid)
    body = element
    if kind == "PDFSource":  # the coded text of a PDF lives in its Representation
        representation = _child(element, "Representation")
        body = representation if representation is not None else element
    text = texts.text(body, name)
    source = QdaSource(
        guid=guid,
        name=name,
        text=text,
        plain_text_path=body.get("plainTextPath"),
        rich_text_path=body.get("richTextPath"),
        kind=kind,
        description=_child_text(element, "Description"),
        user_guid=element.get("creatingUser"),
        created=element.get("creationDateTime"),
    )
    for selection in _children(body, "PlainTextSelection"):
        try:
            start = int(selection.get("startPosition"))
            end = int(selection.get("endPosition"))
        except (TypeError, ValueError):
            texts.warnings.append(f"source {name!r}: a selection without valid positions was skipped")
            continue
        if start > end:
            start, end = end, start
        source.selections.append(
            QdaSelection(
                guid=selection.get("guid") or "",
                start=start,
                end=end,
                name=selection.get("name"),
                user_guid=selection.get("creatingUser"),
                created=selection.get("creationDateTime"),
                codings=_codings(selection),
            )
        )
    whole = _codings(body)
    if whole and text is not None:  # codings of the whole source
        source.selections.append(QdaSelection(guid=f"{guid}-whole", start=0, end=len(text), codings=whole))
    for value in _children(element, "VariableValue"):
        ref = _child(value, "VariableRef")
        if ref is not None:
            source.variables[ref.get("targetGUID")] = _variable_value(value)
    return source


def _variable_value(element: etree._Element) -> str:
    for child in element:
        if _local(child).endswith("Value") and _local(child) != "VariableRef":
            return child.text or ""
    return ""


def project_from_xml(root: etree._Element, archive: SafeZip | None = None, label: str = "project") -> QdaProject:
    """A ``QdaProject`` from a parsed ``<Project>`` element."""
    if _local(root) != "Project":
        raise QdaFormatError(f"{label}: the root element is <{_local(root)}>, not <Project>")
    project = QdaProject(name=root.get("name") or "", origin=root.get("origin"))
    users = _child(root, "Users")
    for user in _children(users, "User") if users is not None else []:
        project.users.append(QdaUser(guid=user.get("guid") or "", name=user.get("name") or "", id=user.get("id")))
    codebook = _child(root, "CodeBook")
    project.codes = read_codes(_child(codebook, "Codes") if codebook is not None else None)
    variables = _child(root, "Variables")
    for variable in _children(variables, "Variable") if variables is not None else []:
        project.variables.append(
            QdaVariable(
                guid=variable.get("guid") or "",
                name=variable.get("name") or "",
                type=variable.get("typeOfVariable") or "Text",
                description=_child_text(variable, "Description"),
            )
        )
    texts = _SourceTexts(archive, project.warnings)
    sources = _child(root, "Sources")
    for element in list(sources) if sources is not None else []:
        kind = _local(element)
        if kind in ("TextSource", "PDFSource"):
            project.sources.append(_read_text_source(element, kind, texts))
        elif kind:
            project.warnings.append(f"{kind} {element.get('name')!r} skipped: only text sources are imported")
    cases = _child(root, "Cases")
    for case in _children(cases, "Case") if cases is not None else []:
        project.cases.append(
            QdaCase(
                guid=case.get("guid") or "",
                name=case.get("name") or "",
                description=_child_text(case, "Description"),
                variables={
                    ref.get("targetGUID"): _variable_value(value)
                    for value in _children(case, "VariableValue")
                    if (ref := _child(value, "VariableRef")) is not None
                },
                source_guids=[ref.get("targetGUID") for ref in _children(case, "SourceRef")],
            )
        )
    # A note is attached to whatever holds a NoteRef to it (a code, selection, coding, source).
    targets: dict[str, list[str]] = {}
    for element in root.iter():
        owner = element.getparent()
        if _local(element) == "NoteRef" and owner is not None and _local(owner) != "Project":
            targets.setdefault(element.get("targetGUID"), []).append(owner.get("guid"))
    notes = _child(root, "Notes")
    for note in _children(notes, "Note") if notes is not None else []:
        guid = note.get("guid") or ""
        text = texts.text(note, note.get("name") or guid)
        project.notes.append(
            QdaNote(
                guid=guid,
                name=note.get("name") or "",
                text=text or "",
                user_guid=note.get("creatingUser"),
                created=note.get("creationDateTime"),
                targets=[target for target in targets.get(guid, []) if target],
            )
        )
    return project


def _file_bytes(path: Path, limits: ZipLimits) -> bytes:
    """A bare ``.qde``/``.qdc`` file's bytes: a regular file within the member size limit
    (a named pipe or a device is refused, never read)."""
    from synthesis.corpus.readers import ReadError, read_regular_bytes

    try:
        return read_regular_bytes(path, limits.max_member_bytes)
    except ReadError as error:
        raise UnsafeArchiveError(str(error)) from None


def read_qdpx(path: str | Path, limits: ZipLimits = DEFAULT_LIMITS) -> QdaProject:
    """Read a ``.qdpx`` archive (or a bare ``project.qde``) into a ``QdaProject``.

    Raises ``UnsafeArchiveError`` or ``QdaFormatError`` with the file name in the message.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if not path.is_file():  # a named pipe would hang the zip reader
        raise UnsafeArchiveError(f"{path}: not a regular file (a pipe, device or folder): not read")
    if path.suffix.lower() == ".qde":
        return project_from_xml(parse_xml(_file_bytes(path, limits), str(path)), None, str(path))
    with SafeZip(path, limits, label=str(path)) as archive:
        qde = archive.find("project.qde") or next(
            (name for name in archive.names() if name.lower().endswith(".qde") and "/" not in name), None
        )
        if qde is None:
            raise QdaFormatError(f"{path}: no project.qde inside the archive")
        root = parse_xml(archive.read(qde), f"{path}:{qde}")
        try:
            return project_from_xml(root, archive, str(path))
        except QdaFormatError as error:
            raise QdaFormatError(f"{path}: {error}") from None


def read_qdc(path: str | Path) -> list[QdaCode]:
    """The codes of a ``.qdc`` codebook file."""
    path = Path(path)
    root = parse_xml(_file_bytes(path, DEFAULT_LIMITS), str(path))
    if _local(root) == "Project":  # a project.qde given as a codebook: take its codebook
        codebook = _child(root, "CodeBook")
        return read_codes(_child(codebook, "Codes") if codebook is not None else None)
    if _local(root) != "CodeBook":
        raise QdaFormatError(f"{path}: the root element is <{_local(root)}>, not <CodeBook>")
    return read_codes(_child(root, "Codes"))

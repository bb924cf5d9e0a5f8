"""Writing REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``) from ``model`` classes.

Each source's plain text is stored as UTF-8 in ``sources/<guid>.txt`` and referenced as
``internal://<guid>.txt``, so Thai text travels byte for byte. Elements are written in the
order the schemas require; ``validate_xml`` checks the result against ``Project.xsd`` or
``Codebook.xsd`` when those files are at hand (see ``find_schema``).

>>> from synthesis.exchange.model import QdaCode
>>> xml = codebook_xml([QdaCode(guid=stable_guid("c", "a"), name="ผู้นำ", color="#2CA02C")])
>>> "ผู้นำ" in xml.decode("utf-8")
True
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from synthesis.exchange.model import QdaCode, QdaProject, QdaSource, stable_guid
from synthesis.exchange.qdpx_read import CODEBOOK_NS, PROJECT_NS
from synthesis.exchange.safezip import atomic_write_bytes

__all__ = ["codebook_xml", "project_xml", "write_qdpx", "write_qdc", "validate_xml", "find_schema", "stable_guid"]

RGB = re.compile(r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ORIGIN = "synthesis (ถอดบทเรียน workbench)"
# Characters XML 1.0 cannot carry at all; written text must not contain them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class SchemaValidationError(ValueError):
    """What we wrote does not validate against the REFI-QDA schema."""


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(text: str) -> str:
    if _XML_ILLEGAL.search(text):
        raise ValueError(f"text holds characters XML cannot carry: {_XML_ILLEGAL.findall(text)[:3]!r}")
    return text


def _set(element: etree._Element, /, **attributes: object) -> etree._Element:
    for key, value in attributes.items():
        if value is not None and value != "":
            element.set(key, _clean(str(value)))
    return element


def _sub(parent: etree._Element, namespace: str, tag: str, /, **attributes: object) -> etree._Element:
    return _set(etree.SubElement(parent, f"{{{namespace}}}{tag}"), **attributes)


def _text_child(parent: etree._Element, namespace: str, tag: str, text: str | None) -> None:
    if text:
        _sub(parent, namespace, tag).text = _clean(text)


def _code_tree(parent: etree._Element, namespace: str, codes: list[QdaCode], notes_of: dict[str, list[str]]) -> None:
    children: dict[str | None, list[QdaCode]] = {}
    known = {code.guid for code in codes}
    for code in codes:
        children.setdefault(code.parent if code.parent in known else None, []).append(code)

    def add(container: etree._Element, code: QdaCode) -> None:
        color = code.color if code.color and RGB.match(code.color) else None
        element = _sub(
            container,
            namespace,
            "Code",
            guid=code.guid,
            name=code.name,
            isCodable="true" if code.is_codable else "false",
            color=color,
        )
        _text_child(element, namespace, "Description", code.description)
        if namespace == PROJECT_NS:
            for note in notes_of.get(code.guid, []):
                _sub(element, namespace, "NoteRef", targetGUID=note)
        for child in children.get(code.guid, []):
            add(element, child)

    codes_element = _sub(parent, namespace, "Codes")
    for code in children.get(None, []):
        add(codes_element, code)


def codebook_xml(codes: list[QdaCode], origin: str = ORIGIN) -> bytes:
    """A ``.qdc`` document (``<CodeBook>``) for ``codes``."""
    if not codes:
        raise ValueError("a REFI-QDA codebook needs at least one code")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    _set(root, origin=origin)
    _code_tree(root, CODEBOOK_NS, codes, {})
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _source_element(parent: etree._Element, source: QdaSource, notes_of: dict[str, list[str]]) -> None:
    ns = PROJECT_NS
    element = _sub(
        parent,
        ns,
        "TextSource",
        guid=source.guid,
        name=source.name,
        plainTextPath=f"internal://{source.guid}.txt",
        creatingUser=source.user_guid,
        creationDateTime=source.created,
    )
    _text_child(element, ns, "Description", source.description)
    for selection in source.selections:
        selection_element = _sub(
            element,
            ns,
            "PlainTextSelection",
            guid=selection.guid,
            name=selection.name,
            startPosition=selection.start,
            endPosition=selection.end,
            creatingUser=selection.user_guid,
            creationDateTime=selection.created,
        )
        for coding in selection.codings:
            coding_element = _sub(
                selection_element,
                ns,
                "Coding",
                guid=coding.guid,
                creatingUser=coding.user_guid,
                creationDateTime=coding.created,
            )
            _sub(coding_element, ns, "CodeRef", targetGUID=coding.code_guid)
            for note in [*coding.note_guids, *notes_of.get(coding.guid, [])]:
                _sub(coding_element, ns, "NoteRef", targetGUID=note)
        for note in notes_of.get(selection.guid, []):
            _sub(selection_element, ns, "NoteRef", targetGUID=note)
    for note in notes_of.get(source.guid, []):
        _sub(element, ns, "NoteRef", targetGUID=note)


def project_xml(project: QdaProject) -> bytes:
    """The ``project.qde`` document for ``project`` (sources by ``internal://`` path)."""
    ns = PROJECT_NS
    root = etree.Element(f"{{{ns}}}Project", nsmap={None: ns, "xsi": XSI})
    _set(root, name=project.name or "synthesis", origin=project.origin or ORIGIN, creationDateTime=_now())
    # NoteRefs live on the annotated objects; a coding already listing its notes keeps them.
    notes_of: dict[str, list[str]] = {}
    listed = {note for source in project.sources for s in source.selections for c in s.codings for note in c.note_guids}
    for note in project.notes:
        if note.guid in listed:
            continue
        for target in note.targets:
            notes_of.setdefault(target, []).append(note.guid)
    if project.users:
        users = _sub(root, ns, "Users")
        for user in project.users:
            _sub(users, ns, "User", guid=user.guid, name=user.name, id=user.id)
    if project.codes:
        _code_tree(_sub(root, ns, "CodeBook"), ns, project.codes, notes_of)
    if project.variables:
        variables = _sub(root, ns, "Variables")
        for variable in project.variables:
            element = _sub(variables, ns, "Variable", guid=variable.guid, name=variable.name, typeOfVariable=variable.type)
            _text_child(element, ns, "Description", variable.description)
    if project.cases:
        cases = _sub(root, ns, "Cases")
        for case in project.cases:
            element = _sub(cases, ns, "Case", guid=case.guid, name=case.name)
            _text_child(element, ns, "Description", case.description)
            for variable_guid, value in case.variables.items():
                value_element = _sub(element, ns, "VariableValue")
                _sub(value_element, ns, "VariableRef", targetGUID=variable_guid)
                _sub(value_element, ns, "TextValue").text = _clean(str(value))
            for source_guid in case.source_guids:
                _sub(element, ns, "SourceRef", targetGUID=source_guid)
    if project.sources:
        sources = _sub(root, ns, "Sources")
        for source in project.sources:
            _source_element(sources, source, notes_of)
    if project.notes:
        notes = _sub(root, ns, "Notes")
        for note in project.notes:
            element = _sub(
                notes, ns, "Note", guid=note.guid, name=note.name, creatingUser=note.user_guid, creationDateTime=note.created
            )
            _sub(element, ns, "PlainTextContent").text = _clean(note.text)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def qdpx_bytes(project: QdaProject, xml: bytes | None = None) -> bytes:
    """The whole ``.qdpx`` archive: ``project.qde`` plus ``sources/<guid>.txt``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml or project_xml(project))
        for source in project.sources:
            archive.writestr(f"sources/{source.guid}.txt", _clean(source.text or "").encode("utf-8"))
    return buffer.getvalue()


def find_schema(name: str) -> Path | None:
    """Where ``Project.xsd``/``Codebook.xsd`` are: ``$SYNTHESIS_REFI_SCHEMAS``, else ``../shared/refi-qda``.

    The schemas are not shipped with the package; without them only our own checks run.
    """
    from synthesis.paths import project_root

    candidates = []
    if os.environ.get("SYNTHESIS_REFI_SCHEMAS"):
        candidates.append(Path(os.environ["SYNTHESIS_REFI_SCHEMAS"]))
    candidates.append(project_root().parent / "shared" / "refi-qda")
    for folder in candidates:
        if (folder / name).is_file():
            return folder / name
    return None


def validate_xml(data: bytes, schema_path: Path) -> None:
    """Raise ``SchemaValidationError`` listing the first problems if ``data`` does not validate."""
    schema = etree.XMLSchema(etree.parse(str(schema_path)))
    document = etree.fromstring(data)
    if not schema.validate(document):
        problems = [f"line {e.line}: {e.message}" for e in list(schema.error_log)[:5]]
        raise SchemaValidationError(f"does not validate against {schema_path.name}:\n  " + "\n  ".join(problems))


def write_qdpx(project: QdaProject, path: str | Path, schema: Path | None | bool = True) -> Path | None:
    """Write ``project`` to ``path`` atomically; validates first. Returns the schema used.

    ``schema=True`` looks the schema up with ``find_schema``; ``False`` skips validation.
    """
    xml = project_xml(project)
    schema_path = find_schema("Project.xsd") if schema is True else (schema or None)
    if schema_path:
        validate_xml(xml, schema_path)
    atomic_write_bytes(Path(path), qdpx_bytes(project, xml))
    return schema_path


def write_qdc(codes: list[QdaCode], path: str | Path, schema: Path | None | bool = True) -> Path | None:
    """Write a ``.qdc`` codebook atomically; validates first. Returns the schema used."""
    data = codebook_xml(codes)
    schema_path = find_schema("Codebook.xsd") if schema is True else (schema or None)
    if schema_path:
        validate_xml(data, schema_path)
    atomic_write_bytes(Path(path), data)
    return schema_path

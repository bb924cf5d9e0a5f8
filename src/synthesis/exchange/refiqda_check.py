"""Read our ``.qdpx`` and ``.qdc`` back with an independent REFI-QDA reader.

The schemas (``Project.xsd``, ``Codebook.xsd``) are not ours to ship, so a fresh clone
cannot run the XSD check. ``pyrefiqda`` (PyPI) parses REFI-QDA files into models generated
from those schemas: what it reads back, element by element and typed, is what NVivo, MAXQDA
or ATLAS.ti would find. :func:`read_back_qdpx` reads a project with it and checks that every
source, code, user and selection came back, each selection inside its source's text, each
coding pointing at a code and a user that exist. ``write_qdpx``'s XSD check stays the
stricter one where the schemas are at hand.

>>> reader_available() in (True, False)
True
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

READER = "pyrefiqda"


class ReadBackError(ValueError):
    """The independent reader could not read the file, or read back something else."""


@dataclass
class ReadBack:
    """What the independent reader found in a file."""

    path: Path
    sources: int = 0
    codes: int = 0
    users: int = 0
    selections: int = 0
    codings: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the command's output.

        >>> ReadBack(Path("p.qdpx"), 2, 3, 1, 4, 5).summary()
        'read back by pyrefiqda: 2 sources, 3 codes, 1 users, 4 selections, 5 codings'
        """
        return (f"read back by {READER}: {self.sources} sources, {self.codes} codes, {self.users} users, "
                f"{self.selections} selections, {self.codings} codings")


def reader_available() -> bool:
    """True when ``pyrefiqda`` is installed (it comes with the ``test`` extra)."""
    try:
        import pyrefiqda.models  # noqa: F401
    except ImportError:
        return False
    return True


def _parse(data: bytes, model, path: Path):
    import warnings

    from xsdata.exceptions import ConverterWarning, ParserError
    from xsdata_pydantic.bindings import XmlParser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConverterWarning)  # a value of the wrong type is an error
            return XmlParser().from_bytes(data, model)
    except (ParserError, ConverterWarning, ValueError, TypeError) as error:  # pydantic's are ValueErrors
        raise ReadBackError(f"{path}: {READER} cannot read it: {' '.join(str(error).split())[:300]}") from error


def _codes(codes) -> list:
    found = []
    for code in codes or []:
        found.append(code)
        found.extend(_codes(code.code))
    return found


def _length(text: str, positions: str) -> int:
    return len(text.encode("utf-16-le")) // 2 if positions == "utf16" else len(text)


def read_back_qdpx(path: str | Path, *, positions: str = "codepoints", expect: dict[str, int] | None = None) -> ReadBack:
    """Read a ``.qdpx`` with ``pyrefiqda``; raise :class:`ReadBackError` naming the file and
    every problem when it cannot be read, a selection lies outside its text, a coding names
    a code or user the project lacks, or a count differs from ``expect`` (``{"sources": 2,
    "codes": 3, ...}``). ``positions`` is how the file counts characters (``codepoints`` or
    ``utf16``, as ``export qdpx --positions``).
    """
    from pyrefiqda.models import Project

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            qde = next((name for name in names if name.endswith(".qde") and "/" not in name), None)
            if qde is None:
                raise ReadBackError(f"{path}: no project .qde at the top of the archive")
            project = _parse(archive.read(qde), Project, path)
            texts = {name[len("sources/"):]: archive.read(name).decode("utf-8")
                     for name in names if name.startswith("sources/") and name.endswith(".txt")}
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError) as error:
        raise ReadBackError(f"{path}: not a readable .qdpx archive ({error})") from error

    found = ReadBack(path)
    users = {user.guid for user in (project.users.user if project.users else [])}
    codes = {code.guid for code in _codes(project.code_book.codes.code if project.code_book else [])}
    found.users, found.codes = len(users), len(codes)
    for source in (project.sources.text_source if project.sources else []):
        found.sources += 1
        internal = source.plain_text_path or ""
        text = texts.get(internal.removeprefix("internal://"))
        if text is None and source.plain_text_content is not None:
            text = source.plain_text_content
        if text is None:
            found.problems.append(f"source {source.name!r}: its text ({internal or 'none'}) is not in the archive")
            continue
        length = _length(text, positions)
        for selection in source.plain_text_selection:
            found.selections += 1
            if not 0 <= selection.start_position <= selection.end_position <= length:
                found.problems.append(
                    f"source {source.name!r}: selection {selection.guid} at {selection.start_position}–"
                    f"{selection.end_position} is outside its text (length {length} in {positions})")
            for coding in selection.coding:
                found.codings += 1
                if coding.code_ref.target_guid not in codes:
                    found.problems.append(f"selection {selection.guid}: coding {coding.guid} names an unknown code")
                if coding.creating_user and coding.creating_user not in users:
                    found.problems.append(f"selection {selection.guid}: coding {coding.guid} names an unknown user")
            if selection.creating_user and selection.creating_user not in users:
                found.problems.append(f"selection {selection.guid}: unknown user {selection.creating_user}")
    for key, wanted in (expect or {}).items():
        if getattr(found, key) != wanted:
            found.problems.append(f"{key}: {getattr(found, key)} read back, {wanted} written")
    if found.problems:
        raise ReadBackError(f"{path}: " + "; ".join(found.problems[:10]))
    return found


def read_back_qdc(path: str | Path, *, expect_codes: int | None = None) -> ReadBack:
    """Read a ``.qdc`` codebook with ``pyrefiqda``; raise :class:`ReadBackError` when it
    cannot, or when the number of codes differs from ``expect_codes``."""
    from pyrefiqda.models import CodeBook

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadBackError(f"{path}: cannot be read ({error})") from error
    book = _parse(data, CodeBook, path)
    found = ReadBack(path, codes=len(_codes(book.codes.code if book.codes else [])))
    if expect_codes is not None and found.codes != expect_codes:
        raise ReadBackError(f"{path}: {found.codes} codes read back, {expect_codes} written")
    return found


def checks_line(schema: Path | None, schema_name: str, read_back) -> str:
    """How a written file was checked, for the command's output: against the XSD when
    ``schema`` was found, and read back by ``pyrefiqda`` (``read_back()``, which raises
    :class:`ReadBackError` on a problem) when it is installed.

    >>> checks_line(Path("Project.xsd"), "Project.xsd", lambda: ReadBack(Path("p"), 1, 2, 1, 3, 3))[:40]
    'validated against Project.xsd; read back'
    """
    checks = [f"validated against {schema}"] if schema else []
    if reader_available():
        checks.append(read_back().summary())
    if not checks:
        return (f"{schema_name} not found (set SYNTHESIS_REFI_SCHEMAS) and pyrefiqda not installed "
                "(pip install pyrefiqda); not checked")
    return "; ".join(checks)

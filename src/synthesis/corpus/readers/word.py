"""Word ``.docx`` files: paragraphs, headings and tables in document order."""

from __future__ import annotations

import io
import zipfile

from synthesis.corpus.encoding import DecodeError
from synthesis.corpus.readers.base import RawText, max_expanded_bytes


def check_expansion(data: bytes, limit: int | None = None) -> None:
    """Refuse a ``.docx`` whose parts inflate past ``limit`` bytes (``SYNTHESIS_MAX_EXPANDED_MB``).

    The sizes a zip declares bound what :mod:`zipfile` inflates (it stops at the declared
    size), so checking them refuses a zip bomb before anything is inflated.

    >>> import io
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", "ก" * 400_000)
    >>> check_expansion(buffer.getvalue(), limit=1024 * 1024)
    Traceback (most recent call last):
    ...
    synthesis.corpus.encoding.DecodeError: expands to 1.1 MB, over the 1 MB limit (SYNTHESIS_MAX_EXPANDED_MB)
    """
    limit = max_expanded_bytes() if limit is None else limit
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise DecodeError(f"is not a readable .docx (truncated or damaged: {error})") from None
    if total > limit:
        raise DecodeError(f"expands to {total / 1048576:.1f} MB, over the {limit / 1048576:g} MB limit "
                          "(SYNTHESIS_MAX_EXPANDED_MB)")


def read_docx(data: bytes) -> RawText:
    """Paragraphs and tables of a ``.docx`` in document order; headings on their own line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_expansion(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DecodeError(f"is not a readable .docx (truncated or damaged: {error})") from None
    except Exception as error:  # python-docx/lxml raise many kinds on damaged parts
        raise DecodeError(f"is not a readable .docx ({type(error).__name__}: {error})") from None
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if text:
                blocks.append(text)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    blocks.append(" | ".join(cells))
    core = document.core_properties
    meta = {key: value for key, value in (("docx_title", core.title), ("docx_author", core.author))
            if value}
    return RawText("\n\n".join(blocks) + "\n", "docx", None, [], meta)

"""Word ``.docx`` files: paragraphs, headings and tables in document order."""

from __future__ import annotations

import io
import zipfile

from synthesis.corpus.encoding import DecodeError
from synthesis.corpus.readers.base import RawText

def read_docx(data: bytes) -> RawText:
    """Paragraphs and tables of a ``.docx`` in document order; headings on their own line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

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

"""Read one file of any supported format into text: a registry of readers by file extension.

Every reader takes the file's bytes and returns a :class:`RawText`; :func:`read_file` picks the
reader from ``READERS``, checks size and emptiness, and turns every failure into a
:class:`ReadError` that names the file and the reason, so that a batch can go on.

>>> sorted(READERS)[:4]
['.csv', '.docx', '.htm', '.html']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from synthesis.corpus.encoding import DecodeError
from synthesis.corpus.readers.base import RawText, ReadError
from synthesis.corpus.readers.html import read_html
from synthesis.corpus.readers.pdf import fix_thai_pdf_order, read_pdf
from synthesis.corpus.readers.tables import read_csv, read_json, read_jsonl
from synthesis.corpus.readers.text import read_markdown, read_text, split_front_matter
from synthesis.corpus.readers.word import read_docx

DEFAULT_MAX_MB = 30

__all__ = ["DEFAULT_MAX_MB", "READERS", "RawText", "ReadError", "fix_thai_pdf_order", "is_supported",
           "max_file_bytes", "read_file", "sniff_binary", "split_front_matter"]


Reader = Callable[[bytes], RawText]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}


# What a file really is, by its first bytes, when its extension says text.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx/.xlsx?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_TEXT_READERS = {".txt", ".text", ".md", ".markdown", ".json", ".jsonl", ".csv", ".html", ".htm"}


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary file ``data`` is, by its magic bytes, or None.

    >>> sniff_binary(b"%PDF-1.7 ..."), sniff_binary("ข้อความ".encode())
    ('a PDF document', None)
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def max_file_bytes() -> int:
    """Largest file read (``SYNTHESIS_MAX_FILE_MB``, default 30 MB): bigger files are reported."""
    return int(float(os.environ.get("SYNTHESIS_MAX_FILE_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


def is_supported(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in READERS


def read_file(path: str | os.PathLike, *, max_bytes: int | None = None) -> RawText:
    """Read ``path`` with the reader for its extension.

    Raises :class:`ReadError` naming the file and the reason: unknown format, empty,
    too large, a symlink loop, undecodable or damaged content.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "บันทึก ประชุม.txt"
    >>> _ = p.write_bytes("ประชุม".encode("cp874"))
    >>> read_file(p).text, read_file(p).encoding
    ('ประชุม', 'cp874')
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(path, f"unsupported file type {path.suffix or '(no extension)'!r}; "
                              f"readable: {', '.join(sorted(READERS))}")
    limit = max_file_bytes() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise ReadError(path, f"file is {size / 1048576:.1f} MB, over the "
                                  f"{limit / 1048576:.0f} MB limit (SYNTHESIS_MAX_FILE_MB)")
        data = path.read_bytes()
    except ReadError:
        raise
    except OSError as error:
        reason = "symbolic link loop" if error.errno == 40 else (error.strerror or str(error))
        raise ReadError(path, reason) from None
    if not data.strip():
        raise ReadError(path, "file is empty")
    if path.suffix.lower() in _TEXT_READERS and (kind := sniff_binary(data)):
        raise ReadError(path, f"file is {kind}, not text: renamed to {path.suffix}? "
                              "(binary data, not a text file)")
    try:
        raw = reader(data)
    except DecodeError as error:
        raise ReadError(path, f"file {error}") from None
    raw.text = raw.text.replace("\r\n", "\n").replace("\r", "\n")
    if not raw.text.strip():
        raise ReadError(path, "no text found in the file" +
                        (f" ({'; '.join(raw.warnings)})" if raw.warnings else ""))
    return raw

"""Read one file of any supported format into text: a registry of readers by file extension.

Every reader takes the file's bytes and returns a :class:`RawText`; :func:`read_file` picks the
reader from ``READERS``, checks size and emptiness, and turns every failure into a
:class:`ReadError` that names the file and the reason, so that a batch can go on.

>>> sorted(READERS)[:4]
['.csv', '.docx', '.htm', '.html']
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Callable

from synthesis.corpus.encoding import DecodeError
from synthesis.corpus.readers.base import RawText, ReadError, max_text_chars
from synthesis.corpus.readers.html import read_html
from synthesis.corpus.readers.pdf import fix_thai_pdf_order, read_pdf
from synthesis.corpus.readers.tables import read_csv, read_json, read_jsonl
from synthesis.corpus.readers.text import read_markdown, read_text, split_front_matter
from synthesis.corpus.readers.word import read_docx

DEFAULT_MAX_MB = 30

__all__ = ["DEFAULT_MAX_MB", "READERS", "RawText", "ReadError", "fix_thai_pdf_order", "is_supported",
           "max_file_bytes", "max_text_chars", "not_a_regular_file", "read_file", "read_regular_bytes",
           "sniff_binary", "split_front_matter"]


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


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISDIR, "a folder"))


def not_a_regular_file(mode: int) -> str | None:
    """What a file of ``st_mode`` is when it is not a regular file (never to be read), or None.

    >>> not_a_regular_file(stat.S_IFIFO | 0o644), not_a_regular_file(stat.S_IFREG | 0o644)
    ('a named pipe (FIFO)', None)
    """
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def read_regular_bytes(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raises :class:`ReadError`.

    Opened without blocking and checked *after* opening (``fstat``), so a named pipe, a
    socket or a device, also behind a symbolic link or swapped in after listing, is refused
    without a read that could hang; reads at most ``limit + 1`` bytes even if the file grows.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()); os.mkfifo(folder / "pipe.txt")
    >>> read_regular_bytes(folder / "pipe.txt", 100)
    Traceback (most recent call last):
    ...
    synthesis.corpus.readers.base.ReadError: ...pipe.txt: a named pipe (FIFO), not a file: not read
    """
    path = Path(path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        reason = "symbolic link loop" if error.errno == errno.ELOOP else (error.strerror or str(error))
        raise ReadError(path, reason) from None
    try:
        info = os.fstat(handle)
        kind = not_a_regular_file(info.st_mode)
        if kind:
            raise ReadError(path, f"{kind}, not a file: not read")
        if info.st_size > limit:
            raise ReadError(path, f"file is {info.st_size / 1048576:.1f} MB, over the "
                                  f"{limit / 1048576:g} MB limit (SYNTHESIS_MAX_FILE_MB)")
        chunks, total = [], 0
        while chunk := os.read(handle, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ReadError(path, f"file grew over the {limit / 1048576:g} MB limit while it was "
                                      "read (SYNTHESIS_MAX_FILE_MB)")
        return b"".join(chunks)
    except OSError as error:
        raise ReadError(path, error.strerror or str(error)) from None
    finally:
        os.close(handle)


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
    data = read_regular_bytes(path, limit)
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
    if len(raw.text) > (text_limit := max_text_chars()):
        raise ReadError(path, f"the file yields {len(raw.text) / 1048576:.1f} million characters of text, "
                              f"over the {text_limit / 1048576:g} million limit (SYNTHESIS_MAX_TEXT_MB)")
    if not raw.text.strip():
        raise ReadError(path, "no text found in the file" +
                        (f" ({'; '.join(raw.warnings)})" if raw.warnings else ""))
    return raw

"""Read one file of any supported format into text: a registry of readers by file extension.

Every reader takes the file's bytes and returns a :class:`RawText`; :func:`read_file` picks the
reader from ``READERS``, checks size and emptiness, and turns every failure into a
:class:`ReadError` that names the file and the reason, so that a batch can go on.

>>> sorted(READERS)[:4]
['.csv', '.docx', '.htm', '.html']
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from synthesis.corpus.encoding import DecodeError, decode_bytes

DEFAULT_MAX_MB = 30


class ReadError(Exception):
    """A file that could not be read; ``str()`` gives ``<path>: <reason>``."""

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class RawText:
    """The text of a file before normalization, with what the reader learned on the way.

    ``metadata`` holds front matter (``areas:``, ``title:`` …) read from the top of a
    ``.md``/``.txt`` file; it is removed from ``text``.
    """

    text: str
    format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- plain text and markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """Split a leading ``---`` YAML block from the text.

    >>> split_front_matter("---\\nareas: [yala-bala]\\n---\\nเนื้อหา")[:2]
    ({'areas': ['yala-bala']}, 'เนื้อหา')
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        return {}, text, [f"front matter is not valid YAML, kept as text: {error}".splitlines()[0]]
    if not isinstance(meta, dict):
        return {}, text, ["front matter is not a mapping, kept as text"]
    return meta, text[match.end():], []


def read_text(data: bytes) -> RawText:
    decoded = decode_bytes(data)
    meta, text, warnings = split_front_matter(decoded.text)
    return RawText(text, "txt", decoded.encoding, decoded.warnings + warnings, meta)


def read_markdown(data: bytes) -> RawText:
    raw = read_text(data)
    raw.format = "md"
    return raw


# ---------------------------------------------------------------- HTML

# Elements that are page furniture, not the report.
_HTML_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "template")
# Block elements end a paragraph (blank line); these only end a line.
_HTML_PARAGRAPHS = {"p", "div", "section", "article", "main", "table", "ul", "ol", "blockquote",
                    "pre", "dl", "figure", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_LINES = {"br", "li", "tr", "dt", "dd", "figcaption"}
_PARAGRAPH, _LINE = "\x00P", "\x00L"


def read_html(data: bytes) -> RawText:
    """Text of a web page: navigation, scripts and menus dropped; headings and paragraphs
    separated by blank lines, list items (``- ``) and table rows (cells joined by `` | ``)
    on their own lines."""
    import lxml.html

    decoded = _decode_html(data)
    try:
        root = lxml.html.document_fromstring(decoded.text)
    except Exception as error:  # lxml raises several types on junk
        raise DecodeError(f"is not a readable HTML page ({error})") from None
    for element in root.xpath("//" + " | //".join(_HTML_DROP)):
        element.drop_tree()
    for element in root.xpath("//*[@role='navigation' or @role='banner' or @role='contentinfo']"):
        element.drop_tree()
    title = (root.xpath("//title/text()") or [""])[0].strip()
    body = (root.xpath("//main") or root.xpath("//article") or root.xpath("//body") or [root])[0]
    parts: list[str] = []
    _html_walk(body, parts)
    text = _join_html_parts(parts)
    meta = {"html_title": title} if title else {}
    return RawText(text + "\n", "html", decoded.encoding, decoded.warnings, meta)


def _decode_html(data: bytes):
    """UTF-8 when the bytes are valid UTF-8 (a wrong ``charset`` is common), else the declared
    charset, else detection."""
    from synthesis.corpus.encoding import Decoded

    stripped = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return Decoded(stripped.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("tis-620", "tis620", "windows-874", "cp874", "iso-8859-11"):
            name = "cp874"
        try:
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def _html_walk(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    marker = _PARAGRAPH if tag in _HTML_PARAGRAPHS else _LINE if tag in _HTML_LINES else ""
    parts.append(marker)
    if tag == "li":
        parts.append("- ")
    elif tag in ("td", "th"):
        parts.append(" | ")
    if element.text:
        parts.append(element.text)
    for child in element:
        _html_walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    parts.append(marker)


def _join_html_parts(parts: list[str]) -> str:
    text = re.sub(r"\s+", " ", "".join(parts).replace("\x00", "\x01"))
    text = re.sub(r"(?: ?\x01[PL] ?)+", lambda m: "\n\n" if "P" in m.group() else "\n", text)
    lines = [line.strip().strip("|").strip() if "|" in line else line.strip()
             for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# ---------------------------------------------------------------- Word

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


# ---------------------------------------------------------------- PDF

# Thai fonts in PDFs often use private-use glyph variants for marks placed low or left.
_PUA_THAI = {
    0xF700: "ฐ", 0xF701: "ิ", 0xF702: "ี", 0xF703: "ึ", 0xF704: "ื", 0xF705: "่", 0xF706: "้",
    0xF707: "๊", 0xF708: "๋", 0xF709: "์", 0xF70A: "่", 0xF70B: "้", 0xF70C: "๊", 0xF70D: "๋",
    0xF70E: "์", 0xF70F: "ญ", 0xF710: "ั", 0xF711: "ํ", 0xF712: "็", 0xF713: "่", 0xF714: "้",
    0xF715: "๊", 0xF716: "๋", 0xF717: "์", 0xF718: "ุ", 0xF719: "ู", 0xF71A: "ฺ",
}
_ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4d"  # ั ิ ี ึ ื ็ ํ
_BELOW_VOWELS = "\u0e38\u0e39\u0e3a"  # ุ ู ฺ
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์
_MARKS = _ABOVE_VOWELS + _BELOW_VOWELS + _TONES
_CONSONANTS = "\u0e01-\u0e2e"


def fix_thai_pdf_order(text: str) -> str:
    """Undo the mark scrambling of Thai PDF text extraction.

    Private-use glyph variants become the real characters; a space between a letter and its
    mark goes; a mark extracted before its
    consonant moves after it; a tone mark before an above/below vowel moves after it;
    ``ํ`` + ``า`` becomes ``ำ``.

    >>> fix_thai_pdf_order("\\u0e48ก")  # ่ก -> ก่
    'ก่'
    >>> fix_thai_pdf_order("ก\\u0e49\\u0e35")  # ก้ี -> กี้
    'กี้'
    >>> fix_thai_pdf_order("น\\u0e4d\\u0e32")  # นํา -> นำ
    'นำ'
    """
    text = text.translate(_PUA_THAI)
    # a mark never follows a space: extraction put a gap between a letter and its mark
    text = re.sub(rf"(?<=[\u0e01-\u0e4e]) +(?=[{_MARKS}\u0e33])", "", text)
    # marks glued before a consonant at a word start: "่ก" -> "ก่"
    text = re.sub(rf"(?<![{_CONSONANTS}{_MARKS}])([{_MARKS}]+)([{_CONSONANTS}])", r"\2\1", text)
    # tone before vowel -> vowel before tone
    text = re.sub(rf"([{_TONES}])([{_ABOVE_VOWELS}{_BELOW_VOWELS}])", r"\2\1", text)
    text = re.sub(r"\u0e4d([\u0e48-\u0e4b]?)\u0e32", r"\1ำ", text)
    text = re.sub(r"([\u0e48-\u0e4b])\u0e33", r"ำ\1", text)  # tone after sara am -> before
    return text.replace("ำ\u0e48", "\u0e48ำ").replace("ำ\u0e49", "\u0e49ำ")


def read_pdf(data: bytes) -> RawText:
    """The text layer of a PDF, page by page, with Thai mark order repaired."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if not data.lstrip().startswith(b"%PDF"):
        raise DecodeError("is not a PDF (no %PDF header)")
    pages: list[str] = []
    warnings: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                try:
                    pages.append(page.extract_text() or "")
                except Exception as error:  # one damaged page must not lose the rest
                    warnings.append(f"page {number} unreadable: {error}")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DecodeError("is a password-protected PDF") from None
    except Exception as error:
        # pdfplumber wraps pdfminer's errors: look at the wrapped one too
        names = " ".join(type(e).__name__ for e in (error, *error.args) if isinstance(e, Exception))
        if "Password" in names or "Encrypt" in names:
            raise DecodeError("is a password-protected PDF") from None
        detail = str(error) or names
        raise DecodeError(f"is not a readable PDF (truncated or damaged: {detail})") from None
    text = "\n\n".join(fix_thai_pdf_order(p) for p in pages)
    if not text.strip():
        warnings.append("the PDF has no text layer (scanned pages need OCR)")
    return RawText(text + "\n", "pdf", None, warnings)


# ---------------------------------------------------------------- tables of texts

TEXT_COLUMNS = ("text", "content", "body", "ข้อความ", "เนื้อหา", "transcript")


def _pick_text_column(rows: list[dict[str, Any]]) -> str:
    keys = list(dict.fromkeys(k for row in rows for k in row))
    for name in TEXT_COLUMNS:
        for key in keys:
            if str(key).strip().lower() == name:
                return key
    lengths = {k: sum(len(str(r.get(k) or "")) for r in rows) for k in keys}
    if not lengths:
        raise DecodeError("has no columns")
    return max(lengths, key=lengths.get)


def _records_to_raw(rows: list[dict[str, Any]], fmt: str, encoding: str | None,
                    warnings: list[str]) -> RawText:
    rows = [r for r in rows if isinstance(r, dict)]
    if not rows:
        raise DecodeError("has no records with a text field")
    column = _pick_text_column(rows)
    texts = [str(r[column]).strip() for r in rows if r.get(column) not in (None, "")]
    warnings = [*warnings, f"text taken from column {column!r} of {len(rows)} record(s)"]
    return RawText("\n\n".join(texts) + "\n", fmt, encoding, warnings, {"text_column": column})


def read_json(data: bytes) -> RawText:
    decoded = decode_bytes(data)
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise DecodeError(f"is not valid JSON ({error})") from None
    if isinstance(value, dict):
        # {"documents": [{...}, ...]}: the one list of records inside
        lists = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        value = lists[0] if len(lists) == 1 else [value]
    rows = value if isinstance(value, list) else [value]
    return _records_to_raw(rows, "json", decoded.encoding, decoded.warnings)


def read_jsonl(data: bytes) -> RawText:
    decoded = decode_bytes(data)
    rows, warnings = [], list(decoded.warnings)
    for number, line in enumerate(decoded.text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                warnings.append(f"line {number} is not JSON, skipped ({error.msg})")
    return _records_to_raw(rows, "jsonl", decoded.encoding, warnings)


def read_csv(data: bytes) -> RawText:
    decoded = decode_bytes(data)
    try:
        dialect = csv.Sniffer().sniff(decoded.text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.DictReader(io.StringIO(decoded.text), dialect=dialect))
    return _records_to_raw(rows, "csv", decoded.encoding, decoded.warnings)


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

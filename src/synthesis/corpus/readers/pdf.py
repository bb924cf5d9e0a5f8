"""PDF text layers, with the Thai mark order that extraction scrambles put right."""

from __future__ import annotations

import io
import re
import zlib

from synthesis.corpus.encoding import DecodeError
from synthesis.corpus.readers.base import RawText, max_expanded_bytes, max_pdf_pages, max_text_chars
from synthesis.thai.pdf_repair import repair_pdf_thai

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
    ``ํ`` + ``า`` becomes ``ำ``, with its tone mark before it (``น้ำ``).

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
    text = re.sub(r"\u0e4d([\u0e48-\u0e4b]?)\u0e32", r"\1ำ", text)  # ํ (+ tone) + า -> (tone) ำ
    return re.sub(r"\u0e33([\u0e48-\u0e4b])", r"\1ำ", text)  # the tone mark comes before ำ


def repair_summary(changes) -> str:
    """One warning line that counts the broken-Thai repairs by rule.

    >>> from synthesis.thai.pdf_repair import repair_pdf_thai
    >>> repair_summary(repair_pdf_thai("จำานวน ต าบล ด าเนิน").changes)
    'repaired broken PDF Thai: 3 changes (sara-am-doubled 1, sara-am-spaced 2)'
    """
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.rule] = counts.get(change.rule, 0) + 1
    detail = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
    return f"repaired broken PDF Thai: {len(changes)} changes ({detail})"


_STREAM_START = re.compile(rb"stream\r?\n")


def check_pdf_streams(data: bytes, limit: int | None = None) -> None:
    r"""Refuse a PDF with a compressed stream that inflates past ``limit`` bytes
    (``SYNTHESIS_MAX_EXPANDED_MB``, per stream): a decompression bomb that the PDF parser would
    otherwise inflate whole in memory. Only inflates, in bounded steps; keeps nothing.

    >>> bomb = b"%PDF-1.4\n1 0 obj <</Filter /FlateDecode>> stream\n" + zlib.compress(b" " * 3_000_000)
    >>> check_pdf_streams(bomb + b"\nendstream endobj", limit=1 << 20)
    Traceback (most recent call last):
    ...
    synthesis.corpus.encoding.DecodeError: has a compressed stream at byte 49 that inflates past the 1 MB limit (SYNTHESIS_MAX_EXPANDED_MB)
    """
    limit = max_expanded_bytes() if limit is None else limit
    view = memoryview(data)
    for match in _STREAM_START.finditer(data):
        if _inflated_size(view[match.end():], limit) > limit:
            raise DecodeError(f"has a compressed stream at byte {match.end()} that inflates past the "
                              f"{limit / 1048576:g} MB limit (SYNTHESIS_MAX_EXPANDED_MB)")


def _inflated_size(data: memoryview, limit: int) -> int:
    """Bytes a zlib stream at the start of ``data`` inflates to, counted up to just past ``limit``
    (0 when it is not a zlib stream)."""
    inflater = zlib.decompressobj()
    total, position, pending = 0, 0, b""
    while True:
        if not pending:
            if position >= len(data):
                return total
            pending = bytes(data[position:position + (1 << 16)])
            position += 1 << 16
        try:
            total += len(inflater.decompress(pending, 1 << 20))
        except zlib.error:
            return total  # not (or no longer) zlib data: a plain stream, an image codec, the end
        if total > limit or inflater.eof:
            return total
        pending = inflater.unconsumed_tail


def read_pdf(data: bytes) -> RawText:
    """The text layer of a PDF, page by page, with Thai mark order and broken Thai repaired
    (:mod:`synthesis.thai.pdf_repair`; a warning counts the repairs by rule)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if not data.lstrip().startswith(b"%PDF"):
        raise DecodeError("is not a PDF (no %PDF header)")
    check_pdf_streams(data)
    pages: list[str] = []
    warnings: list[str] = []
    page_limit, text_limit, chars = max_pdf_pages(), max_text_chars(), 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > page_limit:
                raise DecodeError(f"has {len(pdf.pages)} pages, over the {page_limit} page limit "
                                  "(SYNTHESIS_MAX_PDF_PAGES)")
            for number, page in enumerate(pdf.pages, 1):
                try:
                    pages.append(page.extract_text() or "")
                    chars += len(pages[-1])
                except Exception as error:  # one damaged page must not lose the rest
                    warnings.append(f"page {number} unreadable: {error}")
                if chars > text_limit:  # stop extracting: the rest would be read for nothing
                    raise DecodeError(f"yields over {text_limit / 1048576:g} million characters of text "
                                      f"by page {number} (SYNTHESIS_MAX_TEXT_MB)")
                page.close()  # pdfplumber caches each page's objects: free them as we go
    except DecodeError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DecodeError("is a password-protected PDF") from None
    except Exception as error:
        # pdfplumber wraps pdfminer's errors: look at the wrapped one too
        names = " ".join(type(e).__name__ for e in (error, *error.args) if isinstance(e, Exception))
        if "Password" in names or "Encrypt" in names:
            raise DecodeError("is a password-protected PDF") from None
        detail = str(error) or names
        raise DecodeError(f"is not a readable PDF (truncated or damaged: {detail})") from None
    repaired = repair_pdf_thai("\n\n".join(fix_thai_pdf_order(p) for p in pages))
    text = repaired.text
    if repaired.changes:
        warnings.append(repair_summary(repaired.changes))
    if not text.strip():
        warnings.append("the PDF has no text layer (scanned pages need OCR)")
    return RawText(text + "\n", "pdf", None, warnings)

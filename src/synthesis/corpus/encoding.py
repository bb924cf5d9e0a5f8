"""Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16, TIS-620/cp874.

Legacy Thai files are decoded as ``cp874`` (a superset of TIS-620 that also has ``•``, ``…``
and NBSP, which strict ``tis-620`` rejects). A file that mixes UTF-8 lines with cp874 lines is
decoded line by line, with a warning. Bytes that no Thai encoding explains (a picture renamed
``.txt``) raise :class:`DecodeError` with the reason.

>>> decode_bytes("สวัสดี".encode("cp874")).encoding
'cp874'
>>> decode_bytes(b"\\xef\\xbb\\xbfok").text
'ok'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field


class DecodeError(ValueError):
    """The bytes are not text in any encoding we read; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text (everything below 0x20 except tab, LF, VT, FF, CR, ESC).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
# cp874 bytes that are unassigned (decode to nothing meaningful in Thai text).
_CP874_HOLES = frozenset(range(0xDB, 0xDF)) | frozenset(range(0xFC, 0x100))


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``, detecting its encoding; raises :class:`DecodeError` if it is not text.

    >>> decode_bytes("ก".encode("utf-16")).encoding
    'utf-16'
    """
    if not data:
        return Decoded("", "empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(f"starts with a {encoding} byte-order mark but {error.reason} "
                                  f"at byte {error.start}") from None
    utf16 = _guess_utf16_without_bom(data)
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16,
                       ["UTF-16 without byte-order mark (guessed from the zero bytes)"])
    warnings: list[str] = []
    if b"\x00" in data:
        count, first = data.count(b"\x00"), data.index(b"\x00")
        if count > max(16, len(data) // 1000):
            raise DecodeError(f"contains {count} NUL byte(s) (first at byte {first}): "
                              "binary data, not a text file")
        data = data.replace(b"\x00", b"")
        warnings.append(f"removed {count} NUL byte(s) (first at byte {first})")
    binary = _BINARY_BYTES.findall(data[:65536])
    if len(binary) > 8:
        raise DecodeError(f"contains {len(binary)} control bytes in its first 64 KB: "
                          "binary data, not a text file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", warnings)
    except UnicodeDecodeError:
        pass
    decoded = _decode_lines(data)
    return Decoded(decoded.text, decoded.encoding, warnings + decoded.warnings)


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without BOM has a zero byte in most pairs (Latin) or 0x0E (Thai)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        share = sum(1 for b in high if b in (0x00, 0x0E)) / len(high)
        if share > 0.9:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if text.isprintable() or _mostly_text(text):
                return encoding
    return None


def _mostly_text(text: str) -> bool:
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return printable / max(len(text), 1) > 0.97


def _looks_like_cp874(data: bytes) -> bool:
    """Most bytes above 0x7F are Thai letters, vowels, tone marks or digits in cp874."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    thai = sum(1 for b in high if 0xA1 <= b <= 0xFB and b not in _CP874_HOLES)
    return thai / len(high) > 0.8


def _decode_lines(data: bytes) -> Decoded:
    """Decode line by line: UTF-8 where a line is valid UTF-8, else cp874.

    Raises :class:`DecodeError` when the lines that are not UTF-8 do not look like Thai cp874.
    """
    out: list[str] = []
    legacy: list[bytes] = []
    utf8_lines = 0
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
            utf8_lines += any(b >= 0x80 for b in line)
        except UnicodeDecodeError:
            legacy.append(line)
            out.append(line.decode("cp874", errors="replace"))
    if not _looks_like_cp874(b"\n".join(legacy)):
        raise DecodeError("is neither UTF-8, UTF-16 nor Thai cp874/TIS-620 text")
    text = "\n".join(out)
    warnings = []
    if utf8_lines:
        warnings.append(f"mixed encodings: {len(legacy)} line(s) decoded as cp874, "
                        f"{utf8_lines} as UTF-8")
    if "\ufffd" in text:
        warnings.append(f"{text.count(chr(0xFFFD))} byte(s) not valid in cp874 replaced by U+FFFD")
    encoding = "mixed(utf-8,cp874)" if utf8_lines else "cp874"
    return Decoded(text, encoding, warnings)

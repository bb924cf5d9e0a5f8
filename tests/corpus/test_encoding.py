"""Encoding detection: UTF-8 with/without BOM, UTF-16, cp874/TIS-620, mixed, binary."""

from __future__ import annotations

import codecs

import pytest

from synthesis.corpus.encoding import DecodeError, decode_bytes

THAI = "รายงานกิจกรรมกลุ่มผู้กรีดยาง ตำบลบาละ • ครั้งที่ ๒…\nผู้เข้าร่วม 15 คน"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (THAI.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + THAI.encode("utf-8"), "utf-8-sig"),
        (THAI.encode("utf-16"), "utf-16"),
        (THAI.encode("utf-16-le"), "utf-16-le"),
        (THAI.encode("utf-16-be"), "utf-16-be"),
        (THAI.encode("cp874"), "cp874"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "cp874"],
)
def test_encoding_detects_and_decodes(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == THAI


def test_encoding_bom_never_reaches_the_text():
    assert not decode_bytes(codecs.BOM_UTF8 + "ก".encode()).text.startswith("\ufeff")


def test_encoding_tis620_bytes_decode_like_cp874():
    # strict tis-620 has no bullet or ellipsis; cp874 does, and agrees on the Thai letters
    plain = "ประชุมคณะทำงาน"
    assert decode_bytes(plain.encode("tis-620")).text == plain


def test_encoding_mixed_lines_are_decoded_each_with_a_warning():
    data = "บรรทัดแรก UTF-8".encode("utf-8") + b"\n" + "บรรทัดสอง cp874".encode("cp874")
    decoded = decode_bytes(data)
    assert decoded.text == "บรรทัดแรก UTF-8\nบรรทัดสอง cp874"
    assert decoded.encoding == "mixed(utf-8,cp874)"
    assert any("mixed encodings" in w for w in decoded.warnings)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "NUL byte"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 10, "control bytes"),
        ("é à ü ß".encode("utf-16-le")[1:] + b"\x80\x81\x82\x83" * 50, "neither"),
    ],
    ids=["png", "png-header-zeros", "control-bytes", "garbage"],
)
def test_encoding_binary_data_raises_with_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_encoding_few_stray_nul_bytes_are_removed_with_a_warning():
    data = ("ข้อความ " * 200).encode() + b"\x00" + "ท้าย".encode()
    decoded = decode_bytes(data)
    assert "\x00" not in decoded.text and decoded.text.endswith("ท้าย")
    assert any("NUL" in w for w in decoded.warnings)

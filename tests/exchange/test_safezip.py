"""Safe reading of untrusted archives and XML."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from synthesis.exchange.qdpx_read import QdaFormatError, read_qdpx
from synthesis.exchange.safezip import SafeZip, UnsafeArchiveError, ZipLimits, check_member_name, parse_xml, safe_target

PROJECT = '<Project xmlns="urn:QDA-XML:project:1.0" name="ทดสอบ"/>'


def _zip(members: dict[str, bytes], path=None, symlink: str | None = None) -> io.BytesIO | None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(path or buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    "name",
    ["../evil.txt", "sources/../../evil.txt", "/etc/passwd", "C:/windows/x.txt", "..\\..\\evil.txt", "a/\x00b"],
)
def test_safezip_rejects_escaping_names(name):
    with pytest.raises(UnsafeArchiveError):
        check_member_name(name)


@pytest.mark.parametrize("name", ["project.qde", "sources/รายงานกิจกรรม.txt", "sources/a b/c.docx"])
def test_safezip_accepts_plain_names(name):
    assert check_member_name(name) == name


def test_safezip_archive_with_slip_member_is_refused():
    with pytest.raises(UnsafeArchiveError, match="unsafe member name"):
        SafeZip(_zip({"project.qde": PROJECT.encode(), "../../x.txt": b"x"}))


def test_safezip_symlink_member_is_refused():
    with pytest.raises(UnsafeArchiveError, match="symbolic link"):
        SafeZip(_zip({"project.qde": PROJECT.encode()}, symlink="sources/link.txt"))


def test_safezip_safe_target_stays_inside(tmp_path):
    assert safe_target(tmp_path, "reports/ก.txt") == (tmp_path / "reports" / "ก.txt").resolve()
    with pytest.raises(UnsafeArchiveError):
        safe_target(tmp_path, "../outside.txt")


def test_safezip_bomb_stops_while_inflating():
    bomb = _zip({"project.qde": b"<Project/>", "sources/a.txt": b"0" * (8 * 1024 * 1024)})
    archive = SafeZip(bomb, ZipLimits(max_member_bytes=1024 * 1024))
    with pytest.raises(UnsafeArchiveError, match="inflates beyond"):
        archive.read("sources/a.txt")
    ratio = SafeZip(_zip({"sources/a.txt": b"0" * (8 * 1024 * 1024)}))
    with pytest.raises(UnsafeArchiveError, match="compression ratio"):
        ratio.read("sources/a.txt")


def test_safezip_too_many_members():
    members = {f"sources/{i}.txt": b"x" for i in range(20)}
    with pytest.raises(UnsafeArchiveError, match="members"):
        SafeZip(_zip(members), ZipLimits(max_members=10))


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Project name="&b;"/>',
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>',
        b'<!DOCTYPE Project SYSTEM "http://example.invalid/p.dtd"><Project name="x"/>',
    ],
)
def test_safezip_xml_with_doctype_is_refused(xml):
    with pytest.raises(UnsafeArchiveError, match="DOCTYPE"):
        parse_xml(xml, "project.qde")


def test_safezip_malformed_xml_names_the_file(tmp_path):
    path = tmp_path / "broken.qdpx"
    _zip({"project.qde": "<Project name='ทดสอบ'><Users>".encode()}, path=path)
    with pytest.raises(UnsafeArchiveError, match=r"broken\.qdpx.*malformed XML"):
        read_qdpx(path)


def test_safezip_not_a_zip_names_the_file(tmp_path):
    path = tmp_path / "notes.qdpx"
    path.write_text("ไม่ใช่ไฟล์ zip", encoding="utf-8")
    with pytest.raises(UnsafeArchiveError, match=r"notes\.qdpx: not a readable zip"):
        read_qdpx(path)


def test_safezip_archive_without_project(tmp_path):
    path = tmp_path / "empty.qdpx"
    _zip({"sources/a.txt": b"x"}, path=path)
    with pytest.raises(QdaFormatError, match="no project.qde"):
        read_qdpx(path)

"""Reading untrusted zip archives (``.qdpx``) and XML safely.

A ``.qdpx`` comes from someone else's computer. Three attacks matter:

- *zip slip*: a member named ``../../.bashrc`` or ``/etc/x`` written outside the target;
- *zip bombs*: a few kilobytes that inflate to gigabytes (we count bytes while inflating,
  never trusting the sizes the archive declares);
- *XML entities*: a ``project.qde`` with a DOCTYPE that expands entities ("billion laughs")
  or reads local files/URLs. We refuse any DOCTYPE and parse with entity resolution,
  DTD loading and network access off.
"""

from __future__ import annotations

import os
import posixpath
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree


class UnsafeArchiveError(ValueError):
    """The archive is malformed, too large, or names a path outside its target."""


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 10_000
    max_member_bytes: int = 200 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 200.0  # inflated / compressed, for members above 1 MB


DEFAULT_LIMITS = ZipLimits()


def check_member_name(name: str) -> str:
    """The member name as a safe relative POSIX path, or ``UnsafeArchiveError``.

    >>> check_member_name("sources/รายงาน.txt")
    'sources/รายงาน.txt'
    >>> check_member_name("../evil.txt")
    Traceback (most recent call last):
    ...
    synthesis.exchange.safezip.UnsafeArchiveError: unsafe member name '../evil.txt'
    """
    candidate = name.replace("\\", "/")
    parts = candidate.split("/")
    if (
        not candidate
        or candidate.startswith("/")
        or (len(candidate) > 1 and candidate[1] == ":")  # C:/...
        or ".." in parts
        or "\x00" in candidate
    ):
        raise UnsafeArchiveError(f"unsafe member name {name!r}")
    return posixpath.normpath(candidate)


def safe_target(target_dir: Path, relative: str) -> Path:
    """``target_dir / relative``, refusing anything that resolves outside ``target_dir``.

    >>> safe_target(Path("/tmp/t"), "a/b.txt").as_posix()
    '/tmp/t/a/b.txt'
    """
    base = Path(target_dir).resolve()
    path = (base / check_member_name(relative)).resolve()
    if path != base and base not in path.parents:
        raise UnsafeArchiveError(f"{relative!r} would be written outside {base}")
    return path


class SafeZip:
    """A read-only view of an untrusted zip with checked names and bounded inflation.

    >>> import io
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as archive:
    ...     archive.writestr("project.qde", "<Project/>")
    >>> SafeZip(buffer).read("project.qde")
    b'<Project/>'
    """

    def __init__(self, file, limits: ZipLimits = DEFAULT_LIMITS, label: str | None = None):
        self.label = label or str(getattr(file, "name", file))
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, OSError) as error:
            raise UnsafeArchiveError(f"{self.label}: not a readable zip archive ({error})") from None
        infos = self._zip.infolist()
        if len(infos) > limits.max_members:
            raise UnsafeArchiveError(f"{self.label}: {len(infos)} members, more than {limits.max_members}")
        self._members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.is_dir():
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise UnsafeArchiveError(f"{self.label}: member {info.filename!r} is a symbolic link")
            try:
                name = check_member_name(info.filename)
            except UnsafeArchiveError as error:
                raise UnsafeArchiveError(f"{self.label}: {error}") from None
            if name in self._members:  # which copy would a reader take? refuse to guess
                raise UnsafeArchiveError(f"{self.label}: member {name!r} appears more than once")
            self._members[name] = info
        self._inflated = 0

    def names(self) -> list[str]:
        return list(self._members)

    def find(self, name: str) -> str | None:
        """The stored member name matching ``name`` exactly, else case-insensitively."""
        name = name.replace("\\", "/")
        if name in self._members:
            return name
        lowered = name.lower()
        for member in self._members:
            if member.lower() == lowered:
                return member
        return None

    def read(self, name: str) -> bytes:
        """The member's bytes, stopping as soon as a limit is passed."""
        member = self.find(name)
        if member is None:
            raise KeyError(f"{self.label}: no member {name!r}")
        info = self._members[member]
        limit = self.limits.max_member_bytes
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(1 << 16):
                    size += len(chunk)
                    self._inflated += len(chunk)
                    if size > limit:
                        raise UnsafeArchiveError(f"{self.label}: {member} inflates beyond {limit} bytes")
                    if self._inflated > self.limits.max_total_bytes:
                        raise UnsafeArchiveError(
                            f"{self.label}: archive inflates beyond {self.limits.max_total_bytes} bytes"
                        )
                    if size > 1024 * 1024 and size > self.limits.max_ratio * max(info.compress_size, 1):
                        raise UnsafeArchiveError(
                            f"{self.label}: {member} has a compression ratio above {self.limits.max_ratio:g}"
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
            raise UnsafeArchiveError(f"{self.label}: cannot read {member} ({error})") from None
        return b"".join(chunks)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> "SafeZip":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def parse_xml(data: bytes, label: str = "XML") -> etree._Element:
    """Parse untrusted XML: no DOCTYPE, no entity expansion, no network, no huge trees.

    >>> parse_xml('<Project name="ถอดบทเรียน"/>'.encode()).get("name")
    'ถอดบทเรียน'
    >>> parse_xml(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    Traceback (most recent call last):
    ...
    synthesis.exchange.safezip.UnsafeArchiveError: XML: a DOCTYPE is not allowed in exchange files
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
    if b"<!doctype" in head.replace(b"\x00", b""):
        raise UnsafeArchiveError(f"{label}: a DOCTYPE is not allowed in exchange files")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UnsafeArchiveError(f"{label}: malformed XML ({error})") from None
    if root.getroottree().docinfo.doctype:
        raise UnsafeArchiveError(f"{label}: a DOCTYPE is not allowed in exchange files")
    return root


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()

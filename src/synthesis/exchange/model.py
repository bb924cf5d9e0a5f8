"""Plain data classes for a REFI-QDA project, independent of our own codebook and codings.

The reader fills them from a ``.qdpx``/``.qdc``; the writer turns them into XML. Converting
to and from the workbench's codebook, codings and documents happens in ``bridge.py``, so
these classes stay a faithful picture of the exchange format.

Positions (``QdaSelection.start``/``end``) are character positions in the source's plain
text, counted as Python string indices (Unicode code points). Thai lies wholly in the Basic
Multilingual Plane, where code points and UTF-16 units agree, so programs that count UTF-16
units (NVivo, ATLAS.ti on .NET) read the same positions for Thai text.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

# One namespace for every GUID we derive, so the same object always gets the same GUID.
GUID_NAMESPACE = uuid.UUID("5b0f5c7e-1d7a-4c59-9f8e-2a4c7b1d9e30")


@lru_cache(maxsize=65536)
def stable_guid(*parts: str) -> str:
    """A GUID derived from ``parts`` (a UUID version 5): the same parts always give the same GUID.

    >>> stable_guid("code", "success") == str(uuid.uuid5(GUID_NAMESPACE, "code\x1fsuccess"))
    True
    >>> len(stable_guid("user", "สมชาย"))
    36
    """
    digest = bytearray(hashlib.sha1(GUID_NAMESPACE.bytes + "\x1f".join(parts).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass(slots=True)
class QdaUser:
    guid: str
    name: str
    id: str | None = None


@dataclass(slots=True)
class QdaCode:
    """A code; ``parent`` is the GUID of its parent code (``None`` at the top level)."""

    guid: str
    name: str
    parent: str | None = None
    color: str | None = None
    description: str | None = None
    is_codable: bool = True


@dataclass(slots=True)
class QdaCoding:
    """One code applied to a selection, by one user."""

    guid: str
    code_guid: str
    user_guid: str | None = None
    created: str | None = None
    note_guids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class QdaSelection:
    """A span ``text[start:end]`` of a text source, with the codings applied to it."""

    guid: str
    start: int
    end: int
    name: str | None = None
    user_guid: str | None = None
    created: str | None = None
    codings: list[QdaCoding] = field(default_factory=list)


@dataclass(slots=True)
class QdaVariable:
    guid: str
    name: str
    type: str = "Text"  # Text, Boolean, Integer, Float, Date, DateTime
    description: str | None = None


@dataclass(slots=True)
class QdaSource:
    """A text source with its plain text (``None`` when the archive lacks it)."""

    guid: str
    name: str
    text: str | None = None
    plain_text_path: str | None = None
    rich_text_path: str | None = None
    kind: str = "TextSource"
    description: str | None = None
    user_guid: str | None = None
    created: str | None = None
    selections: list[QdaSelection] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # variable GUID -> value


@dataclass(slots=True)
class QdaNote:
    """A memo: ``targets`` are the GUIDs of the objects it is attached to."""

    guid: str
    name: str
    text: str
    user_guid: str | None = None
    created: str | None = None
    targets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class QdaCase:
    """A case (for us, a pilot area) with variable values and member sources."""

    guid: str
    name: str
    description: str | None = None
    variables: dict[str, str] = field(default_factory=dict)  # variable GUID -> value
    source_guids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class QdaProject:
    name: str
    origin: str | None = None
    users: list[QdaUser] = field(default_factory=list)
    codes: list[QdaCode] = field(default_factory=list)
    variables: list[QdaVariable] = field(default_factory=list)
    cases: list[QdaCase] = field(default_factory=list)
    sources: list[QdaSource] = field(default_factory=list)
    notes: list[QdaNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def code_by_guid(self) -> dict[str, QdaCode]:
        return {code.guid: code for code in self.codes}

    def user_by_guid(self) -> dict[str, QdaUser]:
        return {user.guid: user for user in self.users}

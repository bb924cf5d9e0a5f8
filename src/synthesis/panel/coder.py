"""Who is coding: a coder name is required, compared case-insensitively, refused in Thai.

There is no default coder: a panel opened without a name asks for one, so nobody's work is
written into a team member's file by accident. ``Coder_C`` and ``coder_c`` are one coder: the
spelling of an existing ``lessons/codings/<coder>.jsonl`` wins, a new coder is spelt in lower case.

>>> resolve_coder("Coder_C", ["coder_a", "coder_c"])
'coder_c'
>>> resolve_coder("Dao", [])
'dao'
>>> resolve_coder("", [])
Traceback (most recent call last):
...
synthesis.panel.coder.CoderNameError: ยังไม่ได้ระบุชื่อผู้ลงรหัส: พิมพ์ชื่อของท่าน (ตัวอักษรอังกฤษหรือตัวเลข เช่น coder_a) แล้วกดเริ่ม (no coder name given)
"""

from __future__ import annotations

from typing import Iterable

from synthesis.coding.codings import CODER_NAME, RULES_CODER

RESERVED = {RULES_CODER: "ชื่อ rules สงวนไว้สำหรับการลงรหัสอัตโนมัติด้วยกฎ (reserved for auto-coding)",
            "consensus": "ชื่อ consensus สงวนไว้สำหรับรหัสที่ทีมตกลงร่วมกัน ใช้มุมมองเปรียบเทียบเพื่อรับเข้า "
                         "(reserved for the team's agreed codings: use the comparison view)"}


class CoderNameError(ValueError):
    """A coder name that cannot be used; the message says why in Thai, then in English."""


def explain_refusal(name: str) -> str | None:
    """Why ``name`` cannot be a coder name (Thai first), or ``None`` when it can.

    >>> explain_refusal("ก้อย").startswith("ชื่อผู้ลงรหัส")
    True
    >>> explain_refusal("coder_b") is None
    True
    """
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        return ("ยังไม่ได้ระบุชื่อผู้ลงรหัส: พิมพ์ชื่อของท่าน (ตัวอักษรอังกฤษหรือตัวเลข เช่น coder_a) "
                "แล้วกดเริ่ม (no coder name given)")
    if name.lower() in RESERVED:
        return RESERVED[name.lower()]
    if ".." in name or not CODER_NAME.match(name):
        return (f"ชื่อผู้ลงรหัส {name!r} ใช้ไม่ได้: ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข _ - และจุดเดี่ยว "
                f"ขึ้นต้นด้วยตัวอักษรหรือตัวเลข เพราะชื่อนี้เป็นชื่อแฟ้มงานของท่าน "
                f"(coder name may hold only letters, digits, '_', '-' and single dots)")
    return None


def resolve_coder(name: str, known: Iterable[str]) -> str:
    """The coder's canonical name: the existing coder it matches ignoring case, else lower case.

    Raises :class:`CoderNameError` with a Thai explanation when the name cannot be used.
    """
    problem = explain_refusal(name)
    if problem:
        raise CoderNameError(problem)
    name = name.strip()
    matches = sorted(coder for coder in known if coder.lower() == name.lower())
    if len(matches) > 1:
        raise CoderNameError(f"มีแฟ้มงานของ {', '.join(matches)} ซึ่งต่างกันแค่ตัวพิมพ์เล็กใหญ่: ให้ทีมรวมเป็นแฟ้มเดียวก่อน "
                             f"(codings files {', '.join(matches)} differ only in case: merge them first)")
    return matches[0] if matches else name.lower()

"""Plain text and Markdown, with optional YAML front matter (``areas:``, ``title:`` …)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from synthesis.corpus.encoding import decode_bytes
from synthesis.corpus.readers.base import RawText
from synthesis.safe_yaml import load_yaml

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
        meta = load_yaml(match.group(1), source="front matter") or {}
    except yaml.YAMLError as error:  # also an alias bomb or a too deep block (safe_yaml's limits)
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

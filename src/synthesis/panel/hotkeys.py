"""Stable hot keys: a code keeps its key when codes are added, moved or removed.

A code's key comes from, in order: the codebook (``key:`` of the code, the team's choice),
then the coder's own keys (``lessons/panel/<coder>-hotkeys.json``, set in the panel). The
first time a coder opens the panel, the free digits 1–9 go to the first codes of the tree and
are saved, so that later changes to the codebook never shift them; a code added later takes
the next free digit, if any.

>>> keys = assign_hotkeys(["a", "b", "c"], {"c": "1"}, {}, fill=True)
>>> keys
{'1': 'c', '2': 'a', '3': 'b'}
>>> assign_hotkeys(["new", "a", "b", "c"], {"c": "1"}, own_keys(keys, {"c": "1"}), fill=False)
{'1': 'c', '2': 'a', '3': 'b'}
"""

from __future__ import annotations

import json
from pathlib import Path

from synthesis.coding.codebook import HOTKEY, RESERVED_KEYS
from synthesis.lessons_io import read_text, write_text

DIGITS = "123456789"


def valid_key(key: str) -> bool:
    """One digit or letter a–y, not one of the panel's own keys (j, k).

    >>> valid_key("5"), valid_key("j"), valid_key("กา")
    (True, False, False)
    """
    return bool(HOTKEY.match(key)) and key not in RESERVED_KEYS


def assign_hotkeys(tree: list[str], fixed: dict[str, str], own: dict[str, str], fill: bool) -> dict[str, str]:
    """``{key: code_id}``: the codebook's keys (``fixed``), then the coder's (``own``), then,
    when ``fill``, free digits for the first codes of ``tree`` without a key."""
    keys: dict[str, str] = {}
    for code_id, key in fixed.items():
        if code_id in tree and valid_key(key):
            keys.setdefault(key, code_id)
    for code_id, key in own.items():
        if code_id in tree and valid_key(key) and key not in keys and code_id not in keys.values():
            keys[key] = code_id
    if fill:
        free = [digit for digit in DIGITS if digit not in keys]
        for code_id in tree:
            if not free:
                break
            if code_id not in keys.values():
                keys[free.pop(0)] = code_id
    return dict(sorted(keys.items(), key=lambda item: (not item[0].isdigit(), item[0])))


def own_keys(keys: dict[str, str], fixed: dict[str, str]) -> dict[str, str]:
    """The coder's part of ``keys`` (those the codebook does not set), as ``{code_id: key}``."""
    return {code_id: key for key, code_id in keys.items() if fixed.get(code_id) != key}


def hotkeys_path(lessons: Path, coder: str) -> Path:
    return Path(lessons) / "panel" / f"{coder}-hotkeys.json"


def load_own_keys(path: Path) -> tuple[dict[str, str], list[str]]:
    """The saved keys and the problems found (a damaged file is reported, never overwritten
    silently: the panel then assigns keys for this session only)."""
    text = read_text(path)
    if not text.strip():
        return {}, []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return {}, [f"{path}: not JSON ({error.msg}); hot keys not saved this session"]
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        return {}, [f"{path}: expected {{code id: key}}; hot keys not saved this session"]
    return data, []


def save_own_keys(path: Path, keys: dict[str, str]) -> None:
    write_text(path, json.dumps(keys, ensure_ascii=False, indent=1, sort_keys=True) + "\n")

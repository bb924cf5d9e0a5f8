"""CoderFile: the panel's line-level writes to one coder's file (locked, re-read, atomic)."""

from __future__ import annotations

import threading

import pytest

from synthesis.coding import CodingStore, new_coding
from synthesis.panel.coder_file import CoderFile

from .conftest import CODER


def _coding(start: int, code: str = "obstacle", memo: str = ""):
    return new_coding("rubber", start, start + 4, "ยาง", "h", code, CODER, memo=memo)


@pytest.fixture
def own(lessons) -> CoderFile:
    return CoderFile(CodingStore(lessons), CODER)


def test_coder_file_keeps_other_lines_byte_for_byte(own):
    damaged = b'{"coding_id": "broken", "doc_id": \n\xff\xfe not text\n'
    own.path.write_bytes(damaged)
    first = own.add(_coding(0))
    own.add(_coding(10))
    own.update(first.coding_id, memo="ราคายางตก")
    own.remove(first.coding_id)
    data = own.path.read_bytes()
    assert data.startswith(damaged) and data.count(b"\n") == 3
    assert [c.start for c in own.load()] == [10]


def test_coder_file_refuses_a_duplicate_and_other_coders(own):
    own.add(_coding(0))
    with pytest.raises(ValueError, match="already in"):
        own.add(_coding(0))
    with pytest.raises(ValueError, match="belongs to"):
        own.add(new_coding("rubber", 0, 4, "ยาง", "h", "obstacle", "coder_b"))


@pytest.mark.parametrize("action", ["remove", "update"])
def test_coder_file_unknown_id_names_the_file(own, action):
    with pytest.raises(KeyError, match=f"{CODER}.jsonl"):
        own.remove("nope") if action == "remove" else own.update("nope", memo="x")


def test_coder_file_concurrent_writers_keep_every_coding(lessons):
    """Two tabs of one coder (two CoderFile objects) adding at once lose nothing."""
    tabs = [CoderFile(CodingStore(lessons), CODER) for _ in range(2)]
    errors = []

    def write(tab, offset):
        try:
            for i in range(40):
                tab.add(_coding(1000 * offset + 10 * i))
        except Exception as error:  # noqa: BLE001 - collected and reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(tab, n)) for n, tab in enumerate(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(CodingStore(lessons).load(CODER)) == 80
    assert tabs[0].changed_elsewhere() or tabs[1].changed_elsewhere()


def test_coder_file_memo_update_changes_one_line(own):
    codings = [own.add(_coding(10 * i)) for i in range(5)]
    before = own.path.read_text(encoding="utf-8").splitlines()
    own.update(codings[2].coding_id, memo="ผู้นำพาทำ")
    after = own.path.read_text(encoding="utf-8").splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [2]

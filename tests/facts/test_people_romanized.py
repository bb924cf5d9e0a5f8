"""The romanized first names that link a reporter's user name are kept in a file keyed by
PyThaiNLP's version: the same keys as the romanizer's, without building its trie again."""

from __future__ import annotations

import json
import sys

import pytest

from synthesis.facts import people


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHAINLP_DATA", str(tmp_path))
    people._romanizations.cache_clear()
    yield tmp_path
    people._romanizations.cache_clear()


@pytest.mark.parametrize("first_name, user_name", [("นูรีดา", "nurida_bl"), ("สุกัญญา", "sukanya_nc"), ("อาลี", "ali99")])
def test_people_romanized_kept_and_reused(data_dir, monkeypatch, first_name, user_name):
    from pythainlp.transliterate import romanize

    key = people._romanized(first_name)
    people._romanized("มะยาเต็ง")
    assert key == people._loose(romanize(first_name, engine="royin"))
    stored = json.loads(next(data_dir.glob("synthesis-romanized-names-*.json")).read_text(encoding="utf-8"))
    assert stored[first_name] == key
    people._romanizations.cache_clear()  # a new kernel: read from the file, no romanizer
    monkeypatch.setattr(sys.modules["pythainlp.transliterate"], "romanize", lambda *a, **k: pytest.fail("romanized again"))
    assert people._romanized(first_name) == key
    assert people.link_user_name(user_name, [f"{first_name} ทดสอบ", "มะยาเต็ง แวดอเลาะ"]) == f"{first_name} ทดสอบ"


@pytest.mark.parametrize("content", ["", "[1, 2]", "{not json", '{"นูรีดา": 5}'])
def test_people_romanized_damaged_file_is_ignored(data_dir, content):
    people._romanizations_file().write_text(content, encoding="utf-8")
    assert people._romanized("นูรีดา") == "nurida"

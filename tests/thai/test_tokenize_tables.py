"""Rule c's tables (words that may grow, words that may give characters, TNC log
frequencies) are kept in a keyed file: loaded instead of built, identical to a fresh build,
rebuilt when the file is damaged, foreign or its sources change."""

from __future__ import annotations

import importlib

import pytest

tokenize_module = importlib.import_module("synthesis.thai.tokenize")

WORDS = frozenset({"บอก", "บอ", "ว่า", "กว่า", "ตา", "ตาก", "ลม", "กลม"})


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHAINLP_DATA", str(tmp_path))
    return tmp_path


def test_tokenize_tables_written_once_then_loaded(data_dir, monkeypatch):
    built = tokenize_module._reading_tables(WORDS, frozenset())
    files = list(data_dir.glob("synthesis-rule-c-*.marshal"))
    assert len(files) == 1

    def no_build(*_):
        raise AssertionError("built again although the file is there")

    monkeypatch.setattr(tokenize_module, "_build_reading_tables", no_build)
    assert tokenize_module._reading_tables(WORDS, frozenset()) == built


@pytest.mark.parametrize("damage", [b"", b"not marshal", None])
def test_tokenize_tables_damaged_or_foreign_file_is_rebuilt(data_dir, damage):
    import marshal

    built = tokenize_module._reading_tables(WORDS, frozenset())
    path = next(data_dir.glob("synthesis-rule-c-*.marshal"))
    # None: a well-formed file made for other sources (another key inside)
    path.write_bytes(marshal.dumps(("another key", frozenset({"x"}), frozenset(), {})) if damage is None else damage)
    assert tokenize_module._reading_tables(WORDS, frozenset()) == built
    assert tokenize_module._reading_tables(WORDS, frozenset()) == built  # and written back whole


@pytest.mark.parametrize("words, terms", [
    (WORDS | {"ตากลม"}, frozenset()),      # the word list changed
    (WORDS, frozenset({"บอ"})),            # a domain term never grows
])
def test_tokenize_tables_key_follows_the_sources(data_dir, words, terms):
    before = tokenize_module._reading_tables(WORDS, frozenset())
    after = tokenize_module._reading_tables(words, terms)
    assert after == tokenize_module._build_reading_tables(words, terms)
    assert len(list(data_dir.glob("synthesis-rule-c-*.marshal"))) == 2
    assert (before[0] != after[0]) or (before[1] != after[1])


def test_tokenize_tables_unwritable_folder_still_answers(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("PYTHAINLP_DATA", str(blocked / "below-a-file"))
    assert tokenize_module._reading_tables(WORDS, frozenset()) == tokenize_module._build_reading_tables(WORDS, frozenset())


def test_tokenize_tables_of_the_real_word_list_equal_a_fresh_build():
    dictionary = tokenize_module.load_dictionary()
    readings = tokenize_module._readings(dictionary)
    extendable, splittable, frequency = tokenize_module._build_reading_tables(readings.words, readings.terms)
    assert readings.extendable == extendable and readings.splittable == splittable
    assert readings.log_frequency == frequency


@pytest.mark.parametrize("text, expected", [
    ("เขาบอกว่าจะมา", ["บอก", "ว่า"]),
    ("ผู้ประกันตนมาตรา 40 เพิ่มขึ้น", ["ผู้ประกันตน"]),
])
def test_tokenize_tables_rule_c_reads_the_same(text, expected):
    words = [t.text for t in tokenize_module.tokenize(text)]
    assert all(word in words for word in expected)

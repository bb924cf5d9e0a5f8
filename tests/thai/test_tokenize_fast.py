"""The compiled token cutter (``_fast_tokenize``) gives exactly what the Python rules give."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.thai.accel import compiled

tokenize_module = importlib.import_module("synthesis.thai.tokenize")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(compiled("tokenize") is None, reason="_fast_tokenize is not built")


def _both(chunk: str, pieces: list[str], offset: int = 0):
    python = tokenize_module._python_chunk_tokens(chunk, list(pieces), offset) if sum(map(len, pieces)) == len(chunk) else None
    fast = tokenize_module._compiled_chunk_tokens(chunk, list(pieces), offset)
    return python, fast


def _engine_pieces(chunk: str) -> list[str]:
    return tokenize_module.ENGINES["nlpo3"](chunk, tokenize_module.load_dictionary())


@pytest.mark.parametrize(
    "chunk",
    [
        "แรงงานนอกระบบ ๓ คน",
        "ดี ๆ และ เร็ว ๆ นี้",  # no cut around a space before ๆ
        "งบประมาณ 50,000 บาท เวลา 13:30 น.",  # , and : between digits stay in the number
        "จ: ผู้ให้ข้อมูล (อสม.) “กองทุน” [ก] «ข»; ใช่! ไหม?",
        "  \n\n  ประชุม\t\tคณะทำงาน  \n",
        "กี่ ่ข น้ำ เ ก",  # a mark after a space, a leading vowel before a space
        "🇹🇭🇹🇭 👍🏽 e\u0301 \r\n\u200b",
        "",
        " ",
        "ๆ",
        " ๆ ",
    ],
)
def test_tokenize_fast_equals_python_on_engine_pieces(chunk):
    python, fast = _both(chunk, _engine_pieces(chunk), offset=7)
    assert fast == python


_characters = st.sampled_from(
    list("กขคงจนมยรลวสหอะาำิีึืุู่้๊๋็์เแโใไๆฯ๐๑๒") + list("abcXYZ019 .,:;()-/!?\"“”\n\t")
    + ["\u0301", "😀", "🏽", "🇹", "\u200d", "\r", "\u00a0", "\u3000"]
)


@st.composite
def chunk_and_pieces(draw):
    """A text and any cut of it into pieces (an engine may cut anywhere, even inside a
    cluster or a run of spaces, or return empty strings)."""
    text = "".join(draw(st.lists(_characters, max_size=60)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=30)))
    bounds = [0, *cuts, len(text)]
    return text, [text[a:b] for a, b in zip(bounds, bounds[1:])]


@given(chunk_and_pieces(), st.integers(0, 5000))
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tokenize_fast_equals_python_on_any_pieces(case, offset):
    chunk, pieces = case
    python, fast = _both(chunk, pieces, offset)
    assert fast == python


@pytest.mark.parametrize("pieces", [["ประชุม", "XX"], ["ประ"], []])
def test_tokenize_fast_falls_back_to_spaces_when_pieces_do_not_tile(pieces):
    chunk = "ประชุม คณะ"
    fast = tokenize_module._compiled_chunk_tokens(chunk, pieces, 0)
    assert fast == ([0, 6, 7, 10], ["ประชุม", " ", "คณะ"])


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp874", errors="replace")  # a fixture in the old Thai code page


def test_tokenize_fast_equals_python_on_the_demo_corpus(monkeypatch):
    paths = sorted((ROOT / "corpora" / "demo").rglob("*.txt")) + sorted((ROOT / "tests" / "thai" / "fixtures").rglob("*.txt"))
    texts = [_read(path) for path in paths]
    assert texts
    fast = [tokenize_module._tokenized(text, "nlpo3") for text in texts]
    monkeypatch.setattr(tokenize_module, "_chunk_tokens", tokenize_module._python_chunk_tokens)
    python = [tokenize_module._tokenized(text, "nlpo3") for text in texts]
    assert fast == python


_TERMS = ["แรงงานนอกระบบ", "สปสช.", "สปสช.เขต 12", "ผู้ประกันตนตามมาตรา 40", "กองทุนหลักประกันสุขภาพ", "รพ.สต.", "อปท.", "อสม."]


@st.composite
def chunk_with_terms_and_pieces(draw):
    parts = draw(st.lists(st.one_of(_characters, st.sampled_from(_TERMS)), max_size=25))
    text = "".join(parts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=30)))
    bounds = [0, *cuts, len(text)]
    return text, [text[a:b] for a, b in zip(bounds, bounds[1:])]


def _terms_both(chunk: str, pieces: list[str], offset: int):
    from synthesis.thai import graphemes

    cuts, texts = tokenize_module._python_chunk_tokens(chunk, pieces, offset)
    finder = tokenize_module._hard_terms_finder(tokenize_module.load_dictionary())
    matches = finder.find_matches_as_indexes(chunk)
    python = tokenize_module._python_keep_terms_whole(chunk, offset, list(cuts), list(texts), matches)
    fast = compiled("tokenize").keep_terms_whole(
        chunk, offset, list(cuts), list(texts), matches, graphemes._CUT_RISK, graphemes.is_boundary,
        tokenize_module.HARD_MIN_CHARS,
    )
    return python, fast


@pytest.mark.parametrize(
    "chunk, cut_at",
    [
        ("สปสช.เขต 12 สนับสนุน", [2, 6, 9]),  # a long term cut by the engine: made whole
        ("ที่อปท.ให้ทุน", [1, 4, 7]),  # a short term whose ends are not cuts: left alone
        ("แรงงานนอกระบบและผู้ประกันตนตามมาตรา 40", [3, 6, 13, 20, 30]),
        ("รพ.สต.", [3]),
    ],
)
def test_tokenize_fast_keeps_terms_whole_like_python(chunk, cut_at):
    bounds = [0, *cut_at, len(chunk)]
    python, fast = _terms_both(chunk, [chunk[a:b] for a, b in zip(bounds, bounds[1:])], offset=11)
    assert fast == python


@given(chunk_with_terms_and_pieces(), st.integers(0, 5000))
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tokenize_fast_keeps_terms_whole_like_python_on_any_pieces(case, offset):
    chunk, pieces = case
    python, fast = _terms_both(chunk, pieces, offset)
    assert fast == python


_SAFE_CHUNKS = tokenize_module.safe_chunks


def _python_tokenized(monkeypatch, text: str):
    with monkeypatch.context() as patch:
        patch.setattr(tokenize_module, "_fast", None)
        patch.setattr(tokenize_module, "_chunk_tokens", tokenize_module._python_chunk_tokens)
        return tokenize_module._tokenized(text, "nlpo3")


@given(
    st.lists(st.one_of(_characters, st.sampled_from(_TERMS), st.sampled_from([" ", "\n"])), max_size=40).map("".join),
    st.integers(3, 25),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_tokenize_fast_terms_across_chunks_like_python(monkeypatch, text, chunk_size):
    """Small chunks put terms across chunk ends: the compiled path reads the terms of the
    whole text from the shared scan, and must still find only what each chunk holds."""
    with monkeypatch.context() as patch:
        patch.setattr(tokenize_module, "safe_chunks", lambda t: _SAFE_CHUNKS(t, size=chunk_size))
        assert tokenize_module._tokenized(text, "nlpo3") == _python_tokenized(patch, text)


@pytest.mark.parametrize(
    "text, chunk_size",
    [
        ("ประชุม สปสช.เขต 12 ร่วมกับ อปท.", 9),  # สปสช.เขต 12 crosses the first chunk's end
        ("แรงงานนอกระบบ\nผู้ประกันตนตามมาตรา 40", 14),
        ("กองทุนหลักประกันสุขภาพ กองทุนหลักประกันสุขภาพ", 23),
    ],
)
def test_tokenize_fast_terms_across_chunks_examples(monkeypatch, text, chunk_size):
    with monkeypatch.context() as patch:
        patch.setattr(tokenize_module, "safe_chunks", lambda t: _SAFE_CHUNKS(t, size=chunk_size))
        assert tokenize_module._tokenized(text, "nlpo3") == _python_tokenized(patch, text)


def test_tokenize_fast_terms_found_after_an_entity_scan_of_the_same_text():
    """The shared scan keeps the last text's result: registering the hard terms later must
    not leave a stale scan without them."""
    scan = importlib.import_module("synthesis.thai.scan")
    text = "ประชุม สปสช.เขต 12 วันที่ 3 มีนาคม 2565"
    scan.register(tokenize_module._TermsOfChunks.SCAN_NAME, ())  # as if never registered
    scan.scan(text)  # an entity finder scans the text first
    assert "สปสช.เขต 12" in tokenize_module._tokenized(text, "nlpo3")[1]


def test_tokenize_fast_terms_follow_the_dictionary_in_use():
    """Two dictionaries in turn (two projects in one process): each text is read with the
    hard terms of the dictionary it is tokenized with, also when the first comes back."""
    from synthesis.thai.dictionary import Dictionary

    text = "ทีมกลุ่มออมทรัพย์เขตหนึ่ง และ ทีมวินจักรยานยนต์รับจ้าง"
    first = Dictionary(("กลุ่มออมทรัพย์เขตหนึ่ง",), "sha-first", ("first",))
    second = Dictionary(("วินจักรยานยนต์รับจ้าง",), "sha-second", ("second",))

    def terms(dictionary):
        copy = ("x" + text)[1:]  # a new string: no scan of it is kept
        return [copy[a:b] for _, a, b in tokenize_module._TermsOfChunks(copy, dictionary).of_chunk(0, len(copy))]

    assert terms(first) == ["กลุ่มออมทรัพย์เขตหนึ่ง"]
    assert terms(second) == ["วินจักรยานยนต์รับจ้าง"]
    assert terms(first) == ["กลุ่มออมทรัพย์เขตหนึ่ง"]


# --- Token objects made in C (spans.TokenList._all) ------------------------------------------

def _token_lists(text: str, pos: bool = False):
    from synthesis.thai.spans import TokenList

    tokens = tokenize_module.tokenize(text)
    tags = [f"T{i % 3}" if i % 4 else None for i in range(len(tokens))] if pos else None
    return TokenList(text, tokens.boundaries, pos=tags, texts=tokens.texts), tags


@pytest.mark.parametrize("pos", [False, True])
@pytest.mark.parametrize(
    "text",
    ["ประชุมคณะทำงาน ๓ ครั้ง", "  \n\nสปสช.เขต 12  ดี ๆ", "", "a", "ผู้ประกันตนตามมาตรา 40 (ร้อยละ 60)"],
)
def test_tokenize_fast_token_objects_equal_python(text, pos):
    tokens, _ = _token_lists(text, pos)
    assert tokens._all() == tokens._python_all()
    assert [type(t) for t in tokens._all()] == [type(t) for t in tokens._python_all()]


def test_tokenize_fast_token_objects_equal_python_on_the_corpus():
    for path in sorted((ROOT / "corpora" / "demo").rglob("*.txt")):
        tokens, _ = _token_lists(path.read_bytes().decode("utf-8", errors="replace"), pos=True)
        assert tokens._all() == tokens._python_all(), path.name


@given(st.lists(st.one_of(_characters, st.sampled_from(_TERMS), st.sampled_from([" ", "\n", "\t "])), max_size=30).map("".join))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tokenize_fast_token_objects_equal_python_on_random_text(text):
    tokens, _ = _token_lists(text)
    assert tokens._all() == tokens._python_all()


def test_tokenize_fast_token_objects_leave_the_cyclic_collector():
    import gc

    tokens, _ = _token_lists("ประชุม ๓ ครั้ง", pos=True)
    assert tokens._all() and not any(gc.is_tracked(token) for token in tokens._all())


def test_tokenize_fast_token_objects_of_another_class_are_left_to_python():
    class Plain:  # not a slots class: its objects cannot be filled in place
        pass

    assert compiled("tokenize").make_tokens(Plain, [0, 1], ["ก"], None) is None


@pytest.mark.parametrize("bounds, texts, pos", [([0, 1], ["ก", "ข"], None), ([0, 1, 2], ["ก", "ข"], ["N"])])
def test_tokenize_fast_token_objects_refuse_columns_of_other_lengths(bounds, texts, pos):
    from synthesis.thai.spans import Token

    with pytest.raises(ValueError, match="same tokens"):
        compiled("tokenize").make_tokens(Token, bounds, texts, pos)

"""Keywords: stop-word-aware frequencies and distinctive terms, on tokens."""

from __future__ import annotations

import pytest

from synthesis.thai import tokenize
from synthesis.thai.keywords import REPORT_STOPWORDS, distinctive_terms, terms, word_frequencies

WEAVERS = [
    "กลุ่มจักสานกระจูดประชุมเรื่องราคากระจูด สมาชิกขายกระจูดได้มากขึ้น",
    "สมาชิกย้อมสีกระจูด และสานกระเป๋ากระจูดส่งขาย",
]
TAPPERS = [
    "กลุ่มผู้กรีดยางประชุมเรื่องราคายางพารา สมาชิกกรีดยางตอนกลางคืน",
    "สมาชิกกรีดยางและขายน้ำยาง ที่สวนยางของตนเอง",
]


def test_keywords_counts_tokens_not_substrings():
    table = word_frequencies(["แรงงานนอกระบบ และ ระบบ"], stopwords=False)
    counts = dict(zip(table["term"], table["count"]))
    assert counts["แรงงานนอกระบบ"] == 1
    assert counts["ระบบ"] == 1  # not 2: the one inside the domain term is not a token


def test_keywords_frequency_columns_and_docs():
    table = word_frequencies(WEAVERS)
    assert list(table.columns) == ["term", "count", "docs"]
    row = table[table["term"] == "กระจูด"].iloc[0]
    assert (row["count"], row["docs"]) == (4, 2)
    assert table["count"].is_monotonic_decreasing


@pytest.mark.parametrize("word", ["และ", "ที่", "ของ", "วันที่", "จำนวน", "ณ"])
def test_keywords_stopwords_left_out(word):
    text = f"สมาชิก {word} กระจูด"
    assert word not in terms(text)
    assert word in terms(text, stopwords=False)


def test_keywords_custom_stopwords_replace_defaults():
    assert terms("สมาชิก และ กระจูด", stopwords={"สมาชิก"}) == ["และ", "กระจูด"]


def test_keywords_numbers_and_punctuation_are_not_terms():
    assert terms("24 คน ๓ แห่ง 1.5 (ดี)", stopwords=False) == ["คน", "แห่ง", "ดี"]


def test_keywords_accepts_token_lists():
    from_tokens = word_frequencies([tokenize(text) for text in WEAVERS])
    from_texts = word_frequencies(WEAVERS)
    assert from_tokens.equals(from_texts)


@pytest.mark.parametrize("method", ["log-likelihood", "tfidf"])
def test_keywords_distinctive_terms(method):
    table = distinctive_terms(WEAVERS, TAPPERS, method=method)
    assert list(table.columns) == ["term", "score", "target_count", "reference_count"]
    assert table.iloc[0]["term"] == "กระจูด"
    assert "ประชุม" not in table["term"].tolist()[:1]
    reverse = distinctive_terms(TAPPERS, WEAVERS, method=method)
    assert "กรีดยาง" in reverse["term"].tolist()[:2]


def test_keywords_log_likelihood_only_overused_terms():
    table = distinctive_terms(WEAVERS, TAPPERS)
    # สมาชิก is as common in both: not distinctive
    assert "สมาชิก" not in table["term"].tolist()
    assert (table["score"] > 0).all()


def test_keywords_unknown_method():
    with pytest.raises(ValueError, match="unknown method"):
        distinctive_terms(WEAVERS, TAPPERS, method="chi2")


def test_keywords_empty_inputs():
    assert word_frequencies([]).empty
    assert distinctive_terms([], []).empty


def test_keywords_report_stopwords_documented():
    assert {"วันที่", "เวลา", "ดังนี้", "circle"} <= REPORT_STOPWORDS

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


# --- names are not words ------------------------------------------------------------------------

NAMED = [
    "นางสาวมะนิง สะแลแม ประธานกลุ่มจักสานกระจูด สานกระเป๋ากระจูด",
    "นางสาวมะนิง สะแลแม เล่าว่ากลุ่มจักสานกระจูดขายกระจูดได้",
]


@pytest.mark.parametrize(
    "text, name_parts",
    [
        ("นางสาวมะนิง สะแลแม ประธานกลุ่ม", {"มะ", "นิง", "สะ", "แล", "แม", "มะนิง", "สะแลแม"}),
        ("นายอิบรอฮิม สะมะแอ สมาชิกกลุ่มผู้กรีดยาง", {"อิบรอฮิม", "สะ", "มะ", "แอ", "สะมะแอ"}),
        ("ก๊ะเยาะเล่าว่าตัดกระจูดไม่ได้", {"เยาะ", "ก๊ะเยาะ"}),
    ],
)
def test_keywords_names_are_not_terms(text, name_parts):
    found = set(terms(text, stopwords=False))
    assert not found & name_parts
    assert found  # the rest of the sentence still counts


def test_keywords_titles_are_stopwords_but_roles_are_not():
    assert "นางสาว" not in terms("นางสาวมะนิง สะแลแม ประธาน")
    assert "ผู้ใหญ่บ้าน" in terms("ผู้ใหญ่บ้าน ประกาศ เสียงตามสาย")


def test_keywords_distinctive_terms_leave_names_out():
    table = distinctive_terms(NAMED, TAPPERS)
    assert not set(table["term"]) & {"มะ", "นิง", "สะ", "แล", "แม", "มะนิง", "สะแลแม"}
    assert table.iloc[0]["term"] == "กระจูด"


def test_keywords_thai_doc_leaves_its_person_entities_out():
    from synthesis.thai import analyze

    doc = analyze(NAMED[0])
    assert word_frequencies(doc)["term"].tolist() == word_frequencies(NAMED[0])["term"].tolist()
    assert "สะ" not in word_frequencies([doc], stopwords=False)["term"].tolist()


@pytest.mark.parametrize(
    "starts, ends, span_starts, span_ends, expected",
    [
        ([0, 4, 9], [4, 9, 12], [5], [12], [False, True, True]),
        ([0, 4, 9], [4, 9, 12], [], [], [False, False, False]),
        ([0, 2, 4, 6], [2, 4, 6, 8], [6, 0], [8, 3], [True, True, False, True]),  # any order
        ([0, 2, 4, 6], [2, 4, 6, 8], [0, 1], [7, 2], [True, True, True, True]),  # a long span first
        ([0, 2], [2, 4], [2], [2], [False, False]),  # an empty span overlaps nothing
    ],
)
def test_keywords_in_spans(starts, ends, span_starts, span_ends, expected):
    from synthesis.thai.keywords import in_spans

    assert in_spans(starts, ends, span_starts, span_ends).tolist() == expected


def test_keywords_without_names_on_store_tables():
    import pandas as pd

    from synthesis.thai.keywords import without_names

    tokens = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b"], "start": [0, 6, 11, 0, 6], "end": [6, 11, 14, 6, 11],
        "text": ["นางสาว", "มะนิง", "ขาย", "นางสาว", "มะนิง"],
    })
    entities = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [6, 11, 0], "end": [11, 14, 3],
                             "label": ["PERSON", "ORG", "DATE"]})
    kept = without_names(tokens, entities)
    assert kept["text"].tolist() == ["นางสาว", "ขาย", "นางสาว", "มะนิง"]  # b has no PERSON
    assert without_names(tokens, entities.iloc[0:0]).equals(tokens)
    assert without_names(tokens, entities, labels=("ORG",))["text"].tolist() == ["นางสาว", "มะนิง", "นางสาว", "มะนิง"]


def test_keywords_pseudonyms_are_names_too():
    redacted = ["บุคคล-017 ประธานกลุ่มจักสานกระจูด เล่าว่ากลุ่มขายกระจูด", "นางบุคคล-003 สานกระจูด"]
    found = word_frequencies(redacted)["term"].tolist()
    assert "บุคคล" not in found and "กระจูด" in found
    assert "บุคคล" in terms("สิทธิของบุคคลในชุมชน", stopwords=False)  # the word itself still counts


def test_keywords_speaker_labels_are_names():
    import pandas as pd

    from synthesis.thai.keywords import speaker_label_spans, without_names

    # "ย: ได้ค่ะ\nตอนนี้ดีขึ้น" — a turn of a known speaker, then a turn without a label
    segments = pd.DataFrame({
        "doc_id": ["a"] * 5, "start": [0, 3, 10, 10, 20], "end": [9, 9, 19, 19, 25],
        "kind": ["turn", "sentence", "turn", "sentence", "paragraph"],
        "speaker": ["นางสาวยามีละห์ เจ๊ะแว", "นางสาวยามีละห์ เจ๊ะแว", "ผู้สัมภาษณ์", "ผู้สัมภาษณ์", None],
    })
    assert speaker_label_spans(segments).values.tolist() == [["a", 0, 3]]
    tokens = pd.DataFrame({"doc_id": ["a"] * 4, "start": [0, 1, 3, 10], "end": [1, 2, 6, 15],
                           "text": ["ย", ":", "ได้", "ตอนนี้"]})
    kept = without_names(tokens, pd.DataFrame(columns=["doc_id", "start", "end", "label"]), segments=segments)
    assert kept["text"].tolist() == ["ได้", "ตอนนี้"]
    assert without_names(tokens, pd.DataFrame(columns=["doc_id", "start", "end", "label"])).equals(tokens)

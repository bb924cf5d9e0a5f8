"""Keyness against a reference given by its token counts equals keyness against its documents."""

from __future__ import annotations

from collections import Counter

import pytest

from synthesis.thai.keywords import distinctive_terms


@pytest.mark.parametrize("target, reference", [
    (["กลุ่ม จักสาน กระจูด ขาย กระจูด", "กระจูด ย้อม สี กระจูด"], ["กลุ่ม ผู้กรีดยาง ขาย น้ำยาง", "สวนยาง ขาย ยางแผ่น 40 บาท"]),
    ([["ประมง", "เรือ", "ประมง", "ออม", "ออม"]], [["ผู้กรีดยาง", "ออม", ","], ["ประมง", "ยาง", "ยาง"]]),
])
def test_keyness_reference_counts_give_the_same_table(target, reference):
    tokens = [t for doc in reference for t in (doc.split() if isinstance(doc, str) else doc)]
    expected = distinctive_terms(target, [doc.split() if isinstance(doc, str) else doc for doc in reference], min_count=1)
    given = distinctive_terms(target, [], min_count=1, reference_counts=Counter(tokens))
    assert given.equals(expected) and not given.empty


def test_keyness_reference_counts_need_log_likelihood():
    with pytest.raises(ValueError, match="log-likelihood"):
        distinctive_terms(["กระจูด กระจูด"], [], method="tfidf", reference_counts={"ยาง": 3})

"""Agreement coefficients against textbook examples and the krippendorff package."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from synthesis.coding import agreement, cohen_kappa, disagreements, fleiss_kappa, krippendorff_alpha
from synthesis.coding.agreement import units_from_segments
from tests_coding_helpers import CODINGS, code, units

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 observers × 12 units.
K_DATA = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]

# Fleiss (1971) as reproduced in most textbooks: 10 subjects, 14 raters, 5 categories, κ = 0.210.
FLEISS_TABLE = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]


def test_agreement_krippendorff_textbook_example():
    assert krippendorff_alpha(K_DATA) == pytest.approx(0.743, abs=0.0005)


def test_agreement_krippendorff_matches_package():
    krippendorff = pytest.importorskip("krippendorff")
    rng = np.random.default_rng(5)
    for _ in range(5):
        data = rng.integers(0, 3, size=(3, 40)).astype(float)
        data[rng.random(data.shape) < 0.15] = np.nan
        ours = krippendorff_alpha([[None if np.isnan(v) else int(v) for v in row] for row in data])
        theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert ours == pytest.approx(theirs, abs=1e-9)
    as_float = [[np.nan if v is None else v for v in row] for row in K_DATA]
    assert krippendorff.alpha(reliability_data=as_float, level_of_measurement="nominal") == pytest.approx(
        krippendorff_alpha(K_DATA))


def test_agreement_fleiss_textbook_example():
    assert fleiss_kappa(FLEISS_TABLE) == pytest.approx(0.210, abs=0.0005)


def test_agreement_cohen_matches_sklearn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(1)
    a = rng.integers(0, 2, 60)
    b = np.where(rng.random(60) < 0.7, a, 1 - a)
    assert cohen_kappa(list(a), list(b)) == pytest.approx(metrics.cohen_kappa_score(a, b))
    assert math.isnan(cohen_kappa([0, 0, 0], [0, 0, 0]))


def test_agreement_fleiss_equals_alpha_trend_for_two_coders():
    # with two coders and no missing data, Fleiss' κ equals Scott's π and α differs only by n/(n-1)
    a, b = [1, 1, 0, 0, 1, 0, 1, 0], [1, 0, 0, 0, 1, 0, 1, 1]
    counts = [[(x == 0) + (y == 0), (x == 1) + (y == 1)] for x, y in zip(a, b)]
    pi = fleiss_kappa(counts)
    n = 2 * len(a)
    alpha = krippendorff_alpha([a, b])
    assert alpha == pytest.approx(1 - (n - 1) / n * (1 - pi))


def test_agreement_table_per_code_and_pooled():
    table = agreement(CODINGS, units(), ["a", "b"]).set_index("code_id")
    assert table.attrs["units"] == 4 and table.attrs["uncoded_units"] == 1
    assert table.loc["obstacle", "percent_agreement"] == 1.0
    assert table.loc["success", "percent_agreement"] == 0.75
    # success: a=[1,0,0,0] b=[1,1,0,0] → po=.75, pe=(.25*.5+.75*.5)=.5 → κ=.5
    assert table.loc["success", "cohen_kappa"] == pytest.approx(0.5)
    assert table.loc["ALL", "units"] == 12
    skipped = agreement(CODINGS, units(), ["a", "b"], skip_uncoded=True)
    assert skipped.attrs["units"] == 3 and skipped.attrs["uncoded"] == "skipped"


def test_agreement_ignores_documents_not_coded_by_all():
    extra = [code("a", 0, "success", doc="other")]
    plain = agreement(CODINGS, units(), ["a", "b"])
    more_units = pd.concat([units(), units().assign(doc_id="other")], ignore_index=True)
    assert agreement(CODINGS + extra, more_units, ["a", "b"]).attrs["units"] == plain.attrs["units"]


def test_agreement_disagreement_table():
    table = disagreements(CODINGS, units(), ["a", "b"])
    assert list(table["text"]) == ["งบประมาณน้อย", "สมาชิกมีรายได้"]
    assert list(table["a"]) == ["obstacle", "outcome"]
    assert list(table["b"]) == ["obstacle; success", ""]


def test_agreement_needs_two_coders():
    with pytest.raises(ValueError, match="two coders"):
        agreement(CODINGS, units(), ["a"])


def test_agreement_units_levels():
    segments = pd.DataFrame([
        {"doc_id": "d", "start": 0, "end": 30, "kind": "paragraph", "text": "x"},
        {"doc_id": "d", "start": 0, "end": 12, "kind": "sentence", "text": "x"},
        {"doc_id": "d", "start": 13, "end": 30, "kind": "sentence", "text": "x"},
        {"doc_id": "d", "start": 31, "end": 40, "kind": "paragraph", "text": "x"},
    ])
    finest = units_from_segments(segments, "segment")
    assert list(zip(finest.start, finest.end)) == [(0, 12), (13, 30), (31, 40)]
    paragraphs = units_from_segments(segments, "paragraph")
    assert list(zip(paragraphs.start, paragraphs.end)) == [(0, 30), (31, 40)]
    docs = units_from_segments(segments, "document", pd.DataFrame({"doc_id": ["d"], "text": ["ก" * 40]}))
    assert list(docs.end) == [40]
    with pytest.raises(ValueError, match="unit must be"):
        units_from_segments(segments, "page")

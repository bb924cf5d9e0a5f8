"""Partner organisations and the links between those named together."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.analysis.network import organisation_counts, organisation_links


@pytest.mark.parametrize("docs, expected", [
    ({"a": ["สปสช.", "อบต.แค"], "b": ["สปสช.", "อบต.แค", "รพ.สต."]},
     [("สปสช.", "อบต.แค", 2), ("รพ.สต.", "สปสช.", 1), ("รพ.สต.", "อบต.แค", 1)]),
    ({"a": ["สสส.", "สสส."]}, []),
])
def test_network_links_count_documents_not_mentions(docs, expected):
    rows = [{"doc_id": d, "label": "ORG", "value": v} for d, values in docs.items() for v in values]
    links = organisation_links(pd.DataFrame(rows))
    assert [tuple(r) for r in links[["source", "target", "weight"]].itertuples(index=False)] == expected


def test_network_counts_ignore_other_labels():
    ents = pd.DataFrame({"doc_id": ["a", "a", "b"], "label": ["ORG", "PLACE", "ORG"],
                         "value": ["พมจ.", "สงขลา", "พมจ."]})
    counts = organisation_counts(ents)
    assert counts.to_dict("records") == [{"organisation": "พมจ.", "mentions": 2, "documents": 2}]

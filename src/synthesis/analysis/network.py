"""Partner organisations: how often each appears, and which appear together.

Two organisations are linked when they are named in the same document; the weight of a link
is the number of such documents.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd


def organisation_counts(entities: pd.DataFrame) -> pd.DataFrame:
    """ORG entities by canonical name: mentions and documents, most documents first.

    >>> ents = pd.DataFrame({"doc_id": ["a", "a", "b"], "label": ["ORG"] * 3,
    ...                      "value": ["สปสช.", "สปสช.", "อบต.แค"]})
    >>> organisation_counts(ents)["organisation"].tolist()
    ['สปสช.', 'อบต.แค']
    """
    orgs = entities[entities["label"] == "ORG"]
    if orgs.empty:
        return pd.DataFrame(columns=["organisation", "mentions", "documents"])
    table = orgs.groupby("value").agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
    table = table.reset_index().rename(columns={"value": "organisation"})
    return table.sort_values(["documents", "mentions", "organisation"],
                             ascending=[False, False, True]).reset_index(drop=True)


def organisation_links(entities: pd.DataFrame) -> pd.DataFrame:
    """Pairs of organisations named in the same document, with the number of such documents.

    >>> ents = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "label": ["ORG"] * 4,
    ...                      "value": ["สปสช.", "อบต.แค", "สปสช.", "อบต.แค"]})
    >>> organisation_links(ents).to_dict("records")
    [{'source': 'สปสช.', 'target': 'อบต.แค', 'weight': 2}]
    """
    orgs = entities[entities["label"] == "ORG"]
    counts: dict[tuple[str, str], int] = {}
    for _, names in orgs.groupby("doc_id")["value"]:
        for pair in combinations(sorted(set(names)), 2):
            counts[pair] = counts.get(pair, 0) + 1
    rows = [{"source": a, "target": b, "weight": w} for (a, b), w in counts.items()]
    frame = pd.DataFrame(rows, columns=["source", "target", "weight"])
    return frame.sort_values(["weight", "source", "target"], ascending=[False, True, True]).reset_index(drop=True)

"""Reconciliation: turn two or more coders' codings into one agreed coder (``consensus``).

For every unit the coders share, a code that every coder applied is kept. A code only some
applied is settled by a *decision* (the codes the coders agreed on after discussion, in the
``decision`` column of the disagreement table, joined by ``"; "``); without one it follows
``policy``: ``agreed`` drops it (the default), ``majority`` keeps it when more than half
applied it, ``any`` keeps it. Each kept code takes the span of the first coder (in the order
given) who applied it there, so spans stay on words a person chose.

>>> from synthesis.coding.codings import new_coding
>>> units = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [10], "text": ["ผู้นำเข้มแข็ง"[:10]]})
>>> a = new_coding("d", 0, 5, "ผู้นำ", "h", "success.leadership", "a")
>>> b = new_coding("d", 0, 10, "ผู้นำเข้มแข", "h", "success.leadership", "b")
>>> agreed, open_ = reconcile([a, b], units, ["a", "b"])
>>> [(c.coder, c.start, c.end) for c in agreed], len(open_)
([('consensus', 0, 5)], 0)
"""

from __future__ import annotations

from typing import Iterable, Sequence

import pandas as pd

from synthesis.coding.agreement import _compared_units
from synthesis.coding.codings import Coding, check_coder_name, new_coding

POLICIES = ("agreed", "majority", "any")


def _decision_lookup(decisions: pd.DataFrame | None) -> dict[tuple[str, int, int], set[str]]:
    if decisions is None or len(decisions) == 0:
        return {}
    lookup = {}
    for doc_id, start, end, decided in zip(decisions["doc_id"], decisions["start"], decisions["end"],
                                           decisions["decision"]):
        if decided is None or (isinstance(decided, float) and pd.isna(decided)):
            continue
        lookup[(doc_id, int(start), int(end))] = {c.strip() for c in str(decided).split(";") if c.strip()}
    return lookup


def reconcile(codings: Iterable[Coding], units: pd.DataFrame, coders: Sequence[str],
              decisions: pd.DataFrame | None = None, policy: str = "agreed",
              consensus: str = "consensus") -> tuple[list[Coding], pd.DataFrame]:
    """Agreed codings as coder ``consensus``, and the disagreements no decision settled.

    ``decisions``: rows with ``doc_id, start, end`` of a unit and ``decision`` (codes kept).
    """
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}")
    check_coder_name(consensus)
    coders = list(coders)
    codings = [c for c in codings if c.coder in coders and not c.orphaned]
    compared = _compared_units(codings, units, coders)
    decided = _decision_lookup(decisions)
    sha_of = {c.doc_id: c.doc_sha256 for c in codings}
    result: dict[str, Coding] = {}
    open_rows = []
    for index, unit in compared.iterrows():
        doc_id, start, end = unit["doc_id"], int(unit["start"]), int(unit["end"])
        inside = [c for c in codings if c.doc_id == doc_id and c.start < end and start < c.end]
        applied = {coder: {c.code_id for c in inside if c.coder == coder} for coder in coders}
        every = set.intersection(*applied.values())
        some = set.union(*applied.values())
        key = (doc_id, start, end)
        if key in decided:
            kept, how = decided[key], "decided in reconciliation"
        else:
            kept = _by_policy(applied, policy)
            how = "agreed by " + ", ".join(coders)
            if some - every:
                open_rows.append({"unit": index, "doc_id": doc_id, "start": start, "end": end,
                                  "text": unit.get("text", ""),
                                  **{coder: "; ".join(sorted(codes)) for coder, codes in applied.items()}})
        for code in sorted(kept):
            source = next((c for coder in coders for c in inside if c.coder == coder and c.code_id == code), None)
            if code in every:
                memo = how
            elif code in some:
                memo = f"{how}; applied by " + ", ".join(c for c in coders if code in applied[c])
            else:
                memo = f"{how}; added"
            if source is not None:
                coding = new_coding(doc_id, source.start, source.end, source.quote, source.doc_sha256, code,
                                    consensus, memo=memo)
            else:
                text = unit.get("text", "")
                if not text:
                    raise ValueError(f"decision adds {code} to {doc_id}:{start}-{end} but the unit text is unknown")
                coding = new_coding(doc_id, start, end, text, sha_of.get(doc_id, ""), code, consensus, memo=memo)
            result.setdefault(coding.coding_id, coding)
    columns = ["unit", "doc_id", "start", "end", "text", *coders]
    return list(result.values()), pd.DataFrame(open_rows, columns=columns)


def _by_policy(applied: dict[str, set[str]], policy: str) -> set[str]:
    sets = list(applied.values())
    if policy == "agreed":
        return set.intersection(*sets)
    if policy == "any":
        return set.union(*sets)
    return {code for code in set.union(*sets) if sum(code in s for s in sets) * 2 > len(sets)}

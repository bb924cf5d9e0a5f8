"""Agreement between coders: percent agreement, Cohen's κ, Fleiss' κ, Krippendorff's α (nominal).

Coders are compared on *units* (segments, paragraphs or whole documents). For each code, each
coder either applied it to a unit (a coding overlaps the unit) or did not: a yes/no decision.
The units compared are all units of the documents that *every* compared coder has coded at
least once; a document only one coder has opened is left out, since silence there is not a
decision. Units that no coder coded at all ("uncoded units") count as agreement on absence
for every code; pass ``skip_uncoded=True`` to leave them out instead. The number of each is
reported in the result's ``attrs``.

>>> round(cohen_kappa([1, 1, 0, 0, 1], [1, 0, 0, 0, 1]), 3)
0.615
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import combinations
from typing import Hashable, Iterable, Sequence

import numpy as np
import pandas as pd

from synthesis.coding.codings import Coding

UNIT_LEVELS = ("segment", "paragraph", "document")
PARAGRAPH_KINDS = ("paragraph", "list_item", "heading", "turn")


# the coefficients ---------------------------------------------------------------------------
def percent_agreement(ratings: Sequence[Sequence[Hashable]]) -> float:
    """Share of units on which all coders gave the same value; ``ratings`` is coders × units."""
    units = list(zip(*ratings))
    return float(np.mean([len(set(unit)) == 1 for unit in units])) if units else float("nan")


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's κ for two coders; NaN when chance agreement is total (e.g. neither coder used it).

    >>> cohen_kappa(["y"] * 20 + ["y"] * 5 + ["n"] * 10 + ["n"] * 15,
    ...             ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15)
    0.4
    """
    if len(a) != len(b) or not a:
        raise ValueError("cohen_kappa needs two equally long, non-empty rating lists")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[v] * count_b[v] for v in set(a) | set(b)) / (n * n)
    if expected == 1:
        return float("nan")
    return round((observed - expected) / (1 - expected), 12)


def fleiss_kappa(counts: np.ndarray | Sequence[Sequence[int]]) -> float:
    """Fleiss' κ from a units × categories table of how many coders chose each category.

    Every unit must have the same number of coders.
    """
    table = np.asarray(counts, dtype=float)
    raters = table.sum(axis=1)
    if table.size == 0 or not np.all(raters == raters[0]) or raters[0] < 2:
        raise ValueError("fleiss_kappa needs the same number (≥ 2) of coders on every unit")
    n, units = raters[0], table.shape[0]
    p_category = table.sum(axis=0) / (units * n)
    p_unit = ((table * (table - 1)).sum(axis=1)) / (n * (n - 1))
    observed, expected = p_unit.mean(), float((p_category**2).sum())
    if expected == 1:
        return float("nan")
    return float((observed - expected) / (1 - expected))


def krippendorff_alpha(ratings: Sequence[Sequence[Hashable | None]]) -> float:
    """Krippendorff's α for nominal data; ``ratings`` is coders × units, ``None``/NaN = missing.

    Units with fewer than two values are not pairable and are ignored, as in Krippendorff (2011).
    """
    values_by_unit = []
    for unit in zip(*ratings):
        present = [v for v in unit if v is not None and not (isinstance(v, float) and np.isnan(v))]
        if len(present) >= 2:
            values_by_unit.append(present)
    coincidences: Counter = Counter()
    for present in values_by_unit:
        m = len(present)
        for i, j in combinations(range(m), 2):
            coincidences[(present[i], present[j])] += 1 / (m - 1)
            coincidences[(present[j], present[i])] += 1 / (m - 1)
    total = sum(coincidences.values())
    if total == 0:
        return float("nan")
    marginals: Counter = Counter()
    for (c, _), weight in coincidences.items():
        marginals[c] += weight
    observed_disagreement = sum(w for (c, k), w in coincidences.items() if c != k)
    expected_disagreement = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if expected_disagreement == 0:
        return float("nan")
    return float(1 - (total - 1) * observed_disagreement / expected_disagreement)


# units --------------------------------------------------------------------------------------
def units_from_segments(segments: pd.DataFrame, unit: str = "segment", documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The units to compare coders on: ``doc_id, start, end`` (+ ``text`` when known).

    ``segment``: the finest segments (those containing no other segment); ``paragraph``:
    paragraphs, list items, headings and speaker turns, outermost only; ``document``: one
    unit per document (needs ``documents`` with ``doc_id`` and ``text``).
    """
    if unit not in UNIT_LEVELS:
        raise ValueError(f"unit must be one of {', '.join(UNIT_LEVELS)}, not {unit!r}")
    if unit == "document":
        if documents is None:
            raise ValueError("unit='document' needs the documents table")
        frame = pd.DataFrame({"doc_id": documents["doc_id"], "start": 0,
                              "end": documents["text"].str.len(), "text": documents["text"]})
        return frame.reset_index(drop=True)
    chosen = segments if unit == "segment" else segments[segments["kind"].isin(PARAGRAPH_KINDS)]
    chosen = chosen.drop_duplicates(["doc_id", "start", "end"])
    keep = []
    for _, group in chosen.groupby("doc_id", sort=False):
        spans = sorted(zip(group["start"], group["end"], group.index), key=lambda span: (span[0], -span[1]))
        keep.extend(_innermost(spans) if unit == "segment" else _outermost(spans))
    frame = chosen.loc[keep]
    columns = [c for c in ("doc_id", "start", "end", "text", "kind", "section") if c in frame.columns]
    return frame[columns].sort_values(["doc_id", "start"]).reset_index(drop=True)


def _innermost(spans: list[tuple[int, int, int]]) -> list[int]:
    """Indexes of the spans (sorted by start, longest first) that contain no other span."""
    starts = [start for start, _, _ in spans]
    keep = []
    for position, (start, end, index) in enumerate(spans):
        later = range(position + 1, bisect_left(starts, end))  # spans starting inside this one
        if not any(spans[j][1] <= end for j in later):
            keep.append(index)
    return keep


def _outermost(spans: list[tuple[int, int, int]]) -> list[int]:
    """Indexes of the spans (sorted by start, longest first) that no other span contains."""
    keep, reach = [], -1
    for start, end, index in spans:
        if end > reach:
            keep.append(index)
            reach = end
    return keep


def unit_codes(codings: Iterable[Coding], units: pd.DataFrame) -> dict[tuple[int, str], set[str]]:
    """``{(unit_index, coder): {code_id, …}}``: which codes each coder applied to each unit."""
    by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for index, doc_id, start, end in zip(units.index, units["doc_id"], units["start"], units["end"]):
        by_doc[doc_id].append((start, end, index))
    found: dict[tuple[int, str], set[str]] = defaultdict(set)
    for coding in codings:
        if coding.orphaned:
            continue
        for start, end, index in by_doc.get(coding.doc_id, ()):
            if coding.start < end and start < coding.end:
                found[(index, coding.coder)].add(coding.code_id)
    return found


def _compared_units(codings: list[Coding], units: pd.DataFrame, coders: Sequence[str]) -> pd.DataFrame:
    opened = [{c.doc_id for c in codings if c.coder == coder} for coder in coders]
    shared = set.intersection(*opened) if opened else set()
    return units[units["doc_id"].isin(shared)]


# the report ---------------------------------------------------------------------------------
def agreement(codings: Iterable[Coding], units: pd.DataFrame, coders: Sequence[str],
              codes: Sequence[str] | None = None, skip_uncoded: bool = False) -> pd.DataFrame:
    """One row per code (and an ``ALL`` row pooling every unit × code decision).

    Columns: ``units``, ``coded_by_any``, ``percent_agreement``, ``cohen_kappa`` (two coders
    only), ``fleiss_kappa``, ``krippendorff_alpha``. ``attrs`` holds ``units``,
    ``uncoded_units``, ``coders`` and how uncoded units were handled.
    """
    coders = list(coders)
    if len(coders) < 2:
        raise ValueError("agreement needs at least two coders")
    codings = [c for c in codings if c.coder in coders]
    compared = _compared_units(codings, units, coders)
    applied = unit_codes(codings, compared)
    uncoded = [i for i in compared.index if not any(applied.get((i, coder)) for coder in coders)]
    if skip_uncoded:
        compared = compared.drop(index=uncoded)
    codes = sorted(codes) if codes is not None else sorted({c.code_id for c in codings})
    decisions = _decisions(applied, compared.index, coders, codes)
    rows = [_row(code, decisions[:, position, :]) for position, code in enumerate(codes)]
    rows.append(_row("ALL", decisions.reshape(len(coders), -1)))
    result = pd.DataFrame(rows)
    result.attrs.update(units=len(compared), uncoded_units=len(uncoded), coders=coders,
                        uncoded="skipped" if skip_uncoded else "counted as agreement on absence")
    return result


def _decisions(applied: dict[tuple[int, str], set[str]], unit_index: pd.Index, coders: list[str],
               codes: list[str]) -> np.ndarray:
    """coders × codes × units, 1 where the coder applied the code to the unit (the ``ALL``
    row pools them code after code, as one coder's list of decisions)."""
    decisions = np.zeros((len(coders), len(codes), len(unit_index)), dtype=np.int64)
    code_position = {code: i for i, code in enumerate(codes)}
    unit_position = {index: i for i, index in enumerate(unit_index)}
    coder_position = {coder: i for i, coder in enumerate(coders)}
    for (index, coder), applied_codes in applied.items():
        if index not in unit_position or coder not in coder_position:
            continue
        for code in applied_codes:
            if code in code_position:
                decisions[coder_position[coder], code_position[code], unit_position[index]] = 1
    return decisions


def _row(code: str, ratings: np.ndarray | list[list[int]]) -> dict:
    """The coefficients of one code from its coders × units yes/no table, computed from counts
    (the same values as the general functions above: ``tests/coding/test_agreement.py``)."""
    ratings = np.asarray(ratings, dtype=np.int64)
    coders, n = ratings.shape
    yes = ratings.sum(axis=0)
    row = {"code_id": code, "units": n, "coded_by_any": int((yes > 0).sum())}
    if n == 0:
        return {**row, "percent_agreement": np.nan, "cohen_kappa": np.nan, "fleiss_kappa": np.nan,
                "krippendorff_alpha": np.nan}
    row["percent_agreement"] = float(np.mean((yes == 0) | (yes == coders)))
    row["cohen_kappa"] = _binary_cohen(ratings) if coders == 2 else np.nan
    row["fleiss_kappa"] = fleiss_kappa(np.stack([coders - yes, yes], axis=1))
    row["krippendorff_alpha"] = _binary_krippendorff(yes, coders)
    return row


def _binary_cohen(ratings: np.ndarray) -> float:
    """:func:`cohen_kappa` of two coders' 0/1 lists, from their counts (same arithmetic)."""
    a, b = ratings
    n = len(a)
    observed = int((a == b).sum()) / n
    yes_a, yes_b = int(a.sum()), int(b.sum())
    expected = (yes_a * yes_b + (n - yes_a) * (n - yes_b)) / (n * n)
    if expected == 1:
        return float("nan")
    return round((observed - expected) / (1 - expected), 12)


def _binary_krippendorff(yes: np.ndarray, coders: int) -> float:
    """:func:`krippendorff_alpha` of complete 0/1 data (every coder rated every unit), from
    how many coders said yes on each unit: the coincidence table in closed form."""
    if coders < 2:
        return float("nan")
    no = coders - yes
    pairs = float(coders - 1)
    ones = float((yes * (yes - 1)).sum()) / pairs  # o_11
    zeros = float((no * (no - 1)).sum()) / pairs   # o_00
    mixed = float((yes * no).sum()) / pairs        # o_01 = o_10
    total = ones + zeros + 2 * mixed
    if total == 0:
        return float("nan")
    marginal_yes, marginal_no = ones + mixed, zeros + mixed
    expected_disagreement = 2 * marginal_yes * marginal_no
    if expected_disagreement == 0:
        return float("nan")
    return float(1 - (total - 1) * (2 * mixed) / expected_disagreement)


def disagreements(codings: Iterable[Coding], units: pd.DataFrame, coders: Sequence[str]) -> pd.DataFrame:
    """The units where the coders' code sets differ: unit, text and each coder's codes.

    Columns: ``unit`` (index into ``units``), ``doc_id``, ``start``, ``end``, ``text`` and one
    column per coder holding its codes joined by ``"; "`` (empty when it coded nothing there).
    """
    coders = list(coders)
    codings = [c for c in codings if c.coder in coders]
    compared = _compared_units(codings, units, coders)
    applied = unit_codes(codings, compared)
    rows = []
    for index, unit in compared.iterrows():
        sets = [applied.get((index, coder), set()) for coder in coders]
        if len({frozenset(s) for s in sets}) > 1:
            row = {"unit": index, "doc_id": unit["doc_id"], "start": unit["start"], "end": unit["end"],
                   "text": unit.get("text", "")}
            row.update({coder: "; ".join(sorted(s)) for coder, s in zip(coders, sets)})
            rows.append(row)
    return pd.DataFrame(rows, columns=["unit", "doc_id", "start", "end", "text", *coders])

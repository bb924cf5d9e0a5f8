"""Cross-area synthesis: what is shared, what is specific to an area, and the cards side by side.

- :func:`shared_vs_specific`: per sub-code, the areas with evidence (shared by all, by
  several, or specific to one) and, for each area, the terms that distinguish its coded
  segments under that code from the other areas' (so a mosque's Friday sermon or a
  co-operative's deduction surfaces even where every area has "a local mechanism").
- :func:`distinctive_terms`: Dunning's log-likelihood (G²) of the words of an area's coded
  segments against the other areas' coded segments; only terms used relatively more in the
  area, seen at least ``min_count`` times. Stop words, numbers, punctuation and names (people,
  the areas' places) are never counted as words.
- :func:`compare_cards`: the cards field by field (section × area).

>>> import pandas as pd
>>> placed = pd.DataFrame({"row": ["a", "a", "b"], "doc_id": ["d1", "d2", "d3"], "start": [0, 0, 0], "end": [1, 1, 1],
...     "code_id": ["mechanism.agreement"] * 3,
...     "quote": ["คุตบะห์วันศุกร์ที่มัสยิด", "คุตบะห์วันศุกร์ของโต๊ะอิหม่าม", "สหกรณ์หักเงินค่ายาง"]})
>>> distinctive_terms(placed, "a", min_count=2, min_g2=0)["term"].tolist()[:2]
['คุตบะห์', 'ศุกร์']
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

import pandas as pd

MIN_G2 = 3.84  # p < 0.05 for one degree of freedom
SHARED_COLUMNS = ["code_id", "code_th", "areas_with", "n_areas", "status", "status_th", "distinctive"]
TERM_COLUMNS = ["term", "count_area", "count_other", "g2"]
_NUMBER_LIKE = re.compile(r"^[0-9๐-๙.,/%:-]+$")


def name_terms(areas, entities: pd.DataFrame | None = None) -> frozenset[str]:
    """Words that are names: the tokens of PERSON entities and of the areas' place names.

    >>> from synthesis.corpus.areas import Area
    >>> sorted(name_terms([Area("x", "พื้นที่", "X", "ยะลา", tambon="บาละ")]))[:2]
    ['บาละ', 'ยะลา']
    """
    from synthesis.thai.tokenize import words

    names: set[str] = set()
    for area in areas:
        for name in (area.province, area.amphoe, area.tambon, area.local_government, *area.aliases):
            if name:
                names.add(name)
                names.update(words(name))
    if entities is not None and len(entities):
        for value in entities.loc[entities["label"] == "PERSON", "text" if "text" in entities.columns else "value"]:
            if isinstance(value, str):
                names.update(w for w in words(value) if len(w) > 1)
    from synthesis.thai.keywords import default_stopwords

    return frozenset(names - default_stopwords() - {"นาย", "นาง", "นางสาว"})


@functools.lru_cache(maxsize=50000)
def _content_tokens(quote: str) -> tuple[str, ...]:
    from synthesis.thai.keywords import default_stopwords
    from synthesis.thai.tokenize import words

    stop = default_stopwords()
    return tuple(w for w in words(quote) if len(w) > 1 and w not in stop and not _NUMBER_LIKE.match(w))


def _segment_terms(placed: pd.DataFrame, exclude: frozenset[str]) -> dict[str, Counter]:
    """Word counts of each area's distinct coded spans (a span coded by three coders counts once)."""
    counts: dict[str, Counter] = {}
    spans = placed.drop_duplicates(["row", "doc_id", "start", "end"])
    for row, quote in zip(spans["row"], spans["quote"]):
        bag = counts.setdefault(row, Counter())
        bag.update(w for w in _content_tokens(str(quote)) if w not in exclude)
    return counts


def _g2(a: int, b: int, total_a: int, total_b: int) -> float:
    """Dunning's log-likelihood of a term seen ``a`` times in ``total_a`` and ``b`` in ``total_b``."""
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    g2 = 0.0
    if a:
        g2 += a * math.log(a / expected_a)
    if b:
        g2 += b * math.log(b / expected_b)
    return 2 * g2


def distinctive_terms(placed: pd.DataFrame, area: str, top: int = 10, min_count: int = 2,
                      exclude: frozenset[str] = frozenset(), counts: dict[str, Counter] | None = None,
                      min_g2: float = MIN_G2) -> pd.DataFrame:
    """The words that set ``area``'s coded segments apart from the other areas' (G², best
    first; at least ``min_g2`` when other areas have evidence: 3.84 is p < 0.05)."""
    counts = counts if counts is not None else _segment_terms(placed, exclude)
    mine = counts.get(area, Counter())
    other = Counter()
    for row, bag in counts.items():
        if row != area:
            other.update(bag)
    return pd.DataFrame(_ranked_terms(mine, other, top, min_count, min_g2), columns=TERM_COLUMNS)


def _ranked_terms(mine: Counter, other: Counter, top: int, min_count: int, min_g2: float) -> list[dict]:
    """The rows of :func:`distinctive_terms` (best first, at most ``top``) from an area's word
    counts and the other areas' together.

    >>> [r["term"] for r in _ranked_terms(Counter(ยาง=3, ปลา=1), Counter(ปลา=5), 5, 2, 0)]
    ['ยาง']
    """
    total_a, total_b = sum(mine.values()), sum(other.values())
    rows = []
    for term, a in mine.items():
        b = other.get(term, 0)
        if a < min_count or not total_a:
            continue
        if total_b and a / total_a <= b / total_b:
            continue
        g2 = _g2(a, b, total_a, total_b) if total_b else float(a)
        if total_b and g2 < min_g2:
            continue
        rows.append({"term": term, "count_area": a, "count_other": b, "g2": round(g2, 3)})
    rows.sort(key=lambda r: (-r["g2"], -r["count_area"], r["term"]))
    return rows[:top]


def shared_vs_specific(placed: pd.DataFrame, areas, codebook, exclude: frozenset[str] = frozenset(),
                       top_terms: int = 5) -> pd.DataFrame:
    """Per sub-code (``placed`` at ``level="sub"``): which areas have evidence, shared or
    specific, and each area's distinctive terms under that code (``{area: [terms]}``).

    The words of every coded span are counted once, in one pass over ``placed`` (a span coded
    by three coders counts once under its code and area), then each area's counts are set
    against the rest of its code's (:func:`distinctive_terms`' rule, at least twice)."""
    area_ids = [a.id for a in areas]
    by_code: dict[str, dict[str, Counter]] = {}
    if len(placed):
        spans = placed.drop_duplicates(["theme", "row", "doc_id", "start", "end"])
        for theme, row, quote in zip(spans["theme"], spans["row"], spans["quote"]):
            bag = by_code.setdefault(theme, {}).setdefault(row, Counter())
            bag.update(w for w in _content_tokens(str(quote)) if w not in exclude)
    rows = []
    for code in [c for c in codebook if c.parent]:
        counts = by_code.get(code.id, {})
        present = [a for a in area_ids if a in counts]
        n = len(present)
        if n == 0:
            status, status_th = "none", "ไม่มีหลักฐาน"
        elif n == len(area_ids) and n > 1:
            status, status_th = "shared", "ร่วมทุกพื้นที่"
        elif n == 1:
            status, status_th = "specific", f"เฉพาะพื้นที่ ({present[0]})"
        else:
            status, status_th = "several", f"หลายพื้นที่ ({n}/{len(area_ids)})"
        distinctive = {}
        if n:
            everyone = Counter()
            for bag in counts.values():
                everyone.update(bag)
            for area in present:
                mine = counts[area]
                terms = _ranked_terms(mine, everyone - mine, top_terms, 2, MIN_G2)
                distinctive[area] = [t["term"] for t in terms]
        rows.append({"code_id": code.id, "code_th": codebook.label(code.id), "areas_with": present, "n_areas": n,
                     "status": status, "status_th": status_th, "distinctive": distinctive})
    return pd.DataFrame(rows, columns=SHARED_COLUMNS)


def compare_cards(cards: dict) -> pd.DataFrame:
    """The cards field by field: one row per section (Thai heading), one column per area,
    each cell the area's points of that section (a list of texts; empty when none).

    >>> from synthesis.findings.cards.model import CardPoint, LessonCard
    >>> table = compare_cards({"yala-bala": LessonCard("yala-bala", sections={"obstacles": [CardPoint("ราคายางตก")]})})
    >>> table.loc["อุปสรรคและปัญหา", "yala-bala"]
    ['ราคายางตก']
    """
    from synthesis.findings.cards.model import CARD_SECTIONS

    data = {area: [[p.text for p in card.sections.get(name, [])] for name in CARD_SECTIONS]
            for area, card in cards.items()}
    table = pd.DataFrame(data, index=[th for th, _, _ in CARD_SECTIONS.values()])
    table.index.name = "หัวข้อ (section)"
    return table

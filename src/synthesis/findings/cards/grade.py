"""A confidence grade for each card point, by a stated rule in the spirit of GRADE-CERQual.

Every point starts at **สูง (high)** and is downgraded one step per concern:

- **Adequacy** (how much backs it): 1 document → two steps ("one source is never high");
  2 documents, or 3+ documents from fewer than 3 informants → one step.
- **Coherence**: each contradiction touching the point (two documents of the area stating a
  number of the point differently, :mod:`synthesis.findings.contradictions`) → one step
  (at most two); a cited passage that a coder also coded under an opposing section
  (a success factor also coded as an obstacle, a result also coded as an obstacle) → one step.
- **Coder agreement** on the codes of the cited codings (Krippendorff's α per code from
  :func:`synthesis.coding.agreement.agreement`, weighted by the point's codings): α < 0.4 →
  two steps; 0.4 ≤ α < 0.67 → one step; no two coders coded these codes → one step.

Levels: 3 สูง (high), 2 ปานกลาง (moderate), 1 ต่ำ (low), 0 ต่ำมาก (very low); a point no
existing coding supports is ต่ำมาก. Each concern is one Thai reason beside the grade.

>>> import pandas as pd
>>> rows = pd.DataFrame({"doc_id": ["d1"], "speaker": [None], "reporter": [""], "code_id": ["success"],
...                      "coding_id": ["c1"], "areas": [["yala-bala"]], "start": [0], "end": [5]})
>>> g = grade_point("ความร่วมมือของมัสยิด", rows, {"success": (0.8, 40)})
>>> g.label_th, g.level
('ต่ำ', 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

LEVELS_TH = {3: "สูง", 2: "ปานกลาง", 1: "ต่ำ", 0: "ต่ำมาก"}
LEVELS_EN = {3: "high", 2: "moderate", 1: "low", 0: "very low"}
ALPHA_GOOD = 0.67
ALPHA_POOR = 0.4
# Sections whose findings another section contradicts when both code one passage.
OPPOSING = {"success_factors": {"obstacle"}, "results": {"obstacle"}, "obstacles": {"success", "outcomes"}}


@dataclass
class Grade:
    level: int
    reasons: list[str] = field(default_factory=list)
    documents: int = 0
    informants: int = 0
    areas: int = 0
    alpha: float | None = None

    @property
    def label_th(self) -> str:
        return LEVELS_TH[self.level]

    @property
    def label_en(self) -> str:
        return LEVELS_EN[self.level]

    def as_dict(self) -> dict:
        return {"grade": self.level, "grade_th": self.label_th, "grade_en": self.label_en,
                "grade_reasons": list(self.reasons), "documents": self.documents, "informants": self.informants,
                "areas": self.areas, "alpha": self.alpha}


def code_agreement(codings, units: pd.DataFrame, coders: list[str] | None = None) -> dict[str, tuple[float, int]]:
    """``{code_id: (Krippendorff α, units coded by any coder)}`` for the human coders (two or
    more; ``consensus`` and ``rules`` are not coders); empty when fewer than two coded.

    >>> code_agreement([], pd.DataFrame({"doc_id": [], "start": [], "end": []}))
    {}
    """
    from synthesis.coding.agreement import agreement

    codings = [c for c in codings if not c.orphaned]
    if coders is None:
        coders = sorted({c.coder for c in codings} - {"consensus", "rules"})
    if len(coders) < 2 or units is None or len(units) == 0:
        return {}
    table = agreement(codings, units, coders)
    return {row.code_id: (float(row.krippendorff_alpha), int(row.coded_by_any))
            for row in table.itertuples() if row.code_id != "ALL"}


class _SpanIndex:
    """Coded spans by document, built once per details table."""

    def __init__(self, details: pd.DataFrame):
        self.by_doc: dict[str, list[tuple]] = {}
        for doc, start, end, code in zip(details["doc_id"], details["start"], details["end"], details["code_id"]):
            self.by_doc.setdefault(doc, []).append((doc, start, end, code))

    def get_many(self, docs) -> list[tuple]:
        return [span for doc in docs for span in self.by_doc.get(doc, ())]


_SPAN_CACHE: dict[int, tuple[pd.DataFrame, _SpanIndex]] = {}


def _spans_by_doc(details: pd.DataFrame) -> _SpanIndex:
    cached = _SPAN_CACHE.get(id(details))
    if cached is None or cached[0] is not details:
        _SPAN_CACHE.clear()
        cached = (details, _SpanIndex(details))
        _SPAN_CACHE[id(details)] = cached
    return cached[1]


def _informants(rows: list[dict]) -> int:
    keys = set()
    for row in rows:
        speaker, reporter = row["speaker"], row["reporter"]
        keys.add(("s", speaker) if isinstance(speaker, str) and speaker else
                 ("r", reporter) if isinstance(reporter, str) and reporter else ("d", row["doc_id"]))
    return len(keys)


def grade_point(text: str, cited: pd.DataFrame | list[dict], agreement_by_code: dict[str, tuple[float, int]],
                contradictions: pd.DataFrame | None = None, section: str | None = None,
                all_details: pd.DataFrame | None = None, codebook=None) -> Grade:
    """The grade of one point from its cited codings' details (``doc_id, speaker, reporter,
    code_id, coding_id, areas, start, end``; a DataFrame, or its rows as records), the
    per-code agreement, the area's contradictions (``doc_a, doc_b, value_a, value_b,
    subject``) and, for the opposing-code check, every coding's details."""
    from synthesis.findings.numerals import point_numbers, same_number

    rows = cited.to_dict("records") if isinstance(cited, pd.DataFrame) else list(cited or [])
    if not rows:
        return Grade(0, ["ไม่มีการลงรหัสรองรับ (no coding supports this point)"])
    concerns, reasons = 0, []
    cited_docs = {row["doc_id"] for row in rows}
    documents = len(cited_docs)
    informants = _informants(rows)
    areas = len({a for row in rows for a in (row["areas"] if row["areas"] is not None else [])})
    if documents == 1:
        concerns += 2
        reasons.append("ความเพียงพอ: มาจากเอกสารเดียว (one document; never high)")
    elif documents == 2:
        concerns += 1
        reasons.append("ความเพียงพอ: มาจาก 2 เอกสาร (two documents)")
    elif informants < 3:
        concerns += 1
        reasons.append(f"ความเพียงพอ: {documents} เอกสารแต่ผู้ให้ข้อมูลเพียง {informants} ราย (few informants)")
    if contradictions is not None and len(contradictions):
        numbers = [values for _, values in point_numbers(text)]
        touching = contradictions[contradictions["doc_a"].isin(cited_docs) | contradictions["doc_b"].isin(cited_docs)]
        hits = [row for row in touching.itertuples()
                if any(same_number(v, {row.value_a, row.value_b}) for v in numbers)]
        if hits:
            concerns += min(2, len(hits))
            listed = "; ".join(f"{h.subject}: {h.value_a:g} / {h.value_b:g}" for h in hits[:3])
            reasons.append(f"ความสอดคล้องของข้อมูล: ตัวเลขขัดกันระหว่างเอกสาร ({listed}) (contradicting figures)")
    if section in OPPOSING and all_details is not None and codebook is not None:
        opposing = OPPOSING[section]
        spans = {(row["doc_id"], row["start"], row["end"]) for row in rows}
        clash = [code for doc, start, end, code in _spans_by_doc(all_details).get_many({d for d, _, _ in spans})
                 if (codebook.top_of(code) if code in codebook else code) in opposing
                 and any(d == doc and start < e and s < end for d, s, e in spans)]
        if clash:
            concerns += 1
            reasons.append(f"ความสอดคล้องของข้อมูล: ข้อความที่อ้างถูกลงรหัสเป็น {clash[0]} ด้วย "
                           "(a cited passage is also coded under an opposing code)")
    weights: dict[str, int] = {}
    for code in (row["code_id"] for row in rows):
        weights[code] = weights.get(code, 0) + 1
    known = {c: agreement_by_code[c][0] for c in weights if c in agreement_by_code
             and agreement_by_code[c][0] == agreement_by_code[c][0]}  # NaN-free
    alpha = None
    if known:
        alpha = sum(known[c] * weights[c] for c in known) / sum(weights[c] for c in known)
        if alpha < ALPHA_POOR:
            concerns += 2
            reasons.append(f"ความสอดคล้องของผู้ลงรหัส: ต่ำ (α = {alpha:.2f}) (poor coder agreement)")
        elif alpha < ALPHA_GOOD:
            concerns += 1
            reasons.append(f"ความสอดคล้องของผู้ลงรหัส: ปานกลาง (α = {alpha:.2f}) (moderate coder agreement)")
    else:
        concerns += 1
        reasons.append("ความสอดคล้องของผู้ลงรหัส: ไม่มีผู้ลงรหัสสองคนในรหัสเหล่านี้ (no agreement data)")
    level = max(0, 3 - concerns)
    if documents < 2:
        level = min(level, 1)
    if not reasons:
        reasons.append(f"หลักฐานจาก {documents} เอกสาร {informants} ผู้ให้ข้อมูล ไม่มีข้อขัดแย้ง "
                       f"ผู้ลงรหัสสอดคล้องกัน (α = {alpha:.2f})")
    return Grade(level, reasons, documents, informants, areas, alpha)

"""The indicator model of an area: what is counted, its baseline, its target and the values
reached over time, each traceable to its sentence, document and date.

Built from the numeric statements of the area's own documents (:mod:`.statements`), in date
order:

1. Every declared target (``ตั้งเป้าหมาย … คือ …``) opens an indicator: its subject in the
   text's words, unit, comparison (``อย่างน้อย`` ≥, ``ไม่เกิน`` ≤), deadline, and the document
   that first set it. A later declaration of the same subject restates it (a different value
   is flagged: the target changed).
2. A target restated beside a result (``(เป้าหมาย 60 คน)``) joins the indicator whose subject
   it names; the baseline and result of its line then belong to that indicator too. A
   restated target that matches no declared one opens an indicator of its own.
3. A from → to statement (``ลดจาก 38 เหลือ 6``) that matches no indicator opens one: a
   reduction or increase is an indicator even without a target.
4. Every other baseline, result or plain value joins the indicator whose subject it holds
   (all of the indicator's content words, same unit) — never the nearest number. A value
   dated up to the target's setting is a baseline candidate; later, a result only when the
   document states no explicit result for that indicator. A number qualified as a part
   (``แต่มี 11 คนขาดส่ง``, ``ยังทำงานอยู่ 5 คน``) is kept as a note, never as a result.
5. Flags: two different baselines; two different results for one date; a restated target
   that differs from the one set.

>>> docs = [("d1", "2020-01-10", "ที่ประชุมตั้งเป้าหมาย คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน"),
...         ("d2", "2022-05-01", "ผลที่เกิดขึ้นจริง\\n1. ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน (เป้าหมาย 60 คน) แต่มี 11 คนขาดส่ง")]
>>> [(i.subject, i.baseline.value, i.target.value, i.latest.value) for i in build_indicators(docs)]
[('ผู้ประกันตนมาตรา 40', 21, 60, 64)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd

from synthesis.facts.statements import Statement, read_statements
from synthesis.facts.subjects import content_words, same_subject, subject_match

MATCH = 0.75  # share of an indicator's content words a statement's subject must hold
SAME_TARGET = 0.6  # a declared target restating another: symmetric share of words


@dataclass
class Figure:
    """One number of an indicator with where it comes from."""

    value: float
    date: str | None
    doc_id: str
    sentence: str
    start: int
    end: int
    title: str = ""
    comparison: str = "="

    @classmethod
    def of(cls, statement: Statement, doc: "_Doc") -> "Figure":
        return cls(statement.value, doc.date, doc.doc_id, statement.sentence, statement.start,
                   statement.end, doc.title, statement.comparison)


@dataclass
class Indicator:
    subject: str
    unit: str | None
    target: Figure | None = None
    deadline: str | None = None
    baselines: list[Figure] = field(default_factory=list)
    results: list[Figure] = field(default_factory=list)
    restatements: list[Figure] = field(default_factory=list)
    notes: list[tuple[str, Figure]] = field(default_factory=list)  # qualified parts
    flags: list[str] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    kind: str = "target"  # "target", or "change" for a from → to without a target

    @property
    def baseline(self) -> Figure | None:
        return min(self.baselines, key=_order) if self.baselines else None

    @property
    def latest(self) -> Figure | None:
        return max(self.results, key=_order) if self.results else None

    def status(self) -> str:
        """``met`` / ``not met`` / ``no result`` / ``no target``, by the target's comparison."""
        if self.target is None:
            return "no target"
        if self.latest is None:
            return "no result"
        value, goal = self.latest.value, self.target.value
        ok = {">=": value >= goal, "<=": value <= goal}.get(self.target.comparison, value >= goal)
        return "met" if ok else "not met"

    def score(self, subject: str, unit: str | None) -> float:
        if not _same_unit(unit, self.unit):
            return 0.0
        return max(subject_match(name, subject, unit) for name in {self.subject, *self.aliases})


@dataclass
class _Doc:
    doc_id: str
    date: str | None
    text: str
    title: str = ""


def _order(figure: Figure) -> tuple:
    return (figure.date or "", figure.start)


def _same_unit(one: str | None, other: str | None) -> bool:
    if one == other:
        return True
    people = {"คน", "ราย", "ท่าน"}
    return one in people and other in people


def build_indicators(documents: Iterable) -> list[Indicator]:
    """Indicators of a set of documents, each ``(doc_id, date, text)`` or ``(doc_id, date,
    text, title)``, by the rules of this module."""
    docs = sorted((_Doc(*row) for row in documents), key=lambda d: (d.date or "", d.doc_id))
    return indicators_of_statements([(doc, read_statements(doc.text, doc.date)) for doc in docs])


def indicators_of_statements(read: list[tuple]) -> list[Indicator]:
    """Indicators from statements already read: ``[(doc, statements)]`` in date order, each
    ``doc`` with ``doc_id``, ``date`` and ``title``."""
    indicators: list[Indicator] = []
    for doc, statements in read:  # 1. declared targets
        for s in statements:
            if s.role == "target" and not s.restated and s.subject:
                _declare(indicators, s, doc)
    line_owner: dict[tuple[str, int], Indicator] = {}
    for doc, statements in read:  # 2. restated targets, and the lines they own
        for s in statements:
            if s.role == "target" and s.restated and s.subject:
                owner = _best(indicators, s.subject, s.unit) or _same_target(indicators, s)
                if owner is None:
                    owner = Indicator(s.subject, s.unit, Figure.of(s, doc), kind="target")
                    owner.flags.append(f"เป้าหมายปรากฏครั้งแรกในรายงานผล (target first stated beside a "
                                       f"result): {doc.doc_id}")
                    indicators.append(owner)
                else:
                    owner.restatements.append(Figure.of(s, doc))
                    if len(content_words(s.subject)) >= 2:  # a one-word alias ("สมาชิก") would catch anything
                        owner.aliases.add(s.subject)
                    if owner.target and s.value != owner.target.value:
                        owner.flags.append(f"เป้าหมายไม่ตรงกัน (target restated differently): "
                                           f"{_fmt(owner.target.value)} ({owner.target.doc_id}) → "
                                           f"{_fmt(s.value)} ({doc.doc_id})")
                line_owner[(doc.doc_id, s.line_start)] = (owner, s.subject)
    for doc, statements in read:  # 3. from → to without a target
        for s in statements:
            if s.role == "baseline" and (doc.doc_id, s.line_start) not in line_owner and s.subject \
                    and _best(indicators, s.subject, s.unit) is None and _inside(indicators, s.subject, s.unit) is None \
                    and _is_pair_start(s, statements):
                indicators.append(Indicator(s.subject, s.unit, kind="change"))
    for doc, statements in read:  # 4. baselines, results, notes
        explicit = {id(i) for i in indicators for s in statements
                    if s.role in ("result", "baseline") and _owner(s, doc, indicators, line_owner) is i}
        for s in statements:
            owner = _owner(s, doc, indicators, line_owner)
            if owner is None:
                continue
            figure = Figure.of(s, doc)
            if s.qualified:
                owner.notes.append((s.subject, figure))
            elif s.role == "baseline":
                owner.baselines.append(figure)
            elif s.role == "result":
                set_on = owner.target.date if owner.target else None
                # a result dated before the target was set is where things stood: a baseline
                (owner.baselines if set_on and doc.date and doc.date < set_on else owner.results).append(figure)
            elif s.role == "value":
                set_on = owner.target.date if owner.target else None
                if (doc.doc_id, s.line_start) in line_owner:
                    owner.results.append(figure)  # "38 คน (เป้าหมาย 50 คน)": the value its target is restated for
                elif set_on is None or (doc.date or "") < set_on or \
                        (doc.date == set_on and owner.target and s.start < owner.target.start):
                    owner.baselines.append(figure)
                elif id(owner) not in explicit:
                    owner.results.append(figure)
    for indicator in indicators:
        _flag_contradictions(indicator)
    return indicators


def _owner(s: Statement, doc: _Doc, indicators: list[Indicator],
           line_owner: dict[tuple[str, int], tuple[Indicator, str]]) -> Indicator | None:
    if s.role in ("target", "change", "other") and not s.qualified or not s.subject:
        return None
    if s.qualified:
        parent = s.subject.split(" · ")[0]
        return _best(indicators, parent, s.unit)
    owner, restated_subject = line_owner.get((doc.doc_id, s.line_start), (None, None))
    # the line restates this indicator's target beside the statement's own subject
    if owner is not None and _same_unit(s.unit, owner.unit) and (
            s.subject == restated_subject or
            content_words(s.subject) <= content_words(owner.subject) | content_words(restated_subject or "")):
        return owner  # "มาตรา 40 เป้าหมายร้อยละ 60 … เป็นผู้ประกันตน 33 คน (ร้อยละ 61.1)"
    if s.role == "value":
        return _best(indicators, s.subject, s.unit, strict=True)
    found = _best(indicators, s.subject, s.unit)
    if found is None and s.paired:  # "มาตรา 40 เพิ่มจาก 21 เป็น 64 คน": a shortened name, a from → to
        found = _inside(indicators, s.subject, s.unit)
    return found


def _is_pair_start(s: Statement, statements: list[Statement]) -> bool:
    index = statements.index(s)
    return index + 1 < len(statements) and statements[index + 1].role == "result" and \
        statements[index + 1].line_start == s.line_start


def _declare(indicators: list[Indicator], s: Statement, doc: _Doc) -> None:
    for indicator in indicators:
        if indicator.target and _same_unit(s.unit, indicator.unit) and \
                same_subject(indicator.subject, s.subject, indicator.unit, s.unit) >= SAME_TARGET:
            indicator.restatements.append(Figure.of(s, doc))
            if s.value != indicator.target.value:
                indicator.flags.append(f"เป้าหมายเปลี่ยน (target changed): {_fmt(indicator.target.value)} "
                                       f"({indicator.target.doc_id}) → {_fmt(s.value)} ({doc.doc_id})")
            return
    indicator = Indicator(s.subject, s.unit, Figure.of(s, doc), s.deadline)
    # "อาสาสมัครอาชีวอนามัย (อสอช.)": later texts write the abbreviation alone
    indicator.aliases |= {m.group(1) for m in re.finditer(r"\(([ก-๛]{2,}\.(?:[ก-๛]+\.)*)\)", s.subject)}
    indicators.append(indicator)


def _best(indicators: list[Indicator], subject: str, unit: str | None,
          strict: bool = False) -> Indicator | None:
    """The indicator whose words the subject holds best (at least :data:`MATCH`); ties go to
    the closer subject (symmetric share), then to an indicator with a target; none if still tied.

    ``strict`` (for plain values, not stated as a baseline or result) asks for the symmetric
    share: ``เช้านี้ไปกับ อสอช. 2 คน`` holds อสอช. but is not about the volunteers' number.
    """
    scored = []
    for n, indicator in enumerate(indicators):
        score = indicator.score(subject, unit)
        if score == 0:
            continue
        closeness = max(same_subject(name, subject) for name in {indicator.subject, *indicator.aliases})
        if strict:
            score = closeness
        scored.append((score, closeness, indicator.target is not None, -n))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < MATCH:
        return None
    if len(scored) > 1 and scored[1][:3] == scored[0][:3]:
        return None
    return indicators[-scored[0][3]]


def _same_target(indicators: list[Indicator], s: Statement) -> Indicator | None:
    """The one declared indicator with this target value and unit whose subject shares a noun
    (a word of four letters or more) or two words with the restating subject: ``ฝึก CPR
    ผ่านเกณฑ์ 44 คน (เป้าหมาย 40 คน)`` restates ``ชาวประมงผ่านการฝึกช่วยฟื้นคืนชีพ (CPR)
    อย่างน้อย 40 คน``; ``ผู้กรีดยางผ่านการอบรม 58 คน (เป้า 60 คน)`` shares nothing with
    ``ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน`` and is an indicator of its own."""
    mine = content_words(s.subject)
    found = []
    for order, indicator in enumerate(indicators):
        if not (indicator.target and indicator.target.value == s.value and _same_unit(s.unit, indicator.unit)):
            continue
        shared = mine & content_words(indicator.subject)
        if len(shared) >= 2 or any(len(word) >= 4 for word in shared):
            found.append((-len(shared), order, indicator))
    # the one sharing most words; on a tie the one set first
    return min(found, key=lambda item: item[:2])[2] if found else None


def _inside(indicators: list[Indicator], subject: str, unit: str | None) -> Indicator | None:
    """An indicator whose subject holds all the words of a short subject (``มาตรา 40`` in
    ``ผู้ประกันตนมาตรา 40``): how an interview shortens an indicator's name."""
    from synthesis.facts.subjects import content_words

    if len(content_words(subject)) < 2:
        return None
    found = [i for i in indicators if _same_unit(unit, i.unit) and subject_match(subject, i.subject) == 1.0]
    return found[0] if len(found) == 1 else None


def _fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _flag_contradictions(indicator: Indicator) -> None:
    distinct = {}
    for figure in sorted(indicator.baselines, key=_order):
        distinct.setdefault(figure.value, figure)
    if len(distinct) > 1:
        listed = ", ".join(f"{_fmt(v)} ({f.doc_id} {f.date or ''})".strip() for v, f in distinct.items())
        indicator.flags.append(f"ค่าตั้งต้นไม่ตรงกัน (baselines differ): {listed}")
    by_date: dict[str, set] = {}
    for figure in indicator.results:
        by_date.setdefault(figure.date or "", set()).add(figure.value)
    for date, values in sorted(by_date.items()):
        if len(values) > 1:
            listed = " / ".join(_fmt(v) for v in sorted(values))
            indicator.flags.append(f"ผลสองค่าในวันเดียวกัน (two results for one date) {date}: {listed}")


INDICATOR_COLUMNS = [
    "indicator", "unit", "kind", "baseline", "baseline_date", "baseline_doc", "baseline_sentence",
    "target", "comparison", "deadline", "target_doc", "target_date", "target_sentence",
    "latest", "latest_date", "latest_doc", "latest_sentence", "status", "results", "notes", "flags",
]
EVIDENCE_COLUMNS = ["indicator", "unit", "role", "value", "date", "doc_id", "title", "sentence", "start", "end"]


def _documents_of(documents: pd.DataFrame, area: str | None) -> list[tuple]:
    """The area's own documents: attributed to it alone (a regional meeting is not one)."""
    rows = documents
    if area is not None and "areas" in rows:
        rows = rows[rows["areas"].map(lambda areas: list(areas) == [area] if areas is not None else False).astype(bool)]
    titles = rows["title"] if "title" in rows else [""] * len(rows)
    return [(d, (t if isinstance(t, str) else None), x if isinstance(x, str) else "", (h if isinstance(h, str) else ""))
            for d, t, x, h in zip(rows["doc_id"], rows["date"], rows["text"], titles)]


def indicator_table(documents: pd.DataFrame, area: str | None = None) -> pd.DataFrame:
    """One row per indicator of the documents (``doc_id``, ``date``, ``text``, optional
    ``title`` and ``areas``; with ``area``, only the documents attributed to that area alone).

    Every figure has its document, date and sentence; ``flags`` lists contradictions.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "date": ["2021-01-05"], "text": [
    ...     "ตั้งเป้าหมาย คือ มี อสอช. 6 คน\\nผลที่เกิดขึ้นจริง\\n- ได้ อสอช. 6 คน"]})
    >>> indicator_table(docs)[["indicator", "target", "latest", "status"]].values.tolist()
    [['อสอช.', 6, 6, 'met']]
    """
    rows = []
    for ind in build_indicators(_documents_of(documents, area)):
        base, target, latest = ind.baseline, ind.target, ind.latest
        rows.append({
            "indicator": ind.subject, "unit": ind.unit, "kind": ind.kind,
            "baseline": base.value if base else None, "baseline_date": base.date if base else None,
            "baseline_doc": base.doc_id if base else None, "baseline_sentence": base.sentence if base else None,
            "target": target.value if target else None,
            "comparison": target.comparison if target else None, "deadline": ind.deadline,
            "target_doc": target.doc_id if target else None, "target_date": target.date if target else None,
            "target_sentence": target.sentence if target else None,
            "latest": latest.value if latest else None, "latest_date": latest.date if latest else None,
            "latest_doc": latest.doc_id if latest else None,
            "latest_sentence": latest.sentence if latest else None,
            "status": ind.status(),
            "results": [(f.date, f.value, f.doc_id) for f in sorted(ind.results, key=_order)],
            "notes": [f"{subject}: {_fmt(f.value)} ({f.doc_id})" for subject, f in ind.notes],
            "flags": list(dict.fromkeys(ind.flags)),
        })
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def indicator_evidence(documents: pd.DataFrame, area: str | None = None) -> pd.DataFrame:
    """One row per figure of every indicator (role ``target``, ``restated target``,
    ``baseline``, ``result``, ``note``) with its document, date, sentence and offsets, so a
    report can link each number back to its sentence."""
    rows = []
    for ind in build_indicators(_documents_of(documents, area)):
        figures = ([("target", ind.target)] if ind.target else []) + \
            [("restated target", f) for f in ind.restatements] + [("baseline", f) for f in ind.baselines] + \
            [("result", f) for f in ind.results] + [(f"note: {s}", f) for s, f in ind.notes]
        for role, f in figures:
            rows.append({"indicator": ind.subject, "unit": ind.unit, "role": role, "value": f.value,
                         "date": f.date, "doc_id": f.doc_id, "title": f.title, "sentence": f.sentence,
                         "start": f.start, "end": f.end})
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


SUPPORT_COLUMNS = ["value", "unit", "text", "supported", "indicator", "role", "doc_id", "date", "sentence"]


def figure_support(text: str, evidence: pd.DataFrame) -> pd.DataFrame:
    """Each counted number of ``text`` (a lesson card's point) with the indicator figures that
    state it (same value and unit, from :func:`indicator_evidence`), or ``supported`` False.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "date": ["2021-01-05"], "text": ["ตั้งเป้าหมาย คือ มี อสอช. 6 คน"]})
    >>> figure_support("กลุ่มมี อสอช. 6 คน และสมาชิก 90 คน", indicator_evidence(docs))[["value", "supported"]].values.tolist()
    [[6, True], [90, False]]
    """
    from synthesis.facts.quantities import counted_quantities

    rows = []
    for q in counted_quantities(text):
        unit = q.unit
        matches = evidence[(evidence["value"] == q.value) &
                           evidence["unit"].map(lambda u: _same_unit(u, unit))] if not evidence.empty else evidence
        if matches.empty:
            rows.append({"value": q.value, "unit": unit, "text": q.text, "supported": False, "indicator": None,
                         "role": None, "doc_id": None, "date": None, "sentence": None})
        for m in matches.itertuples(index=False):
            rows.append({"value": q.value, "unit": unit, "text": q.text, "supported": True, "indicator": m.indicator,
                         "role": m.role, "doc_id": m.doc_id, "date": m.date, "sentence": m.sentence})
    return pd.DataFrame(rows, columns=SUPPORT_COLUMNS)

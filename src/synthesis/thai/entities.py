"""All entities of a text: rules and gazetteers, optionally completed by the CRF model.

Sources (each a pure ``str -> list[Entity]`` function):

- ``dates.find_dates``: DATE; ``numbers.find_quantities``: NUMBER/PERCENT/MONEY/COUNT;
- ``places.find_places``: PLACE (geothai); ``orgs.find_orgs``: ORG (lexicon);
- ``persons.find_persons``: PERSON (titles, lists);
- ``ner.crf_entities``: the bundled CRF model, only with ``use_crf=True`` (slow).

Speed: ``find_entities`` scans the text once for the trigger words of every finder and for
its digits (``synthesis.thai.scan``, an Aho-Corasick automaton); each finder then reads only
where its words or digits occur and returns rows ``(start, end, label, value, source, attrs)``;
overlaps are resolved on the rows, and only the kept rows become :class:`Entity` objects.
The public finders give the same entities on their own (they share the scan of the last text).
Their per-match and per-candidate loops also exist compiled (``_fast_entities.pyx``, through
``synthesis.thai.accel``); each module keeps its Python loop (``_python_…``) as the reference,
and the tests check that both give the same rows.

Overlaps are resolved by one rule (:func:`resolve_overlaps`): among entities that overlap,
the longest span wins; equal lengths go to the more specific label in :data:`LABEL_PRIORITY`
order, then to the earlier start. Rule entities are placed first; a CRF entity is then
kept only where it overlaps no rule entity and passes :func:`_crf_is_credible` (a PLACE
must be a gazetteer name, an ORG must look like an organisation, a DATE must parse, a PERSON
must look like a name), because the model alone over-reaches on report text (it tags rooms
and hotels as places, for example).

>>> [(e.label, e.text) for e in find_entities("วันที่ 4 ก.ย. 2563 นายสมชาย ใจดี จาก สปสช.เขต 12 ลงพื้นที่ ต.บาละ จ.ยะลา 15 คน")]
[('DATE', '4 ก.ย. 2563'), ('PERSON', 'สมชาย ใจดี'), ('ORG', 'สปสช.เขต 12'), ('PLACE', 'ต.บาละ'), ('PLACE', 'จ.ยะลา'), ('COUNT', '15 คน')]
"""

from __future__ import annotations

import bisect
import functools
import operator
import re

from synthesis.thai import graphemes
from synthesis.thai.accel import compiled
from synthesis.thai.dates import date_rows
from synthesis.thai.gazetteer import gazetteer
from synthesis.thai.numbers import quantity_rows
from synthesis.thai.orgs import org_rows
from synthesis.thai.persons import has_clause_word, person_rows
from synthesis.thai.places import place_rows
from synthesis.thai.scan import scan
from synthesis.thai.spans import Entity, Token, make_entity

_START_END = operator.itemgetter(0, 1)
# Most specific first: on equal length, a DATE beats a COUNT, a PERSON beats a PLACE …
LABEL_PRIORITY = ("DATE", "PERSON", "ORG", "PLACE", "MONEY", "PERCENT", "COUNT", "NUMBER")
_RANK = {label: i for i, label in enumerate(LABEL_PRIORITY)}

# Words an organisation's name starts with; a CRF ORG span without one is not trusted.
ORG_HEAD_WORDS = (
    "กรม", "กระทรวง", "สำนักงาน", "สำนัก", "ศูนย์", "มหาวิทยาลัย", "โรงพยาบาล", "โรงเรียน",
    "องค์การ", "องค์กร", "สมาคม", "มูลนิธิ", "สภา", "เครือข่าย", "ชมรม", "สหกรณ์", "บริษัท",
    "ธนาคาร", "คณะกรรมการ", "วิสาหกิจชุมชน", "สถาบัน", "กองทุน", "เทศบาล", "สมาพันธ์",
)
_PLACE_PREFIX = re.compile(r"^(?:จังหวัด|จ\.|อำเภอ|อ\.|ตำบล|ต\.)[ \t]?")
_NAME_TEXT = re.compile(r"[\u0e01-\u0e4e]+(?: [\u0e01-\u0e4e]+)?")
_TITLE_INSIDE = re.compile("นาย|นาง|คุณ")
# Verbs and particles that do not occur in organisation names ("กองทุนเห็นผลชัด").
_ORG_CLAUSE = re.compile("จะ|ได้|ก็|ไม่|เป็น|ทำ|เอา|เห็น|คิด|บอก|ว่า|ค่ะ|ครับ|แล้ว")
_FULL_NAME = re.compile(r"[\u0e01-\u0e4e]{2,20} [\u0e01-\u0e4e]{2,25}")
# The compiled twins of _resolve_rows and _snapped_entities (``_fast_entities.pyx``), or None.
_fast = compiled("entities")


def resolve_overlaps(entities: list[Entity]) -> list[Entity]:
    """Keep non-overlapping entities: longest first, then by label priority, then earliest.

    >>> a = Entity(0, 4, "ก", "NUMBER"); b = Entity(2, 10, "ข", "DATE"); c = Entity(10, 12, "ค", "COUNT")
    >>> [e.label for e in resolve_overlaps([a, b, c])]
    ['DATE', 'COUNT']
    """
    rows = [(e.start, e.end, e.label, e) for e in entities]
    return [row[3] for row in _resolve_rows(rows)]


def _resolve_rows(rows: list[tuple]) -> list[tuple]:
    """:func:`resolve_overlaps` on rows ``(start, end, label, …)``, sorted by (start, end);
    on equal (start, end) the earlier row comes first, as a stable sort keeps them."""
    if _fast is not None:
        return _fast.resolve_rows(rows, _RANK)
    return _python_resolve_rows(rows)


def _python_resolve_rows(rows: list[tuple]) -> list[tuple]:
    """The reference of :func:`_resolve_rows`."""
    ordered = sorted(rows, key=_START_END)  # stable: equal spans keep the finders' order
    kept: list[tuple] = []
    cluster: list[tuple] = []
    cluster_end = -1
    for row in ordered:
        if row[0] < cluster_end:
            cluster.append(row)
            if row[1] > cluster_end:
                cluster_end = row[1]
            continue
        if len(cluster) == 1:
            kept.append(cluster[0])
        elif cluster:
            kept.extend(_best_of_cluster(cluster))
        cluster, cluster_end = [row], row[1]
    if len(cluster) == 1:
        kept.append(cluster[0])
    elif cluster:
        kept.extend(_best_of_cluster(cluster))
    return sorted(kept, key=_START_END) if len(kept) < len(ordered) else kept


def _best_of_cluster(cluster: list[tuple]) -> list[tuple]:
    chosen: list[tuple] = []
    for row in sorted(cluster, key=lambda r: (r[0] - r[1], _RANK.get(r[2], 99), r[0])):
        if all(row[1] <= c[0] or row[0] >= c[1] for c in chosen):
            chosen.append(row)
    return chosen


def rule_rows(text: str, tokens=None) -> list[tuple]:
    """Every rule and gazetteer entity as a row ``(start, end, label, value, source, attrs)``,
    overlaps resolved. One scan of the text serves every finder (``synthesis.thai.scan``)."""
    found = scan(text)
    rows = date_rows(text, found)
    rows += quantity_rows(text, found)
    rows += place_rows(text, found)
    rows += org_rows(text, found)
    rows += person_rows(text, tokens, found)
    return _resolve_rows(rows)


def rule_entities(text: str, tokens: list[Token] | None = None) -> list[Entity]:
    """Every rule and gazetteer entity, overlaps resolved."""
    return [_entity(text, *row) for row in rule_rows(text, tokens)]


def _entity(text: str, start: int, end: int, label: str, value, source: str, attrs: dict) -> Entity:
    """``Entity(start, end, text[start:end], label, value, source, attrs)``, made fast."""
    return make_entity(start, end, text[start:end], label, value, source, attrs)


def _crf_is_credible(entity: Entity) -> bool:
    text = entity.text
    if entity.label == "PLACE":
        name = _PLACE_PREFIX.sub("", text)
        g = gazetteer()
        return name in g.provinces or name in g.districts or (name != text and name in g.subdistricts)
    if entity.label == "ORG":  # an organisation word and a name after it, not a clause
        if entity.value != text:
            return True  # the lexicon knows it
        head = next((w for w in ORG_HEAD_WORDS if text.startswith(w)), None)
        rest = text[len(head) :] if head else ""
        return bool(head) and len(rest) >= 3 and "ฯ" not in text and not _ORG_CLAUSE.search(rest)
    if entity.label == "DATE":
        return entity.value is not None
    if entity.label == "PERSON":  # "first surname", or one word after a title
        if has_clause_word(text) or _TITLE_INSIDE.search(text):
            return False  # "นิงคิด…", "บ้านนายมะรอนิง …": a name run into other words
        if entity.attrs.get("title"):
            return bool(_NAME_TEXT.fullmatch(text)) and 2 <= len(text) <= 45
        return bool(_FULL_NAME.fullmatch(text)) and len(text) <= 45
    return entity.value is not None


def _may_split(text: str, index: int) -> bool:
    """Might a cut at ``index`` split a cluster? (``graphemes.is_boundary``'s own fast test:
    elsewhere it is always a boundary, so no snapping is needed.)"""
    return 0 < index < len(text) and (
        text[index] in graphemes.MAY_CONTINUE or text[index - 1] in graphemes.MAY_JOIN_NEXT or text[index] > "\uffff"
    )


def _snapped(text: str, entity: Entity) -> Entity:
    if not (_may_split(text, entity.start) or _may_split(text, entity.end)):
        return entity
    start, end = graphemes.snap_left(text, entity.start), graphemes.snap_right(text, entity.end)
    if (start, end) == (entity.start, entity.end):
        return entity
    return Entity(start, end, text[start:end], entity.label, entity.value, entity.source, entity.attrs)


def _snapped_entities(text: str, rows: list[tuple]) -> list[Entity]:
    """Entities of ``rows``, each widened to whole grapheme clusters where a cut would split one."""
    if _fast is not None:
        return _fast.snapped_entities(text, rows, _entity_maker())
    return _python_snapped_entities(text, rows)


@functools.cache
def _entity_maker():
    """The compiled path's maker of :class:`Entity` objects (built once)."""
    return _fast.EntityMaker(Entity)


def _python_snapped_entities(text: str, rows: list[tuple]) -> list[Entity]:
    """The reference of :func:`_snapped_entities` (:func:`_may_split` and :func:`_entity`
    inlined: this loop runs for every entity)."""
    may_continue, may_join_next = graphemes.MAY_CONTINUE, graphemes.MAY_JOIN_NEXT
    length = len(text)
    make = make_entity
    entities = []
    append = entities.append
    for start, end, label, value, source, attrs in rows:
        if (
            start
            and (text[start] in may_continue or text[start - 1] in may_join_next or text[start] > "\uffff")
        ) or (
            end < length and (text[end] in may_continue or text[end - 1] in may_join_next or text[end] > "\uffff")
        ):
            start, end = graphemes.snap_left(text, start), graphemes.snap_right(text, end)
        append(make(start, end, text[start:end], label, value, source, attrs))
    return entities


def find_entities(text: str, tokens: list[Token] | None = None, *, use_crf: bool = False) -> list[Entity]:
    """PLACE/ORG/PERSON/DATE/NUMBER/PERCENT/MONEY/COUNT entities, sorted by start.

    ``tokens`` (optional) help cut names: a list of tokens, or a lazy token sequence with
    ``boundaries`` (then no token is built); ``use_crf=True`` adds what the CRF model finds
    where no rule found anything and the finding passes the credibility checks (slow: ~20k
    chars/s).
    """
    if not text or not text.strip():
        return []
    if not use_crf:
        return _snapped_entities(text, rule_rows(text, tokens))
    from synthesis.thai.ner import crf_entities

    found = rule_entities(text, tokens)
    starts = [e.start for e in found]
    extra = []
    for entity in crf_entities(text, tokens):
        if _crf_is_credible(entity) and not _overlaps_any(found, starts, entity):
            extra.append(entity)
    found = resolve_overlaps(found + extra)
    return [_snapped(text, e) for e in found]


def _overlaps_any(found: list[Entity], starts: list[int], entity: Entity) -> bool:
    """Does ``entity`` overlap one of ``found`` (sorted, non-overlapping, with their starts)?"""
    lo = max(0, bisect.bisect_left(starts, entity.start) - 1)  # only the one before can reach in
    hi = bisect.bisect_left(starts, entity.end)
    return any(e.start < entity.end and entity.start < e.end for e in found[lo:hi])

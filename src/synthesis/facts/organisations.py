"""Organisations of a set of documents: agencies from the lexicon and the local ones a
lexicon cannot list, found by pattern; generic type words are not organisations.

- Lexicon (:func:`synthesis.thai.orgs.find_orgs`): ``สปสช.เขต 12``, ``การยางแห่งประเทศไทย`` …
- Local government and health units with their names, as organisations: ``อบต.บาละ``,
  ``ทต.หนองจิก`` (``เทศบาลตำบลหนองจิก`` is written the same way), ``รพ.สต.บาละ``.
- Co-operatives, groups and mosques with their names: ``สหกรณ์กองทุนสวนยางบาละ``,
  ``กลุ่มออมทรัพย์ผู้กรีดยาง``, ``มัสยิดบ้านบาละ``; the name stops where a verb starts
  (``สหกรณ์กองทุนสวนยางบาละรับไปพิจารณา``).
- Not counted: a type word alone (``องค์การบริหารส่วนตำบล``, ``โรงพยาบาลส่งเสริมสุขภาพตำบล``,
  ``สำนักงานประกันสังคมจังหวัด``, ``มัสยิด``, ``สหกรณ์``), and a group that is no organisation
  (``กลุ่มไลน์``, ``กลุ่มเสี่ยง``, ``กลุ่มย่อย``).

>>> [(m["organisation"], m["kind"]) for m in organisation_mentions("d",
...     "ตัวแทนสหกรณ์กองทุนสวนยางบาละรับไปพิจารณา ที่ลานข้างมัสยิดบ้านบาละ นายก อบต.บาละ")]
[('สหกรณ์กองทุนสวนยางบาละ', 'cooperative'), ('มัสยิดบ้านบาละ', 'mosque'), ('อบต.บาละ', 'local government')]
"""

from __future__ import annotations

import functools
import re

import pandas as pd

GENERIC = frozenset({
    "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "องค์กรปกครองส่วนท้องถิ่น",
    "โรงพยาบาลส่งเสริมสุขภาพตำบล", "โรงพยาบาล", "กองทุนหลักประกันสุขภาพท้องถิ่น", "กองทุนหลักประกันสุขภาพ",
    "อาสาสมัครสาธารณสุขประจำหมู่บ้าน", "วิทยาลัยชุมชน", "สำนักงานประกันสังคม", "สำนักงานหลักประกันสุขภาพแห่งชาติ",
    "องค์การบริหารส่วนจังหวัด", "สหกรณ์", "มัสยิด", "กลุ่มอาชีพ",
})
_TYPE_ENDING = re.compile(r"(?:จังหวัด|อำเภอ|ตำบล|ท้องถิ่น|หมู่บ้าน)$")
_LOCAL = re.compile(r"(?P<type>องค์การบริหารส่วนตำบล|อบต\.|เทศบาลตำบล|ทต\.|เทศบาลเมือง|ทม\.|เทศบาลนคร|ทน\.|"
                    r"โรงพยาบาลส่งเสริมสุขภาพตำบล|รพ\.สต\.|โรงพยาบาล|รพ\.)[ \t]?(?P<name>[ก-๛]+)")
_ABBREVIATION = {"องค์การบริหารส่วนตำบล": "อบต.", "เทศบาลตำบล": "ทต.", "เทศบาลเมือง": "ทม.", "เทศบาลนคร": "ทน.",
                 "โรงพยาบาลส่งเสริมสุขภาพตำบล": "รพ.สต.", "โรงพยาบาล": "รพ."}
_LOCAL_KIND = {"รพ.สต.": "health unit", "รพ.": "hospital"}
_NAMED = re.compile(
    r"(?P<head>สหกรณ์(?:กองทุนสวนยาง|ออมทรัพย์|การเกษตร|ชาวสวนยาง|การประมง|ประมง|เครดิตยูเนี่ยน|ร้านค้า|บริการ)|"
    r"กลุ่ม(?:ออมทรัพย์|แม่บ้าน|ผู้|จักสาน|ประมง|วิน|เกษตร|สตรี|เยาวชน|ทอผ้า|เลี้ยง|ปลูก|ชาว|คน|สาน)|"
    r"มัสยิด|ศูนย์เรียนรู้|วิสาหกิจชุมชน)(?P<tail>[ก-๛0-9๐-๙]*)")
_KIND = (("สหกรณ์", "cooperative"), ("กลุ่ม", "group"), ("มัสยิด", "mosque"), ("ศูนย์", "centre"),
         ("วิสาหกิจ", "community enterprise"))
# where an organisation's name stops: a verb or a link word glued to it
STOP_WORDS = frozenset(
    "รับ สั่ง ช่วย จะ ได้ ให้ เป็น มี และ ไป มา ร่วม เข้า ทำ จัด ส่ง ซื้อ ขาย เสนอ ที่ ของ ใน กับ ซึ่ง โดย ตั้ง "
    "ร่วมกับ นำ เปิด เล่า พบ ยัง ก็ ต้อง ไม่ อยู่ แล้ว เมื่อ หรือ แต่ จึง เพื่อ ว่า คือ ทุก เดิม เอง สนับสนุน ประชุม "
    "ดูแล ติดตาม ขอ รวม ละ หมู่ที่ หมู่ ตำบล อำเภอ จังหวัด เรื่อง สมาชิก ไหม คะ ค่ะ ครับ นะ หลัง ด้วย ก่อน "
    "ทั้ง ตอน ช่วง วัน เดือน ปี คน และ".split())
_NOT_ORGS = ("กลุ่มไลน์", "กลุ่มเสี่ยง", "กลุ่มย่อย", "กลุ่มเป้าหมาย", "กลุ่มละ", "กลุ่มผู้เข้าร่วม", "กลุ่มคนที่",
             "กลุ่มผู้สูงอายุ", "กลุ่มคน")
ORG_COLUMNS = ["organisation", "kind", "mentions", "documents", "doc_ids", "variants", "first_doc", "first_sentence"]


NAME_TAGS = ("NOUN", "PROPN", "NUM")
# trades that name a group though the tagger reads them as verbs (กลุ่มออมทรัพย์ช่างสาน)
TRADE_WORDS = frozenset("สาน จักสาน กรีดยาง กรีด ทอ ทอผ้า แปรรูป เลี้ยง ปลูก ประมง รับจ้าง ขับ".split())


@functools.lru_cache(maxsize=4096)
def _name_part(tail: str) -> str:
    """The words of a name glued to its type word, up to the first word that is no noun
    (part-of-speech, PyThaiNLP's bundled tagger) or is a link word
    (``บาละสั่งซื้อ`` → ``บาละ``; ``วินมอเตอร์ไซค์เพราะ`` → ``วินมอเตอร์ไซค์``)."""
    from synthesis.thai import tokenize
    from synthesis.thai.pos import pos_tag

    if not tail:
        return ""
    kept = []
    for token in pos_tag(tokenize(tail)):
        if token.text in STOP_WORDS or token.text.isdigit() or \
                (token.pos not in NAME_TAGS and token.text not in TRADE_WORDS):
            break
        kept.append(token.text)
    return "".join(kept)


def _local_name(name: str) -> str:
    """A local government's or health unit's name: the place name (a subdistrict, district
    or province of the gazetteer) that starts ``name`` (``บาละ`` of ``บาละจะออกคำสั่ง``);
    empty when none does (``องค์การบริหารส่วนตำบล ร่วมกับ …`` names no unit)."""
    from synthesis.thai.gazetteer import gazetteer, longest_name_at

    found = gazetteer()
    village = "บ้าน" if name.startswith("บ้าน") else ""  # รพ.สต.บ้านนาทอน: a village named after the place
    name = name[len(village):]
    places = [longest_name_at(name, 0, table) for table in (found.subdistricts, found.districts, found.provinces)]
    from synthesis.thai import words

    bounds, at = {0}, 0
    for word in words(name):
        at += len(word)
        bounds.add(at)
    places = [p for p in places if p and len(p) in bounds and p not in STOP_WORDS]  # no "เพ" in "เพราะ"
    return village + max(places, key=len) if places else ""


def organisation_mentions(doc_id: str, text: str) -> list[dict]:
    """Every organisation a text names (``organisation`` canonical, ``kind``, offsets, line)."""
    from synthesis.thai.orgs import find_orgs

    found: list[dict] = []
    taken: list[tuple[int, int]] = []

    def add(name: str, kind: str, start: int, end: int) -> None:
        if not name or name in GENERIC or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        found.append({"doc_id": doc_id, "organisation": name, "kind": kind, "start": start, "end": end,
                      "sentence": " ".join(text[line_start: line_end if line_end != -1 else len(text)].split())[:300]})

    for m in _LOCAL.finditer(text):
        name = _local_name(m.group("name"))
        if len(name) < 2:
            continue
        kind_word = _ABBREVIATION.get(m.group("type"), m.group("type"))
        add(f"{kind_word}{name}", _LOCAL_KIND.get(kind_word, "local government"), m.start(),
            m.start("name") + len(name))
    for m in _NAMED.finditer(text):
        if text.startswith(_NOT_ORGS, m.start()):
            continue
        tail = _name_part(m.group("tail"))
        head = m.group("head")
        if head in ("มัสยิด", "ศูนย์เรียนรู้", "วิสาหกิจชุมชน") and not tail:
            continue  # a type word alone
        name = head + tail
        if len(tail) < 2 and head.startswith("กลุ่ม") and head in ("กลุ่มผู้", "กลุ่มคน", "กลุ่มชาว"):
            continue
        kind = next(k for prefix, k in _KIND if head.startswith(prefix))
        add(name, kind, m.start(), m.start() + len(name))
    for entity in find_orgs(text):
        value = str(entity.value)
        if value in GENERIC or _TYPE_ENDING.search(value):
            continue
        add(value, "agency", entity.start, entity.end)
    found.sort(key=lambda row: row["start"])
    return found


def _other_province(name: str, province: str | None) -> bool:
    """An office of another province (``สำนักงานประกันสังคมจังหวัดตรัง`` in Yala's table)."""
    if not province:
        return False
    from synthesis.thai.gazetteer import gazetteer

    match = re.search(r"จังหวัด([ก-๛]+)", name)
    if not match:
        return False
    named = match.group(1)
    return named in gazetteer().provinces and named != province


def _merged_names(names: list[str]) -> dict[str, str]:
    """A short form (``กลุ่มวิน``, ``กลุ่มออมทรัพย์``) joins the one longer name it begins,
    so one organisation is one row; with two or more it stays as it is."""
    unique = sorted(dict.fromkeys(names), key=len, reverse=True)
    merged: dict[str, str] = {}
    for name in unique:  # longest first: a longer name's own row is known when a shorter one comes
        longer = {merged[other] for other in unique if len(other) > len(name) and other.startswith(name)}
        merged[name] = longer.pop() if len(longer) == 1 and name.startswith(("กลุ่ม", "สหกรณ์")) else name
    return merged


def organisations_table(documents: pd.DataFrame, area=None) -> pd.DataFrame:
    """One row per organisation of the documents (``doc_id``, ``text``, optional ``areas``):
    kind, mentions, documents, and the first document and sentence naming it. With ``area``
    (an :class:`~synthesis.corpus.areas.Area` or its id), the area's own documents only, and
    other provinces' offices left out.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["องค์การบริหารส่วนตำบล ร่วมกับ อบต.บาละ และ สปสช.เขต 12"]})
    >>> organisations_table(docs)["organisation"].tolist()
    ['อบต.บาละ', 'สำนักงานหลักประกันสุขภาพแห่งชาติ เขต 12']
    """
    rows = documents
    area_id = getattr(area, "id", area)
    province = getattr(area, "province", None)
    if area_id is not None and "areas" in rows:
        rows = rows[rows["areas"].map(lambda areas: areas is not None and list(areas) == [area_id]).astype(bool)]
    mentions = [m for doc_id, text in zip(rows["doc_id"], rows["text"])
                for m in organisation_mentions(doc_id, text if isinstance(text, str) else "")]
    canonical = _merged_names([m["organisation"] for m in mentions])
    table: dict[str, dict] = {}
    for m in mentions:
        if _other_province(m["organisation"], province):
            continue
        name = canonical[m["organisation"]]
        entry = table.setdefault(name, {"organisation": name, "kind": m["kind"], "mentions": 0, "doc_ids": [],
                                        "variants": [], "first_doc": m["doc_id"], "first_sentence": m["sentence"]})
        if m["organisation"] != name and m["organisation"] not in entry["variants"]:
            entry["variants"].append(m["organisation"])
        entry["mentions"] += 1
        if m["doc_id"] not in entry["doc_ids"]:
            entry["doc_ids"].append(m["doc_id"])
    frame = pd.DataFrame([{**e, "documents": len(e["doc_ids"])} for e in table.values()], columns=ORG_COLUMNS)
    return frame.sort_values(["documents", "mentions"], ascending=False, kind="stable").reset_index(drop=True)

"""People of a set of documents: one row per real person, with the roles the texts give them.

Roles come from the texts, not from a default: the position written after a name (``นายก
อบต.บาละ``, ``ผอ.รพ.สต.บาละ``, ``ประธานกลุ่ม…``, in brackets or after ``เป็น``), a title that is
itself a position (``ผอ.``, ``กำนัน``, ``โต๊ะอิหม่าม``), an interview's legend (``ผู้สัมภาษณ์``,
``ผู้ให้ข้อมูล``) and the reporter of a page (``รายงานจากพื้นที่ โดย …``).

One person per real person: a first name alone (``ฮาซัน``) or a cut one (``หวา`` of ``ฮาหวา``)
joins the one full name it can belong to; a reporter's user name (``nurida_bl``) is linked to
the one person of the same documents whose romanized first name it spells.

>>> rows = person_mentions("d", "-นายรุสลัน ดาโอ๊ะ ผอ.รพ.สต.บาละ\\n-นางมารีแย เจ๊ะมะ อสม.หมู่ที่ 1")
>>> [(r["name"], r["role"]) for r in rows]
[('รุสลัน ดาโอ๊ะ', 'ผอ.รพ.สต.บาละ'), ('มารีแย เจ๊ะมะ', 'อสม.หมู่ที่ 1')]
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re

import pandas as pd

_CHUNK = r"[^\s(),;:]+"
_ROLE = re.compile(
    r"(?:นายกเทศมนตรี\S*|นายก[ \t]?(?:อบต\.|ทต\.|ทม\.|ทน\.|องค์การบริหารส่วนตำบล|เทศบาล)\S*|รองนายก\S*|"
    r"ปลัด[ \t]?(?:อบต\.|เทศบาล)\S*|ผอ\.\S+|ผู้อำนวยการ\S+|รองประธาน\S*|ประธาน\S*|เลขานุการ\S*|"
    r"เหรัญญิก\S*|กรรมการ\S*|พี่เลี้ยง\S*|นักวิชาการ\S*|พยาบาล\S*|เจ้าหน้าที่\S*|อสม\.(?:[ \t]?หมู่ที่[ \t]?[0-9๐-๙]+)?|"
    r"อสอช\.|อาสาสมัคร\S*|ผู้ใหญ่บ้าน\S*|กำนัน\S*|โต๊ะอิหม่าม\S*|อิหม่าม\S*|ตัวแทน\S*|ผู้แทน\S*|"
    r"ผู้ประสานงาน\S*|ผู้ช่วย\S*|หัวหน้า\S*|นายแพทย์\S*|แพทย์\S*|ครู\S*|อาจารย์\S*)(?:[ \t]?[0-9๐-๙]+)?")
_ROLE_CONTINUES = re.compile(r"[ \t]+((?:อบต\.|ทต\.|ทม\.|รพ\.สต\.|รพ\.|กลุ่ม|ตำบล|ต\.|กองทุน|จังหวัด|อำเภอ|หมู่ที่|"
                             r"สำนักงาน|สหกรณ์|มหาวิทยาลัย|การยาง|เทศบาล|(?!นส\.|ดร\.|ผศ\.|รศ\.|นพ\.|พญ\.|ผอ\.)(?:[ก-ฮ]{2,}\.)+(?:เขต)?)\S*(?:[ \t]?[0-9๐-๙]+)?)")
_TITLE_ROLES = ("ผอ.", "นายก", "กำนัน", "ผู้ใหญ่บ้าน", "ผญบ.", "โต๊ะอิหม่าม", "อิหม่าม", "ครู", "อาจารย์",
                "นพ.", "พญ.", "นายแพทย์", "แพทย์หญิง")
_LEGEND = re.compile(r"^[ \t]*(ผู้สัมภาษณ์|ผู้ให้ข้อมูล|ผู้ให้สัมภาษณ์|ผู้ถาม|ผู้ตอบ|ผู้บันทึก)[ \t:：]")
_LEGEND_ROLE = {"ผู้สัมภาษณ์": "ผู้สัมภาษณ์ (interviewer)", "ผู้ถาม": "ผู้สัมภาษณ์ (interviewer)",
                "ผู้ให้ข้อมูล": "ผู้ให้ข้อมูล (informant)", "ผู้ให้สัมภาษณ์": "ผู้ให้ข้อมูล (informant)",
                "ผู้ตอบ": "ผู้ให้ข้อมูล (informant)", "ผู้บันทึก": "ผู้บันทึก (note taker)"}
REPORTER_ROLE = "ผู้รายงาน (reporter)"
# words a form of address is often followed by in speech (ก๊ะเลยรู้สึก, บังก็ว่า): no name
_NOT_A_FIRST_NAME = frozenset("เลย ก็ ว่า จะ ได้ ไป มา ยัง เขา เรา ที่ นี่ นั้น บอก คิด เอง ด้วย ครับ ค่ะ คะ นะ".split())
_NOT_A_NAME = ("มัสยิด", "กลุ่ม", "สหกรณ์", "อบต.", "ทต.", "ทม.", "รพ.", "บ้าน", "หมู่ที่", "ตำบล", "อำเภอ", "จังหวัด",
               "โรงเรียน", "ศูนย์", "สำนักงาน")
_REPORTED_BY = re.compile(r"(?:รายงานจากพื้นที่|รายงาน)[ \t]*โดย[ \t]*([^\n]+)")
_USER_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)*$")
PEOPLE_COLUMNS = ["person", "roles", "documents", "doc_ids", "variants", "user_names", "first_date",
                  "role_sources"]


def _role_after(text: str, end: int) -> str | None:
    """The position written right after a name (``นายก อบต.บาละ``), in brackets after it
    (``(ประธานกลุ่ม)``) or after ``เป็น`` (``เป็นประธาน``)."""
    rest = text[end:end + 80]
    match = re.match(r"[ \t]*(?:\(|เป็น[ \t]*)?", rest)
    at = match.end() if match else 0
    role = _ROLE.match(rest, at)
    if not role:
        return None
    words = role.group()
    follow = _ROLE_CONTINUES.match(rest, role.end())
    if follow and not words.endswith((")", ",")):
        words += " " + follow.group(1)
    return words.rstrip("),")


def person_mentions(doc_id: str, text: str) -> list[dict]:
    """Every person a text names, with the role it gives them there (or None) and the line.

    Names come from the Thai layer (:func:`synthesis.thai.persons.find_persons`)."""
    from synthesis.thai.persons import find_persons

    rows = []
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for person in find_persons(text):
        value = str(person.value or person.text).strip()
        if not value or value.startswith(_NOT_A_NAME) or value in _NOT_A_FIRST_NAME:  # "โต๊ะอิหม่ามมัสยิดบ้านนาทอน": a title before a place
            continue
        line_no = bisect.bisect_right(line_starts, person.start) - 1
        line_start = line_starts[line_no]
        line_end = text.find("\n", person.start)
        line = text[line_start: line_end if line_end != -1 else len(text)]
        role = _role_after(text, person.end)
        title = str(person.attrs.get("title") or "")
        if role is None and title.startswith(_TITLE_ROLES) and title not in ("นาย", "นาง", "นางสาว"):
            role = title + (" " + m.group(1) if (m := _ROLE_CONTINUES.match(text, person.end)) else "")
            role = role.strip()
        legend = _LEGEND.match(line)
        # a legend names its speaker right after the label; a turn that mentions someone does not
        if legend and person.start - len(title) - (line_start + legend.end()) <= 2:
            rows.append({"doc_id": doc_id, "name": value, "role": _LEGEND_ROLE[legend.group(1)],
                         "sentence": " ".join(line.split())[:300], "start": person.start})
        rows.append({"doc_id": doc_id, "name": value, "role": role, "sentence": " ".join(line.split())[:300],
                     "start": person.start})
    return rows


def _reporter(text: str, reporter) -> str | None:
    if isinstance(reporter, str) and reporter.strip():
        return reporter.strip()
    found = _REPORTED_BY.search(text)
    return " ".join(found.group(1).split()) if found else None


def _romanized(first_name: str) -> str:
    """The spelling key (:func:`_loose`) of a first name's RTGS romanization. PyThaiNLP's
    romanizer first builds a trie of its 62,000 words (about a second of CPU in every report
    kernel), so the answers are kept in a small file beside PyThaiNLP's data, keyed by its
    version: a name romanized once is never romanized again.

    >>> _romanized("นูรีดา")
    'nurida'
    """
    known = _romanizations()
    key = known.get(first_name)
    if key is None:
        from pythainlp.transliterate import romanize

        key = known[first_name] = _loose(romanize(first_name, engine="royin"))
        _save_romanizations(known)
    return key


def _romanizations_file():
    import importlib.metadata
    import os
    import tempfile
    from pathlib import Path

    from synthesis import _offline  # noqa: F401  (PyThaiNLP offline, its data in the project)

    version = importlib.metadata.version("pythainlp")
    folder = Path(os.environ.get("PYTHAINLP_DATA") or tempfile.gettempdir())
    return folder / f"synthesis-romanized-names-{version}.json"


@functools.lru_cache(maxsize=1)
def _romanizations() -> dict[str, str]:
    """The kept romanizations (first name → key); an unreadable file counts as empty."""
    import json

    try:
        stored = json.loads(_romanizations_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict):
        return {}
    return {k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, str)}


def _save_romanizations(known: dict[str, str]) -> None:
    import json
    import os

    path = _romanizations_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(known, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a folder that cannot be written only costs the romanizer next time


def _loose(latin: str) -> str:
    """A spelling key for romanized names: ``supawadee`` and ``suphawadi`` meet."""
    key = latin.lower()
    for old, new in (("ph", "p"), ("th", "t"), ("kh", "k"), ("ch", "c"), ("ee", "i"), ("oo", "u"),
                     ("ou", "u"), ("y", "i"), ("h", "")):
        key = key.replace(old, new)
    return re.sub(r"[^a-z]", "", key)


def link_user_name(user_name: str, candidates: list[str]) -> str | None:
    """The one candidate (``first surname``) whose romanized first name the user name spells
    (``nurida_bl`` → ``นูรีดา มะเก็ง``); None when none or several fit.

    >>> link_user_name("sukanya_nc", ["สุกัญญา ชูแก้ว", "อาลี แวหะมะ"])
    'สุกัญญา ชูแก้ว'
    """
    stem = _loose(re.split(r"[_.\-0-9]", user_name.lower())[0])
    if len(stem) < 3:
        return None
    scored = []
    for name in dict.fromkeys(candidates):
        first = name.split(" ")[0]
        score = difflib.SequenceMatcher(None, stem, _romanized(first)).ratio()
        if score >= 0.8:
            scored.append((score, name))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _canonical_names(names: list[str]) -> dict[str, str]:
    """Each name's person: a full name is its own; a first name alone, or the end of one
    (``หวา`` of ``ฮาหวา``), joins the single full name it can belong to."""
    full = [n for n in dict.fromkeys(names) if " " in n]
    firsts: dict[str, list[str]] = {}
    for name in full:
        firsts.setdefault(name.split(" ")[0], []).append(name)
    mapping = {n: n for n in full}
    for name in dict.fromkeys(names):
        if name in mapping:
            continue
        exact = firsts.get(name, [])
        if len(exact) == 1:
            mapping[name] = exact[0]
            continue
        tails = [n for first, ns in firsts.items() for n in ns if first.endswith(name) and len(name) >= 2]
        glued = [n for first, ns in firsts.items() for n in ns  # นูรีดานำ(เสนอ): a verb glued on
                 if name.startswith(first) and len(name) - len(first) <= 4 and len(first) >= 3]
        found = tails if tails else glued
        mapping[name] = found[0] if len(found) == 1 else name
    return mapping


def people_table(documents: pd.DataFrame, area: str | None = None, roles_only: bool = False,
                 include_shared: bool = False) -> pd.DataFrame:
    """One row per real person of the documents (``doc_id``, ``text``, optional ``date``,
    ``reporter``, ``areas``; with ``area``, the area's own documents, and with
    ``include_shared`` the regional meetings it takes part in too):
    their roles as the texts give them, the documents naming them, the name variants merged,
    the reporter user names linked, and for each role the sentence and document that give it.

    ``roles_only`` keeps the people the texts give a role (where the role matters).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "-นายฮาซัน บือราเฮง นายก อบต.บาละ", "ฮาซันเปิดประชุม นายฮาซัน กล่าวต้อนรับ"]})
    >>> people_table(docs)[["person", "roles", "documents"]].values.tolist()
    [['ฮาซัน บือราเฮง', ['นายก อบต.บาละ'], 2]]
    """
    rows = documents
    if area is not None and "areas" in rows:
        rows = rows[rows["areas"].map(lambda areas: areas is not None and area in list(areas)
                                      and (include_shared or len(list(areas)) == 1)).astype(bool)]
    mentions, reporters = [], []
    dates = dict(zip(rows["doc_id"], rows["date"])) if "date" in rows else {}
    reporter_column = rows["reporter"] if "reporter" in rows else [None] * len(rows)
    for doc_id, text, reporter in zip(rows["doc_id"], rows["text"], reporter_column):
        text = text if isinstance(text, str) else ""  # a document without text names nobody
        mentions += person_mentions(doc_id, text)
        who = _reporter(text, reporter)
        if who:
            reporters.append((doc_id, who))
    names = [m["name"] for m in mentions]
    user_links: dict[str, str] = {}
    for doc_id, who in reporters:
        if _USER_NAME.match(who):
            candidates = [m["name"] for m in mentions if " " in m["name"]]
            linked = link_user_name(who, candidates)
            if linked:
                user_links[who] = linked
            else:
                names.append(who)
        else:
            names.append(who)
    canonical = _canonical_names(names)
    people: dict[str, dict] = {}

    def person(name: str) -> dict:
        key = canonical.get(name, name)
        return people.setdefault(key, {"person": key, "roles": [], "doc_ids": [], "variants": [],
                                       "user_names": [], "role_sources": []})

    for m in mentions:
        entry = person(m["name"])
        if m["doc_id"] not in entry["doc_ids"]:
            entry["doc_ids"].append(m["doc_id"])
        if m["name"] != entry["person"] and m["name"] not in entry["variants"]:
            entry["variants"].append(m["name"])
        if m["role"] and m["role"] not in entry["roles"]:
            entry["roles"].append(m["role"])
            entry["role_sources"].append((m["role"], m["doc_id"], m["sentence"]))
    for doc_id, who in reporters:
        entry = person(user_links.get(who, who))
        if who in user_links and who not in entry["user_names"]:
            entry["user_names"].append(who)
        if doc_id not in entry["doc_ids"]:
            entry["doc_ids"].append(doc_id)
        if REPORTER_ROLE not in entry["roles"]:
            entry["roles"].append(REPORTER_ROLE)
            entry["role_sources"].append((REPORTER_ROLE, doc_id, who))
    table = []
    for entry in people.values():
        if roles_only and not entry["roles"]:
            continue
        known = [dates.get(d) for d in entry["doc_ids"] if isinstance(dates.get(d), str)]
        table.append({**entry, "documents": len(entry["doc_ids"]), "first_date": min(known) if known else None})
    frame = pd.DataFrame(table, columns=PEOPLE_COLUMNS)
    return frame.sort_values(["documents", "person"], ascending=[False, True]).reset_index(drop=True)

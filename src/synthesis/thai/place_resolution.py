"""The places a text names, read for a record: non-places dropped, local governments told
apart, districts and subdistricts resolved to their province, spelling variants matched.

A step after :func:`synthesis.thai.places.find_places` (whose rules have a compiled twin and
stay as they are):

- **non-places**: a province name inside a health region (``สปสช. เขต 12 สงขลา``,
  ``เขต12สงขลา``), a lake (``ทะเลสาบสงขลา``), a university, college, school or hospital
  (``มหาวิทยาลัยสงขลานครินทร์``, ``โรงพยาบาลยะลา``, ``ม.อ.ปัตตานี``) names no province, and a
  bare district name there (``รพ.ทุ่งหว้า``) no district;
- **local governments** (``อบต.X``, ``ทต.X``, ``เทศบาลตำบลX``) are organisations: level
  ``local_gov``, never a subdistrict (a municipality's name need not be its subdistrict's);
- a **district or subdistrict** written without its province keeps its reading (unless its
  name is a stop word: ``ระดับตำบลและอำเภอ`` names no ตำบลและ): resolved
  (``resolved_by="unique"``) when the gazetteer has one province for it, ``ambiguous`` with
  its ``candidates`` otherwise; ``อำเภอเมืองนราธิวาส`` names the district and its province;
- a **bare district name** (``ห้วยยอด`` without อำเภอ) is not read in a text that writes the
  same name as a subdistrict (``ต.ห้วยยอด``): the bare name is then the subdistrict's;
- **spelling variants** after a level word (``ตำบลปนาเระ``, ``จังหวัดปัตตานีี``) and bare
  province variants (``สุราษฏร์ธานี``) resolve by a bounded edit distance against the
  gazetteer: names are folded (``ฏ`` = ``ฎ``, ``ะ`` dropped, a doubled character once) and
  one more edit (not of the first letter) is allowed for names of five folded letters or more;
  the variant must not be a dictionary word and must be the one closest name. ``written``
  keeps the text as written.

>>> [(p.level, p.name, p.province, p.resolved_by) for p in read_places("ประชุมที่ อ.รือเสาะ")]
[('amphoe', 'รือเสาะ', 'นราธิวาส', 'unique')]
>>> [p.name for p in read_places("สปสช.เขต12สงขลา และทะเลสาบสงขลา")]
[]
>>> p = read_places("ตำบลปนาเระ")[0]
>>> (p.name, p.written, p.variant, p.province)
('ปะนาเระ', 'ปนาเระ', True, 'ปัตตานี')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from synthesis.thai.gazetteer import Place, gazetteer, words_pattern
from synthesis.thai.places import find_places

# A province name inside one of these is the name of an institution or a region, not a place.
_INSTITUTION_BEFORE = re.compile(
    r"(?:เขต[ \t]*[0-9๐-๙]{1,2}[ \t]*|ทะเลสาบ[ \t]*|(?:มหาวิทยาลัย|วิทยาลัย|โรงพยาบาล|โรงเรียน|สถาบัน|"
    r"รพ\.|ม\.อ\.|มรภ\.|มทร\.|ม\.|ร\.ร\.|รร\.)[\u0e01-\u0e4e.]{0,24}[ \t]?)$")
_INSTITUTION_AFTER = re.compile(r"^(?:นครินทร์|ราชนครินทร์)")
_PROVINCE_WORDS = ("จังหวัด", "จ.", "จว.")
_LEVEL_WORDS = {"จังหวัด": "province", "จ.": "province", "อำเภอ": "amphoe", "อ.": "amphoe",
                "ตำบล": "tambon", "ต.": "tambon"}
# the long level words anywhere, the abbreviations only where they start a word ("รพ.สต." is none)
_LEVEL_WORD = re.compile(r"(?:จังหวัด|อำเภอ|ตำบล|(?<![\u0e01-\u0e4e.])(?:จ\.|อ\.|ต\.))[ \t]?(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")
_MARK = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0e30\u0e32\u0e33]")


@dataclass(slots=True)
class PlaceReading:
    """One place a text names: ``name`` as the gazetteer spells it, ``written`` as the text does."""

    start: int
    end: int
    level: str  # province, amphoe, tambon or local_gov
    name: str
    written: str
    province: str | None
    district: str | None = None
    ambiguous: bool = False
    candidates: list[str] = field(default_factory=list)
    resolved_by: str | None = None  # written, unique, context, document
    unit: str | None = None  # a local government's unit (องค์การบริหารส่วนตำบล …)
    variant: bool = False

    @property
    def label(self) -> str:
        """``อบต.แค`` for a local government, the name otherwise."""
        return f"{_UNIT_ABBR.get(self.unit, self.unit or '')}{self.name}" if self.level == "local_gov" else self.name


_UNIT_ABBR = {"องค์การบริหารส่วนตำบล": "อบต.", "เทศบาลตำบล": "ทต.", "เทศบาลเมือง": "ทม.",
              "เทศบาลนคร": "ทน.", "องค์การบริหารส่วนจังหวัด": "อบจ."}


def read_places(text: str) -> list[PlaceReading]:
    """The places of ``text`` in order, read as the module notes say.

    >>> [(p.level, p.label, p.province) for p in read_places("ณ อบต.บาละ อำเภอเมืองนราธิวาส")]
    [('local_gov', 'อบต.บาละ', 'ยะลา'), ('amphoe', 'เมืองนราธิวาส', 'นราธิวาส')]
    """
    entities = find_places(text)
    written_tambon = {str(e.value) for e in entities if e.attrs.get("level") == "tambon"}
    readings = [r for r in (_reading(text, e) for e in entities
                            if not (e.attrs.get("bare") and str(e.value) in written_tambon)) if r is not None]
    taken = [(r.start, r.end) for r in readings]
    read_at = {e.start for e in entities}
    readings += [v for v in _variants(text, read_at) if not any(s < v.end and v.start < e for s, e in taken)]
    return sorted(readings, key=lambda r: r.start)


def without_non_places(text: str, entities: list) -> list:
    """``entities`` (any labels, as :func:`synthesis.thai.analyze` gives them) without the PLACE
    entities that name no place: a province inside a health region's, lake's or institution's
    name, a bare district inside an institution's name. For the tagging pipeline, so that
    stored entities and attribution agree with :func:`read_places`.

    >>> from synthesis.thai.places import find_places
    >>> t = "สปสช.เขต 12 สงขลา และ จ.ยะลา"
    >>> [e.text for e in without_non_places(t, find_places(t))]
    ['จ.ยะลา']
    """
    return [e for e in entities if e.label != "PLACE" or not _names_no_place(text, e)]


def _names_no_place(text: str, entity) -> bool:
    """A province or district name read without its level word inside an institution's name."""
    bare = entity.attrs.get("bare") or (
        entity.attrs.get("level") == "province" and not entity.text.startswith(_PROVINCE_WORDS))
    return bool(bare) and is_institution_name(text, entity.start, entity.end)


def is_institution_name(text: str, start: int, end: int) -> bool:
    """Whether the province name at ``start:end`` is part of a region's, lake's or institution's
    name rather than the province (a level word before it always makes it the province).

    >>> t = "มหาวิทยาลัยสงขลานครินทร์ จังหวัดสงขลา"
    >>> is_institution_name(t, 11, 16), is_institution_name(t, 31, 36)
    (True, False)
    """
    before = text[max(0, start - 40):start]
    if before.rstrip(" \t").endswith(_PROVINCE_WORDS):
        return False
    return bool(_INSTITUTION_BEFORE.search(before) or _INSTITUTION_AFTER.match(text[end:end + 12]))


def _reading(text: str, entity) -> PlaceReading | None:
    attrs = entity.attrs
    level = attrs.get("level")
    if _names_no_place(text, entity):  # สปสช.เขต 12 สงขลา, รพ.ทุ่งหว้า, ม.อ.ปัตตานี
        return None
    name = str(entity.value)
    if level in ("amphoe", "tambon") and name in _stop_words():  # "ระดับตำบลและอำเภอ"
        return None
    written = name
    if level == "amphoe" and attrs.get("district_name"):
        name = written = attrs["district_name"]
    elif level != "province":
        written = entity.text[len(entity.text) - len(name):] if entity.text.endswith(name) else name
    province = attrs.get("province")
    resolved_by = None
    if province:
        resolved_by = "written" if level == "province" else attrs.get("resolved_by") or _how_resolved(name, level)
    return PlaceReading(entity.start, entity.end, level, name, written, province, attrs.get("district"),
                        bool(attrs.get("ambiguous")), list(attrs.get("candidates") or []), resolved_by,
                        attrs.get("unit"))


@functools.lru_cache(maxsize=4096)
def _how_resolved(name: str, level: str) -> str:
    """``unique`` when the gazetteer has the name in one province only, else ``context``."""
    table = {"amphoe": gazetteer().districts, "tambon": gazetteer().subdistricts,
             "local_gov": gazetteer().subdistricts}.get(level, {})
    places = table.get(name) or gazetteer().districts.get(name) or []
    return "unique" if len({p.province_code for p in places}) <= 1 else "context"


# --- spelling variants -------------------------------------------------------------------------

def fold(name: str) -> str:
    """The spelling key of a place name: ``ฏ`` as ``ฎ``, no ``ะ``, doubled characters once.

    >>> fold("สุราษฏร์ธานี") == fold("สุราษฎร์ธานี"), fold("ปะนาเระ"), fold("ปัตตานีี")
    (True, 'ปนาเร', 'ปัตานี')
    """
    name = name.replace("ฏ", "ฎ").replace("ะ", "")
    return re.sub(r"(.)\1+", r"\1", name)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@functools.cache
def _variant_index(level: str) -> dict[str, set[str]]:
    """Folded names and their one-letter deletions → the gazetteer names they come from."""
    g = gazetteer()
    table = {"province": g.provinces, "amphoe": g.districts, "tambon": g.subdistricts}[level]
    index: dict[str, set[str]] = {}
    for name in table:
        if level == "province" and not _is_official_province(name):
            continue
        folded = fold(name)
        index.setdefault(folded, set()).add(name)
        if len(folded) >= 5:
            for deleted in _deletes(folded):
                index.setdefault(deleted, set()).add(name)
    return index


def _is_official_province(name: str) -> bool:
    return gazetteer().provinces[name].name == name


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings: place names)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@functools.cache
def _folded_lengths(level: str) -> dict[str, frozenset[int]]:
    """For each first letter of a folded name of ``level``, the folded lengths a variant of
    such a name can have (one letter more or less): most pieces of text are none."""
    lengths: dict[str, set[int]] = {}
    for key in _variant_index(level):
        if key:
            lengths.setdefault(key[0], set()).update((len(key), len(key) + 1))
    return {first: frozenset(sizes) for first, sizes in lengths.items()}


def closest_name(written: str, level: str) -> str | None:
    """The one gazetteer name of ``level`` that ``written`` is a variant of, or None.

    >>> closest_name("ปัฏตานี", "province"), closest_name("หาดใหญ", "amphoe"), closest_name("บ้าน", "tambon")
    ('ปัตตานี', 'หาดใหญ่', None)
    """
    folded = fold(written)
    if len(folded) < 3 or len(folded) not in _folded_lengths(level).get(folded[0], ()):
        return None
    index = _variant_index(level)
    names = set(index.get(folded, ()))
    if len(folded) >= 5:
        for deleted in _deletes(folded) | {folded}:
            names |= index.get(deleted, set())
    scored = sorted((_distance(folded, fold(n)), n) for n in names)
    scored = [(d, n) for d, n in scored if d == 0 or (d == 1 and len(folded) >= 5)]
    if not scored:
        return None
    best = [n for d, n in scored if d == scored[0][0]]
    return best[0] if len(best) == 1 else None


def _variants(text: str, read_at: set[int] = frozenset()) -> list[PlaceReading]:
    """Variant names after a level word where no place was read (``read_at``: where
    :func:`find_places` read one), and bare province variants (:func:`_bare_province_variants`)."""
    found: list[PlaceReading] = []
    for match in _LEVEL_WORD.finditer(text):
        if match.start() in read_at:
            continue
        level = _LEVEL_WORDS[match.group(0).strip()]
        run = _THAI_RUN.match(text, match.end())
        if run:
            reading = _variant_at(text, match.start(), match.end(), run.end(), level)
            if reading:
                found.append(reading)
    for match in _bare_province_variants().finditer(text):
        written = match.group(0)
        if written in gazetteer().provinces or any(r.start <= match.start() < r.end for r in found):
            continue
        if (match.end() < len(text) and _MARK.match(text[match.end()])) or \
                (match.start() > 0 and text[match.start() - 1] in "เแโใไ"):
            continue
        if is_institution_name(text, match.start(), match.end()):
            continue
        name = closest_name(written, "province")
        if name:
            found.append(PlaceReading(match.start(), match.end(), "province", name, written, name,
                                      resolved_by="written", variant=True))
    return found


def _variant_at(text: str, start: int, name_start: int, run_end: int, level: str) -> PlaceReading | None:
    """The longest piece of ``text[name_start:run_end]`` (ending on a cluster edge) that is a
    variant of one name; exact names are left to :func:`find_places`."""
    g = gazetteer()
    table = {"province": g.provinces, "amphoe": g.districts, "tambon": g.subdistricts}[level]
    words = _dictionary_words()
    for end in range(min(run_end, name_start + 24), name_start + 2, -1):
        if end < len(text) and _MARK.match(text[end]):
            continue
        piece = text[name_start:end]
        if piece in table or piece in words:
            return None  # an exact name (find_places read it or rejected it) or a plain word
        name = closest_name(piece, level)
        if name is None:
            continue
        places: list[Place] = [table[name]] if level == "province" else list(table[name])
        codes = sorted({p.province_code for p in places})
        province = g.province_name(codes[0]) if len(codes) == 1 else None
        district = None
        if level == "tambon" and len({p.district_code for p in places}) == 1:
            district = g.district_by_code[places[0].district_code].name
        return PlaceReading(start, end, level, g.provinces[name].name if level == "province" else name, piece,
                            province, district, len(codes) > 1,
                            [g.province_name(c) for c in codes] if len(codes) > 1 else [],
                            ("written" if level == "province" else "unique") if province else None, None, True)
    return None


@functools.cache
def _bare_province_variants() -> re.Pattern[str]:
    """The one-edit misspellings of province names of five folded letters or more that are read
    without a level word: ``ฏ`` for ``ฎ`` (or the reverse), a ``ะ`` dropped, one character
    doubled. Listed and matched as one trie pattern (a scan of a long text stays fast)."""
    variants: set[str] = set()
    for name in gazetteer().provinces:
        if not _is_official_province(name) or len(fold(name)) < 5:
            continue
        variants.add(name.translate(str.maketrans("ฎฏ", "ฏฎ")))
        variants |= {name[:i] + name[i + 1:] for i, ch in enumerate(name) if ch == "ะ"}
        variants |= {name[:i] + ch + name[i:] for i, ch in enumerate(name)}
    variants -= set(gazetteer().provinces)
    return re.compile(words_pattern(sorted(variants)))


@functools.cache
def _stop_words() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


@functools.cache
def _dictionary_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())

"""Site furniture: what a web page shows around its content, removed before the text is read.

Pages saved from the programme's websites carry the site around their content: Material icon
names that the browser drew as icons (``directions_run``, ``stars``, ``place``, ``circle``),
a map widget's coordinates glued to its icon (``7.489,100.194place``), the photo list of a
gallery (``• photo , 1280x960 pixel , 118,437 bytes.``), rating widgets (``star star
star_half star_border`` or ``คะแนน 4.5/5 (12 โหวต)``), menus, breadcrumbs and footers
(``หน้าแรก | โครงการ | ติดต่อเรา``, ``Relate topics``). None of it is what the page says:
:func:`strip_furniture` removes it from the text that is tokenized, counted and coded; the raw
file is never changed, and :attr:`Stripped.removed` logs every cut with its rule.

The rules, in order (a rule removes a whole line unless it says a word):

0. ``site-banner``: the site's name over every page, a line of two or three names joined by
   `` - `` whose first starts with กองทุน and none holds a space or a dot (``กองทุนสุขภาพชุมชน -
   กองทุนส่งเสริมสุขภาพระดับพื้นที่ - กสพ``, :data:`SITE_BANNER`), and a first line ``<site> | <section>``
   (``คนใต้สร้างสุข | ระบบติดตามโครงการ``); a fund's own line (``กองทุนหลักประกันสุขภาพ อบต.แค -
   กปท``) names the fund and stays;
1. ``photo-list``: a line ``• photo , <w>x<h> pixel , <n> bytes.``;
2. ``rating``: a line of star icons only, or a vote/score line (``4.5/5 (12 votes)``);
3. ``menu``: a line of three or more short items split by ``|``, ``»``, ``>`` or ``/`` of which
   one is a site word (หน้าแรก, Home, เข้าสู่ระบบ …); never a pipe-table row (``| a | b |``);
4. ``site-footer``: a line that is only a site footer word (``Relate topics``, ``แชร์``,
   ``Print``, ``Share``, ``Tags:`` alone …);
5. ``icon-line``: a line that is only Material icon names;
6. ``map-coordinates`` (word): ``<lat>,<lon>`` glued to the ``place`` icon;
7. ``icon-word`` (word): an icon name glued to Thai letters or digits, or a snake_case icon name
   (``directions_run``) anywhere; an English word such as *place* between spaces stays.

>>> s = strip_furniture("directions_run\\nโครงการทดลอง\\n7.489,100.194placeศาลาหมู่บ้าน\\n")
>>> s.text
'โครงการทดลอง\\nศาลาหมู่บ้าน\\n'
>>> [r.rule for r in s.removed]
['icon-line', 'map-coordinates']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The name of a fund site, shown over every page it serves: two or three bare names joined by
# " - ", the first a fund's (a fund's own line names its place, with a space or a dot, and stays).
SITE_BANNER = re.compile(r"^กองทุน[\u0e00-\u0e7f]{2,40}(?: - [\u0e00-\u0e7f]{2,40}){1,2}$")
# Material icon names the programme's sites draw (the browser shows an icon, a saved page the word).
ICON_WORDS = frozenset({
    "directions_run", "stars", "star", "star_border", "star_half", "place", "circle", "room",
    "event", "event_note", "person", "people", "group", "account_circle", "calendar_today",
    "date_range", "schedule", "attach_money", "monetization_on", "assignment", "description",
    "home", "location_on", "phone", "email", "visibility", "thumb_up", "share", "print",
    "photo_library", "insert_drive_file", "picture_as_pdf", "cloud_download", "file_download",
    "chevron_right", "keyboard_arrow_right", "arrow_forward", "arrow_back", "menu", "search",
    "check_circle", "info", "assessment", "timeline", "folder", "label", "bookmark",
    "supervisor_account", "account_balance", "business", "map", "navigate_next", "edit",
    "flag", "today", "access_time", "local_offer", "comment", "favorite", "more_vert",
})
# Words of a site menu: a line of short items with one of them is a menu.
_SITE_WORDS = ("หน้าแรก", "หน้าหลัก", "Home", "เข้าสู่ระบบ", "ออกจากระบบ", "Login", "สมัครสมาชิก",
               "ติดต่อเรา", "ติดต่อ", "เกี่ยวกับเรา", "ค้นหา", "Search", "เว็บบอร์ด", "แผนผังเว็บไซต์")
_FOOTER_LINES = frozenset({"relate topics", "related topics", "แชร์", "share", "print", "พิมพ์",
                           "กลับด้านบน", "back to top", "อ่านต่อ", "read more", "ดูทั้งหมด",
                           "แสดงความคิดเห็น", "tags:", "แท็ก:"})

_FIRST_LINE_BANNER = re.compile(r"^[^|0-9๐-๙]{2,40}(?:[ \t]+\|[ \t]+[^|0-9๐-๙]{2,40}){1,3}$")
_PHOTO_LINE = re.compile(r"^[ \t]*(?:[•·*\-][ \t]*)?(?:photo|image|ภาพ|รูปภาพ)[ \t]*,[ \t]*\d+[ \t]*[x×][ \t]*\d+"
                         r"[ \t]*(?:pixel|pixels|px)[ \t]*,[ \t]*[\d,.]+[ \t]*(?:bytes|byte|KB|kB|MB)\.?[ \t]*$",
                         re.I)
_STAR_LINE = re.compile(r"^[ \t]*(?:(?:star|star_border|star_half|stars|★|☆)[ \t]*){3,}"
                        r"(?:\(?[ \t]*[\d.]+[ \t]*(?:/[ \t]*\d+)?[ \t]*\)?)?[ \t]*$", re.I)
_VOTE_LINE = re.compile(r"^[ \t]*(?:(?:คะแนน|Rating|Rate|ให้คะแนน)[ \t]*:?[ \t]*)?[\d.]+[ \t]*/[ \t]*\d+[ \t]*"
                        r"\([ \t]*\d[\d,]*[ \t]*(?:votes?|โหวต|คน|ครั้ง)[ \t]*\)[ \t]*$", re.I)
_MENU_SPLIT = re.compile(r"[ \t]+(?:\||»|>|/|›)[ \t]+")
_ICON_ONLY = re.compile(r"^[ \t]*(?:[a-z_]+[ \t]*)+$")
_COORDINATES = re.compile(r"-?\d{1,3}\.\d{2,}[ \t]*,[ \t]*-?\d{1,3}\.\d{2,}[ \t]*place(?![a-z_])")
_GLUED_ICON = re.compile(r"(?<![A-Za-z_])(?P<word>[a-z]+(?:_[a-z]+)*)(?![A-Za-z_])")
_THAI_OR_DIGIT = re.compile(r"[\u0e00-\u0e7f0-9]")
_MARK_AT = re.compile(r"[\u0e30-\u0e3a\u0e47-\u0e4e]")


@dataclass(frozen=True, slots=True)
class Cut:
    """One removed piece: ``text`` was at ``start:end`` of the text given to :func:`strip_furniture`."""

    start: int
    end: int
    text: str
    rule: str


@dataclass(slots=True)
class Stripped:
    """The text without furniture and the log of what was removed."""

    text: str
    removed: list[Cut] = field(default_factory=list)


def strip_furniture(text: str) -> Stripped:
    """``text`` without site furniture (see the module notes for the rules), and the cuts made.

    Whole furniture lines go with their newline; a word glued to text goes alone.

    >>> strip_furniture("  • photo  , 1280x960 pixel , 118,437 bytes.\\nเนื้อหา\\n").text
    'เนื้อหา\\n'
    >>> strip_furniture("starsรหัสโครงการ 66-L1234 take place here\\n").text
    'รหัสโครงการ 66-L1234 take place here\\n'
    """
    kept: list[str] = []
    removed: list[Cut] = []
    offset = 0
    first = True
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        rule = _line_rule(body)
        if SITE_BANNER.match(body.strip()) or (first and _FIRST_LINE_BANNER.match(body.strip())):
            rule = "site-banner"
        first = first and not body.strip()
        if rule:
            removed.append(Cut(offset, offset + len(line), line, rule))
        else:
            kept.append(_strip_words(body, offset, removed) + line[len(body):])
        offset += len(line)
    return Stripped("".join(kept), removed)


def furniture_free(text: str) -> str:
    """The text of :func:`strip_furniture` alone.

    >>> furniture_free("circle\\nกิจกรรมที่ปฏิบัติ\\n")
    'กิจกรรมที่ปฏิบัติ\\n'
    """
    return strip_furniture(text).text


def _line_rule(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if _PHOTO_LINE.match(line):
        return "photo-list"
    if _STAR_LINE.match(line) or _VOTE_LINE.match(line):
        return "rating"
    if _is_menu(stripped):
        return "menu"
    if stripped.lower() in _FOOTER_LINES:
        return "site-footer"
    if _ICON_ONLY.match(line) and all(word in ICON_WORDS for word in stripped.split()):
        return "icon-line"
    return None


def _is_menu(line: str) -> bool:
    if line.startswith("|") and line.endswith("|"):  # a pipe-table row is content
        return False
    items = [item.strip() for item in _MENU_SPLIT.split(line)]
    if len(items) < 3 or any(len(item) > 30 or not item for item in items):
        return False
    return any(item in _SITE_WORDS for item in items)


def _strip_words(line: str, offset: int, removed: list[Cut]) -> str:
    """Remove map coordinates and icon words glued to content from one line."""
    cuts: list[tuple[int, int, str]] = [(m.start(), m.end(), "map-coordinates") for m in _COORDINATES.finditer(line)
                                        if not _MARK_AT.match(line, m.end())]
    for match in _GLUED_ICON.finditer(line):
        word, start, end = match.group("word"), match.start(), match.end()
        if word not in ICON_WORDS or any(s <= start < e for s, e, _ in cuts) or _MARK_AT.match(line, end):
            continue  # a Thai mark after the word: cutting would glue it to the letter before
        glued = (start > 0 and _THAI_OR_DIGIT.match(line[start - 1])) or \
                (end < len(line) and _THAI_OR_DIGIT.match(line[end]))
        if glued or "_" in word:
            cuts.append((start, end, "icon-word"))
    if not cuts:
        return line
    cuts.sort()
    pieces, last = [], 0
    for start, end, rule in cuts:
        pieces.append(line[last:start])
        removed.append(Cut(offset + start, offset + end, line[start:end], rule))
        last = end
    pieces.append(line[last:])
    return "".join(pieces)

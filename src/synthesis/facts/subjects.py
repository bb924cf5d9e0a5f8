"""What a number counts, in the text's words, and whether two such subjects are the same.

A subject is the clause before a number stripped of the words that only link or qualify it
(``เพิ่มจาก``, ``อย่างน้อย``, ``เหลือไม่เกิน``, ``และมี``): ``ผู้ประกันตนมาตรา 40 อย่างน้อย``
gives ``ผู้ประกันตนมาตรา 40``. Two subjects are compared by their content words (tokens of
the Thai layer, without function words), so ``เป็นผู้ประกันตนตามมาตรา 40`` and
``ผู้ประกันตนมาตรา 40`` are one subject and ``คนขาดส่ง`` is another.

>>> clean_subject("ครัวเรือนที่ยังใช้น้ำกรดแบตเตอรี่เหลือไม่เกิน")
'ครัวเรือนที่ยังใช้น้ำกรดแบตเตอรี่'
>>> round(subject_match("ผู้ประกันตนมาตรา 40", "เป็นผู้ประกันตนตามมาตรา 40 เพียง"), 2)
1.0
"""

from __future__ import annotations

import functools
import re

# Words that link a number to its clause or qualify the comparison, never what is counted.
_LINK = (r"ตั้งเป้าหมาย|เป้าหมาย|เป้า|อย่างน้อย|ไม่น้อยกว่า|ไม่ต่ำกว่า|ไม่เกิน|ไม่มากกว่า|"
         r"เพิ่มขึ้นจาก|เพิ่มขึ้น|เพิ่มจาก|เพิ่มเป็น|ลดลงจาก|ลดลงเหลือ|ลดลง|ลดจาก|ลดเหลือ|เหลือ|"
         r"รวมเป็น|รวมทั้งสิ้น|รวม|เป็นจำนวน|จำนวน|เพียง|ทั้งหมด|สะสม|ประมาณ|ราว|อยู่ที่|"
         r"ต้อง|ได้จริง|ทำได้|มีจริง|เกิดขึ้นจริง|เกิดขึ้น|จริง|ปัจจุบัน|ให้ได้|คิดเป็น|ขึ้นจาก|ขึ้นเป็น|ขึ้น|จาก|เป็น|ได้|มี|คือ|ได้แก่|ถึง|กว่า|ละ|ของ|ที่|และ|หรือ|แต่|ซึ่ง|โดย|พบ")
_SPACES = re.compile(r"\s+")
_LINK_WORD = re.compile(_LINK)
_TRAILING_RUN = re.compile(rf"(?:[\s.,:;\-–]|{_LINK})*")
_LEADING_RUN = re.compile(rf"(?:[\s.,:;\-–)]|{_LINK}|เกิด|ภายใน(?:ปี)?[ \t]*(?:พ\.ศ\.)?[ \t]*[0-9๐-๙]{{4}}|พบว่า|ส่วน|ใน|ทำให้|ผลคือ|ต่อปี|ต่อเดือน|ต่อครั้ง|ต่อ|ว่า|นั้น|นี้|ก็|ทั้ง)*")
STOP_WORDS = frozenset(
    "ที่ ยัง ได้ มี เป็น และ หรือ ของ ใน การ ความ ให้ จาก ตาม แล้ว อยู่ จำนวน รวม เพียง ทั้งหมด "
    "ซึ่ง โดย แต่ คือ ละ กับ ไป มา ว่า นี้ นั้น ก็ จะ ถึง อีก ต่อ ทั้ง แห่ง ครั้ง เรื่อง ด้าน ส่วน ตัวเลข จำนวน".split())
MAX_SUBJECT = 60
LONG_WORD = 4  # characters: a missing word this long is a noun of the subject, not a link  # characters of a subject kept, from its end


def clean_subject(clause: str) -> str:
    """The clause without the link words at its ends (whole tokens only: ``เจ้าหน้าที่``
    keeps its ``ที่``), spaces collapsed; its last phrase, at most :data:`MAX_SUBJECT`
    characters, cut at a space.

    >>> clean_subject("และมีกลุ่มออมทรัพย์ผู้กรีดยาง")
    'กลุ่มออมทรัพย์ผู้กรีดยาง'
    >>> clean_subject("ผู้นำ ผู้กรีดยาง และเจ้าหน้าที่")
    'ผู้นำ ผู้กรีดยาง และเจ้าหน้าที่'
    """
    text = _SPACES.sub(" ", clause).strip(" \t:：,;-–")
    text = _strip_link_tokens(text)
    text = _last_phrase(text)
    text = _strip_link_tokens(text)
    if len(text) > MAX_SUBJECT:
        cut = text.find(" ", len(text) - MAX_SUBJECT)
        text = text[cut + 1:] if cut != -1 else _last_words(text)
    if text.count("(") != text.count(")"):
        text = _SPACES.sub(" ", text.replace("(", " ").replace(")", " ")).strip()
    return text


def _last_words(text: str) -> str:
    """The last whole words of ``text`` within :data:`MAX_SUBJECT` characters: a cut between
    tokens, so never inside a word nor a grapheme cluster."""
    from synthesis.thai import words

    kept = ""
    for word in reversed(words(text)):
        if len(kept) + len(word) > MAX_SUBJECT:
            break
        kept = word + kept
    return text[len(text) - len(kept):] if kept and text.endswith(kept) else text


def _strip_link_tokens(text: str) -> str:
    """Drop link words from both ends of ``text``, cutting only between tokens."""
    from synthesis.thai import words

    if not text:
        return text
    bounds, at = {0, len(text)}, 0
    for token in words(text):
        found = text.find(token, at)
        if found == -1:
            break
        bounds |= {found, found + len(token)}
        at = found + len(token)
    bounds |= {i for i, ch in enumerate(text) if ch in " ()"} | {i + 1 for i, ch in enumerate(text) if ch in " ()"}
    ordered = sorted(bounds)
    end = next((b for b in ordered if _TRAILING_RUN.fullmatch(text[b:])), len(text))
    start = max((b for b in ordered if b <= end and _LEADING_RUN.fullmatch(text[:b])), default=0)
    return text[start:end].strip()


SHORT_CHUNK = 6  # characters: a chunk this short ("อสอช.", "ผู้นำ", "สมาชิก") leans on its neighbour


def _last_phrase(text: str) -> str:
    """The phrase that ends a clause: its last space-separated chunk, widened to the left over
    short chunks, a bracket, or a chunk opened by และ/หรือ (Thai separates phrases, not words,
    by spaces: ``ผู้นำ ผู้กรีดยาง และเจ้าหน้าที่`` stays whole; ``เพราะราคาถูกกว่า ปีที่ผ่านมา…``
    keeps its last phrase)."""
    chunks = text.split(" ")
    first = len(chunks) - 1
    while first > 0:
        left, here = chunks[first - 1], chunks[first]
        if (here.startswith(("และ", "หรือ", "(", "ที่", "ของ")) or len(here) <= SHORT_CHUNK
                or len(left) <= SHORT_CHUNK or left.endswith(")")) \
                and len(" ".join(chunks[first - 1:])) <= MAX_SUBJECT:
            first -= 1
        else:
            break
    return " ".join(chunks[first:])


@functools.lru_cache(maxsize=4096)
def content_words(subject: str) -> frozenset[str]:
    """The words of a subject that say what is counted (function words left out).

    >>> sorted(content_words("เป็นผู้ประกันตนตามมาตรา 40"))
    ['40', 'ผู้ประกันตน', 'มาตรา']
    >>> "ไม่" in content_words("ฉีดยาโดยไม่ใส่ถุงมือ")
    True
    """
    from synthesis.thai import words

    text = re.sub(r"ตาม(?=มาตรา)", " ", subject)  # ผู้ประกันตนตามมาตรา 40 = ผู้ประกันตนมาตรา 40
    # a comparison inside a subject ("อายุไม่เกิน 60 ปี") is no word of it; a negation
    # elsewhere ("ไม่ใส่ถุงมือ") is, or wearing and not wearing would be one subject
    text = re.sub(r"ไม่เกิน|ไม่น้อยกว่า|ไม่ต่ำกว่า|ไม่มากกว่า|อย่างน้อย", " ", text)
    found = set()
    for word in words(text):
        for part in word.split():
            part = part.strip(".()")
            if part and part not in STOP_WORDS and not _LINK_WORD.fullmatch(part) and len(part) > 1 \
                    or part.isdigit():
                found.add(part)
    return frozenset(found)




def subject_match(target: str, other: str, other_unit: str | None = None) -> float:
    """How much of ``target``'s content words ``other`` (with its unit) holds, 0 to 1.

    >>> subject_match("อสอช.", "กลุ่มไลน์เตือนคลื่นลมมีสมาชิก")
    0.0
    """
    mine = content_words(target)
    if not mine:
        return 0.0
    theirs = content_words(other) | ({other_unit} if other_unit else set())
    if ("ไม่" in mine) != ("ไม่" in theirs):
        return 0.0  # "ไม่ใส่ถุงมือ" and "ใส่ถุงมือ" count opposite things
    share = len(mine & theirs) / len(mine)
    if any(len(word) >= LONG_WORD for word in mine - theirs):
        share = min(share, 0.5)  # the head noun is missing: "สมัครมาตรา 40" is not "ผู้ประกันตนมาตรา 40"
    return share


def same_subject(one: str, other: str, one_unit: str | None = None, other_unit: str | None = None) -> float:
    """A symmetric score: the lower of the two containments (1.0 = the same words).

    >>> same_subject("หน่วยบริการชุมชน", "หน่วยบริการชุมชน")
    1.0
    """
    return min(subject_match(one, other, other_unit), subject_match(other, one, one_unit))

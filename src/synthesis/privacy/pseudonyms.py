"""Stable pseudonyms for the people of a collection, and the key file that links them to names.

One person gets one pseudonym (``บุคคล-017``) everywhere in a collection. The number comes
from an HMAC of the person's name under a secret salt, so nobody without the key can
recompute who is who, and the same name always gets the same number under the same salt.
The key (salt, people, the forms under which each is written, speaker labels) is a JSON file
kept outside the repository, by default ``~/.synthesis/pseudonyms/<collection>.json``; it is
never written into the project folder, and reports only ever see the pseudonyms.

>>> key = PseudonymKey.new("demo", salt="00" * 16)
>>> key.pseudonym_for("สมศักดิ์ ทองแก้ว") == key.pseudonym_for("สมศักดิ์ ทองแก้ว")
True
>>> key.pseudonym_for("สมศักดิ์ ทองแก้ว").startswith("บุคคล-")
True
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from synthesis.paths import project_root, safe_name
from synthesis.privacy.names import (
    USERNAME,
    NameMention,
    bylines,
    is_known_name,
    name_variants,
    person_mentions,
    speaker_legend,
    split_name,
)

PREFIX = "บุคคล"
KEY_VERSION = 1


class KeyLocationError(ValueError):
    """The key file would land inside the project (where git or a report could carry it)."""


def default_key_path(collection: str) -> Path:
    """``~/.synthesis/pseudonyms/<collection>.json`` (``SYNTHESIS_KEYS`` overrides the folder)."""
    folder = Path(os.environ.get("SYNTHESIS_KEYS") or Path.home() / ".synthesis" / "pseudonyms")
    return folder / f"{safe_name(collection)}.json"


@dataclass
class Person:
    pseudonym: str
    name: str  # first and last name, without title: the identity
    forms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"pseudonym": self.pseudonym, "name": self.name, "forms": self.forms}


@dataclass
class PseudonymKey:
    """The secret mapping of one collection. Edit ``forms`` by hand to add a missed spelling."""

    collection: str
    salt: str
    people: dict[str, Person] = field(default_factory=dict)  # name -> person
    speakers: dict[str, dict[str, str]] = field(default_factory=dict)  # doc id -> label -> name
    version: int = field(default=0, compare=False, repr=False)  # bumped on every change of forms

    @classmethod
    def new(cls, collection: str, salt: str | None = None) -> "PseudonymKey":
        return cls(collection=collection, salt=salt or secrets.token_hex(32))

    # identities ---------------------------------------------------------------------------
    def _number(self, name: str, taken: set[str]) -> str:
        digest = hmac.new(bytes.fromhex(self.salt), name.encode("utf-8"), hashlib.sha256).digest()
        number = int.from_bytes(digest[:8], "big") % 1000
        width = 3
        for step in range(100_000):  # open addressing when two names meet on one number
            candidate = f"{PREFIX}-{(number + step) % (10 ** width):0{width}d}"
            if candidate not in taken:
                return candidate
            if step == 10 ** width - 1:
                width += 1
        raise RuntimeError("no free pseudonym")

    def person(self, name: str) -> Person:
        """The person with this name (first and last, no title), created when new."""
        name = " ".join(name.split())
        if name not in self.people:
            taken = {person.pseudonym for person in self.people.values()}
            self.people[name] = Person(self._number(name, taken), name)
            self.version += 1
        return self.people[name]

    def pseudonym_for(self, name: str) -> str:
        return self.person(name).pseudonym

    def add_forms(self, name: str, forms: Iterable[str]) -> Person:
        person = self.person(name)
        for form in forms:
            form = " ".join(form.split())
            if form and form not in person.forms:
                person.forms.append(form)
                self.version += 1
        return person

    def form_map(self) -> dict[str, str]:
        """Every written form → pseudonym; a form two people share maps to the bare prefix."""
        mapping: dict[str, str] = {}
        for person in self.people.values():
            for form in [person.name, *person.forms]:
                if form in mapping and mapping[form] != person.pseudonym:
                    mapping[form] = PREFIX
                else:
                    mapping[form] = person.pseudonym
        return mapping

    # file ---------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "version": KEY_VERSION,
            "collection": self.collection,
            "salt": self.salt,
            "people": [person.to_dict() for person in self.people.values()],
            "speakers": self.speakers,
        }

    @classmethod
    def from_dict(cls, data: dict, source: str = "<key>") -> "PseudonymKey":
        try:
            key = cls(collection=data["collection"], salt=data["salt"])
            bytes.fromhex(key.salt)
            for entry in data.get("people", []):
                key.people[entry["name"]] = Person(entry["pseudonym"], entry["name"], list(entry.get("forms", [])))
            key.speakers = {doc: dict(labels) for doc, labels in (data.get("speakers") or {}).items()}
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{source}: not a pseudonym key ({error})") from None
        return key


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def check_key_location(path: Path, root: Path | None = None) -> Path:
    """Refuse a key path inside the project or the git repository that holds it."""
    root = Path(root or project_root()).resolve()
    path = Path(path).expanduser()
    forbidden = [root]
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            forbidden.append(folder)
            break
    for folder in forbidden:
        if _inside(path, folder):
            raise KeyLocationError(f"{path}: the pseudonym key must be kept outside the project and any git repository")
    return path


def load_key(path: str | Path) -> PseudonymKey:
    path = Path(path).expanduser()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: cannot read the pseudonym key ({error})") from None
    return PseudonymKey.from_dict(data, str(path))


def save_key(key: PseudonymKey, path: str | Path, root: Path | None = None) -> Path:
    """Write the key atomically, readable by its owner only; refuses a place in the project."""
    path = check_key_location(Path(path), root)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(key.to_dict(), stream, ensure_ascii=False, indent=1)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def load_or_create_key(collection: str, path: str | Path | None = None,
                       root: Path | None = None) -> tuple[PseudonymKey, Path]:
    """The collection's key, created (with a fresh secret salt) when there is none yet.

    A new key is written at once with exclusive creation, so two reports started together
    cannot end up with two salts (and two sets of pseudonyms): the second reads the first's.
    """
    path = check_key_location(Path(path).expanduser() if path else default_key_path(collection), root)
    if path.exists():
        return load_key(path), path
    key = PseudonymKey.new(collection)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_key(path), path
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(key.to_dict(), stream, ensure_ascii=False, indent=1)
    return key, path


# building the key from a collection -------------------------------------------------------
def _romanize(word: str) -> str:
    try:
        from pythainlp.transliterate import romanize

        return romanize(word)
    except Exception:  # pragma: no cover (romanization data missing)
        return ""


def link_username(username: str, key: PseudonymKey, threshold: float = 0.7,
                  nearby: Iterable[str] = ()) -> str | None:
    """The name of the person a user name like ``supawadee_p`` most likely belongs to.

    The user name's letters before ``_``/``.`` are compared with the romanized first names;
    on a tie, a person named in ``nearby`` (the same document) wins.
    """
    nearby = set(nearby)
    stem = re.split(r"[._\d-]", username.lower())[0]
    if len(stem) < 3:
        return None
    scored = []
    for name in key.people:
        first = name.split(" ")[0]
        if not re.search("[\u0e01-\u0e4e]", first):
            continue
        ratio = difflib.SequenceMatcher(None, stem, _romanize(first)).ratio()
        scored.append((round(ratio, 3), name in nearby, name))
    scored.sort(reverse=True)
    scored = [(ratio, name) for ratio, _, name in scored]
    if not scored or scored[0][0] < threshold:
        return None
    best = [name for ratio, name in scored if ratio == scored[0][0]]
    preferred = [name for name in best if name in nearby]
    if len(best) == 1:
        return best[0]
    return preferred[0] if len(preferred) == 1 else None


_NAME_PART = re.compile("^[\u0e01-\u0e4e]{2,25}$")


def _same_first_known(key: PseudonymKey, mention) -> bool:
    """``ผศ.ดร.กนกวรรณ ชวนวงสนทนาตอบ``: a known first name glued to running text, not a new person.

    True when exactly one known person has this first name, with another surname, and the
    "surname" read here is in no list of family names.
    """
    others = [name for name in key.people if name.split(" ")[0] == mention.first and name != mention.full]
    return len(others) == 1 and mention.full not in key.people and not is_known_name("", mention.last)


def _learn_address(key: PseudonymKey, mention) -> None:
    """``ก๊ะยะห์``, ``บังหมัด``: a first name after a southern form of address, where no full
    name of that person is known, is a person of its own under the addressed form (never the
    bare first name: ``มะ`` alone is also a syllable of ordinary words)."""
    from synthesis.thai.persons import FIRST_NAME_ONLY_TITLES

    if mention.title not in FIRST_NAME_ONLY_TITLES or not _NAME_PART.match(mention.first):
        return
    addressed = mention.title + mention.first
    if any(addressed == person.name or addressed in person.forms for person in key.people.values()):
        return  # a variant of someone known (ก๊ะมะห์ for ซาลมะห์), or met before
    key.add_forms(addressed, [f"{mention.title} {mention.first}"])


def _learn_mention(key: PseudonymKey, mention) -> None:
    if not mention.last:
        if mention.source == "address":
            _learn_address(key, mention)
        return
    if _same_first_known(key, mention):
        return
    if mention.source == "ner":
        # The Thai layer's PERSONs only add people our own detectors did not meet: its cut of a
        # surname glued to the next words is less sure than a title + space + surname.
        if not (_NAME_PART.match(mention.first) and _NAME_PART.match(mention.last)):
            return
        if not is_known_name(mention.first, mention.last):
            return
        if any(name.split(" ")[0] == mention.first for name in key.people):
            return
    key.add_forms(mention.full, name_variants(mention.title, mention.first, mention.last))


def learn_text(key: PseudonymKey, text: str, doc_id: str | None = None) -> None:
    """Add the people named in ``text`` (and their forms, speaker labels) to ``key``."""
    mentions = person_mentions(text)
    for mention in sorted(mentions, key=lambda m: m.source == "ner"):
        _learn_mention(key, mention)
    _learn_legend(key, text, doc_id)


def _learn_legend(key: PseudonymKey, text: str, doc_id: str | None) -> None:
    for entry in speaker_legend(text):
        if entry.last:
            name = f"{entry.first} {entry.last}"
        else:  # a legend name without surname: attach to a known person with that first name
            name = next((n for n in key.people if n.split(" ")[0] == entry.first), entry.first)
        key.add_forms(name, [entry.nickname] if entry.nickname else [])
        if doc_id is not None:
            key.speakers.setdefault(doc_id, {})[entry.label] = name


def learn_usernames(key: PseudonymKey, usernames: Iterable[str], nearby: Iterable[str] = ()) -> None:
    """Attach reporters' user names to the people they belong to (or to a person of their own).

    ``nearby`` are names met in the same document, preferred when two people fit equally.
    """
    nearby = list(nearby)
    for username in usernames:
        username = username.strip()
        if not username or not USERNAME.match(username):
            if username:
                _, first, last = split_name(username)
                if first and last:
                    key.add_forms(f"{first} {last}", name_variants("", first, last))
            continue
        if any(username in person.forms for person in key.people.values()):
            continue
        owner = link_username(username, key, nearby=nearby)
        key.add_forms(owner or username, [username])


def build_key(
    documents: Iterable[tuple[str, str]],
    key: PseudonymKey,
    reporters: Iterable[str] = (),
    names: Iterable[str] = (),
) -> PseudonymKey:
    """Learn every person of a collection: ``documents`` are ``(doc_id, text)`` pairs.

    ``reporters`` are the documents' reporters (user names or names); ``names`` are people
    listed elsewhere, with or without title (participant lists, interview speakers). Titled
    names are learnt first from every document, then legends and bylines, so that a short
    form met early still finds the full name met later.

    >>> key = build_key([("d1", "ผู้เข้าร่วม นายสมศักดิ์ ทองแก้ว")], PseudonymKey.new("x", "00" * 16),
    ...                 names=["อาแว สาแม"])
    >>> sorted(key.people)
    ['สมศักดิ์ ทองแก้ว', 'อาแว สาแม']
    """
    documents = list(documents)
    mentions = [m for _, text in documents for m in person_mentions(text)]
    for written in names:
        if isinstance(written, str):
            title, first, last = split_name(written)
            if first and last and _NAME_PART.match(first) and _NAME_PART.match(last.replace(" ", "")):
                mentions.append(NameMention(0, 0, written, first, last, title, "list"))
    counts = Counter(m.full for m in mentions)
    # Our own detectors first, everywhere; the names written most often first, so that a name
    # glued to running text once meets its usual spelling already learnt.
    for mention in sorted(mentions, key=lambda m: (m.source == "ner", -counts[m.full])):
        _learn_mention(key, mention)
    for doc_id, text in documents:
        _learn_legend(key, text, doc_id)
    for _, text in documents:
        nearby = {mention.full for mention in person_mentions(text) if mention.last}
        learn_usernames(key, bylines(text), nearby)
    learn_usernames(key, [r for r in reporters if r])
    return key

"""The codebook: hierarchical codes with stable ids, names, notes, colours and auto-coding rules.

A codebook is a YAML file (``lessons/codebook.yaml``) holding a flat list of codes; each code
names its ``parent`` (or none for a top-level code). Codings refer to codes by id only, so
renaming a code (its Thai or English name) or moving it under another parent never touches a
coding. Merging and splitting are operations that return a new codebook plus the id mapping the
codings store applies (:meth:`synthesis.coding.codings.CodingStore.recode`).

>>> book = parse_codebook('''
... version: "1"
... codes:
...   - {id: success, name_th: ปัจจัยความสำเร็จ, name_en: Success factors, colour: "#2ca02c"}
...   - {id: success.leadership, parent: success, name_th: ผู้นำ, name_en: Leadership, colour: "#98df8a"}
... ''')
>>> book.path("success.leadership")
['success', 'success.leadership']
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import yaml

from synthesis.lessons_io import atomic_write_text, read_text, update_text
from synthesis.safe_yaml import YAMLLimitError, load_yaml
from synthesis.thai.spans import ENTITY_LABELS, SEGMENT_KINDS

CODE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
BLOCK_KINDS = ("paragraph", "list_item", "turn")
RULE_UNITS = (*SEGMENT_KINDS, "block", "any")
CODE_KEYS = {"id", "parent", "name_th", "name_en", "description", "include", "exclude", "colour", "key", "rules"}
# a code's hot key in the coding panel: one digit or lower-case letter; j, k and z are the panel's own
HOTKEY = re.compile(r"^[0-9a-y]$")
RESERVED_KEYS = ("j", "k")
RULE_KEYS = {"keywords", "near", "within", "entities", "sections", "regex", "unit", "speaker"}


class CodebookError(ValueError):
    """Every problem found in a codebook, each with its file and line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("codebook has problems:\n  " + "\n  ".join(self.problems))


@dataclass(frozen=True)
class Rule:
    """An auto-coding rule; a segment matches when every condition given holds.

    ``keywords`` match whole tokens (a keyword must start and end on token boundaries);
    ``near`` terms must occur within ``within`` tokens of a keyword; ``entities`` are entity
    labels the segment must contain; ``sections`` restrict to report sections; ``regex`` is
    matched against the segment text; ``unit`` is the segment kind coded: one of the span
    kinds, ``block`` (a paragraph, list item or speaker turn, the default) or ``any``.
    """

    keywords: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    within: int = 8
    entities: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    regex: str | None = None
    unit: str = "block"
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in ("keywords", "near", "entities", "sections"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        if self.near:
            out["within"] = self.within
        if self.regex:
            out["regex"] = self.regex
        if self.speaker:
            out["speaker"] = self.speaker
        out["unit"] = self.unit
        return out


@dataclass(frozen=True)
class Code:
    """One code of the codebook. ``line`` is where it starts in its file (0 if built in code)."""

    id: str
    name_th: str
    name_en: str
    parent: str | None = None
    description: str = ""
    include: str = ""
    exclude: str = ""
    colour: str = "#999999"
    rules: tuple[Rule, ...] = ()
    line: int = field(default=0, compare=False)
    key: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.parent:
            out["parent"] = self.parent
        out.update(name_th=self.name_th, name_en=self.name_en)
        for key in ("description", "include", "exclude"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        out["colour"] = self.colour
        if self.key:
            out["key"] = self.key
        if self.rules:
            out["rules"] = [rule.to_dict() for rule in self.rules]
        return out


class Codebook:
    """Codes by id, in file order, with tree navigation and editing operations.

    Editing operations return a new, validated codebook (and, for merges, the id mapping to
    apply to codings); the original is left unchanged.
    """

    def __init__(self, codes: list[Code], version: str = "1", header: str = "", source: str = "<codebook>"):
        self.codes: dict[str, Code] = {code.id: code for code in codes}
        self.version = str(version)
        self.header = header
        self.source = source

    # navigation -------------------------------------------------------------------------
    def __contains__(self, code_id: object) -> bool:
        return code_id in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self):
        return iter(self.codes.values())

    def children(self, code_id: str | None) -> list[Code]:
        """Direct children of a code (``None``: the top-level codes)."""
        return [code for code in self.codes.values() if code.parent == code_id]

    def top_level(self) -> list[Code]:
        return self.children(None)

    def path(self, code_id: str) -> list[str]:
        """Ids from the top-level code down to ``code_id``."""
        chain = [code_id]
        while self.codes[chain[-1]].parent:
            chain.append(self.codes[chain[-1]].parent)
        return chain[::-1]

    def top_of(self, code_id: str) -> str:
        """The top-level ancestor of a code (the code itself when it is top-level)."""
        return self.path(code_id)[0]

    def descendants(self, code_id: str) -> list[str]:
        """The code and every code below it."""
        found = [code_id]
        for child in self.children(code_id):
            found.extend(self.descendants(child.id))
        return found

    def label(self, code_id: str, lang: str = "th") -> str:
        code = self.codes.get(code_id)
        if code is None:
            return code_id
        return code.name_th if lang == "th" else code.name_en

    # editing ------------------------------------------------------------------------------
    def _with(self, codes: list[Code]) -> Codebook:
        book = Codebook(codes, self.version, self.header, self.source)
        problems = validate_codes(codes, self.source)
        if problems:
            raise CodebookError(problems)
        return book

    def rename(self, code_id: str, name_th: str | None = None, name_en: str | None = None) -> Codebook:
        """Change a code's names; its id, and so its codings, stay."""
        self._require(code_id)
        code = self.codes[code_id]
        changed = replace(code, name_th=name_th or code.name_th, name_en=name_en or code.name_en)
        return self._with([changed if c.id == code_id else c for c in self.codes.values()])

    def move(self, code_id: str, new_parent: str | None) -> Codebook:
        """Put a code under another parent (``None``: top level); refuses cycles."""
        self._require(code_id)
        if new_parent is not None:
            self._require(new_parent)
            if new_parent in self.descendants(code_id):
                raise CodebookError([f"cannot move {code_id!r} under its own descendant {new_parent!r}"])
        return self._with([replace(c, parent=new_parent) if c.id == code_id else c for c in self.codes.values()])

    def change_id(self, old: str, new: str) -> tuple[Codebook, dict[str, str]]:
        """Give a code a new id; returns the codebook and ``{old: new}`` for the codings."""
        self._require(old)
        if new in self.codes:
            raise CodebookError([f"code id {new!r} already exists"])
        codes = []
        for code in self.codes.values():
            if code.id == old:
                code = replace(code, id=new)
            if code.parent == old:
                code = replace(code, parent=new)
            codes.append(code)
        return self._with(codes), {old: new}

    def merge(self, source: str, target: str) -> tuple[Codebook, dict[str, str]]:
        """Fold ``source`` into ``target``: its children and rules move to the target.

        Returns the codebook without ``source`` and ``{source: target}`` for the codings.
        """
        self._require(source)
        self._require(target)
        if source == target:
            raise CodebookError([f"cannot merge {source!r} into itself"])
        if target in self.descendants(source):
            raise CodebookError([f"cannot merge {source!r} into its own descendant {target!r}"])
        merged_rules = self.codes[target].rules + self.codes[source].rules
        codes = []
        for code in self.codes.values():
            if code.id == source:
                continue
            if code.id == target:
                code = replace(code, rules=merged_rules)
            if code.parent == source:
                code = replace(code, parent=target)
            codes.append(code)
        return self._with(codes), {source: target}

    def split(self, code_id: str, parts: list[Code]) -> Codebook:
        """Split a code into finer codes, added as its children.

        The original code stays (its codings still point at it) until the coders move each
        coding to one of the parts, e.g. with ``CodingStore.recode`` and a function.
        """
        self._require(code_id)
        if len(parts) < 2:
            raise CodebookError([f"splitting {code_id!r} needs at least two parts"])
        new = [replace(part, parent=code_id) for part in parts]
        return self._with([*self.codes.values(), *new])

    def add(self, code: Code) -> Codebook:
        return self._with([*self.codes.values(), code])

    def _require(self, code_id: str) -> None:
        if code_id not in self.codes:
            raise CodebookError([f"unknown code {code_id!r}"])

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "codes": [code.to_dict() for code in self.codes.values()]}


# loading ------------------------------------------------------------------------------------
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # the C parser when built
    """A safe YAML loader that records the line of every mapping under ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def default_codebook_path() -> Path:
    from synthesis.paths import lessons_dir

    return lessons_dir() / "codebook.yaml"


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook (default: ``lessons/codebook.yaml``).

    Raises :class:`CodebookError` listing every problem with its line.
    """
    path = Path(path) if path else default_codebook_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise CodebookError([f"{path}: cannot read ({error.strerror})"]) from error
    return parse_codebook(text, source=str(path))


def parse_codebook(text: str, source: str = "<codebook>") -> Codebook:
    """Build a codebook from YAML text; see :func:`load_codebook`."""
    try:
        data = load_yaml(text, source=source, loader=_LineLoader)  # size, depth and alias limits
    except YAMLLimitError as error:
        raise CodebookError([str(error)]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise CodebookError([f"{where}: not valid YAML ({getattr(error, 'problem', error)})"]) from error
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        raise CodebookError([f"{source}: expected a mapping with a 'codes' list"])
    problems: list[str] = []
    codes: list[Code] = []
    for index, entry in enumerate(data["codes"]):
        code, entry_problems = _code_from_entry(entry, index, source)
        problems.extend(entry_problems)
        if code is not None:
            codes.append(code)
    problems.extend(validate_codes(codes, source))
    if problems:
        raise CodebookError(problems)
    return Codebook(codes, data.get("version", "1"), _leading_comments(text), source)


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


def _text_field(entry: dict, key: str, where: str, problems: list[str], required: bool = False) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            problems.append(f"{where}: missing '{key}'")
        return ""
    if not isinstance(value, str):
        problems.append(f"{where}: '{key}' must be text, got {type(value).__name__}")
        return str(value)
    return value.strip()


def _code_from_entry(entry: Any, index: int, source: str) -> tuple[Code | None, list[str]]:
    if not isinstance(entry, dict):
        return None, [f"{source}: code #{index + 1} is not a mapping"]
    line = entry.get("__line__", 0)
    where = f"{source}:{line}"
    problems: list[str] = []
    unknown = set(entry) - CODE_KEYS - {"__line__"}
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    code_id = entry.get("id")
    if not isinstance(code_id, str) or not CODE_ID.match(code_id):
        problems.append(f"{where}: id {code_id!r} must be lower-case ASCII words joined by dots")
        return None, problems
    where = f"{where} ({code_id})"
    parent = entry.get("parent")
    if parent is not None and not isinstance(parent, str):
        problems.append(f"{where}: parent must be a code id")
        parent = str(parent)
    colour = entry.get("colour", "#999999")
    if not isinstance(colour, str) or not COLOUR.match(colour):
        problems.append(f"{where}: colour {colour!r} is not #RRGGBB")
        colour = "#999999"
    rules = []
    raw_rules = entry.get("rules") or []
    if not isinstance(raw_rules, list):
        problems.append(f"{where}: rules must be a list")
        raw_rules = []
    for number, raw in enumerate(raw_rules, 1):
        rule, rule_problems = _rule_from_entry(raw, f"{source}:{_line_of(raw, line)} ({code_id} rule {number})")
        problems.extend(rule_problems)
        if rule is not None:
            rules.append(rule)
    code = Code(
        id=code_id,
        parent=parent or None,
        name_th=_text_field(entry, "name_th", where, problems, required=True),
        name_en=_text_field(entry, "name_en", where, problems, required=True),
        description=_text_field(entry, "description", where, problems),
        include=_text_field(entry, "include", where, problems),
        exclude=_text_field(entry, "exclude", where, problems),
        colour=colour,
        rules=tuple(rules),
        line=line,
        key=_hotkey_field(entry, where, problems),
    )
    return code, problems


def _hotkey_field(entry: dict, where: str, problems: list[str]) -> str:
    value = entry.get("key")
    if value is None or value == "":
        return ""
    value = str(value).strip().lower()  # YAML reads `key: 1` as a number
    if not HOTKEY.match(value) or value in RESERVED_KEYS:
        problems.append(f"{where}: key {entry.get('key')!r} must be one digit or letter a–y other than "
                        f"{', '.join(RESERVED_KEYS)} (they move between segments)")
        return ""
    return value


def _line_of(raw: Any, fallback: int) -> int:
    return raw.get("__line__", fallback) if isinstance(raw, dict) else fallback


def _terms(raw: Any, key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(term, str) and term.strip() for term in raw):
        problems.append(f"{where}: '{key}' must be a list of non-empty terms")
        return ()
    return tuple(term.strip() for term in raw)


def _rule_from_entry(raw: Any, where: str) -> tuple[Rule | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"{where}: a rule must be a mapping"]
    problems: list[str] = []
    unknown = set(raw) - RULE_KEYS - {"__line__"}
    if unknown:
        problems.append(f"{where}: unknown rule field(s) {', '.join(sorted(unknown))}")
    keywords = _terms(raw.get("keywords"), "keywords", where, problems)
    near = _terms(raw.get("near"), "near", where, problems)
    sections = _terms(raw.get("sections"), "sections", where, problems)
    entities = _terms(raw.get("entities"), "entities", where, problems)
    for label in entities:
        if label not in ENTITY_LABELS:
            problems.append(f"{where}: unknown entity label {label!r} (known: {', '.join(ENTITY_LABELS)})")
    within = raw.get("within", 8)
    if not isinstance(within, int) or isinstance(within, bool) or within < 1:
        problems.append(f"{where}: 'within' must be a whole number of tokens ≥ 1")
        within = 8
    regex = raw.get("regex")
    if regex is not None:
        try:
            re.compile(regex)
        except (re.error, TypeError) as error:
            problems.append(f"{where}: regex {regex!r} does not compile ({error})")
        else:
            from synthesis.coding.rules import unsafe_pattern  # (rules imports this module)

            risk = unsafe_pattern(regex)
            if risk:
                problems.append(f"{where}: regex {regex!r}: {risk}; bound the inner repeat ({{0,40}}) "
                                "or drop the outer one")
    unit = raw.get("unit", "block")
    if unit not in RULE_UNITS:
        problems.append(f"{where}: unit {unit!r} is not one of {', '.join(RULE_UNITS)}")
    if near and not keywords:
        problems.append(f"{where}: 'near' needs 'keywords' to measure the distance from")
    if not (keywords or entities or regex):
        problems.append(f"{where}: a rule needs keywords, entities or a regex")
    speaker = raw.get("speaker")
    if problems:
        return None, problems
    rule = Rule(keywords, near, within, entities, sections, regex, unit, speaker)
    return rule, []


def validate_codes(codes: list[Code], source: str = "<codebook>") -> list[str]:
    """Problems of a list of codes taken together: duplicate ids, unknown parents, cycles."""
    problems = []
    seen: dict[str, Code] = {}
    for code in codes:
        if code.id in seen:
            problems.append(f"{source}:{code.line}: duplicate id {code.id!r} (first at line {seen[code.id].line})")
        else:
            seen[code.id] = code
    keys: dict[str, Code] = {}
    for code in codes:
        if code.key and code.key in keys:
            problems.append(f"{source}:{code.line} ({code.id}): key {code.key!r} is already the key of "
                            f"{keys[code.key].id!r}")
        elif code.key:
            keys[code.key] = code
    for code in codes:
        if code.parent is not None and code.parent not in seen:
            problems.append(f"{source}:{code.line} ({code.id}): unknown parent {code.parent!r}")
    reported: set[str] = set()
    for code in seen.values():
        chain, current = [], code
        while current.parent in seen and current.id not in chain:
            chain.append(current.id)
            current = seen[current.parent]
        if current.id in chain and current.id not in reported:
            cycle = chain[chain.index(current.id):]
            reported.update(cycle)
            problems.append(f"{source}:{code.line} ({code.id}): parent cycle {' → '.join([*cycle, current.id])}")
    return problems


# saving -------------------------------------------------------------------------------------
def dump_codebook(book: Codebook) -> str:
    """The codebook as new YAML text (the leading comment block is kept); for a new file.

    Saving over an existing file keeps its comments and layout (:func:`merge_codebook_text`).
    """
    body = yaml.safe_dump(book.to_dict(), allow_unicode=True, sort_keys=False, width=100)
    return (book.header + "\n" if book.header else "") + body


def _round_trip_yaml(text: str):
    """A ruamel.yaml round-trip reader/writer set to the indentation ``text`` uses."""
    from ruamel.yaml import YAML

    offset = 2
    match = re.search(r"^codes:[ \t]*\n(?:[ \t]*#.*\n|[ \t]*\n)*([ \t]*)- ", text, re.MULTILINE)
    if match:
        offset = len(match.group(1))
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap a long Thai line
    handler.indent(mapping=2, sequence=offset + 2, offset=offset)
    return handler


_FIELD_KEYS = ("parent", "name_th", "name_en", "description", "include", "exclude", "colour", "key", "rules")


def merge_codebook_text(current: str, book: Codebook) -> str:
    r"""``current`` (a codebook's YAML text) changed to hold ``book``, and nothing else changed.

    Entries of codes that did not change stay byte for byte, with their comments; a changed
    code has only its changed fields rewritten; a removed code's entry goes; a new code is
    appended. A code that took another's place under a new id (``change_id``) keeps the old
    entry's place and comments.

    >>> old = "# kept\nversion: '1'\ncodes:\n  - {id: a, name_th: ก, name_en: A}  # note\n"
    >>> new = parse_codebook(old).add(Code(id="b", name_th="ข", name_en="B"))
    >>> print(merge_codebook_text(old, new), end="")
    # kept
    version: '1'
    codes:
      - {id: a, name_th: ก, name_en: A}  # note
      - id: b
        name_th: ข
        name_en: B
        colour: '#999999'
    """
    from ruamel.yaml.comments import CommentedMap

    old_book = parse_codebook(current)
    handler = _round_trip_yaml(current)
    document = handler.load(current)
    entries = document["codes"]
    position = {entry["id"]: index for index, entry in enumerate(entries) if isinstance(entry, dict)}
    old_ids = list(old_book.codes)
    new_ids = list(book.codes)
    gone = [code_id for code_id in old_ids if code_id not in book.codes]
    # a new id standing where a removed one stood is that code renamed: keep its entry
    renamed: dict[str, str] = {}
    for code_id in gone:
        index = old_ids.index(code_id)
        if index < len(new_ids) and new_ids[index] not in old_book.codes and new_ids[index] not in renamed:
            renamed[new_ids[index]] = code_id
    for new_id, old_id in renamed.items():
        entry = entries[position[old_id]]
        entry["id"] = new_id
        _update_entry(entry, old_book.codes[old_id], book.codes[new_id])
    for code_id in old_ids:
        if code_id in book.codes and book.codes[code_id] != old_book.codes[code_id]:
            _update_entry(entries[position[code_id]], old_book.codes[code_id], book.codes[code_id])
    for code_id in sorted((c for c in gone if c not in renamed.values()), key=lambda c: -position[c]):
        _remove_entry(entries, position[code_id])
    for code_id in new_ids:
        if code_id not in old_book.codes and code_id not in renamed:
            entries.append(CommentedMap(book.codes[code_id].to_dict()))
    if str(book.version) != str(old_book.version):
        document["version"] = book.version
    out = io.StringIO()
    handler.dump(document, out)
    return out.getvalue()


def _update_entry(entry, old: Code, new: Code) -> None:
    """Rewrite the fields of one entry that differ between ``old`` and ``new`` (in place)."""
    wanted = new.to_dict()
    for key in _FIELD_KEYS:
        if getattr(old, key) == getattr(new, key):
            continue
        if key in wanted:
            entry[key] = wanted[key]
        elif key in entry:
            del entry[key]


def _remove_entry(entries, index: int) -> None:
    """Delete one entry; a comment below it (a section header of the next code) moves up."""
    entry = entries[index]
    if index > 0 and isinstance(entry, dict) and entry:
        last_key = list(entry)[-1]
        comment = entry.ca.items.get(last_key)
        before = entries[index - 1]
        if comment and isinstance(before, dict) and before:
            before.ca.items[list(before)[-1]] = comment
    del entries[index]


def save_codebook(book: Codebook, path: str | Path | None = None) -> Path:
    """Validate, then write under the file's lock; returns the path.

    An existing file keeps its comments, order and layout: only what differs from ``book``
    is rewritten (:func:`merge_codebook_text`). Refuses to write what it could not read back.
    """
    path = Path(path) if path else default_codebook_path()

    def rewrite(current: str) -> str:
        text = merge_codebook_text(current, book) if current.strip() else dump_codebook(book)
        parse_codebook(text, source=str(path))
        return text

    update_text(path, rewrite)
    return path


def edit_codebook(path: str | Path, edit: Callable[[Codebook], Codebook]) -> Codebook:
    r"""Apply ``edit`` to the codebook as it is on disk *now* (under its lock) and save the
    result the way :func:`save_codebook` does; returns the new codebook.

    Two people adding codes at once both keep theirs: each edit starts from the other's file.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "codebook.yaml"
    >>> _ = target.write_text("codes:\n  - {id: a, name_th: ก, name_en: A}\n", encoding="utf-8")
    >>> [c.id for c in edit_codebook(target, lambda b: b.add(Code(id="b", name_th="ข", name_en="B")))]
    ['a', 'b']
    """
    path = Path(path)
    result: list[Codebook] = []

    def rewrite(current: str) -> str:
        before = parse_codebook(current, source=str(path))
        after = edit(before)
        text = merge_codebook_text(current, after)
        result.append(parse_codebook(text, source=str(path)))
        return text

    update_text(path, rewrite)
    return result[-1]


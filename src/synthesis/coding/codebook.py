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

import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from synthesis.thai.spans import ENTITY_LABELS, SEGMENT_KINDS

CODE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
BLOCK_KINDS = ("paragraph", "list_item", "turn")
RULE_UNITS = (*SEGMENT_KINDS, "block", "any")
CODE_KEYS = {"id", "parent", "name_th", "name_en", "description", "include", "exclude", "colour", "rules"}
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

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.parent:
            out["parent"] = self.parent
        out.update(name_th=self.name_th, name_en=self.name_en)
        for key in ("description", "include", "exclude"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        out["colour"] = self.colour
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
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
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
    )
    return code, problems


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
    """The codebook as YAML text (the leading comment block is kept)."""
    body = yaml.safe_dump(book.to_dict(), allow_unicode=True, sort_keys=False, width=100)
    return (book.header + "\n" if book.header else "") + body


def save_codebook(book: Codebook, path: str | Path | None = None) -> Path:
    """Validate, then write atomically (temporary file, then rename); returns the path."""
    path = Path(path) if path else default_codebook_path()
    text = dump_codebook(book)
    parse_codebook(text, source=str(path))  # refuse to write what we could not read back
    atomic_write_text(path, text)
    return path


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(path))  # mkstemp makes 0600 files; keep the usual permissions
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or the default for a new file (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

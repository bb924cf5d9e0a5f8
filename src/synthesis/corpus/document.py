"""The Document record: one file of a collection after reading, normalizing, parsing and tagging.

:func:`build_document` is the pure, per-document stage of ingest (no file system access), so
that it can be mapped over processes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from synthesis.corpus import thai_bridge as thai
from synthesis.corpus.furniture import furniture_free
from synthesis.thai.place_resolution import without_non_places
from synthesis.corpus.parser import ParsedReport, parse_document
from synthesis.corpus.readers import RawText
from synthesis.thai.spans import Entity, Segment, Token


def make_doc_id(collection: str, relative_path: str) -> str:
    """A stable id from the collection and the file's path inside it (12 hex digits).

    >>> make_doc_id("demo", "reports/a.txt") == make_doc_id("demo", "reports/a.txt")
    True
    >>> len(make_doc_id("demo", "reports/a.txt"))
    12
    """
    key = f"{collection}/{PurePosixPath(relative_path).as_posix()}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """A document of the store: its normalized text, parsed fields and spans."""

    doc_id: str
    collection: str
    path: str
    format: str
    text: str
    sha256: str
    parsed: ParsedReport
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Any] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @property
    def areas(self) -> list[str]:
        """The areas the document belongs to (a passing ``mention``, an ``uncertain`` case or one
        ``outside_period`` does not count)."""
        from synthesis.corpus.areas import member_areas

        return member_areas(self.attributions)


def build_document(collection: str, relative_path: str, raw: RawText,
                   metadata: dict[str, Any] | None = None) -> Document:
    """Normalize, parse and tag one file's text.

    ``metadata`` (a sidecar ``<file>.meta.yaml``) is merged over the file's own front matter.
    Title, date, reporter … given in metadata override what the parser found.

    >>> from synthesis.corpus.readers import RawText
    >>> d = build_document("demo", "a.txt", RawText("ประชุมกลุ่ม วันที่ 5 มีนาคม 2565\\n", "txt"))
    >>> d.parsed.date, d.kind
    ('2022-03-05', 'other')
    """
    meta = {**raw.metadata, **(metadata or {})}
    text = furniture_free(thai.normalize_text(raw.text))  # icon words, photo lists, menus: not content
    parsed = parse_document(text, path=relative_path, normalized=True)
    apply_metadata(parsed, meta)
    analysed = thai.analyze(text)
    segments = _segments_with_sections(parsed, analysed.segments)
    return Document(
        doc_id=make_doc_id(collection, relative_path),
        collection=collection,
        path=PurePosixPath(relative_path).as_posix(),
        format=raw.format,
        text=text,
        sha256=text_sha256(text),
        parsed=parsed,
        encoding=raw.encoding,
        metadata=meta,
        warnings=list(raw.warnings) + parsed.warnings,
        tokens=analysed.tokens,
        segments=segments,
        entities=without_non_places(text, analysed.entities),  # สปสช.เขต 12 สงขลา is no province
    )


_OVERRIDABLE = ("title", "date", "date_end", "date_text", "reporter", "project", "fund", "kind")


def apply_metadata(parsed: ParsedReport, meta: dict[str, Any]) -> None:
    for key in _OVERRIDABLE:
        if meta.get(key) in (None, ""):
            continue
        value = meta[key]
        if key in ("date", "date_end"):
            value = metadata_date(value)
            if value is None:
                parsed.warnings.append(f"metadata {key}: {meta[key]!r} is not a date; kept the parsed one")
                continue
        setattr(parsed, key, str(value))


_TEXT_FIELDS = ("title", "date_text", "reporter", "project", "fund", "kind")


def metadata_problems(meta: dict[str, Any]) -> list[str]:
    """What is wrong in front matter or a sidecar: a field of the wrong type, a date that
    does not exist. An empty list when it can be used.

    >>> metadata_problems({"areas": ["yala-bala"], "date": "5 มี.ค. 2565"})
    []
    >>> metadata_problems({"areas": 5, "date": "2022-13-45"})
    ["'areas' must be an area id or a list of area ids, not the number 5", "'date' is not a date: '2022-13-45' (month must be in 1..12)"]
    """
    problems = []
    for key in ("areas", "area"):
        value = meta.get(key)
        if value is None or isinstance(value, str):
            continue
        if not isinstance(value, list):
            problems.append(f"{key!r} must be an area id or a list of area ids, not {_described(value)}")
        elif bad := [v for v in value if not isinstance(v, str)]:
            problems.append(f"{key!r} must list area ids (text), not {_described(bad[0])}")
    for key in ("date", "date_end"):
        value = meta.get(key)
        if value in (None, "") or metadata_date(value) is not None:
            continue
        reason = ""
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value.strip())
            except ValueError as error:
                reason = f" ({error})" if "-" in value else ""
        problems.append(f"{key!r} is not a date: {value!r}{reason}")
    for key in _TEXT_FIELDS:
        value = meta.get(key)
        if isinstance(value, (dict, list, set, tuple)):
            problems.append(f"{key!r} must be text, not {_described(value)}")
    for key, value in meta.items():
        if any(isinstance(v, str) and _LONE_SURROGATE.search(v) for v in (value if isinstance(value, list) else [value])):
            problems.append(f"{key!r} holds half of a UTF-16 pair (an escape such as \\ud800), not text")
    return problems


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _described(value: Any) -> str:
    kinds = {bool: "true/false", int: "the number", float: "the number", dict: "a mapping", list: "a list"}
    kind = kinds.get(type(value), type(value).__name__)
    return f"{kind} {value!r}" if kind in ("the number", "true/false") else kind


def metadata_date(value: Any) -> str | None:
    """An ISO date from front matter: a YAML date or a string, in CE or Buddhist Era.

    >>> metadata_date(dt.date(2565, 3, 5)), metadata_date("2022-03-05"), metadata_date("5 มี.ค. 65")
    ('2022-03-05', '2022-03-05', '2022-03-05')
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            parsed = thai.parse_thai_date(value)
            return parsed[0] if parsed else None
    if isinstance(value, dt.date):
        if value.year >= 2400:  # a Buddhist-Era year
            value = value.replace(year=value.year - 543)
        return value.isoformat()
    return None


def _segments_with_sections(parsed: ParsedReport, segments: list[Segment]) -> list[Segment]:
    """The Thai layer's segments with their report section and speaker, plus one ``turn``
    segment per interview turn (unless the Thai layer already made that span a turn)."""
    result = []
    turns = sorted(parsed.turns, key=lambda t: t["start"])
    starts = [t["start"] for t in turns]
    for segment in segments:
        section = segment.section or parsed.section_at(segment.start)
        speaker = segment.speaker
        index = bisect.bisect_right(starts, segment.start) - 1  # the last turn starting before
        if index >= 0 and segment.start < turns[index]["end"]:
            speaker = turns[index].get("speaker_name") or turns[index]["speaker"]
        result.append(Segment(segment.start, segment.end, segment.text, segment.kind, section, speaker))
    have = {(s.start, s.end) for s in segments if s.kind == "turn"}
    for turn in turns:
        start, end = turn["start"], turn["end"]
        if (start, end) not in have:
            result.append(Segment(start, end, parsed.text[start:end], "turn",
                                  parsed.section_at(start), turn.get("speaker_name") or turn["speaker"]))
    return sorted(result, key=lambda s: (s.start, -s.end))

"""``synthesis tag FILE``: print what ``analyze`` makes of one file.

    synthesis tag report.txt            tokens separated by |, then segments and entities
    synthesis tag report.txt --json     one JSON object: text, tokens, segments, entities,
                                        changes and versions (offsets into "text")
    synthesis tag report.docx --pos     with part-of-speech tags

Files are read by the corpus readers (.txt .md .html .docx .pdf …, any Thai encoding); a
file that cannot be read gives a one-line error naming it and exit status 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    tag = subparsers.add_parser(
        "tag",
        help="tokenize, segment and tag one file",
        description="Normalize FILE and print its tokens, segments (headings, paragraphs, list "
        "items, turns, sentences) and entities, with character offsets into the normalized text.",
    )
    tag.add_argument("file", type=Path, metavar="FILE", help="a text, Markdown, HTML, Word or PDF file")
    tag.add_argument("--json", action="store_true", help="print one JSON object")
    tag.add_argument("--pos", action="store_true", help="add part-of-speech tags (slower)")
    tag.add_argument("--no-entities", action="store_true", help="skip entity tagging")
    tag.add_argument("--engine", default=None, help="word tokenizer engine (default: nlpo3)")
    tag.set_defaults(func=run_tag)


def read_any(path: Path) -> str:
    """The text of ``path``; ``ValueError`` naming the file when it cannot be read."""
    try:
        from synthesis.corpus.readers import ReadError, read_file
    except ImportError:  # the corpus part is optional for the text layer
        return _read_plain(path)
    try:
        return read_file(path).text
    except ReadError as error:
        raise ValueError(str(error)) from None


def _read_plain(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"{path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp874", errors="replace")


def doc_to_dict(doc: Any, versions: dict[str, str] | None = None) -> dict[str, Any]:
    """A ``ThaiDoc`` as plain lists of dicts, ready for JSON."""
    return {
        "text": doc.text,
        "tokens": [dataclasses.asdict(t) for t in doc.tokens],
        "segments": [dataclasses.asdict(s) for s in doc.segments],
        "entities": [dataclasses.asdict(e) for e in doc.entities],
        "changes": [dataclasses.asdict(c) for c in doc.changes],
        "versions": versions or {},
    }


def run_tag(args: argparse.Namespace) -> int:
    from synthesis.thai import analyze, versions
    from synthesis.thai.tokenize import DEFAULT_ENGINE

    try:
        text = read_any(args.file)
    except ValueError as error:
        print(f"synthesis tag: {error}", file=sys.stderr)
        return 1
    engine = args.engine or DEFAULT_ENGINE
    try:
        doc = analyze(text, pos=args.pos, entities=not args.no_entities, engine=engine)
    except ValueError as error:  # an unknown engine name
        print(f"synthesis tag: {error}", file=sys.stderr)
        return 2
    if args.json:
        payload = doc_to_dict(doc, versions(engine))
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
        return 0
    print("|".join(t.text if not t.pos else f"{t.text}/{t.pos}" for t in doc.tokens if not t.is_space))
    print()
    for s in doc.segments:
        who = f" [{s.speaker}]" if s.speaker else ""
        print(f"{s.kind:<10}{who} {s.start}-{s.end}  {_short(s.text)}")
    if doc.entities:
        print()
    for e in doc.entities:
        print(f"{e.label:<8} {e.start}-{e.end}  {e.text}  → {e.value}")
    return 0


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Recall of pseudonymization on the demo corpus: how many written name forms get replaced.

The demo writers listed every person and every form they wrote (``tests/data/demo_people``).
Measured three ways: in the files they listed (raw text), the same normalized, and every
person's forms in every file of the demo corpus (any format).
For each file and each form of a person in that file, every occurrence of the form in the
raw text counts once; it is *found* when a replaced span (``name_spans``) covers it. One- to
three-letter speaker labels count only where they are labels (a turn's ``ป:``, a legend's
``ป =``). The script also lists replaced spans that are in no writer's list (possible false
positives).

    .venv/bin/python bench/pseudonym_recall.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import yaml

import synthesis  # noqa: F401
from synthesis.privacy import PseudonymKey, build_key
from synthesis.privacy.redact import name_spans

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ROOT / "tests" / "data" / "demo_people"


def load_people(folder: Path = PEOPLE) -> list[dict]:
    """Every person of every writer's list, forms and files merged by name."""
    people: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            person = people.setdefault(entry["name"], {"name": entry["name"], "forms": set(), "files": set()})
            person["forms"].update(entry.get("forms", []))
            person["files"].update(entry.get("files", []))
    return list(people.values())


def occurrences(text: str, form: str) -> list[tuple[int, int]]:
    if len(form) <= 3 and not form.isascii():  # a speaker label
        label = re.escape(form)
        spans = [m.span(1) for m in re.finditer(rf"(?m)^[ \t]*({label})[ \t]*:", text)]
        spans += [m.span(1) for m in re.finditer(rf"(?m)(?:^|[\s,])({label})\s*=", text)]
        return spans
    return [m.span() for m in re.finditer(re.escape(form), text)]


def measure(people: list[dict], salt: str = "ab" * 32, normalized: bool = False, every_file: bool = False) -> dict:
    """Counts of name occurrences found and missed, and spans replaced outside the lists.

    ``normalized`` measures on the normalized texts the store and the reports use (the
    writers' forms normalized the same way); ``every_file`` looks for every person's forms in
    every file of the demo corpus, not only in the files the writers listed for them.
    """
    from synthesis.corpus.readers import is_supported, read_file  # .txt, .docx, .html, cp874 …

    if every_file:
        paths = [p for p in sorted((ROOT / "corpora" / "demo").rglob("*")) if p.is_file() and is_supported(p)]
        files = [str(p.relative_to(ROOT)) for p in paths]
        people = [{**person, "files": set(files)} for person in people]
    else:
        files = sorted({f for person in people for f in person["files"]})
    texts = {f: read_file(ROOT / f).text for f in files if (ROOT / f).is_file()}
    if normalized:
        from synthesis.thai.normalize import normalize_text

        texts = {f: normalize_text(t) for f, t in texts.items()}
        people = [{**p, "forms": {normalize_text(form) for form in p["forms"]}} for p in people]
    key = build_key(list(texts.items()), PseudonymKey.new("demo", salt=salt))
    name_spans("", key)
    began = time.perf_counter()
    spans = {f: name_spans(t, key, doc_id=f) for f, t in texts.items()}
    seconds = time.perf_counter() - began
    total = found = 0
    missed: dict[str, int] = {}
    for person in people:
        for f in sorted(person["files"] & texts.keys()):
            for form in person["forms"]:
                for start, end in occurrences(texts[f], form):
                    total += 1
                    if any(s.start <= start and end <= s.end for s in spans[f]):
                        found += 1
                    else:
                        where = f"{form!r} in {Path(f).name}"
                        missed[where] = missed.get(where, 0) + 1
    known = {form for person in people for form in person["forms"]}
    extra = sorted({s.text for f in texts for s in spans[f] if s.text not in known})
    return {"people": len(people), "total": total, "found": found, "missed": missed, "extra": extra,
            "files": len(texts), "chars": sum(map(len, texts.values())), "seconds": seconds}


def main() -> int:
    people = load_people()
    if not people:
        print("no name lists in tests/data/demo_people")
        return 1
    for normalized, every_file in ((False, False), (True, False), (False, True)):
        result = measure(people, normalized=normalized, every_file=every_file)
        recall = result["found"] / result["total"] if result["total"] else 1.0
        label = "every corpus file" if every_file else ("normalized texts" if normalized else "raw texts")
        print(f"{label}: files {result['files']}, people {result['people']}, "
              f"name occurrences {result['total']}, replaced {result['found']}: recall {recall:.4f}")
        print(f"  redaction speed (key built): {result['chars'] / result['seconds'] / 1e3:.0f} k chars/s")
        for where, count in sorted(result["missed"].items()):
            print(f"  missed ×{count}: {where}")
        print(f"  replaced spans not in the writers' lists ({len(result['extra'])}): {', '.join(result['extra'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``synthesis indicators``: the indicator model of each area, from the corpus.

    synthesis indicators --corpus corpora/demo --area yala-bala
    synthesis indicators --corpus corpora/demo --json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "indicators", help="indicators per area: baseline, target, values over time, with sources",
        description="The indicator model of each pilot area (or one): what is counted, baseline, "
                    "target (comparison, deadline, the document that set it), values reached, "
                    "contradictions flagged; every figure with its document and sentence.")
    parser.add_argument("--corpus", type=Path, required=True, help="corpus folder (ingested when needed)")
    parser.add_argument("--area", help="one area's id (slug)")
    parser.add_argument("--work", type=Path, help="the store folder (default work/<collection>)")
    parser.add_argument("--areas", type=Path, help="areas.yaml (default lessons/areas.yaml)")
    parser.add_argument("--json", action="store_true", help="JSON, one object per indicator")
    parser.set_defaults(func=run_indicators)


def run_indicators(args: argparse.Namespace) -> int:
    from synthesis.corpus import ingest, open_store
    from synthesis.corpus.areas import AreasError, load_areas
    from synthesis.facts.indicators import indicator_table
    from synthesis.paths import work_dir

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"synthesis indicators: corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    try:
        areas = load_areas(args.areas)
    except AreasError as error:
        print(f"synthesis indicators: {error}", file=sys.stderr)
        return 2
    if args.area and args.area not in {a.id for a in areas}:
        print(f"synthesis indicators: unknown area {args.area!r} (known: {', '.join(a.id for a in areas)})",
              file=sys.stderr)
        return 2
    store_dir = args.work or work_dir(corpus.name)
    ingest(corpus, work_dir=store_dir, areas_path=args.areas, progress=False)
    documents = open_store(store_dir).documents()
    chosen = [a for a in areas if not args.area or a.id == args.area]
    paths = dict(zip(documents["doc_id"], documents["path"])) if "path" in documents else {}

    def where(doc_id) -> str:  # a reader finds a file by its path, not by an id
        return paths.get(doc_id, _doc(doc_id)) if isinstance(doc_id, str) else "—"

    out = []
    for area in chosen:
        table = indicator_table(documents, area.id)
        if args.json:
            out += [{"area": area.id, **row} for row in json.loads(table.to_json(orient="records", force_ascii=False))]
            continue
        print(f"== {area.id} ({area.name_th})")
        if table.empty:
            print("   (no indicator found)")
        for row in table.itertuples(index=False):
            deadline = f", ภายใน {row.deadline}" if _text(row.deadline) else ""
            print(f"- {row.indicator} [{_text(row.unit) or '—'}]  ฐาน {_v(row.baseline)} ({where(row.baseline_doc)}) "
                  f"→ เป้า {_cmp(row.comparison)}{_v(row.target)} ({where(row.target_doc)} {_text(row.target_date)}"
                  f"{deadline}) → ล่าสุด {_v(row.latest)} ({where(row.latest_doc)} {_text(row.latest_date)}) · {row.status}")
            for line, mark in [(flag, "!") for flag in row.flags] + [(note, "·") for note in row.notes]:
                for doc_id, path in paths.items():
                    line = line.replace(doc_id, path) if doc_id in line else line
                print(f"    {mark} {line}")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def _text(value) -> str:
    """A field as text: empty for a missing one (None or NaN)."""
    return value if isinstance(value, str) else ""


def _doc(value) -> str:
    return value if isinstance(value, str) and value else "—"


def _v(value) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _cmp(comparison) -> str:
    return {">=": "≥", "<=": "≤"}.get(_text(comparison), "")

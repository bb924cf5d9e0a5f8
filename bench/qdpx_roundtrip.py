"""Speed of a REFI-QDA round trip on demo-sized data, as ratios to plain zipping the texts.

Builds a project from the demo texts (each repeated to reach ~5 MB) with one coding per
300 characters by two coders, then times: export (XML + zip), reading back (safe unzip +
parse), and mapping to our codings. The baseline is deflating the same texts into a zip.

    .venv/bin/python bench/qdpx_roundtrip.py
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pandas as pd

import synthesis  # noqa: F401
from synthesis.coding.codebook import parse_codebook
from synthesis.coding.codings import new_coding
from synthesis.corpus.document import make_doc_id, text_sha256
from synthesis.exchange.bridge import project_from_workbench, workbench_from_project
from synthesis.exchange.qdpx_read import read_qdpx
from synthesis.exchange.qdpx_write import write_qdpx

ROOT = Path(__file__).resolve().parents[1]
BOOK = parse_codebook('version: "1"\ncodes:\n  - {id: a, name_th: ก, name_en: A}\n  - {id: b, name_th: ข, name_en: B}\n')


def build(target_chars: int = 5_000_000):
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "corpora" / "demo").rglob("*.txt"))]
    rows, codings, total, n = [], [], 0, 0
    while total < target_chars:
        for text in texts:
            path = f"copies/{n:05d}.txt"
            doc_id = make_doc_id("bench", path)
            rows.append({"doc_id": doc_id, "path": path, "title": path, "text": text, "areas": []})
            sha = text_sha256(text)
            for start in range(0, max(len(text) - 40, 0), 300):
                for coder, code in (("coder_a", "a"), ("coder_b", "b")):
                    codings.append(new_coding(doc_id, start, start + 40, text[start:start + 40], sha, code, coder,
                                              created="2024-01-01T00:00:00Z"))
            total += len(text)
            n += 1
    return pd.DataFrame(rows), codings, total


def main() -> int:
    documents, codings, chars = build()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.qdpx"
        began = time.perf_counter()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for row in documents.itertuples():
                archive.writestr(row.path, row.text.encode("utf-8"))
        baseline = time.perf_counter() - began

        began = time.perf_counter()
        project = project_from_workbench(BOOK, codings, documents).project
        write_qdpx(project, path, schema=False)
        export = time.perf_counter() - began

        began = time.perf_counter()
        read = read_qdpx(path)
        reading = time.perf_counter() - began

        began = time.perf_counter()
        plan = workbench_from_project(read, "bench")
        mapping = time.perf_counter() - began
    assert len(plan.codings) == len(codings)
    print(f"{len(documents)} documents, {chars / 1e6:.1f} M chars, {len(codings)} codings")
    for name, seconds in (("export", export), ("read", reading), ("map to codings", mapping)):
        print(f"{name:>15}: {seconds:.2f} s = {seconds / baseline:.1f}× zipping the texts "
              f"({chars / seconds / 1e6:.1f} M chars/s, {len(codings) / seconds / 1e3:.0f} k codings/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Re-ingesting an unchanged corpus must cost at most 5% of the first ingest.

Builds a corpus of report-like files (the demo corpus copied N times, each copy with its own
file names and a line of its own so no two texts are equal), ingests it into a fresh store,
then ingests it again unchanged, and once more after touching one file. Prints the times and
the ratios measured in this one run.

    .venv/bin/python bench/ingest_reingest.py [--copies 10]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import synthesis  # noqa: F401  (offline PyThaiNLP set-up before anything else)
from synthesis.corpus import ingest
from synthesis.corpus.ingest import list_corpus_files

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.05


def build_corpus(target: Path, copies: int) -> tuple[int, int]:
    source = ROOT / "corpora" / "demo"
    files = [p for p in sorted(source.rglob("*")) if p.is_file() and not p.name.startswith(".")]
    count = size = 0
    for copy in range(copies):
        for path in files:
            relative = path.relative_to(source)
            out = target / f"copy{copy:03d}" / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix.lower() in (".txt", ".md"):
                text = path.read_text(encoding="utf-8", errors="replace")
                out.write_text(text + f"\nหมายเหตุ สำเนาที่ {copy}\n", encoding="utf-8")
            else:
                shutil.copyfile(path, out)
            count += 1
            size += out.stat().st_size
    return count, size


def timed(corpus: Path, work: Path):
    started = time.perf_counter()
    report = ingest(corpus, work_dir=work, progress=False)
    return time.perf_counter() - started, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the demo corpus (default 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench"
        work = Path(tmp) / "work"
        _, size = build_corpus(corpus, args.copies)
        files = len(list_corpus_files(corpus)[0])
        first, report = timed(corpus, work)
        assert not report.failed, report.summary()
        again, report = timed(corpus, work)
        assert len(report.unchanged) == files, report.summary()
        touched = next(p for p in sorted(corpus.rglob("*.txt")))
        touched.write_text(touched.read_text(encoding="utf-8") + "\nแก้ไขหนึ่งบรรทัด\n", encoding="utf-8")
        one, report = timed(corpus, work)
        assert len(report.changed) == 1, report.summary()
    print(f"corpus: {files} files, {size / 1e6:.1f} MB")
    print(f"first ingest          {first:8.2f} s")
    print(f"re-ingest, unchanged  {again:8.3f} s   ratio {again / first:.3f}  (goal <= {GOAL})")
    print(f"re-ingest, 1 changed  {one:8.3f} s   ratio {one / first:.3f}")
    return 0 if again / first <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())

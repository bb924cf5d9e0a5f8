"""Ingest at scale: cost per document and peak memory as the archive grows, re-ingest, --jobs 2,
Dask LocalCluster, and one area's report in a large store; all ratios measured in one run.

    .venv/bin/python bench/ingest_scale.py            # --quick (default): 1k and 10k documents
    .venv/bin/python bench/ingest_scale.py --full     # 1k, 10k and 100k documents
    .venv/bin/python bench/ingest_scale.py --sizes 500,2000   # any sizes, smallest first
    .venv/bin/python bench/ingest_scale.py --full --archives /tmp/archives  # keep the archives

The archives come from ``bench/make_archive.py`` (same seed): the larger ones hold the smaller
ones' files plus files of the other areas only, so the report's area (``--area``) is the
same in every store. ``--archives DIR`` builds them in DIR and reuses them next time.
Each ingest runs in a fresh child process that has imported the project and loaded the Thai
layer before the clock starts (for every engine alike), and reports its wall time, its CPU
time (its own plus its ended children's: pool and cluster workers) and its peak resident
memory (``ru_maxrss``). Per-document costs are CPU times, which the other load of a shared
machine moves less than wall times. ``--jobs 2`` and Dask (a LocalCluster of 2 worker
processes, once with its start-up and shut-down inside the clock, once already running and
warm) are compared with one-process runs made just before and after them, on the smallest
archive (or ``--parallel-size``). The report timings come after one warm-up report. Goals
(issue 9) are printed beside each ratio.

To measure one commit while others edit the tree (a change of the Thai layer or corpus code
makes a re-ingest rebuild everything), run it from an export of that commit:
``git archive HEAD | tar -x -C /tmp/snap``, then in /tmp/snap
``PYTHONPATH=src SYNTHESIS_HOME=. PYTHAINLP_DATA=<checkout>/work/pythainlp-data
<checkout>/.venv/bin/python bench/ingest_scale.py --full``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def child(arguments: dict) -> None:
    """Run in a child process: one ingest, then print its figures as JSON."""
    import resource

    import synthesis  # noqa: F401
    from synthesis.corpus import ingest
    from synthesis.corpus.batches import warm_up

    warm_up()
    engine, scheduler, cluster = arguments["engine"], None, None
    if engine == "dask-warm":  # the engine's own cluster, started before the clock: the ingest alone is timed
        from synthesis.corpus.dask_engine import local_cluster

        cluster = local_cluster(arguments["jobs"])  # workers with the Thai layer loaded
        engine, scheduler = "dask", cluster.scheduler_address
    before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    report = ingest(arguments["corpus"], work_dir=arguments["work"], progress=False,
                    jobs=arguments["jobs"], engine=engine, scheduler=scheduler)
    seconds = time.perf_counter() - started
    if cluster is not None:
        cluster.close()
    after = resource.getrusage(resource.RUSAGE_SELF)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # pool and cluster workers, once ended
    cpu = lambda usage: usage.ru_utime + usage.ru_stime  # noqa: E731
    print(json.dumps({
        "seconds": seconds,
        "cpu": cpu(after) - cpu(before) + cpu(children_after) - cpu(children_before),
        "cpu_self": cpu(after) - cpu(before),
        "rss_before_mb": before.ru_maxrss / 1024, "rss_peak_mb": after.ru_maxrss / 1024,
        "added": len(report.added), "unchanged": len(report.unchanged), "failed": len(report.failed),
    }))


def run_ingest(corpus: Path, work: Path, jobs: int = 1, engine: str = "local") -> dict:
    arguments = json.dumps({"corpus": str(corpus), "work": str(work), "jobs": jobs, "engine": engine})
    done = subprocess.run([sys.executable, __file__, "--child", arguments], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"ingest of {corpus} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def area_report_seconds(corpus: Path, work: Path, out: Path, area: str) -> float:
    from synthesis.reports.runner import plan_jobs, run_reports

    params = {"corpus_dir": str(corpus), "work_dir": str(work), "coder": "consensus",
              "date_from": "", "date_to": "", "redact": False}
    jobs = plan_jobs(corpus.name, [area], out, params, cross_area=False)
    started = time.perf_counter()
    results = run_reports(jobs, cwd=ROOT, workers=1)
    seconds = time.perf_counter() - started
    failed = [r.error for r in results if not r.ok]
    if failed:
        raise SystemExit(f"report failed: {failed}")
    return seconds


def machine() -> str:
    load = os.getloadavg()
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
            f"at {time.strftime('%H:%M:%S')}")


def archive(folder: Path, size: int, seed: int, area: str, hold_after: int) -> tuple[Path, float]:
    """The archive of ``size`` files in ``folder`` (built unless a finished one is there), its MB."""
    from make_archive import make_archive

    done = folder / ".complete"
    if done.is_file() and done.read_text() == f"{size} {seed} {area} {hold_after}":
        return folder, float(done.with_name(".megabytes").read_text())
    paths = make_archive(folder, size, seed, hold_area=area, hold_after=hold_after)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    done.with_name(".megabytes").write_text(f"{megabytes}")
    done.write_text(f"{size} {seed} {area} {hold_after}")
    return folder, megabytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k documents (the default)")
    parser.add_argument("--full", action="store_true", help="1k, 10k and 100k documents")
    parser.add_argument("--sizes", help="comma-separated archive sizes, smallest first")
    parser.add_argument("--area", default="yala-bala", help="the area of the report timing")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--parallel-size", type=int,
                        help="archive size of the --jobs 2 and Dask rows (one of the sizes; default the smallest)")
    parser.add_argument("--archives", type=Path, help="build the archives here and reuse them (default: a temp folder)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(json.loads(args.child))
        return 0
    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
             else [1000, 10_000, 100_000] if args.full else [1000, 10_000])
    print(f"machine: {machine()}", flush=True)
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="ingest-scale-") as tmp:
        tmp = Path(tmp)
        archives = args.archives or tmp
        small, large = sizes[0], sizes[-1]
        results, again, corpora = {}, {}, {}
        for size in sizes:
            corpus, megabytes = archive(archives / f"archive{size}", size, args.seed, args.area, small)
            corpora[size] = corpus
            results[size] = first = run_ingest(corpus, tmp / f"work{size}")
            assert first["added"] == size and not first["failed"], first
            print(f"ingested {size:>7,} documents ({megabytes:.0f} MB): {first['seconds']:.1f} s, "
                  f"{first['cpu']:.1f} s CPU, peak {first['rss_peak_mb']:.0f} MB; {machine()}", flush=True)
            for _ in range(3):  # right away: a code change in the shared tree re-ingests all
                again[size] = run_ingest(corpus, tmp / f"work{size}")
                print(f"  re-ingest: {again[size]['seconds']:.1f} s", flush=True)
                if again[size]["unchanged"] == size:
                    break
                print(f"  (re-ingest of {size:,} found changed code and rebuilt; again)", flush=True)
        base = results[small]
        for size in sizes:
            r = results[size]
            rows.append((f"ingest cost per document, {size:,} documents",
                         f"{r['seconds'] / size * 1000:.1f} ms wall, {r['cpu'] / size * 1000:.1f} ms CPU",
                         f"{(r['cpu'] / size) / (base['cpu'] / small):.2f}× (CPU)", "≤ 1.2× of 1k"))
            rows.append((f"peak memory (RSS), {size:,} documents",
                         f"{r['rss_peak_mb']:.0f} MB (+{r['rss_peak_mb'] - r['rss_before_mb']:.0f} MB over imports)",
                         f"{r['rss_peak_mb'] / base['rss_peak_mb']:.2f}×", "≤ 1.2× of 1k"))

        for size in sizes:
            rows.append((f"re-ingest unchanged vs first, {size:,} documents", f"{again[size]['seconds']:.1f} s",
                         f"{again[size]['seconds'] / results[size]['seconds']:.3f}×", "≤ 0.05×"))

        # Parallel runs against one-process runs just before and after them (the machine's
        # load changes; the faster one-process run is the base, so speed-ups are not flattered).
        size = args.parallel_size if args.parallel_size in corpora else small
        corpus = corpora[size]
        print(f"parallel runs on {size:,} documents; {machine()}", flush=True)
        before = run_ingest(corpus, tmp / "local-a")
        two = run_ingest(corpus, tmp / "jobs2", jobs=2)
        dask = run_ingest(corpus, tmp / "dask", jobs=2, engine="dask")
        warm = run_ingest(corpus, tmp / "dask-warm", jobs=2, engine="dask-warm")
        after = run_ingest(corpus, tmp / "local-b")
        print(f"parallel runs done; {machine()}", flush=True)
        one = min(before["seconds"], after["seconds"])
        base_cpu = min(before["cpu"], after["cpu"])
        cpu_note = lambda r: f"{r['cpu'] / base_cpu:.2f}× the CPU"  # noqa: E731  (all processes)
        rows.append((f"--jobs 1 (base of the next rows), {size:,} documents",
                     f"{before['seconds']:.1f} s and {after['seconds']:.1f} s", "1.00×", ""))
        rows.append((f"--jobs 2 vs --jobs 1, {size:,} documents", f"{two['seconds']:.1f} s, {cpu_note(two)}",
                     f"{one / two['seconds']:.2f}× faster", "≥ 1.7×"))
        rows.append((f"Dask LocalCluster 2 workers, start-up included, vs local, {size:,} documents",
                     f"{dask['seconds']:.1f} s, {cpu_note(dask)}",
                     f"{one / dask['seconds']:.2f}× faster", "≥ 1.5×"))
        rows.append((f"Dask, cluster already running and warm, vs local, {size:,} documents",
                     f"{warm['seconds']:.1f} s", f"{one / warm['seconds']:.2f}× faster", "≥ 1.5×"))

        import synthesis  # noqa: F401

        area_report_seconds(corpora[small], tmp / f"work{small}", tmp / "rep-warm", args.area)
        at_small = area_report_seconds(corpora[small], tmp / f"work{small}", tmp / "rep-small", args.area)
        at_large = area_report_seconds(corpora[large], tmp / f"work{large}", tmp / "rep-large", args.area)
        rows.append((f"one area report ({args.area}), {large:,} vs {small:,} documents",
                     f"{at_large:.1f} s vs {at_small:.1f} s", f"{at_large / at_small:.2f}×", "≤ 1.5×"))

    print(f"machine after: {machine()}")
    print()
    print(f"| {'measure':<62} | {'measured':<42} | {'ratio':<16} | goal |")
    print(f"|{'-' * 64}|{'-' * 44}|{'-' * 18}|------|")
    for measure, measured, ratio, goal in rows:
        print(f"| {measure:<62} | {measured:<42} | {ratio:<16} | {goal} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

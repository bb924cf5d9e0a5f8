"""Report speed: `synthesis report --all` on the demo corpus against papermill's floor.

Floor: the same number of trivial parameterized notebooks executed through papermill in one
process (a fresh kernel each, as papermill does), in the same run. Goal (issue 19): the real
reports, with the framework matrix, the graded cards and the review blocks, within 1.5× the
floor (two workers, the command's default), because the analysis reads the store instead of
recomputing. Then the corpus replicated ×20 (the other areas' copies grow, one area's report
should not): goal, one area's report time within 1.5×.

Each measure prints its wall time and the CPU time of every process involved (this one and
its kernels, which are its children); the machine's load average is printed at the start
and the end, since other tenants' work moves the seconds more than the ratios. The floor
is measured before and after the reports, and the ratios use the mean of the two.

    .venv/bin/python bench/report_speed.py            # one round
    .venv/bin/python bench/report_speed.py --rounds 3 # floor / 1 worker / 2 workers three times
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from synthesis.corpus import ingest  # noqa: E402
from synthesis.corpus.areas import load_areas  # noqa: E402
from synthesis.reports.runner import execute_notebook, plan_jobs, run_reports  # noqa: E402


class Clock:
    """Wall time and CPU time of this process and its finished children (the kernels)."""

    def __enter__(self) -> "Clock":
        self.wall = time.perf_counter()
        self.cpu = self._cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = self._cpu() - self.cpu

    @staticmethod
    def _cpu() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime


def floor(count: int, folder: Path) -> Clock:
    params = new_code_cell('area = "x"')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, new_code_cell("print(area)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    template = folder / "trivial.ipynb"
    nbformat.write(nb, template)
    with Clock() as clock:
        for i in range(count):
            execute_notebook(template, folder / f"out{i}.ipynb", {"area": f"a{i}"}, ROOT)
    return clock


def reports(corpus: Path, work: Path, out: Path, areas: list[str], workers: int,
            cross: bool = True) -> tuple[Clock, list]:
    ingest(corpus, work_dir=work, progress=False)
    params = {"corpus_dir": str(corpus), "work_dir": str(work), "coder": "consensus",
              "date_from": "", "date_to": "", "redact": False}
    jobs = plan_jobs(corpus.name, areas, out, params, cross_area=cross)
    with Clock() as clock:
        results = run_reports(jobs, cwd=ROOT, workers=workers)
    failed = [r.job.slug for r in results if not r.ok]
    if failed:
        raise SystemExit(f"reports failed: {failed}: {[r.error for r in results if not r.ok]}")
    return clock, results


def replicate(corpus: Path, target: Path, times: int, keep_area: str) -> None:
    """Copy the corpus ``times`` times; copies of files of ``keep_area`` are left out so that
    only the other areas grow."""
    for i in range(times):
        for file in corpus.rglob("*"):
            if file.is_file() and (i == 0 or keep_area not in file.name):
                dest = target / f"copy{i:02d}" / file.relative_to(corpus)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(file, dest)


def stages(results: list) -> str:
    """Mean seconds per stage over the reports of one run (kernel start: per kernel)."""
    starts = [r.timings["kernel start"] for r in results if "kernel start" in r.timings]
    parts = [f"kernel start+imports {statistics.mean(starts):.2f} s x{len(starts)}"] if starts else []
    for stage in ("execute", "render"):
        values = [r.timings[stage] for r in results if stage in r.timings]
        parts.append(f"{stage} {statistics.mean(values):.2f} s/report")
    return ", ".join(parts)


def row(name: str, clock: Clock, base: Clock | None, goal: str = "") -> None:
    """One measure: wall and CPU seconds, and both as a ratio of the floor's (on a shared
    machine the CPU ratio moves less with other tenants' load than the wall ratio)."""
    ratio = f"{clock.wall / base.wall:8.2f} {clock.cpu / base.cpu:8.2f}" if base else f"{1:8.2f} {1:8.2f}"
    print(f"{name:52} {clock.wall:7.1f} {clock.cpu:7.1f} {ratio}  {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1, help="repeat floor / 1 worker / 2 workers")
    parser.add_argument("--no-scale", action="store_true", help="skip the x20 replicated corpus")
    args = parser.parse_args()
    demo = ROOT / "corpora" / "demo"
    areas = [a.id for a in load_areas()]
    count = len(areas) + 2
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)")
    print(f"{'measure':52} {'wall s':>7} {'cpu s':>7} {'wall x':>8} {'cpu x':>8}  goal")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ratios_1, ratios_2 = [], []
        for round_ in range(args.rounds):
            before = floor(count, tmp)
            one, one_results = reports(demo, tmp / "work1", tmp / f"out1-{round_}", areas, workers=1)
            two, _ = reports(demo, tmp / "work1", tmp / f"out2-{round_}", areas, workers=2)
            after = floor(count, tmp)
            base = Clock()
            base.wall, base.cpu = (before.wall + after.wall) / 2, (before.cpu + after.cpu) / 2
            print(f"-- round {round_ + 1}")
            row(f"papermill floor: {count} trivial notebooks (before)", before, None)
            row("papermill floor (after the reports)", after, None)
            row(f"synthesis reports, 1 worker ({count} reports)", one, base)
            row("synthesis reports, 2 workers (the default)", two, base, "<= 1.5 x floor")
            print(f"   1 worker stages: {stages(one_results)}")
            ratios_1.append(one.wall / base.wall)
            ratios_2.append(two.wall / base.wall)
        if args.rounds > 1:
            print(f"-- median of {args.rounds} rounds: 1 worker {statistics.median(ratios_1):.2f} x floor, "
                  f"2 workers {statistics.median(ratios_2):.2f} x floor")
        if not args.no_scale:
            area = "songkhla-khae"
            single, _ = reports(demo, tmp / "work1", tmp / "out3", [area], workers=1, cross=False)
            big = tmp / "big"
            replicate(demo, big, 20, area)
            single_big, _ = reports(big, tmp / "work20", tmp / "out4", [area], workers=1, cross=False)
            print("-- one area's report")
            row("one area report, demo corpus", single, None)
            row("one area report, other areas x20", single_big, single, "<= 1.5 x")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

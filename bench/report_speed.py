"""Report speed: `synthesis report --all` on the demo corpus against papermill's floor.

Floor: the same number of trivial parameterized notebooks executed through papermill in one
process, in the same run. Goal: the real reports within 2× the floor, because the analysis
reads the store instead of recomputing. Then the corpus replicated ×20 (the other areas'
copies grow, one area's report should not): goal, one area's report time within 1.5×.
"""

from __future__ import annotations

import shutil
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
from synthesis.reports.runner import ReportJob, execute_notebook, plan_jobs, run_reports  # noqa: E402


def floor(count: int, folder: Path) -> float:
    params = new_code_cell('area = "x"')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, new_code_cell("print(area)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    template = folder / "trivial.ipynb"
    nbformat.write(nb, template)
    started = time.perf_counter()
    for i in range(count):
        execute_notebook(template, folder / f"out{i}.ipynb", {"area": f"a{i}"}, ROOT)
    return time.perf_counter() - started


def reports(corpus: Path, work: Path, out: Path, areas: list[str], workers: int, cross: bool = True) -> float:
    ingest(corpus, work_dir=work, progress=False)
    params = {"corpus_dir": str(corpus), "work_dir": str(work), "coder": "consensus",
              "date_from": "", "date_to": "", "redact": False}
    jobs = plan_jobs(corpus.name, areas, out, params, cross_area=cross)
    started = time.perf_counter()
    results = run_reports(jobs, cwd=ROOT, workers=workers)
    seconds = time.perf_counter() - started
    failed = [r.job.slug for r in results if not r.ok]
    if failed:
        raise SystemExit(f"reports failed: {failed}: {[r.error for r in results if not r.ok]}")
    return seconds


def replicate(corpus: Path, target: Path, times: int, keep_area: str) -> None:
    """Copy the corpus ``times`` times; copies of files of ``keep_area`` are left out so that
    only the other areas grow."""
    for i in range(times):
        for file in corpus.rglob("*"):
            if file.is_file() and (i == 0 or keep_area not in file.name):
                dest = target / f"copy{i:02d}" / file.relative_to(corpus)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(file, dest)


def main() -> None:
    demo = ROOT / "corpora" / "demo"
    areas = [a.id for a in load_areas()]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        count = len(areas) + 2
        floor_s = floor(count, tmp)
        one_proc = reports(demo, tmp / "work1", tmp / "out1", areas, workers=1)
        two_proc = reports(demo, tmp / "work1", tmp / "out2", areas, workers=2)
        area = "songkhla-khae"
        single = reports(demo, tmp / "work1", tmp / "out3", [area], workers=1, cross=False)
        big = tmp / "big"
        replicate(demo, big, 20, area)
        single_big = reports(big, tmp / "work20", tmp / "out4", [area], workers=1, cross=False)
    print(f"{'measure':58} {'seconds':>8} {'ratio':>8}  goal")
    print(f"{'papermill floor: ' + str(count) + ' trivial notebooks, one process':58} {floor_s:8.1f} {1:8.2f}")
    print(f"{'synthesis reports, 1 process (' + str(count) + ' reports)':58} {one_proc:8.1f} {one_proc / floor_s:8.2f}  <= 2.0 x floor")
    print(f"{'synthesis reports, 2 processes':58} {two_proc:8.1f} {two_proc / floor_s:8.2f}  (parallel)")
    print(f"{'one area report, demo corpus':58} {single:8.1f} {1:8.2f}")
    print(f"{'one area report, other areas x20':58} {single_big:8.1f} {single_big / single:8.2f}  <= 1.5 x")


if __name__ == "__main__":
    main()

"""Run the report notebooks through papermill's Python API, one output folder per report.

A report is a notebook template plus parameters. ``run_reports`` executes them through
papermill with one or more workers; each worker is a thread of this process with its own warm
kernel (``synthesis.reports.kernel.WarmKernel``) that runs report after report, reset in
between. The worker renders both HTML pages from the executed notebook in memory. One failing
report never stops the others: its executed notebook stays on disk for debugging, the failure
is returned, and its kernel is replaced for the next report.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from synthesis.paths import notebooks_dir, safe_name

log = logging.getLogger(__name__)

# What every report notebook imports: a worker's kernel imports it while it starts.
REPORT_MODULES = ("synthesis.reports.sections",)

# Which reports start first (the cross-area one is the longest, the overview the shortest).
RUN_ORDER = {"cross_area": 0, "area": 1, "corpus_overview": 2}

# Which notebook builds which kind of report: a registry, so a new report is one line.
TEMPLATES = {
    "area": "area_report.ipynb",
    "cross_area": "cross_area.ipynb",
    "corpus_overview": "corpus_overview.ipynb",
}


@dataclass(frozen=True)
class ReportJob:
    """One report to build: which template, with which parameters, into which folder."""

    kind: str
    slug: str
    parameters: dict[str, Any]
    out_dir: Path
    pdf: bool = False

    @property
    def template(self) -> Path:
        return notebooks_dir() / TEMPLATES[self.kind]


@dataclass
class ReportResult:
    job: ReportJob
    ok: bool
    seconds: float
    files: dict[str, Path] = field(default_factory=dict)
    error: str | None = None
    warning: str | None = None
    # seconds per stage: "kernel start" (when this report started one), "execute", "render"
    timings: dict[str, float] = field(default_factory=dict)


def plan_jobs(collection: str, area_ids: Iterable[str], reports_root: Path,
              parameters: dict[str, Any], *, cross_area: bool = True, pdf: bool = False) -> list[ReportJob]:
    """The report jobs for some areas of a collection, plus the collection-wide reports.

    Output folders are ``<reports_root>/<slug>/``; slugs are sanitised so nothing is written
    outside ``reports_root``.

    >>> jobs = plan_jobs("demo", ["songkhla-khae"], Path("/tmp/r"), {}, cross_area=False)
    >>> jobs[0].out_dir
    PosixPath('/tmp/r/songkhla-khae')
    """
    jobs = [
        ReportJob("area", safe_name(area), {**parameters, "collection": collection, "area": area,
                                            "report_dir": shown_path(reports_root / safe_name(area))},
                  reports_root / safe_name(area), pdf)
        for area in area_ids
    ]
    if cross_area:
        for kind, slug in (("cross_area", "cross-area"), ("corpus_overview", "overview")):
            jobs.append(ReportJob(kind, slug, {**parameters, "collection": collection,
                                               "report_dir": shown_path(reports_root / slug)},
                                  reports_root / slug, pdf))
    return jobs


def shown_path(path: Path) -> str:
    """A path as a report's parameters show it: relative to the project when inside it (the
    notebooks run there), else as it is.

    >>> from synthesis.paths import project_root
    >>> shown_path(project_root() / "reports" / "demo")
    'reports/demo'
    """
    from synthesis.paths import project_root

    try:
        return Path(path).resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def execute_notebook(template: Path, output: Path, parameters: dict[str, Any], cwd: Path) -> None:
    """Execute ``template`` with ``parameters`` into ``output`` (papermill, in this process,
    in a fresh kernel: what the plain ``papermill`` command does)."""
    import papermill

    output.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(template), str(output), parameters=parameters, kernel_name="python3",
        progress_bar=False, log_output=False, cwd=str(cwd),
        # the kernel's own start-up log (a transport warning) is noise on the user's terminal
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    )


def run_job(job: ReportJob, kernel) -> ReportResult:
    """Execute (in ``kernel``, a ``WarmKernel``) and render one report; failures are caught
    and described, never raised."""
    return finish_job(*execute_job(job, kernel))


def execute_job(job: ReportJob, kernel) -> tuple[ReportResult, Any]:
    """The first half of :func:`run_job`: execute the notebook; returns the result so far
    and the executed notebook (None when it failed)."""
    started = time.perf_counter()
    starting = kernel.start_seconds
    executed = job.out_dir / "notebook.ipynb"
    result = ReportResult(job, ok=False, seconds=-started, files={"notebook": executed})
    notebook = None
    try:
        notebook = kernel.execute(job.template, executed, job.parameters)
    except Exception as error:  # noqa: BLE001 — one report must never stop the others
        result.error = _describe(error)
    if kernel.start_seconds > starting:
        result.timings["kernel start"] = kernel.start_seconds - starting
    result.timings["execute"] = time.perf_counter() - started - result.timings.get("kernel start", 0.0)
    return result, notebook


def finish_job(result: ReportResult, notebook) -> ReportResult:
    """The second half of :func:`run_job`: both HTML pages (and the PDF when asked) from the
    executed notebook in memory."""
    from synthesis.reports.pdf import PdfUnavailable, html_to_pdf
    from synthesis.reports.render import write_html

    job = result.job
    rendering = time.perf_counter()
    if notebook is not None:
        try:
            result.files["html"] = write_html(notebook, job.out_dir / "report.html", show_code=False)
            result.files["review"] = write_html(notebook, job.out_dir / "review.html", show_code=True)
            result.ok = True
        except Exception as error:  # noqa: BLE001
            result.error = _describe(error)
    result.timings["render"] = time.perf_counter() - rendering
    if result.ok and job.pdf:
        try:
            result.files["pdf"] = html_to_pdf(result.files["html"], job.out_dir / "report.pdf")
        except PdfUnavailable as missing:
            result.warning = str(missing)
        except Exception as error:  # noqa: BLE001
            result.warning = f"PDF not made: {error}"
    result.seconds += time.perf_counter()
    return result


def _describe(error: Exception) -> str:
    name = type(error).__name__
    if name == "PapermillExecutionError":  # the cell's own error, not papermill's wrapper
        return f"{error.ename}: {error.evalue}"
    return "".join(traceback.format_exception_only(error)).strip()


def run_reports(jobs: list[ReportJob], *, cwd: Path, workers: int = 1,
                on_done: Callable[[ReportResult], None] | None = None) -> list[ReportResult]:
    """Run all jobs with ``workers`` warm kernels; results come back in the order of ``jobs``.

    Workers take the next job when they finish one, so a long report does not hold up the
    short ones behind it. Each worker renders a report's HTML in a second thread while its
    kernel already executes the next notebook.
    """
    import os
    import tempfile

    from synthesis.reports.inputs import RUN_FOLDER_VARIABLE
    from synthesis.reports.kernel import WarmKernel
    from synthesis.reports.render import warm_up

    results: dict[int, ReportResult] = {}
    # what one kernel builds from the collection (details, matrix, agreement) the others read
    run_folder = tempfile.TemporaryDirectory(prefix="synthesis-reports-")
    environment = {**os.environ, RUN_FOLDER_VARIABLE: run_folder.name}
    # longest first, so that no worker is left with a long report at the end
    pending = sorted(enumerate(jobs), key=lambda item: RUN_ORDER.get(item[1].kind, 1))
    lock = threading.Lock()

    def finish(index: int, result: ReportResult, notebook) -> None:
        try:
            finish_job(result, notebook)
        except BaseException as error:  # noqa: BLE001 — recorded, never lost in a thread
            result.ok, result.error = False, _describe(error)
        with lock:
            results[index] = result
            if on_done:
                on_done(result)

    def work() -> None:
        try:
            run_worker()
        except Exception:  # noqa: BLE001 — its jobs are reported as not run
            log.exception("report worker stopped")

    def run_worker() -> None:
        with WarmKernel(cwd, preload=REPORT_MODULES, environment=environment) as kernel, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-render") as renderer:
            renderer.submit(warm_up)  # nbconvert's templates load while the kernel starts
            while True:
                with lock:
                    if not pending:
                        return
                    index, job = pending.pop(0)
                renderer.submit(finish, index, *execute_job(job, kernel))

    threads = [threading.Thread(target=work, name=f"report-worker-{n}", daemon=True)
               for n in range(max(1, min(workers, len(jobs))) - 1)]
    for thread in threads:
        thread.start()
    try:
        work()  # this thread is a worker too
        for thread in threads:
            thread.join()
    finally:
        run_folder.cleanup()
    for index, job in enumerate(jobs):  # a worker that broke down (its kernel would not start…)
        if index not in results:
            results[index] = ReportResult(job, ok=False, seconds=0.0, error="not run: its worker stopped",
                                          files={"notebook": job.out_dir / "notebook.ipynb"})
    return [results[index] for index in range(len(jobs))]

"""One warm Python kernel that runs many report notebooks through papermill.

Starting a kernel and importing pandas, matplotlib and ``synthesis`` costs more than most
report sections, so a worker starts one kernel and runs all its reports in it. papermill
still executes every notebook (parameters injected, cells run and recorded as usual), through
a small engine registered in papermill's engine registry: the stock nbclient engine, given the
already started kernel instead of starting one.

Between two notebooks the kernel is put back as a fresh one would be
(``synthesis.reports.kernel_state.restore``), so a report never sees the previous one's
variables. A kernel that died, or one whose notebook failed, is replaced by a new kernel
for the next report.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

ENGINE_NAME = "synthesis-warm-kernel"
KERNEL_ARGUMENTS = (
    # the kernel's own start-up log (a transport warning) is noise on the user's terminal
    "--IPKernelApp.log_level=CRITICAL",
    # as nbclient does for the kernels it starts: no history file shared between kernels
    "--HistoryManager.hist_file=:memory:",
)
# The first import of kernel_state takes the snapshot; restore() also clears the names the
# code itself bound, so the first notebook finds an empty namespace as well.
RESET_CODE = "import synthesis.reports.kernel_state as _state; _state.restore()"

log = logging.getLogger(__name__)


class WarmKernelEngine(NBClientEngine):
    """papermill's nbclient engine, run in a kernel the caller started (``km=``) through
    the caller's connected client (``kc=``): neither is started nor stopped here.

    When the execution itself breaks (a dead kernel, not an error in a cell: papermill saves
    those), the partly executed notebook is written to ``save_failed_to`` for debugging.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, *, km, kc, save_failed_to=None,
                                 log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, **kwargs):
        for unused in ("input_path", "timeout", "startup_timeout"):
            kwargs.pop(unused, None)
        client = PapermillNotebookClient(
            nb_man, km=km, kernel_name=kernel_name, timeout=execution_timeout,
            startup_timeout=start_timeout, log=log, log_output=log_output,
            stdout_file=stdout_file, stderr_file=stderr_file, **kwargs)
        # A connected client: nbclient then skips connecting one (≈ 0.2 s of waiting for
        # the kernel's first messages) and, not owning the kernel, leaves both running.
        client.kc = kc
        try:
            return client.execute()
        except Exception:
            if save_failed_to:
                nbformat.write(nb_man.nb, str(save_failed_to))
            raise


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)


class WarmKernel:
    """A kernel that executes notebooks one after another, reset in between.

    >>> # with WarmKernel(project_root()) as kernel:
    >>> #     kernel.execute(Path("notebooks/area_report.ipynb"), Path("out.ipynb"), {"area": "yala-bala"})
    """

    def __init__(self, cwd: Path, kernel_name: str = "python3", reset_timeout: float = 60,
                 preload: tuple[str, ...] = (), environment: dict[str, str] | None = None):
        self.cwd = Path(cwd)
        self.environment = environment  # the kernel's environment variables (default: ours)
        self.kernel_name = kernel_name
        self.preload = preload  # modules every notebook imports: imported once, at start
        self.reset_timeout = reset_timeout
        self.km: AsyncKernelManager | None = None
        self.kc = None  # the one client connected to the kernel, for papermill and resets
        self.used = False  # a notebook ran since the kernel started
        self.starts = 0  # how many kernels this object started (tests and benchmarks read it)
        self.start_seconds = 0.0  # time spent starting them, preloads included

    def __enter__(self) -> WarmKernel:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()

    def execute(self, template: Path, output: Path, parameters: dict[str, Any]) -> nbformat.NotebookNode:
        """Execute ``template`` with ``parameters`` into ``output`` through papermill and
        return the executed notebook. Raises what papermill raises; the kernel is then
        replaced before the next notebook."""
        import papermill

        self._ready()
        self.used = True
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            return papermill.execute_notebook(
                str(template), str(output), parameters=parameters, engine_name=ENGINE_NAME,
                kernel_name=self.kernel_name, km=self.km, kc=self.kc, save_failed_to=output,
                # one write at the end instead of two per cell (papermill also writes the
                # notebook when a cell fails; the engine when the kernel dies)
                request_save_on_cell_execute=False, progress_bar=False, log_output=False,
            )
        except BaseException:
            self.shutdown()  # whatever the notebook left behind, the next one starts clean
            raise

    def _ready(self) -> None:
        """A live kernel with a clean namespace: start one, or reset the one we have."""
        if self.km is not None and not run_sync(self.km.is_alive)():
            self.shutdown()
        if self.km is None:
            self._start()
        elif self.used and not self._run_silently(RESET_CODE):
            self.shutdown()
            self._start()

    def _start(self) -> None:
        started = time.perf_counter()
        try:
            self._start_kernel()
        finally:
            self.start_seconds += time.perf_counter() - started

    def _start_kernel(self) -> None:
        km = AsyncKernelManager(kernel_name=self.kernel_name)
        options = {"env": dict(self.environment)} if self.environment is not None else {}
        run_sync(km.start_kernel)(extra_arguments=list(KERNEL_ARGUMENTS), cwd=str(self.cwd), **options)
        self.km, self.used = km, False
        self.kc = km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=self.reset_timeout)
        self.starts += 1
        code = "\n".join([*(f"import {module}" for module in self.preload), RESET_CODE])
        if not self._run_silently(code):
            self.shutdown()
            raise RuntimeError(f"the report kernel could not import {', '.join(self.preload) or 'synthesis'} "
                               f"(cwd {self.cwd})")

    def _run_silently(self, code: str) -> bool:
        """Run ``code`` in the kernel, outside the history; True when it succeeded."""
        assert self.kc is not None
        try:
            reply = run_sync(self.kc.execute_interactive)(
                code, silent=True, store_history=False, allow_stdin=False,
                timeout=self.reset_timeout, output_hook=lambda msg: None)
            return reply["content"]["status"] == "ok"
        except (TimeoutError, RuntimeError) as error:
            log.warning("report kernel did not answer (%s); starting a new one", error)
            return False

    def shutdown(self) -> None:
        """Stop the kernel (if any); the next ``execute`` starts a new one."""
        km, self.km = self.km, None
        kc, self.kc = self.kc, None
        if kc is not None:
            kc.stop_channels()
        if km is None:
            return
        try:
            if run_sync(km.is_alive)():
                run_sync(km.shutdown_kernel)(now=False)
        except Exception as error:  # noqa: BLE001 — a kernel that will not stop is killed
            log.warning("report kernel did not shut down cleanly: %s", error)
            try:
                run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001
                pass
        finally:
            run_sync(km.cleanup_resources)()

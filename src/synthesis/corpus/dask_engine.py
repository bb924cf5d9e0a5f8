"""The Dask engine: ingest batches as tasks on a ``LocalCluster`` or on an existing cluster.

Workers load the Thai layer once, when they join (:class:`WarmUp`, a worker plugin), and
write each batch's rows to spill files in the new store's folder themselves: a task sends
back only its files' outcomes and small term counts, so neither the network nor the
client's process carries the rows (a worker that cannot see that folder sends them).

A new ``LocalCluster`` on Linux forks its workers from this process, which has already
imported the project and loaded the Thai layer: they start in a fraction of a second
instead of the seconds that spawning a fresh interpreter and importing everything again
takes. Elsewhere, or with ``SYNTHESIS_DASK_START=spawn``, they are spawned (Dask's default);
forked workers that fail to start are replaced by spawned ones.

>>> start_method() in ("fork", "spawn")
True
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Iterable, Iterator

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from synthesis.corpus.batches import BatchJob, BatchResult, run_batch, warm_up

IN_FLIGHT_PER_WORKER = 4  # results are small (rows go to spill files): keep workers busy
FORK_START_SECONDS = 30
logger = logging.getLogger(__name__)


class WarmUp(WorkerPlugin):
    """Load the Thai layer when a worker starts or joins, before its first batch."""

    name = "synthesis-thai-warm-up"

    def setup(self, worker) -> None:
        warm_up()


def start_method() -> str:
    """How a new LocalCluster starts its worker processes: ``fork`` on Linux, else ``spawn``."""
    wanted = os.environ.get("SYNTHESIS_DASK_START")
    if wanted in ("fork", "spawn", "forkserver"):
        return wanted
    return "fork" if sys.platform.startswith("linux") else "spawn"


def local_cluster(workers: int) -> LocalCluster:
    """A LocalCluster of ``workers`` single-threaded processes, on loopback, no dashboard.

    Forked workers that do not come up within :data:`FORK_START_SECONDS` (a library's lock
    held by another thread at the fork would do that) are replaced by spawned ones.
    """
    method = start_method()
    if method != "fork":
        return start_cluster(workers, method)
    warm_up()  # in this process, so that every forked worker starts with it loaded
    try:
        return start_cluster(workers, "fork", death_timeout=FORK_START_SECONDS)
    except Exception as error:  # noqa: BLE001 - any failure to start: try the slow, safe way
        logger.warning("forked Dask workers did not start (%s); spawning fresh ones", error)
        return start_cluster(workers, "spawn")


# On a few cores, Dask's own bookkeeping competes with the batches: its statistical profiler
# samples each worker's task thread 100 times a second (and takes the GIL to do so), and its
# monitors poll every 20-500 ms. A local cluster needs none of that at those rates.
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


def start_cluster(workers: int, method: str, **worker_options) -> LocalCluster:
    import dask

    with dask.config.set({**QUIET, "distributed.worker.multiprocessing-method": method}):
        return LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address=None, **worker_options)


def run_dask(jobs: Iterable[BatchJob], workers: int = 2, scheduler: str | None = None) -> Iterator[BatchResult]:
    """Batches as Dask tasks on the cluster at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``),
    or on a new ``LocalCluster`` of ``workers`` processes; results in job order.

    Every worker must see the corpus folder at the same path and have ``synthesis`` installed;
    workers that also see the store's folder write their rows there.
    """
    from synthesis.corpus.parallel import ordered

    cluster = None if scheduler else local_cluster(workers)
    client = Client(scheduler or cluster)
    try:
        client.register_plugin(WarmUp())  # every worker, and any that joins later
        window = max(1, len(client.scheduler_info().get("workers", {})) or workers) * IN_FLIGHT_PER_WORKER
        yield from ordered(lambda job: client.submit(run_batch, job, pure=False),
                           lambda future: future.result(), jobs, window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

"""Engines that run ingest batches: in this process, in a process pool, or as Dask tasks.

Each engine maps :func:`synthesis.corpus.batches.run_batch` over the batch jobs and yields the
results **in job order**, with at most a few batches in flight, so the store written from
them is the same whatever the engine, and memory stays bounded.

>>> sorted(ENGINES)
['dask', 'local']
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable, Iterator

from synthesis.corpus.batches import BatchJob, BatchResult, run_batch, warm_up

IN_FLIGHT_PER_WORKER = 4  # results are small (rows go to spill files): keep workers busy


def ordered(submit: Callable[[BatchJob], object], result: Callable[[object], BatchResult],
             jobs: Iterable[BatchJob], window: int) -> Iterator[BatchResult]:
    """Submit jobs ahead up to ``window`` pending, yield their results in order."""
    pending: deque = deque()
    for job in jobs:
        pending.append(submit(job))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def run_local(jobs: Iterable[BatchJob], workers: int = 1, scheduler: str | None = None) -> Iterator[BatchResult]:
    """One process (``workers=1``) or a pool of processes, each loading the Thai layer once."""
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    if workers <= 1:
        for job in jobs:
            yield run_batch(job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start at once with the parent's imports (the Thai layer still warms up in
    # each, once); the pool is private to this call, so no thread state is shared with it.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=warm_up) as pool:
        yield from ordered(lambda job: pool.submit(run_batch, job), lambda f: f.result(),
                            jobs, workers * IN_FLIGHT_PER_WORKER)


def run_dask(jobs: Iterable[BatchJob], workers: int = 2, scheduler: str | None = None) -> Iterator[BatchResult]:
    """Batches as Dask tasks: see :mod:`synthesis.corpus.dask_engine` (imported only when used)."""
    try:
        from synthesis.corpus.dask_engine import run_dask as run
    except ImportError as error:  # pragma: no cover - dask is a dependency
        raise RuntimeError("--engine dask needs dask[distributed] (pip install 'dask[distributed]')") from error
    yield from run(jobs, workers, scheduler)


ENGINES: dict[str, Callable[..., Iterator[BatchResult]]] = {"local": run_local, "dask": run_dask}

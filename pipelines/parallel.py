"""Per-release work (parsing, extraction) spread over the machine's cores, batch by batch, results in input order.

Parsing and extraction are pure Python and CPU-bound, so one process uses one core however many the machine has.
Batches go to worker processes forked from a server that imported the worker's module once; at most two batches per
worker are in flight, so memory stays flat. Small runs (an incremental run adding a few releases) stay in-process:
starting workers would cost more than it saves. The caller writes each result to DuckDB, in order, as it arrives.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_BATCHES_FOR_WORKERS = 3  # below this, worker start-up (a second or two each) outweighs the gain


def worker_count() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_batches(func: Callable[[T], R], batches: Iterable[T], *, min_batches: int = MIN_BATCHES_FOR_WORKERS
                ) -> Iterator[R]:
    """`func(batch)` for every batch, in order: in worker processes when there are `min_batches` batches or more
    and cores to spare. `func` must be a module-level function (workers import its module); batches are produced
    lazily, and only the first `min_batches` are looked at before deciding."""
    batches = iter(batches)
    first = list(itertools.islice(batches, min_batches))
    workers = worker_count()
    if workers < 2 or len(first) < min_batches:
        yield from map(func, itertools.chain(first, batches))
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([func.__module__])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[R]] = deque()
        for batch in itertools.chain(first, batches):
            pending.append(pool.submit(func, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

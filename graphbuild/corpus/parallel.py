"""Ordered parallel map with bounded memory, for ``--jobs N``.

Documents are read lazily in the main process, sent to worker processes in
chunks, and results come back in input order, so output is identical for
any ``N``.  At most ``window`` chunks are in flight: memory stays bounded
however large the input.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:                 # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _run_chunk(func, chunk):
    return [func(item) for item in chunk]


def _init(initializer, kwargs):
    initializer(**kwargs)


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int = 1, chunk_size: int = 64,
                window_per_job: int = 4, initializer=None, initkwargs=None) -> Iterator[R]:
    """``map(func, items)`` over ``jobs`` processes, in order, with bounded memory.

    ``func`` must be picklable (a module-level function); ``initializer(**initkwargs)``
    runs once in every worker (e.g. to hand it a catalog).
    """
    initkwargs = initkwargs or {}
    if jobs <= 1:
        if initializer:
            initializer(**initkwargs)
        for item in items:
            yield func(item)
        return
    iterator = iter(items)
    init = (_init, (initializer, initkwargs)) if initializer else (None, ())
    with ProcessPoolExecutor(max_workers=jobs, initializer=init[0], initargs=init[1]) as pool:
        pending: deque = deque()
        window = jobs * window_per_job
        while True:
            while len(pending) < window:
                chunk = list(islice(iterator, chunk_size))
                if not chunk:
                    break
                pending.append(pool.submit(_run_chunk, func, chunk))
            if not pending:
                break
            yield from pending.popleft().result()

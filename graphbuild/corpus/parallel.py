"""Ordered parallel map with bounded memory, for ``--jobs N``.

Documents are read lazily in the main process, sent to worker processes in
chunks, and results come back in input order, so output is identical for
any ``N``.  At most ``window`` chunks are in flight: memory stays bounded
however large the input.

Workers never outlive the main process: on Linux the kernel sends them SIGKILL
when it dies (``PR_SET_PDEATHSIG``), elsewhere a watchdog thread notices the new
parent.  SIGTERM or SIGINT to the main process kills the workers at once and
raises :class:`Interrupted`, which the CLI turns into exit code 143 or 130.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
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


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived: a BaseException, so no ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum
        self.exit_code = 128 + signum          # 143 for SIGTERM, 130 for SIGINT


_POOLS: set = set()                         # live pools, for the signal handler


def _kill_workers(pool) -> None:
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass


def _on_signal(signum, frame) -> None:
    for pool in list(_POOLS):
        _kill_workers(pool)                         # first, so none is left if the raise is caught late
    raise Interrupted(signum)


def install_signal_handlers() -> None:
    """SIGTERM and SIGINT raise :class:`Interrupted` in the main thread (call it from there)."""
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _on_signal)


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Run in every worker: end when the process that started it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C: the parent stops us, no tracebacks
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:       # it died before prctl: nobody will signal us
                    os._exit(1)
                return
        except (OSError, AttributeError):        # pragma: no cover - no libc: use the watchdog
            pass
    threading.Thread(target=_watchdog, args=(parent,), daemon=True).start()


def _watchdog(parent: int, every: float = 0.2) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _run_chunk(func, chunk):
    return [func(item) for item in chunk]


def _init(parent, initializer, kwargs):
    _die_with_parent(parent)
    if initializer:
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
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init,
                               initargs=(os.getpid(), initializer, initkwargs))
    _POOLS.add(pool)
    try:
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
    except BaseException:                   # an error, Interrupted, or the consumer stopped early
        _kill_pool(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        _POOLS.discard(pool)


def _kill_pool(pool) -> None:
    """Stop at once: no waiting for the chunks in flight, nor for the pool's own threads
    (a signal may have interrupted one of its locked sections)."""
    _kill_workers(pool)
    pool.shutdown(wait=False, cancel_futures=True)

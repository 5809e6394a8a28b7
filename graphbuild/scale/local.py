"""``--jobs N`` on one machine with workers that read their own share of the input.

:func:`map_items` is ``map(func, iter_items(paths))`` over ``jobs`` processes: the reading
process only plans (it counts the newlines of plain JSONL files, and inflates gzip corpora
once, handing each worker its block of lines in one message), the workers read, decode and
process their share and send back only their results; results and problems come out in
input order, so the output is the same for any ``jobs``.  At most ``2 * jobs`` shares are in
flight: memory stays bounded however large the input.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from graphbuild.corpus.inputs import InputProblem, iter_items
from graphbuild.corpus.parallel import ordered_map
from graphbuild.scale.shares import EmptyCorpus, Share, iter_shares, share_items

SHARE_BYTES = 4 * 2**20


def map_items(func: Callable, paths: Iterable[str], report: Callable[[InputProblem], None], jobs: int = 1,
              initializer=None, initkwargs=None, share_bytes: int = SHARE_BYTES, stdin_format: str = "auto",
              progress: Callable[[int], None] | None = None) -> Iterator:
    """``func(item)`` for every raw item of ``paths``, in input order; every input problem goes to
    ``report`` in the order one process meets it.  ``func`` must be picklable (module level).
    Standard input (``"-"``, read as ``stdin_format`` says) is read by this process, one item
    at a time, with ``jobs`` workers.  ``progress`` is called with the input bytes of each item."""
    paths = list(paths)
    if "-" in paths or jobs <= 1:
        items = _counted(iter_items(paths, report, stdin_format=stdin_format), progress)
        yield from ordered_map(func, items, jobs, initializer=initializer, initkwargs=initkwargs)
        return
    empty = EmptyCorpus()
    shares = ((func, share) for share in iter_shares(paths, share_bytes, gzip="data"))
    for share, entries, records in ordered_map(_share_results, shares, jobs, chunk_size=1, window_per_job=2,
                                               initializer=initializer, initkwargs=initkwargs):
        for problem, result, size in entries:
            if progress is not None and size:
                progress(size)
            if problem is not None:
                report(problem)
            else:
                yield result
        problem = empty.problem(share, records)
        if problem is not None:
            report(problem)


def _share_results(job: tuple[Callable, Share]):
    """In a worker: ``(share without its data, [(problem, None, 0) | (None, result, input bytes)],
    records)``."""
    func, share = job
    entries: list = []
    records = 0
    for item in share_items(share, lambda problem: entries.append((problem, None, 0))):
        records += 1
        entries.append((None, func(item), len(item.data)))
    if share.data:
        share = Share(share.kind, share.path, share.key, share.start, share.end, share.first_line,
                      share.last_line, share.size, share.last, b"", share.error)
    return share, entries, records


def _counted(items, progress):
    if progress is None:
        yield from items
        return
    for item in items:
        progress(len(item.data))
        yield item

"""Extraction on a Dask cluster: the parser and the relation finder mapped over partitions
of a corpus, each worker writing its part of the Parquet tables.

    from dask.distributed import Client, LocalCluster
    from graphbuild.scale.dask import extract_tables
    from graphbuild import build_from_tables

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        report = extract_tables(client, ["corpus/"], "out/tables")
    g = build_from_tables("out/tables")          # = graphbuild build corpus/ (same graph)

On a real cluster only the client changes: ``Client("tcp://scheduler:8786")``, with the
corpus and the output folder on storage every worker sees (a shared file system).

The tables are those of ``graphbuild build`` (``documents``, ``mentions``, ``relations``;
``mode="extract"``: ``citations``, those of ``graphbuild extract --format parquet``), as
folders of ``part-NNNNN.parquet`` files, one per partition, whose rows in part order are the
rows one process writes, row for row.  Workers read their own share of the input
(:mod:`graphbuild.scale.shares`); a worker plugin builds the tokenizer and receives the
catalog once per worker process, not per task; tasks send back only counts and problems.

Dask rather than Spark: graphbuild is Python end to end, and Dask runs Python functions on
Python workers with no JVM, no Py4J serialisation of every row and no second runtime to
install in CI (``pip install "dask[distributed]"``); a ``LocalCluster`` of 2 processes
starts in about a second.  Spark reads the Parquet output as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from graphbuild.api import PathLike, load_catalog
from graphbuild.corpus.inputs import InputError, InputProblem
from graphbuild.resolve.catalog import Catalog
from graphbuild.scale import tasks
from graphbuild.scale.shares import PARTITION_BYTES, EmptyCorpus, plan
from graphbuild.tables.parquet import remove_parts

try:
    from distributed import WorkerPlugin
except ImportError:                     # pragma: no cover - dask is an optional extra
    WorkerPlugin = object


class GraphbuildPlugin(WorkerPlugin):
    """Sets every worker up once: the tokenizer built, the catalog kept (see
    :func:`graphbuild.scale.tasks.setup_worker`)."""

    name = "graphbuild"

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def setup(self, worker=None) -> None:
        tasks.setup_worker(self.catalog)


@dataclass
class EngineReport:
    """What a run did: partitions, documents, rows per table, problems, worker processes."""

    partitions: int = 0
    documents: int = 0
    rows: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    workers: dict = field(default_factory=dict)      # pid -> {(tokenizer builds, tokenizer id)} its tasks saw


def extract_tables(client, paths: PathLike | Iterable[PathLike], out: PathLike, *, mode: str = "build",
                   catalog: Catalog | PathLike | None = None, partition_bytes: int = PARTITION_BYTES,
                   on_problem: Callable[[InputProblem], None] | None = None) -> EngineReport:
    """Write the Parquet tables of the corpus ``paths`` into the folder ``out`` on the Dask
    ``client``'s cluster; returns an :class:`EngineReport`.

    ``mode``: ``"build"`` (documents, mentions, relations) or ``"extract"`` (citations).
    ``catalog``: see :func:`graphbuild.load_catalog`.  ``partition_bytes``: uncompressed input
    per task.  Problems (bad records, unreadable files, a document id seen twice) go to
    ``on_problem`` and the rest goes on; without it the first one raises ``InputError``
    once the run is over.  A duplicate id inside one partition is dropped as one process drops
    it; across partitions it is reported (both rows are kept).
    """
    if mode not in tasks.MODE_TABLES:
        raise ValueError(f"mode must be one of {', '.join(tasks.MODE_TABLES)}, not {mode!r}")
    paths = [str(paths)] if isinstance(paths, (str, Path)) else [str(p) for p in paths]
    report = EngineReport()
    partitions = plan(paths, partition_bytes)
    remove_parts(out, tasks.MODE_TABLES[mode])
    client.register_plugin(GraphbuildPlugin(load_catalog(catalog)), name=GraphbuildPlugin.name)
    futures = client.map(tasks.run_partition, partitions, range(len(partitions)),
                         [str(out)] * len(partitions), [mode] * len(partitions), pure=False)
    parts = sorted(client.gather(futures), key=lambda r: r.index)
    if not parts:                       # nothing to read: empty tables all the same
        parts = [tasks.run_partition((), 0, str(out), mode)]
    _collect(report, partitions, parts)
    for problem in report.problems:
        (on_problem or _raise)(problem)
    return report


def _collect(report: EngineReport, partitions, parts) -> None:
    report.partitions = len(parts)
    empty = EmptyCorpus()
    for partition, part in zip(partitions, parts):
        report.problems.extend(p for s, n in zip(partition, part.records) if (p := empty.problem(s, n)))
        report.documents += part.documents
        for table, count in part.rows.items():
            report.rows[table] = report.rows.get(table, 0) + count
        report.problems.extend(part.problems)
        report.workers.setdefault(part.pid, set()).add((part.tokenizer_builds, part.tokenizer))
    report.problems.extend(_cross_duplicates(parts))


def _cross_duplicates(parts) -> list[InputProblem]:
    """Ids seen in two partitions (those inside one were already dropped by its task)."""
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for part in parts:
        for doc_id, path, line in part.ids:
            where = f"{path}:{line}" if line is not None else path
            seen = first.setdefault(doc_id, (part.index, where))
            if seen[0] != part.index:
                problems.append(InputProblem(path, f"duplicate id {doc_id!r}, first seen at {seen[1]}; "
                                                   "both kept (partitions are written independently)", line))
    return problems


def _raise(problem: InputProblem) -> None:
    raise InputError(problem)

"""What one worker does with one partition: parse, resolve, relate, write Parquet parts.

Engine-neutral (no Dask here): :mod:`graphbuild.scale.dask` ships these functions to its
workers.  The worker state (tokenizer, catalog) lives in this module, set once per worker
process by :func:`setup_worker`, so no task builds a tokenizer or unpickles a catalog.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from graphbuild.corpus.inputs import DuplicateIds, InputError, InputProblem, to_document
from graphbuild.parse import find
from graphbuild.pipeline import analyse_document
from graphbuild.scale.shares import Share, partition_items
from graphbuild.tables import schema as sch
from graphbuild.tables.parquet import TableWriter, part_path
from graphbuild.tables.rows import citation_rows, result_rows

#: Tables per mode: ``build`` (what build_corpus(tables=...) writes), ``extract`` (citations).
MODE_TABLES = {"build": sch.EXTRACTION_TABLES, "extract": ("citations",)}

_STATE: dict = {"catalog": None, "tokenizer_builds": 0}


def setup_worker(catalog) -> None:
    """Once per worker process: build the tokenizer, keep the catalog."""
    if find._DEFAULT_TOKENIZER is None:
        find.load_default_tokenizer()
        _STATE["tokenizer_builds"] += 1
    _STATE["catalog"] = catalog


@dataclass
class PartitionReport:
    """What a task sends back: counts and problems, never the rows (they are in the files)."""

    index: int
    documents: int = 0
    rows: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    ids: list = field(default_factory=list)           # (doc_id, path, line) for the duplicate check
    records: list = field(default_factory=list)       # records read, per share of the partition
    pid: int = 0
    tokenizer_builds: int = 0                         # in this worker process so far
    tokenizer: int = 0                                # id() of the tokenizer the tasks used


def run_partition(partition: tuple[Share, ...], index: int, out: str, mode: str = "build") -> PartitionReport:
    """Write part ``index`` of every table of ``mode`` for the documents of ``partition``."""
    report = PartitionReport(index, pid=os.getpid(), tokenizer_builds=_STATE["tokenizer_builds"],
                             tokenizer=id(find._DEFAULT_TOKENIZER))
    writers = {t: TableWriter(part_path(out, t, index), t) for t in MODE_TABLES[mode]}
    ok = False
    try:
        for item, doc in _documents(partition, report):
            try:
                tables = _rows(doc, item, mode)
            except Exception as exc:            # one bad document must not stop a corpus
                report.problems.append(InputProblem(
                    item.path, f"cannot analyse document {doc.id!r}: {type(exc).__name__}: {exc}", item.line))
                continue
            for table, rows in tables.items():
                writers[table].add(rows)
            report.documents += 1
        ok = True
    finally:
        for writer in writers.values():
            writer.close(ok)
    report.rows = {t: w.count for t, w in writers.items()}
    return report


def _documents(partition, report: PartitionReport):
    """``(item, document)`` pairs, duplicates inside the partition dropped as one process drops them."""
    def decoded():
        for item in partition_items(partition, report.problems.append, report.records):
            try:
                doc = to_document(item, utf8=True)
            except InputError as exc:
                report.problems.append(exc.problem)
                continue
            report.ids.append((doc.id, item.path, item.line))
            yield doc.id, item.path, item.line, (item, doc)
    return DuplicateIds("error", report.problems.append).filter(decoded())


def _rows(doc, item, mode: str) -> dict[str, list[tuple]]:
    if mode == "extract":
        return {"citations": citation_rows(doc, item.line, find.get_citations(doc.text, utf8=doc.utf8))}
    if _STATE["catalog"] is None:
        raise RuntimeError("setup_worker was not run on this worker (register the plugin first)")
    return result_rows(analyse_document(doc, _STATE["catalog"]), item.line)

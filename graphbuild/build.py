"""The public verbs on a corpus and a graph: what the command line does, as functions.

    import graphbuild
    g = graphbuild.build_corpus(["data/corpus"], jobs=2)      # graphbuild build data/corpus -o out/
    graphbuild.write_graph(g, "out/", formats=("json", "graphml"))
    g = graphbuild.read_graph("out/")

The command line calls these and adds only the printing.  This module is never compiled
with mypyc (a compiled function has no ``__doc__``), so ``help()`` works in every build.
Nothing here imports the Neo4j driver until :func:`sync_graph` is called.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

import networkx as nx

from graphbuild.api import PathLike, load_catalog
from graphbuild.corpus.inputs import DuplicateIds, InputError, InputProblem, RawItem, to_document
from graphbuild.corpus.parallel import default_jobs
from graphbuild.export import formats as export_formats
from graphbuild.export.nodelink import read_graph as read_nodelink
from graphbuild.export.staging import OutputBusy, StagedOutput  # noqa: F401  (OutputBusy: part of the API)
from graphbuild.fileio import write_atomic
from graphbuild.graph.builder import GraphBuilder, summary
from graphbuild.parse import find
from graphbuild.pipeline import DocResult, analyse_document
from graphbuild.resolve.catalog import Catalog
from graphbuild.scale.local import map_items

if TYPE_CHECKING:                       # the driver is imported only by sync_graph
    from graphbuild.db.sync import SyncReport

#: Every format :func:`write_graph` writes by default, in the order it writes them.
ALL_FORMATS: tuple[str, ...] = export_formats.format_names()


def build_corpus(paths: PathLike | Iterable[PathLike], *, jobs: int | None = None,
                 catalog: Catalog | PathLike | None = None,
                 update: nx.MultiDiGraph | PathLike | None = None,
                 on_problem: Callable[[InputProblem], None] | None = None,
                 on_document: Callable[[DocResult], None] | None = None,
                 progress: Callable[[int], None] | None = None,
                 on_duplicate: str = "error", stdin_format: str = "auto",
                 tables: PathLike | None = None) -> nx.MultiDiGraph:
    """Parse, resolve and relate a corpus into one citation graph (``graphbuild build``).

    ``paths``: files, folders, ``.jsonl``/``.jsonl.gz`` corpora or ``"-"`` (standard input);
    one path or a list.  ``jobs``: worker processes (``None``: every core); the graph is the
    same for any number.  ``catalog``: see :func:`load_catalog`.  ``update``: an existing
    graph (a graph object, which is copied, not changed; or a path for :func:`read_graph`):
    the documents it already holds are skipped, the new ones added.

    ``on_problem`` is called with each :class:`~graphbuild.corpus.inputs.InputProblem` (a
    missing or undecodable file, a malformed JSONL line, a document the pipeline fails on)
    and the other inputs are still processed; without it the first problem raises
    :class:`~graphbuild.corpus.inputs.InputError`.  ``on_document`` is called with the
    :class:`~graphbuild.pipeline.DocResult` of each document parsed now, ``progress`` with the
    number of input bytes each input item took (for a progress bar).  ``on_duplicate``: what a
    document id seen twice does: ``"error"`` (a problem naming both places; the first is
    kept), ``"first"`` or ``"last"`` (keep that one, silently).  ``stdin_format``: what ``"-"``
    holds: ``"auto"`` (a JSONL corpus when its first line is a JSON object with a ``"text"``
    string, else one text), ``"jsonl"`` or ``"text"``.  ``tables``: a folder to write the
    Parquet extraction tables into as well (:mod:`graphbuild.tables.parquet`: the documents,
    mentions and relations parsed now, one new part each with ``update``), from which
    :func:`build_from_tables` builds the same graph without parsing; the graph's own tables
    (instruments, bodies, edges) are the ``parquet`` format of :func:`write_graph`.

    Returns a ``networkx.MultiDiGraph`` whose labels, edge types and properties are those of
    :mod:`graphbuild.graph.vocab`.
    """
    report = on_problem if on_problem is not None else _raise
    builder = GraphBuilder.from_graph(_update_graph(update)) if update is not None else GraphBuilder()
    find.load_default_tokenizer()       # once, before the workers fork: they share it
    results = map_items(_analyse_item, _path_list(paths), report, _jobs(jobs), initializer=_init_worker,
                        initkwargs={"catalog": load_catalog(catalog), "known": frozenset(builder.document_ids())},
                        stdin_format=stdin_format)

    def identified():
        for problem, ident, result, size in results:
            if progress is not None:
                progress(size)
            if problem is not None:
                report(problem)
            else:
                yield (*ident, (result, ident[2]))

    with _tables(tables, append=update is not None) as table_set:
        for result, line in DuplicateIds(on_duplicate, report).filter(identified()):
            if result is not None:                # None: a document the graph already holds
                builder.add(result)
                _added(result, line, table_set, on_document)
        return builder.finish()


def _added(result: DocResult, line: int | None, table_set, on_document) -> None:
    if table_set is not None:
        table_set.add_result(result, line)
    if on_document is not None:
        on_document(result)


def build_from_tables(folders: PathLike | Iterable[PathLike]) -> nx.MultiDiGraph:
    """The graph of the Parquet extraction tables in ``folders`` (``graphbuild build
    --from-tables``): the tables :func:`build_corpus` writes with ``tables=`` or the
    distributed engine (:mod:`graphbuild.scale.dask`) writes, read in order, without parsing;
    several folders (a first build, then increments) are read one after the other.  The
    graph equals the one built from the corpus.  Raises ``FileNotFoundError`` for a folder
    without the tables, ``ValueError`` for a file that is not one of them.
    """
    from graphbuild.tables.parquet import read_results
    builder = GraphBuilder()
    for result in read_results(_path_list(folders)):
        builder.add(result)
    return builder.finish()


@contextlib.contextmanager
def _tables(folder, append: bool):
    if folder is None:
        yield None
        return
    from graphbuild.tables.parquet import TableSet      # pyarrow: only when tables are wanted
    with TableSet(folder, append=append) as table_set:
        yield table_set


def read_graph(source: PathLike) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_graph` (or ``graphbuild build``).

    ``source`` is a ``graph.json`` or the build folder holding it.  Raises
    ``FileNotFoundError`` when there is none and ``ValueError`` for a file that is not a
    graphbuild graph (GraphML and GEXF are exports for other tools, not read back here).
    """
    return read_nodelink(os.fspath(source))


def write_graph(g: nx.MultiDiGraph, outdir: PathLike | StagedOutput, formats: Iterable[str] = ALL_FORMATS,
                on_format: Callable[[str], None] | None = None) -> dict:
    """Write the graph ``g`` into the folder ``outdir`` in each of ``formats``, and ``summary.json``.

    Formats (:data:`ALL_FORMATS`): ``graphml`` and ``gexf`` (for Gephi), ``json`` (node-link
    ``graph.json``, what :func:`read_graph` reads), ``csv`` (a ``csv/`` folder for
    ``neo4j-admin database import``), ``cypher`` (a script of MERGE statements), ``html`` (the
    interactive view).  The folder is written as one transaction
    (:class:`~graphbuild.export.staging.StagedOutput`): every file goes into a staging folder
    beside it, swapped in whole at the end, so a reader (or a crash, a full disk, a kill)
    leaves the old build or the new one, never a mix; a second build into the same folder
    meanwhile is refused (:class:`~graphbuild.export.staging.OutputBusy`).  ``outdir`` may be
    a :class:`~graphbuild.export.staging.StagedOutput` already entered (the command line
    enters it before parsing): the files then go into it and it swaps them in on exit.
    ``on_format`` is called with each format's name once it is written.  Returns the summary
    (counts, most cited) that ``summary.json`` holds.  Raises ``ValueError`` for an unknown
    format, before writing.
    """
    wanted = export_formats.check_formats(formats)
    if isinstance(outdir, StagedOutput):
        _keep_extraction_tables(outdir, wanted)
        return _write_files(g, outdir.path, wanted, on_format)
    with StagedOutput(outdir) as staged:
        _keep_extraction_tables(staged, wanted)
        return _write_files(g, staged.path, wanted, on_format)


def _keep_extraction_tables(staged: StagedOutput, wanted: list[str]) -> None:
    """The parquet format replaces the folder's ``tables/``: the extraction tables a build wrote
    there (build_corpus's ``tables=``) come along, unless this build staged its own."""
    if "parquet" not in wanted:
        return
    from graphbuild.tables.parquet import carry_parts
    name = export_formats.FORMATS["parquet"].filename
    if not any((staged.path / name).glob("*/part-*.parquet")) and staged.path != staged.target:
        carry_parts(staged.target / name, staged.path / name)


def _write_files(g: nx.MultiDiGraph, folder: Path, wanted: list[str], on_format) -> dict:
    for fmt in wanted:
        export_formats.write_into(g, fmt, folder)
        if on_format is not None:
            on_format(fmt)
    info = summary(g)
    write_atomic(folder / "summary.json", json.dumps(info, ensure_ascii=False, indent=1).encode("utf-8"))
    return info


def graph_summary(g: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts of the graph ``g`` (documents, instruments by status, bodies, edges by type) and
    its ``top`` most cited instruments: what ``graphbuild build`` prints and ``summary.json``
    holds."""
    return summary(g, top=top)


def sync_graph(g: nx.MultiDiGraph, uri: str, *, user: str = "neo4j", password: str | None = None,
               database: str | None = None, prune: bool = False, schema: bool = True,
               batch_rows: int = 1000, batch_bytes: int = 1_000_000,
               progress: Callable[[str], None] | None = None, driver=None) -> "SyncReport":
    """Write the graph ``g`` into Neo4j at ``uri`` (``graphbuild sync``): schema, nodes,
    relationships, in batches of at most ``batch_rows`` rows and ``batch_bytes`` bytes; with
    ``schema`` (the default) the constraints and indexes first; ``progress`` gets a line now
    and then.  ``user`` and ``password`` are the credentials, ``database`` the database (the
    server's default when None).

    Only what changed since the last sync is sent (a second sync of the same graph sends
    nothing); ``prune`` also deletes what the graph no longer holds (graphbuild's labels and
    relationship types only).  ``password`` defaults to the ``NEO4J_PASSWORD`` environment
    variable; with neither, the connection has no credentials.  ``driver``: an open
    ``neo4j.Driver`` to use instead of connecting to ``uri`` (it is not closed).  Every value
    travels as a query parameter.  Returns a :class:`~graphbuild.db.sync.SyncReport`; a
    connection, credentials or server problem raises
    :class:`~graphbuild.db.errors.Neo4jSyncError` with one line that never holds the password.
    """
    from graphbuild.db.connect import open_driver, split_uri     # imports the driver: only when syncing
    from graphbuild.db.errors import Neo4jSyncError, explain_error
    from graphbuild.db.sync import SyncOptions, sync_graph as db_sync_graph

    options = SyncOptions(batch_rows=batch_rows, batch_bytes=batch_bytes, prune=prune,
                          schema=schema, database=database)
    target = split_uri(uri)             # credentials in the URI never travel further
    uri, user = target.uri, target.user or user
    password = target.password if target.password is not None else password
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    try:
        own = driver is None
        if own:
            driver = open_driver(uri, None if password is None else (user, password))
        try:
            return db_sync_graph(driver, g, options, progress=progress)
        finally:
            if own:
                driver.close()
    except Neo4jSyncError:
        raise
    except Exception as exc:            # the driver's many errors: one line, password-free
        raise Neo4jSyncError(explain_error(exc, uri, user, database, secret=password)) from exc


# --- the worker side of build_corpus (module level: worker processes unpickle these) ------------

_WORKER: dict = {}


def _init_worker(**state) -> None:
    _WORKER.clear()
    _WORKER.update(state)


def _analyse_item(item: RawItem):
    """``(problem, (id, path, line), result, input bytes)``; result None for a document the
    graph already holds."""
    size = len(item.data)
    try:
        doc = to_document(item, utf8=True)
    except InputError as exc:
        return exc.problem, None, None, size
    ident = (doc.id, item.path, item.line)
    if doc.id in _WORKER["known"]:
        return None, ident, None, size
    try:
        return None, ident, analyse_document(doc, _WORKER["catalog"]), size
    except Exception as exc:            # one bad document must not stop a corpus
        return InputProblem(item.path, f"cannot analyse document {doc.id!r}: {type(exc).__name__}: {exc}",
                            item.line), None, None, size


def _raise(problem: InputProblem) -> None:
    raise InputError(problem)


def _jobs(jobs: int | None) -> int:
    return default_jobs() if jobs is None or jobs <= 0 else jobs


def _path_list(paths) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _update_graph(update) -> nx.MultiDiGraph:
    if isinstance(update, nx.Graph):
        return copy.deepcopy(update)
    return read_graph(update)

"""The graph as Parquet tables: ``instruments``, ``bodies`` and ``edges`` (with their
evidence), for DuckDB, Polars and Spark; schemas in :mod:`graphbuild.tables.schema`.

A folder format, like ``csv``: ``graphbuild build`` writes ``tables/`` beside the other
exports, where it also puts the extraction tables (documents, mentions, relations) that
``graphbuild build --from-tables`` reads.  Needs pyarrow.
"""

from __future__ import annotations

import tarfile
import tempfile
from pathlib import Path

import networkx as nx

from graphbuild.fileio import Target, is_file


def write_parquet(g: nx.MultiDiGraph, target: Target) -> None:
    """Write ``instruments.parquet``, ``bodies.parquet`` and ``edges.parquet`` into the folder
    ``target``; to an open file, the three files as one tar stream."""
    from graphbuild.tables.parquet import write_graph_tables      # pyarrow, on first use
    if not is_file(target):
        write_graph_tables(g, target)
        return
    with tempfile.TemporaryDirectory(prefix="graphbuild-parquet-") as tmp, \
            tarfile.open(fileobj=target, mode="w|") as tar:
        write_graph_tables(g, tmp)
        for path in sorted(Path(tmp).iterdir()):
            tar.add(path, arcname=path.name)

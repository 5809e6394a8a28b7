"""The graph as Parquet tables: ``instruments``, ``bodies`` and ``edges`` (with their
evidence), for DuckDB, Polars and Spark; schemas in :mod:`graphbuild.tables.schema`.

A folder format, like ``csv``: ``graphbuild build`` writes ``tables/`` beside the other
exports, where it also puts the extraction tables (documents, mentions, relations) that
``graphbuild build --from-tables`` reads.  Needs pyarrow.
"""

from __future__ import annotations

import networkx as nx

from graphbuild.fileio import Target, is_file


def write_parquet(g: nx.MultiDiGraph, target: Target) -> None:
    """Write ``instruments.parquet``, ``bodies.parquet`` and ``edges.parquet`` into the folder
    ``target``.  Raises ``ValueError`` for an open file (Parquet tables are a folder)."""
    if is_file(target):
        raise ValueError("--format parquet writes a folder of tables: give it with -o FOLDER")
    from graphbuild.tables.parquet import write_graph_tables      # pyarrow, on first use
    write_graph_tables(g, target)

"""The export formats: one registry from which ``write_graph``, ``graphbuild build
--formats`` and ``graphbuild export --format`` all take their list.

A new format is one module in this folder with a ``write_X(g, target)`` (``target``: a
path, written atomically, or an open binary file; see :mod:`graphbuild.fileio`) and one
:class:`ExportFormat` line in :data:`FORMATS`.  The writers are named here, not imported:
a module is imported when its format is first written, so the commands that write none
(``extract``, ``score``) start without NetworkX and the exporters.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

if TYPE_CHECKING:
    import networkx as nx

    from graphbuild.fileio import Target

Writer = Callable[["nx.MultiDiGraph", "Target"], None]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its ``name`` (the ``--format`` value), its writer (a function, or
    ``"module:function"`` imported on first use), the file (or, when ``folder``, the folder)
    it gets in a build folder, and a line of help."""

    name: str
    writer_ref: Union[str, Writer]
    filename: str
    folder: bool
    description: str

    @property
    def writer(self) -> Writer:
        if callable(self.writer_ref):
            return self.writer_ref
        module, _, function = self.writer_ref.partition(":")
        return getattr(importlib.import_module(module), function)


#: Every format, in the order ``write_graph`` writes them.
FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("graphml", "graphbuild.export.graphml:write_graphml", "graph.graphml", False,
                 "GraphML, for Gephi and yEd"),
    ExportFormat("gexf", "graphbuild.export.gexf:write_gexf", "graph.gexf", False, "GEXF 1.3, Gephi's format"),
    ExportFormat("json", "graphbuild.export.nodelink:write_json", "graph.json", False,
                 "node-link JSON, what graphbuild reads back"),
    ExportFormat("csv", "graphbuild.export.neo4j_csv:write_csv", "csv", True,
                 "a folder for neo4j-admin database import"),
    ExportFormat("cypher", "graphbuild.export.cypher:write_cypher", "graph.cypher", False,
                 "a script of idempotent MERGE statements"),
    ExportFormat("html", "graphbuild.export.html:write_html", "graph.html", False,
                 "the corpus explorer, one self-contained page"),
    ExportFormat("parquet", "graphbuild.export.parquet:write_parquet", "tables", True,
                 "Parquet tables (instruments, bodies, edges) for DuckDB, Polars and Spark"),
)}


def format_names() -> tuple[str, ...]:
    """The names of every format, in writing order."""
    return tuple(FORMATS)


def get_format(name: str) -> ExportFormat:
    """The format called ``name``; ``ValueError`` naming the choices when there is none."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}") from None


def check_formats(names) -> list[str]:
    """``names`` as a list; ``ValueError`` naming every unknown one (before anything is written)."""
    wanted = list(names)
    unknown = [n for n in wanted if n not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    return wanted


def write(g: nx.MultiDiGraph, name: str, target: Target) -> None:
    """Write ``g`` in the format ``name`` to ``target`` (a path, or an open binary file)."""
    get_format(name).writer(g, target)


def write_into(g: nx.MultiDiGraph, name: str, outdir: str | Path) -> Path:
    """Write ``g`` in the format ``name`` under its usual name in the folder ``outdir``."""
    path = Path(outdir) / get_format(name).filename
    write(g, name, path)
    return path

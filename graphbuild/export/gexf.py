"""GEXF, Gephi's own format: the flattened graph, the node label being its display name."""

from __future__ import annotations

import networkx as nx

from graphbuild.export.flatten import flat_graph
from graphbuild.fileio import Target, path_or_file


def write_gexf(g: nx.MultiDiGraph, target: Target) -> None:
    """Write ``g`` as GEXF (UTF-8) to a path (atomically) or an open binary file."""
    with path_or_file(target) as f:
        nx.write_gexf(flat_graph(g, gexf=True), f, encoding="utf-8")

"""GraphML, for Gephi, yEd and ``networkx.read_graphml``: the flattened graph."""

from __future__ import annotations

import networkx as nx

from graphbuild.export.flatten import flat_graph
from graphbuild.fileio import Target, path_or_file


def write_graphml(g: nx.MultiDiGraph, target: Target) -> None:
    """Write ``g`` as GraphML (UTF-8) to a path (atomically) or an open binary file."""
    with path_or_file(target) as f:
        nx.write_graphml(flat_graph(g), f, encoding="utf-8")

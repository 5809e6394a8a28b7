"""GraphML, for Gephi, yEd and ``networkx.read_graphml``: the flattened graph (:mod:`.flatten`).

Keys are named for their attribute: a node attribute's key id is its name (``label``,
``node_type``, ``date``), an edge attribute's is ``edge_`` and its name (``edge_relation``),
and every key's ``attr.name`` is the attribute's name, so Gephi shows the symbol or name as
the node label.  Written as a stream.
"""

from __future__ import annotations

from typing import Iterator

import networkx as nx

from graphbuild.export.flatten import FlatGraph
from graphbuild.export.xmltext import attr, attributes, text, write_lines
from graphbuild.fileio import Target, path_or_file

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
SCHEMA_LOCATION = f"{NAMESPACE} {NAMESPACE}/1.0/graphml.xsd"
GRAPHML_TYPES = {int: "long", float: "double", str: "string"}
EDGE_KEY_PREFIX = "edge_"


def write_graphml(g: nx.MultiDiGraph, target: Target) -> None:
    """Write ``g`` as GraphML (UTF-8) to a path (atomically) or an open binary file."""
    with path_or_file(target) as f:
        write_lines(f, graphml_lines(g))


def graphml_lines(g: nx.MultiDiGraph) -> Iterator[str]:
    """The GraphML document, line by line."""
    flat = FlatGraph(g)
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield (f'<graphml xmlns="{NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{SCHEMA_LOCATION}">')
    for scope, types, prefix in (("node", flat.node_types, ""), ("edge", flat.edge_types, EDGE_KEY_PREFIX)):
        for name, t in types.items():
            yield (f"  <key id={attr(prefix + name)} for=\"{scope}\" attr.name={attr(name)} "
                   f"attr.type=\"{GRAPHML_TYPES[t]}\"/>")
    yield '  <graph id="G" edgedefault="directed">'
    for n, attrs in flat.nodes():
        yield f"    <node{attributes(id=n)}>{_data(attrs, '')}</node>"
    for i, (u, v, _, attrs) in enumerate(flat.edges()):
        yield f"    <edge{attributes(id=f'e{i}', source=u, target=v)}>{_data(attrs, EDGE_KEY_PREFIX)}</edge>"
    yield "  </graph>\n</graphml>"


def _data(attrs: dict, prefix: str) -> str:
    return "".join(f"<data key={attr(prefix + k)}>{text(v)}</data>" for k, v in attrs.items())

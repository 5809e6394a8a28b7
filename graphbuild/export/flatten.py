"""The flattening GraphML and GEXF need: only strings and numbers on nodes and edges.

``None`` and empty lists are dropped, booleans become ``"true"``/``"false"``, lists of
strings are joined with :data:`LIST_JOIN`, lists of maps (evidence) and maps become JSON
text.  The README's "Exports" section documents it; the round-trip tests compare what
``networkx`` reads back with :func:`flat_graph` of the graph.
"""

from __future__ import annotations

import json

import networkx as nx

LIST_JOIN = " | "


def flat_value(value):
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], dict):
            return json.dumps(value, ensure_ascii=False)
        return LIST_JOIN.join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flat_graph(g: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (None dropped), as GraphML and GEXF need."""
    h = nx.MultiDiGraph()
    for n, attrs in g.nodes(data=True):
        flat = {k: flat_value(v) for k, v in attrs.items() if v is not None and v != []}
        if gexf:
            # GEXF's "label" is the name Gephi shows: the symbol, name or title.
            flat["node_type"] = flat.pop("label", "")
            flat["label"] = display_name(n, attrs)
        h.add_node(n, **flat)
    for u, v, k, attrs in g.edges(keys=True, data=True):
        flat = {kk: flat_value(vv) for kk, vv in attrs.items() if vv is not None and vv != []}
        h.add_edge(u, v, key=k, **flat)
    return h


def display_name(node_id: str, attrs: dict) -> str:
    label = attrs.get("label")
    if label == "Instrument":
        return attrs.get("symbol") or attrs.get("name") or attrs.get("key") or node_id
    if label == "Document":
        return attrs.get("title") or attrs.get("doc_id") or node_id
    return attrs.get("name") or node_id

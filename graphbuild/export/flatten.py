"""The flattening GraphML and GEXF need: only strings and numbers on nodes and edges.

``None`` and empty lists are dropped, booleans become ``"true"``/``"false"``, lists of
strings are joined with :data:`LIST_JOIN`, lists of maps (evidence) and maps become JSON
text.  The README's "Exports" section documents it; the round-trip tests compare what
``networkx`` reads back with :func:`flat_graph` of the graph.

Every string is made XML-safe here (:mod:`graphbuild.export.safe`): a character XML cannot
hold becomes U+FFFD, one for one, so offsets keep their meaning; the evidence, JSON text,
has them escaped JSON's way and reads back exactly.
"""

from __future__ import annotations

import networkx as nx

from graphbuild.export.safe import xml_json, xml_text

LIST_JOIN = " | "


def flat_value(value, newline_cr: bool = False):
    """``value`` as a string or number XML can hold (``newline_cr``: see
    :func:`~graphbuild.export.safe.xml_text`)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], dict) or isinstance(value, dict):
        return xml_json(value)
    if isinstance(value, (list, tuple)):
        value = LIST_JOIN.join(str(v) for v in value)
    return xml_text(str(value), newline_cr=newline_cr)


def flat_graph(g: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy with only scalar, XML-safe attributes (None dropped), as GraphML and GEXF need.

    GraphML holds values as element text, where an XML reader turns a raw carriage return
    into a newline: there it is written as one (``gexf`` False)."""
    cr = not gexf
    h = nx.MultiDiGraph()
    for n, attrs in g.nodes(data=True):
        flat = {k: flat_value(v, cr) for k, v in attrs.items() if v is not None and v != []}
        if gexf:
            # GEXF's "label" is the name Gephi shows: the symbol, name or title.
            flat["node_type"] = flat.pop("label", "")
            flat["label"] = xml_text(str(display_name(n, attrs)))
        h.add_node(xml_text(str(n)), **flat)
    for u, v, k, attrs in g.edges(keys=True, data=True):
        flat = {kk: flat_value(vv, cr) for kk, vv in attrs.items() if vv is not None and vv != []}
        h.add_edge(xml_text(str(u)), xml_text(str(v)), key=xml_text(str(k)), **flat)
    return h


def display_name(node_id: str, attrs: dict) -> str:
    label = attrs.get("label")
    if label == "Instrument":
        return attrs.get("symbol") or attrs.get("name") or attrs.get("key") or node_id
    if label == "Document":
        return attrs.get("title") or attrs.get("doc_id") or node_id
    return attrs.get("name") or node_id

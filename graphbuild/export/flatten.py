"""The flattening GraphML and GEXF need, and what Gephi expects of the names.

Both formats hold only strings and numbers, so both writers write :func:`flat_graph`'s
graph, and ``networkx.read_graphml``/``read_gexf`` give it back attribute for attribute
(``tests/test_export.py``).  Node by node:

* ``node_type``: the node's class (``Document``, ``Instrument``, ``Body``; the graph's
  ``label`` attribute);
* ``label``: what Gephi shows: an instrument's symbol (else its name, else its key), a
  document's title (else its id), a body's name;
* ``start``: the year of an instrument, or of a document's date (for Gephi's timeline);
  ``end``: for an instrument that another one REPLACES or REPEALS, the earliest year of
  those (when not before ``start``);

edge by edge:

* ``relation``: the edge type (``CITES``, ``IMPLEMENTS``, ...), and ``label`` the same;
  ``weight``: the edge's ``count``, as a float (Gephi's edge weight); ``start``: the ``start`` of its source node;

and for every value: ``None`` and empty lists dropped, booleans as ``"true"``/``"false"``,
lists of strings joined with :data:`LIST_JOIN`, lists of maps (``evidence``) and maps as
JSON text, characters XML 1.0 cannot hold as U+FFFD, one for one (in JSON text escaped
JSON's way, ``\\ufffe``, so the evidence reads back exactly); a name holding numbers on some
nodes (edges) and text on others is text on all of them.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

import networkx as nx

from graphbuild.export.safe import xml_json
from graphbuild.graph.vocab import DOCUMENT, INSTRUMENT, LABEL_ATTR, REPEALS, REPLACES, TYPE_ATTR
from graphbuild.resolve.dates import year_of

LIST_JOIN = " | "
ENDING_RELATIONS = frozenset({REPLACES, REPEALS})
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def flat_value(value):
    """A string or a number for ``value`` (see the module docstring)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], dict):
            return xml_json(value)          # the evidence reads back exactly, offsets and all
        return xml_safe(LIST_JOIN.join(str(v) for v in value))
    if isinstance(value, dict):
        return xml_json(value)
    return xml_safe(str(value))


def display_name(node_id: str, attrs: dict) -> str:
    """The name to show for a node: symbol, name or key; title or id; name."""
    label = attrs.get(LABEL_ATTR)
    if label == INSTRUMENT:
        return attrs.get("symbol") or attrs.get("name") or attrs.get("key") or node_id
    if label == DOCUMENT:
        return attrs.get("title") or attrs.get("doc_id") or node_id
    return attrs.get("name") or node_id


def start_year(attrs: dict) -> int | None:
    """The year a node enters Gephi's timeline: an instrument's year, a document's date."""
    if attrs.get(LABEL_ATTR) == INSTRUMENT:
        return attrs.get("year")
    if attrs.get(LABEL_ATTR) == DOCUMENT:
        return year_of(attrs.get("date"))
    return None


def end_years(g: nx.MultiDiGraph) -> dict[str, int]:
    """Node -> the earliest year another instrument replaced or repealed it (not before its start)."""
    ends: dict[str, int] = {}
    for u, v, k in g.edges(keys=True):
        if k in ENDING_RELATIONS:
            year, start = start_year(g.nodes[u]), start_year(g.nodes[v])
            if year is not None and (start is None or year >= start) and year < ends.get(v, year + 1):
                ends[v] = year
    return ends


def _node_items(g: nx.MultiDiGraph) -> Iterator[tuple[str, dict]]:
    ends = end_years(g)
    for n, attrs in g.nodes(data=True):
        flat = {k: flat_value(v) for k, v in attrs.items() if k != LABEL_ATTR and v is not None and v != []}
        flat["node_type"] = attrs.get(LABEL_ATTR, "")
        flat["label"] = xml_safe(str(display_name(n, attrs)))
        start = start_year(attrs)
        if start is not None:
            flat["start"] = start
        if n in ends:
            flat["end"] = ends[n]
        yield xml_safe(n), flat


def _edge_items(g: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict]]:
    for u, v, k, attrs in g.edges(keys=True, data=True):
        flat = {kk: flat_value(vv) for kk, vv in attrs.items() if kk != TYPE_ATTR and vv is not None and vv != []}
        relation = attrs.get(TYPE_ATTR, k)
        flat["relation"] = flat["label"] = relation
        if isinstance(flat.get("count"), int):
            flat["weight"] = float(flat["count"])
        start = start_year(g.nodes[u])
        if start is not None:
            flat["start"] = start
        yield xml_safe(u), xml_safe(v), xml_safe(str(k)), flat


def attribute_types(items: Iterable[dict]) -> dict[str, type]:
    """Name -> ``int``, ``float`` or ``str``: one type per name (numbers mixed with text: text)."""
    types: dict[str, type] = {}
    for attrs in items:
        for name, value in attrs.items():
            kind = type(value) if isinstance(value, (int, float)) else str
            seen = types.get(name, kind)
            types[name] = kind if seen is kind else (float if {seen, kind} == {int, float} else str)
    return types


def _coerce(attrs: dict, types: dict[str, type]) -> dict:
    return {k: (v if type(v) is types[k] else types[k](v)) for k, v in attrs.items()}


class FlatGraph:
    """The flattened nodes and edges of a graph, with one type per attribute name."""

    def __init__(self, g: nx.MultiDiGraph):
        self._nodes = list(_node_items(g))
        self._edges = list(_edge_items(g))
        self.node_types = attribute_types(a for _, a in self._nodes)
        self.edge_types = attribute_types(a for *_, a in self._edges)

    def nodes(self) -> Iterator[tuple[str, dict]]:
        for n, attrs in self._nodes:
            yield n, _coerce(attrs, self.node_types)

    def edges(self) -> Iterator[tuple[str, str, str, dict]]:
        for u, v, k, attrs in self._edges:
            yield u, v, k, _coerce(attrs, self.edge_types)


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph GraphML and GEXF hold: a copy of ``g`` flattened as the module docstring says."""
    flat = FlatGraph(g)
    h = nx.MultiDiGraph()
    for n, attrs in flat.nodes():
        h.add_node(n, **attrs)
    for u, v, k, attrs in flat.edges():
        h.add_edge(u, v, key=k, **attrs)
    return h

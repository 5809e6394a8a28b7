"""The graph as Neo4j sees it: labels, flat properties, relationship rows.

One model serves the CSV export (``neo4j-admin database import``), the Cypher
script export and the driver sync, so all three load the same graph.

Properties are Neo4j-friendly: strings, integers, lists of strings; no maps and no
nulls.  Dates stay ISO strings (``2020-07-29``; a partial ``2023-02`` too), so one
type serves every value.  Evidence is a short list of strings
``"<doc> [start:end] <sentence>"`` on each relationship.
"""

from __future__ import annotations

from typing import Iterator

import networkx as nx

from graphbuild.graph.vocab import EDGE_PROPERTIES, LABELS, NODES

NODE_PROPERTIES = {label: kind.names for label, kind in NODES.items()}
_ALL = [p for kind in NODES.values() for p in kind.properties] + list(EDGE_PROPERTIES)
INT_PROPERTIES = frozenset(p.name for p in _ALL if p.type is int)
LIST_PROPERTIES = frozenset(p.name for p in _ALL if p.is_list)


def evidence_strings(evidence: list[dict]) -> list[str]:
    return [f"{e['doc']} [{e['start']}:{e['end']}] {e['sentence']}" for e in evidence]


def node_properties(node_id: str, attrs: dict) -> dict:
    label = attrs.get("label")
    props = {"id": node_id}
    for name in NODE_PROPERTIES.get(label, ()):
        value = attrs.get(name)
        if value is None or value == [] or value == "":
            continue
        if name in LIST_PROPERTIES:
            value = [str(v) for v in value]
        elif name in INT_PROPERTIES:
            value = int(value)
        else:
            value = str(value)
        props[name] = value
    return props


def node_rows(g: nx.MultiDiGraph) -> Iterator[tuple[str, dict]]:
    """``(label, properties)`` for every node, in a stable order."""
    for node_id in sorted(g.nodes):
        attrs = g.nodes[node_id]
        label = attrs.get("label")
        if label in LABELS:
            yield label, node_properties(node_id, attrs)


def relationship_rows(g: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, str, str, dict]]:
    """``(type, start label, start id, end label, end id, properties)`` in a stable order."""
    for u, v, key in sorted(g.edges(keys=True)):
        data = g.edges[u, v, key]
        props = {"count": int(data.get("count", 1))}
        if data.get("evidence"):
            props["evidence"] = evidence_strings(data["evidence"])
        yield (data.get("type", key), g.nodes[u].get("label"), u, g.nodes[v].get("label"), v, props)

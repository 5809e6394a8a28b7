"""What a sync must send: the graph's rows with content hashes, against what the database holds.

``gb_hash`` is a hash of a row's other properties, so a second sync of the same graph
sends nothing, and an updated graph sends only the rows that changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Mapping

import networkx as nx

from graphbuild.db.model import LABELS, node_properties, relationship_rows
from graphbuild.db.queries import HASH_PROPERTY, REL_TYPES


class GraphDataError(ValueError):
    """A value of the graph that Neo4j's model cannot take (e.g. a year that is not a number)."""


@dataclass(frozen=True)
class NodeRow:
    label: str
    id: str
    props: Mapping[str, Any] = field(compare=False)   # every property, gb_hash included
    hash: str


@dataclass(frozen=True)
class RelRow:
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    props: Mapping[str, Any] = field(compare=False)
    hash: str

    @property
    def key(self) -> tuple[str, str, str]:
        return self.type, self.start, self.end


@dataclass(frozen=True)
class DbState:
    """What graphbuild wrote before: ``id -> (label, hash)``, ``(type, start, end) -> (start
    label, end label, hash)``."""
    nodes: Mapping[str, tuple[str, str]]
    rels: Mapping[tuple[str, str, str], tuple[str, str, str]]


@dataclass(frozen=True)
class SyncPlan:
    upsert_nodes: tuple[NodeRow, ...]
    upsert_rels: tuple[RelRow, ...]
    stale_nodes: tuple[tuple[str, str], ...]                  # (label, id) no longer in the graph
    stale_rels: tuple[tuple[str, str, str, str, str], ...]    # (type, start label, start, end label, end)
    unchanged_nodes: int
    unchanged_rels: int


def content_hash(props: Mapping[str, Any]) -> str:
    """Stable hash of the properties (``gb_hash`` itself left out)."""
    data = {k: v for k, v in props.items() if k != HASH_PROPERTY}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _node_rows(g: nx.MultiDiGraph) -> list[NodeRow]:
    nodes = []
    for node_id in sorted(g.nodes):
        attrs = g.nodes[node_id]
        label = attrs.get("label")
        if label not in LABELS:
            continue
        try:
            props = node_properties(node_id, attrs)
        except (TypeError, ValueError) as exc:
            raise GraphDataError(f"node {node_id!r}: {exc}") from None
        h = content_hash(props)
        nodes.append(NodeRow(label, props["id"], {**props, HASH_PROPERTY: h}, h))
    return nodes


def graph_rows(g: nx.MultiDiGraph) -> tuple[list[NodeRow], list[RelRow]]:
    """The :mod:`graphbuild.db.model` rows of ``g``, each with its ``gb_hash`` property set."""
    nodes = _node_rows(g)
    rels = []
    try:
        rows = list(relationship_rows(g))
    except (TypeError, ValueError) as exc:
        raise GraphDataError(f"a relationship: {exc}") from None
    for rel_type, sl, s, el, e, props in rows:
        if rel_type not in REL_TYPES or sl not in LABELS or el not in LABELS:
            raise GraphDataError(f"{s} -[{rel_type}]-> {e}: not a graphbuild relationship")
        h = content_hash(props)
        rels.append(RelRow(rel_type, sl, s, el, e, {**props, HASH_PROPERTY: h}, h))
    return nodes, rels


def plan_sync(nodes: list[NodeRow], rels: list[RelRow], db: DbState) -> SyncPlan:
    """What to send: rows whose hash differs from the database's, and what is stale."""
    upsert_nodes = tuple(n for n in nodes if db.nodes.get(n.id) != (n.label, n.hash))
    upsert_rels = tuple(r for r in rels if db.rels.get(r.key) != (r.start_label, r.end_label, r.hash))
    node_ids = {n.id for n in nodes}
    rel_keys = {r.key for r in rels}
    stale_nodes = tuple(sorted((label, i) for i, (label, _) in db.nodes.items() if i not in node_ids))
    stale_rels = tuple(sorted((t, sl, s, el, e) for (t, s, e), (sl, el, _) in db.rels.items()
                              if (t, s, e) not in rel_keys))
    return SyncPlan(upsert_nodes, upsert_rels, stale_nodes, stale_rels,
                    len(nodes) - len(upsert_nodes), len(rels) - len(upsert_rels))

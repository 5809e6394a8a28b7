"""The declared, versioned schema of ``graph.json``: what :func:`check_graph_data` accepts.

A ``graph.json`` is data, never code.  Before anything reads it into a graph, the whole file
is checked against :mod:`graphbuild.graph.vocab`: every node has a string ``id`` (unique,
its label's prefix and key) and one of the :data:`~graphbuild.graph.vocab.LABELS`, and the
properties :data:`REQUIRED` for it (the counters and lists of :data:`DEFAULTS` and
:data:`EDGE_DEFAULTS` read as zero or empty when left out); every property is one the vocabulary
declares for that label, with its type; every edge joins two nodes of the file with one of
the :data:`~graphbuild.graph.vocab.EDGE_TYPES`, between the labels that type joins; every
evidence sample has the fields of :data:`~graphbuild.graph.vocab.EVIDENCE_FIELDS`.  So no
label, relationship type or property name from a hand-edited or foreign file ever reaches a
Cypher script, an XML export or the HTML view.

Versions: :data:`FORMAT_VERSION` is written at the top of every ``graph.json``
(``"format": "graphbuild-graph", "version": 1``).  A file without them was written before
the format was versioned (version 0, the same shape): it is read (migrated) as version 1.  A
newer version, or another ``format``, is refused.  Each problem is one :class:`GraphFormatError`
line naming the node or edge.
"""

from __future__ import annotations

import re
from typing import Any

from graphbuild.graph.vocab import (BODY, DOCUMENT, EDGE_PROPERTIES, EDGES, EVIDENCE_FIELDS, INSTRUMENT, LABELS,
                                   NODES)
from graphbuild.resolve.dates import ISO_DATE as _ISO_DATE

FORMAT_NAME = "graphbuild-graph"
FORMAT_VERSION = 1
#: Keys the top level of a graph.json may hold.
TOP_KEYS = frozenset({"format", "version", "directed", "multigraph", "graph", "nodes", "edges"})

_EDGE_ENDS: dict[str, set[tuple[str, str]]] = {}
for _e in EDGES:
    _EDGE_ENDS.setdefault(_e.type, set()).add((_e.source, _e.target))
_EDGE_PROPS = {p.name: p for p in EDGE_PROPERTIES}
#: What every node of a label must hold (its identity); a node's id is its label's prefix and key.
REQUIRED = {DOCUMENT: ("doc_id",), INSTRUMENT: ("key", "status"), BODY: ("name",)}
#: What a file may leave out and reads as these (the counters and lists ``build --update`` adds to).
DEFAULTS = {DOCUMENT: {}, INSTRUMENT: {"mentions": 0, "documents": 0, "variants": []}, BODY: {}}
EDGE_DEFAULTS = {"count": 1, "evidence": []}
_ID_FROM = {DOCUMENT: "doc_id", INSTRUMENT: "key"}
_SCALARS = (str, int, float, bool, type(None))
_SURROGATE = re.compile("[\ud800-\udfff]")      # "\\ud800" in JSON: no character, not writable as UTF-8


class GraphFormatError(ValueError):
    """A graph.json that does not follow the schema: one line saying where and what."""


def header() -> dict:
    """The keys that open every graph.json written now."""
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION}


def check_graph_data(data: Any) -> dict:
    """``data`` (a parsed graph.json) checked against the schema and migrated to the current
    version; raises :class:`GraphFormatError` for the first problem."""
    if not isinstance(data, dict):
        raise GraphFormatError(f"a JSON {_kind(data)}, not a graph object")
    _check_version(data)
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise GraphFormatError(f"unknown top-level key {unknown[0]!r}")
    graph, nodes, edges = data.get("graph", {}), data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise GraphFormatError('no "nodes" and "edges" arrays')
    if not isinstance(graph, dict) or not all(isinstance(v, _SCALARS) for v in graph.values()):
        raise GraphFormatError('"graph" is not an object of plain values')
    for name, value in graph.items():
        _check_text("graph", name, [name, value])
    labels: dict[str, str] = {}
    for i, node in enumerate(nodes):
        node_id, label = _check_node(i, node)
        if node_id in labels:
            raise GraphFormatError(f"node {i}: id {node_id!r} appears twice")
        labels[node_id] = label
    for i, edge in enumerate(edges):
        _check_edge(i, edge, labels)
    return {**data, **header()}


def _check_version(data: dict) -> None:
    fmt, version = data.get("format", FORMAT_NAME), data.get("version", 0)
    if fmt != FORMAT_NAME:
        raise GraphFormatError(f"format {str(fmt)[:40]!r}, not {FORMAT_NAME!r}")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise GraphFormatError(f"version {str(version)[:40]!r} is not a format version")
    if version > FORMAT_VERSION:
        raise GraphFormatError(f"format version {version} is newer than this graphbuild reads "
                               f"({FORMAT_VERSION}); upgrade graphbuild")


def _check_node(i: int, node: Any) -> tuple[str, str]:
    if not isinstance(node, dict):
        raise GraphFormatError(f"node {i}: a JSON {_kind(node)}, not an object")
    node_id, label = node.get("id"), node.get("label")
    where = f"node {i} ({_short(node_id)})"
    if not isinstance(node_id, str) or not node_id:
        raise GraphFormatError(f"node {i}: no string id")
    if label not in LABELS:
        raise GraphFormatError(f"{where}: label {_short(label)} is not one of {', '.join(LABELS)}")
    kind = NODES[label]
    for name, value in node.items():
        if name in ("id", "label"):
            continue
        _check_value(where, label, name, value, kind.property(name))
        _check_text(where, name, value)
        if name == "date" and value is not None and not _ISO_DATE.fullmatch(value):
            raise GraphFormatError(f"{where}: date {_short(value)} is not an ISO date (2005-06-02, 2023-02, 2005)")
    _check_text(where, "id", node_id)
    missing = [name for name in REQUIRED[label] if node.get(name) is None]
    if missing:
        raise GraphFormatError(f"{where}: {label} without {', '.join(missing)}")
    for name, value in DEFAULTS[label].items():
        if node.get(name) is None:
            node[name] = list(value) if isinstance(value, list) else value
    expected = kind.prefix + node[_ID_FROM[label]] if label in _ID_FROM else None
    if not node_id.startswith(kind.prefix) or expected not in (None, node_id):
        raise GraphFormatError(f"{where}: {label} ids are {expected or kind.prefix + '...'!r}")
    return node_id, label


def _check_value(where: str, owner: str, name: str, value: Any, prop) -> None:
    """A property ``name`` of a node or edge (``owner``: its label, or "an edge"): one it has,
    of its type."""
    if prop is None:
        raise GraphFormatError(f"{where}: {owner} has no property {_short(name)}")
    if not prop.accepts(value):
        raise GraphFormatError(f"{where}: {name} {_short(value)} is not {_type_name(prop.type)}")


def _check_edge(i: int, edge: Any, labels: dict[str, str]) -> None:
    if not isinstance(edge, dict):
        raise GraphFormatError(f"edge {i}: a JSON {_kind(edge)}, not an object")
    source, target, rel = edge.get("source"), edge.get("target"), edge.get("type")
    where = f"edge {i} ({_short(source)} -> {_short(target)})"
    ends = _EDGE_ENDS.get(rel) if isinstance(rel, str) else None
    if ends is None:
        raise GraphFormatError(f"{where}: type {_short(rel)} is not one of {', '.join(sorted(_EDGE_ENDS))}")
    for end in (source, target):
        if not isinstance(end, str) or end not in labels:
            raise GraphFormatError(f"{where}: {_short(end)} is not a node of the graph")
    if (labels[source], labels[target]) not in ends:
        raise GraphFormatError(f"{where}: a {rel} edge does not join a {labels[source]} to a {labels[target]}")
    if not isinstance(edge.get("key", rel), str):
        raise GraphFormatError(f"{where}: key is not a string")
    _check_text(where, "key", edge.get("key", rel))
    for name, value in edge.items():
        if name in ("source", "target", "type", "key"):
            continue
        _check_value(where, "an edge", name, value, _EDGE_PROPS.get(name))
        if name == "evidence":
            _check_evidence(where, value)
    for name, value in EDGE_DEFAULTS.items():
        if edge.get(name) is None:
            edge[name] = list(value) if isinstance(value, list) else value


def _check_evidence(where: str, samples: list) -> None:
    types = {"doc": str, "start": int, "end": int, "sentence": str}      # the others: text or null
    for sample in samples:
        missing = [f for f in ("doc", "start", "end", "sentence") if f not in sample]
        if missing:
            raise GraphFormatError(f"{where}: an evidence sample has no {missing[0]!r}")
        if set(sample) - set(EVIDENCE_FIELDS):
            raise GraphFormatError(f"{where}: evidence field {_short(sorted(set(sample) - set(EVIDENCE_FIELDS))[0])} "
                                   f"is not one of {', '.join(EVIDENCE_FIELDS)}")
        for name, value in sample.items():
            if isinstance(value, bool) or not isinstance(value, types.get(name, (str, type(None)))):
                raise GraphFormatError(f"{where}: evidence {name} {_short(value)} has the wrong type")
            _check_text(where, f"evidence {name}", value)


def _check_text(where: str, name: str, value) -> None:
    for text in value if isinstance(value, list) else (value,):
        if isinstance(text, str) and _SURROGATE.search(text):
            code = ord(_SURROGATE.search(text).group())
            raise GraphFormatError(f"{where}: {name} holds a lone surrogate (\\u{code:04x})")


def _type_name(t) -> str:
    return getattr(t, "__name__", None) or str(t)


def _kind(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null",
            int: "number", float: "number"}.get(type(value), type(value).__name__)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

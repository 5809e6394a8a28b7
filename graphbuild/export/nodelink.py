"""Node-link JSON (``graph.json``): the build's own format, the one graphbuild reads back.

``nodes`` with ``id``, ``label`` and (instruments) ``symbol``; ``edges`` with ``source``,
``target``, ``key`` and ``type``; every other attribute as it is in the graph, but None left out
(an instrument always has ``symbol``: null when it has none).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphbuild.fileio import Target, path_or_file


def _json_nodes(g: nx.MultiDiGraph):
    for n in sorted(g.nodes):
        attrs = g.nodes[n]
        node = {"id": n, "label": attrs.get("label")}
        if node["label"] == "Instrument":
            node["symbol"] = attrs.get("symbol")          # always present, null when none
        node.update({k: v for k, v in attrs.items() if k != "label" and v is not None})
        yield node


def _json_edges(g: nx.MultiDiGraph):
    for u, v, k in sorted(g.edges(keys=True)):
        attrs = g.edges[u, v, k]
        yield {"source": u, "target": v, "key": k, "type": attrs.get("type", k),
               **{kk: vv for kk, vv in attrs.items() if kk != "type"}}


def to_json_data(g: nx.MultiDiGraph) -> dict:
    return {"directed": True, "multigraph": True, "graph": dict(g.graph),
            "nodes": list(_json_nodes(g)), "edges": list(_json_edges(g))}


def write_json(g: nx.MultiDiGraph, target: Target) -> None:
    """Node-link JSON, streamed one node or edge per line (a million documents stay small)."""
    dumps = json.dumps
    with path_or_file(target) as f:
        head = {"directed": True, "multigraph": True, "graph": dict(g.graph)}
        f.write(dumps(head, ensure_ascii=False)[:-1].encode("utf-8") + b',\n"nodes": [\n')
        for section, rows in (("nodes", _json_nodes(g)), ("edges", _json_edges(g))):
            if section == "edges":
                f.write(b'\n],\n"edges": [\n')
            first = True
            for row in rows:
                f.write((b"" if first else b",\n") + dumps(row, ensure_ascii=False).encode("utf-8"))
                first = False
        f.write(b"\n]}\n")


def read_json(source) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json` (path or binary file)."""
    if hasattr(source, "read"):
        data = json.loads(source.read())
    else:
        data = json.loads(Path(source).read_text(encoding="utf-8"))
    g = nx.MultiDiGraph()
    g.graph.update(data.get("graph", {}))
    for node in data["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id"}
        g.add_node(node["id"], **attrs)
    for e in data["edges"]:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target", "key")}
        g.add_edge(e["source"], e["target"], key=e.get("key", e["type"]), **attrs)
    return g


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph saved by ``graphbuild build``: its ``graph.json``, or the build folder."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such graph file")
    if path.suffix.lower() != ".json":
        # GraphML and GEXF flatten lists and evidence for Gephi: they are exports, not sources.
        raise ValueError(f"{path}: graphbuild reads its node-link JSON (graph.json in a build folder)")
    try:
        g = read_json(path)
    except (ValueError, KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a graphbuild graph ({exc})") from exc
    return g

"""Node-link JSON (``graph.json``): the build's own format, the one graphbuild reads back.

``format`` and ``version`` first (:mod:`graphbuild.graph.schema`), then ``nodes`` with
``id``, ``label`` and (instruments) ``symbol``; ``edges`` with ``source``, ``target``,
``key`` and ``type``; every other attribute as it is in the graph, but None left out (an
instrument always has ``symbol``: null when it has none).  Reading checks the whole file
against the schema before anything else sees it.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphbuild.fileio import Target, json_problem, path_or_file
from graphbuild.graph.schema import GraphFormatError, check_graph_data, header


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
    return {**header(), "directed": True, "multigraph": True, "graph": dict(g.graph),
            "nodes": list(_json_nodes(g)), "edges": list(_json_edges(g))}


def write_json(g: nx.MultiDiGraph, target: Target) -> None:
    """Node-link JSON, streamed one node or edge per line (a million documents stay small)."""
    dumps = json.dumps
    with path_or_file(target) as f:
        head = {**header(), "directed": True, "multigraph": True, "graph": dict(g.graph)}
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
    """Read a graph written by :func:`write_json` (path or binary file).

    Raises :class:`~graphbuild.graph.schema.GraphFormatError` (a ``ValueError``) with one
    line for anything that is not a graphbuild graph: bad UTF-8 or JSON, a foreign shape,
    a newer format version, a label, type or property the vocabulary does not declare, an
    edge to a missing node."""
    raw = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    data = check_graph_data(_loads(raw))
    g = nx.MultiDiGraph()
    g.graph.update(data.get("graph", {}))
    for node in data["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id"}
        g.add_node(node["id"], **attrs)
    for e in data["edges"]:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target", "key")}
        g.add_edge(e["source"], e["target"], key=e.get("key", e["type"]), **attrs)
    return g


def _loads(raw: bytes):
    try:
        return json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
    except UnicodeDecodeError as exc:
        raise GraphFormatError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise GraphFormatError(json_problem(exc)) from None
    except RecursionError:
        raise GraphFormatError("malformed JSON (nested too deeply)") from None
    except ValueError as exc:            # an integer of more than sys.get_int_max_str_digits() digits
        raise GraphFormatError(f"malformed JSON ({str(exc).splitlines()[0][:80]})") from None


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
        return read_json(path)
    except GraphFormatError as exc:
        raise GraphFormatError(f"{path}: not a graphbuild graph: {exc}") from None

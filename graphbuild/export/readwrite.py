"""Write (and read back) the citation graph: one writer per format.

Every writer takes the graph and a path or an open binary file, like
``networkx.readwrite``.  Writing to a path is atomic (temp file, then rename),
so an interrupted export never leaves a half-written file.

* ``graphml`` / ``gexf`` — for Gephi: only strings and numbers (no ``None``, lists
  or maps); lists are joined with `` | ``, evidence is JSON text.
* ``json`` — node-link JSON: ``nodes`` with ``id``, ``label`` and (instruments)
  ``symbol``; ``edges`` with ``source``, ``target``, ``type``.
* ``csv`` — a folder in ``neo4j-admin database import`` format, with ``import.sh``.
* ``cypher`` — a script of idempotent ``MERGE`` statements, constraints first.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from pathlib import Path
from typing import BinaryIO, Callable

import networkx as nx

from graphbuild.resolve.catalog import atomic_file, write_atomic
from graphbuild.db.model import LABELS, node_rows, relationship_rows

FORMATS = ("graphml", "gexf", "json", "csv", "cypher")
SUFFIXES = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json", "csv": "", "cypher": ".cypher"}
LIST_JOIN = " | "


# --- helpers -------------------------------------------------------------------

@contextlib.contextmanager
def _binary_target(target):
    """Yield a binary file for ``target`` (path or file); for a path, write atomically."""
    if hasattr(target, "write"):
        yield target
        return
    with atomic_file(target) as f:
        yield f


def _flat_value(value):
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
        flat = {k: _flat_value(v) for k, v in attrs.items() if v is not None and v != []}
        if gexf:
            # GEXF's "label" is the name Gephi shows: the symbol, name or title.
            flat["node_type"] = flat.pop("label", "")
            flat["label"] = display_name(n, attrs)
        h.add_node(n, **flat)
    for u, v, k, attrs in g.edges(keys=True, data=True):
        flat = {kk: _flat_value(vv) for kk, vv in attrs.items() if vv is not None and vv != []}
        h.add_edge(u, v, key=k, **flat)
    return h


def display_name(node_id: str, attrs: dict) -> str:
    label = attrs.get("label")
    if label == "Instrument":
        return attrs.get("symbol") or attrs.get("name") or attrs.get("key") or node_id
    if label == "Document":
        return attrs.get("title") or attrs.get("doc_id") or node_id
    return attrs.get("name") or node_id


# --- writers -------------------------------------------------------------------

def write_graphml(g: nx.MultiDiGraph, target) -> None:
    with _binary_target(target) as f:
        nx.write_graphml(flat_graph(g), f, encoding="utf-8")


def write_gexf(g: nx.MultiDiGraph, target) -> None:
    with _binary_target(target) as f:
        nx.write_gexf(flat_graph(g, gexf=True), f, encoding="utf-8")


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


def write_json(g: nx.MultiDiGraph, target) -> None:
    """Node-link JSON, streamed one node or edge per line (a million documents stay small)."""
    dumps = json.dumps
    with _binary_target(target) as f:
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


def _csv_cell(value) -> str:
    if isinstance(value, list):
        # neo4j-admin splits arrays on ";": keep it out of the values.
        return ";".join(str(v).replace(";", ",") for v in value)
    return str(value)


_CSV_TYPES = {"chars": "int", "citations": "int", "year": "int", "mentions": "int",
              "documents": "int", "count": "int", "candidates": "string[]",
              "variants": "string[]", "evidence": "string[]"}


def _csv_node_files(g: nx.MultiDiGraph):
    """``(file name, header, rows)`` per node label, rows lazily."""
    columns: dict[str, set] = {label: set() for label in LABELS}
    for label, props in node_rows(g):
        columns[label].update(k for k in props if k != "id")
    for label in LABELS:
        cols = sorted(columns[label])
        header = [f"id:ID({label})"] + [f"{c}:{_CSV_TYPES[c]}" if c in _CSV_TYPES else c for c in cols] + [":LABEL"]
        yield f"nodes_{label}.csv", header, _node_csv_rows(g, label, cols)


def _csv_relationship_files(g: nx.MultiDiGraph):
    pairs = sorted({(sl, el) for _, sl, _, el, _, _ in relationship_rows(g)})
    for sl, el in pairs:
        header = [f":START_ID({sl})", f":END_ID({el})", "count:int", "evidence:string[]", ":TYPE"]
        yield f"rels_{sl}_{el}.csv", header, _relationship_csv_rows(g, sl, el)


def _node_csv_rows(g, label, cols):
    for lab, r in node_rows(g):
        if lab == label:
            yield [r["id"]] + [_csv_cell(r[c]) if c in r else "" for c in cols] + [label]


def _relationship_csv_rows(g, start_label, end_label):
    for rel_type, a, s, b, e, p in relationship_rows(g):
        if (a, b) == (start_label, end_label):
            yield [s, e, p["count"], _csv_cell(p.get("evidence", [])), rel_type]


def _import_script(names: list[str]) -> str:
    node_args = " ".join(f"--nodes={n}" for n in names if n.startswith("nodes_"))
    rel_args = " ".join(f"--relationships={n}" for n in names if n.startswith("rels_"))
    return ("#!/bin/sh\n# Load these CSV files into an EMPTY Neo4j 5 database (stop the database first):\n"
            "#   cd THIS_FOLDER && NEO4J_HOME=/path/to/neo4j sh import.sh [database]\n"
            'cd "$(dirname "$0")"\n'
            f'"${{NEO4J_HOME:-.}}/bin/neo4j-admin" database import full --overwrite-destination '
            f'--array-delimiter=";" {node_args} {rel_args} "${{1:-neo4j}}"\n')


def _write_csv_rows(f, header, rows) -> None:
    text = io.TextIOWrapper(f, encoding="utf-8", newline="")
    w = csv.writer(text, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    text.flush()
    text.detach()


def csv_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> CSV text, in ``neo4j-admin database import`` format (small graphs)."""
    files = {}
    for name, header, rows in list(_csv_node_files(g)) + list(_csv_relationship_files(g)):
        buffer = io.BytesIO()
        _write_csv_rows(buffer, header, rows)
        files[name] = buffer.getvalue().decode("utf-8")
    files["import.sh"] = _import_script(sorted(files))
    return files


def write_csv(g: nx.MultiDiGraph, target) -> None:
    """Write the neo4j-admin CSV files into the folder ``target``, streaming each file
    (or, to an open file, one ``== name ==`` section per file)."""
    if hasattr(target, "write"):
        for name, text in csv_tables(g).items():
            target.write(f"== {name} ==\n{text}".encode("utf-8"))
        return
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for name, header, rows in list(_csv_node_files(g)) + list(_csv_relationship_files(g)):
        with atomic_file(folder / name) as f:
            _write_csv_rows(f, header, rows)
        names.append(name)
    write_atomic(folder / "import.sh", _import_script(sorted(names)).encode("utf-8"))
    os.chmod(folder / "import.sh", 0o755)


def cypher_literal(value) -> str:
    """A Cypher literal for a string, integer or list (for scripts, not driver queries)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    s = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{s}'"


def _cypher_map(props: dict) -> str:
    return "{" + ", ".join(f"`{k}`: {cypher_literal(v)}" for k, v in props.items()) + "}"


def cypher_statements(g: nx.MultiDiGraph, batch: int = 200) -> list[str]:
    """Idempotent statements: constraints, then node MERGEs, then relationship MERGEs."""
    from graphbuild.db.schema import schema_statements          # one schema for script and sync
    statements = list(schema_statements())
    by_label: dict[str, list[dict]] = {}
    for label, props in node_rows(g):
        by_label.setdefault(label, []).append(props)
    for label, rows in by_label.items():
        for i in range(0, len(rows), batch):
            chunk = rows[i:i + batch]
            items = ",\n  ".join(
                "{id: %s, props: %s}" % (cypher_literal(r["id"]), _cypher_map({k: v for k, v in r.items() if k != "id"}))
                for r in chunk)
            statements.append(f"UNWIND [\n  {items}\n] AS row\nMERGE (n:{label} {{id: row.id}})\nSET n += row.props")
    rels: dict[tuple, list] = {}
    for rel_type, sl, s, el, e, props in relationship_rows(g):
        rels.setdefault((rel_type, sl, el), []).append((s, e, props))
    for (rel_type, sl, el), rows in sorted(rels.items()):
        for i in range(0, len(rows), batch):
            items = ",\n  ".join("{s: %s, t: %s, props: %s}" % (cypher_literal(s), cypher_literal(e), _cypher_map(p))
                                 for s, e, p in rows[i:i + batch])
            statements.append(
                f"UNWIND [\n  {items}\n] AS row\nMATCH (a:{sl} {{id: row.s}})\nMATCH (b:{el} {{id: row.t}})\n"
                f"MERGE (a)-[r:{rel_type}]->(b)\nSET r += row.props")
    return statements


def write_cypher(g: nx.MultiDiGraph, target) -> None:
    header = ("// graphbuild citation graph as idempotent Cypher: run it twice, nothing changes.\n"
              "// cypher-shell -u neo4j -f graph.cypher   (or paste into the Neo4j Browser)\n\n")
    with _binary_target(target) as f:
        f.write(header.encode("utf-8"))
        for statement in cypher_statements(g):
            f.write((statement + ";\n\n").encode("utf-8"))


WRITERS: dict[str, Callable[[nx.MultiDiGraph, BinaryIO | str | Path], None]] = {
    "graphml": write_graphml, "gexf": write_gexf, "json": write_json, "csv": write_csv,
    "cypher": write_cypher,
}


def write(g: nx.MultiDiGraph, fmt: str, target) -> None:
    if fmt == "html":
        from graphbuild.export.html import write_html
        write_html(g, target)
        return
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    writer(g, target)


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

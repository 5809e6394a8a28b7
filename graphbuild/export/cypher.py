"""A Cypher script of idempotent ``MERGE`` statements, constraints first.

A graph is data: its values are written as escaped literals, its property names between
backquotes, and a label or relationship type that is not the vocabulary's is refused
(:mod:`graphbuild.export.safe`), never written into the script.
"""

from __future__ import annotations

import networkx as nx

from graphbuild.db.model import node_rows, relationship_rows
from graphbuild.export.safe import cypher_key, cypher_name
from graphbuild.fileio import Target, path_or_file


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
    return "{" + ", ".join(f"{cypher_key(k)}: {cypher_literal(v)}" for k, v in props.items()) + "}"


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
            statements.append(f"UNWIND [\n  {items}\n] AS row\nMERGE (n:{cypher_name(label)} {{id: row.id}})\n"
                              "SET n += row.props")
    rels: dict[tuple, list] = {}
    for rel_type, sl, s, el, e, props in relationship_rows(g):
        rels.setdefault((rel_type, sl, el), []).append((s, e, props))
    for (rel_type, sl, el), rows in sorted(rels.items()):
        rel_type, sl, el = cypher_name(rel_type), cypher_name(sl), cypher_name(el)
        for i in range(0, len(rows), batch):
            items = ",\n  ".join("{s: %s, t: %s, props: %s}" % (cypher_literal(s), cypher_literal(e), _cypher_map(p))
                                 for s, e, p in rows[i:i + batch])
            statements.append(
                f"UNWIND [\n  {items}\n] AS row\nMATCH (a:{sl} {{id: row.s}})\nMATCH (b:{el} {{id: row.t}})\n"
                f"MERGE (a)-[r:{rel_type}]->(b)\nSET r += row.props")
    return statements


def write_cypher(g: nx.MultiDiGraph, target: Target) -> None:
    header = ("// graphbuild citation graph as idempotent Cypher: run it twice, nothing changes.\n"
              "// cypher-shell -u neo4j -f graph.cypher   (or paste into the Neo4j Browser)\n\n")
    with path_or_file(target) as f:
        f.write(header.encode("utf-8"))
        for statement in cypher_statements(g):
            f.write((statement + ";\n\n").encode("utf-8"))

"""The query texts of the sync. Values travel as parameters only; labels and relationship
types are spliced into the text after a check against a fixed whitelist (Cypher cannot take
them as parameters)."""

from __future__ import annotations

from graphbuild.db.model import LABELS
from graphbuild.db.schema import schema_statements
from graphbuild.graph.vocab import RELATION_TYPES

REL_TYPES = tuple(sorted(set(RELATION_TYPES) | {"ABOUT", "ISSUED_BY"}))
HASH_PROPERTY = "gb_hash"
COMPONENTS_QUERY = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"


def _label(label: str) -> str:
    if label not in LABELS:
        raise ValueError(f"not a graphbuild label: {label!r}")
    return label


def _rel_type(rel_type: str) -> str:
    if rel_type not in REL_TYPES:
        raise ValueError(f"not a graphbuild relationship type: {rel_type!r}")
    return rel_type


def upsert_nodes_query(label: str) -> str:
    # SET n = row (not +=): a property the graph dropped is dropped in the database too.
    return f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) SET n = row"


def upsert_rels_query(rel_type: str, start_label: str, end_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{_label(start_label)} {{id: row.s}}) "
            f"MATCH (b:{_label(end_label)} {{id: row.t}}) "
            f"MERGE (a)-[r:{_rel_type(rel_type)}]->(b) SET r = row.props")


def delete_rels_query(rel_type: str, start_label: str, end_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{_label(start_label)} {{id: row.s}})"
            f"-[r:{_rel_type(rel_type)}]->(b:{_label(end_label)} {{id: row.t}}) "
            f"WHERE r.{HASH_PROPERTY} IS NOT NULL DELETE r")


def delete_nodes_query(label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (n:{_label(label)} {{id: row.id}}) "
            f"WHERE n.{HASH_PROPERTY} IS NOT NULL DETACH DELETE n")


def node_state_query(label: str) -> str:
    return (f"MATCH (n:{_label(label)}) WHERE n.{HASH_PROPERTY} IS NOT NULL "
            f"RETURN n.id AS id, n.{HASH_PROPERTY} AS hash")


def rel_state_query(start_label: str) -> str:
    return (f"MATCH (a:{_label(start_label)})-[r]->(b) WHERE r.{HASH_PROPERTY} IS NOT NULL "
            f"RETURN type(r) AS type, a.id AS s, b.id AS t, labels(b) AS end_labels, "
            f"r.{HASH_PROPERTY} AS hash")


def all_sync_queries() -> list[str]:
    """Every query text the sync can send (for the grammar tests)."""
    queries = [COMPONENTS_QUERY, *schema_statements()]
    for label in LABELS:
        queries += [upsert_nodes_query(label), delete_nodes_query(label),
                    node_state_query(label), rel_state_query(label)]
    for rel_type in REL_TYPES:
        for sl in LABELS:
            for el in LABELS:
                queries += [upsert_rels_query(rel_type, sl, el), delete_rels_query(rel_type, sl, el)]
    return queries

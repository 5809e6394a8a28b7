"""The graph vocabulary (graphbuild.graph.vocab) is the one source of names.

Every label, relationship type and property a ``cypher/*.cypher`` file uses is in it (read
from the query's syntax tree, parsed by the ``cypherast`` grammar); the graphs the builder
makes use nothing else, with the declared Python types; the relation finder and the Neo4j
model derive their names from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cypherast                      # pip: cypherast (the "test" extra)
import pytest

from graphbuild.db import model
from graphbuild.db.schema import schema_statements
from graphbuild.graph import vocab
from graphbuild.pipeline import FACT_FIELDS
from graphbuild.relate.cues import RELATION_CUES

from .conftest import REPO

CYPHER = REPO / "cypher"
LIBRARY = sorted(p for p in CYPHER.glob("*.cypher") if p.name != "schema.cypher")

NEO4J_NODE_PROPERTIES = {label: {vocab.ID_PROPERTY, *kind.names} for label, kind in vocab.NODES.items()}
NEO4J_EDGE_PROPERTIES = {p.name for p in vocab.EDGE_PROPERTIES}
ANY_PROPERTY = set().union(*NEO4J_NODE_PROPERTIES.values(), NEO4J_EDGE_PROPERTIES)


@dataclass
class Used:
    """What one query names: labels, relationship types, ``(variable, property)`` reads."""

    labels: set = field(default_factory=set)
    types: set = field(default_factory=set)
    properties: list = field(default_factory=list)
    bindings: dict = field(default_factory=dict)      # variable -> labels or types


def query_text(text: str) -> str:
    kept = [line for line in text.splitlines() if not line.strip().startswith((":param", "//"))]
    return "\n".join(kept).strip().rstrip(";")


def names_used(query: str) -> Used:
    tree = cypherast.parse_one(query, read="neo4j5")
    used = Used()
    for node in tree.walk():
        kind = type(node).__name__
        variable = getattr(getattr(node, "variable", None), "this", None)
        if kind == "NodePattern" and node.labels is not None:
            labels = set(node.labels.labels)
            used.labels |= labels
            if variable:
                used.bindings.setdefault(variable, set()).update(labels)
        elif kind == "LabelPredicate":
            used.labels |= set(node.labels.labels)
        elif kind == "RelationshipPattern" and node.types:
            used.types |= set(node.types)
            if variable:
                used.bindings.setdefault(variable, set()).update(node.types)
        elif kind == "Property":
            owner = node.this.this if type(node.this).__name__ == "Identifier" else None
            used.properties.append((owner, node.name))
    return used


def vocabulary_errors(query: str) -> list[str]:
    """What ``query`` names that the vocabulary does not hold."""
    used = names_used(query)
    errors = [f"label {x!r}" for x in sorted(used.labels - set(vocab.LABELS))]
    errors += [f"relationship type {x!r}" for x in sorted(used.types - set(vocab.EDGE_TYPES))]
    for owner, name in used.properties:
        bound = used.bindings.get(owner, set())
        allowed = set().union(*(NEO4J_NODE_PROPERTIES.get(b, NEO4J_EDGE_PROPERTIES) for b in bound)) \
            if bound else ANY_PROPERTY
        if name not in allowed:
            errors.append(f"property {owner}.{name} (of {sorted(bound) or 'any node or edge'})")
    return errors


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_cypher_library_uses_only_the_vocabulary(path):
    query = query_text(path.read_text(encoding="utf-8"))
    used = names_used(query)
    assert used.labels or used.types, "the check saw nothing: the parser changed?"
    assert vocabulary_errors(query) == []


def test_schema_uses_only_the_vocabulary():
    text = (CYPHER / "schema.cypher").read_text(encoding="utf-8")
    pattern = re.compile(r"FOR \((\w+):(\w+)\) (?:REQUIRE|ON) \(?\1\.(\w+)")
    found = [pattern.search(s) for s in schema_statements()]
    assert all(found) and len(found) == len(re.findall(r"^CREATE ", text, re.M))
    for m in found:
        assert m[2] in vocab.LABELS and m[3] in NEO4J_NODE_PROPERTIES[m[2]], m[0]


def test_path_between_lists_every_relation_type():
    """The relation list spliced into path_between.cypher is exactly the vocabulary's."""
    used = names_used(query_text((CYPHER / "path_between.cypher").read_text(encoding="utf-8")))
    assert used.types == set(vocab.RELATION_TYPES)


@pytest.mark.parametrize("query, error", [
    ("MATCH (i:Instrumnet) RETURN i.key", "label 'Instrumnet'"),
    ("MATCH (a)-[:REVIEW]->(b) RETURN a.key", "relationship type 'REVIEW'"),
    ("MATCH (i:Instrument) RETURN i.symbl", "property i.symbl"),
    ("MATCH (d:Document) RETURN d.symbol", "property d.symbol"),          # an Instrument property
    ("MATCH (a)-[r:CITES]->(b) RETURN r.sentence", "property r.sentence"),
    ("MATCH (n) WHERE n:Bodies RETURN n.id", "label 'Bodies'"),
    ("MATCH p = (a)-[*]-(b) RETURN [x IN nodes(p) | x.nmae]", "property x.nmae"),
])
def test_the_check_catches_a_wrong_name(query, error):
    assert any(e.startswith(error) for e in vocabulary_errors(query))


def test_the_check_accepts_right_names():
    assert vocabulary_errors("MATCH (i:Instrument)-[r:IMPLEMENTS|REVIEWS]->(b:Instrument) "
                             "WHERE b:Instrument RETURN i.key, r.count, b.id") == []


# --- the graph and the modules use the vocabulary ----------------------------------------------

def test_relation_cues_follow_the_vocabulary_order():
    assert tuple(rel for rel, _ in RELATION_CUES) + (vocab.CITES,) == vocab.RELATION_TYPES


def test_neo4j_model_takes_its_properties_from_the_vocabulary():
    assert model.LABELS == vocab.LABELS
    assert model.NODE_PROPERTIES == {label: kind.names for label, kind in vocab.NODES.items()}
    assert model.INT_PROPERTIES == {"chars", "citations", "year", "mentions", "documents", "count"}
    assert model.LIST_PROPERTIES == {"candidates", "variants", "evidence", *vocab_status_properties()}


def vocab_status_properties() -> set[str]:
    return {vocab.SUPERSEDED_BY, vocab.REPEALED_BY, vocab.IN_PART_BY, vocab.ENDED_ON, vocab.UNDATED_BY,
            vocab.LEGAL_HISTORY}


def test_instrument_facts_are_instrument_properties():
    assert set(FACT_FIELDS) <= set(vocab.node_properties(vocab.INSTRUMENT))


def graph_errors(g) -> list[str]:
    """Every node, edge and attribute of ``g`` that the vocabulary does not declare."""
    errors = []
    ends = {(e.type, e.source, e.target) for e in vocab.EDGES}
    edge_props = {p.name: p for p in vocab.EDGE_PROPERTIES}
    for n, attrs in g.nodes(data=True):
        kind = vocab.NODES.get(attrs.get(vocab.LABEL_ATTR))
        if kind is None or not n.startswith(kind.prefix):
            errors.append(f"node {n}: label {attrs.get(vocab.LABEL_ATTR)!r}")
            continue
        for name, value in attrs.items():
            prop = kind.property(name)
            if name != vocab.LABEL_ATTR and (prop is None or not prop.accepts(value)):
                errors.append(f"node {n}: {name}={value!r}")
        if kind.label == vocab.INSTRUMENT and attrs.get("status") not in vocab.STATUSES:
            errors.append(f"node {n}: status {attrs.get('status')!r}")
    for u, v, k, attrs in g.edges(keys=True, data=True):
        end = (attrs.get(vocab.TYPE_ATTR), g.nodes[u].get(vocab.LABEL_ATTR), g.nodes[v].get(vocab.LABEL_ATTR))
        if k != end[0] or end not in ends:
            errors.append(f"edge {u} -[{k}]-> {v}: {end}")
        for name, value in attrs.items():
            prop = edge_props.get(name)
            if name != vocab.TYPE_ATTR and (prop is None or not prop.accepts(value)):
                errors.append(f"edge {u} -[{k}]-> {v}: {name}={value!r}")
        for sample in attrs.get("evidence", []):
            if tuple(sample) != vocab.EVIDENCE_FIELDS:
                errors.append(f"edge {u} -[{k}]-> {v}: evidence {tuple(sample)}")
    return errors


def test_the_seeds_graph_uses_only_the_vocabulary(seeds_graph):
    assert graph_errors(seeds_graph) == []
    labels = {a[vocab.LABEL_ATTR] for _, a in seeds_graph.nodes(data=True)}
    assert labels == set(vocab.LABELS)


def test_the_graph_check_catches_a_stray_name(sample_graph):
    g = sample_graph.copy()
    inst = next(n for n, a in g.nodes(data=True) if a["label"] == vocab.INSTRUMENT)
    g.nodes[inst]["year"] = "2020"                        # a str where an int belongs
    g.nodes[inst]["colour"] = "red"                       # undeclared
    doc = next(n for n, a in g.nodes(data=True) if a["label"] == vocab.DOCUMENT)
    g.add_edge(doc, inst, key="MENTIONS", type="MENTIONS", count=1, evidence=[])
    errors = graph_errors(g)
    assert any("year='2020'" in e for e in errors)
    assert any("colour" in e for e in errors)
    assert any("MENTIONS" in e for e in errors)


def test_property_types():
    year = vocab.NODES[vocab.INSTRUMENT].property("year")
    assert year.accepts(2020) and year.accepts(None) and not year.accepts("2020") and not year.accepts(True)
    variants = vocab.NODES[vocab.INSTRUMENT].property("variants")
    assert variants.is_list and variants.accepts(["NQ 49"]) and not variants.accepts(["x", 1])
    assert vocab.inst_node("49-NQ/TW@2005") == "inst:49-NQ/TW@2005"
    assert vocab.body_node("Bộ Chính trị").startswith("body:")


def test_sync_queries_use_only_vocabulary_labels_and_types():
    from graphbuild.db.queries import all_sync_queries
    queries = [q for q in set(all_sync_queries()) if not q.startswith("CREATE ")]   # DDL: test_schema_*
    assert queries
    for q in queries:
        used = names_used(q)
        assert used.labels <= set(vocab.LABELS) and used.types <= set(vocab.EDGE_TYPES), q

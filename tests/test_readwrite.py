"""Every export round-trips: node and edge counts equal after reading back."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest

from graphbuild.export import cypher, flatten, formats, nodelink


def counts(g):
    return g.number_of_nodes(), g.number_of_edges()


@pytest.mark.parametrize("fmt, reader", [
    ("graphml", nx.read_graphml), ("gexf", nx.read_gexf), ("json", nodelink.read_json)])
def test_round_trip_through_bytes(sample_graph, fmt, reader):
    buffer = io.BytesIO()
    formats.write(sample_graph, fmt, buffer)
    buffer.seek(0)
    back = reader(buffer)
    assert counts(back) == counts(sample_graph)


def test_graphml_and_gexf_hold_no_none_or_lists(sample_graph):
    flat = flatten.flat_graph(sample_graph)
    values = [v for _, a in flat.nodes(data=True) for v in a.values()]
    values += [v for *_, a in flat.edges(keys=True, data=True) for v in a.values()]
    assert all(isinstance(v, (str, int, float)) for v in values)


def test_json_shape(sample_graph):
    data = nodelink.to_json_data(sample_graph)
    assert all({"id", "label"} <= set(n) for n in data["nodes"])
    assert all("symbol" in n for n in data["nodes"] if n["label"] == "Instrument")
    assert all({"source", "target", "type"} <= set(e) for e in data["edges"])


def test_csv_is_neo4j_admin_import_format(sample_graph, tmp_path):
    formats.write(sample_graph, "csv", tmp_path / "csv")
    nodes = rels = 0
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        header = rows[0]
        if path.name.startswith("nodes_"):
            assert header[0].startswith("id:ID(") and header[-1] == ":LABEL"
            nodes += len(rows) - 1
        else:
            assert header[0].startswith(":START_ID(") and header[1].startswith(":END_ID(") and header[-1] == ":TYPE"
            rels += len(rows) - 1
    assert (nodes, rels) == counts(sample_graph)
    assert "neo4j-admin" in (tmp_path / "csv" / "import.sh").read_text()


def test_cypher_script_merges_every_node_and_edge(sample_graph):
    buffer = io.BytesIO()
    cypher.write_cypher(sample_graph, buffer)
    text = buffer.getvalue().decode()
    statements = [s for s in text.split(";\n") if s.strip() and not s.strip().startswith("//")]
    assert statements[0].lstrip().startswith(("// ", "CREATE CONSTRAINT")) or "CREATE CONSTRAINT" in statements[0]
    merged_nodes = sum(s.count("{id: '") for s in statements if "MERGE (n:" in s)
    merged_rels = sum(s.count("{s: '") for s in statements if "MERGE (a)-[" in s)
    assert (merged_nodes, merged_rels) == counts(sample_graph)
    assert "CREATE" not in text.replace("CREATE CONSTRAINT", "").replace("CREATE INDEX", "")


def test_cypher_literals_escape():
    assert cypher.cypher_literal("a'b\\c\nd") == "'a\\'b\\\\c\\nd'"
    assert cypher.cypher_literal(["x", 2]) == "['x', 2]"


def test_writing_to_a_path_is_atomic(sample_graph, tmp_path, monkeypatch):
    target = tmp_path / "g.json"
    target.write_text("old")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(nodelink.json, "dumps", broken)
    with pytest.raises(RuntimeError):
        nodelink.write_json(sample_graph, target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]

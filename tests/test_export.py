"""The export stage: every format read back and compared with the graph, attribute by attribute.

GraphML and GEXF hold the graph after the flattening :mod:`graphbuild.export.flatten`
documents (README, "Exports"): what ``networkx`` reads back must equal it for every node
and every edge, on the sample corpus, the seeds and 1,000 bulk documents.  The GEXF is
also validated against the GEXF 1.3 schema (``tests/data/gexf-1.3.xsd``).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.db.model import node_rows, relationship_rows
from graphbuild.db.schema import schema_statements
from graphbuild.export import cypher, flatten, formats, neo4j_csv, nodelink
from graphbuild.graph.vocab import INSTRUMENT, REPLACES

etree = pytest.importorskip("lxml.etree", reason="lxml validates GEXF (pip install lxml: the test extra)")
GEXF_XSD = Path(__file__).parent / "data" / "gexf-1.3.xsd"
GRAPHS = ["sample_graph", "seeds_graph", "bulk_graph_1000"]


def gexf_schema():
    return etree.XMLSchema(etree.parse(str(GEXF_XSD)))


def written(g, fmt: str) -> bytes:
    buffer = io.BytesIO()
    formats.write(g, fmt, buffer)
    return buffer.getvalue()


def edge_table(g) -> Counter:
    """Edges as a multiset of (source, target, sorted attributes): the reader's edge ids aside."""
    return Counter((u, v, json.dumps({k: a[k] for k in sorted(a) if k != "id"}, ensure_ascii=False))
                   for u, v, a in g.edges(data=True))


def assert_same_attributes(back, expected) -> None:
    assert set(back.nodes) == set(expected.nodes)
    for n, attrs in expected.nodes(data=True):
        assert back.nodes[n] == attrs, n
    assert edge_table(back) == edge_table(expected)


@pytest.mark.parametrize("graph", GRAPHS)
def test_gexf_is_valid_gexf_1_3_and_reads_back_attribute_for_attribute(graph, request):
    g = request.getfixturevalue(graph)
    data = written(g, "gexf")
    schema = gexf_schema()
    assert schema.validate(etree.fromstring(data, etree.XMLParser(huge_tree=True))), schema.error_log
    back = nx.read_gexf(io.BytesIO(data))
    for _, attrs in back.nodes(data=True):
        attrs.pop("id", None)                   # not there: the node id is the node
    for *_, attrs in back.edges(data=True):
        attrs.pop("id")                         # the GEXF edge id (a running number)
    back.graph.clear()
    assert_same_attributes(back, flatten.flat_graph(g))


@pytest.mark.parametrize("graph", GRAPHS)
def test_graphml_reads_back_attribute_for_attribute(graph, request):
    g = request.getfixturevalue(graph)
    back = nx.read_graphml(io.BytesIO(written(g, "graphml")), force_multigraph=True)
    assert_same_attributes(back, flatten.flat_graph(g))


def test_the_schema_refuses_a_relation_as_the_gexf_edge_type(sample_graph):
    # What the GEXF export used to write: type="CITES" (GEXF allows directed|undirected|mutual).
    data = written(sample_graph, "gexf").replace(b"<edge id=", b'<edge type="CITES" id=', 1)
    schema = gexf_schema()
    assert not schema.validate(etree.fromstring(data))
    assert "CITES" in str(schema.error_log)


def test_the_comparison_sees_a_changed_attribute(sample_graph):
    expected = flatten.flat_graph(sample_graph)
    back = nx.read_graphml(io.BytesIO(written(sample_graph, "graphml")), force_multigraph=True)
    u, v, k = next(iter(back.edges(keys=True)))
    back.edges[u, v, k]["relation"] = "NOT_A_RELATION"
    with pytest.raises(AssertionError):
        assert_same_attributes(back, expected)


def test_the_flattening_gephi_sees(seeds_graph):
    flat = flatten.flat_graph(seeds_graph)
    inst = next(n for n, a in seeds_graph.nodes(data=True) if a["label"] == INSTRUMENT and a.get("symbol")
                and a.get("year") and a.get("variants"))
    a = seeds_graph.nodes[inst]
    f = flat.nodes[inst]
    assert (f["node_type"], f["label"], f["start"]) == (INSTRUMENT, a["symbol"], a["year"])
    assert f["variants"] == " | ".join(a["variants"])
    u, v, k, e = next((u, v, k, e) for u, v, k, e in seeds_graph.edges(keys=True, data=True) if e.get("evidence"))
    fe = flat.edges[u, v, k]
    assert fe["relation"] == fe["label"] == e["type"] and fe["weight"] == e["count"]
    assert json.loads(fe["evidence"]) == e["evidence"] and "type" not in fe
    values = [v for _, a in flat.nodes(data=True) for v in a.values()]
    values += [v for *_, a in flat.edges(keys=True, data=True) for v in a.values()]
    assert all(isinstance(v, (str, int, float)) for v in values)


def test_a_replaced_instrument_ends_when_it_is_replaced():
    g = nx.MultiDiGraph()
    g.add_node("inst:a", label=INSTRUMENT, symbol="1/2010/NĐ-CP", year=2010)
    g.add_node("inst:b", label=INSTRUMENT, symbol="2/2015/NĐ-CP", year=2015)
    g.add_node("inst:c", label=INSTRUMENT, symbol="3/2009/NĐ-CP", year=2009)   # earlier: no end
    g.add_edge("inst:b", "inst:a", key=REPLACES, type=REPLACES, count=1)
    g.add_edge("inst:c", "inst:b", key=REPLACES, type=REPLACES, count=1)
    flat = flatten.flat_graph(g)
    assert (flat.nodes["inst:a"]["start"], flat.nodes["inst:a"]["end"]) == (2010, 2015)
    assert "end" not in flat.nodes["inst:b"] and flat.edges["inst:b", "inst:a", REPLACES]["start"] == 2015


def test_text_xml_cannot_hold_and_mixed_types_are_flattened_as_documented():
    g = nx.MultiDiGraph()
    g.add_node("doc:a", label="Document", title="A\x08B\r\nC\t\"<&>", chars=3, date="2020-01-02")
    g.add_node("doc:b", label="Document", title="x", chars="many")
    flat = flatten.flat_graph(g)
    assert flat.nodes["doc:a"]["title"] == "A\ufffdB\r\nC\t\"<&>"
    assert (flat.nodes["doc:a"]["chars"], flat.nodes["doc:a"]["start"]) == ("3", 2020)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = read(io.BytesIO(written(g, fmt)))
        assert back.nodes["doc:a"]["title"] == "A\ufffdB\r\nC\t\"<&>", fmt


def test_graphml_keys_are_named_for_their_attribute(sample_graph):
    root = etree.fromstring(written(sample_graph, "graphml"))
    keys = {(k.get("for"), k.get("attr.name")): k.get("id") for k in root.iter("{*}key")}
    assert keys[("node", "label")] == "label" and keys[("node", "date")] == "date"
    assert keys[("edge", "relation")] == "edge_relation"


@pytest.mark.parametrize("graph", GRAPHS)
def test_json_round_trip_keeps_every_attribute(graph, request):
    g = request.getfixturevalue(graph)
    # graph.json leaves None out, but an instrument's symbol is always there (null when none).
    expected = g.copy()
    for n, attrs in expected.nodes(data=True):
        for k in [k for k, v in attrs.items() if v is None and not (k == "symbol" and attrs["label"] == INSTRUMENT)]:
            del attrs[k]
        if attrs["label"] == INSTRUMENT:
            attrs.setdefault("symbol", None)
    back = nodelink.read_json(io.BytesIO(written(g, "json")))
    assert nx.utils.graphs_equal(back, expected)


def test_json_shape(sample_graph):
    data = nodelink.to_json_data(sample_graph)
    assert all({"id", "label"} <= set(n) for n in data["nodes"])
    assert all("symbol" in n for n in data["nodes"] if n["label"] == "Instrument")
    assert all({"source", "target", "type"} <= set(e) for e in data["edges"])


def _csv_value(header: str, cell: str):
    kind = header.partition(":")[2]
    if kind == "int":
        return int(cell)
    if kind == "string[]":
        return cell.split(neo4j_csv.ARRAY_DELIMITER) if cell else []
    return cell


def test_csv_holds_every_node_and_relationship_property(sample_graph, tmp_path):
    formats.write(sample_graph, "csv", tmp_path / "csv")
    nodes, rels = {}, Counter()
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        header, *rows = list(csv.reader(path.open(encoding="utf-8")))
        for row in rows:
            cells = dict(zip(header, row))
            if path.name.startswith("nodes_"):
                label = cells.pop(":LABEL")
                node_id = cells.pop(header[0])
                props = {h.partition(":")[0]: _csv_value(h, c) for h, c in cells.items() if c != ""}
                nodes[node_id] = (label, props)
            else:
                rels[(row[0], row[1], row[-1], int(cells["count:int"]),
                      tuple(_csv_value("x:string[]", cells["evidence:string[]"])))] += 1
    expected_nodes = {}
    for label, props in node_rows(sample_graph):
        props = dict(props)
        node_id = props.pop("id")
        expected_nodes[node_id] = (label, {k: [str(x) for x in v] if isinstance(v, list) else v
                                           for k, v in props.items() if v != []})
    assert nodes == expected_nodes
    assert rels == Counter((s, e, t, p["count"], tuple(str(x) for x in p.get("evidence", [])))
                           for t, _, s, _, e, p in relationship_rows(sample_graph))


def test_cypher_script_merges_every_node_and_edge(sample_graph):
    text = written(sample_graph, "cypher").decode()
    code = "\n".join(line for line in text.splitlines() if not line.startswith("//"))   # comments only
    statements = [s.strip() for s in code.split(";\n") if s.strip()]
    assert statements[:3] == [s for s in schema_statements() if "CONSTRAINT" in s]
    node_ids = [cypher.cypher_literal(n) for n in sample_graph.nodes]
    merged = "".join(s for s in statements if "MERGE (n:" in s)
    assert all(f"{{id: {i}, props:" in merged for i in node_ids)
    rel_merges = [s for s in statements if "MERGE (a)-[" in s]
    for rel_type, _, s, _, e, _ in relationship_rows(sample_graph):
        assert any(f"{{s: {cypher.cypher_literal(s)}, t: {cypher.cypher_literal(e)}," in m
                   and f"MERGE (a)-[r:{rel_type}]->(b)" in m for m in rel_merges), (s, rel_type, e)
    assert "CREATE" not in text.replace("CREATE CONSTRAINT", "").replace("CREATE INDEX", "")


def test_cypher_literals_escape():
    assert cypher.cypher_literal("a'b\\c\nd") == "'a\\'b\\\\c\\nd'"
    assert cypher.cypher_literal(["x", 2]) == "['x', 2]"


def test_the_registry_drives_the_build_and_the_command_line():
    from graphbuild.build import ALL_FORMATS
    from graphbuild.cli.graph import ExportFormat

    assert ALL_FORMATS == tuple(formats.FORMATS) == tuple(f.value for f in ExportFormat)
    assert [f.name for f in formats.FORMATS.values() if f.folder] == ["csv", "parquet"]
    with pytest.raises(ValueError, match="unknown format 'dot'"):
        formats.write(nx.MultiDiGraph(), "dot", io.BytesIO())


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


def _fake_neo4j(home: Path, log: Path) -> dict:
    """A NEO4J_HOME whose neo4j-admin, neo4j and cypher-shell only log their arguments."""
    (home / "bin").mkdir(parents=True)
    for tool in ("neo4j-admin", "neo4j", "cypher-shell"):
        script = home / "bin" / tool
        script.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n')
        script.chmod(0o755)
    return {"PATH": "/usr/bin:/bin", "NEO4J_HOME": str(home)}


def test_import_sh_says_what_it_replaces_takes_the_database_and_creates_the_constraints_after(
        sample_graph, tmp_path):
    import subprocess

    formats.write(sample_graph, "csv", tmp_path / "csv")
    script = tmp_path / "csv" / "import.sh"
    log = tmp_path / "calls.log"
    env = _fake_neo4j(tmp_path / "neo4j", log)

    def run(*args):
        return subprocess.run(["sh", str(script), *args], env=env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL)

    assert run().returncode == 2                                   # no database: usage, nothing run
    refused = run("citations")                                     # not a terminal, no --yes
    assert refused.returncode == 1 and "REPLACES the Neo4j database 'citations'" in refused.stderr
    assert not log.exists()
    done = run("citations", "--yes")
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    # The database name first: neo4j-admin's --nodes/--relationships take every word after them.
    assert calls[0].startswith("neo4j-admin database import full citations --overwrite-destination")
    assert "--nodes=nodes_Instrument.csv" in calls[0]
    assert calls[-1] == "cypher-shell -d citations -f schema.cypher"   # the constraints, after the import
    schema = (tmp_path / "csv" / "schema.cypher").read_text()
    assert "CREATE CONSTRAINT instrument_id" in schema
    (tmp_path / "neo4j" / "bin" / "cypher-shell").unlink()             # no cypher-shell: say what to run
    log.unlink()
    bare = run("citations", "--yes")
    assert bare.returncode == 0 and "cypher-shell -d citations -f schema.cypher" in bare.stderr
    assert [c.split()[0] for c in log.read_text().splitlines()] == ["neo4j-admin"]


@pytest.mark.parametrize("name", list(formats.FORMATS))
def test_every_format_writes_the_same_bytes_to_a_path_and_to_an_open_file(sample_graph, tmp_path, name):
    fmt = formats.FORMATS[name]
    path = formats.write_into(sample_graph, name, tmp_path)
    assert path == tmp_path / fmt.filename
    if fmt.folder:
        assert path.is_dir() and sorted(p.name for p in path.iterdir())
        return
    assert path.read_bytes() == written(sample_graph, name)
    assert [p.name for p in tmp_path.iterdir()] == [fmt.filename]          # no temp file left

"""The exports loaded into a real Neo4j 5.26 and compared with ``graph.json``, content for content.

* ``graph.cypher`` run statement by statement through the driver, each in its own auto-commit
  transaction, as ``cypher-shell -f graph.cypher`` runs it, into an empty database.
* ``csv/`` loaded by its own ``import.sh`` with the real ``neo4j-admin database import full``
  (Neo4j 5.26 Community's AdminTool from Maven Central: ``scripts/neo4j_admin.sh``) into a
  fresh store; a second server started on that store; the constraints and indexes created by
  the step import.sh prints (``graphbuild query schema.cypher --write --database neo4j``).

The graph is the seeds graph plus values that break naive quoting: quotes, backslashes, ``;``
(the statement end of a script, and neo4j-admin's default array delimiter), ``//``, commas,
newlines, and Vietnamese text.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess

import pytest
from typer.testing import CliRunner

from graphbuild import read_graph, write_graph
from graphbuild.cli.commands import app
from graphbuild.db.connect import open_driver
from graphbuild.db.model import node_rows, relationship_rows
from graphbuild.db.queryfile import split_statements
from graphbuild.db.schema import schema_statements

from .conftest import REPO
from .neo4j_server import contents, neo4j_server, wipe

pytestmark = pytest.mark.integration

NASTY = ["Nghị quyết 'số 1' của \"Bộ Chính trị\"; xem // chú thích, C:\\",
         "dòng một\ndòng hai\r\n;\n", "kết thúc bằng \\", "a;b;c, d", "MATCH (n) DETACH DELETE n;"]


@pytest.fixture(scope="module")
def build(tmp_path_factory, seeds_graph):
    """A build folder (graph.json, graph.cypher, csv/) of the seeds graph with nasty values."""
    g = seeds_graph.copy()
    docs = sorted(n for n, a in g.nodes(data=True) if a["label"] == "Document")
    insts = sorted(n for n, a in g.nodes(data=True) if a["label"] == "Instrument")
    for node, text in zip(docs, NASTY):
        g.nodes[node]["title"] = text
    g.nodes[insts[0]]["variants"] = NASTY
    evidence = [{"doc": "x", "start": i, "end": i + 1, "sentence": s, "rule": "r"} for i, s in enumerate(NASTY)]
    g.add_edge(insts[0], insts[1], key="AMENDS", type="AMENDS", count=2, evidence=evidence)
    out = tmp_path_factory.mktemp("build")
    write_graph(g, out, formats=["json", "cypher", "csv"])
    return out


def key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def expected(build) -> tuple[set, set]:
    """graph.json as the database must hold it (the model's properties; no gb_hash)."""
    g = read_graph(build / "graph.json")
    return ({key([[label], props]) for label, props in node_rows(g)},
            {key([s, t, e, props]) for t, _, s, _, e, props in relationship_rows(g)})


@pytest.fixture(scope="module")
def driver(neo4j_server):
    drv = open_driver(neo4j_server.uri, neo4j_server.auth)
    yield drv
    drv.close()


def test_graph_cypher_loads_into_an_empty_database_as_graph_json(driver, build):
    wipe(driver)
    text = (build / "graph.cypher").read_text(encoding="utf-8")
    statements = split_statements(text)
    assert len(statements) > len(schema_statements()) + 3
    with driver.session() as session:
        for statement in statements:                    # auto-commit, one by one: cypher-shell -f
            session.run(statement).consume()
    want_nodes, want_rels = expected(build)
    assert contents(driver) == (want_nodes, want_rels)
    names = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name").records}
    assert {"document_id", "instrument_id", "body_id"} <= names

    with driver.session() as session:                    # a second run changes nothing
        for statement in statements:
            counters = session.run(statement).consume().counters
            assert not (counters.nodes_created or counters.relationships_created), statement[:80]
    assert contents(driver) == (want_nodes, want_rels)


# --- the neo4j-admin CSV -------------------------------------------------------------------

def test_csv_headers_follow_the_neo4j_admin_format(build):
    """Each file's header: an ``:ID(<label>)`` / ``:START_ID`` ``:END_ID`` column naming the
    label's id space, ``name:type`` for every non-string property, ``:LABEL`` / ``:TYPE``
    (https://neo4j.com/docs/operations-manual/5/tools/neo4j-admin/neo4j-admin-import/)."""
    folder = build / "csv"
    g = read_graph(build / "graph.json")
    types = {"int": int, "string[]": list}
    for path in sorted(folder.glob("nodes_*.csv")):
        label = path.stem.split("_", 1)[1]
        with path.open(encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        assert header[0] == f"id:ID({label})" and header[-1] == ":LABEL"
        for column in header[1:-1]:
            name, _, kind = column.partition(":")
            values = [p[name] for lb, p in node_rows(g) if lb == label and name in p]
            assert values, f"{path.name}: {name} holds nothing"
            assert all(isinstance(v, types.get(kind, str)) for v in values), (path.name, column)
        assert {r[0] for r in rows} == {p["id"] for lb, p in node_rows(g) if lb == label}
    for path in sorted(folder.glob("rels_*.csv")):
        start, end = path.stem.split("_")[1:]
        with path.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert header == [f":START_ID({start})", f":END_ID({end})", "count:int", "evidence:string[]", ":TYPE"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory, build):
    """A server started on the store that csv/import.sh made with the real neo4j-admin."""
    home = tmp_path_factory.mktemp("neo4j_home")
    (home / "bin").mkdir()
    (home / "bin" / "neo4j-admin").symlink_to(REPO / "scripts" / "neo4j_admin.sh")
    result = subprocess.run(["sh", str(build / "csv" / "import.sh"), "neo4j", "--yes"],
                            env={**os.environ, "NEO4J_HOME": str(home)}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "IMPORT DONE" in result.stdout + result.stderr, \
        (result.stdout + result.stderr)[-3000:]
    assert "graphbuild query schema.cypher --write --database neo4j" in result.stderr     # the next step
    with neo4j_server(tmp_path_factory.mktemp("imported"), "--copy-from", str(home)) as server:
        drv = open_driver(server.uri, server.auth)
        yield server, drv
        drv.close()


def test_csv_imported_by_neo4j_admin_is_graph_json(imported, build):
    server, drv = imported
    assert contents(drv) == expected(build)


def test_constraints_after_an_import_come_from_the_documented_step(imported, build):
    server, drv = imported
    assert drv.execute_query("SHOW CONSTRAINTS YIELD name RETURN name").records == []
    result = CliRunner().invoke(app, ["query", str(build / "csv" / "schema.cypher"), "--write", "--database", "neo4j",
                                      "--uri", server.uri, "--user", server.user],
                                env={"NEO4J_PASSWORD": server.password})
    assert result.exit_code == 0, result.stderr
    names = {r["name"] for r in drv.execute_query("SHOW CONSTRAINTS YIELD name RETURN name").records}
    assert names == {"document_id", "instrument_id", "body_id"}
    indexes = {r["name"] for r in drv.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' "
                                                    "RETURN name").records}
    assert indexes == {s.split()[2] for s in schema_statements()}       # each constraint has its index
